"""`ln-tui present`: the room's screen follows a console driven by keyboard (two apps in one
test), shows only what the room may see, keeps following a file that is replaced, missing,
damaged or newer, and never writes it. Snapshots of each state at both sizes, both themes."""

from __future__ import annotations

import copy
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from present_helpers import present_app, shown_text
from textual.widgets import Static

from ln_tui.agenda.agenda import Agenda
from ln_tui.app import LnApp
from ln_tui.discussion.countdown import format_time
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.discussion.schedule import present_order
from ln_tui.discussion.session import Session
from ln_tui.evaluation.model import Evaluation
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.present.follow import FileFollower
from ln_tui.present.view import (
    ROOM_SETTING,
    AgendaRoom,
    BoardRoom,
    DiscussionRoom,
    EvaluationRoom,
    IdleRoom,
    RoomChoice,
    SpotlightRoom,
    show_to_room,
    spotlight_in_room,
    turn_remaining,
)
from ln_tui.screens.discussion.screen import DiscussionScreen
from ln_tui.screens.widgets.big_clock import BigClock
from ln_tui.store import NetworkStore
from ln_tui.store.files import write_atomic

AppFactory = Callable[..., LnApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
THEMES = [pytest.param("projector", id="dark"), pytest.param("projector-light", id="light")]
CASE_TITLE = "Ontslag uit het ziekenhuis op vrijdagavond"


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


@pytest.fixture(autouse=True)
def fixed_times(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Iterator[None]:
    """The time of day in UTC (the console's wall clock and the room's are the fake clock)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def with_case(store: NetworkStore) -> Case:
    meeting = store.current_meeting
    assert meeting is not None
    member = store.members.all()[4]
    return store.repo(Case).add(
        Case(meeting.id, CASE_TITLE, member.id, "Hoe?", "", INCIDENT, copy.deepcopy(preset(INCIDENT).rounds), True)
    )


def discussing(store: NetworkStore, clock: FakeClock, *, running: bool = True) -> Session:
    """A discussion in its fourth round (2:00 per speaker), saved as the console saves it."""
    case = with_case(store)
    meeting = store.current_meeting
    assert meeting is not None
    store.set_setting("discussion_case_id", case.id)
    session = Session.start(case, present_order(meeting, store.members.all()), clock, clock())
    for _ in range(3):
        session.next_round()
    if not running:
        session.toggle_pause()
    store.repo(DiscussionState).add(session.state_to_save(clock()))
    return session


class TestFollowingTheConsole:
    async def test_each_state_the_console_chooses_appears_in_the_room(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        with_case(demo_store)
        console = make_app(demo_store, screen="kickoff")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)):
            screen = room.room
            assert isinstance(screen.view, IdleRoom)
            assert "Lerend netwerk Zorgcoördinatie" in await shown_text(room)

            await pilot.press("f12")  # show the board to the room
            screen.poll()
            assert isinstance(screen.view, BoardRoom)
            assert demo_store.setting(ROOM_SETTING)["view"] == "kickoff"
            first = next(item for item in demo_store.repo(BoardItem).all() if not item.archived)
            text = await shown_text(room)
            assert first.text.split()[0] in text and "Questions (" in text

            await pilot.press("f")  # the spotlight, in the console and in the room
            screen.poll()
            assert isinstance(screen.view, SpotlightRoom)
            await pilot.press("escape")
            screen.poll()
            assert isinstance(screen.view, BoardRoom)

            await pilot.press("f5", "N", "N", "N")  # the discussion: round 4, a turn running
            screen.poll()
            assert isinstance(screen.view, BoardRoom), "the room keeps the board until told otherwise"
            await pilot.press("f12")
            screen.poll()
            assert isinstance(screen.view, DiscussionRoom)
            clock.advance(42.3)
            discussion = console.screen
            assert isinstance(discussion, DiscussionScreen) and discussion.session is not None
            discussion.call_later(discussion.tick)  # in the console's own context
            await pilot.pause()
            screen.tick()
            console_time = format_time(discussion.session.countdown.remaining())
            assert room.room.query_one(BigClock).face.time == console_time == "1:18"
            speaker = screen.view.speaker
            await pilot.press("n")  # next speaker
            screen.poll()
            assert screen.view.speaker != speaker
            assert screen.view.speaker.removeprefix("Now: ") in await shown_text(room)

            await pilot.press("f6", "f12")  # the evaluation summary, when the facilitator chooses
            screen.poll()
            assert isinstance(screen.view, EvaluationRoom)
            await pilot.press("f12")  # and hidden again
            screen.poll()
            assert isinstance(screen.view, IdleRoom)
            assert demo_store.setting(ROOM_SETTING) is None

    async def test_the_choice_is_kept_in_the_file_for_a_restarted_console(
        self, store: NetworkStore, make_app: AppFactory, network_path: Path
    ) -> None:
        console = make_app(store, screen="kickoff")
        async with console.run_test(size=(80, 24)) as pilot:
            await pilot.press("f12")
        store.close()
        again = NetworkStore.open(network_path)
        try:
            assert again.setting(ROOM_SETTING) == {"view": "kickoff", "spotlight": None}
        finally:
            again.close()

    async def test_the_clocks_agree_at_every_moment_of_a_turn(
        self,
        demo_store: NetworkStore,
        make_app: AppFactory,
        clock: FakeClock,
        network_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The console runs on a monotonic clock, the room on the wall clock: two different
        numbers for the same moment; the persisted wall-clock deadline makes them agree."""
        wall = FakeClock(1_772_544_600.0)
        with_case(demo_store)
        demo_store.set_setting(ROOM_SETTING, {"view": "discussion"})
        console = make_app(demo_store, screen="discussion", wall_clock=wall)
        room = present_app(network_path, wall)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)):
            await pilot.press("N", "N", "N")
            room.room.poll()
            for step in range(130):  # past the end of the 2:00 turn, into overtime
                clock.advance(1.05)
                wall.advance(1.05)
                if step in (40, 50, 60):  # a pause, on again, a minute added
                    await pilot.press({40: "space", 50: "space", 60: "plus"}[step])
                    room.room.poll()
                discussion = console.screen
                assert isinstance(discussion, DiscussionScreen) and discussion.session is not None
                console_left = discussion.session.countdown.remaining()
                view = room.room.view
                assert isinstance(view, DiscussionRoom) and view.clock is not None
                assert abs(turn_remaining(view.clock, wall()) - console_left) < 0.1


