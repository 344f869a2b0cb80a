"""Modals shared by all screens: confirm, one line of text, the keys of a screen."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.screens.base import LnModal, translate_bindings
from ln_tui.screens.textual_keys import defined_by_textual
from ln_tui.screens.widgets.row_list import RowList


class ConfirmDialog(LnModal[bool]):
    """Ask a yes/no question; dismisses with True (yes) or False."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="dialog.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="dialog.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="dialog")
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            # A question names what it is about (a member, a note): its control characters shown, not obeyed.
            yield Label(Content(visible_controls(self.question)), classes="dialog-title")
            if self.detail:
                yield Static(Content(visible_controls(self.detail)), classes="dialog-detail")
            yield Label(Content(_("y = yes, n or Escape = no")), classes="dialog-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def confirm_then(screen: Widget, question: str, detail: str, then: Callable[[], None]) -> None:
    """Ask `question` (with `detail`: what goes, whether u undoes it); `then()` only on yes."""

    def answer(yes: bool | None) -> None:
        if yes:
            then()

    screen.app.push_screen(ConfirmDialog(question, detail), answer)


class QuitQuestion(ConfirmDialog):
    """Quit anyway? (typed text or changes would be lost); ctrl+q while it is asked asks nothing more."""


class TextDialog(LnModal[str]):
    """Ask for one line of text; Enter saves, Escape cancels (dismisses with None).

    With `required`, blank text is refused with that message; with `check`, text it finds a
    problem with (its message; "" when fine) stays in the field with that message. Escape asks before throwing
    typed text away (unless `guard` is False: a search, say, where nothing typed is worth keeping).
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel"),
        Binding("ctrl+s", "save_form", N_("Save"), id="dialog.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        context: str = "",
        value: str = "",
        *,
        placeholder: str = "",
        required: str = "",
        guard: bool = True,
        check: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.context, self.value = title, context, value
        self.placeholder, self.required, self.guard = placeholder, required, guard
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(visible_controls(self.title_text)), classes="dialog-title")
            if self.context:
                yield Static(Content(visible_controls(self.context)), classes="dialog-detail")
            yield Input(self.value, placeholder=self.placeholder, id="dialog-input")
            yield Label("", id="dialog-error", classes="dialog-error")
            yield Label(Content(_("Enter or ctrl+s = save, Escape = cancel")), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_form()

    def action_save_form(self) -> None:
        typed = self.query_one("#dialog-input", Input).value
        if self.required and not typed.strip():
            self.query_one("#dialog-error", Label).update(Content(self.required))
            return
        if self.check is not None and (problem := self.check(typed)):
            self.query_one("#dialog-error", Label).update(Content(problem))
            return
        self.dismiss(typed)

    def unsaved_text(self) -> str:
        typed = self.query_one("#dialog-input", Input).value
        return typed if self.guard and typed.strip() and typed != self.value else ""

    def action_cancel(self) -> None:
        typed = self.unsaved_text()
        if typed:
            self.app.push_screen(
                ConfirmDialog(_("Throw this text away?"), typed[:200]),
                self.discard_if,
            )
        else:
            self.dismiss(None)

    def discard_if(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)


class KeyList(RowList):
    """The keys, a row each: Home and End go to the first and the last key."""


class HelpDialog(LnModal[None]):
    """Every key of the screen underneath, with what it does."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "close", N_("Close"), id="dialog.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__(classes="dialog")
        # Read now: once this dialog is on top, the keys of the screen below are inactive.
        active = dict(screen.active_bindings)
        if screen.is_modal:  # a dialog's own keys stop there; the app's priority keys work in it too
            for binding in Binding.make_bindings(type(screen.app).BINDINGS):
                if binding.priority and binding.key not in active:
                    active[binding.key] = ActiveBinding(screen.app, binding, True, binding.tooltip)
        self.bindings = translate_bindings(active)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(Content(_("Keys")), classes="dialog-title")
            table = KeyList(id="help-keys", cursor_type="row", zebra_stripes=True)
            table.add_columns(_("Key"), _("Does"))
            for active in self.in_order():
                table.add_row(Text(self.app.get_key_display(active.binding)), Text(active.binding.description))
            yield table
            yield Label(Content(_("Escape or F1 = close")), classes="dialog-keys")

    def in_order(self) -> list[ActiveBinding]:
        """The screen's own keys (as its key bar shows them first), then the app's, then Textual's
        editing and scrolling keys."""
        described = [active for active in self.bindings.values() if active.binding.description]

        def place(active: ActiveBinding) -> tuple[int, bool]:
            if defined_by_textual(active.node, active.binding):
                return 2, False
            return (1 if active.node is self.app else 0), not active.binding.show

        return sorted(described, key=place)

    def on_mount(self) -> None:
        self.query_one(KeyList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
