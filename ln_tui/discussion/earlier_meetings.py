"""What earlier meetings left for the next one: the previous meeting's advice and agreements,
and from all earlier meetings the open actions and the open or parked questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ln_tui.discussion.model import Case
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.minutes.carry import Carried, CarriedKind, carried
from ln_tui.model import Meeting
from ln_tui.store import NetworkStore


@dataclass
class FollowUp:
    meeting: Meeting
    advice: list[tuple[str, str]] = field(default_factory=list)  # (case title, advice)
    agreements: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # open actions of all earlier meetings
    # Everything carried from all earlier meetings (actions, questions, advice without outcome).
    carried: list[Carried] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.advice or self.agreements or self.open_questions or self.actions)


def previous_meeting(meetings: list[Meeting], meeting: Meeting) -> Meeting | None:
    """The last meeting before this one, by date and time."""
    earlier = [m for m in meetings if (m.date, m.time, m.id or 0) < (meeting.date, meeting.time, meeting.id or 0)]
    return max(earlier, key=lambda m: (m.date, m.time, m.id or 0), default=None)


def follow_up(store: NetworkStore, meeting: Meeting) -> FollowUp | None:
    """What the meetings before `meeting` left, or None if there was none."""
    previous = previous_meeting(store.meetings.all(), meeting)
    if previous is None:
        return None
    result = FollowUp(previous)
    cases = {c.id: c for c in store.repo(Case).where(meeting_id=previous.id)}
    for note in store.notes.where(meeting_id=previous.id):
        case = cases.get(note.context.get("case_id"))
        round_index = note.context.get("round", -1)
        if case is not None and 0 <= round_index < len(case.rounds) and case.rounds[round_index].advice:
            result.advice.append((case.title, note.text))
    for item in sorted(store.repo(BoardItem).where(meeting_id=previous.id), key=lambda i: i.order):
        if item.column is BoardColumn.AGREEMENTS:
            result.agreements.append(item.text)
    result.carried = carried(store, meeting)
    result.open_questions = [c.text for c in result.carried if c.kind is CarriedKind.QUESTION]
    result.actions = [c.text for c in result.carried if c.kind is CarriedKind.ACTION and not c.done]
    return result
