"""The calendar file: one event per planned meeting, with its time, place and agenda.

Made with the `icalendar` library (RFC 5545). Times are the meeting's local times as
typed ("floating" times: a calendar program shows them as they are, in its own zone);
a meeting without a start time is an all-day event.
"""

from __future__ import annotations

import datetime
import uuid

from icalendar import Calendar, Event

from ln_tui.agenda.agenda import planned_items, programme_lines
from ln_tui.agenda.model import DEFAULT_MEETING_MINUTES
from ln_tui.i18n import _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, meeting_label
from ln_tui.store import NetworkStore

PRODID = "-//ln-tui//learning network//EN"


def meeting_uid(store: NetworkStore, meeting: Meeting) -> str:
    """Stable across exports of the same network, so that a calendar updates its events."""
    created = str(store.setting("created", ""))
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'ln-tui:{created}:{meeting.id}')}@ln-tui"


def _start(meeting: Meeting) -> datetime.datetime | None:
    if not meeting.time:
        return None
    try:
        return datetime.datetime.fromisoformat(f"{meeting.date}T{meeting.time}")
    except ValueError:
        return None


def calendar_bytes(store: NetworkStore, stamp: datetime.datetime | None = None) -> bytes:
    """The network's meetings as an iCalendar file."""
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    name = visible_controls(store.profile().name or _("Untitled network"))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in sorted(store.meetings.all(), key=lambda m: (m.date, m.time, m.id or 0)):
        try:
            day = datetime.date.fromisoformat(meeting.date)
        except ValueError:
            continue
        items = planned_items(store, meeting)
        minutes = sum(i.minutes for i in items) or DEFAULT_MEETING_MINUTES
        event = Event()
        event.add("uid", meeting_uid(store, meeting))
        event.add("dtstamp", stamp)
        start = _start(meeting)
        if start is None:
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
        else:
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(minutes=minutes))
        event.add("summary", f"{name}: {visible_controls(meeting_label(meeting))}")
        if meeting.place:
            event.add("location", visible_controls(meeting.place))
        lines = programme_lines(store, meeting)
        if lines:
            event.add("description", "\n".join([_("Programme"), *lines]))
        calendar.add_component(event)
    return calendar.to_ical()
