"""The speaking order and the discussion as a state machine (rounds, turns, removals, restore)."""

from __future__ import annotations

import random

import pytest
from conftest import FakeClock

from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Speakers, TimeBox
from ln_tui.discussion.schedule import moved, present_order, round_speakers, shuffled
from ln_tui.discussion.session import Session
from ln_tui.model import Meeting, Member, Presence

ANN, BART, CLAIRE, DIRK = 1, 2, 3, 4
ORDER = [ANN, BART, CLAIRE, DIRK]
EACH, WHOLE = TimeBox.PER_SPEAKER, TimeBox.WHOLE_ROUND


def case(*rounds: RoundSpec, bringer: int = BART) -> Case:
    return Case(7, "Case", bringer, rounds=list(rounds), id=11)


QUESTIONS = RoundSpec("Questions", 60, EACH, Speakers.ALL_BUT_BRINGER)
TELLING = RoundSpec("Telling", 300, WHOLE, Speakers.BRINGER)
ADVICE = RoundSpec("Advice", 90, EACH, Speakers.EVERYONE, advice=True)
TALK = RoundSpec("Talk", 600, WHOLE, Speakers.EVERYONE)


class TestOrder:
    def test_absent_and_excused_members_are_not_in_the_order(self) -> None:
        members = [Member(n, id=i) for i, n in enumerate(("Ann", "Bart", "Claire", "Dirk"), 1)]
        meeting = Meeting("2026-03-03", attendance={BART: Presence.ABSENT, DIRK: Presence.EXCUSED})
        assert present_order(meeting, members) == [ANN, CLAIRE]

    def test_shuffle_gives_the_same_members_in_another_order(self) -> None:
        rng = random.Random(3)
        for _ in range(20):
            result = shuffled(ORDER, rng)
            assert sorted(result) == ORDER and result != ORDER
        assert shuffled([ANN], rng) == [ANN]

    def test_a_member_moves_earlier_or_later_within_bounds(self) -> None:
        assert moved(ORDER, CLAIRE, -1) == [ANN, CLAIRE, BART, DIRK]
        assert moved(ORDER, CLAIRE, 1) == [ANN, BART, DIRK, CLAIRE]
        assert moved(ORDER, ANN, -5) == ORDER
        assert moved(ORDER, 99, 1) == ORDER

    @pytest.mark.parametrize(
        ("spec", "speakers"),
        [
            (QUESTIONS, [ANN, CLAIRE, DIRK]),
            (ADVICE, ORDER),
            (TELLING, [BART]),
            (TALK, [None]),
        ],
    )
    def test_who_speaks_follows_the_round(self, spec: RoundSpec, speakers: list[int | None]) -> None:
        assert round_speakers(ORDER, spec, BART) == speakers


