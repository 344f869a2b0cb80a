"""The domain as plain dataclasses. No textual import here (a test checks it).

This module holds the network, its members, meetings and notes. The records of
each step of the method live beside it: `board`, `discussion`, `evaluation`.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass, field
from typing import ClassVar

from ln_tui.i18n import N_, _


class MeetingKind(enum.StrEnum):
    KICKOFF = "kickoff"
    REGULAR = "regular"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return {"kickoff": N_("kickoff"), "regular": N_("regular"), "closing": N_("closing")}[self.value]


class Role(enum.StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    GUEST = "guest"

    @property
    def label(self) -> str:
        return {
            "facilitator": N_("facilitator"),
            "participant": N_("participant"),
            "guest": N_("guest / expert"),
        }[self.value]


class Presence(enum.StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"

    @property
    def label(self) -> str:
        return {"present": N_("present"), "absent": N_("absent"), "excused": N_("excused")}[self.value]


@dataclass
class Engagement:
    """What is expected of members from the start, in concrete terms."""

    planned_meetings: int = 0
    cadence: str = ""
    communication: str = ""  # Markdown: what is expected for communication between meetings
    passing_on: str = ""  # Markdown: how members pass on what they learn in their own team


@dataclass
class NetworkProfile:
    """What the announcement says: why join, what the network is, the practicalities."""

    TABLE: ClassVar[str] = "profile"

    name: str = ""
    topic: str = ""
    added_value: str = ""
    goals: str = ""
    practical_info: str = ""
    engagement: Engagement = field(default_factory=Engagement)
    id: int | None = None


@dataclass
class Member:
    TABLE: ClassVar[str] = "members"

    name: str
    email: str = ""
    organisation: str = ""
    role: Role = Role.PARTICIPANT
    expertise: str = ""
    joined: str = ""  # ISO date they joined the network; empty: from the start (files before this field)
    commitment_confirmed: str = ""  # ISO date they confirmed the announcement's commitment; empty: not yet
    # What they want to learn; empty: their "I want to learn" of the kickoff's introductions
    # (ln_tui/thread/goals.py), so that the board's words count until someone writes their own.
    learning_goal: str = ""
    id: int | None = None


@dataclass
class Meeting:
    """One meeting. Everyone is present unless `attendance` says otherwise."""

    TABLE: ClassVar[str] = "meetings"

    date: str  # ISO date, YYYY-MM-DD
    kind: MeetingKind = MeetingKind.REGULAR
    time: str = ""  # HH:MM
    place: str = ""
    title: str = ""
    attendance: dict[int, Presence] = field(default_factory=dict)
    # Roles of this meeting (members; None = nobody chosen) and who is planned to bring a case.
    chair_id: int | None = None
    timekeeper_id: int | None = None
    minute_taker_id: int | None = None
    case_bringer_ids: list[int] = field(default_factory=list)
    # The attendance of members since forgotten, as counts by Presence value (no one named).
    former_attendance: dict[str, int] = field(default_factory=dict)
    id: int | None = None

    def presence(self, member_id: int) -> Presence:
        return self.attendance.get(member_id, Presence.PRESENT)

    def is_member(self, member: Member) -> bool:
        """Whether `member` had joined the network by this meeting (else: not yet a member)."""
        return not member.joined or member.joined <= self.date

    def present(self, members: list[Member]) -> list[Member]:
        return [m for m in members if self.is_member(m) and self.presence(m.id or 0) is Presence.PRESENT]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def meeting_problems(date: str, time: str) -> dict[str, str]:
    """What is wrong with a meeting's date (YYYY-MM-DD) and time (HH:MM or empty), by field."""
    problems = {}
    try:
        if not _ISO_DATE.match(date.strip()):
            raise ValueError
        datetime.date.fromisoformat(date.strip())
    except ValueError:
        problems["date"] = _("A date as YYYY-MM-DD, for example 2026-03-17.")
    if time.strip() and normal_time(time) is None:
        problems["time"] = _("A time as HH:MM, for example 13:30 (or leave it empty).")
    return problems


def next_meeting_date(meetings: list[Meeting]) -> str:
    """The date after the last meeting at the rhythm of the last two (a month after a month); "" without
    two dated meetings to take the rhythm from."""
    dates = sorted(d for m in meetings if (d := _date_of(m.date)) is not None)
    if len(dates) < 2 or dates[-1] == dates[-2]:
        return ""
    return (dates[-1] + (dates[-1] - dates[-2])).isoformat()


def _date_of(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:
        return None


def normal_time(time: str) -> str | None:
    """`9:30` or `9.30` as `09:30`; empty stays empty; None if it is no time of day."""
    if not time.strip():
        return ""
    match = _CLOCK_TIME.match(time.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


class NoteKind(enum.StrEnum):
    NOTE = "note"
    DECISION = "decision"
    ACTION = "action"

    @property
    def label(self) -> str:
        return {"note": N_("note"), "decision": N_("decision"), "action": N_("action")}[self.value]


class NoteStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"open": N_("open"), "done": N_("done")}[self.value]


@dataclass
class Note:
    """A quick note taken during a meeting; `context` says where (case, round, speaker...).

    A note can be a decision or an action. An action has an owner (None: the group; the
    name is kept so that it outlives the member), a due meeting or date, and a status.
    """

    TABLE: ClassVar[str] = "notes"

    meeting_id: int | None
    text: str
    created: str  # ISO timestamp
    context: dict[str, int] = field(default_factory=dict)
    kind: NoteKind = NoteKind.NOTE
    home: str = ""  # the home it was taken on (network, roster, kickoff, ...); "" for older notes
    seat: str = ""  # the seat that wrote it ("Sofie: notes"); "" for older notes
    owner_id: int | None = None
    owner_name: str = ""
    due_meeting_id: int | None = None
    due_date: str = ""  # ISO date
    status: NoteStatus = NoteStatus.OPEN
    done_meeting_id: int | None = None
    done_at: str = ""  # ISO timestamp
    # May it leave the group (minutes "to share")? None: as its kind says (decisions and actions yes).
    shared: bool | None = None
    id: int | None = None

    @property
    def open_action(self) -> bool:
        return self.kind is NoteKind.ACTION and self.status is NoteStatus.OPEN

    @property
    def of_a_turn(self) -> bool:
        """Taken during a speaker's turn: what a member said about their practice, for the group only."""
        return "speaker_id" in self.context

    @property
    def may_be_shared(self) -> bool:
        """Whether it goes into minutes "to share": marked so, or a decision or action not unmarked;
        never a note of a speaker's turn."""
        if self.of_a_turn:
            return False
        return self.shared if self.shared is not None else self.kind is not NoteKind.NOTE


class Audience(enum.StrEnum):
    """Who minutes and reports are for: the group (everything) or to share outside it."""

    GROUP = "group"
    SHARE = "share"

    @property
    def label(self) -> str:
        return {"group": N_("for the group"), "share": N_("to share")}[self.value]


def meeting_label(meeting: Meeting) -> str:
    """A short, human name for a meeting: its title, or its kind and date."""
    if meeting.title:
        return f"{meeting.title} ({meeting.date})"
    return f"{_(meeting.kind.label).capitalize()} {meeting.date}"


__all__ = [
    "Audience",
    "Engagement",
    "Meeting",
    "MeetingKind",
    "Member",
    "NetworkProfile",
    "Note",
    "NoteKind",
    "NoteStatus",
    "Presence",
    "Role",
    "meeting_label",
    "meeting_problems",
    "normal_time",
]
