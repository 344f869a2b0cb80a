"""The announcement of the network: why join, what it is, the practicalities and the engagement.

Built as Markdown from the profile and the planned meetings. The long profile fields are the
facilitator's own Markdown (shown as such, parsed safely where rendered); short fields are
escaped so that they read literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import md_escape, neutralise_markdown, visible_controls
from ln_tui.model import Meeting, NetworkProfile
from ln_tui.store import NetworkStore


def announcement_for(store: NetworkStore) -> str:
    """The announcement of a network as its file holds it, with each meeting's programme."""
    from ln_tui.agenda.agenda import programme_lines

    meetings = store.meetings.all()
    return announcement_markdown(store.profile(), meetings, {m.id: programme_lines(store, m) for m in meetings})


def announcement_markdown(
    profile: NetworkProfile, meetings: Iterable[Meeting], programmes: Mapping[int | None, list[str]] | None = None
) -> str:
    """The announcement; `programmes` gives the planned agenda of each meeting, by meeting id."""
    meetings = sorted(meetings, key=lambda m: (m.date, m.time))
    programmes = programmes or {}
    parts = [f"# {md_escape(profile.name or _('Untitled network'))}"]
    if profile.topic.strip():
        parts.append(f"*{md_escape(profile.topic.strip())}*")
    for title, text in (
        (_("Why take part"), profile.added_value),
        (_("What the network is and aims at"), profile.goals),
    ):
        if text.strip():
            parts.append(f"## {title}\n\n{visible_controls(text.strip())}")
    if meetings:
        parts.append(
            f"## {_('When we meet')}\n\n" + "\n".join(_meeting_line(m, programmes.get(m.id, [])) for m in meetings)
        )
    if profile.practical_info.strip():
        parts.append(f"## {_('Practical information')}\n\n{visible_controls(profile.practical_info.strip())}")
    engagement = _engagement_markdown(profile, len(meetings))
    if engagement:
        parts.append(f"## {_('What we expect of you')}\n\n{engagement}")
    return neutralise_markdown("\n\n".join(parts)) + "\n"


def _meeting_line(meeting: Meeting, programme: list[str]) -> str:
    facts = [md_escape(meeting.date)]
    if meeting.time:
        facts.append(_("at {time}").format(time=md_escape(meeting.time)))
    line = "- **" + " ".join(facts) + "**"
    kind = _(meeting.kind.label)
    title = meeting.title.strip()
    if not title:
        line += ": " + kind
    elif kind.casefold() in title.casefold():
        line += ": " + md_escape(title)
    else:
        line += f": {md_escape(title)} ({kind})"
    if meeting.place:
        line += " — " + md_escape(meeting.place)
    return "\n".join([line, *(f"    - {md_escape(step)}" for step in programme)])


def _engagement_markdown(profile: NetworkProfile, planned: int) -> str:
    engagement = profile.engagement
    count = engagement.planned_meetings or planned
    lines = []
    if count:
        sentence = ngettext(
            "Taking part means coming to the {count} meeting", "Taking part means coming to all {count} meetings", count
        ).format(count=count)
        if engagement.cadence.strip():
            sentence += " (" + md_escape(engagement.cadence.strip()) + ")"
        lines.append(sentence + ".")
    for title, text in (
        (_("Communication"), engagement.communication),
        (_("Passing on what you learn"), engagement.passing_on),
    ):
        if text.strip():
            lines.append(f"### {title}\n\n{visible_controls(text.strip())}")
    return "\n\n".join(lines)
