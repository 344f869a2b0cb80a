"""The thread book: what the thread screen and the evaluation's goal review read and save.

A facade like the kickoff's `Board`: the screens call it instead of the store's repositories.
"""

from __future__ import annotations

from pathlib import Path

from ln_tui.model import Meeting, Member, Role
from ln_tui.store import NetworkStore
from ln_tui.thread.goals import goal_problem, kickoff_goal, learning_goal
from ln_tui.thread.model import GoalOutcome, GoalReview
from ln_tui.thread.thread import Thread, member_thread


class ThreadBook:
    """Each member's learning thread and goal, and the goals' review at the close."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def member(self, member_id: int) -> Member | None:
        return self.store.members.get(member_id)

    def thread(self, member_id: int) -> Thread | None:
        member = self.member(member_id)
        return None if member is None else member_thread(self.store, member)

    # -- the goal -------------------------------------------------------------------------------
    def goal(self, member: Member) -> str:
        return learning_goal(self.store, member)

    def kickoff_goal(self, member_id: int) -> str:
        return kickoff_goal(self.store, member_id)

    def set_goal(self, member_id: int, text: str) -> str:
        """Keep a member's goal in their own words ("" = the kickoff's again); "" when saved, else
        what is wrong (nothing changes then)."""
        if problem := goal_problem(text):
            return problem
        member = self.member(member_id)
        if member is None or self.read_only:
            return ""
        typed = " ".join(text.split())
        member.learning_goal = "" if typed == self.kickoff_goal(member_id) else typed
        self.store.members.update(member)
        return ""

    # -- the review at the close ------------------------------------------------------------------------
    def members_to_review(self, meeting: Meeting) -> list[Member]:
        """Who is asked about their goal at a meeting, by name: the participants present or with a
        goal (someone absent may send word), and anyone already reviewed or with a goal of their
        own (the facilitator and guests only then: they come to lead or to teach)."""
        reviewed = {r.member_id for r in self.reviews(meeting).values()}
        members = sorted(self.store.members.all(), key=lambda m: m.name.casefold())
        present = {m.id for m in meeting.present(members)}
        return [
            m
            for m in members
            if m.id in reviewed
            or (m.role is Role.PARTICIPANT and (m.id in present or self.goal(m)))
            or m.learning_goal.strip()
        ]

    def reviews(self, meeting: Meeting) -> dict[int, GoalReview]:
        """The goal reviews made at a meeting, by member id."""
        return {r.member_id: r for r in self.store.repo(GoalReview).where(meeting_id=meeting.id)}

    def review(self, meeting: Meeting, member: Member, outcome: GoalOutcome | None, remark: str | None = None) -> None:
        """Mark a member's goal reached, partly or not (None: not reviewed) at a meeting, with the
        goal's words as they stand; `remark` None keeps the remark there is."""
        if self.read_only or member.id is None:
            return
        repo = self.store.repo(GoalReview)
        found = repo.where(meeting_id=meeting.id, member_id=member.id)
        if outcome is None and remark is None:
            for review in found:
                repo.remove(review.id or 0)
            return
        if found:
            review = found[0]
            review.goal = self.goal(member)
            review.outcome = outcome or review.outcome
            if remark is not None:
                review.remark = remark.strip()
            repo.update(review)
        elif outcome is not None:
            repo.add(GoalReview(meeting.id, member.id, self.goal(member), outcome, (remark or "").strip()))

    # -- the take-home ----------------------------------------------------------------------------
    def export_take_home(self, member: Member, fmt: str) -> Path:
        from ln_tui.thread.takehome import export_take_home  # the report layer: read when a page is written

        return export_take_home(self.store, member, fmt)
