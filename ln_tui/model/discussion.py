"""The case discussion's records. (Issue 5 builds the discussion on these.)

Contract other steps rely on: `Case.meeting_id`, `.bringer_id` (a member),
`.title`, `.method_name` (the method followed, e.g. "Incident method"), `.id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass
class Case:
    TABLE: ClassVar[str] = "cases"

    meeting_id: int | None
    title: str
    bringer_id: int | None = None
    question: str = ""
    context: str = ""
    method_name: str = ""
    id: int | None = None
