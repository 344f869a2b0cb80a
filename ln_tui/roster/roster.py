"""The `Roster` facade: the members and the meetings they attend, as the roster and network
screens and the command line's member commands read and change them.

No textual here: a screen calls the `Roster`, and the `Roster` calls the store. The CSV rules,
the personal data and the follow-up network's confirmations are imported when first used, so
that the first home (the network's) starts without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from ln_tui.model import Meeting, Member, Presence
from ln_tui.roster.attendance import next_presence
from ln_tui.roster.rows import RosterRow, roster_rows
from ln_tui.store import NetworkStore
from ln_tui.store.network import Repo

if TYPE_CHECKING:
    from ln_tui.roster.csv import CsvImport


def by_name(members: Iterable[Member]) -> list[Member]:
    return sorted(members, key=lambda m: m.name.casefold())


def in_date_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.time))


Record = TypeVar("Record", Member, Meeting)


def added(repo: Repo[Record], record: Record) -> bool:
    """Add a record without an id, else write its changed fields; True when it was added."""
    if record.id is None:
        repo.add(record)
        return True
    repo.update(record)
    return False


class Roster:
    """The network's members and meetings; each change is on disk when the call returns."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    # -- members ----------------------------------------------------------------------------------
    def members(self) -> list[Member]:
        """Every member, in the order they were added."""
        return self.store.members.all()

    def members_by_name(self) -> list[Member]:
        return by_name(self.store.members.all())

    def member(self, member_id: int | None) -> Member | None:
        return None if member_id is None else self.store.members.get(member_id)

    def others(self, member: Member) -> list[Member]:
        """Every member but `member` (a form checks a likely duplicate against them)."""
        return [m for m in self.store.members.all() if m.id != member.id]

    def save(self, member: Member) -> bool:
        """Add a new member (no id yet) or write an edited one; True when it was added."""
        return added(self.store.members, member)

    def remove(self, member: Member) -> None:
        """Take a member off the roster; their attendance and cases stay (`restore` puts them back)."""
        if member.id is not None:
            self.store.members.remove(member.id)

    def restore(self, member: Member) -> None:
        """Put a removed member back, with their id."""
        self.store.members.restore(member)

    # -- the roster table --------------------------------------------------------------------------
    def rows(self, meetings: list[Meeting], today: str) -> list[RosterRow]:
        """Each member with the cases they brought and their attendance of `meetings` held by `today`."""
        from ln_tui.discussion.desk import case_bringers

        return roster_rows(self.store.members.all(), meetings, case_bringers(self.store), today)

    def unconfirmed(self) -> set[int]:
        """Members carried over from the network this one follows up who have not yet said they take part."""
        from ln_tui.agenda.closing import unconfirmed_members

        return unconfirmed_members(self.store)

    def confirm(self, member_id: int) -> bool:
        """A carried-over member takes part again; False if they were confirmed already."""
        from ln_tui.agenda.closing import confirm_member

        return confirm_member(self.store, member_id)

    # -- meetings and attendance -------------------------------------------------------------------
    def meetings(self) -> list[Meeting]:
        """The meetings in date order."""
        return in_date_order(self.store.meetings.all())

    def meeting(self, meeting_id: int | None) -> Meeting | None:
        return None if meeting_id is None else self.store.meetings.get(meeting_id)

    def save_meeting(self, meeting: Meeting) -> bool:
        """Plan a new meeting (no id yet) or write an edited one; True when it was planned."""
        return added(self.store.meetings, meeting)

    def remove_meeting(self, meeting: Meeting) -> None:
        """Remove a meeting and its attendance; it is no longer the current meeting."""
        if meeting.id is None:
            return
        with self.store.batch():
            self.store.meetings.remove(meeting.id)
            if self.store.setting("current_meeting_id") == meeting.id:
                self.store.set_current_meeting(None)

    def step_presence(self, meeting: Meeting, member_id: int) -> Presence:
        """Present -> absent -> excused -> present for one member at `meeting`, written at once."""
        presence = next_presence(meeting.presence(member_id))
        if presence is Presence.PRESENT:
            meeting.attendance.pop(member_id, None)
        else:
            meeting.attendance[member_id] = presence
        self.store.meetings.update(meeting)
        return presence

    # -- the CSV file ------------------------------------------------------------------------------
    def csv_bytes(self) -> tuple[bytes, int]:
        """The roster as a CSV file (by name), and how many members it holds."""
        from ln_tui.roster.csv import csv_bytes

        members = self.members_by_name()
        return csv_bytes(members), len(members)

    def import_csv(self, data: bytes, today: str | None = None) -> CsvImport:
        """Add the members of a CSV file, all in one save; raises `CsvImportError` (nothing added)
        when any row is bad or a duplicate."""
        from ln_tui.roster.csv import parse_members_csv_report

        result = parse_members_csv_report(data, self.store.members.all(), today)
        with self.store.batch():
            self.store.members.add_many(result.members)
        return result
