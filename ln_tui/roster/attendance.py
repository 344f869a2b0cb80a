"""Attendance and cases: who was at the meetings held since they joined, and how many cases each brought.

Pure logic (no textual import): the roster screen, the report and the command line use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ln_tui.model import Meeting, Member, Presence


# -- attendance and cases -------------------------------------------------------------------
def held_meetings(meetings: Iterable[Meeting], today: str) -> list[Meeting]:
    """The meetings that have taken place by `today` (ISO date)."""
    return [m for m in meetings if m.date <= today]


def presence_of(meeting: Meeting, member: Member) -> Presence | None:
    """A member's presence at a meeting; None when they were not yet a member then."""
    return meeting.presence(member.id or 0) if meeting.is_member(member) else None


def attendance_rates(members: Iterable[Member], meetings: Iterable[Meeting], today: str) -> dict[int, float | None]:
    """Per member id: the share of the held meetings since they joined that they were present at
    (None before any such meeting)."""
    held = held_meetings(meetings, today)
    rates: dict[int, float | None] = {}
    for member in members:
        member_id = member.id or 0
        theirs = [m for m in held if m.is_member(member)]
        present = sum(m.presence(member_id) is Presence.PRESENT for m in theirs)
        rates[member_id] = present / len(theirs) if theirs else None
    return rates


def format_rate(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


PRESENCE_CYCLE = (Presence.PRESENT, Presence.ABSENT, Presence.EXCUSED)


def next_presence(presence: Presence) -> Presence:
    """Present -> absent -> excused -> present: one key steps through them."""
    return PRESENCE_CYCLE[(PRESENCE_CYCLE.index(presence) + 1) % len(PRESENCE_CYCLE)]


def count_cases(bringer_ids: Iterable[int | None]) -> Counter[int]:
    return Counter(b for b in bringer_ids if b is not None)
