"""The evaluation home: who has filled in a form for the meeting, and the way to the form,
the expectations review and the summary."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Label, Static

from ln_tui.evaluation.book import EvaluationBook
from ln_tui.evaluation.model import Evaluation
from ln_tui.evaluation.summary import (
    counted_line,
    default_meeting,
    learning_forms_for,
    meeting_summary,
    meetings_in_order,
)
from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import HomeScreen
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.evaluation.expectations import ExpectationsScreen
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.evaluation.summary import SummaryScreen
from ln_tui.screens.pickers import MeetingPicker
from ln_tui.screens.widgets.row_list import RowList


class EvaluationScreen(HomeScreen):
    MODE = "evaluation"
    MAIN = "#forms-table"
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [
        Binding("enter", "open_form", N_("Fill in"), id="evaluation.open", show=False),
        Binding("a", "anonymous_form", N_("New anonymous form"), id="evaluation.anonymous"),
        Binding("delete,d", "remove_form", N_("Remove form"), id="evaluation.remove"),
        Binding("m", "choose_meeting", N_("Meeting"), id="evaluation.meeting"),
        Binding("x", "expectations", N_("Expectations met?"), id="evaluation.expectations"),
        Binding("q", "questions", N_("Questions answered?"), id="evaluation.questions"),
        Binding("l", "goals", N_("Learning goals reached?"), id="evaluation.goals", show=False),
        Binding("s", "summary", N_("Summary"), id="evaluation.summary"),
        Binding("p", "pulse", N_("Safety pulse"), id="evaluation.pulse"),
        Binding("g", "group_minimum", N_("Smallest group shown"), id="evaluation.minimum", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.meeting_id: int | None = None
        self.book = EvaluationBook(self.app.store)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="evaluation-body"):
            yield Label(id="evaluation-meeting", classes="section-title")
            yield Label(id="evaluation-counted")
            table = RowList(id="forms-table", cursor_type="row", zebra_stripes=True)
            table.add_column(Text(_("Participant")), key="who")
            table.add_column(Text(_("Form")), key="state")
            yield table
            yield Static(id="evaluation-empty")
            yield Static(
                Content(_("Enter = fill in the form of a participant; a = a new anonymous form; m = another meeting.")),
                id="evaluation-hint",
            )

    def reload(self) -> None:
        if self.meeting() is None:  # first shown, or its meeting removed on the network home
            meeting = default_meeting(self.app.store)
            self.meeting_id = meeting.id if meeting else None
        self.show_forms()

    def meeting(self) -> Meeting | None:
        return None if self.meeting_id is None else self.app.store.meetings.get(self.meeting_id)

    def room_meeting(self) -> int | None:
        """The meeting whose summary F12 shows to the room (ln-tui present)."""
        return self.meeting_id

    def rows(self, meeting: Meeting) -> list[tuple[str, str, str]]:
        """(row key, who, state): the members present (or with a form), then the anonymous forms."""
        store = self.app.store
        forms = self.book.forms(meeting.id)
        by_member = {f.member_id: f for f in forms if not f.anonymous and f.member_id is not None}
        members = sorted(store.members.all(), key=lambda m: m.name.casefold())
        shown = [m for m in members if m.id in by_member or m in meeting.present(members)]
        rows = [(f"member-{m.id}", visible_controls(m.name), self.state(by_member.get(m.id or 0))) for m in shown]
        anonymous = [f for f in forms if f.anonymous or f.member_id is None]
        rows += [
            (f"form-{f.id}", _("Anonymous form {n}").format(n=n), self.state(f))
            for n, f in enumerate(sorted(anonymous, key=lambda f: f.id or 0), 1)
        ]
        return rows

    @staticmethod
    def state(form: Evaluation | None) -> str:
        if form is None:
            return "–"
        if form.changed_since_finished:
            return _("finished, changes not counted")
        return _("draft") if not form.counts else _("finished")

    def show_forms(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        meeting = self.meeting()
        row = table.cursor_row
        table.clear()
        title = self.query_one("#evaluation-meeting", Label)
        counted = self.query_one("#evaluation-counted", Label)
        empty = self.query_one("#evaluation-empty", Static)
        if meeting is None:
            title.update(Content(_("No meetings yet")))
            counted.update("")
            empty.update(Content(_("Plan the meetings on the network home (F2); then evaluate them here.")))
        else:
            title.update(Content.from_markup(_("Evaluation of $meeting"), meeting=meeting_label(meeting)))
            counted.update(Content(counted_line(meeting_summary(self.app.store, meeting))))
            for key, who, state in self.rows(meeting):
                table.add_row(
                    Text(who, no_wrap=True, overflow="ellipsis"),
                    Text(state, style="bold" if state != _("draft") and state != "–" else ""),
                    key=key,
                )
            empty.update(
                Content(
                    _(
                        "Nobody is present at this meeting. Mark attendance on the roster (F3), or press a for an anonymous form."
                    )
                )
            )
            table.move_cursor(row=min(row, max(table.row_count - 1, 0)), animate=False)
        empty.display = not table.row_count
        table.display = bool(table.row_count)

    def selected_key(self) -> str | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    # -- the form ------------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_form()

    def action_open_form(self) -> None:
        meeting, key = self.meeting(), self.selected_key()
        if meeting is None or key is None:
            return
        store = self.app.store
        kind, _sep, number = key.partition("-")
        if kind == "form":
            form = self.book.form(int(number))
            member = None
        else:
            member = store.members.get(int(number))
            form = next(iter(self.book.member_forms(meeting.id, int(number))), None)
        self.open_form(meeting, form or Evaluation(meeting.id, member.id if member else None), member)

    def action_anonymous_form(self) -> None:
        meeting = self.meeting()
        if meeting is not None:
            self.open_form(meeting, Evaluation(meeting.id, None, anonymous=True), None)

    def open_form(self, meeting: Meeting, form: Evaluation, member: Member | None) -> None:
        self.app.push_screen(EvaluationFormScreen(form, meeting, member, learning_forms_for(self.app.store, meeting)))

    def action_remove_form(self) -> None:
        meeting, key = self.meeting(), self.selected_key()
        if meeting is None or key is None:
            return
        kind, _sep, number = key.partition("-")
        book = self.book
        forms = [book.form(int(number))] if kind == "form" else book.member_forms(meeting.id, int(number))
        form = next((f for f in forms if f is not None), None)
        if form is None or form.id is None:
            return
        form_id = form.id

        def remove(yes: bool | None) -> None:
            if yes:
                book.remove_form(form_id)
                self.show_forms()

        self.app.push_screen(
            ConfirmDialog(_("Remove this evaluation form?"), _("Its answers are gone for good.")), remove
        )

    # -- meeting, expectations, summary -------------------------------------------------------------------
    def action_choose_meeting(self) -> None:
        def choose(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.meeting_id = meeting.id
                self.show_forms()

        picker = MeetingPicker(
            meetings_in_order(self.app.store),
            self.meeting_id,
            title=_("Which meeting is evaluated?"),
            keys=_("Enter = choose, Escape = cancel"),
        )
        self.app.push_screen(picker, choose)

    def action_expectations(self) -> None:
        meeting = self.meeting()
        if meeting is not None:
            self.app.push_screen(ExpectationsScreen(meeting))

    def action_questions(self) -> None:
        from ln_tui.screens.evaluation.questions import QuestionsScreen

        meeting = self.meeting()
        if meeting is not None:
            self.app.push_screen(QuestionsScreen(meeting))

    def action_goals(self) -> None:
        from ln_tui.screens.thread.review import GoalReviewScreen

        meeting = self.meeting()
        if meeting is not None:
            self.app.push_screen(GoalReviewScreen(meeting), lambda _result: self.show_forms())

    def action_pulse(self) -> None:
        from ln_tui.screens.evaluation.pulse import PulseScreen

        meeting = self.meeting()
        if meeting is not None:
            self.app.push_screen(PulseScreen(meeting), lambda _result: self.show_forms())

    def action_group_minimum(self) -> None:
        from ln_tui.evaluation.model import MIN_GROUP
        from ln_tui.evaluation.summary import group_minimum, set_group_minimum
        from ln_tui.screens.dialogs import TextDialog

        def keep(typed: str | None) -> None:
            if typed is None or self.app.store.read_only:
                return
            number = typed.strip()
            if not (number.isascii() and number.isdigit()):
                self.notify(
                    _("A whole number, {minimum} or more.").format(minimum=MIN_GROUP), severity="warning", markup=False
                )
                return
            kept = set_group_minimum(self.app.store, int(number))
            self.notify(
                ngettext(
                    "Figures are shown from {n} answer on.", "Figures are shown from {n} answers on.", kept
                ).format(n=kept),
                markup=False,
            )
            self.show_forms()

        self.app.push_screen(
            TextDialog(
                _("Show a figure from how many answers on?"),
                _(
                    "The summary and the room show no average, distribution or open answer about fewer "
                    "people than this, so that nobody's answers can be read off. At least {minimum}."
                ).format(minimum=MIN_GROUP),
                str(group_minimum(self.app.store)),
                required=_("A whole number, {minimum} or more.").format(minimum=MIN_GROUP),
            ),
            keep,
        )

    def action_summary(self) -> None:
        meeting = self.meeting()
        if meeting is not None:
            self.app.push_screen(SummaryScreen(meeting))
