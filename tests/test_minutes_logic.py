"""The Minutes' logic: kinds, actions, what is carried forward, roles, the minutes and the report."""

from __future__ import annotations

import json
from pathlib import Path

from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import QuestionReview, Verdict
from ln_tui.evaluation.report import section as evaluation_section
from ln_tui.evaluation.summary import meeting_summary
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.minutes.carry import CarriedKind
from ln_tui.minutes.notes import Minutes, parse_due
from ln_tui.model import Audience, Meeting, MeetingKind, Member, NoteKind, NoteStatus
from ln_tui.report import export_minutes, minutes_markdown, to_html
from ln_tui.store import NetworkStore

HOSTILE = "[@click=app.quit]Ann[/] <script>alert(1)</script> \x1b[31m\x07 \u202eتقرير\u202c " + "x" * 10_000


def four_meetings(store: NetworkStore) -> list[Meeting]:
    return store.meetings.add_many(
        [
            Meeting("2026-01-20", MeetingKind.KICKOFF),
            Meeting("2026-03-03"),
            Meeting("2026-04-14"),
            Meeting("2026-05-26", MeetingKind.CLOSING),
        ]
    )


class TestOlderFiles:
    def test_a_quick_note_from_before_the_minutes_loads_as_a_note(self, tmp_path: Path) -> None:
        path = tmp_path / "old.json"
        with NetworkStore.open(path) as store:
            meeting = store.meetings.add(Meeting("2026-03-03"))
        data = json.loads(path.read_text())
        data["notes"] = {
            "1": {
                "meeting_id": meeting.id,
                "text": "Afspraak: telefoons op stil",
                "created": "2026-03-03T14:00:00",
                "context": {"board_item": 4},
            }
        }
        data["meetings"][str(meeting.id)].pop("chair_id", None)
        path.write_text(json.dumps(data))
        with NetworkStore.open(path) as store:
            (note,) = Minutes(store).notes(store.meetings.get(meeting.id or 0))
            assert note.text == "Afspraak: telefoons op stil"
            assert note.kind is NoteKind.NOTE and note.status is NoteStatus.OPEN and note.home == ""
            assert store.meetings.get(meeting.id or 0).chair_id is None  # type: ignore[union-attr]
            assert "Afspraak: telefoons op stil" in minutes_markdown(store, store.meetings.get(meeting.id or 0))


