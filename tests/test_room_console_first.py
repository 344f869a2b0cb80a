"""The console comes first: phones are served in short steps, one per turn of the event loop, none
in the moment after a keystroke; their writes are made in steps and saved once; the kickoff board
shows their items in a keystroke's own frame while the facilitator types. Clocks are injected."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest
from conftest import FakeClock, until
from room_helpers import populate
from textual.strip import Strip

from ln_tui.app import LnApp
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Member
from ln_tui.room import server
from ln_tui.room.model import RoomPart, SubmissionKind
from ln_tui.room.room import Room
from ln_tui.room.server import TYPING_HOLD, Lane, WriteQueue
from ln_tui.screens.kickoff import screen as kickoff_screen
from ln_tui.screens.kickoff.board import BoardColumnList
from ln_tui.store import NetworkStore


@pytest.fixture
def typing_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def room(store: NetworkStore, clock: FakeClock, typing_clock: FakeClock) -> Room:
    populate(store)
    opened = Room(store, clock=clock, typing_clock=typing_clock)
    opened.open()
    opened.toggle_part(RoomPart.KICKOFF)
    opened.toggle_accept_directly()
    return opened


async def test_a_keystroke_comes_between_phones_steps_not_after_all_of_them(room: Room) -> None:
    # With an asyncio.Lock, every phone woken at once ran its step in the same turn of the loop,
    # back to back, and a keystroke that came meanwhile waited for all of them.
    lane, order = Lane(room), list[int | str]()

    async def phone(number: int) -> None:
        async with lane:
            order.append(number)

    phones = [asyncio.ensure_future(phone(n)) for n in range(4)]
    await asyncio.sleep(0)  # all four are waiting for their turn
    asyncio.get_running_loop().call_soon(order.append, "key")
    await asyncio.gather(*phones)
    assert sorted(order, key=str) == [0, 1, 2, 3, "key"]
    assert order.index("key") <= 1  # after at most the step that was already under way


async def test_phones_wait_in_the_moment_after_a_keystroke(room: Room, typing_clock: FakeClock) -> None:
    lane, served = Lane(room), asyncio.Event()

    async def phone() -> None:
        async with lane:
            served.set()

    room.console_typed()
    waiting = asyncio.ensure_future(phone())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not served.is_set()  # the console's key is handled and painted first
    typing_clock.advance(TYPING_HOLD)
    await asyncio.wait_for(waiting, timeout=5)
    assert served.is_set()


async def test_a_phone_that_goes_away_while_waiting_does_not_stop_the_others(room: Room) -> None:
    lane, order = Lane(room), []

    async def phone(number: int) -> None:
        async with lane:
            order.append(number)
            await asyncio.sleep(0)

    first, gone, last = (asyncio.ensure_future(phone(n)) for n in range(3))
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.wait_for(asyncio.gather(first, last), timeout=5)
    assert order == [0, 2]


async def test_a_burst_of_writes_is_saved_once_and_each_phone_answered_after_that_save(
    room: Room, store: NetworkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "STEP_SECONDS", 0.0)  # one write per step: the burst takes many steps
    saves: list[int] = []
    store.subscribe(lambda state: saves.append(len(json.loads(store.path.read_text())[BoardItem.TABLE])))
    lane = Lane(room)
    queue = WriteQueue(room, lane)
    on_disk_when_answered: list[bool] = []

    async def phone(number: int) -> None:
        item = await queue.run(lambda: room.submit(SubmissionKind.QUESTION, f"question {number}", None))
        assert isinstance(item, BoardItem)
        on_disk_when_answered.append(str(item.id) in json.loads(store.path.read_text())[BoardItem.TABLE])

    await asyncio.wait_for(asyncio.gather(*(phone(n) for n in range(12))), timeout=10)
    assert saves == [12]  # one save, holding all twelve
    assert on_disk_when_answered == [True] * 12


async def test_a_keystroke_during_a_burst_of_writes_waits_for_one_step(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "STEP_SECONDS", 0.0)
    queue, order = WriteQueue(room, Lane(room)), list[int | str]()

    def write(number: int) -> Callable[[], None]:
        def made() -> None:
            order.append(number)
            if number == 0:  # a key comes in while the first step runs
                asyncio.get_running_loop().call_soon(order.append, "key")

        return made

    await asyncio.wait_for(asyncio.gather(*(queue.run(write(n)) for n in range(6))), timeout=10)
    assert order.index("key") <= 2
    assert [step for step in order if step != "key"] == list(range(6))


async def test_a_refused_write_is_told_to_its_phone_and_the_others_are_saved(room: Room, store: NetworkStore) -> None:
    queue = WriteQueue(room, Lane(room))
    outcomes = await asyncio.gather(
        queue.run(lambda: room.submit(SubmissionKind.QUESTION, "kept", None)),
        queue.run(lambda: room.submit(SubmissionKind.QUESTION, "   ", None)),  # says nothing
        return_exceptions=True,
    )
    assert isinstance(outcomes[0], BoardItem) and isinstance(outcomes[1], Exception)
    with NetworkStore.open(store.path, read_only=True) as saved:
        assert [item.text for item in saved.repo(BoardItem).all()] == ["kept"]


# -- the board on the console -----------------------------------------------------------------------------
def open_kickoff_to_phones(app: LnApp) -> tuple[Room, BoardColumnList]:
    """The room open for the kickoff, phones' items placed directly; the questions column focused."""
    room = app.room_control().room
    room.open()
    room.toggle_part(RoomPart.KICKOFF)
    room.toggle_accept_directly()
    questions = app.screen.query_one("#list-questions", BoardColumnList)
    questions.focus()
    return room, questions


