"""What earlier meetings leave open for a later one: actions, kickoff questions, advice.

Not only the previous meeting: every open action and every open or parked question of
all the meetings before, and every case whose case-bringer has not yet said what they
did with the advice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ln_tui.discussion.model import Case
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.minutes.model import AdviceOutcome
from ln_tui.model import Meeting, NoteKind, NoteStatus
from ln_tui.store import NetworkStore

# In a note's context: carried over from the network this one follows up (`ln-tui new --from`).
# Such a note has no meeting; the new network's first meeting shows it, later ones carry it.
CARRIED = "carried"


class CarriedKind(enum.StrEnum):
    ACTION = "action"
    QUESTION = "question"
    ADVICE = "advice"


def meeting_order(meeting: Meeting) -> tuple[str, str, int]:
    return (meeting.date, meeting.time, meeting.id or 0)


def meetings_in_order(store: NetworkStore) -> list[Meeting]:
    return sorted(store.meetings.all(), key=meeting_order)


@dataclass(frozen=True)
class Carried:
    """One thing an earlier meeting left: `id` is the note, board item or case it is about."""

    kind: CarriedKind
    id: int
    text: str
    origin: Meeting | None  # the meeting it comes from
    done: bool = False  # done (or answered, or told) at the meeting it is carried to
    parked: bool = False


def earlier_meeting_ids(meetings: list[Meeting], meeting: Meeting) -> set[int | None]:
    return {m.id for m in meetings if meeting_order(m) < meeting_order(meeting)}


def carried(store: NetworkStore, meeting: Meeting) -> list[Carried]:
    """What the meetings before `meeting` leave for it, actions first, then questions, then advice.

    Things settled at `meeting` itself stay in the list, marked done, so its minutes say so.
    """
    meetings = meetings_in_order(store)
    by_id = {m.id: m for m in meetings}
    earlier = earlier_meeting_ids(meetings, meeting)
    position = {m.id: i for i, m in enumerate(meetings)}
    here = position.get(meeting.id, len(meetings))
    result = []
    first = meetings[0] if meetings else None
    for note in sorted(store.notes.all(), key=lambda n: (position.get(n.meeting_id, -1), n.created, n.id or 0)):
        from_before = bool(earlier) and note.meeting_id is None and CARRIED in note.context
        if note.kind is not NoteKind.ACTION or (note.meeting_id not in earlier and not from_before):
            continue
        done_at = position.get(note.done_meeting_id, len(meetings)) if note.status is NoteStatus.DONE else None
        # Open, or done here, or done at a later meeting (so still open at this one).
        if done_at is None or done_at >= here:
            result.append(
                Carried(
                    CarriedKind.ACTION,
                    note.id or 0,
                    note.text,
                    first if from_before else by_id.get(note.meeting_id),
                    done=done_at == here,
                )
            )
    for item in sorted(store.repo(BoardItem).all(), key=lambda i: (meeting_index(meetings, i.meeting_id), i.order)):
        if item.column is not BoardColumn.QUESTIONS or item.meeting_id not in earlier:
            continue
        if item.status in (ItemStatus.OPEN, ItemStatus.PARKED):
            result.append(
                Carried(
                    CarriedKind.QUESTION,
                    item.id or 0,
                    item.text,
                    by_id.get(item.meeting_id),
                    parked=item.status is ItemStatus.PARKED,
                )
            )
    outcomes = {o.case_id: o for o in store.repo(AdviceOutcome).all()}
    for case in sorted(store.repo(Case).all(), key=lambda c: (meeting_index(meetings, c.meeting_id), c.id or 0)):
        if case.meeting_id not in earlier:
            continue
        outcome = outcomes.get(case.id or 0)
        if outcome is None or outcome.meeting_id == meeting.id:
            result.append(
                Carried(CarriedKind.ADVICE, case.id or 0, case.title, by_id.get(case.meeting_id), done=bool(outcome))
            )
    return result


def meeting_index(meetings: list[Meeting], meeting_id: int | None) -> int:
    return next((i for i, m in enumerate(meetings) if m.id == meeting_id), len(meetings))
