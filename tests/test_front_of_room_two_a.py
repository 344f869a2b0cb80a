"""Issue 22, in front of the room, round two (items 1, 2, 4, 5, 6, 8, 9, 10; the palette, item 7, is in
test_palette.py): each item driven by keyboard at the size where it was seen, the store checked where data
is concerned."""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FakeClock, notified
from rich.cells import cell_len
from textual import events
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Static, TextArea

from ln_tui.agenda.agenda import Agenda
from ln_tui.agenda.model import AgendaItem
from ln_tui.app import LnApp
from ln_tui.evaluation.model import Evaluation
from ln_tui.i18n import _, set_language
from ln_tui.model import Meeting, MeetingKind, Member, Note, NoteKind
from ln_tui.screens.dialogs import ConfirmDialog, TextDialog
from ln_tui.screens.network.forms import MeetingForm
from ln_tui.screens.roster.forms import ProblemsDialog
from ln_tui.screens.widgets.bars import RatingScale
from ln_tui.screens.widgets.table import RowTable
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)
LARGE = (120, 36)


def regular_meeting(store: NetworkStore) -> Meeting:
    store.members.add_many([Member(name) for name in ("Ann", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    return meeting


# -- 1. quitting never loses typed text -------------------------------------------------------------------------
class TestQuitAsksForTypedText:
    async def test_ctrl_q_in_the_quick_note_asks_and_n_keeps_the_note(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", *"Coffee at three", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Throw this text away" in app.screen.question
            await pilot.press("ctrl+q")  # asked already: a second ctrl+q asks nothing more
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            assert app.screen.query_one(Input).value == "Coffee at three"
            await pilot.press("enter")
            await pilot.pause()
        assert [note.text for note in store.notes.all()] == ["Coffee at three"]

    async def test_ctrl_q_then_y_throws_the_text_away_and_quits(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", *"Not wanted", "ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_code == 0
        assert store.notes.all() == []

    async def test_ctrl_q_with_nothing_typed_quits_at_once(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", "ctrl+q")
            await pilot.pause()
            assert not app.is_running
        assert app.return_code == 0

    async def test_ctrl_q_in_a_form_asks(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a", *"Sofie", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n", "ctrl+s")
            await pilot.pause()
        assert [member.name for member in store.members.all()] == ["Sofie"]

    async def test_ctrl_q_in_the_kickoff_editor_asks(self, store: NetworkStore, make_app: AppFactory) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n", *"What is a case?", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "What is a case?" in app.screen.detail

    async def test_an_editor_left_open_on_another_home_is_asked_about(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n", *"Half a question", "f7", "ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Half a question" in app.screen.detail


# -- 6. first run: Escape on the name question leaves the focus somewhere useful ------------------------------------
class TestFirstRun:
    async def test_escape_on_the_name_question_puts_the_focus_on_the_name_field(
        self, network_path: Path, make_app: AppFactory
    ) -> None:
        with NetworkStore.open(network_path) as fresh:
            app = make_app(fresh)
            async with app.run_test(size=SMALL) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, TextDialog)
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is not None and app.focused.id == "profile-name"
                await pilot.press(*"Zorg")
                await pilot.pause()
            assert fresh.profile().name == "Zorg"

    async def test_escape_on_the_name_question_on_another_home_still_leaves_a_focus(
        self, network_path: Path, make_app: AppFactory
    ) -> None:
        with NetworkStore.open(network_path) as fresh:
            app = make_app(fresh, screen="roster")
            async with app.run_test(size=SMALL) as pilot:
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is not None


# -- 5. a member's name is one line ----------------------------------------------------------------------------------
def roster_lines(app: LnApp) -> list[str]:
    table = app.screen.query_one("#roster-table", RowTable)
    return [table.render_line(y).text for y in range(1 + table.row_count)]


class TestNamesAreOneLine:
    async def test_a_pasted_newline_and_tab_become_spaces_in_the_member_form(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a")
            await pilot.pause()
            app.post_message(events.Paste("Ann\tPeeters\r\nVan Dijk"))
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert [member.name for member in store.members.all()] == ["Ann Peeters Van Dijk"]

    async def test_a_csv_cell_with_a_tab_imports_as_one_line(
        self, store: NetworkStore, make_app: AppFactory, tmp_path: Path
    ) -> None:
        (tmp_path / "members.csv").write_text("name,organisation\nJan\tJanssens,CAW\tGent\nEls,OCMW\n")
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("i", *str(tmp_path / "members.csv"), "enter")
            await pilot.pause()
        held = {(m.name, m.organisation) for m in store.members.all()}
        assert held == {("Jan Janssens", "CAW Gent"), ("Els", "OCMW")}

    async def test_a_csv_cell_with_a_line_break_is_refused_with_its_line(
        self, store: NetworkStore, make_app: AppFactory, tmp_path: Path
    ) -> None:
        (tmp_path / "members.csv").write_text('name,organisation\n"Jan\nJanssens",CAW\nEls,OCMW\n')
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("i", *str(tmp_path / "members.csv"), "enter")
            await pilot.pause()
            assert isinstance(app.screen, ProblemsDialog)
            assert "line 2" in screen_text(app)
        assert store.members.all() == []

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    async def test_rows_stay_aligned_with_a_name_from_an_older_file(
        self, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
    ) -> None:
        store.members.add_many(
            [Member("Ann\nPeeters", organisation="CAW"), Member("Bart\tDe Smet", organisation="OCMW"), Member("Els")]
        )
        app = make_app(store, screen="roster")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            lines = roster_lines(app)
        assert not any("\n" in line or "\t" in line for line in lines)
        assert any("Ann Peeters" in line for line in lines) and any("Bart De Smet" in line for line in lines)
        assert len({cell_len(line) for line in lines}) == 1
        columns = {
            line.index(organisation) for line in lines for organisation in ("CAW", "OCMW") if organisation in line
        }
        assert len(columns) == 1  # the organisation column starts at the same place on every row


# -- 10. the meeting form's date: no grey example that looks filled in ------------------------------------------------
class TestMeetingDate:
    async def test_an_empty_date_looks_empty_and_its_format_is_the_label(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+t", "a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, MeetingForm)
            date = form.query_one("#field-date", Input)
            assert date.value == "" and date.placeholder == ""
            assert form.query_one("#field-time", Input).placeholder == ""
            labels = " ".join(str(label.render()) for label in form.query(".form-label").results(Label))
            assert "YYYY-MM-DD" in labels and "HH:MM" in labels
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form and "YYYY-MM-DD" in str(form.query_one("#error-date", Label).render())
        assert store.meetings.all() == []

    async def test_the_next_date_at_the_networks_rhythm_is_filled_in_for_real(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        store.meetings.add_many([Meeting("2026-02-03", time="13:30"), Meeting("2026-03-03", time="13:30")])
        app = make_app(store)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+t", "a")
            await pilot.pause()
            assert app.screen.query_one("#field-date", Input).value == "2026-03-31"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, MeetingForm)
        assert sorted(m.date for m in store.meetings.all())[-1] == "2026-03-31"

    async def test_a_typed_date_replaces_the_one_filled_in(self, store: NetworkStore, make_app: AppFactory) -> None:
        store.meetings.add_many([Meeting("2026-02-03"), Meeting("2026-03-03")])
        app = make_app(store)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+t", "a", *"2026-04-14", "enter")
            await pilot.pause()
        assert sorted(m.date for m in store.meetings.all())[-1] == "2026-04-14"


# -- 9. evaluation at 80x24: the recommend row shows 0-10 and "no answer" ------------------------------------------------
class TestRecommendRow:
    @pytest.mark.parametrize("language", ["en", "nl"])
    async def test_the_whole_scale_and_no_answer_are_on_screen(
        self, store: NetworkStore, make_app: AppFactory, language: str
    ) -> None:
        regular_meeting(store)
        set_language(language)
        app = make_app(store, screen="evaluation", settings=Settings(theme="projector", language=language))
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a")
            await pilot.pause()
            scale = app.screen.query_one("#rating-recommend", RatingScale)
            scale.focus()
            await pilot.pause()
            shown = strip_text(scale)
            assert shown.split()[:11] == [str(n) for n in range(11)], shown
            assert _("no answer") in shown
            await pilot.press("1", "0")
            await pilot.pause()
            shown = strip_text(scale)
            assert "10" in shown.split()
            assert visible_cells(scale) >= len(shown.rstrip())
        [form] = store.repo(Evaluation).all()
        assert form.recommend == 10


def strip_text(widget: Widget) -> str:
    """What a one-line widget shows, as text."""
    return "".join(segment.text for segment in widget.render_line(0))


def visible_cells(widget: Widget) -> int:
    """How many cells of the widget's line are on screen (not cut by the screen's edge)."""
    return min(widget.region.right, widget.screen.region.right) - widget.region.x


# -- 2. the agenda while the meeting runs ------------------------------------------------------------------------------
MEETING_START = datetime.datetime(2026, 3, 3, 13, 30).timestamp()  # local time, as the meeting says


def agenda_rows(app: LnApp) -> list[str]:
    table = app.screen.query_one("#agenda-table", DataTable)
    return [str(table.get_row_at(i)[1]).strip("▶✓ ") for i in range(table.row_count)]


def stored_titles(store: NetworkStore) -> list[str]:
    return [i.shown_title for i in sorted(store.repo(AgendaItem).all(), key=lambda i: i.position)]


class TestAgendaWhileTheMeetingRuns:
    @pytest.fixture(autouse=True)
    def wall_clock(self, clock: FakeClock) -> None:
        clock.now = MEETING_START

    @pytest.fixture
    def make_app(self, make_app: AppFactory, clock: FakeClock) -> AppFactory:
        """The app's wall clock is the fake clock too."""
        return functools.partial(make_app, wall_clock=clock)

    async def test_an_item_added_with_the_cursor_on_a_done_item_goes_after_the_running_one(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="agenda")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("s")
            clock.advance(600)
            await pilot.press("n", "up")  # the cursor on the item done, the second one running
            await pilot.press("a", *"Extra round", "enter")
            await pilot.pause()
            titles = agenda_rows(app)
        assert titles[:3] == ["Welcome, check-in round", "Follow-up: actions and open questions", "Extra round"]
        assert stored_titles(store)[:3] == titles[:3]

    async def test_moving_an_item_above_the_running_one_is_refused(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="agenda")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("s")
            clock.advance(600)
            await pilot.press("n", "down")  # the cursor on the item after the running one
            before = agenda_rows(app)
            forecast = str(app.screen.query_one("#meeting-line", Static).visual).splitlines()[0]
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert agenda_rows(app) == before
            assert any("only the items after the running one move" in m for m in notified(app))
            await pilot.press("up", "right_square_bracket")  # the running item stays too
            await pilot.pause()
            assert agenda_rows(app) == before
            await pilot.press("down", "right_square_bracket")  # among the items to come: moves, same forecast
            await pilot.pause()
            assert agenda_rows(app) != before
            assert str(app.screen.query_one("#meeting-line", Static).visual).splitlines()[0] == forecast
            moved = agenda_rows(app)
        assert stored_titles(store) == moved

    def test_the_forecast_counts_an_item_still_to_do_above_the_running_one(
        self, store: NetworkStore, clock: FakeClock
    ) -> None:
        meeting = regular_meeting(store)
        agenda = Agenda(store, meeting, clock)
        agenda.start()
        clock.advance(600)
        agenda.next_item()  # the welcome done in 10 minutes, the follow-up (15) running
        forecast = agenda.state().forecast_end
        agenda.items.insert(0, agenda.items.pop(3))  # the break above it, as an older file or an undo may have
        assert agenda.state().forecast_end == forecast
        assert agenda.state().late == 0


# -- 8. minutes at 80x24: an action's due date visible, carried items as Markdown -------------------------------------------
def screen_text(app: LnApp) -> str:
    """The characters on the terminal now (from Textual's public screenshot)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text [^>]*>(.*?)</text>", svg))).replace("\xa0", " ")


class TestMinutesAtEightyColumns:
    async def test_an_actions_due_date_and_owner_are_on_screen(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting = regular_meeting(store)
        later = store.meetings.add(Meeting("2026-04-14", MeetingKind.REGULAR, title="Meeting 3"))
        ann = store.members.all()[0]
        store.notes.add_many(
            [
                Note(
                    meeting.id,
                    "Call the city about the room",
                    "2026-03-03T13:40:00",
                    kind=NoteKind.ACTION,
                    owner_id=ann.id,
                    due_date="2026-03-17",
                ),
                Note(
                    meeting.id,
                    "Send the slides to everyone who asked",
                    "2026-03-03T13:45:00",
                    kind=NoteKind.ACTION,
                    owner_name="Jan Janssens-Van den Broeck",
                    due_meeting_id=later.id,
                ),
            ]
        )
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "2026-03-17" in shown and "2026-04-14" in shown  # both due dates, in the table
            assert "Ann" in shown
            await pilot.press("down")
            await pilot.pause()
            detail = str(app.screen.query_one("#minutes-detail", Static).visual)
            assert "Jan Janssens-Van den Broeck" in detail and "Meeting 3 (2026-04-14)" in detail

    async def test_a_carried_item_shows_its_markdown_not_its_stars(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting = regular_meeting(store)
        later = store.meetings.add(Meeting("2026-04-14", MeetingKind.REGULAR, title="Meeting 3"))
        store.notes.add(Note(meeting.id, "**Call** the _city_", "2026-03-03T13:40:00", kind=NoteKind.ACTION))
        store.set_current_meeting(later.id)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("f")
            await pilot.pause()
            shown = screen_text(app)
            table = app.screen.query_one("#minutes-table", RowTable)
            text = table.rows[0][2]
        assert "Call the city" in shown and "**" not in shown and "_city_" not in shown
        assert text.plain == "Call the city"
        assert any("bold" in str(span.style) for span in text.spans)


# -- 4. F9 on the evaluation summary and inside an open form: the body changes language too ------------------------------
class TestLanguageOnEvaluationScreens:
    async def test_f9_in_an_open_form_translates_its_body_and_keeps_what_was_typed(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a", "4", "down", "5")
            await pilot.pause()
            answer = app.screen.query_one("#answer-went_well", TextArea)
            answer.text = "x" * 5001  # too long: kept in the field, not saved
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            shown = screen_text(app)
            assert "Hoe beoordeel je" in shown and "How do you rate" not in shown
            assert app.focused is not None and app.focused.id == "rating-applicable"
            assert app.screen.query_one("#rating-relevance", RatingScale).value == 4
            assert app.screen.query_one("#answer-went_well", TextArea).text == "x" * 5001
            await pilot.press("f9")
            await pilot.pause()
            assert "How do you rate" in screen_text(app)
        [form] = store.repo(Evaluation).all()
        assert form.ratings == {"relevance": 4, "applicable": 5}

    async def test_f9_on_the_summary_translates_its_body(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(demo_store, screen="evaluation")
        async with app.run_test(size=LARGE) as pilot:
            await pilot.press("s")
            await pilot.pause()
            assert "Evaluation of" in screen_text(app)
            await pilot.press("f9")
            await pilot.pause()
            shown = screen_text(app)
            assert "Evaluatie van" in shown and "Evaluation of" not in shown
            await pilot.press("escape")
            await pilot.pause()
            assert "Evaluatie" in screen_text(app)  # the home below follows


async def test_ctrl_q_in_an_evaluation_form_with_an_answer_too_long_to_save_asks(
    store: NetworkStore, make_app: AppFactory
) -> None:
    regular_meeting(store)
    app = make_app(store, screen="evaluation")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a", "4")
        app.screen.query_one("#answer-went_well", TextArea).text = "y" * 5001
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


@pytest.mark.parametrize("key", ["x", "q"])
async def test_f9_in_the_review_of_expectations_and_questions(
    demo_store: NetworkStore, make_app: AppFactory, key: str
) -> None:
    app = make_app(demo_store, screen="evaluation")
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press(key, "down")
        await pilot.pause()
        before = app.screen.query_one(DataTable).cursor_row
        await pilot.press("f9")
        await pilot.pause()
        shown = screen_text(app)
        assert "Verwachtingen" in shown or "Vragen" in shown
        assert "Expectations from the kickoff" not in shown and "Questions from the kickoff" not in shown
        assert app.screen.query_one(DataTable).cursor_row == before
        assert app.focused is app.screen.query_one(DataTable)


async def test_ctrl_q_asks_about_an_evaluation_form_left_open_on_its_home(
    store: NetworkStore, make_app: AppFactory
) -> None:
    regular_meeting(store)
    app = make_app(store, screen="evaluation")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a", "4")
        app.screen.query_one("#answer-went_well", TextArea).text = "z" * 5001
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "network"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
