"""One line with the meeting clock, for other homes (the discussion's stage and projector view)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ln_tui.agenda.agenda import meeting_state
from ln_tui.agenda.clock import clock_time, late_text
from ln_tui.discussion.countdown import format_time
from ln_tui.i18n import _
from ln_tui.markdown_safe import visible_controls

REFRESH_SECONDS = 1.0


class MeetingClockLine(Static):
    """`Meeting: Case discussion 12:04 · 12 min late · ends at 16:12`, while the meeting runs."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self.shown_text = ""

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.refresh_line)
        self.refresh_line()

    def refresh_line(self) -> None:
        state = meeting_state(self.app.store, self.app.wall_clock())  # type: ignore[attr-defined]  # a widget's app is typed App; it is LnApp
        line = ""
        if state is not None and state.item is not None:
            line = _("Meeting: {item} {left} · {late} · ends at {end}").format(
                item=visible_controls(state.item.shown_title),
                left=format_time(state.remaining),
                late=late_text(state),
                end=clock_time(state.forecast_end),
            )
        if line != self.shown_text:
            self.shown_text = line
            self.update(Content(line))
            self.display = bool(line)
