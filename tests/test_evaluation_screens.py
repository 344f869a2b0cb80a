"""The evaluation home, form, expectations review and summary, driven by keyboard only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from ln_tui.app import LnApp
from ln_tui.evaluation.model import Evaluation, ExpectationReview, Verdict
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.screens.evaluation.expectations import ExpectationsScreen
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.evaluation.screen import EvaluationScreen
from ln_tui.screens.evaluation.summary import SummaryScreen
from ln_tui.screens.widgets.bars import RatingScale
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


@pytest.fixture
def closing(store: NetworkStore) -> Meeting:
    store.members.add_many([Member("Ann Aerts"), Member("Bart Baert")])
    store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
    return store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING, title="Slot"))


def screen_text(app: LnApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


class TestForm:
    async def test_fill_in_a_whole_form_by_keyboard(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # Ann, the first participant
            assert isinstance(app.screen, EvaluationFormScreen)
            for rating in "453425":  # six questions: a number chooses, ↓ goes on
                await pilot.press(rating, "down")
            await pilot.press("right", "right", "left", "down")  # case discussion: 1, 2, 1
            await pilot.press("4", "enter", "3", "down")  # kickoff exchange, external input
            await pilot.press("1", "0", "down")  # recommend: 1 then 0 is 10
            await pilot.press(*"Good cases", "enter", *"and coffee", "tab", *"Start on time")
            await pilot.press("ctrl+f")
            assert isinstance(app.screen, EvaluationScreen)
            [form] = store.repo(Evaluation).all()
            ann = store.members.where(name="Ann Aerts")[0]
            assert (form.meeting_id, form.member_id, form.anonymous, form.draft) == (closing.id, ann.id, False, False)
            assert form.ratings == {
                "relevance": 4,
                "applicable": 5,
                "atmosphere": 3,
                "facilitation": 4,
                "organisation": 2,
                "worth_time": 5,
            }
            assert form.learning_forms == {"case_discussion": 1, "kickoff_exchange": 4, "external_input": 3}
            assert form.recommend == 10
            assert form.answers == {"went_well": "Good cases\nand coffee", "improve": "Start on time"}
            table = app.screen.query_one(DataTable)
            assert [str(c) for c in table.get_row_at(0)] == ["Ann Aerts", "finished"]

    async def test_backspace_clears_and_a_bad_digit_changes_nothing(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "7")  # no 7 on a 1-5 scale
            scale = app.screen.query_one("#rating-relevance", RatingScale)
            assert scale.value is None and app.screen.focused is scale
            await pilot.press("end", "backspace", "right")
            assert scale.value == 1
            assert store.repo(Evaluation).all()[0].ratings == {"relevance": 1}

    async def test_an_anonymous_form_keeps_no_name(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter", "up", "space", "tab", "2", "ctrl+f", "y")  # yes, with ratings unanswered
            [form] = store.repo(Evaluation).all()
            assert (form.anonymous, form.member_id, form.draft, form.ratings) == (True, None, False, {"relevance": 2})
            table = app.screen.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert rows == [["Ann Aerts", "–"], ["Bart Baert", "–"], ["Anonymous form 1", "finished"]]
            await pilot.press("s")
            assert isinstance(app.screen, SummaryScreen)
            assert "Ann" not in screen_text(app) and "Forms counted: 1 (anonymous: 1)." in screen_text(app)

    async def test_a_form_without_ratings_stays_a_draft_and_is_finished_later(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("a")  # a new anonymous form
            app.screen.query_one("#answer-improve").focus()
            await pilot.press(*"Later", "ctrl+f")
            assert isinstance(app.screen, EvaluationFormScreen)  # refused: no ratings
            [form] = store.repo(Evaluation).all()
            assert form.draft and form.answers == {"improve": "Later"} and not form.counts
            await pilot.press("escape")
            table = app.screen.query_one(DataTable)
            assert [str(c) for c in table.get_row_at(table.row_count - 1)] == ["Anonymous form 1", "draft"]
            await pilot.press("down", "down", "enter")  # later: open the draft again and finish it
            await pilot.press("5", "ctrl+f", "y")
            [form] = store.repo(Evaluation).all()
            assert form.counts and form.ratings == {"relevance": 5} and form.answers == {"improve": "Later"}

    async def test_remove_a_form_after_confirming(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        store.repo(Evaluation).add(
            Evaluation(closing.id, store.members.all()[0].id, draft=False, ratings={"relevance": 3})
        )
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("d", "n")
            assert len(store.repo(Evaluation)) == 1
            await pilot.press("d", "y")
            assert len(store.repo(Evaluation)) == 0

    async def test_choose_another_meeting(self, store: NetworkStore, closing: Meeting, make_app: AppFactory) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("m", "home", "enter", "enter", "3", "ctrl+f", "y")
            [form] = store.repo(Evaluation).all()
            assert store.meetings.get(form.meeting_id or 0).kind is MeetingKind.KICKOFF  # type: ignore[union-attr]


class TestExpectations:
    async def test_mark_each_expectation_and_add_a_remark(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        kickoff = next(m for m in store.meetings.all() if m.kind is MeetingKind.KICKOFF)
        items = store.repo(BoardItem).add_many(
            [BoardItem(kickoff.id, BoardColumn.EXPECTATIONS, t) for t in ("Tips", "Safety", "Contacts")]
        )
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("x")
            assert isinstance(app.screen, ExpectationsScreen)
            await pilot.press("m", "2", "n", "r", *"Half of us", "enter")
            reviews = {r.item_id: r for r in store.repo(ExpectationReview).all()}
            assert [reviews[i.id or 0].verdict for i in items] == [Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET]
            assert (
                reviews[items[2].id or 0].remark == "Half of us" and reviews[items[0].id or 0].meeting_id == closing.id
            )
            await pilot.press("0")
            assert store.repo(ExpectationReview).get(reviews[items[2].id or 0].id or 0).verdict is None  # type: ignore[union-attr]

    async def test_without_expectations_a_friendly_word(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("x", "m")
            assert "no expectations" in screen_text(app) and not store.repo(ExpectationReview).all()


class TestSummary:
    async def test_an_empty_meeting_shows_a_friendly_empty_summary(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            assert "No evaluation forms for this meeting yet" in screen_text(app)
            await pilot.press("escape")
            assert isinstance(app.screen, EvaluationScreen)

    async def test_hostile_text_shows_literally_and_triggers_nothing(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        hostile = "[@click=app.quit]x[/] <script>alert(1)</script> [link=javascript:x]y[/] \x1b[31m\x07 " + "z" * 10_000
        store.members.add(Member(hostile))
        store.repo(Evaluation).add_many(
            [
                Evaluation(
                    closing.id,
                    None,
                    anonymous=True,
                    draft=False,
                    ratings={"relevance": 4},
                    answers={"went_well": hostile},
                ),
                *(Evaluation(closing.id, None, anonymous=True, draft=False, ratings={"relevance": 3}) for _ in "ab"),
            ]
        )
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            text = screen_text(app)
            assert "[@click=app.quit]x[/] <script>alert(1)</script> [link=javascript:x]y[/] \\x1b[31m\\x07" in text
            await pilot.press("end", "escape", "down", "down", "enter")
            assert app.is_running and isinstance(app.screen, EvaluationFormScreen)


SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_form(snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("enter")  # An Wouters, finished
        await pilot.press("down", "down")

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_expectations(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("x")

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_summary(snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("s")

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=size, run_before=run_before)


def test_snapshot_summary_end_with_trend(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("s", "end")

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=(120, 36), run_before=run_before)
