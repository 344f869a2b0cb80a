"""The network's own section: its profile, its meetings and who attended."""

from __future__ import annotations

from datetime import date

from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import md_escape, visible_controls
from ln_tui.model import Audience, Meeting, Member, Presence, Role, meeting_label
from ln_tui.roster.attendance import attendance_rates, format_rate, presence_of
from ln_tui.store import NetworkStore


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    parts = [profile_markdown(store)]
    members = sorted(store.members.all(), key=lambda m: m.name.casefold())
    meetings = [meeting] if meeting else sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
    share = audience is Audience.SHARE
    if meeting is None:
        parts.append(member_counts_markdown(members) if share else members_markdown(members, meetings))
    for shown in meetings:
        if share:
            parts.append(attendance_counts_markdown(shown, members, heading=meeting is None))
        else:
            parts.append(attendance_markdown(shown, members, heading=meeting is None))
    return "\n\n".join(p for p in parts if p)


def member_counts_markdown(members: list[Member]) -> str:
    """The roster as counts: how many members in each role, from how many organisations (no names)."""
    if not members:
        return ""
    counts = [f"{_(role.label)}: {n}" for role in Role if (n := sum(m.role is role for m in members))]
    organisations = len({m.organisation.strip().casefold() for m in members if m.organisation.strip()})
    lines = [f"- {line}" for line in counts]
    if organisations:
        lines.append("- " + _("Organisations: {n}").format(n=organisations))
    return f"## {_('Members')} ({len(members)})\n\n" + "\n".join(lines)


def attendance_counts_markdown(meeting: Meeting, members: list[Member], *, heading: bool) -> str:
    """When and where, and how many were present, excused and absent (no names)."""
    lines = []
    if heading:
        lines.append(f"## {md_escape(meeting_label(meeting))}")
    where = ", ".join(md_escape(x) for x in (meeting.date, meeting.time, meeting.place) if x)
    lines.append(f"**{_('When and where')}:** {where}")
    counted = [p for m in members if (p := presence_of(meeting, m)) is not None]
    counted += [p for p in Presence for _n in range(meeting.former_attendance.get(p.value, 0))]  # forgotten since
    if counted:
        tally = " · ".join(f"{_(p.label)}: {counted.count(p)}" for p in Presence)
        lines.append(
            f"**{_('Attendance')}:** {tally} ({ngettext('of {n} member', 'of {n} members', len(counted)).format(n=len(counted))})"
        )
    return "\n\n".join(lines)


def profile_markdown(store: NetworkStore) -> str:
    profile = store.profile()
    lines = [f"## {_('The network')}"]
    if profile.topic:
        lines.append(f"**{_('Topic')}:** {md_escape(profile.topic)}")
    for title, text in (
        (_("Added value"), profile.added_value),
        (_("Goals"), profile.goals),
        (_("Practical information"), profile.practical_info),
    ):
        if text.strip():
            lines.append(f"### {title}\n\n{visible_controls(text.strip())}")
    engagement = profile.engagement
    facts = []
    if engagement.planned_meetings:
        facts.append(_("Planned meetings: {n}").format(n=engagement.planned_meetings))
    if engagement.cadence:
        facts.append(_("Cadence: {cadence}").format(cadence=md_escape(engagement.cadence)))
    engagement_parts = ["\n".join(f"- {fact}" for fact in facts)] if facts else []
    for title, text in (
        (_("Communication"), engagement.communication),
        (_("Passing on what you learn"), engagement.passing_on),
    ):
        if text.strip():
            engagement_parts.append(f"**{title}**\n\n{visible_controls(text.strip())}")
    if engagement_parts:
        lines.append(f"### {_('Engagement')}\n\n" + "\n\n".join(engagement_parts))
    return "\n\n".join(lines)


def members_markdown(members: list[Member], meetings: list[Meeting]) -> str:
    """The roster with roles, e-mail (the group's contact list) and each member's attendance over the
    meetings held so far."""
    if not members:
        return ""
    rates = attendance_rates(members, meetings, date.today().isoformat())
    rows = [
        f"| {_('Member')} | {_('Role')} | {_('Organisation')} | {_('Contact')} | {_('Attendance')} |",
        "|---|---|---|---|---|",
    ]
    rows += [
        f"| {md_escape(m.name)} | {_(m.role.label)} | {md_escape(m.organisation)} | {md_escape(m.email)} | "
        f"{format_rate(rates[m.id or 0])} |"
        for m in members
    ]
    return f"## {_('Members')} ({len(members)})\n\n" + "\n".join(rows)


def attendance_markdown(meeting: Meeting, members: list[Member], *, heading: bool) -> str:
    lines = []
    if heading:
        lines.append(f"## {md_escape(meeting_label(meeting))}")
    where = ", ".join(md_escape(x) for x in (meeting.date, meeting.time, meeting.place) if x)
    lines.append(f"**{_('When and where')}:** {where}")
    if not members:
        return "\n\n".join(lines)
    rows = [f"| {_('Member')} | {_('Role')} | {_('Organisation')} | {_('Attendance')} |", "|---|---|---|---|"]
    for member in members:
        presence = presence_of(meeting, member)
        rows.append(
            f"| {md_escape(member.name)} | {_(member.role.label)} | "
            f"{md_escape(member.organisation)} | {_(presence.label) if presence else _('not yet a member')} |"
        )
    former = meeting.former_attendance
    if former_members := sum(former.values()):
        rows.append(
            f"| {_('Former members')} ({former_members}) | | | "
            + ", ".join(f"{_(p.label)}: {former[p.value]}" for p in Presence if former.get(p.value))
            + " |"
        )
    present = sum(presence_of(meeting, m) is Presence.PRESENT for m in members) + former.get(Presence.PRESENT, 0)
    counted = sum(meeting.is_member(m) for m in members) + former_members
    lines.append(f"### {_('Attendance')} ({present}/{counted})\n\n" + "\n".join(rows))
    return "\n\n".join(lines)
