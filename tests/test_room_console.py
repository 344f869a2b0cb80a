"""The room from the console: opening and closing it, the panel, the QR code, the moderation queue,
and phones (real aiohttp clients on 127.0.0.1) feeding the board a Pilot looks at."""

from __future__ import annotations

import socket
from collections.abc import Callable

import aiohttp
import pytest
from browser import free_port
from conftest import FakeClock, until
from room_helpers import HOSTILE, populate
from textual.widgets import OptionList, Static

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.room.model import RoomPart, Submission
from ln_tui.room.server import COOKIE
from ln_tui.screens.room import control
from ln_tui.screens.room.screen import RoomScreen
from ln_tui.screens.widgets.qr import HALF_BLOCKS, QrCode, qr_lines, qr_matrix
from ln_tui.store import NetworkStore

TOKEN = "0123456789ABCDEF0123456789ABCDEF"


def port_is_free(port: int) -> bool:
    """Whether a new server could listen there (as servers do, past connections closing in TIME_WAIT)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> int:
    """ctrl+r opens the room on 127.0.0.1 and a free port (the machine's own address outside tests)."""
    port = free_port()
    monkeypatch.setattr(control, "default_host", lambda: "127.0.0.1")
    monkeypatch.setattr(control, "DEFAULT_PORT", port)
    return port


class PhoneClient:
    """A phone on the real server: its own cookie jar."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""

    async def get(self, path: str) -> str:
        async with self.session.get(self.url + path) as response:
            text = await response.text()
        if 'name="csrf" value="' in text:
            self.csrf = text.split('name="csrf" value="')[1].split('"')[0]
        return text

    async def post(self, path: str, data: dict[str, str]) -> int:
        async with self.session.post(self.url + path, data={"csrf": self.csrf, **data}) as response:
            await response.read()
            return response.status

    async def close(self) -> None:
        await self.session.close()


def screen_text(app: LnApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_ctrl_r_opens_the_room_and_its_panel_and_closing_frees_the_port(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        assert port_is_free(loopback)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        assert isinstance(app.screen, RoomScreen)
        url = app.room_control().url
        assert url.startswith(f"http://127.0.0.1:{loopback}/r/")
        assert url in str(app.screen.query_one("#room-url", Static).render()).replace("\n", "")
        assert not port_is_free(loopback)
        phone = PhoneClient(url)
        assert "Welcome to the room" in await phone.get("/")
        await pilot.pause()
        assert "Phones connected: 0" in str(app.screen.query_one("#room-phones", Static).render())  # a cookie, no slot
        await phone.get("/")  # back with its cookie: it counts (the room's process says so)
        phones = app.screen.query_one("#room-phones", Static)
        await until(pilot, lambda: "Phones connected: 1" in str(phones.render()))
        await pilot.press("c")  # close: the link dies with the server
        await pilot.pause()
        assert port_is_free(loopback)
        assert not app.room_control().url
        with pytest.raises(aiohttp.ClientConnectionError):
            await phone.get("/")
        await phone.close()
        await pilot.press("o")  # a new opening: a new token
        await until(pilot, lambda: app.room_control().is_open)
        assert app.room_control().is_open and not port_is_free(loopback)
        await pilot.press("escape")
        assert not isinstance(app.screen, RoomScreen)
    assert port_is_free(loopback)  # quitting stops the server


async def test_the_painted_qr_code_is_segnos_code_of_the_join_url(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        qr = app.screen.query_one("#room-qr", QrCode)
        painted = [qr.render_line(y) for y in range(qr.size.height)]
        # every cell black on white, whatever the theme
        assert all(
            segment.style is not None
            and segment.style.color is not None
            and segment.style.color.triplet is not None
            and segment.style.color.triplet.hex == "#000000"
            and segment.style.bgcolor is not None
            and segment.style.bgcolor.triplet is not None
            and segment.style.bgcolor.triplet.hex == "#ffffff"
            for strip in painted
            for segment in strip
            if segment.text.strip(" ")
        )
        cells = {char: pair for pair, char in HALF_BLOCKS.items()}
        modules: list[list[bool]] = []
        for strip in painted:
            line = "".join(segment.text for segment in strip)[: len(qr.lines[0])]
            modules.append([cells[char][0] for char in line])
            modules.append([cells[char][1] for char in line])
        url = app.room_control().url
        expected = qr_matrix(url.upper())
        assert modules[: len(expected)] == expected
        assert all(not module for row in modules[len(expected) :] for module in row)
        assert all(not any(row) for row in expected[:4])  # the quiet zone: four modules of white
        assert url.upper().casefold() == url.casefold()  # the code holds the join URL (read case-blind)


async def test_a_phones_item_waits_in_the_queue_until_accepted_and_hidden_ones_go_nowhere(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        await pilot.press("k")  # open the kickoff board for the room
        await pilot.pause()
        assert app.room_control().room.parts() == [RoomPart.KICKOFF]
        phone = PhoneClient(app.room_control().url)

        async def kickoff_open() -> bool:  # the room's process follows the file: the panel's k reaches it soon
            return 'name="kind"' in await phone.get("/kickoff")

        await until(pilot, kickoff_open)
        assert await phone.post("/kickoff/item", {"kind": "question", "text": HOSTILE[0]}) == 200
        assert await phone.post("/kickoff/item", {"kind": "expectation", "text": "hide me"}) == 200
        queue = app.screen.query_one("#room-queue", OptionList)
        await until(pilot, lambda: queue.option_count == 2)  # the console follows the file the room wrote
        shown = str(queue.get_option_at_index(0).prompt)
        assert HOSTILE[0] in shown and "anonymous" in shown
        await pilot.press("a")
        await pilot.pause()
        assert queue.option_count == 1
        await pilot.press("h")
        await pilot.pause()
        assert queue.option_count == 0
        items = store.repo(BoardItem).all()
        assert [(i.column, i.text, i.member_id) for i in items] == [(BoardColumn.QUESTIONS, HOSTILE[0], None)]
        assert [s.hidden for s in store.repo(Submission).all()] == [True]
        await pilot.press("escape")
        await pilot.pause()
        board = app.screen.query_one("#list-questions")
        assert board.item_count == 1  # type: ignore[attr-defined]  # a BoardColumnList
        assert app.is_running  # the markup in the text did nothing
        await phone.close()


async def test_accepted_directly_a_phones_item_and_vote_reach_the_board_on_screen(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int, clock: FakeClock
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        await pilot.press("t", "k", "escape")  # accept directly first: the room sees it once it sees the board open
        phone = PhoneClient(app.room_control().url)

        async def kickoff_open() -> bool:
            return 'name="kind"' in await phone.get("/kickoff")

        await until(pilot, kickoff_open)
        assert await phone.post("/kickoff/item", {"kind": "question", "text": "Straight on"}) == 200
        board = app.screen.query_one("#list-questions")
        await until(pilot, lambda: len(board.items) == 1)  # type: ignore[attr-defined]  # a BoardColumnList
        assert [item.text for item in board.items] == ["Straight on"]  # type: ignore[attr-defined]  # a BoardColumnList
        [item] = store.repo(BoardItem).all()
        clock.advance(1)  # the board shows phones' changes at most every ROOM_REFRESH seconds
        assert await phone.post("/kickoff/vote", {"item": str(item.id)}) == 200
        await until(pilot, lambda: board.items[0].votes == 1)  # type: ignore[attr-defined]  # a BoardColumnList
        assert [i.votes for i in board.items] == [1]  # type: ignore[attr-defined]  # a BoardColumnList
        board.focus()
        await pilot.press("plus")  # the facilitator's own vote adds to the phone's
        assert store.repo(BoardItem).get(item.id or 0).votes == 2  # type: ignore[union-attr]  # it exists
        await phone.close()


async def test_the_room_opens_at_start_with_an_address(store: NetworkStore, make_app: Callable[..., LnApp]) -> None:
    port = free_port()
    app = make_app(store, room_address=("127.0.0.1", port))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.room_control().is_open and not port_is_free(port)
        url = app.room_control().url
        assert url.startswith(f"http://127.0.0.1:{port}/r/")
        async with aiohttp.ClientSession() as session, session.get(url + "/") as response:
            assert response.status == 200
            assert COOKIE in response.cookies
    assert port_is_free(port)


async def test_a_port_in_use_is_said_plainly(store: NetworkStore, make_app: Callable[..., LnApp]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = make_app(store, room_address=("127.0.0.1", port))
        said: list[str] = []
        notify = app.notify

        def recording(message: str, **kwargs: object) -> None:
            said.append(str(message))
            notify(message, **kwargs)  # type: ignore[arg-type]  # passed on as given

        app.notify = recording  # type: ignore[method-assign]  # records what the user is told
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert not app.room_control().is_open and not app.room_control().url
            assert any(f"could not open on 127.0.0.1:{port}" in message for message in said)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--room", "nonsense"], "--room wants [HOST:]PORT"),
        (["--room", "8765", "--read-only"], "leave out --read-only"),
    ],
)
def test_the_command_line_room_option(
    argv: list[str], message: str, store: NetworkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(store.path), *argv]) == 2
    assert message in capsys.readouterr().err


async def test_the_join_url_is_never_in_the_network_file_and_beside_it_only_while_the_room_is_open(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    """`ln-tui present` (another process) reads it beside the file to show the QR code to the room;
    in the file it would stay in every backup and kept state."""
    import stat

    from ln_tui.room.links import join_url_file, read_join_url
    from ln_tui.room.model import JOIN_URL_SETTING

    store.set_setting(JOIN_URL_SETTING, "http://stale.example/r/old")  # an older console that crashed
    join_url_file(store.path).write_text("http://stale.example/r/older")  # a console that crashed
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert store.setting(JOIN_URL_SETTING) is None and read_join_url(store.path) == ""
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        assert read_join_url(store.path) == app.room_control().url
        assert stat.S_IMODE(join_url_file(store.path).stat().st_mode) == 0o600
        await pilot.press("c")
        await pilot.pause()
        assert not join_url_file(store.path).exists()
        await pilot.press("o")
        await until(pilot, lambda: app.room_control().is_open)
        assert read_join_url(store.path) == app.room_control().url
        token = app.room_control().url.rsplit("/", 1)[1].upper()
        assert token not in store.path.read_text().upper()
        kept = set(store.path.parent.glob(store.path.name + ".*")) - {join_url_file(store.path)}  # backups, lock
        assert all(token not in path.read_bytes().decode(errors="replace").upper() for path in kept)
    assert not join_url_file(store.path).exists()  # quitting closes it
    assert store.setting(JOIN_URL_SETTING) is None


async def test_the_join_code_widget_shows_the_link_and_hides_when_the_room_closes() -> None:
    from textual.app import App, ComposeResult

    from ln_tui.screens.widgets.qr import JoinCode

    url = f"http://127.0.0.1:8765/r/{TOKEN.lower()}"

    class Shown(App[None]):
        def compose(self) -> ComposeResult:
            yield JoinCode(url)

    app = Shown()
    async with app.run_test(size=(80, 30)) as pilot:
        code = app.query_one(JoinCode)
        assert code.display and url in str(code.query_one(".join-link", Static).render())
        assert code.query_one(QrCode).lines == qr_lines(qr_matrix(url.upper()))
        code.show("")
        await pilot.pause()
        assert not code.display
