"""Choosing one of the network's meetings: the one picker every home uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ln_tui.i18n import N_, _
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnModal


class MeetingPicker(LnModal[Meeting]):
    """The meetings in date order, the current one highlighted; Enter picks it, Escape cancels.

    `label` says what a line shows for a meeting (its label by default; the kickoff adds how
    many items its board has).
    """

    BINDINGS: ClassVar = [Binding("escape", "cancel", N_("Cancel"), id="pickers.meeting-cancel")]

    def __init__(
        self,
        meetings: list[Meeting],
        current: int | None,
        *,
        title: str,
        keys: str,
        label: Callable[[Meeting], str] = meeting_label,
    ) -> None:
        super().__init__(classes="dialog", id="meeting-picker")
        self.meetings = sorted(meetings, key=lambda m: (m.date, m.time))
        self.current = current
        self.title_text, self.keys_text, self.label = title, keys, label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            picker = OptionList(
                *(Option(Content(self.label(m)), id=str(m.id)) for m in self.meetings), id="meeting-options"
            )
            ids = [m.id for m in self.meetings]
            if self.current in ids:
                picker.highlighted = ids.index(self.current)
            yield picker
            if not self.meetings:
                yield Label(Content(_("No meetings planned yet: plan them on the Network home (F2).")))
            yield Label(Content(self.keys_text), classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.meetings[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