async def test_while_typing_phones_items_come_with_a_keystroke_and_when_quiet_by_themselves(
    store: NetworkStore, make_app: Callable[..., LnApp], clock: FakeClock
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(120, 36)) as pilot:
        room, questions = open_kickoff_to_phones(app)
        await pilot.press("down")  # the facilitator is typing
        room.submit(SubmissionKind.QUESTION, "from a phone", None)
        room.written()
        await pilot.pause()
        shown = [str(line.text) for line in questions.render_lines(questions.size.region)]
        assert not any("from a phone" in line for line in shown)  # not in a frame of its own
        clock.advance(kickoff_screen.ROOM_REFRESH_TYPING)
        await pilot.press("down")  # the next keystroke brings it, in its frame
        shown = [str(line.text) for line in questions.render_lines(questions.size.region)]
        assert any("from a phone" in line for line in shown)

        room.submit(SubmissionKind.QUESTION, "while nobody types", None)
        clock.advance(kickoff_screen.ROOM_TYPING + kickoff_screen.ROOM_REFRESH)
        room.submit(SubmissionKind.QUESTION, "one more", None)
        await pilot.pause()
        assert [item.text for item in questions.items][-2:] == ["while nobody types", "one more"]


async def test_phones_items_come_within_a_second_while_the_facilitator_writes_an_item(
    store: NetworkStore, make_app: Callable[..., LnApp], clock: FakeClock
) -> None:
    populate(store)
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(120, 36)) as pilot:
        room, questions = open_kickoff_to_phones(app)
        await pilot.press("n")  # the item editor keeps the keys: none comes back to the board
        room.submit(SubmissionKind.QUESTION, "first from a phone", None)
        for letter in "abcde":  # typing on, a key every 0.2 s
            clock.advance(0.2)
            await pilot.press(letter)
        room.submit(SubmissionKind.QUESTION, "second from a phone", None)
        # No key reaches the board: at the latest ROOM_LATEST after it came, the item shows by itself
        # (whether the first one was shown while typing depends on how fast the loop ran).
        clock.advance(kickoff_screen.ROOM_LATEST)
        await until(pilot, lambda: len(questions.items) == 2)
        assert [item.text for item in questions.items] == ["first from a phone", "second from a phone"]


async def test_the_board_painted_in_parts_shows_what_a_full_paint_shows(
    store: NetworkStore, make_app: Callable[..., LnApp], clock: FakeClock
) -> None:
    # Cursor keys and phones' items repaint only the lines that changed: no line may be left stale.
    populate(store)
    meeting = store.current_meeting
    assert meeting is not None
    store.repo(BoardItem).add_many(
        [BoardItem(meeting.id or 0, BoardColumn.QUESTIONS, f"question {n}", order=n + 1) for n in range(30)]
    )
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=(120, 36)) as pilot:
        room, questions = open_kickoff_to_phones(app)
        painted: list[int] = []
        render_line = questions.render_line

        def counted(y: int) -> Strip:
            painted.append(y)
            return render_line(y)

        questions.render_line = counted  # type: ignore[method-assign]  # counts the lines Textual asks for
        await pilot.press("down")  # focused and painted once, whole
        await pilot.pause()
        painted.clear()
        await pilot.press("down")
        assert 0 < len(painted) < questions.size.height // 2  # the two cards the cursor left and reached
        for step in range(8):
            await pilot.press("down" if step % 3 else "up")
            item = room.submit(SubmissionKind.QUESTION, f"phone {step}", None)
            assert isinstance(item, BoardItem)
            room.vote(room.devices.join(), item.id or 0)  # type: ignore[arg-type]  # a device joined
            room.written()
            clock.advance(kickoff_screen.ROOM_REFRESH_TYPING)
        await pilot.press("up")
        await pilot.pause()
        in_parts = [line.text for line in questions.render_lines(questions.size.region)]
        questions.refresh()  # everything painted again
        await pilot.pause()
        assert [line.text for line in questions.render_lines(questions.size.region)] == in_parts


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
