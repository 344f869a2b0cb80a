"""The kickoff board's records. (Issue 4 builds the board on these.)

Contract other steps rely on: `BoardItem.meeting_id`, `.column`, `.text`,
`.member_id` (None = anonymous), `.status`, `.id`. The closing evaluation asks
about the items in the EXPECTATIONS column; a new meeting's follow-up shows the
AGREEMENTS and the open QUESTIONS of the previous one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
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


@dataclass
class BoardItem:
    TABLE: ClassVar[str] = "board_items"

    meeting_id: int | None
    column: BoardColumn
    text: str
    member_id: int | None = None
    status: ItemStatus = ItemStatus.OPEN
    id: int | None = None
