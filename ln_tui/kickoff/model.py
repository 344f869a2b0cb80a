"""The kickoff board's records. (Issue 4 builds the board on these.)

Contract other steps rely on: `BoardItem.meeting_id`, `.column`, `.text`,
`.member_id` (None = anonymous), `.status`, `.id`. The closing evaluation asks
about the items in the EXPECTATIONS column; a new meeting's follow-up shows the
AGREEMENTS and the open QUESTIONS of the previous one. Items with `archived`
set (answered questions) are off the board but still part of it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar

from ln_tui.i18n import N_


class BoardColumn(enum.StrEnum):
    INTRODUCTIONS = "introductions"
    QUESTIONS = "questions"
    EXPECTATIONS = "expectations"
    AGREEMENTS = "agreements"

    @property
    def label(self) -> str:
        return {
            "introductions": N_("Introductions"),
            "questions": N_("Questions"),
            "expectations": N_("Expectations"),
            "agreements": N_("Agreements"),
        }[self.value]


class ItemStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    PARKED = "parked"

    @property
    def label(self) -> str:
        return {"open": N_("open"), "answered": N_("answered"), "parked": N_("parked")}[self.value]


# The parts of an introduction: (field of BoardItem, label marked with N_).
INTRODUCTION_PARTS = (("why", N_("Why I join")), ("learn", N_("I want to learn")), ("offer", N_("I can offer")))


@dataclass
class MergedText:
    """The text of an item merged into another one, with who said it (None = anonymous)."""

    text: str
    member_id: int | None = None


@dataclass
class BoardItem:
    TABLE: ClassVar[str] = "board_items"

    meeting_id: int | None
    column: BoardColumn
    text: str
    member_id: int | None = None
    status: ItemStatus = ItemStatus.OPEN
    votes: int = 0
    created: str = ""  # ISO timestamp
    order: int = 0  # position in time on its board: sorts items added in the same second
    archived: bool = False  # answered items leave the board for its archive
    merged: list[MergedText] = field(default_factory=list)
    # An introduction: why I join, what I want to learn, what I can offer (`text` joins them).
    why: str = ""
    learn: str = ""
    offer: str = ""
    # The phones that voted for it in the room, as keys that name no one (one vote per phone).
    room_voters: list[str] = field(default_factory=list)
    shared: bool = False  # may leave the group (minutes "to share"), without its author
    id: int | None = None
