"""A real headless Chromium for the pages ln-tui serves (Debian's `chromium` and `chromium-driver`).

Where the browser is missing the tests that need it skip, saying how to install it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

INSTALL_HINT = "needs Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver"


def chromium_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture
def chromium() -> Iterator[Callable[..., object]]:
    """Start headless Chromium: `chromium(width=390, height=844)` returns a Selenium WebDriver."""
    paths = chromium_paths()
    if paths is None:
        pytest.skip(INSTALL_HINT)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = paths
    drivers: list[webdriver.Chrome] = []
    profiles: list[str] = []

    def start(width: int = 1280, height: int = 800, language: str = "en") -> webdriver.Chrome:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        profile = tempfile.mkdtemp(prefix="ln-tui-chromium-")
        profiles.append(profile)
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--lang={language}",
        ):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
        driver.set_page_load_timeout(30)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()
    for profile in profiles:
        shutil.rmtree(profile, ignore_errors=True)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SCREENSHOTS = Path(__file__).parent / "screenshots"
