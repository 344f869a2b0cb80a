"""The check-in by keyboard: one member after the other, each answer on disk, at 80x24 and 120x36."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from textual import events
from textual.widgets import Static, TextArea

from ln_tui.app import LnApp
from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.present.view import CheckInRoom, RoomChoice, RoomView, show_to_room, what_the_room_sees
from ln_tui.screens.present.app import PresentApp
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore
from ln_tui.thread.checkin import CheckInRound
from ln_tui.thread.model import DEFAULT_CHECKIN_QUESTIONS, CheckIn, CheckInSource

AppFactory = Callable[..., LnApp]
NAMES = ["Ann", "Bart", "Chloé", "Dirk", "Els", "Filip", "Greet", "Hans"]


@pytest.fixture
def meeting(store: NetworkStore) -> Meeting:
    members = store.members.add_many([Member(name) for name in [*NAMES, "Ilse"]])
    earlier = store.meetings.add(Meeting("2026-02-03", MeetingKind.KICKOFF))
    CheckInRound(store).ask(earlier, DEFAULT_CHECKIN_QUESTIONS[0])
    meeting = store.meetings.add(
        Meeting(
            "2026-03-03",
            MeetingKind.REGULAR,
            "13:30",
            title="Meeting 2",
            attendance={members[-1].id or 0: Presence.ABSENT},
        )
    )
    store.set_current_meeting(meeting.id)
    return meeting


def shown(app: LnApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def stored(store: NetworkStore) -> dict[str, CheckIn]:
    names = {m.id: m.name for m in store.members.all()}
    return {names[c.member_id]: c for c in NetworkStore.open(store.path).repo(CheckIn).all()}


@pytest.mark.long
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_eight_members_check_in_one_after_the_other(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        assert app.screen.id == "checkin-screen"
        # the question after the previous meeting's, kept for this meeting (every seat sees it)
        assert DEFAULT_CHECKIN_QUESTIONS[1] in shown(app, "#checkin-question")
        assert "Ilse" not in shown(app, "#checkin-members")  # absent: not in the order
        for name in NAMES:
            assert name in shown(app, "#checkin-who")
            await pilot.press(*f"{name} tried [it]", "enter")
            assert stored(store)[name].answer == f"{name} tried [it]"  # on disk when it moves on
        assert "8 of 8 answered" in shown(app, "#checkin-status")
    kept = stored(store)
    assert sorted(kept) == sorted(NAMES)
    assert {(c.meeting_id, c.question, c.source) for c in kept.values()} == {
        (meeting.id, DEFAULT_CHECKIN_QUESTIONS[1], CheckInSource.CONSOLE)
    }
    assert CheckInRound(NetworkStore.open(store.path)).asked(meeting) == DEFAULT_CHECKIN_QUESTIONS[1]


async def test_skip_go_back_and_change_an_answer(store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"first", "enter")  # Ann
        await pilot.press("pagedown")  # Bart skipped
        await pilot.press(*"third", "enter")  # Chloé
        await pilot.press("pageup", "pageup", "pageup")  # back to Ann
        area = app.screen.query_one(TextArea)
        assert area.text == "first"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", *"changed", "enter")
        assert "Bart" in shown(app, "#checkin-who")
        await pilot.press(*"half typed", "pagedown", "pageup")  # typed for Bart, not kept: it stays his
        assert area.text == "half typed"
    kept = stored(store)
    assert {name: c.answer for name, c in kept.items()} == {"Ann": "changed", "Chloé": "third"}


async def test_a_long_answer_full_of_brackets_is_kept_exactly(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    long = "[@click=app.quit]x[/] [b" + "ü]" * 5_000
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        app.post_message(events.Paste(long))  # pasted, as a terminal sends it
        await pilot.pause()
        await pilot.press("enter")
        assert app.is_running
    assert stored(store)["Ann"].answer == long


async def test_choosing_another_question_and_editing_the_list(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "ctrl+t")
        await pilot.press("a", *"What [b]surprised[/b] you?", "enter")  # added after the one asked
        await pilot.press("enter")  # and asked
        assert "What [b]surprised[/b] you?" in shown(app, "#checkin-question")
        await pilot.press(*"Me", "enter")
    assert stored(store)["Ann"].question == "What [b]surprised[/b] you?"
    assert CheckInRound(store).questions()[2] == "What [b]surprised[/b] you?"


async def test_unsaved_answers_are_not_thrown_away_without_asking(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"not kept", "escape")
        assert app.screen.id != "checkin-screen"  # asked
        await pilot.press("n")
        assert app.screen.id == "checkin-screen"
        await pilot.press("enter", "escape")
        assert app.screen.id == "agenda-screen"
    assert stored(store)["Ann"].answer == "not kept"


async def test_the_questions_from_the_network_home(store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> None:
    app = make_app(store, screen="network")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press("down", "delete", "y", "]")
        await pilot.press("escape")
    assert CheckInRound(store).questions() == [DEFAULT_CHECKIN_QUESTIONS[0], DEFAULT_CHECKIN_QUESTIONS[2]]


def test_snapshot_of_the_check_in_at_80x24(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory, snap_compare: Callable[..., bool]
) -> None:
    assert snap_compare(
        make_app(store, screen="agenda"),
        press=["i", *"Tried the [b]new[/b] intake", "enter", *"We"],
        terminal_size=(80, 24),
    )


async def test_the_room_sees_the_question_and_a_count_from_three_never_an_answer(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    show_to_room(store, RoomChoice.AGENDA)
    app = make_app(store, screen="agenda")

    def room() -> RoomView:
        return what_the_room_sees(NetworkStore.open(store.path), datetime(2026, 3, 3, 13, 40))

    assert not isinstance(room(), CheckInRoom)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        for answered, name in enumerate(NAMES[:4], start=1):
            seen = room()
            assert isinstance(seen, CheckInRoom) and seen.question == DEFAULT_CHECKIN_QUESTIONS[1]
            assert seen.answered == ("" if answered <= 3 else "3 have checked in")
            assert "secret" not in repr(seen) and not any(n in repr(seen) for n in NAMES)
            await pilot.press(*f"secret of {name}", "enter")
        seen = room()
        assert isinstance(seen, CheckInRoom) and seen.answered == "4 have checked in"
        await pilot.press("escape")
    assert not isinstance(room(), CheckInRoom)  # the check-in is over: the agenda's clock again


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_of_the_check_in_on_present(
    snap_compare: Callable[..., bool],
    store: NetworkStore,
    meeting: Meeting,
    network_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """The room's screen during the check-in: the question, and how many checked in (four here)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    checkin = CheckInRound(store)
    checkin.ask(meeting, DEFAULT_CHECKIN_QUESTIONS[1])
    for member in checkin.order(meeting)[:4]:
        checkin.answer(meeting, member.id or 0, f"private answer of {member.name}")
    checkin.set_live(meeting)
    show_to_room(store, RoomChoice.AGENDA)
    app = PresentApp(network_path, wall=clock, settings=Settings(theme="projector", language="en"))
    try:
        assert snap_compare(app, terminal_size=size)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


