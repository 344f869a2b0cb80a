"""The `Demo` the populators of the demo network share, in a leaf module: `ln_tui.demo` lists
each step's `demo.populate`, and each step's populator names this type, so neither imports
the other for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ln_tui.model import Meeting, MeetingKind, Member


@dataclass
class Demo:
    """What the populators so far have made, for the next ones to build on."""

    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def meeting(self, kind: MeetingKind, index: int = 0) -> Meeting:
        return [m for m in self.meetings if m.kind is kind][index]
