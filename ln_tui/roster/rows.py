"""The rows of the roster table: each member with their cases and attendance, filtered and sorted.

Pure logic (no textual import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ln_tui.i18n import _
from ln_tui.model import Meeting, Member, Role
from ln_tui.roster.attendance import attendance_rates, count_cases

# -- the rows of the roster table -----------------------------------------------------------
SORT_COLUMNS = ("name", "organisation", "role", "attendance", "cases", "email", "expertise")


@dataclass
class RosterRow:
    """One member as the roster table shows it, with what filtering and sorting need precomputed."""

    member: Member
    cases: int
    rate: float | None
    search_key: str = ""

    def __post_init__(self) -> None:
        m = self.member
        self.search_key = "\n".join((m.name, m.organisation, _(m.role.label), m.email, m.expertise)).casefold()

    def sort_key(self, column: str) -> tuple[object, ...]:
        if column == "cases":
            return (self.cases, self.member.name.casefold())
        if column == "attendance":
            return (-1.0 if self.rate is None else self.rate, self.member.name.casefold())
        if column == "role":
            return (list(Role).index(self.member.role), self.member.name.casefold())
        return (str(getattr(self.member, column)).casefold(), self.member.name.casefold())


def roster_rows(
    members: Iterable[Member], meetings: list[Meeting], bringer_ids: Iterable[int | None], today: str
) -> list[RosterRow]:
    members = list(members)
    cases = count_cases(bringer_ids)
    rates = attendance_rates(members, meetings, today)
    return [RosterRow(m, cases[m.id or 0], rates[m.id or 0]) for m in members]


def filter_rows(rows: Iterable[RosterRow], query: str) -> list[RosterRow]:
    """The rows holding every word of `query` (any case) in any of their fields."""
    shown = list(rows)
    for word in query.casefold().split():
        shown = [row for row in shown if word in row.search_key]
    return shown


def narrows(query: str, previous: str) -> bool:
    """Whether every row matching `query` also matches `previous` (typing on at the end)."""
    return query.startswith(previous)


def sort_rows(rows: Iterable[RosterRow], column: str, reverse: bool = False) -> list[RosterRow]:
    return sorted(rows, key=lambda row: row.sort_key(column), reverse=reverse)
