"""The commitment: what the announcement asks of members (`Engagement`), confirmed by each member,
and their attendance against the number of meetings they committed to.

A member commits to the network's planned meetings (`Engagement.planned_meetings`) from the day
they joined: a member who joined later commits to those left then (the planned number less the
meetings held before they joined). Attendance counts the meetings held by today since they joined:
present ones attend; an excused absence is not attended but is counted apart from an absence
without notice, so that the facilitator sees both ("3 of 6 · 1 excused, 1 absent").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from ln_tui.i18n import _
from ln_tui.model import Meeting, Member, Presence, meeting_problems
from ln_tui.store import NetworkStore


@dataclass(frozen=True)
class CommitmentFigure:
    """One member's commitment and attendance, as the roster shows it."""

    confirmed: str  # ISO date the member confirmed the commitment; "" = not yet
    committed: int  # meetings committed to (0: the network planned no number)
    present: int  # held meetings since joining they were present at
    excused: int
    absent: int  # absent without notice
    held: int  # meetings held by today since they joined

    @property
    def attendance(self) -> str:
        """ "3 of 6" against the commitment; without a planned number, "3 of 4" held."""
        if self.committed:
            return _("{present} of {committed}").format(present=self.present, committed=self.committed)
        return _("{present} of {held} held").format(present=self.present, held=self.held) if self.held else "—"

    @property
    def confirmation(self) -> str:
        return self.confirmed or _("not yet")

    def sentence(self, name: str) -> str:
        """The whole of it on one short line, for the member selected on the roster."""
        said = (
            _("confirmed {date}").format(date=self.confirmed) if self.confirmed else _("commitment not yet confirmed")
        )
        if self.committed:
            attended = _("present {present} of {committed} committed").format(
                present=self.present, committed=self.committed
            )
        elif self.held:
            attended = _("present {present} of {held} held").format(present=self.present, held=self.held)
        else:
            attended = _("no meeting held yet")
        parts = [name, said, attended]
        if self.excused or self.absent:
            parts.append(_("{excused} excused, {absent} absent").format(excused=self.excused, absent=self.absent))
        return " · ".join(parts)


def committed_meetings(member: Member, meetings: Iterable[Meeting], planned: int) -> int:
    """The meetings `member` committed to: the planned number less those held before they joined."""
    if not planned:
        return 0
    before = sum(1 for m in meetings if not m.is_member(member))
    return max(0, planned - before)


def commitment_figure(member: Member, meetings: list[Meeting], planned: int, today: str) -> CommitmentFigure:
    member_id = member.id or 0
    held = [m for m in meetings if m.date <= today and m.is_member(member)]
    presences = [m.presence(member_id) for m in held]
    return CommitmentFigure(
        confirmed=member.commitment_confirmed,
        committed=committed_meetings(member, meetings, planned),
        present=presences.count(Presence.PRESENT),
        excused=presences.count(Presence.EXCUSED),
        absent=presences.count(Presence.ABSENT),
        held=len(held),
    )


def confirmation_problem(text: str) -> str:
    """What is wrong with a typed confirmation date ("" is fine: not yet)."""
    if text.strip() and "date" in meeting_problems(text.strip(), ""):
        return _("A date as YYYY-MM-DD, for example 2026-03-17 (or leave it empty: not yet).")
    return ""


class Commitments:
    """The facade the roster calls: each member's confirmation, and the figures beside it."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    def planned(self) -> int:
        return self.store.profile().engagement.planned_meetings

    def figures(self, members: Iterable[Member], meetings: list[Meeting], today: str) -> dict[int, CommitmentFigure]:
        planned = self.planned()
        return {m.id or 0: commitment_figure(m, meetings, planned, today) for m in members}

    def confirm(self, member_id: int, day: str) -> Member | None:
        """Record that the member confirmed the commitment on `day` (ISO date; "" = not yet).
        Raises ValueError for a date that is not one; None when the member is gone."""
        day = day.strip()
        if problem := confirmation_problem(day):
            raise ValueError(problem)
        member = self.store.members.get(member_id)
        if member is None:
            return None
        if member.commitment_confirmed != day:
            member.commitment_confirmed = day
            self.store.members.update(member)
        return member


def today_of(wall_now: float) -> str:
    return datetime.date.fromtimestamp(wall_now).isoformat()
