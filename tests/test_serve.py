"""`ln-tui serve`: loopback by default, --public with a warning, a clear message for a port in use,
a page that loads nothing from outside the machine; and in a real headless Chromium, the
network's name in the terminal, F4 reaching the app, a second tab told the file is in use.

Under attack (issue 21): nothing without the secret, the Host that is ours only, the WebSocket from
the page's own origin only (a cross-origin page in Chromium gets nothing), strict headers on every
answer, no listing, a cap on tabs; and the textual-serve behaviour this relies on, pinned."""

from __future__ import annotations

import asyncio
import base64
import gc
import os
import re
import select
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from browser import SCREENSHOTS, free_port

from ln_tui.cli import main
from ln_tui.demo import build_demo
from ln_tui.serve import SERVED_ENV, TEMPLATES, app_command, browser_at_hand, is_loopback, make_server
from ln_tui.store import NetworkStore

NAME = "Lerend netwerk Zorgcoördinatie"

# Wraps the page's WebSocket before textual.js runs: everything the app sends to the terminal
# is kept as text in window.__lnText, so that the test can read what the terminal was given.
CAPTURE = """
window.__lnText = "";
window.__lnBlocked = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__lnBlocked.push(event.violatedDirective + " " + event.blockedURI);
});
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
    """Start `ln-tui serve` on the demo network on a free port; returns the address it prints (with its secret)."""
    processes: list[subprocess.Popen[str]] = []

    def start(*options: str) -> str:
        path = tmp_path / "network.json"
        if not path.exists():
            with NetworkStore.open(path) as store:
                build_demo(store)
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "ln_tui", "serve", str(path), "--port", str(port), "--no-browser", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LN_TUI_LANG": "en"},
        )
        processes.append(process)
        assert process.stdout is not None
        ready, _unused, _unused = select.select([process.stdout], [], [], 30)  # bounded: never a hung test
        line = process.stdout.readline() if ready else ""  # printed once it listens; "" if it stopped
        found = re.search(rf"http://127\.0\.0\.1:{port}/[A-Za-z0-9_-]{{22}}/", line)
        assert found, line + (process.stderr.read() if process.stderr and process.poll() is not None else "")
        return found[0]

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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


@pytest.mark.long
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
        name.startswith(url)
        or name.startswith(url.replace("http://", "ws://"))
        or name == url.split("/", 3)[0] + "//" + url.split("/")[2] + "/favicon.ico"  # the browser's own (404)
        for name in requested
    )

    assert driver.execute_script("return window.__lnBlocked") == []  # nothing the page needs is refused by its CSP
    driver.execute_script("window.__lnText = ''")
    ActionChains(driver).click(driver.find_element(By.ID, "terminal")).send_keys(Keys.F4).perform()
    assert "Introductions" in terminal_text(driver, "Introductions")  # F4: the kickoff board
    time.sleep(0.5)  # let the canvas draw before the picture (the assertion above did not need it)
    driver.save_screenshot(str(SCREENSHOTS / "serve-board.png"))

    second = open_page(chromium, url)  # a second tab on the file the first has open: another seat
    assert NAME in terminal_text(second, NAME)
    time.sleep(0.5)
    second.save_screenshot(str(SCREENSHOTS / "serve-second-tab.png"))


def press(driver, *keys: str) -> None:
    """Keys to the terminal in the page, as typed."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    ActionChains(driver).click(driver.find_element(By.ID, "terminal")).send_keys(*keys).perform()


