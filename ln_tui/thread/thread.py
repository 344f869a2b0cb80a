"""A member's learning thread, read from the file: their goal, their check-ins by meeting, the
cases they brought with the advice they received and what came of it, and the goal's review.

Advice is the notes taken in a case's advice rounds; who gave it is not part of the thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ln_tui.discussion.model import Case
from ln_tui.minutes.model import AdviceOutcome
from ln_tui.model import Meeting, Member
from ln_tui.store import NetworkStore
from ln_tui.thread.goals import kickoff_goal
from ln_tui.thread.model import CheckIn, GoalReview


@dataclass(frozen=True)
class BroughtCase:
    case: Case
    meeting: Meeting | None
    advice: tuple[str, ...] = ()
    outcome: str = ""  # what came of the advice, as the case-bringer told it
    outcome_meeting: Meeting | None = None


@dataclass(frozen=True)
class Thread:
    member: Member
    goal: str  # as it stands ("" when there is none yet)
    kickoff_goal: str  # the kickoff introduction's "I want to learn" ("" when none)
    check_ins: tuple[tuple[Meeting | None, CheckIn], ...] = ()
    cases: tuple[BroughtCase, ...] = ()
    review: GoalReview | None = None  # the latest
    review_meeting: Meeting | None = None
    meetings: tuple[Meeting, ...] = field(default=())  # the network's, in date order

    @property
    def own_goal(self) -> bool:
        """Whether the goal is the member's own words rather than the kickoff's."""
        return bool(self.member.learning_goal.strip())


def in_order(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.time, m.id or 0))


def member_thread(store: NetworkStore, member: Member) -> Thread:
    member_id = member.id or 0
    meetings = in_order(store.meetings.all())
    by_id = {m.id: m for m in meetings}
    position = {m.id: i for i, m in enumerate(meetings)}
    kickoff = kickoff_goal(store, member_id)
    check_ins = sorted(
        store.repo(CheckIn).where(member_id=member_id),
        key=lambda c: (position.get(c.meeting_id, len(meetings)), c.created, c.id or 0),
    )
    outcomes = {o.case_id: o for o in store.repo(AdviceOutcome).all()}
    cases = []
    for case in sorted(
        store.repo(Case).where(bringer_id=member_id), key=lambda c: (position.get(c.meeting_id, len(meetings)), c.id)
    ):
        advice_rounds = {i for i, r in enumerate(case.rounds) if r.advice}
        advice = tuple(
            n.text
            for n in sorted(store.notes.where(meeting_id=case.meeting_id), key=lambda n: (n.created, n.id or 0))
            if n.context.get("case_id") == case.id and n.context.get("round", -1) in advice_rounds and n.text.strip()
        )
        told = outcomes.get(case.id or 0)
        cases.append(
            BroughtCase(
                case,
                by_id.get(case.meeting_id),
                advice,
                told.text if told else "",
                by_id.get(told.meeting_id) if told else None,
            )
        )
    reviews = sorted(
        store.repo(GoalReview).where(member_id=member_id),
        key=lambda r: (position.get(r.meeting_id, len(meetings)), r.id or 0),
    )
    review = reviews[-1] if reviews else None
    return Thread(
        member,
        member.learning_goal.strip() or kickoff,
        kickoff,
        tuple((by_id.get(c.meeting_id), c) for c in check_ins),
        tuple(cases),
        review,
        by_id.get(review.meeting_id) if review else None,
        tuple(meetings),
    )
