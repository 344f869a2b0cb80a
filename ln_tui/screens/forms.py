"""Forms in a modal: labelled fields, an error under each field; ctrl+s saves from any field, Enter
from a one-line field, Escape cancels (asking first when something was typed).

`FormDialog` is the base of every form: the meeting form (network/forms.py), the member form
(roster), the case, round, thresholds and external input forms (discussion).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from ln_tui.i18n import N_, _
from ln_tui.screens.base import LnModal, ResultT
from ln_tui.screens.dialogs import ConfirmDialog


class FormBody(VerticalScroll, can_focus=False):
    """The fields, scrolled to the focused one when they do not all fit; never a stop of its own
    (a focusable scroll container was an invisible stop between the last field and the first)."""


class FormDialog(LnModal[ResultT]):
    """A form: subclasses yield their fields with `field()` and dismiss with a result in `submit()`."""

    CSS_PATH = Path(__file__).parent / "forms.tcss"
    AUTO_FOCUS = ""  # the first field is focused in on_mount, without scrolling past the title
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "save_form", N_("Save"), id="form.save", priority=True),
    ]

    def __init__(self, title: str, focus: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.first_focus = focus

    def compose(self) -> ComposeResult:
        with FormBody(classes="dialog-box form-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield from self.compose_fields()
            yield Label(Content(""), id="form-notice", classes="form-notice")
            yield Label(Content(""), id="form-keys", classes="dialog-keys")

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def field(self, key: str, label: str, widget: Widget) -> ComposeResult:
        widget.id = f"field-{key}"
        yield Label(Content(label), classes="form-label")
        yield widget
        yield Label(Content(""), id=f"error-{key}", classes="form-error")

    def on_mount(self) -> None:
        multi_line = bool(self.query(TextArea))
        self.query_one("#form-keys", Label).update(
            Content(
                _("ctrl+s = save (Enter adds a line in a text area), Tab = next field, Escape = cancel")
                if multi_line
                else _("Enter or ctrl+s = save, Tab = next field, Escape = cancel")
            )
        )
        body = self.query_one(FormBody)
        if self.first_focus:
            first = self.query_one(f"#field-{self.first_focus}")
        else:
            first = next((widget for widget in body.query("*") if widget.focusable), body)
        # Focused without Textual's scroll, which centres a field not yet laid out (a form taller than
        # 80x24 opened scrolled past its own title); then scrolled only as far as the field needs.
        self.set_focus(first, scroll_visible=False)
        self.call_after_refresh(body.scroll_to_widget, first, animate=False)
        self.typed_at_start = self.typed()

    def typed(self) -> dict[str, object]:
        """What each field holds now (to tell whether anything was typed since the form opened)."""
        held: dict[str, object] = {}
        for widget in self.query("Input, TextArea, Select, Checkbox").results():
            if widget.id and widget.id.startswith("field-"):
                held[widget.id] = widget.text if isinstance(widget, TextArea) else getattr(widget, "value", None)
        return held

    def value(self, key: str) -> Any:
        widget = self.query_one(f"#field-{key}")
        return widget.value  # type: ignore[attr-defined]  # every field-* widget (Input, Select, Switch, ...) has a value

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each problem under its field; focus the first field that has one."""
        for label in self.query(".form-error").results(Label):
            key = (label.id or "").removeprefix("error-")
            label.update(Content(problems.get(key, "")))
            label.set_class(key in problems, "-shown")
        for key in problems:
            self.query_one(f"#field-{key}").focus()
            break

    def show_notice(self, text: str) -> None:
        notice = self.query_one("#form-notice", Label)
        notice.update(Content(text))
        notice.set_class(bool(text), "-shown")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def action_save_form(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError

    def unsaved_text(self) -> str:
        """The text fields changed since the form opened, one a line."""
        before = getattr(self, "typed_at_start", {})
        return "\n".join(
            value
            for key, value in self.typed().items()
            if value != before.get(key) and isinstance(value, str) and value.strip()
        ) or (self.title_text if self.typed() != before else "")

    def action_cancel(self) -> None:
        if self.typed() == getattr(self, "typed_at_start", {}):
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmDialog(_("Throw away what you typed in this form?"), self.title_text),
            self.discard_if,
        )

    def discard_if(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