@pytest.mark.long
def test_two_tabs_are_two_seats_an_item_typed_on_one_appears_on_the_other(served, chromium, tmp_path: Path) -> None:
    """Issue 25, item 3: a second tab is not refused but a seat of its own: it asks who is at it,
    says in its header which seat it is, and what it types reaches the first tab within moments."""
    from selenium.webdriver.common.keys import Keys

    from ln_tui.model import Meeting, MeetingKind

    with NetworkStore.open(tmp_path / "network.json") as store:  # a small board: every item in view
        profile = store.profile()
        profile.name = NAME
        store.save_profile(profile)
        kickoff = store.meetings.add(Meeting("2026-03-03", MeetingKind.KICKOFF, "13:30"))
        store.set_current_meeting(kickoff.id)
    url = served()
    first = open_page(chromium, url)
    assert NAME in terminal_text(first, NAME)
    assert "this tab: " in terminal_text(first, "this tab: ")  # a browser tab names its seat
    press(first, Keys.F4)
    terminal_text(first, "Introductions")

    second = open_page(chromium, url)  # the file is open in the first tab: a seat, not a refusal
    terminal_text(second, "Who are you in this meeting?")
    second.execute_script("window.__lnText = ''")
    press(second, "Sofie")  # the name is asked afresh: the serving computer's is not this tab's
    terminal_text(second, "Sofie")
    press(second, Keys.ENTER)
    assert "this tab: Sofie" in terminal_text(second, "this tab: Sofie")
    assert "with Sofie" in terminal_text(first, "with Sofie")  # the first tab's header: who else is here
    press(second, Keys.F4)
    terminal_text(second, "Introductions")
    first.execute_script("window.__lnText = ''")
    press(second, Keys.RIGHT)  # to the questions
    press(second, "n")
    terminal_text(second, "New in Questions")  # the editor is open: what is typed now goes into it
    press(second, "Two tabs, two seats", Keys.ENTER)
    assert "Two tabs, two seats" in terminal_text(first, "Two tabs, two seats")  # bounded: 30 s at most
    with NetworkStore.open(tmp_path / "network.json", read_only=True) as store:
        from ln_tui.kickoff.model import BoardItem

        assert [item.text for item in store.repo(BoardItem).all()] == ["Two tabs, two seats"]
    # ctrl+g reaches ln-tui through the browser (Chromium's own "find next" does not take it): a cue
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(second).key_down(Keys.CONTROL).send_keys("g").key_up(Keys.CONTROL).perform()
    terminal_text(second, "Cue to the speaker")
    press(second, "1")
    terminal_text(second, "Cue shown on the room")  # said only once it is on disk
    with NetworkStore.open(tmp_path / "network.json", read_only=True) as store:
        from ln_tui.discussion.cue import Cue, CueKind, current_cue

        assert current_cue(store) == Cue(CueKind.ONE_MINUTE)
    time.sleep(0.5)  # let the canvas draw before the pictures (the assertions above did not need it)
    SCREENSHOTS.mkdir(exist_ok=True)
    first.save_screenshot(str(SCREENSHOTS / "serve-two-seats-first.png"))
    second.save_screenshot(str(SCREENSHOTS / "serve-two-seats-second.png"))


async def test_a_browser_tab_asks_who_is_at_it_each_time_and_keeps_the_answer_to_itself(
    store: NetworkStore, network_path: Path, make_app
) -> None:
    """Tabs of one server share the serving computer's settings, but may be different people: a tab
    asks even when the settings name a seat, names its own seat in the header, and saves nothing."""
    from textual.widgets import Input

    from ln_tui.screens.seat import SeatForm
    from ln_tui.seats import Presence, Seat
    from ln_tui.settings import Settings

    facilitator = Presence(network_path, "facilitator-tab", Seat("Jan", "facilitator"))
    facilitator.beat()
    settings = Settings(theme="projector", language="en", seat_name="Jan", seat_job="facilitator")
    app = make_app(store, settings=settings, served=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SeatForm)
            assert app.screen.query_one(Input).value == ""  # the computer's seat name is not offered
            await pilot.press(*"Sofie", "enter")
            assert app.presence.seat == Seat("Sofie", "facilitator")
            app.seats_beat()  # the heartbeat (every second) names the other seats in the header
            assert app.sub_title.startswith("this tab: Sofie: facilitator · with Jan: facilitator")
    finally:
        facilitator.leave()
    assert Settings.load().seat_name == "" and settings.seat_name == "Jan"  # the computer's seat is untouched


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


# -- under attack (issue 21, item 1) ----------------------------------------------------------------