async def test_another_seats_answer_and_question_reach_the_screen_and_what_is_typed_stays(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"half")
        other = NetworkStore.open(store.path)  # another seat on the same file
        bart = next(m for m in other.members.all() if m.name == "Bart")
        elsewhere = CheckInRound(other)
        elsewhere.answer(meeting, bart.id or 0, "typed at the other seat")
        elsewhere.ask(meeting, DEFAULT_CHECKIN_QUESTIONS[2])
        app.follow_file()
        await pilot.pause()
        assert "✓ Bart" in shown(app, "#checkin-members")
        assert DEFAULT_CHECKIN_QUESTIONS[2] in shown(app, "#checkin-question")
        assert app.screen.query_one(TextArea).text == "half"
        await pilot.press("enter")
    assert stored(store)["Ann"].question == DEFAULT_CHECKIN_QUESTIONS[2]


async def test_in_dutch_at_80x24(store: NetworkStore, meeting: Meeting, make_app: AppFactory) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9", "i")
        assert "Wat heb je doorgegeven aan je team?" in shown(app, "#checkin-question")
        await pilot.press(*"Iets", "enter")
        assert "Bewaard: Ann." in shown(app, "#checkin-status")
        assert "Bart (2 van 8)" in shown(app, "#checkin-who")


def test_snapshot_of_the_questions_at_80x24(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory, snap_compare: Callable[..., bool]
) -> None:
    app = make_app(store, screen="agenda")
    assert snap_compare(app, press=["i", "ctrl+t", "a", *"What [b]surprised[/b] you?", "enter"], terminal_size=(80, 24))


async def test_an_answer_emptied_is_removed_once_confirmed(
    store: NetworkStore, meeting: Meeting, make_app: AppFactory
) -> None:
    app = make_app(store, screen="agenda")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", *"oops", "enter", "pageup")
        await pilot.press(*["backspace"] * 4, "enter")
        await pilot.press("n")  # not removed
        assert stored(store)["Ann"].answer == "oops"
        await pilot.press("enter", "y")
        assert "Removed: Ann's answer." in shown(app, "#checkin-status")
        assert "✓" not in shown(app, "#checkin-members")
    assert stored(store) == {}
