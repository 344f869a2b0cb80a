"""Forms in a modal: labelled fields, an error under each field, Enter saves, Escape cancels.

`FormDialog` is the base of every form: the meeting form (network), the member form (roster),
the case, round, thresholds and external input forms (discussion).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label

from ln_tui.i18n import N_, _
from ln_tui.screens.base import LnModal, ResultT


class FormDialog(LnModal[ResultT]):
    """A form: subclasses yield their fields with `field()` and dismiss with a result in `submit()`."""

    CSS_PATH = Path(__file__).parent / "forms.tcss"
    BINDINGS: ClassVar = [Binding("escape", "cancel", N_("Cancel"), id="form.cancel")]

    def __init__(self, title: str, focus: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.first_focus = focus

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box form-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield from self.compose_fields()
            yield Label(Content(""), id="form-notice", classes="form-notice")
            yield Label(Content(_("Enter = save, Tab = next field, Escape = cancel")), classes="dialog-keys")

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def field(self, key: str, label: str, widget: Widget) -> ComposeResult:
        widget.id = f"field-{key}"
        yield Label(Content(label), classes="form-label")
        yield widget
        yield Label(Content(""), id=f"error-{key}", classes="form-error")

    def on_mount(self) -> None:
        if self.first_focus:
            self.query_one(f"#field-{self.first_focus}").focus()

    def value(self, key: str) -> Any:
        widget = self.query_one(f"#field-{key}")
        return widget.value  # type: ignore[attr-defined]

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

    def submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)