SECRET = "s3cr3t-s3cr3t-s3cr3t-0"  # 22 characters, as new_secret() makes them
# A stand-in for a tab's ln-tui: says it is a Textual app, then waits for textual-serve's "quit".
FAKE_TAB = shlex.join([sys.executable, "-c", "import sys; print('__GANGLION__', flush=True); sys.stdin.buffer.read(1)"])


class Guarded:
    """`ln-tui serve`'s application on 127.0.0.1 and a free port, in this test's loop."""

    def __init__(self, server: Any, port: int) -> None:
        self.server = server
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.page = f"{self.base}/{SECRET}/"
        self.origin = self.base
        self.session = aiohttp.ClientSession()

    async def get(self, path: str, **headers: str) -> tuple[int, str, Any]:
        async with self.session.get(self.base + path, headers=headers, allow_redirects=False) as response:
            return response.status, await response.text(), response.headers

    async def tab(self, origin: str | None = None, language: str = "en") -> aiohttp.ClientWebSocketResponse:
        headers = {"Origin": origin or self.origin, "Accept-Language": language}
        return await self.session.ws_connect(f"ws://127.0.0.1:{self.port}/{SECRET}/ws", headers=headers)

    async def tabs_become(self, count: int) -> None:
        """Wait (bounded) until the server counts `count` tabs: a closed tab's process has ended."""
        for _attempt in range(200):
            if self.server.guard.tabs == count:
                return
            await asyncio.sleep(0.02)  # a process ending, not a timer
        raise AssertionError(f"{self.server.guard.tabs} tabs, not {count}")


@pytest.fixture
async def guarded(network_path: Path) -> AsyncIterator[Guarded]:
    from aiohttp.test_utils import TestServer

    with NetworkStore.open(network_path) as store:
        profile = store.profile()
        profile.name = NAME
        store.save_profile(profile)
    port = free_port()
    server = make_server(
        network_path, host="127.0.0.1", port=port, present=False, max_tabs=2, secret=SECRET, command=FAKE_TAB
    )
    test_server = TestServer(server.application(), host="127.0.0.1", port=port)
    await test_server.start_server()
    client = Guarded(server, port)
    yield client
    await client.session.close()
    await client.tabs_become(0)  # every tab's process has ended
    await test_server.close()
    collect_process_transports()


def collect_process_transports() -> None:
    """textual-serve never closes an ended tab's process transport (it waits for the collector):
    collected while this test's loop still runs, not after it closed."""
    gc.collect()


def test_the_secret_is_128_random_bits_made_new_at_each_start(network_path: Path) -> None:
    first, second = (make_server(network_path, host="127.0.0.1", port=8000, present=False) for _ in range(2))
    assert first.guard.secret != second.guard.secret
    assert len(base64.urlsafe_b64decode(first.guard.secret + "==")) == 16
    assert first.guard.public_url() == f"http://127.0.0.1:8000/{first.guard.secret}/"


async def test_nothing_is_answered_without_the_secret(guarded: Guarded) -> None:
    for path in ("/", "/static/", "/static/js/textual.js", "/ws", "/download/x", f"/{SECRET[:-1]}/", f"/x{SECRET}/"):
        status, text, _headers = await guarded.get(path)
        assert status == 404, path
        assert NAME not in text and "textual" not in text
    status, text, _headers = await guarded.get(f"/{SECRET[:-1]}x/ws", Origin=guarded.origin)
    assert status == 404
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await guarded.session.ws_connect(f"ws://127.0.0.1:{guarded.port}/ws", headers={"Origin": guarded.origin})
    assert refused.value.status == 404
    # With it: the page, its files, the WebSocket.
    status, text, _headers = await guarded.get(f"/{SECRET}/")
    assert status == 200 and f"<title>{NAME}</title>" in text
    assert f'data-session-websocket-url="ws://127.0.0.1:{guarded.port}/{SECRET}/ws"' in text
    for path in ("static/js/textual.js", "static/css/xterm.css", "page.js", "page.css"):
        status, _text, _headers = await guarded.get(f"/{SECRET}/{path}")
        assert status == 200, path
    tab = await guarded.tab()
    await tab.close()


