"""Methods, fairness, follow-up, the minutes section and the demo of the case discussion."""

from __future__ import annotations

import pytest

from ln_tui.discussion.earlier_meetings import follow_up, previous_meeting
from ln_tui.discussion.fairness import bar, shares, spoken_by_member
from ln_tui.discussion.methods import (
    BALINT,
    GOSSIP,
    INCIDENT,
    ONE_TWO_FOUR_ALL,
    PRESETS,
    TROIKA,
    method_problems,
    preset,
)
from ln_tui.discussion.model import (
    Case,
    DiscussionState,
    ExternalInput,
    InputKind,
    Method,
    RoundSpec,
    Speakers,
    TimeBox,
    Turn,
    TurnClock,
)
from ln_tui.i18n import set_language
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.report import minutes_markdown
from ln_tui.store import NetworkStore


class TestMethods:
    def test_the_presets_are_the_methods_of_the_domain_and_all_usable(self) -> None:
        assert [m.name for m in PRESETS] == [INCIDENT, BALINT, GOSSIP, TROIKA, ONE_TWO_FOUR_ALL]
        assert all(method_problems(m) == [] and m.preset for m in PRESETS)

    def test_the_case_bringer_is_silent_during_advice_and_gossip(self) -> None:
        advice = next(r for r in preset(INCIDENT).rounds if r.name == "Advice")
        assert advice.speakers is Speakers.ALL_BUT_BRINGER and advice.advice
        gossip = preset(GOSSIP).rounds
        assert gossip[1].question_cap == 3 and gossip[2].speakers is Speakers.ALL_BUT_BRINGER
        assert [r.seconds for r in preset(ONE_TWO_FOUR_ALL).rounds] == [60, 120, 240, 300]

    def test_a_preset_copy_is_independent(self) -> None:
        copy = preset(INCIDENT)
        copy.rounds.clear()
        assert preset(INCIDENT).rounds

    def test_a_method_without_rounds_or_with_a_zero_time_box_is_refused(self) -> None:
        assert method_problems(Method("Ours")) == ["A method needs at least one round."]
        problems = method_problems(Method("Ours", [RoundSpec("Talk", 60), RoundSpec("", 0, question_cap=-1)]))
        assert problems == [
            "Round 2: a round needs a name.",
            "Round 2: the time box must be more than zero.",
            "Round 2: the cap on questions cannot be negative.",
        ]
        assert method_problems(Method(" ", [RoundSpec("Talk", 60)])) == ["A method needs a name."]
        assert method_problems(Method("balint METHOD", [RoundSpec("Talk", 60)]), {"Balint method"}) == [
            "There is already a method called balint METHOD."
        ]

    def test_problems_are_said_in_dutch_too(self) -> None:
        set_language("nl")
        assert method_problems(Method("Ours")) == ["Een methode heeft minstens één ronde nodig."]


class TestFairness:
    def test_time_per_member_adds_up_and_the_group_is_left_out(self) -> None:
        turns = [
            Turn(1, 1, 0, "Q", 5, 30.5),
            Turn(1, 1, 0, "Q", 6, 10),
            Turn(1, 1, 1, "A", 5, 20),
            Turn(1, 1, 2, "T", None, 600),
        ]
        assert spoken_by_member(turns) == {5: 50.5, 6: 10}
        ann, bart, claire = Member("Ann", id=5), Member("Bart", id=6), Member("Claire", id=7)
        result = shares([claire, bart, ann], turns, [Case(1, "x", 6), Case(2, "y", 6)])
        assert [(s.member.name, s.seconds, round(s.share, 3), s.cases) for s in result] == [
            ("Ann", 50.5, 0.835, 0),
            ("Bart", 10, 0.165, 2),
            ("Claire", 0.0, 0.0, 0),
        ]

    def test_bars_are_drawn_in_eighths(self) -> None:
        assert bar(10, 10, 4) == "████"
        assert bar(5, 10, 3) == "█▌"
        assert bar(0, 10, 4) == "" and bar(3, 0, 4) == ""


class TestFollowUp:
    def test_advice_agreements_and_open_questions_of_the_previous_meeting(self, store: NetworkStore) -> None:
        kickoff, second, third = store.meetings.add_many(
            [
                Meeting("2026-01-20", MeetingKind.KICKOFF),
                Meeting("2026-03-03"),
                Meeting("2026-04-14"),
            ]
        )
        assert previous_meeting(store.meetings.all(), third) == second
        assert previous_meeting(store.meetings.all(), kickoff) is None
        assert follow_up(store, kickoff) is None
        store.repo(BoardItem).add_many(
            [
                BoardItem(second.id, BoardColumn.AGREEMENTS, "Phones away", order=2),
                BoardItem(second.id, BoardColumn.QUESTIONS, "Parked one", status=ItemStatus.PARKED, order=1),
                BoardItem(second.id, BoardColumn.QUESTIONS, "Answered", status=ItemStatus.ANSWERED),
                BoardItem(kickoff.id, BoardColumn.AGREEMENTS, "Too old"),
            ]
        )
        case = store.repo(Case).add(
            Case(second.id, "Mr De Vos", 1, rounds=[RoundSpec("Q", 60), RoundSpec("Advice", 60, advice=True)])
        )
        store.add_note("Call the GP", second.id, {"case_id": case.id or 0, "round": 1})
        store.add_note("A question", second.id, {"case_id": case.id or 0, "round": 0})
        store.add_note("Coffee", second.id)
        found = follow_up(store, third)
        assert found is not None and found.meeting == second
        assert found.advice == [("Mr De Vos", "Call the GP")]
        assert found.agreements == ["Phones away"] and found.open_questions == ["Parked one"]
        earlier = follow_up(store, second)
        assert earlier is not None and earlier.agreements == ["Too old"] and not earlier.advice
        after_third = follow_up(store, store.meetings.add(Meeting("2026-05-26")))
        assert after_third is not None and after_third.meeting == third
        # Not only the previous meeting: the parked question of the second meeting is still carried.
        assert not after_third.agreements and not after_third.advice and after_third.open_questions == ["Parked one"]


