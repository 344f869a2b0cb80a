"""The programmes a new meeting starts from, one per kind of meeting (see DOMAIN.md).

The built-in ones are sized for two and a half hours; a network can save its own per
kind of meeting, which then replaces the built-in one.
"""

from __future__ import annotations

import copy

from ln_tui.agenda.model import MAX_MINUTES, AgendaItem, AgendaTemplate, ItemKind, TemplateItem
from ln_tui.i18n import N_, _, ngettext
from ln_tui.model import MeetingKind
from ln_tui.store import NetworkStore

W, F, C, X, B, E, OT = (
    ItemKind.WELCOME,
    ItemKind.FOLLOW_UP,
    ItemKind.CASE,
    ItemKind.EXTERNAL,
    ItemKind.BREAK,
    ItemKind.EVALUATION,
    ItemKind.OTHER,
)


def _preset(*rows: tuple[ItemKind, str, int]) -> list[TemplateItem]:
    return [TemplateItem(kind, title, minutes, preset_title=True) for kind, title, minutes in rows]


BUILT_IN: dict[MeetingKind, list[TemplateItem]] = {
    MeetingKind.KICKOFF: _preset(
        (W, N_("Welcome, purpose of the network"), 10),
        (OT, N_("Introductions round"), 40),
        (OT, N_("Questions and expectations"), 40),
        (B, N_("Break"), 15),
        (OT, N_("Agreements about the process"), 30),
        (OT, N_("Next steps"), 15),
    ),
    MeetingKind.REGULAR: _preset(
        (W, N_("Welcome, check-in round"), 10),
        (F, N_("Follow-up: actions and open questions"), 15),
        (C, N_("Case discussion"), 45),
        (B, N_("Break"), 15),
        (X, N_("External input, or a second case"), 45),
        (E, N_("What I take away; short evaluation"), 20),
    ),
    MeetingKind.CLOSING: _preset(
        (W, N_("Welcome"), 10),
        (OT, N_("Last case, or the harvest of insights"), 45),
        (E, N_("Expectations and questions reviewed"), 30),
        (B, N_("Break"), 15),
        (E, N_("Final evaluation"), 35),
        (OT, N_("What continues, and who carries it"), 15),
    ),
}


def template_for(store: NetworkStore, kind: MeetingKind) -> list[TemplateItem]:
    """The network's own programme for this kind of meeting, else the built-in one (copies)."""
    own = store.repo(AgendaTemplate).where(meeting_kind=kind)
    return copy.deepcopy(own[0].items if own else BUILT_IN[kind])


def items_from(template: list[TemplateItem], meeting_id: int | None) -> list[AgendaItem]:
    return [
        AgendaItem(meeting_id, t.kind, t.title, t.minutes, position, t.preset_title)
        for position, t in enumerate(template, 1)
    ]


def save_template(store: NetworkStore, kind: MeetingKind, items: list[AgendaItem]) -> AgendaTemplate:
    """Keep this agenda as the network's own programme for `kind` (replacing an earlier one)."""
    template = AgendaTemplate(kind, [TemplateItem(i.kind, i.title, i.minutes, i.preset_title) for i in items])
    repo = store.repo(AgendaTemplate)
    with store.batch():
        for old in repo.where(meeting_kind=kind):
            repo.remove(old.id or 0)
        repo.add(template)
    return template


def minutes_problem(text: str) -> str | None:
    """What is wrong with a typed time box in minutes; None if it is a good one."""
    try:
        minutes = int(text.strip())
    except ValueError:
        return _("A time box is a whole number of minutes, for example 15.")
    if minutes <= 0:
        return _("A time box must be at least 1 minute.")
    if minutes > MAX_MINUTES:
        return ngettext(
            "A time box of {minutes} minute is more than ten hours: at most {most}.",
            "A time box of {minutes} minutes is more than ten hours: at most {most}.",
            minutes,
        ).format(minutes=minutes, most=MAX_MINUTES)
    return None
