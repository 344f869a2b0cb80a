"""The room's records: what a phone sent, waiting in the facilitator's queue, and what is open."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ln_tui.i18n import N_

if TYPE_CHECKING:
    from ln_tui.store import NetworkStore


class RoomPart(enum.StrEnum):
    """What the facilitator can open for the room's phones."""

    KICKOFF = "kickoff"
    DISCUSSION = "discussion"
    EVALUATION = "evaluation"
    PULSE = "pulse"
    CHECKIN = "checkin"

    @property
    def label(self) -> str:
        return {
            "kickoff": N_("Kickoff board"),
            "discussion": N_("Discussion"),
            "evaluation": N_("Evaluation"),
            "pulse": N_("Safety pulse"),
            "checkin": N_("Check-in"),
        }[self.value]


class SubmissionKind(enum.StrEnum):
    QUESTION = "question"
    EXPECTATION = "expectation"
    INTRODUCTION = "introduction"
    CASE_QUESTION = "case_question"  # a question for the case-bringer, during the question round
    EVALUATION = "evaluation"  # an evaluation form signed with a name: final once the facilitator accepts it
    CHECKIN = "checkin"  # a member's answer to the meeting's check-in question (always signed)

    @property
    def label(self) -> str:
        return {
            "question": N_("Question"),
            "expectation": N_("Expectation"),
            "introduction": N_("Introduction"),
            "case_question": N_("Question for the case"),
            "evaluation": N_("Evaluation form"),
            "checkin": N_("Check-in answer"),
        }[self.value]


@dataclass
class Submission:
    """Something a phone sent, kept until the facilitator accepts or hides it.

    It names a member only when the sender chose a name; nothing ties it to the phone. A phone
    can choose any name present, so whatever names someone waits here for the facilitator, who
    sees the name and can ask in the room (an anonymous item may go straight onto the board).
    """

    TABLE: ClassVar[str] = "room_submissions"

    meeting_id: int | None
    kind: SubmissionKind
    text: str
    member_id: int | None = None
    why: str = ""
    learn: str = ""
    offer: str = ""
    case_id: int | None = None
    round_index: int | None = None
    received: str = ""  # ISO timestamp
    hidden: bool = False
    # An evaluation form (kind EVALUATION): its answers, as `Evaluation` keeps them.
    ratings: dict[str, int] = field(default_factory=dict)
    learning_forms: dict[str, int] = field(default_factory=dict)
    recommend: int | None = None
    answers: dict[str, str] = field(default_factory=dict)
    # With a signed form: the member's learning goal reached, partly or not (a GoalOutcome value; "" not
    # answered) and a remark, kept as their goal's review once the facilitator accepts the form.
    goal: str = ""
    goal_remark: str = ""
    id: int | None = None


# Network settings (store.setting) the room keeps.
PARTS_SETTING = "room_parts"  # the parts open for the phones
ACCEPT_DIRECTLY_SETTING = "room_accept_directly"  # submissions skip the queue
# Where earlier consoles kept the join URL, in the network file: only ever removed now (the URL is
# kept beside the file instead, `links.publish_join_url`).
JOIN_URL_SETTING = "room_join_url"


def forget_join_url(store: NetworkStore) -> None:
    """No join URL for `present`: the room is closed (or its console is gone)."""
    from ln_tui.room.links import forget_join_url_file

    forget_join_url_file(store.path)
    if store.setting(JOIN_URL_SETTING) is not None and not store.read_only:
        store.set_setting(JOIN_URL_SETTING, None)