class TestActions:
    def test_an_action_is_carried_over_two_meetings_then_done(self, store: NetworkStore) -> None:
        first, second, third, closing = four_meetings(store)
        ann = store.members.add(Member("Ann Peeters"))
        minutes = Minutes(store)
        action = minutes.add("Send the checklist", first, NoteKind.ACTION)
        assert not isinstance(minutes.set_owner(action, "ann"), str)
        for meeting in (second, third):
            (carried,) = minutes.carried(meeting)
            assert (carried.kind, carried.id, carried.done) == (CarriedKind.ACTION, action.id, False)
            assert carried.origin == first
        assert minutes.settle(minutes.carried(third)[0], third)
        done = store.notes.get(action.id or 0)
        assert done is not None and done.status is NoteStatus.DONE and done.done_meeting_id == third.id
        assert minutes.carried(third)[0].done  # the minutes of the third meeting say it was done there
        assert minutes.carried(second)[0].done is False  # still open at the second
        assert minutes.carried(closing) == []
        third_minutes = minutes_markdown(store, third)
        assert "Send the checklist" in third_minutes and "done at this meeting" in third_minutes
        report = minutes_markdown(store)
        row = next(line for line in report.splitlines() if line.startswith("| Send the checklist"))
        assert "Ann Peeters" in row and "2 meetings" in row and "done at" in row
        assert ann.id == done.owner_id

    def test_an_action_without_owner_belongs_to_the_group(self, store: NetworkStore) -> None:
        (meeting, *_rest) = four_meetings(store)
        minutes = Minutes(store)
        action = minutes.add("Book the room", meeting, NoteKind.ACTION)
        assert "owner: the group" in minutes_markdown(store, meeting)
        assert isinstance(minutes.set_owner(action, "nobody-here"), str)

    def test_a_removed_member_keeps_their_actions_under_the_name_they_had(self, store: NetworkStore) -> None:
        first, second, *_rest = four_meetings(store)
        bart = store.members.add(Member("Bart Claes"))
        minutes = Minutes(store)
        action = minutes.add("Ask the GP", first, NoteKind.ACTION)
        minutes.set_owner(action, "bart")
        store.members.remove(bart.id or 0)
        assert "owner: Bart Claes" in minutes_markdown(store, first)
        assert "Bart Claes" in minutes_markdown(store, second)

    def test_two_people_matching_are_refused_with_their_names(self, store: NetworkStore) -> None:
        (meeting, *_rest) = four_meetings(store)
        store.members.add_many([Member("Ann Peeters"), Member("Anna Maes")])
        minutes = Minutes(store)
        action = minutes.add("Call", meeting)
        problem = minutes.set_owner(action, "an")
        assert isinstance(problem, str) and "Ann Peeters" in problem and "Anna Maes" in problem
        assert store.notes.get(action.id or 0).owner_id is None  # type: ignore[union-attr]

    def test_due_is_a_meeting_number_or_a_date(self, store: NetworkStore) -> None:
        meetings = four_meetings(store)
        assert parse_due("2", meetings) == (meetings[1].id, "")
        assert parse_due("2026-06-30", meetings) == (None, "2026-06-30")
        assert parse_due("", meetings) == (None, "")
        assert isinstance(parse_due("9", meetings), str)
        assert isinstance(parse_due("tomorrow", meetings), str)

    def test_kinds_cycle_note_decision_action(self, store: NetworkStore) -> None:
        (meeting, *_rest) = four_meetings(store)
        minutes = Minutes(store)
        note = minutes.add("Phones on silent", meeting)
        assert [minutes.next_kind(note).kind for _ in range(3)] == [NoteKind.DECISION, NoteKind.ACTION, NoteKind.NOTE]


class TestCarriedForward:
    def test_open_and_parked_questions_of_all_earlier_meetings(self, store: NetworkStore) -> None:
        kickoff, second, third, _closing = four_meetings(store)
        items = store.repo(BoardItem).add_many(
            [
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "How often do we meet?"),
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Which tools?", status=ItemStatus.PARKED),
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Answered", status=ItemStatus.ANSWERED, archived=True),
                BoardItem(third.id, BoardColumn.QUESTIONS, "Later"),
            ]
        )
        minutes = Minutes(store)
        carried = minutes.carried(third)
        assert [(c.text, c.parked) for c in carried] == [("How often do we meet?", False), ("Which tools?", True)]
        minutes.settle(carried[0], third)
        answered = store.repo(BoardItem).get(items[0].id or 0)
        assert answered is not None and answered.status is ItemStatus.ANSWERED and answered.archived
        assert [c.text for c in minutes.carried(second)] == ["Which tools?"]

    def test_the_case_bringer_tells_what_they_did_with_the_advice(self, store: NetworkStore) -> None:
        _kickoff, second, third, closing = four_meetings(store)
        case = store.repo(Case).add(Case(second.id, "Mr De Vos"))
        minutes = Minutes(store)
        (advice,) = minutes.carried(third)
        assert advice.kind is CarriedKind.ADVICE and not advice.done
        minutes.settle(advice, third, "Talked to his son")
        assert minutes.carried(third)[0].done
        assert minutes.carried(closing) == []
        assert "Talked to his son" in minutes_markdown(store, third)
        assert minutes.outcome(case.id or 0) is not None


