"""The speaking order: round-robin over the members present, shuffled or changed by hand.

Who speaks in a round follows from the order and the round's rule (everyone, only the
case-bringer, everyone but the case-bringer). Absent members never enter the order.
"""

from __future__ import annotations

import random

from ln_tui.discussion.model import RoundSpec, Speakers, TimeBox
from ln_tui.model import Meeting, Member


def present_order(meeting: Meeting, members: list[Member]) -> list[int]:
    """The member ids present at a meeting, in roster order (absent and excused ones skipped)."""
    return [m.id for m in meeting.present(members) if m.id is not None]


def shuffled(order: list[int], rng: random.Random) -> list[int]:
    """The same members in a new order; with two or more, never the same order again."""
    if len(order) < 2:
        return list(order)
    while True:
        result = list(order)
        rng.shuffle(result)
        if result != order:
            return result


def moved(order: list[int], member_id: int, steps: int) -> list[int]:
    """The order with one member moved `steps` places later (negative: earlier), kept in bounds."""
    if member_id not in order:
        return list(order)
    result = [m for m in order if m != member_id]
    index = max(0, min(len(result), order.index(member_id) + steps))
    result.insert(index, member_id)
    return result


def round_speakers(order: list[int], spec: RoundSpec, bringer_id: int | None) -> list[int | None]:
    """Who gets a turn in a round, in order. A round timed as a whole is one turn:
    the case-bringer's when only they speak, else the group's (None)."""
    if spec.speakers is Speakers.BRINGER:
        return [bringer_id]
    if spec.time_box is TimeBox.WHOLE_ROUND:
        return [None]
    if spec.speakers is Speakers.ALL_BUT_BRINGER:
        return [m for m in order if m != bringer_id]
    return list(order)
