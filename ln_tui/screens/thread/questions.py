"""The network's own check-in questions: choose the meeting's, add, change, remove, reorder."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from ln_tui.i18n import N_, _
from ln_tui.screens.base import LnModal
from ln_tui.screens.dialogs import ConfirmDialog, TextDialog
from ln_tui.screens.widgets.row_list import RowList
from ln_tui.thread.checkin import CheckInRefused, CheckInRound, question_text


class QuestionsDialog(LnModal[str]):
    """The questions in their order. With `choosing`, Enter takes the question for the meeting
    (dismissed with it); else Enter changes it. Every change is kept at once."""

    CSS_PATH = Path(__file__).parent / "checkin.tcss"
    BINDINGS: ClassVar = [
        Binding("enter", "choose", N_("Ask this question"), id="checkin.questions-choose", priority=True),
        Binding("a", "add", N_("Add a question"), id="checkin.questions-add"),
        Binding("e", "change", N_("Change the question"), id="checkin.questions-change"),
        Binding("delete", "remove", N_("Remove the question"), id="checkin.questions-remove"),
        Binding("left_square_bracket", "move(-1)", N_("Move up"), id="checkin.questions-up"),
        Binding("right_square_bracket", "move(1)", N_("Move down"), id="checkin.questions-down"),
        Binding("escape", "close", N_("Close"), id="checkin.questions-close"),
    ]

    def __init__(self, checkin: CheckInRound, *, choosing: str | None = None) -> None:
        """`choosing`: the meeting's question now (Enter asks another), None to edit the list only."""
        super().__init__(classes="dialog")
        self.checkin = checkin
        self.choosing = choosing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box questions-box"):
            yield Label(Content(_("Check-in questions of the network")), classes="dialog-title")
            table = RowList(id="questions-list", cursor_type="row", show_header=False)
            table.add_column("", key="mark", width=1)
            table.add_column("", key="question")
            yield table
            yield Label(id="questions-error", classes="dialog-error")
            keys = (
                _("Enter = ask it at this meeting, a = add, e = change\nDelete = remove, [ ] = move, Escape = close")
                if self.choosing is not None
                else _("Enter or e = change, a = add\nDelete = remove, [ ] = move, Escape = close")
            )
            yield Label(Content(keys), classes="dialog-keys")

    def on_mount(self) -> None:
        questions = self.checkin.questions()
        self.show(questions.index(self.choosing) if self.choosing in questions else 0)
        self.query_one(RowList).focus()

    def show(self, row: int) -> None:
        table = self.query_one(RowList)
        table.clear()
        for question in self.checkin.questions():
            table.add_row(Text("•" if question == self.choosing else ""), Text(question_text(question)))
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))

    @property
    def row(self) -> int:
        return self.query_one(RowList).cursor_row

    def keep(self, change: object, row: int) -> None:
        """Show the list after a change (refused: why, in the dialog)."""
        error = self.query_one("#questions-error", Label)
        try:
            if callable(change):
                change()
        except CheckInRefused as refused:
            error.update(Content(str(refused)))
            return
        error.update("")
        self.show(row)

    def action_choose(self) -> None:
        if self.choosing is None:
            self.action_change()
            return
        questions = self.checkin.questions()
        if questions:
            self.dismiss(questions[self.row])

    def action_add(self) -> None:
        def added(text: str | None) -> None:
            if text is not None:
                self.keep(lambda: self.checkin.add_question(text, self.row + 1), self.row + 1)

        self.app.push_screen(
            TextDialog(_("A new check-in question"), required=_("Type the question first.")),
            added,
        )

    def action_change(self) -> None:
        questions = self.checkin.questions()
        if not questions:
            return
        row = self.row

        def changed(text: str | None) -> None:
            if text is not None:
                self.keep(lambda: self.checkin.change_question(row, text), row)

        self.app.push_screen(
            TextDialog(
                _("Change the check-in question"),
                value=question_text(questions[row]),
                required=_("Type the question first."),
            ),
            changed,
        )

    def action_remove(self) -> None:
        questions = self.checkin.questions()
        if not questions:
            return
        row = self.row

        def answer(remove: bool | None) -> None:
            if remove:
                self.keep(lambda: self.checkin.remove_question(row), row)

        self.app.push_screen(
            ConfirmDialog(_("Remove this question from the list?"), question_text(questions[row])), answer
        )

    def action_move(self, steps: int) -> None:
        row = self.row
        target = max(0, min(len(self.checkin.questions()) - 1, row + steps))
        self.keep(lambda: self.checkin.move_question(row, steps), target)

    def action_close(self) -> None:
        self.dismiss(None)
