"""The safety pulse: each meeting, three statements answered anonymously (1-5), typed in the
console or sent from phones; the trend over the meetings, with the same minimum as the summary.

The pulse asks what the method rests on (a safe group, DOMAIN.md): whether people could say
what they wanted, felt heard, and trust that what is said stays in the group. An answer is kept
only whole, when it is saved: nothing is shown while it is being typed, and no average about
fewer answers than the network's minimum (at least 3) is shown anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ln_tui.evaluation.model import RATING_RANGE, PulseAnswer, PulseStatement
from ln_tui.evaluation.summary import Distribution, format_decimal, group_minimum, meetings_in_order
from ln_tui.i18n import _
from ln_tui.markdown_safe import md_escape
from ln_tui.model import Meeting, meeting_label
from ln_tui.store import NetworkStore


class PulseRefused(ValueError):
    """An answer that is not on the scale, or says nothing; the message says which."""


def checked_ratings(ratings: Mapping[str, int | None]) -> dict[str, int]:
    """The answered statements of one person; raises `PulseRefused` for anything off the scale."""
    known = {s.value for s in PulseStatement}
    given = {key: value for key, value in ratings.items() if value is not None}
    if any(key not in known or type(value) is not int or value not in RATING_RANGE for key, value in given.items()):
        raise PulseRefused(_("Each statement is answered from 1 to 5."))
    if not given:
        raise PulseRefused(_("Answer at least one statement."))
    return dict(given)


class Pulse:
    """The pulse's facade: the console and the room add answers, the summaries read them."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    def answers(self, meeting_id: int | None) -> list[PulseAnswer]:
        return self.store.repo(PulseAnswer).where(meeting_id=meeting_id)

    def count(self, meeting_id: int | None) -> int:
        return len(self.answers(meeting_id))

    def add(self, meeting_id: int | None, ratings: Mapping[str, int | None]) -> PulseAnswer:
        """Keep one person's answer (whole); raises `PulseRefused` when it cannot be kept."""
        if meeting_id is None:
            raise PulseRefused(_("There is no meeting to take the pulse of."))
        return self.store.repo(PulseAnswer).add(PulseAnswer(meeting_id, checked_ratings(ratings)))


@dataclass(frozen=True)
class PulsePoint:
    """One meeting's pulse: how many answered, and each statement's answers (withheld below the minimum)."""

    meeting: Meeting
    answered: int
    statements: tuple[tuple[PulseStatement, Distribution], ...]
    minimum: int

    def average(self, statement: PulseStatement) -> float | None:
        return dict(self.statements)[statement].average


def pulse_point(meeting: Meeting, answers: list[PulseAnswer], minimum: int) -> PulsePoint:
    own = [a for a in answers if a.meeting_id == meeting.id]
    return PulsePoint(
        meeting,
        len(own),
        tuple(
            (s, Distribution.of((a.ratings[s] for a in own if s in a.ratings), RATING_RANGE, minimum))
            for s in PulseStatement
        ),
        minimum,
    )


def pulse_trend(store: NetworkStore, up_to: Meeting | None = None) -> list[PulsePoint]:
    """One point per meeting with answers, in date order (up to `up_to`, when given)."""
    answers = store.repo(PulseAnswer).all()
    minimum = group_minimum(store)
    asked = {a.meeting_id for a in answers}
    meetings = meetings_in_order(store)
    if up_to is not None:
        meetings = [m for m in meetings if (m.date, m.time) <= (up_to.date, up_to.time)]
    return [pulse_point(m, answers, minimum) for m in meetings if m.id in asked]


def pulse_markdown(points: list[PulsePoint], *, level: int) -> str:
    """The pulse of each meeting as a table (empty when nobody answered)."""
    if not points:
        return ""
    minimum = points[0].minimum
    h = "#" * level
    header = f"| {_('Meeting')} | {_('Answers')} | " + " | ".join(_(s.label) for s in PulseStatement) + " |"
    lines = [
        f"{h} {_('Safety pulse (1 = not at all, 5 = fully)')}",
        "",
        _("Anonymous; an average is shown from {minimum} answers on.").format(minimum=minimum),
        "",
        header,
        "|" + "---|" * (len(PulseStatement) + 2),
    ]
    for point in points:
        averages = " | ".join(format_decimal(point.average(s)) for s in PulseStatement)
        lines.append(f"| {md_escape(meeting_label(point.meeting))} | {point.answered} | {averages} |")
    return "\n".join(lines)
