"""A member's learning thread through the demo: the goal from the kickoff, three check-ins, the
goal reviewed at the close, and the take-home (golden files); the goals in the summary without
names, and nothing below the minimum in the room."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FakeClock

from ln_tui.evaluation.report import summary_markdown
from ln_tui.evaluation.summary import meeting_summary
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Audience, Meeting, MeetingKind, Member
from ln_tui.report import minutes_markdown
from ln_tui.store import NetworkStore
from ln_tui.store.outputs import OutputRefused
from ln_tui.thread.book import ThreadBook
from ln_tui.thread.goals import MAX_GOAL
from ln_tui.thread.model import GoalOutcome, GoalReview
from ln_tui.thread.takehome import take_home_markdown

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("LN_TUI_UPDATE_GOLDEN") == "1"


def member(store: NetworkStore, name: str) -> Member:
    [found] = store.members.where(name=name)
    return found


def closing(store: NetworkStore) -> Meeting:
    return next(m for m in store.meetings.all() if m.kind is MeetingKind.CLOSING)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; regenerate with LN_TUI_UPDATE_GOLDEN=1"


class TestTheDemoThread:
    def test_jan_from_the_kickoff_to_the_close(self, demo_store: NetworkStore) -> None:
        jan = member(demo_store, "Jan Peeters")
        thread = ThreadBook(demo_store).thread(jan.id or 0)
        assert thread is not None
        # The goal: his "I want to learn" at the kickoff, not written again by hand.
        assert jan.learning_goal == ""
        assert thread.goal == thread.kickoff_goal == "Hoe anderen mantelzorgers **echt** betrekken."
        assert not thread.own_goal
        # Three check-ins, one per meeting after the kickoff, in date order.
        meetings = [m for m, _c in thread.check_ins]
        assert [m.title for m in meetings if m] == ["Bijeenkomst 2", "Bijeenkomst 3", "Slotbijeenkomst"]
        assert all(c.answer for _m, c in thread.check_ins)
        # His case, the advice he received and what came of it.
        [brought] = thread.cases
        assert brought.case.title == "Een tachtiger wil niet naar het woonzorgcentrum"
        assert len(brought.advice) == 3 and brought.outcome
        # The goal reviewed at the closing meeting.
        assert thread.review is not None and thread.review_meeting == closing(demo_store)
        assert thread.review.outcome is GoalOutcome.REACHED
        assert thread.review.goal == thread.goal

    def test_the_take_home_matches_its_golden_files(self, demo_store: NetworkStore) -> None:
        jan = member(demo_store, "Jan Peeters")
        md = ThreadBook(demo_store).export_take_home(jan, "md")
        html = ThreadBook(demo_store).export_take_home(jan, "html")
        assert md.parent == html.parent == demo_store.path.parent  # beside the network file
        assert md.name == f"{demo_store.path.stem}-take-home-jan-peeters.md"
        check_golden("demo-take-home-jan.md", md.read_text(encoding="utf-8"))
        check_golden("demo-take-home-jan.html", html.read_text(encoding="utf-8"))

    def test_the_take_home_names_no_one_else_and_holds_no_one_elses_thread(self, demo_store: NetworkStore) -> None:
        jan = member(demo_store, "Jan Peeters")
        text = take_home_markdown(demo_store, jan)
        for other in demo_store.members.all():
            if other.id == jan.id:
                continue
            # Only the harvest's "who carries it" (written to be shared) may name someone.
            outside_harvest = text.split("## Harvest of the network")[0]
            assert other.name not in outside_harvest
        fatima = member(demo_store, "Fatima El Amrani")
        assert ThreadBook(demo_store).goal(fatima) not in text
        assert "De agenda lukt" not in text  # her review's remark

    def test_a_take_home_is_never_written_over_a_network(self, demo_store: NetworkStore) -> None:
        jan = member(demo_store, "Jan Peeters")
        target = demo_store.path.with_name(f"{demo_store.path.stem}-take-home-jan-peeters.md")
        target.write_bytes(demo_store.path.read_bytes())  # a network where the take-home would go
        with pytest.raises(OutputRefused):
            ThreadBook(demo_store).export_take_home(jan, "md")
        assert target.read_bytes() == demo_store.path.read_bytes()

    def test_nothing_of_the_threads_in_the_minutes_to_share(self, demo_store: NetworkStore) -> None:
        shared = minutes_markdown(demo_store, closing(demo_store), Audience.SHARE)
        assert "Het overleg thuis is nu een gewoonte" not in shared  # a review's remark
        assert "Twee mantelzorgers betrokken" not in shared  # a check-in
        assert "Een zorgoverleg van een uur leiden" not in shared  # an own goal
        assert "Reached: 3 · partly: 3 · not reached: 1" in shared  # counts only, from three on


class TestTheGoal:
    def test_empty_follows_the_kickoff_and_own_words_win(self, store: NetworkStore) -> None:
        ann = store.members.add(Member("Ann"))
        kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        board = store.repo(BoardItem)
        board.add(BoardItem(kickoff.id, BoardColumn.INTRODUCTIONS, "x", ann.id, learn="Old words", created="1"))
        board.add(BoardItem(kickoff.id, BoardColumn.INTRODUCTIONS, "y", ann.id, learn="Later words", created="2"))
        book = ThreadBook(store)
        assert book.goal(ann) == "Later words"  # the latest introduction
        assert book.set_goal(ann.id or 0, "  Lead a  meeting  ") == ""
        assert member(store, "Ann").learning_goal == "Lead a meeting"
        assert book.set_goal(ann.id or 0, "Later words") == ""  # the kickoff's words again: follows the board
        assert member(store, "Ann").learning_goal == ""
        problem = book.set_goal(ann.id or 0, "x" * (MAX_GOAL + 1))
        assert str(MAX_GOAL) in problem
        assert member(store, "Ann").learning_goal == ""  # nothing changed

    def test_a_review_keeps_the_goal_as_it_stood(self, store: NetworkStore) -> None:
        ann = store.members.add(Member("Ann", learning_goal="Lead a meeting"))
        meeting = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        book = ThreadBook(store)
        book.review(meeting, ann, GoalOutcome.PARTLY)
        book.review(meeting, ann, None, "  Half of it ")
        [review] = store.repo(GoalReview).all()
        assert (review.goal, review.outcome, review.remark) == ("Lead a meeting", GoalOutcome.PARTLY, "Half of it")
        book.review(meeting, ann, None)
        assert store.repo(GoalReview).all() == []


class TestTheSummary:
    def reviewed(self, store: NetworkStore, outcomes: list[GoalOutcome]) -> Meeting:
        meeting = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        book = ThreadBook(store)
        for n, outcome in enumerate(outcomes):
            person = store.members.add(Member(f"Person {n}", learning_goal=f"Goal {n}"))
            book.review(meeting, person, outcome)
        return meeting

    def test_the_group_sees_goals_and_outcomes_without_names(self, store: NetworkStore) -> None:
        meeting = self.reviewed(store, [GoalOutcome.REACHED, GoalOutcome.NOT, GoalOutcome.PARTLY])
        text = summary_markdown(meeting_summary(store, meeting), "Evaluation", level=2)
        assert "| Goal 1 | not reached |" in text
        assert "Reached: 1 · partly: 1 · not reached: 1" in text
        assert "Person" not in text

    def test_the_room_sees_counts_only(self, store: NetworkStore) -> None:
        meeting = self.reviewed(store, [GoalOutcome.REACHED, GoalOutcome.NOT, GoalOutcome.PARTLY])
        text = summary_markdown(meeting_summary(store, meeting), "Evaluation", level=1, drafts=False, room=True)
        assert "Reached: 1 · partly: 1 · not reached: 1" in text
        assert "Goal 1" not in text and "Person" not in text

    def test_nothing_below_three_in_the_room_nor_for_the_group(self, store: NetworkStore) -> None:
        meeting = self.reviewed(store, [GoalOutcome.REACHED, GoalOutcome.NOT])
        summary = meeting_summary(store, meeting)
        for text in (
            summary_markdown(summary, "Evaluation", level=1, drafts=False, room=True),
            summary_markdown(summary, "Evaluation", level=2),
            summary_markdown(summary, "Evaluation", level=2, share=True),
        ):
            assert "2 goals reviewed: the counts are shown from 3 on." in text
            assert "Reached:" not in text and "Goal 0" not in text


class TestTheCommandLine:
    def test_export_member_writes_the_take_home_beside_the_network(
        self, demo_store: NetworkStore, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main

        path = demo_store.path
        demo_store.close()
        assert main(["export", str(path), "--member", "Jan Peeters", "--format", "html", "--lang", "en"]) == 0
        written = path.with_name(f"{path.stem}-take-home-jan-peeters.html")
        assert written.read_text(encoding="utf-8") == (GOLDEN / "demo-take-home-jan.html").read_text(encoding="utf-8")
        assert main(["export", str(path), "--member", "Jan Peeters", "-o", "-", "--lang", "en"]) == 0
        assert capsys.readouterr().out == (GOLDEN / "demo-take-home-jan.md").read_text(encoding="utf-8")

    def test_export_member_refuses_another_export_and_an_unknown_name(
        self, demo_store: NetworkStore, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main

        path = demo_store.path
        demo_store.close()
        assert main(["export", str(path), "--member", "Jan Peeters", "--meeting", "1", "--lang", "en"]) != 0
        assert "--member writes a member's take-home" in capsys.readouterr().err
        assert main(["export", str(path), "--member", "Nobody", "--lang", "en"]) != 0
        assert "no member is called Nobody" in capsys.readouterr().err

    def test_help_lists_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        from ln_tui.cli import main

        with pytest.raises(SystemExit):
            main(["--help", "--lang", "en"])
        assert "export FILE [--member NAME]" in " ".join(capsys.readouterr().out.split())


class TestFromAPhone:
    """The phone's evaluation form asks about the goal only with a name; accepted, it is the goal's review."""

    async def test_a_signed_form_reviews_the_goal_once_accepted(self, store: NetworkStore, clock: FakeClock) -> None:
        from aiohttp.test_utils import TestClient, TestServer
        from room_helpers import Phone, populate

        from ln_tui.room.model import RoomPart
        from ln_tui.room.room import Room
        from ln_tui.room.server import build_app

        ids = populate(store)
        room = Room(store, clock=clock)
        room.open()
        room.toggle_part(RoomPart.EVALUATION)
        ann = store.members.get(ids["ann"])
        assert ann is not None
        ThreadBook(store).set_goal(ann.id or 0, "Lead a meeting")
        assert room.token is not None
        phone = Phone(TestClient(TestServer(build_app(room))), room.token)
        async with phone.client:
            _status, html = await phone.get("/evaluation")
            assert "Did you reach the learning goal you set at the start?" in html
            assert "Lead a meeting" not in html  # no one's goal on a page any phone sees
            status, html = await phone.post("/evaluation", {"rating.relevance": "3", "goal": "partly"})
            assert status == 400 and "Your learning goal is asked with your name only" in html
            assert 'value="partly" checked' in html  # what it chose is still there
            status, _html = await phone.post(
                "/evaluation",
                {"rating.relevance": "3", "member": str(ann.id), "goal": "partly", "goal_remark": "Half of it"},
            )
            assert status == 200
        assert store.repo(GoalReview).all() == []  # a phone can choose any name: the facilitator confirms it
        [queued] = room.queue()
        room.accept(queued.id or 0)
        [review] = store.repo(GoalReview).all()
        assert (review.member_id, review.goal, review.outcome, review.remark) == (
            ann.id,
            "Lead a meeting",
            GoalOutcome.PARTLY,
            "Half of it",
        )
