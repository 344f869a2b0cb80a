"""Who spoke how long: per member in a meeting, and over the whole network."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ln_tui.discussion.model import Case, Turn
from ln_tui.model import Member

BLOCKS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Share:
    member: Member
    seconds: float
    share: float  # of all time spoken by members, 0..1
    cases: int  # cases brought


def spoken_by_member(turns: list[Turn]) -> dict[int, float]:
    """Seconds spoken per member id (the group's turns, in rounds timed as a whole, left out)."""
    total: dict[int, float] = defaultdict(float)
    for turn in turns:
        if turn.speaker_id is not None:
            total[turn.speaker_id] += turn.spoken
    return dict(total)


def shares(members: list[Member], turns: list[Turn], cases: list[Case]) -> list[Share]:
    """Each member's speaking time, share of it and cases brought, most time first."""
    spoken = spoken_by_member(turns)
    total = sum(spoken.values())
    brought: dict[int, int] = defaultdict(int)
    for case in cases:
        if case.bringer_id is not None:
            brought[case.bringer_id] += 1
    result = [
        Share(m, spoken.get(m.id or 0, 0.0), spoken.get(m.id or 0, 0.0) / total if total else 0.0, brought[m.id or 0])
        for m in members
    ]
    return sorted(result, key=lambda s: (-s.seconds, s.member.name.casefold()))


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighths of a cell."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")
