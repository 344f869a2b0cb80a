"""The room in a process of its own (issue 25, items 1 and 2): a seat of the file that serves the phones.

Started and stopped with the console (Pilot and a real child process on 127.0.0.1), ended when its
console is killed, killed itself while phones post (every item a phone was told "sent" is in the
file), moderated from a second seat; and its write queue: one save per burst, a phone answered
only once its write is on disk. Replaces tests/test_room_console_first.py, which pinned the
scheduler that ran the phones inside the console's event loop.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from browser import free_port
from conftest import FakeClock, until
from room_helpers import populate

from ln_tui.app import LnApp
from ln_tui.i18n import _, set_language
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Member
from ln_tui.room.links import join_url_file, read_join_url
from ln_tui.room.model import RoomPart, Submission, SubmissionKind
from ln_tui.room.process import ROOM_NICENESS, RoomNotStarted, RoomProcess
from ln_tui.room.room import Room
from ln_tui.room.server import BUSY_GROUP_SECONDS, GROUP_SECONDS, NotSaved, WriteQueue
from ln_tui.screens.kickoff.board import BoardColumnList
from ln_tui.screens.room import control
from ln_tui.screens.room.screen import RoomScreen
from ln_tui.seats import Presence, Seat
from ln_tui.store import NetworkStore

BOUND = 15.0  # seconds: the longest any wait here may take


def alive(pid: int) -> bool:
    """Whether a process is still running (a child of ours that ended and was not reaped is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def wait_gone(pid: int, seconds: float = BOUND) -> float:
    """How long the process took to end; fails the test past `seconds`."""
    started = time.monotonic()
    while alive(pid):
        if time.monotonic() - started > seconds:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"process {pid} still running after {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def open_for_phones(store: NetworkStore) -> None:
    """The kickoff open to phones, their anonymous items straight onto the board (in the file)."""
    room = Room(store)
    room.toggle_part(RoomPart.KICKOFF)
    room.toggle_accept_directly()


def phone_session() -> aiohttp.ClientSession:
    """A phone: its own cookies (kept for an address like 127.0.0.1 too), bounded waits."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=BOUND))


async def send_item(session: aiohttp.ClientSession, url: str, text: str) -> bool:
    """A phone's item; whether the room told it "sent" (its answer: a redirect to ?sent=...)."""
    async with session.get(url + "/kickoff") as page:
        html = await page.text()
    if 'name="csrf" value="' not in html:
        return False
    csrf = html.split('name="csrf" value="')[1].split('"')[0]
    form = {"csrf": csrf, "kind": "question", "text": text}
    async with session.post(url + "/kickoff/item", data=form, allow_redirects=False) as sent:
        return sent.status == 303 and "sent=" in sent.headers.get("Location", "")


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> int:
    port = free_port()
    monkeypatch.setattr(control, "default_host", lambda: "127.0.0.1")
    monkeypatch.setattr(control, "DEFAULT_PORT", port)
    return port


@pytest.fixture
async def started(store: NetworkStore) -> AsyncIterator[Callable[[], RoomProcess]]:
    """Room processes on the test's file, each stopped at the end whatever the test did."""
    made: list[RoomProcess] = []

    def start() -> RoomProcess:
        made.append(RoomProcess(store.path))
        return made[-1]

    yield start
    for process in made:
        await process.stop()


# -- with the console -------------------------------------------------------------------------------------------
async def test_the_room_process_starts_and_stops_with_the_console(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen) and app.room_control().is_open)
        first = app.room_control().process.pid
        assert first is not None and first != os.getpid() and alive(first)
        # Below the console: when the phones and the person typing want the same core, the typing gets it.
        assert os.getpriority(os.PRIO_PROCESS, first) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + ROOM_NICENESS)
        url = app.room_control().url
        assert url.startswith(f"http://127.0.0.1:{loopback}/r/")
        await pilot.press("t", "k")  # items straight onto the board, the kickoff open: written to the file
        assert Room(store).parts() == [RoomPart.KICKOFF]
        await pilot.press("escape")
        async with phone_session() as phone:
            await until(pilot, lambda: send_item(phone, url, "From a phone"))  # once the room has followed the file
        questions = app.screen.query_one("#list-questions", BoardColumnList)
        await until(pilot, lambda: [item.text for item in questions.items] == ["From a phone"])
        await pilot.press("ctrl+r", "c")  # closed in the panel: the process ends, the port is free
        await pilot.pause()
        assert not app.room_control().is_open
        wait_gone(first)
        assert not join_url_file(store.path).exists()
        await pilot.press("o")
        await until(pilot, lambda: app.room_control().is_open)
        second = app.room_control().process.pid
        assert second is not None and second != first and alive(second)
        assert read_join_url(store.path) == app.room_control().url
    wait_gone(second)  # quitting the console ends it
    assert not join_url_file(store.path).exists()


