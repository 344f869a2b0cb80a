"""The demo's learning threads: one goal rewritten in the member's own words, check-ins at the
later meetings (Jan Peeters at three of them, so his thread can be walked from the kickoff to the
close) and every goal reviewed at the closing meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.model import MeetingKind
from ln_tui.store import NetworkStore
from ln_tui.thread.goals import learning_goal
from ln_tui.thread.model import CheckIn, CheckInSource, GoalOutcome, GoalReview

if TYPE_CHECKING:
    from ln_tui.demo_types import Demo

TRIED = "Wat heb je sinds de vorige keer in je werk uitgeprobeerd?"
PASSED_ON = "Wat heb je doorgegeven aan je team?"

# Member index -> their goal in their own words (the others keep their words of the kickoff).
OWN_GOALS = {2: "Een zorgoverleg van een uur leiden, met een agenda die iedereen vooraf kent."}

# (meeting index, member index, question, answer, source)
CHECK_INS = [
    (
        1,
        1,
        TRIED,
        "Ik heb de dochter van dhr. V. gevraagd wat zij zelf nodig heeft, nog voor ik iets voorstelde.",
        CheckInSource.CONSOLE,
    ),
    (1, 2, TRIED, "Een agenda vooraf gemaild voor het zorgoverleg; de helft las hem.", CheckInSource.CONSOLE),
    (
        2,
        1,
        PASSED_ON,
        "Het overleg thuis met dochter en huisarts als vaste stap in ons team voorgesteld.",
        CheckInSource.PHONE,
    ),
    (2, 2, PASSED_ON, "De checklist voor ontslag van Sofie aan mijn collega's gegeven.", CheckInSource.CONSOLE),
    (2, 4, PASSED_ON, "Onze ontslagbrief vermeldt nu de thuisverpleging bij naam.", CheckInSource.CONSOLE),
    (
        3,
        1,
        TRIED,
        "Twee mantelzorgers betrokken bij het zorgplan vanaf het eerste gesprek, niet pas bij een crisis.",
        CheckInSource.CONSOLE,
    ),
]

# (member index, outcome, remark) at the closing meeting.
REVIEWS = [
    (1, GoalOutcome.REACHED, "Het overleg thuis is nu een gewoonte."),
    (2, GoalOutcome.PARTLY, "De agenda lukt; een uur blijft krap."),
    (3, GoalOutcome.REACHED, ""),
    (4, GoalOutcome.PARTLY, "Het ziekenhuis volgt nog niet overal."),
    (5, GoalOutcome.NOT, "De wachtlijsten bleven het hele jaar."),
    (6, GoalOutcome.REACHED, ""),
    (8, GoalOutcome.PARTLY, ""),
]


def populate(store: NetworkStore, demo: Demo) -> None:
    members, meetings = demo.members, demo.meetings
    for index, goal in OWN_GOALS.items():
        member = members[index]
        member.learning_goal = goal
        store.members.update(member)
    store.repo(CheckIn).add_many(
        [
            CheckIn(
                meetings[meeting].id,
                members[member].id or 0,
                question,
                answer,
                f"{meetings[meeting].date}T13:{40 + n:02d}:00",
                source,
            )
            for n, (meeting, member, question, answer, source) in enumerate(CHECK_INS)
        ]
    )
    closing = demo.meeting(MeetingKind.CLOSING)
    store.repo(GoalReview).add_many(
        [
            GoalReview(closing.id, members[member].id or 0, learning_goal(store, members[member]), outcome, remark)
            for member, outcome, remark in REVIEWS
        ]
    )