async def test_no_directory_is_listed(guarded: Guarded) -> None:
    for path in ("static/", "static/js/", "static/css", "static/fonts/", "static/images"):
        status, text, _headers = await guarded.get(f"/{SECRET}/{path}")
        assert status == 404 and "textual.js" not in text and "xterm.css" not in text, path


async def test_a_host_that_is_not_the_address_served_is_refused(guarded: Guarded) -> None:
    """DNS rebinding: evil.example resolving to 127.0.0.1 reaches the port, but not ln-tui."""
    for host in (
        "evil.example:{port}",
        "localhost:{port}",
        "127.0.0.2:{port}",
        "127.0.0.1.nip.io:{port}",
        "x@127.0.0.1",
    ):
        wrong = host.format(port=guarded.port)
        for path in (f"/{SECRET}/", f"/{SECRET}/static/js/textual.js", f"/{SECRET}/ws"):
            status, text, _headers = await guarded.get(path, Host=wrong, Origin=f"http://{wrong}")
            assert status == 421 and "ln-tui serve printed" in text and NAME not in text, (wrong, path)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await guarded.session.ws_connect(
                f"ws://127.0.0.1:{guarded.port}/{SECRET}/ws", headers={"Host": wrong, "Origin": f"http://{wrong}"}
            )
        assert refused.value.status == 421


async def test_through_an_ssh_tunnel_the_page_and_its_websocket_work_on_another_port(guarded: Guarded) -> None:
    """ssh -L 9000:127.0.0.1:PORT: the browser says Host 127.0.0.1:9000, and its page's origin is that."""
    status, text, _headers = await guarded.get(f"/{SECRET}/", Host="127.0.0.1:9000")
    assert status == 200 and f'data-session-websocket-url="ws://127.0.0.1:9000/{SECRET}/ws"' in text
    tab = await guarded.session.ws_connect(
        f"ws://127.0.0.1:{guarded.port}/{SECRET}/ws",
        headers={"Host": "127.0.0.1:9000", "Origin": "http://127.0.0.1:9000"},
    )
    await tab.close()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # another page on the tunnel's machine
        await guarded.session.ws_connect(
            f"ws://127.0.0.1:{guarded.port}/{SECRET}/ws",
            headers={"Host": "127.0.0.1:9000", "Origin": "http://127.0.0.1:9001"},
        )
    assert refused.value.status == 403


async def test_the_websocket_is_taken_only_from_the_pages_own_origin(guarded: Guarded) -> None:
    for origin in (
        "http://localhost:9999",
        f"http://localhost:{guarded.port}",
        f"https://127.0.0.1:{guarded.port}",
        "http://127.0.0.1:9999",
        "null",
        "http://evil.example",
    ):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await guarded.tab(origin=origin)
        assert refused.value.status == 403, origin
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # no Origin at all: not a page of ours
        await guarded.session.ws_connect(f"ws://127.0.0.1:{guarded.port}/{SECRET}/ws")
    assert refused.value.status == 403
    assert guarded.server.guard.tabs == 0  # no ln-tui was started for any of them


async def test_every_answer_carries_the_headers(guarded: Guarded) -> None:
    answers = [
        await guarded.get(f"/{SECRET}/"),
        await guarded.get(f"/{SECRET}/static/js/textual.js"),
        await guarded.get(f"/{SECRET}/page.js"),
        await guarded.get("/"),
        await guarded.get(f"/{SECRET}/static/"),
        await guarded.get(f"/{SECRET}/", Host="evil.example"),
        await guarded.get(f"/{SECRET}/ws", Origin="http://evil.example"),
        await guarded.get(f"/{SECRET}"),
    ]
    assert [status for status, _text, _headers in answers] == [200, 200, 200, 404, 404, 421, 403, 302]
    for status, _text, headers in answers:
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self';" in policy, status
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, status
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store"
    policy = answers[0][2]["Content-Security-Policy"]
    assert f"connect-src ws://127.0.0.1:{guarded.port}/{SECRET}/ws;" in policy  # the WebSocket to itself only
    assert "connect-src 'none';" in answers[5][2]["Content-Security-Policy"]  # a refused Host is not echoed
    page = answers[0][1]
    assert "<script>" not in page and "onclick" not in page.lower() and "<style" not in page  # nothing inline