class TestSession:
    def test_a_new_discussion_starts_paused_with_the_first_speaker(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, ADVICE), ORDER, clock, 0)
        assert session.speaker_id == ANN and not session.countdown.running
        assert session.countdown.remaining() == 60
        assert session.upcoming() == (CLAIRE, None)

    def test_next_speaker_closes_the_turn_with_the_time_spoken(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, ADVICE), ORDER, clock, 0)
        session.toggle_pause()
        clock.advance(42)
        turn = session.next_speaker()
        assert turn is not None
        assert (turn.speaker_id, turn.spoken, turn.round_name, turn.allotted) == (ANN, 42, "Questions", 60)
        assert session.speaker_id == CLAIRE and session.countdown.running
        assert session.countdown.remaining() == 60

    def test_after_the_last_speaker_the_next_round_starts(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, TELLING), ORDER, clock, 0)
        assert session.upcoming() == (CLAIRE, None)
        session.next_speaker()
        session.next_speaker()
        assert session.upcoming() == (BART, 1)
        session.next_speaker()
        assert session.state.round_index == 1 and session.speaker_id == BART
        assert session.countdown.remaining() == 300
        turn = session.next_speaker()
        assert turn is not None and turn.speaker_id == BART
        assert session.finished and session.next_speaker() is None

    def test_skip_marks_the_turn_skipped(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS), ORDER, clock, 0)
        turn = session.skip()
        assert turn is not None and turn.skipped and turn.spoken == 0
        assert session.speaker_id == CLAIRE

    def test_next_round_jumps_over_the_remaining_speakers(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, ADVICE), ORDER, clock, 0)
        session.next_round()
        assert session.state.round_index == 1 and session.speaker_id == ANN

    def test_a_round_timed_as_a_whole_is_one_turn_of_the_group(self, clock: FakeClock) -> None:
        session = Session.start(case(TALK, ADVICE), ORDER, clock, 0)
        assert session.speaker_id is None and session.countdown.remaining() == 600
        session.toggle_pause()
        clock.advance(30)
        turn = session.next_speaker()
        assert turn is not None and turn.speaker_id is None and turn.spoken == 30
        assert session.state.round_index == 1

    def test_the_bell_rings_once_per_turn(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS), ORDER, clock, 0)
        session.toggle_pause()
        clock.advance(59)
        assert not session.tick()
        clock.advance(1)
        assert session.tick()
        clock.advance(5)
        assert not session.tick()
        session.extend()
        assert not session.tick()
        clock.advance(60)
        assert session.tick()
        session.next_speaker()
        clock.advance(60)
        assert session.tick()

    def test_restart_turn_gives_the_time_box_again(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS), ORDER, clock, 0)
        session.toggle_pause()
        session.extend()
        clock.advance(100)
        session.restart_turn()
        assert session.countdown.remaining() == 60 and session.countdown.duration == 60

    def test_the_current_speaker_removed_ends_their_turn_and_the_clock_goes_on(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, ADVICE), ORDER, clock, 0)
        session.toggle_pause()
        clock.advance(20)
        turn = session.remove_member(ANN)
        assert turn is not None and (turn.speaker_id, turn.spoken) == (ANN, 20)
        assert session.speaker_id == CLAIRE and session.countdown.running
        clock.advance(5)
        assert session.countdown.remaining() == 55
        assert ANN not in session.state.order

    def test_removing_someone_who_already_spoke_keeps_the_current_speaker(self, clock: FakeClock) -> None:
        session = Session.start(case(ADVICE), ORDER, clock, 0)
        session.next_speaker()
        session.next_speaker()
        assert session.speaker_id == CLAIRE
        assert session.remove_member(ANN) is None
        assert session.speaker_id == CLAIRE
        assert session.remove_member(DIRK) is None
        assert session.speaker_id == CLAIRE and session.upcoming() == (None, 1)

    def test_the_last_speaker_removed_moves_to_the_next_round(self, clock: FakeClock) -> None:
        session = Session.start(case(ADVICE, TALK), [ANN], clock, 0)
        session.remove_member(ANN)
        assert session.state.round_index == 1 and session.speaker_id is None

    def test_a_round_without_anyone_to_speak_is_passed_over(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, TELLING), [BART], clock, 0)
        assert session.state.round_index == 1 and session.speaker_id == BART

    def test_a_new_order_keeps_the_current_speaker(self, clock: FakeClock) -> None:
        session = Session.start(case(ADVICE), ORDER, clock, 0)
        session.next_speaker()
        session.set_order([DIRK, BART, ANN, CLAIRE])
        assert session.speaker_id == BART and session.upcoming() == (ANN, None)

    def test_a_restarted_app_resumes_the_right_speaker_and_time_left(self, clock: FakeClock) -> None:
        session = Session.start(case(QUESTIONS, ADVICE), ORDER, clock, 0)
        session.next_speaker()
        clock.advance(25)
        state = session.state_to_save(wall_now=5000.0)
        saved = DiscussionState(**{**vars(state)})
        later = Session(case(QUESTIONS, ADVICE), saved, FakeClock(3.0), wall_now=5010.0)
        assert later.speaker_id == CLAIRE
        assert later.countdown.remaining() == pytest.approx(25)
        assert later.countdown.running