async def test_the_room_process_names_its_seat_in_the_console_language(
    store: NetworkStore, started: Callable[[], RoomProcess]
) -> None:
    """The other seats' headers name the room in the language of the console that started it."""
    populate(store)
    set_language("nl")
    try:
        await started().start("127.0.0.1", 0)
        watcher = Presence(store.path, "watcher", Seat("watcher"))
        deadline = time.monotonic() + BOUND
        while not watcher.others() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert [seat.name for seat in watcher.others()] == [_("the room (phones)")] != ["the room (phones)"]
    finally:
        set_language("en")


async def test_a_room_that_stops_by_itself_is_said_and_shown_closed(
    store: NetworkStore, make_app: Callable[..., LnApp], loopback: int
) -> None:
    from conftest import notified

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: app.room_control().is_open)
        pid = app.room_control().process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        await until(pilot, lambda: not app.room_control().is_open)
        await until(pilot, lambda: any("The room stopped by itself" in text for text in notified(app)))
        assert "The room is closed" in str(app.screen.query_one("#room-state").render())
        await pilot.press("o")  # opened again: a new process
        await until(pilot, lambda: app.room_control().is_open)
        assert app.room_control().process.pid != pid


async def test_a_port_in_use_is_refused_plainly_and_no_process_is_left(
    store: NetworkStore, started: Callable[[], RoomProcess]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        room = started()
        with pytest.raises(RoomNotStarted) as refused:
            await room.start("127.0.0.1", taken.getsockname()[1])
        assert refused.value.errno == errno.EADDRINUSE and not room.running and room.process is None


# -- the console dies ----------------------------------------------------------------------------------------------
CONSOLE = """
import asyncio, sys
from pathlib import Path
from ln_tui.room.process import RoomProcess

async def main():
    room = RoomProcess(Path(sys.argv[1]))
    await room.start("127.0.0.1", 0)
    print(room.pid, room.url, flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


def test_the_room_ends_when_its_console_is_killed(store: NetworkStore) -> None:
    """SIGKILL leaves a console no time to close anything: the system closes its end of the pipe."""
    console = subprocess.Popen(
        [sys.executable, "-c", CONSOLE, str(store.path)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    try:
        assert console.stdout is not None
        pid_text, url = console.stdout.readline().split()
        room_pid = int(pid_text)
        assert alive(room_pid) and read_join_url(store.path) == url
        console.kill()
        console.wait(BOUND)
        took = wait_gone(room_pid, 5.0)
        assert took < 5.0
        assert not join_url_file(store.path).exists()
    finally:
        if console.poll() is None:
            console.kill()
            console.wait(BOUND)


# -- the room dies -------------------------------------------------------------------------------------------------------
async def test_killed_while_phones_post_every_item_told_sent_is_in_the_file(
    store: NetworkStore, started: Callable[[], RoomProcess]
) -> None:
    populate(store)
    open_for_phones(store)
    room = started()
    url = await room.start("127.0.0.1", 0)
    told_sent: list[str] = []
    killed = asyncio.Event()

    async def phone(number: int) -> None:
        async with phone_session() as session:
            for n in range(30):  # bounded: at most 30 items a phone
                if killed.is_set():
                    return
                text = f"phone {number} item {n}"
                try:
                    if await send_item(session, url, text):
                        told_sent.append(text)
                except (TimeoutError, aiohttp.ClientError):
                    return  # the room is gone

    async def kill_after_some() -> None:
        deadline = time.monotonic() + BOUND
        while len(told_sent) < 20 and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        assert room.pid is not None
        os.kill(room.pid, signal.SIGKILL)  # in the middle of the phones' posts
        killed.set()

    await asyncio.wait_for(asyncio.gather(kill_after_some(), *(phone(n) for n in range(10))), BOUND * 2)
    assert len(told_sent) >= 20
    again = started()
    url = await again.start("127.0.0.1", 0)  # restarted on the same file: it opens, and takes phones again
    async with phone_session() as session:
        assert await send_item(session, url, "after the restart")
    with NetworkStore.open(store.path, read_only=True) as saved:
        on_board = {item.text for item in saved.repo(BoardItem).all()}
    missing = [text for text in told_sent if text not in on_board]
    assert missing == []
    assert "after the restart" in on_board


# -- another seat moderates ----------------------------------------------------------------------------------------------
async def test_a_second_seat_accepts_a_queued_item_and_the_console_board_shows_it(
    store: NetworkStore, make_app: Callable[..., LnApp]
) -> None:
    ids = populate(store)
    queued = store.repo(Submission).add(
        Submission(ids["meeting"], SubmissionKind.QUESTION, "Who takes the notes?", ids["ann"])
    )
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        questions = app.screen.query_one("#list-questions", BoardColumnList)
        assert questions.items == []
        with NetworkStore.open(store.path) as second_seat:  # another ln-tui on the file (the room, a laptop)
            Room(second_seat).accept(queued.id or 0)
        await until(pilot, lambda: [item.text for item in questions.items] == ["Who takes the notes?"])
        await pilot.press("ctrl+r")  # the console's panel: the queue is empty, as the file says
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert "Waiting for you: 0" in str(app.screen.query_one("#room-queue-title").render())
    assert [i.member_id for i in store.repo(BoardItem).all()] == [ids["ann"]]


async def test_the_panel_of_a_seat_that_did_not_open_the_room_moderates_its_queue(
    store: NetworkStore, make_app: Callable[..., LnApp], started: Callable[[], RoomProcess]
) -> None:
    """ctrl+r on a second seat while the room runs elsewhere: no second room, the same queue."""
    ids = populate(store)
    Room(store).toggle_part(RoomPart.KICKOFF)
    other = started()  # the room, started by another seat (or `ln-tui room` on this file)
    url = await other.start("127.0.0.1", 0)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert not app.room_control().is_open and app.room_control().elsewhere == url
        assert "open on another seat" in str(app.screen.query_one("#room-state").render())
        async with phone_session() as phone:
            await phone.get(url + "/kickoff")
            assert await send_item(phone, url, "Signed from a phone") is True
        # A named item waits in the queue, in the file: this seat's panel shows it and accepts it.
        repo = store.repo(Submission)
        await until(pilot, lambda: "Waiting for you: 1" in str(app.screen.query_one("#room-queue-title").render()))
        await pilot.press("a")
        await until(pilot, lambda: [i.text for i in store.repo(BoardItem).all()] == ["Signed from a phone"])
        assert repo.all() == []
    assert ids


# -- `ln-tui room FILE` alone ------------------------------------------------------------------------------------------
def test_ln_tui_room_alone_prints_the_join_url_and_stops_on_sigterm(store: NetworkStore) -> None:
    port = free_port()
    room = subprocess.Popen(
        [sys.executable, "-m", "ln_tui", "room", str(store.path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,  # alone, its standard input means nothing: it runs until stopped
        text=True,
        env={**os.environ, "LANG": "C"},
    )
    try:
        assert room.stdout is not None
        first = room.stdout.readline()
        url = read_join_url(store.path)
        assert url.startswith(f"http://127.0.0.1:{port}/r/") and url in first
        assert os.getpriority(os.PRIO_PROCESS, room.pid) == os.getpriority(os.PRIO_PROCESS, 0)  # alone: as started
        time.sleep(0.3)
        assert room.poll() is None  # stdin at its end does not stop a room run alone
        room.send_signal(signal.SIGTERM)
        assert room.wait(BOUND) == 0
        assert not join_url_file(store.path).exists()
    finally:
        if room.poll() is None:
            room.kill()
            room.wait(BOUND)


def test_ln_tui_room_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    from ln_tui.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "room FILE" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["room", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "--console" not in out


def test_ln_tui_room_on_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ln_tui.cli import main

    assert main(["room", str(tmp_path / "none.json"), "--port", "0"]) == 2
    assert "does not exist" in capsys.readouterr().err


# -- the write queue --------------------------------------------------------------------------------------------------
@pytest.fixture
def room(store: NetworkStore, clock: FakeClock) -> Room:
    populate(store)
    opened = Room(store, clock=clock)
    opened.open()
    opened.toggle_part(RoomPart.KICKOFF)
    opened.toggle_accept_directly()
    return opened


@pytest.fixture
async def queue(room: Room) -> AsyncIterator[WriteQueue]:
    writes = WriteQueue(room)
    saving = asyncio.ensure_future(writes.saving())
    yield writes
    saving.cancel()


async def test_a_burst_of_writes_is_saved_once_and_each_phone_answered_after_that_save(
    room: Room, store: NetworkStore, queue: WriteQueue
) -> None:
    saves: list[int] = []
    store.subscribe(lambda state: saves.append(len(json.loads(store.path.read_text())[BoardItem.TABLE])))
    on_disk_when_answered: list[bool] = []

    async def phone(number: int) -> None:
        item = await queue.run(lambda: room.submit(SubmissionKind.QUESTION, f"question {number}", None))
        assert isinstance(item, BoardItem)
        on_disk_when_answered.append(str(item.id) in json.loads(store.path.read_text())[BoardItem.TABLE])

    await asyncio.wait_for(asyncio.gather(*(phone(n) for n in range(12))), timeout=BOUND)
    assert saves == [12]  # one save, holding all twelve
    assert on_disk_when_answered == [True] * 12


async def test_phones_writing_together_are_saved_twice_a_second_a_phone_alone_at_once(
    room: Room, store: NetworkStore
) -> None:
    """Each save rewrites the file and makes every seat show its board anew: while several phones
    write, one save per BUSY_GROUP_SECONDS; a phone writing alone is saved (and answered) at once."""
    waits: list[float] = []
    pause_over = asyncio.Event()

    async def pause(seconds: float) -> None:  # the test's clock: the pause ends when the test says
        waits.append(seconds)
        await pause_over.wait()
        pause_over.clear()

    saves: list[int] = []
    store.subscribe(lambda state: saves.append(len(json.loads(store.path.read_text())[BoardItem.TABLE])))
    writes = WriteQueue(room, sleep=pause)
    saving = asyncio.ensure_future(writes.saving())

    def send(text: str) -> Awaitable[object]:
        return writes.run(lambda: room.submit(SubmissionKind.QUESTION, text, None))

    try:
        await asyncio.wait_for(send("alone"), BOUND)
        assert saves == [1] and 0 < waits[-1] <= GROUP_SECONDS  # saved at once; the next may come soon
        pause_over.set()
        await asyncio.wait_for(asyncio.gather(*(send(f"together {n}") for n in range(3))), BOUND)
        assert saves == [1, 4]  # one save for the three
        assert GROUP_SECONDS < waits[-1] <= BUSY_GROUP_SECONDS  # the room is busy: the next save waits longer
        later = asyncio.ensure_future(send("while the room is busy"))
        for _ in range(20):
            await asyncio.sleep(0)
        assert not later.done() and saves == [1, 4]  # waits for the pause to end
        pause_over.set()
        await asyncio.wait_for(later, BOUND)
        assert saves == [1, 4, 5] and waits[-1] <= GROUP_SECONDS  # alone again: the short pause
    finally:
        saving.cancel()


async def test_a_refused_write_is_told_to_its_phone_and_the_others_are_saved(
    room: Room, store: NetworkStore, queue: WriteQueue
) -> None:
    outcomes = await asyncio.gather(
        queue.run(lambda: room.submit(SubmissionKind.QUESTION, "kept", None)),
        queue.run(lambda: room.submit(SubmissionKind.QUESTION, "   ", None)),  # says nothing
        return_exceptions=True,
    )
    assert isinstance(outcomes[0], BoardItem) and isinstance(outcomes[1], Exception)
    with NetworkStore.open(store.path, read_only=True) as saved:
        assert [item.text for item in saved.repo(BoardItem).all()] == ["kept"]


async def test_a_failed_save_answers_a_refusal_and_takes_the_writes_back(
    room: Room, store: NetworkStore, queue: WriteQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_disk = store.path.read_bytes()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as disk:
        disk.setattr(os, "write", full)
        outcomes = await asyncio.gather(
            *(queue.run(lambda: room.submit(SubmissionKind.QUESTION, "lost?", None), room.withdraw) for _ in range(3)),
            return_exceptions=True,
        )
    assert all(isinstance(outcome, NotSaved) for outcome in outcomes)
    assert store.path.read_bytes() == on_disk
    assert room.board().column(BoardColumn.QUESTIONS) == []  # taken back: not kept to appear later


async def test_a_phone_that_goes_away_does_not_stop_the_others(room: Room, queue: WriteQueue) -> None:
    gone = asyncio.ensure_future(queue.run(lambda: room.submit(SubmissionKind.QUESTION, "gone", None)))
    kept = asyncio.ensure_future(queue.run(lambda: room.submit(SubmissionKind.QUESTION, "kept", None)))
    await asyncio.sleep(0)
    gone.cancel()
    item = await asyncio.wait_for(kept, BOUND)
    assert isinstance(item, BoardItem) and item.text == "kept"


def test_writes_left_for_the_next_save_are_in_the_file_after_it(store: NetworkStore) -> None:
    populate(store)
    before = store.path.read_bytes()
    with store.saved_together(save=False):
        store.members.add(Member("Dirk"))
    assert store.path.read_bytes() == before  # not saved yet: the room saves a burst once
    with store.saved_together():
        pass
    with NetworkStore.open(store.path, read_only=True) as saved:
        assert "Dirk" in [member.name for member in saved.members.all()]