async def test_tabs_are_capped_and_a_refused_tab_is_told_why_in_its_language(guarded: Guarded) -> None:
    first, second = await guarded.tab(), await guarded.tab()
    await guarded.tabs_become(2)
    status, text, headers = await guarded.get(f"/{SECRET}/", **{"Accept-Language": "nl-BE,nl;q=0.9,en;q=0.5"})
    assert status == 429 and headers["Retry-After"]
    assert 'lang="nl"' in text and "ln-tui is al open in 2 browsertabbladen" in text
    status, text, _headers = await guarded.get(f"/{SECRET}/", **{"Accept-Language": "en"})
    assert status == 429 and "ln-tui is already open in 2 browser tabs (a seat each)" in text
    third = await guarded.tab(language="nl")  # two tabs that loaded the page at once: the later one
    assert (await third.receive()).type == aiohttp.WSMsgType.CLOSE and third.close_code == 4429
    assert guarded.server.guard.tabs == 2
    await first.close()
    await guarded.tabs_become(1)
    status, _text, _headers = await guarded.get(f"/{SECRET}/")
    assert status == 200
    fourth = await guarded.tab()
    await guarded.tabs_become(2)
    for tab in (second, third, fourth):
        await tab.close()
    await guarded.tabs_become(0)


def test_the_address_is_printed_and_opened_only_where_a_browser_is_at_hand(
    network_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from aiohttp import web
    from textual_serve.server import Server

    import ln_tui.serve

    opened: list[str] = []
    monkeypatch.setattr(ln_tui.serve.webbrowser, "open", opened.append)
    monkeypatch.setattr(web, "run_app", lambda app, **options: options["print"]("listening"))
    monkeypatch.setattr(Server, "initialize_logging", lambda self: None)  # the test run's logging stays
    monkeypatch.setenv(SERVED_ENV, "")  # serve() sets it for the tabs; put back after the test
    for at_hand, option, expected in ((True, [], 1), (True, ["--no-browser"], 0), (False, [], 0)):
        monkeypatch.setattr(ln_tui.serve, "browser_at_hand", lambda at_hand=at_hand: at_hand)
        opened.clear()
        assert main(["serve", str(network_path), "--port", str(free_port()), *option]) == 0
        printed = capsys.readouterr().out
        [url] = re.findall(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{22}/", printed)
        assert opened == [url] * expected
    assert not browser_at_hand({"DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"}, "linux")
    assert not browser_at_hand({}, "linux")  # a console without a graphical session: no text browser here
    assert browser_at_hand({"WAYLAND_DISPLAY": "wayland-0"}, "linux") and browser_at_hand({}, "darwin")


def test_the_tab_cap_is_a_setting_within_reason(network_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for wrong in ("0", "21"):
        assert main(["serve", str(network_path), "--port", str(free_port()), "--tabs", wrong]) == 2
        assert "--tabs must be between 1 and 20" in capsys.readouterr().err


# -- the textual-serve behaviour the guard relies on (textual-serve==1.1.3) ---------------------------


def test_textual_serve_is_the_version_the_guard_was_written_for() -> None:
    from importlib.metadata import version

    assert version("textual-serve") == "1.1.3"  # on an upgrade: read its server again, then these tests


async def test_textual_serves_websocket_handler_checks_no_origin_itself() -> None:
    """Why the guard exists: textual-serve's handler, mounted alone, upgrades a cross-origin WebSocket
    and starts the command. It is a plain aiohttp handler, so ours can run it after our checks."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer
    from textual_serve.server import Server

    upstream = Server(FAKE_TAB)
    app = web.Application()
    app.router.add_get("/ws", upstream.handle_websocket)
    async with TestClient(TestServer(app)) as client:
        socket = await client.ws_connect("/ws", headers={"Origin": "http://evil.example", "Host": "evil.example"})
        assert not socket.closed  # taken, and the command started
        await socket.close()
    collect_process_transports()


def test_textual_js_connects_where_the_page_says_and_makes_its_own_styles() -> None:
    """The page hands textual.js the WebSocket's address (with the secret) in the terminal element;
    textual.js and xterm.js put styles in <style> elements they make (why the CSP allows inline
    styles, and no inline script); its downloads go to /download/ without the secret (ln-tui
    delivers no files, so that route is not served)."""
    import textual_serve

    script = (Path(textual_serve.__file__).parent / "static" / "js" / "textual.js").read_text(encoding="utf-8")
    assert "this.websocket_url=e.dataset.sessionWebsocketUrl" in script
    assert 'document.querySelectorAll(".textual-terminal")' in script
    assert 'createElement("style")' in script
    assert "${window.location.origin}/download/" in script
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert 'class="textual-terminal"' in page and 'data-session-websocket-url="{{ app_websocket_url }}"' in page


# A page of another origin (another port on 127.0.0.1) that knows even the secret: its WebSocket
# gets no ln-tui, no byte of a screen.
EVIL_PAGE = """<!DOCTYPE html><html><body><script>
window.report = { opened: false, messages: 0, closed: false };
const socket = new WebSocket("{socket}");
socket.onopen = () => { window.report.opened = true; socket.send(JSON.stringify(["stdin", "\\u001bOR"])); };
socket.onmessage = () => { window.report.messages += 1; };
socket.onclose = () => { window.report.closed = true; };
</script></body></html>"""


def test_a_cross_origin_page_in_chromium_gets_nothing_from_the_websocket(served, chromium, tmp_path: Path) -> None:
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    from selenium.webdriver.support.ui import WebDriverWait

    url = served()
    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "evil.html").write_text(
        EVIL_PAGE.replace("{socket}", url.replace("http://", "ws://") + "ws"), encoding="utf-8"
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "evil"))
    evil = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = Thread(target=evil.serve_forever, daemon=True)
    thread.start()
    try:
        driver = chromium()
        driver.get(f"http://localhost:{evil.server_address[1]}/evil.html")
        WebDriverWait(driver, 20, poll_frequency=0.1).until(
            lambda d: d.execute_script("return window.report.closed || window.report.opened")
        )
        assert driver.execute_script("return window.report") == {"opened": False, "messages": 0, "closed": True}
        # The same browser on the page itself: its WebSocket works.
        driver = open_page(chromium, url)
        assert NAME in terminal_text(driver, NAME)
    finally:
        evil.shutdown()
        evil.server_close()
        thread.join(5)


@pytest.mark.long
def test_tabs_over_the_cap_are_told_why_in_their_language_in_chromium(served, chromium) -> None:
    """--tabs 1: a tab that loaded the page while the first was connecting, then connects, is told
    why in its page (Dutch, its browser's language); a tab loaded afterwards gets the refusal page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url = served("--tabs", "1")
    late = chromium(language="nl")
    late.get(url + "?delay=1")  # loaded now, connecting only when told (textual.js's own delay)
    first = open_page(chromium, url)
    assert NAME in terminal_text(first, NAME)
    late.execute_script("history.replaceState(null, '', location.pathname); window.onload();")
    WebDriverWait(late, 20, poll_frequency=0.1).until(
        lambda d: "-closed" in d.find_element(By.TAG_NAME, "body").get_attribute("class")
    )
    said = late.find_element(By.ID, "ended").text
    assert (
        said == "ln-tui is al open in 1 browsertabblad (elk een plaats), zoveel als deze server toelaat (--tabs). "
        "Sluit het en laad deze pagina dan opnieuw."
    )
    assert late.find_element(By.ID, "again").text == "Opnieuw proberen"
    SCREENSHOTS.mkdir(exist_ok=True)
    late.save_screenshot(str(SCREENSHOTS / "serve-refused-late.png"))
    late.get(url)
    assert "ln-tui is al open in 1 browsertabblad" in late.find_element(By.ID, "refused").text
    late.save_screenshot(str(SCREENSHOTS / "serve-refused.png"))
