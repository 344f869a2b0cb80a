"""`ln-tui serve`: loopback by default, --public with a warning, a clear message for a port in use,
a page that loads nothing from outside the machine; and in a real headless Chromium, the
network's name in the terminal, F4 reaching the app, a second tab told the file is in use."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser import SCREENSHOTS, free_port

from ln_tui.cli import main
from ln_tui.demo import build_demo
from ln_tui.serve import TEMPLATES, app_command, is_loopback
from ln_tui.store import NetworkStore

NAME = "Lerend netwerk Zorgcoördinatie"

# Wraps the page's WebSocket before textual.js runs: everything the app sends to the terminal
# is kept as text in window.__lnText, so that the test can read what the terminal was given.
CAPTURE = """
window.__lnText = "";
const NativeWebSocket = window.WebSocket;
const decoder = new TextDecoder();
window.WebSocket = function (url, protocols) {
  const socket = protocols ? new NativeWebSocket(url, protocols) : new NativeWebSocket(url);
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") {
      window.__lnText += decoder.decode(event.data, { stream: true });
    }
  });
  return socket;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
"""


def test_only_loopback_addresses_count_as_private() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20") and not is_loopback("example.org")


def test_a_public_address_is_refused_without_public(network_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(network_path), "--host", "0.0.0.0", "--port", str(free_port())]) == 2
    error = capsys.readouterr().err
    assert "no login" in error and "--public" in error and "ssh -L" in error


def test_a_port_in_use_gets_a_clear_message(network_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(network_path), "--port", str(port)]) == 2
    assert f"port {port} is in use by another program; choose another with --port." in capsys.readouterr().err


def test_each_tab_runs_this_ln_tui_in_this_language(network_path: Path) -> None:
    command = app_command(network_path, present=True)
    assert command.startswith(sys.executable) and " -m ln_tui present " in command and command.endswith("--lang en")


def test_the_page_template_links_nothing_outside_the_machine() -> None:
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "url(http" not in page
    import textual_serve

    static = Path(textual_serve.__file__).parent / "static"
    for path in (static / "js" / "textual.js", static / "css" / "xterm.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg\.com|jsdelivr)", text), path
        assert not re.search(r"(import|@import|src=|url\()\s*[\"']?https?://", text), path


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start `ln-tui serve` on the demo network on a free port; returns the page's address."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(*options: str) -> str:
        path = tmp_path / "network.json"
        if not path.exists():
            with NetworkStore.open(path) as store:
                build_demo(store)
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "ln_tui", "serve", str(path), "--port", str(port), *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "LN_TUI_LANG": "en"},
        )
        processes.append(process)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return f"http://127.0.0.1:{port}/"
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)  # waiting for a server to listen, not for a timer
        raise AssertionError("ln-tui serve did not start listening")

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def terminal_text(driver, wanted: str, timeout: float = 30) -> str:
    """What the terminal in the page was given, once it contains `wanted`."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=0.2).until(
        lambda d: wanted in (d.execute_script("return window.__lnText || ''") or "")
    )
    return str(driver.execute_script("return window.__lnText"))


def open_page(chromium, url: str):
    driver = chromium(width=1280, height=800)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE})
    driver.get(url)
    return driver


def test_the_console_in_a_browser(served, chromium) -> None:  # the browser closes first
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url = served()
    html = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
    assert f"<title>{NAME}</title>" in html and "network.json" not in html and sys.executable not in html
    assert not re.search(r"(src|href)=\"https?://", html)

    driver = open_page(chromium, url)
    assert NAME in terminal_text(driver, NAME)
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "serve-console.png"))
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(
        name.startswith(url.rstrip("/")) or name.startswith("ws://127.0.0.1") for name in requested
    )

    driver.execute_script("window.__lnText = ''")
    ActionChains(driver).click(driver.find_element(By.ID, "terminal")).send_keys(Keys.F4).perform()
    assert "Introductions" in terminal_text(driver, "Introductions")  # F4: the kickoff board
    time.sleep(0.5)  # let the canvas draw before the picture (the assertion above did not need it)
    driver.save_screenshot(str(SCREENSHOTS / "serve-board.png"))

    second = open_page(chromium, url)  # a second tab on the file the first has open: another seat
    assert NAME in terminal_text(second, NAME)
    time.sleep(0.5)
    second.save_screenshot(str(SCREENSHOTS / "serve-second-tab.png"))


def test_the_room_view_in_a_browser(served, chromium) -> None:
    driver = open_page(chromium, served("--present"))
    assert NAME in terminal_text(driver, NAME)
    time.sleep(0.5)
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "serve-present.png"))


def test_a_tab_on_a_file_open_elsewhere_joins_as_a_seat(
    store: NetworkStore, network_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ln_tui.screens.served import MessageApp

    shown: list[str] = []
    ran: list[object] = []
    monkeypatch.setattr(MessageApp, "run", lambda self: shown.append(self.message))
    monkeypatch.setattr("ln_tui.app.LnApp.run", lambda self: ran.append(self))
    monkeypatch.setenv("LN_TUI_SERVED", "1")
    assert main([str(network_path)]) == 0  # `store` has the file open, as the console does
    assert not shown and len(ran) == 1


def test_a_tab_whose_file_is_stuck_in_a_save_is_told_so_in_the_page(
    store: NetworkStore, network_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ln_tui.screens.served import MessageApp
    from ln_tui.store import FileInUse

    def stuck(*args: object, **kwargs: object) -> None:
        raise FileInUse(network_path, None)

    shown: list[str] = []
    monkeypatch.setattr(MessageApp, "run", lambda self: shown.append(self.message))
    monkeypatch.setattr("ln_tui.store.lock.NetworkLock.acquire", stuck)
    monkeypatch.setenv("LN_TUI_SERVED", "1")
    assert main([str(network_path)]) == 2
    assert shown == ["network.json is being saved by another seat right now. Reload this page in a moment."]


async def test_the_message_page_shows_the_text_literally_and_closes_with_q() -> None:
    from ln_tui.screens.served import MessageApp

    app = MessageApp("[@click=app.quit]network.json[/] is in use")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "[@click=app.quit]network.json[/] is in use" in str(app.query_one("#served-message").render())
        await pilot.press("q")
    assert app.return_code == 0


def test_snapshot_message_page(snap_compare) -> None:
    from ln_tui.screens.served import MessageApp

    app = MessageApp("network.json is already open in another browser tab or terminal. Close it there, then reload.")
    assert snap_compare(app, terminal_size=(80, 24))