class TestRolesAndMinutes:
    def test_roles_and_the_schedule_are_in_the_minutes(self, store: NetworkStore) -> None:
        _first, second, *_rest = four_meetings(store)
        ann, bart, cas = store.members.add_many([Member("Ann"), Member("Bart"), Member("Cas")])
        minutes = Minutes(store)
        minutes.set_roles(
            second, {"chair_id": ann.id, "timekeeper_id": bart.id, "minute_taker_id": cas.id}, [bart.id or 0]
        )
        text = minutes_markdown(store, store.meetings.get(second.id or 0))
        assert "Chair: Ann" in text and "Timekeeper: Bart" in text and "Minute-taker: Cas" in text
        assert "Planned to bring a case: Bart" in text
        assert "Roles and case-bringers per meeting" in minutes_markdown(store)

    def test_the_export_is_the_same_as_the_command_line(self, demo_store: NetworkStore) -> None:
        from ln_tui.cli import _minutes

        minutes = Minutes(demo_store)
        second = minutes.meetings()[1]
        path = export_minutes(demo_store, second, "md")
        assert path == demo_store.path.with_name("network-minutes-2.md")
        assert path.read_text() == _minutes(demo_store, 2, Audience.GROUP)[0]
        html = export_minutes(demo_store, second, "html").read_text()
        assert html.startswith("<!DOCTYPE html>") and "Bijeenkomst 2" in html
        shared = export_minutes(demo_store, second, "md", Audience.SHARE)
        assert shared == demo_store.path.with_name("network-minutes-2-to-share.md")
        assert shared.read_text() == _minutes(demo_store, 2, Audience.SHARE)[0] != path.read_text()


class TestHostileText:
    def test_a_long_hostile_note_is_exported_literally_and_safely(self, store: NetworkStore) -> None:
        (meeting, *_rest) = four_meetings(store)
        minutes = Minutes(store)
        minutes.add(HOSTILE, meeting, NoteKind.DECISION)
        markdown = minutes_markdown(store, meeting)
        assert "\x1b" not in markdown and "\x07" not in markdown and "\u202e" not in markdown
        assert "\\[@click=app.quit\\]Ann\\[/\\]" in markdown and "x" * 10_000 in markdown
        html = to_html(markdown, "t")
        assert "<script>" not in html and "&lt;script&gt;" in html and "تقرير" in html


class TestHeader:
    def test_the_roles_line_shows_only_the_roles_set_with_names_made_harmless(self, store: NetworkStore) -> None:
        from ln_tui.minutes.roles import roles_line

        (meeting, *_rest) = four_meetings(store)
        assert roles_line(store, meeting) == ""
        ann = store.members.add(Member("[b]Ann[/b]\x1b[2J"))
        meeting.timekeeper_id = ann.id
        assert roles_line(store, meeting) == "time [b]Ann[/b]\\x1b[2J"


class TestQuestionReview:
    def test_questions_reviewed_at_the_close_are_in_the_summary_and_report(self, store: NetworkStore) -> None:
        kickoff, _second, _third, closing = four_meetings(store)
        asked, parked = store.repo(BoardItem).add_many(
            [
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "How often do we meet?"),
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Which tools?", status=ItemStatus.PARKED),
            ]
        )
        store.repo(QuestionReview).add_many(
            [
                QuestionReview(asked.id or 0, closing.id, Verdict.MET, "Every six weeks"),
                QuestionReview(parked.id or 0, closing.id, Verdict.PARTLY),
            ]
        )
        summary = meeting_summary(store, closing)
        assert [(a.text, a.verdict, a.remark) for a in summary.answered] == [
            ("How often do we meet?", Verdict.MET, "Every six weeks"),
            ("Which tools?", Verdict.PARTLY, ""),
        ]
        report = evaluation_section(store, closing)
        assert "Questions from the kickoff: were they answered?" in report
        assert "| How often do we meet? | answered | Every six weeks |" in report
        assert "| Which tools? | partly answered |  |" in report
