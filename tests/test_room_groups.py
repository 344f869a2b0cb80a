"""The room sees groups, not persons (issue 26 item 3, issue 22 item 3).

The evaluation summary the room sees (`ln-tui present`, the console's projector view, the
report) counts only finished forms, with their answers as they were when finished, and shows
no figure about fewer answers than the network's minimum (never below 3): a form being typed
on the console never changes what the room sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FakeClock
from present_helpers import present_app, shown_text
from textual.widgets import DataTable

from ln_tui.app import LnApp
from ln_tui.evaluation.model import Evaluation
from ln_tui.evaluation.summary import group_minimum, meeting_summary, set_group_minimum
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.present.view import EvaluationRoom, RoomChoice, show_to_room
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.present.app import PresentApp
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
NAMES = ["Ann Aerts", "Bart Bosmans", "Chris Claes", "Dirk Dewulf"]
# Each member's answers: a relevance rating and an open answer nobody else gives.
RATINGS = [5, 2, 4, 1]
ANSWERS = ["ANN SAYS THIS", "BART SAYS THIS", "CHRIS SAYS THIS", "DIRK SAYS THIS"]
TOO_FEW = "shown from 3 finished forms on"


@pytest.fixture
def closing(store: NetworkStore) -> Meeting:
    meeting = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
    store.members.add_many([Member(name) for name in NAMES])
    store.set_current_meeting(meeting.id)
    return meeting


def finished_form(store: NetworkStore, meeting: Meeting, index: int) -> Evaluation:
    member = store.members.all()[index]
    form = Evaluation(
        meeting.id, member.id, ratings={"relevance": RATINGS[index]}, answers={"went_well": ANSWERS[index]}
    )
    form.mark_finished()
    return store.repo(Evaluation).add(form)


def room_markdown(app: PresentApp) -> str:
    app.room.poll()
    view = app.room.view
    assert isinstance(view, EvaluationRoom)
    return view.markdown


class TestPresent:
    async def test_figures_appear_only_from_three_finished_forms(
        self, store: NetworkStore, closing: Meeting, clock: FakeClock, network_path: Path
    ) -> None:
        show_to_room(store, RoomChoice.EVALUATION, meeting_id=closing.id)
        room = present_app(network_path, clock)
        async with room.run_test(size=(120, 36)):
            for count in (1, 2):
                finished_form(store, closing, count - 1)
                markdown = room_markdown(room)
                text = await shown_text(room)
                assert f"Forms counted: {count}" in text
                assert TOO_FEW in text
                assert not any(answer in markdown for answer in ANSWERS), "no open answer of 1 or 2 people"
                assert "Relevance" not in markdown, "no question's figures"
                assert "Recommend" not in markdown
            finished_form(store, closing, 2)
            markdown = room_markdown(room)
            text = await shown_text(room)
            assert "Forms counted: 3" in text and TOO_FEW not in text
            assert "| Relevance to my work | **3.7** |" in markdown  # (5 + 2 + 4) / 3
            assert all(answer in markdown for answer in ANSWERS[:3])
            assert not any(name in markdown for name in NAMES), "the summary names nobody"

    async def test_a_question_fewer_than_three_answered_shows_only_how_many(
        self, store: NetworkStore, closing: Meeting, clock: FakeClock, network_path: Path
    ) -> None:
        for index in range(3):
            finished_form(store, closing, index)
        named = store.repo(Evaluation).all()[0]
        named.ratings["atmosphere"] = 1
        named.recommend = 0
        named.mark_finished()
        store.repo(Evaluation).update(named)
        show_to_room(store, RoomChoice.EVALUATION, meeting_id=closing.id)
        room = present_app(network_path, clock)
        async with room.run_test(size=(120, 36)):
            markdown = room_markdown(room)
        atmosphere = next(line for line in markdown.splitlines() if line.startswith("| Atmosphere"))
        assert "1.0" not in atmosphere and "| – | – | – | – | – | 1 |" in atmosphere
        assert "Recommend score" not in markdown and "Fewer than 3 answers" in markdown
        assert "A question answered by fewer than 3 people shows no figure." in markdown

    async def test_a_form_being_typed_on_the_console_never_changes_the_room(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        """F6, F12, open a finished named form, type ratings: the room stays as it was; a new
        form being typed (a draft) shows nowhere either; finishing with ctrl+f counts it."""
        for index in range(3):
            finished_form(store, closing, index)
        console = make_app(store, screen="evaluation")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(120, 36)):
            await pilot.press("f12")  # the evaluation summary, shown to the room
            before = room_markdown(room)
            before_text = await shown_text(room)
            assert "| Relevance to my work | **3.7** |" in before

            await pilot.press("enter")  # Ann's finished form
            assert isinstance(console.screen, EvaluationFormScreen)
            for key in ("1", "4", "2"):
                await pilot.press(key)
                assert store.repo(Evaluation).all()[0].ratings["relevance"] == int(key), "saved at once"
                assert room_markdown(room) == before, f"the room moved with the rating {key}"
                assert await shown_text(room) == before_text
            await pilot.press("escape")
            table = console.screen.query_one("#forms-table", DataTable)
            assert "finished, changes not counted" in str(table.get_row_at(0)[1])
            assert room_markdown(room) == before

            await pilot.press("down", "down", "down", "enter")  # Dirk's form, new: a draft as soon as a rating is typed
            await pilot.press("3", "down", "5")
            assert isinstance(console.screen, EvaluationFormScreen)
            assert room_markdown(room) == before, "a draft shows nowhere, not even as 'drafts: 1'"
            assert store.repo(Evaluation).all()[-1].draft
            await pilot.press("escape", "up", "up", "up", "enter", "ctrl+f")  # Ann's form finished again
            if console.screen.is_modal:
                await pilot.press("y")  # finish with questions unanswered
            after = room_markdown(room)
            assert after != before and "| Relevance to my work | **2.7** |" in after  # (2 + 2 + 4) / 3

    async def test_making_a_finished_form_anonymous_drops_the_name_at_once_and_moves_nothing_in_the_room(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        for index in range(3):
            finished_form(store, closing, index)
        console = make_app(store, screen="evaluation")
        room = present_app(network_path, clock)
        async with console.run_test(size=(80, 24)) as pilot, room.run_test(size=(120, 36)):
            await pilot.press("f12")
            before = room_markdown(room)
            await pilot.press("enter", "up", "space")  # Ann's form: the anonymous box
            form = store.repo(Evaluation).all()[0]
            assert form.anonymous and form.member_id is None, "no name is kept, from the key on"
            assert room_markdown(room) == before, "the room's count of anonymous forms waits for ctrl+f"
            await pilot.press("ctrl+f")
            if console.screen.is_modal:
                await pilot.press("y")
            assert "(anonymous: 1)" in room_markdown(room)

    async def test_the_console_s_projector_view_follows_the_same_rule(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        finished_form(store, closing, 0)
        finished_form(store, closing, 1)
        console = make_app(store, screen="evaluation")
        async with console.run_test(size=(80, 24)) as pilot:
            await pilot.press("s")
            shown = "\n".join(str(w.render()) for w in console.screen.query("Static"))
            assert TOO_FEW in shown
            assert not any(answer in shown for answer in ANSWERS)
            assert "Closed questions" not in shown


class TestTheMinimum:
    def test_a_network_may_ask_for_more_never_for_fewer(self, store: NetworkStore, closing: Meeting) -> None:
        for index in range(4):
            finished_form(store, closing, index)
        assert group_minimum(store) == 3
        assert set_group_minimum(store, 1) == 3 and group_minimum(store) == 3
        store.set_setting("evaluation_min_group", 2)  # written by hand: still 3
        assert group_minimum(store) == 3
        assert meeting_summary(store, closing).questions[0].answers.n == 4
        assert set_group_minimum(store, 5) == 5
        summary = meeting_summary(store, closing)
        assert summary.too_few and summary.open_answers == ()
        assert summary.questions[0].answers.withheld == 4 and summary.questions[0].answers.average is None

    async def test_set_on_the_evaluation_home(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("g", "backspace", "2", "enter")
            assert group_minimum(store) == 3
            await pilot.press("g", "backspace", "6", "enter")
            assert group_minimum(store) == 6
