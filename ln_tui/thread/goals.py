"""A member's learning goal: their own words, else the "I want to learn" of their latest kickoff
introduction; and how the goals were judged at the close, as the summary counts them.

A member's `learning_goal` left empty follows the kickoff board: a facilitator who corrects an
introduction on the board corrects the goal too, until someone writes the goal itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ln_tui.i18n import _, ngettext
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.store import NetworkStore
from ln_tui.thread.model import GoalOutcome, GoalReview

# The longest goal: longer is refused with a clear message (a goal is a sentence or two, not a paste).
MAX_GOAL = 1000


def kickoff_goals(items: Iterable[BoardItem]) -> dict[int, str]:
    """Each member's "I want to learn" from their latest introduction on a kickoff board."""
    introductions = sorted(
        (i for i in items if i.column is BoardColumn.INTRODUCTIONS and i.member_id is not None and i.learn.strip()),
        key=lambda i: (i.created, i.order, i.id or 0),
    )
    return {i.member_id: i.learn.strip() for i in introductions if i.member_id is not None}


def kickoff_goal(store: NetworkStore, member_id: int) -> str:
    return kickoff_goals(store.repo(BoardItem).where(member_id=member_id)).get(member_id, "")


def learning_goal(store: NetworkStore, member: Member) -> str:
    """The member's goal as it stands: their own words, else the kickoff's ("" when neither)."""
    return member.learning_goal.strip() or kickoff_goal(store, member.id or 0)


def goal_problem(text: str) -> str:
    """What is wrong with a goal as typed ("" when nothing is)."""
    if len(text) > MAX_GOAL:
        return ngettext(
            "At most {max} character; this has {count}.", "At most {max} characters; this has {count}.", MAX_GOAL
        ).format(max=MAX_GOAL, count=len(text))
    return ""


@dataclass(frozen=True)
class GoalResult:
    """One goal as the summary shows it: its words and how it was judged, never whose it is."""

    goal: str
    outcome: GoalOutcome


def reviews_shown_at(store: NetworkStore, meeting: Meeting) -> list[GoalReview]:
    """The goal reviews a meeting's summary shows: those made at it; at a closing meeting every
    member's latest one."""
    reviews = store.repo(GoalReview).all()
    if meeting.kind is not MeetingKind.CLOSING:
        return [r for r in reviews if r.meeting_id == meeting.id]
    latest: dict[int, GoalReview] = {}
    for review in sorted(reviews, key=lambda r: r.id or 0):
        latest[review.member_id] = review
    return list(latest.values())


def goal_results(reviews: Sequence[GoalReview]) -> tuple[GoalResult, ...]:
    """The reviewed goals in the order of their words (not the roster's, which would name them)."""
    return tuple(sorted((GoalResult(r.goal, r.outcome) for r in reviews), key=lambda g: (g.goal.casefold(), g.outcome)))


def goal_tally(results: Sequence[GoalResult]) -> str:
    """How many goals were reached, partly reached and not: "Reached: 3 · partly: 1 · not reached: 0"."""
    return " · ".join(
        f"{_(outcome.label)}: {sum(g.outcome is outcome for g in results)}" for outcome in GoalOutcome
    ).capitalize()


def too_few_goals_line(count: int, minimum: int) -> str:
    return ngettext(
        "{count} goal reviewed: the counts are shown from {minimum} on.",
        "{count} goals reviewed: the counts are shown from {minimum} on.",
        count,
    ).format(count=count, minimum=minimum)
