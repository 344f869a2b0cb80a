"""The learning thread's records, as plain dataclasses (no textual import; a test checks it)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar

from ln_tui.i18n import N_

# The check-in questions a new network starts with (the network keeps its own list in a setting).
DEFAULT_CHECKIN_QUESTIONS = (
    N_("What did you try at work since last time?"),
    N_("What did you pass on to your team?"),
    N_("What is on your mind as we start?"),
)


class CheckInSource(enum.StrEnum):
    CONSOLE = "console"  # typed at a seat, one member after the other
    PHONE = "phone"  # sent from the member's phone in the room


@dataclass
class CheckIn:
    """One member's answer to the check-in question that opened one meeting."""

    TABLE: ClassVar[str] = "checkins"

    meeting_id: int | None
    member_id: int
    question: str  # as it was asked (the network's list may change later)
    answer: str
    created: str = ""  # ISO timestamp
    source: CheckInSource = CheckInSource.CONSOLE
    id: int | None = None


class GoalOutcome(enum.StrEnum):
    REACHED = "reached"
    PARTLY = "partly"
    NOT = "not"

    @property
    def label(self) -> str:
        return {"reached": N_("reached"), "partly": N_("partly"), "not": N_("not reached")}[self.value]


@dataclass
class GoalReview:
    """How a member judged their learning goal at the close (never shown to the room by name)."""

    TABLE: ClassVar[str] = "goal_reviews"

    meeting_id: int | None  # the closing meeting
    member_id: int
    goal: str  # the goal as it stood when it was reviewed
    outcome: GoalOutcome
    remark: str = ""
    id: int | None = None


@dataclass
class WrittenContribution:
    """What one person wrote in silence during a written round (Balint's "write advice", 1-2-4-All's
    "alone"), from their phone. Hidden everywhere (only counted) until the facilitator reveals the
    round's contributions all at once; then kept with the case, for the group. It names a member
    only when the writer chose to sign: an unsigned one holds nothing that ties it to anyone."""

    TABLE: ClassVar[str] = "written_contributions"

    meeting_id: int | None
    case_id: int
    round_index: int
    text: str
    member_id: int | None = None  # only when the writer signed
    created: str = ""  # ISO timestamp
    revealed: bool = False
    id: int | None = None
