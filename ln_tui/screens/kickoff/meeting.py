"""Choosing the meeting whose board is shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ln_tui.i18n import N_, _
from ln_tui.kickoff.model import BoardItem
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnModal
from ln_tui.store import NetworkStore


class MeetingPicker(LnModal):
    """Every meeting, with how many board items it has; Enter picks, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="kickoff.meeting-cancel")]

    def __init__(self, store: NetworkStore, shown: Meeting | None) -> None:
        super().__init__(classes="dialog", id="meeting-picker")
        self.meetings = sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
        self.counts: dict[int | None, int] = {}
        for item in store.repo(BoardItem).all():
            self.counts[item.meeting_id] = self.counts.get(item.meeting_id, 0) + 1
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(_("The board of which meeting?")), classes="dialog-title")
            options = [
                Option(
                    Content(
                        _("{meeting} · {count} items").format(meeting=meeting_label(m), count=self.counts.get(m.id, 0))
                    ),
                    id=str(m.id),
                )
                for m in self.meetings
            ]
            picker = OptionList(*options, id="meeting-options")
            if self.shown is not None and self.shown in self.meetings:
                picker.highlighted = self.meetings.index(self.shown)
            yield picker
            if not self.meetings:
                yield Label(Content(_("No meetings planned yet: plan them on the Network home (F2).")))
            yield Label(Content(_("Enter = show its board, Escape = cancel")), classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.meetings[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