class TestStoredRecords:
    def test_a_running_state_reads_back_identical(self, store: NetworkStore) -> None:
        state = DiscussionState(4, [3, 1, 2], [5], 2, 1, TurnClock(120.0, 33.25, True, 1.7e9), True)
        store.repo(DiscussionState).add(state)
        assert store.repo(DiscussionState).get(state.id or 0) == state

    def test_a_case_keeps_its_own_rounds(self, store: NetworkStore) -> None:
        case = Case(1, "x", 2, rounds=[RoundSpec("Q", 90, TimeBox.WHOLE_ROUND, Speakers.BRINGER, 2, "i", True)])
        store.repo(Case).add(case)
        assert store.repo(Case).get(case.id or 0) == case


class TestMinutes:
    def test_each_case_lists_method_rounds_turns_time_and_notes(self, store: NetworkStore) -> None:
        ann, bart = store.members.add_many([Member("Ann"), Member("[b]Bart")])
        meeting = store.meetings.add(Meeting("2026-03-03", title="Two"))
        case = store.repo(Case).add(
            Case(
                meeting.id,
                "Mr *De* Vos",
                ann.id,
                "What now?",
                "Some **context**",
                INCIDENT,
                preset(INCIDENT).rounds,
                True,
            )
        )
        store.repo(Turn).add_many(
            [
                Turn(case.id or 0, meeting.id, 3, "Clarifying questions", bart.id, 95.4, 120),
                Turn(case.id or 0, meeting.id, 3, "Clarifying questions", ann.id, 0, 120, skipped=True),
                Turn(case.id or 0, meeting.id, 4, "Analysis", None, 600, 600),
            ]
        )
        store.add_note(
            "Ask the <b>GP</b>", meeting.id, {"case_id": case.id or 0, "round": 3, "speaker_id": bart.id or 0}
        )
        store.repo(ExternalInput).add(ExternalInput(meeting.id, "https://example.org", InputKind.LINK))
        minutes = minutes_markdown(store, meeting)
        assert "### Case: Mr \\*De\\* Vos" in minutes
        assert "- **Case-bringer:** Ann" in minutes and "- **Method:** Incident method" in minutes
        assert "#### Round 4: Clarifying questions" in minutes
        assert "- \\[b\\]Bart: 1:35\n  - Note: Ask the \\<b\\>GP\\</b\\>" in minutes
        assert "- Ann: 0:00 (skipped)" in minutes
        assert "#### Round 5: Analysis\n\n- the group: 10:00" in minutes
        assert "### External input\n\n- *link:* https://example.org" in minutes
        report = minutes_markdown(store)
        assert "## Case discussions of Two (2026-03-03)" in report and "## Speaking time over all meetings" in report

    def test_the_demo_has_two_worked_case_discussions(self, demo_store: NetworkStore) -> None:
        cases = demo_store.repo(Case).all()
        assert len(cases) == 2
        meetings = {m.id: m for m in demo_store.meetings.all()}
        assert all(meetings[c.meeting_id].kind is MeetingKind.REGULAR for c in cases)
        assert len({c.meeting_id for c in cases}) == 2
        turns = demo_store.repo(Turn).all()
        for case in cases:
            mine = [t for t in turns if t.case_id == case.id]
            assert len(mine) >= len(case.rounds) and any(t.speaker_id for t in mine)
            assert all(
                t.speaker_id != case.bringer_id
                for t in mine
                if case.rounds[t.round_index].speakers is Speakers.ALL_BUT_BRINGER
            )
        assert any(n.context.get("case_id") for n in demo_store.notes.all())
        assert len(demo_store.repo(ExternalInput).all()) >= 2
        second_case_meeting = meetings[cases[1].meeting_id]
        found = follow_up(demo_store, second_case_meeting)
        assert found is not None and any(title == cases[0].title for title, _advice in found.advice)


@pytest.mark.parametrize("name", [INCIDENT, BALINT, GOSSIP, TROIKA, ONE_TWO_FOUR_ALL])
def test_every_preset_can_be_run_to_its_end(name: str) -> None:
    from conftest import FakeClock

    from ln_tui.discussion.session import Session

    clock = FakeClock()
    session = Session.start(Case(1, "x", 2, rounds=preset(name).rounds, id=1), [1, 2, 3], clock, 0)
    turns = []
    while not session.finished:
        session.toggle_pause() if not session.countdown.running else None
        clock.advance(10)
        turns.append(session.next_speaker())
    assert sum(t.spoken for t in turns if t) == pytest.approx(10 * len(turns))
    assert {t.round_index for t in turns if t} == set(range(len(preset(name).rounds)))
