"""The network home's form: a planned meeting."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.widgets import Input, Select

from ln_tui.i18n import _
from ln_tui.model import Meeting, MeetingKind, meeting_problems, normal_time
from ln_tui.screens.forms import FormDialog


class MeetingForm(FormDialog[Meeting]):
    """Add or change a planned meeting: date, time, place, kind and an optional title."""

    def __init__(self, meeting: Meeting, *, new: bool = False, title: str = "", focus: str = "date") -> None:
        super().__init__(title or (_("Plan a meeting") if new else _("Edit meeting")), focus)
        self.meeting = meeting

    def compose_fields(self) -> ComposeResult:
        m = self.meeting
        # No grey example in these fields: one looked filled in (the label gives the format).
        yield from self.field("date", _("Date (YYYY-MM-DD)"), Input(m.date))
        yield from self.field("time", _("Start time (HH:MM)"), Input(m.time))
        yield from self.field("place", _("Place"), Input(m.place))
        yield from self.field(
            "kind",
            _("Kind of meeting"),
            Select([(_(k.label), k) for k in MeetingKind], value=m.kind, allow_blank=False),
        )
        yield from self.field("title", _("Title (optional)"), Input(m.title))

    def submit(self) -> None:
        date, time = self.value("date").strip(), self.value("time")
        problems = meeting_problems(date, time)
        self.show_problems(problems)
        if problems:
            return
        m = self.meeting
        self.dismiss(
            replace(
                m,
                date=date,
                kind=self.value("kind"),
                time=normal_time(time) or "",
                place=self.value("place").strip(),
                title=self.value("title").strip(),
                attendance=dict(m.attendance),
            )
        )
