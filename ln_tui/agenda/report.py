"""The agenda in the minutes (planned and actual times, external input) and the harvest."""

from __future__ import annotations

import datetime

from ln_tui.agenda.agenda import programme
from ln_tui.agenda.clock import agenda_items, saved_clock
from ln_tui.agenda.closing import harvest
from ln_tui.agenda.model import AgendaItem, ExternalInput, Harvest
from ln_tui.discussion.countdown import format_duration
from ln_tui.i18n import _
from ln_tui.markdown_safe import md_escape, visible_controls
from ln_tui.model import Audience, Meeting, MeetingKind, meeting_label
from ln_tui.store import NetworkStore


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    """The agenda and the harvest: the same for the group and to share (the programme, external
    input and the harvest are written for sharing)."""
    if meeting is not None:
        parts = [agenda_markdown(store, meeting, heading=False)]
    else:
        meetings = sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
        parts = [agenda_markdown(store, m, heading=True) for m in meetings]
    record = harvest(store)
    if meeting is None or meeting.kind is MeetingKind.CLOSING:
        parts.append(harvest_markdown(record))
    return "\n\n".join(p for p in parts if p)


def _time(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch).strftime("%H:%M")


def agenda_markdown(store: NetworkStore, meeting: Meeting, *, heading: bool) -> str:
    """The meeting's own agenda: planned start and time box, and how each item went."""
    items = agenda_items(store, meeting)
    if not items:
        return ""
    clock = saved_clock(store, meeting.id)
    runs = {run.item_id: run for run in clock.runs} if clock else {}
    title = _("Agenda")
    if heading:
        title = _("Agenda of {meeting}").format(meeting=md_escape(meeting_label(meeting)))
    rows = [
        f"| {_('Planned')} | {_('Item')} | {_('Time box')} | {_('Started')} | {_('Took')} |",
        "|---|---|---|---|---|",
    ]
    for planned, item in programme(meeting, items):
        run = runs.get(item.id or 0)
        began, took = (_time(run.started), format_duration(run.seconds)) if run else ("", "")
        rows.append(
            f"| {planned} | {md_escape(item.shown_title)} ({_(item.kind.label)}) | "
            f"{item.minutes} {_('min')} | {began} | {took} |"
        )
    parts = [f"## {title}", "\n".join(rows)]
    if clock and clock.started:
        summary = _("Started at {start}").format(start=_time(clock.started))
        if clock.ended:
            summary += ", " + _("ended at {end} ({length}; planned {planned}).").format(
                end=_time(clock.ended),
                length=format_duration(clock.ended - clock.started),
                planned=format_duration(sum(i.minutes for i in items) * 60),
            )
        parts.append(summary)
    inputs = [item for item in items if item.external is not None]
    if inputs:
        parts.append(f"### {_('External input')}\n\n" + "\n\n".join(external_markdown(i) for i in inputs))
    return "\n\n".join(parts)


def external_markdown(item: AgendaItem) -> str:
    external: ExternalInput | None = item.external
    assert external is not None
    who = ", ".join(md_escape(p) for p in (external.name, external.organisation) if p.strip())
    lines = [f"- **{_(external.kind.label).capitalize()}**: {md_escape(item.shown_title)}"]
    if who:
        lines.append(f"  - {_('Who')}: {who}")
    if external.topic.strip():
        lines.append(f"  - {_('Topic')}: {md_escape(external.topic)}")
    for link in external.links:
        lines.append(f"  - {_('Link')}: {md_escape(link)}")
    if external.preparation.strip():
        lines.append(f"  - {_('Members prepare')}: {md_escape(external.preparation)}")
    return "\n".join(lines)


def harvest_markdown(record: Harvest) -> str:
    if not (record.insights.strip() or record.good_practices.strip() or record.continues or record.closed):
        return ""
    parts = [f"## {_('Harvest of the network')}"]
    if record.closed:
        parts.append(_("The network was closed on {date}.").format(date=md_escape(record.closed_on)))
    for title, text in ((_("Insights"), record.insights), (_("Good practices"), record.good_practices)):
        if text.strip():
            parts.append(f"### {title}\n\n{visible_controls(text.strip())}")
    if record.continues:
        lines = [
            f"- {md_escape(c.what)}" + (f" — {_('carried by {who}').format(who=md_escape(c.who))}" if c.who else "")
            for c in record.continues
        ]
        parts.append(f"### {_('What continues, and who carries it')}\n\n" + "\n".join(lines))
    return "\n\n".join(parts)
