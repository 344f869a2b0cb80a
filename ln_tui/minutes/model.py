"""The Minutes' own records. Notes, decisions and actions are `ln_tui.model.Note`; the roles and
the case-bringer schedule live on `ln_tui.model.Meeting`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass
class AdviceOutcome:
    """What a case-bringer did with the advice on their case, told at a later meeting."""

    TABLE: ClassVar[str] = "advice_outcomes"

    case_id: int
    meeting_id: int | None  # the meeting at which it was told
    text: str
    created: str = ""  # ISO timestamp
    id: int | None = None