class TestPrivacy:
    """Walk every console state; the room never sees what is private."""

    def private_data(self, store: NetworkStore) -> list[str]:
        members = store.members.all()
        meeting = store.current_meeting
        assert meeting is not None
        note = store.add_note("PRIVATE NOTE about Mr De Vos", meeting.id)
        draft = Evaluation(meeting.id, members[0].id, draft=True, ratings={"q1": 2}, answers={"well": "DRAFT ANSWER"})
        store.repo(Evaluation).add(draft)
        store.repo(BoardItem).add(BoardItem(meeting.id, BoardColumn.QUESTIONS, "ANONYMOUS QUESTION", member_id=None))
        return [m.email for m in members if m.email] + [note.text, "DRAFT ANSWER", "TYPED IN A FORM"]

    @pytest.mark.long
    async def test_no_private_text_reaches_the_room_in_any_state(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        with_case(demo_store)
        private = self.private_data(demo_store)
        evaluators = {
            m.name
            for m in demo_store.members.all()
            if any(e.member_id == m.id for e in demo_store.repo(Evaluation).all())
        }
        console = make_app(demo_store, screen="network")
        room = present_app(network_path, clock)
        seen: dict[str, str] = {}
        async with console.run_test(size=(120, 36)) as pilot, room.run_test(size=(120, 36)):

            async def look(state: str) -> None:
                await pilot.pause()
                room.room.poll()
                seen[state] = text = await shown_text(room)
                leaks = [p for p in private if p in text]
                assert not leaks, f"{state}: {leaks}"

            for home in ("f2", "f3", "f4", "f5", "f6", "f7"):
                await look(f"{home} hidden")
                await pilot.press(home, "f12")
                await look(f"{home} shown")
                await pilot.press("ctrl+n", *"TYPED IN A FORM")  # a note being typed
                assert console.screen.is_modal, "the note dialog is open in the console"
                await look(f"{home} shown, a note being typed")
                await pilot.press("escape")
                if console.screen.is_modal:
                    await pilot.press("y")  # discard the note
                await pilot.press("f12")
            await pilot.press("f3", "a", *"TYPED IN A FORM")  # a new member being typed in
            assert console.screen.is_modal, "the member form is open in the console"
            await look("the roster's form being filled in")
            await pilot.press("escape")
            if console.screen.is_modal:
                await pilot.press("y")
            await pilot.press("f5", "f12", "p")
            await look("the discussion's projector view in the console")
            await pilot.press("escape", "f6", "f12", "enter")  # a participant's evaluation form opened
            assert type(console.screen).__name__ == "EvaluationFormScreen"
            await pilot.press("tab", *"TYPED IN A FORM")
            await look("an evaluation form being filled in")
            for _ in range(3):  # out of the form (it may ask whether to keep the draft)
                if type(console.screen).__name__ == "EvaluationScreen":
                    break
                await pilot.press("escape")
                if console.screen.is_modal:
                    await pilot.press("y")
            await pilot.press("f12", "f4", "f12", "f")
            await look("the spotlight")
            await pilot.press("escape", "f6", "f12")
            await look("the evaluation summary")
            assert not any(name in seen["the evaluation summary"] for name in evaluators), "names nobody"
        assert len(seen) == 23

    def test_an_anonymous_item_shows_no_author(self, demo_store: NetworkStore, clock: FakeClock) -> None:
        from datetime import datetime

        from ln_tui.kickoff.board import board_meeting
        from ln_tui.present.view import what_the_room_sees

        meeting = board_meeting(demo_store)
        assert meeting is not None
        demo_store.repo(BoardItem).add(BoardItem(meeting.id, BoardColumn.QUESTIONS, "Who pays?", member_id=None))
        show_to_room(demo_store, RoomChoice.KICKOFF)
        view = what_the_room_sees(demo_store, datetime.now())
        assert isinstance(view, BoardRoom)
        items = {i.text: i for i in demo_store.repo(BoardItem).all()}
        for _title, cards in view.columns:
            for card in cards:
                item = items[card.text]
                assert (card.who == "") == (item.member_id is None)
        anonymous = next(i for i in demo_store.repo(BoardItem).all() if i.member_id is None and not i.archived)
        spotlight_in_room(demo_store, anonymous.id)
        spotlit = what_the_room_sees(demo_store, datetime.now())
        assert isinstance(spotlit, SpotlightRoom) and spotlit.card.who == ""
        introduction = next(i for i in demo_store.repo(BoardItem).all() if "**" in i.learn)
        spotlight_in_room(demo_store, introduction.id)
        spotlit = what_the_room_sees(demo_store, datetime.now())
        assert isinstance(spotlit, SpotlightRoom) and spotlit.card.who
        assert spotlit.parts


def test_a_long_column_shows_what_fits_and_how_many_more() -> None:
    from ln_tui.present.view import Card
    from ln_tui.screens.present.screen import fit_cards

    cards = tuple(Card(f"Question {n} about something rather long", "Ann") for n in range(10))
    lines = fit_cards(cards, 20, 8).plain.split("\n")
    assert len(lines) <= 8 and lines[-1].startswith("… and ") and lines[-1].endswith(" more")
    shown = sum(line.startswith("• ") for line in lines)
    assert lines[-1] == f"… and {10 - shown} more"
    assert "… and" not in fit_cards(cards[:1], 40, 8).plain, "all of it when it fits"


async def test_markdown_is_drawn_as_on_the_console_board(
    demo_store: NetworkStore, clock: FakeClock, network_path: Path
) -> None:
    introduction = next(i for i in demo_store.repo(BoardItem).all() if "**echt**" in i.learn)
    show_to_room(demo_store, RoomChoice.KICKOFF)
    room = present_app(network_path, clock)
    async with room.run_test(size=(120, 36)):
        text = await shown_text(room)
        assert "Introductions" in text and "**" not in text
        spotlight_in_room(demo_store, introduction.id)
        text = await shown_text(room)
        assert "mantelzorgers echt betrekken" in text and "**" not in text


async def test_a_room_wide_panel_goes_beside_every_view(
    store: NetworkStore, clock: FakeClock, network_path: Path
) -> None:
    from textual.widgets import Static

    room = present_app(network_path, clock)
    async with room.run_test(size=(120, 36)) as pilot:
        await room.room.add_panel(Static("QR CODE HERE", id="qr", classes="panel"))
        room.room.query_one("#qr").styles.width = 20
        await pilot.pause()
        assert room.room.query_one("#qr").region.width == 20
        assert room.room.query_one(BigClock).region.width == 100, "the view makes room for it"
        assert "QR CODE HERE" in await shown_text(room)


class TestTheFile:
    def test_an_unchanged_file_is_not_read_again(self, store: NetworkStore, network_path: Path) -> None:
        follower = FileFollower(network_path)
        assert follower.poll() is not None
        for _ in range(50):
            assert follower.poll() is None
        assert follower.reads == 1
        store.set_setting("x", 1)  # the console saves: a new file
        assert follower.poll() is not None and follower.reads == 2

    async def test_replaced_missing_damaged_restored_and_newer(
        self, store: NetworkStore, clock: FakeClock, network_path: Path
    ) -> None:
        room = present_app(network_path, clock)
        good = network_path.read_bytes()
        async with room.run_test(size=(80, 24)):
            screen = room.room
            assert "Test network" in await shown_text(room)
            network_path.unlink()  # the console is between files, or the share went away
            screen.poll()
            assert "waiting for network.json…" in await shown_text(room)
            write_atomic(network_path, good)
            screen.poll()
            assert "Test network" in await shown_text(room)
            network_path.write_bytes(good[: len(good) // 2])  # damaged: cut off
            screen.poll()
            assert "waiting for network.json…" in await shown_text(room)
            network_path.write_bytes(b"")
            screen.poll()
            assert "waiting for network.json…" in await shown_text(room)
            data = json.loads(good)
            data["_meta"]["1"]["schema"] = 99
            write_atomic(network_path, json.dumps(data).encode())
            screen.poll()
            assert "written by a newer ln-tui (file version 99)" in await shown_text(room)
            write_atomic(network_path, good)  # restored
            screen.poll()
            assert "Test network" in await shown_text(room)

    async def test_a_record_it_cannot_use_is_left_out_and_a_surprise_is_a_sentence(
        self, store: NetworkStore, clock: FakeClock, network_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        data = json.loads(network_path.read_bytes())
        data["members"] = {"1": {"name": 42, "email": "x@example.org"}}
        write_atomic(network_path, json.dumps(data).encode())
        room = present_app(network_path, clock)
        async with room.run_test(size=(80, 24)):
            assert "Test network" in await shown_text(room)

            def broken(*args: object) -> None:
                raise KeyError("surprise")

            monkeypatch.setattr("ln_tui.screens.present.screen.what_the_room_sees", broken)
            room.room.refresh_view()
            text = await shown_text(room)
            assert "cannot show this file (KeyError); waiting for the next save…" in text

    async def test_it_keeps_following_when_the_console_quits_and_comes_back(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        room = present_app(network_path, clock)
        async with room.run_test(size=(80, 24)):
            console = make_app(demo_store, screen="kickoff")
            async with console.run_test(size=(80, 24)) as pilot:
                await pilot.press("f12")
            demo_store.close()  # the console quit
            room.room.poll()
            assert isinstance(room.room.view, BoardRoom), "the room keeps what it was shown"
            again = NetworkStore.open(network_path)  # and came back
            try:
                console = make_app(again, screen="kickoff")
                async with console.run_test(size=(80, 24)) as pilot:
                    await pilot.press("f12")  # hide
                    room.room.poll()
                    assert isinstance(room.room.view, IdleRoom)
                    await pilot.press("f12")  # and show the board again
                    room.room.poll()
                    assert isinstance(room.room.view, BoardRoom)
            finally:
                again.close()

    async def test_it_never_writes_the_file_nor_takes_a_lock(self, clock: FakeClock, tmp_path: Path) -> None:
        path = tmp_path / "network.json"
        from ln_tui.demo import build_demo

        with NetworkStore.open(path) as store:
            build_demo(store)
            discussing(store, clock)
            show_to_room(store, RoomChoice.DISCUSSION)
        (tmp_path / "network.json.lock").unlink()  # left by the console; present must not make one
        before = (path.read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(tmp_path)))
        room = present_app(path, clock)
        async with room.run_test(size=(80, 24)) as pilot:
            for _ in range(20):
                clock.advance(1)
                room.room.poll()
                room.room.tick()
            await pilot.press("f8", "f9", "f9")
        after = (path.read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(tmp_path)))
        assert after == before
        assert not (tmp_path / "network.json.lock").exists()


def not_yet_started(store: NetworkStore, clock: FakeClock) -> Agenda:
    """The agenda of a demo meeting whose clock has not run yet, made the current meeting."""
    from ln_tui.agenda.agenda import meeting_state

    meeting = next(m for m in store.meetings.all() if not (s := meeting_state(store, clock(), m)) or not s.started)
    store.set_current_meeting(meeting.id)
    return Agenda(store, meeting, clock)


class TestTheMeetingClock:
    async def test_the_room_sees_the_current_item_its_time_left_and_the_meeting_s_lateness(
        self, demo_store: NetworkStore, clock: FakeClock, network_path: Path
    ) -> None:
        agenda = not_yet_started(demo_store, clock)
        show_to_room(demo_store, RoomChoice.AGENDA)
        room = present_app(network_path, clock)
        async with room.run_test(size=(80, 24)):
            screen = room.room
            assert isinstance(screen.view, AgendaRoom) and "starts at" in screen.view.message
            first, second = agenda.items[0], agenda.items[1]
            assert agenda.start()
            clock.advance(first.minutes * 60 - 90)  # 1:30 left in the first item
            screen.poll()
            assert isinstance(screen.view, AgendaRoom) and screen.view.running
            assert room.room.query_one(BigClock).face.time == "1:30"
            text = await shown_text(room)
            assert first.shown_title in text and f"Item 1 of {len(agenda.items)}" in text
            assert f"Next: {second.shown_title}" in text
            clock.advance(150)  # a minute over: the clock counts up and the meeting runs late
            screen.tick()
            assert room.room.query_one(BigClock).face.time == "+1:00"
            assert "1 min late" in await shown_text(room)
            agenda.toggle_pause()
            screen.poll()
            assert room.room.query_one(BigClock).face.paused
            agenda.end()
            screen.poll()
            assert "The meeting is over." in await shown_text(room)


class TestTheJoinCode:
    async def test_the_room_s_join_code_shows_while_the_console_has_the_room_open(
        self, demo_store: NetworkStore, clock: FakeClock, network_path: Path
    ) -> None:
        from ln_tui.room.links import forget_join_url_file, publish_join_url
        from ln_tui.screens.widgets.qr import HALF_BLOCKS, QrCode, qr_matrix

        url = "HTTP://127.0.0.1:8765/J/0123456789ABCDEF0123456789ABCDEF"
        room = present_app(network_path, clock)
        async with room.run_test(size=(120, 36)) as pilot:
            screen = room.room
            assert not screen.query(QrCode)  # the room is closed: no code
            publish_join_url(network_path, url)  # the console opens the room
            screen.poll()
            await pilot.pause()
            qr = screen.query_one(QrCode)
            assert qr.region.height and screen.query_one("#room-extra").display
            cells = {char: pair for pair, char in HALF_BLOCKS.items()}
            modules: list[list[bool]] = []
            for y in range(qr.size.height):
                line = "".join(segment.text for segment in qr.render_line(y))[: len(qr.lines[0])]
                modules.append([cells[char][0] for char in line])
                modules.append([cells[char][1] for char in line])
            expected = qr_matrix(url)
            assert modules[: len(expected)] == expected  # the painted code is segno's code of the join URL
            link = screen.query_one("#room-join-code .join-link", Static)
            assert str(link.visual) == url and link.region.height  # the link under it, folded to its width
            forget_join_url_file(network_path)  # the room is closed again
            screen.poll()
            await pilot.pause()
            assert not screen.query_one("#room-extra").display


# -- snapshots ------------------------------------------------------------------------------------------


def prepare(state: str, store: NetworkStore, clock: FakeClock) -> None:
    if state == "idle":
        return
    if state in ("discussion", "paused", "overtime"):
        discussing(store, clock, running=state != "paused")
        show_to_room(store, RoomChoice.DISCUSSION)
        clock.advance({"discussion": 30, "paused": 0, "overtime": 162.5}[state])
    elif state == "board":
        show_to_room(store, RoomChoice.KICKOFF)
    elif state == "spotlight":
        show_to_room(store, RoomChoice.KICKOFF)
        item = next(i for i in store.repo(BoardItem).all() if i.column is BoardColumn.INTRODUCTIONS)
        spotlight_in_room(store, item.id)
    elif state == "join-code":
        from ln_tui.room.links import publish_join_url

        show_to_room(store, RoomChoice.KICKOFF)
        publish_join_url(store.path, "HTTP://192.168.1.20:8765/J/0123456789ABCDEF0123456789ABCDEF")
    elif state == "agenda":
        agenda = not_yet_started(store, clock)
        agenda.start()
        clock.advance(agenda.items[0].minutes * 60 - 100)
        show_to_room(store, RoomChoice.AGENDA)
    elif state == "evaluation":
        evaluated = {e.meeting_id for e in store.repo(Evaluation).all() if e.counts}
        show_to_room(store, RoomChoice.EVALUATION, meeting_id=min(i for i in evaluated if i is not None))


STATES = ["idle", "discussion", "paused", "overtime", "board", "spotlight", "evaluation", "agenda", "join-code"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", STATES)
def test_snapshot_present(
    snap_compare, demo_store: NetworkStore, clock: FakeClock, network_path: Path, state: str, size, theme: str
) -> None:
    prepare(state, demo_store, clock)
    assert snap_compare(present_app(network_path, clock, theme), terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", ["waiting", "newer"])
def test_snapshot_present_without_a_network(
    snap_compare, clock: FakeClock, tmp_path: Path, state: str, size, theme: str
) -> None:
    path = tmp_path / "network.json"
    if state == "newer":
        path.write_text(json.dumps({"_meta": {"1": {"app": "ln-tui", "schema": 99}}}))
    assert snap_compare(present_app(path, clock, theme), terminal_size=size)


def test_an_internal_error_is_one_sentence_without_the_room_s_data(tmp_path: Path) -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from ln_tui.screens.present import screen
        from ln_tui.screens.present.app import PresentApp

        def broken(self, view):
            secret_member_name = "Zoe Verhaegen"
            raise RuntimeError("boom")

        screen.PresentScreen.show_idle = broken
        app = PresentApp(Path({str(tmp_path / "network.json")!r}))
        app.run(headless=True)
        raise SystemExit(app.return_code)
        """
    )
    path = tmp_path / "network.json"
    with NetworkStore.open(path) as store:
        profile = store.profile()
        profile.name = "Test network"
        store.save_profile(profile)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "ln-tui present stopped after an internal error. The network file was not touched." in result.stderr
    assert "Zoe Verhaegen" not in result.stderr and "Traceback" not in result.stderr
