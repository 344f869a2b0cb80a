"""Issue 12 item 4: a way back in the timed rounds (undo), by keyboard at 80x24, time from the fake clock."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from conftest import FakeClock, notified
from test_discussion_screen import digits, line, meeting_with_case, tick

from ln_tui.app import LnApp
from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Speakers, TimeBox, Turn
from ln_tui.discussion.session import Session
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.discussion.forms import CaseForm
from ln_tui.screens.discussion.screen import DiscussionScreen
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)
QUESTIONS = RoundSpec("Questions", 60, TimeBox.PER_SPEAKER, Speakers.ALL_BUT_BRINGER)
ADVICE = RoundSpec("Advice", 90, TimeBox.PER_SPEAKER, Speakers.EVERYONE)


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


def session(clock: FakeClock) -> Session:
    case = Case(1, "Case", 2, rounds=[QUESTIONS, ADVICE], id=1)
    return Session.start(case, [1, 2, 3], clock, clock())


class TestUndoInTheDomain:
    def test_next_speaker_is_taken_back_with_the_clock_exactly_as_it_was(self, clock: FakeClock) -> None:
        s = session(clock)
        s.toggle_pause()
        clock.advance(20)
        deadline, spoken = s.countdown.deadline(), s.countdown.spoken()
        turn = s.next_speaker()
        assert turn is not None and s.speaker_id == 3
        clock.advance(5)
        snapshot = s.undo()
        assert snapshot is not None and snapshot.closed is turn
        assert s.speaker_id == 1 and s.countdown.deadline() == deadline
        assert s.countdown.spoken(clock() - 5) == spoken
        assert not s.can_undo

    def test_next_round_skip_and_restart_are_taken_back_in_turn(self, clock: FakeClock) -> None:
        s = session(clock)
        s.toggle_pause()
        clock.advance(40)
        s.restart_turn()
        assert s.countdown.remaining() == 60
        s.skip()
        s.next_round()
        assert s.state.round_index == 1 and s.speaker_id == 1
        s.undo()
        assert (s.state.round_index, s.speaker_id) == (0, 3)
        s.undo()
        assert s.speaker_id == 1 and s.countdown.remaining() == 60
        s.undo()
        assert s.countdown.remaining() == 20 and s.countdown.running
        assert s.undo() is None

    def test_finishing_the_discussion_is_taken_back(self, clock: FakeClock) -> None:
        s = session(clock)
        for _ in range(4):
            s.next_speaker()
        assert s.state.round_index == 1 and s.state.position == 2
        s.next_speaker()
        assert s.finished
        s.undo()
        assert not s.finished and s.speaker_id == 3 and s.state.round_index == 1


class TestUndoOnTheScreen:
    async def test_u_takes_back_next_round_and_its_stored_turn(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store, QUESTIONS, ADVICE)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 25)
            assert digits(app) == "0:35"
            await pilot.press("N")  # a stray shift+n in front of the room
            await pilot.pause()
            assert "Round 2 of 2" in line(app, "round-line")
            assert len(store.repo(Turn).all()) == 1
            await pilot.press("u")
            await pilot.pause()
            assert "Round 1 of 2" in line(app, "round-line") and "Now: Ann" in line(app, "speaker-line")
            assert digits(app) == "0:35"
            assert store.repo(Turn).all() == []
            saved = store.repo(DiscussionState).all()[0]
            assert saved.round_index == 0 and saved.position == 0 and saved.clock.running
            await tick(app, pilot, clock, 5)
            assert digits(app) == "0:30"  # the clock runs on from where it was

    async def test_ctrl_z_takes_back_the_end_of_the_discussion(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store, QUESTIONS)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n", "n")
            await pilot.pause()
            assert "the discussion is over" in line(app, "round-line")
            assert store.repo(DiscussionState).all()[0].finished
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert "Now: Claire" in line(app, "speaker-line")
            assert not store.repo(DiscussionState).all()[0].finished
            assert len(store.repo(Turn).all()) == 1

    async def test_nothing_to_take_back_says_so(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("u")
            await pilot.pause()
            assert any("Nothing to take back" in message for message in notified(app))


class TestNewCaseWhileATurnRuns:
    async def test_c_asks_to_pause_first_and_the_old_clock_stops(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 10)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, DiscussionScreen)
            assert store.repo(DiscussionState).all()[0].clock.running
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, CaseForm)
            saved = store.repo(DiscussionState).all()[0]
            assert not saved.clock.running and saved.clock.elapsed == 10
