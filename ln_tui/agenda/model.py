"""The agenda's records: timeboxed items per meeting, external input, the meeting clock, the harvest.

An item made from a template keeps `preset_title`: its title is translated where it is
shown, as a preset method's rounds are; once the facilitator changes the title it is
their own text, shown as typed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar

from ln_tui.agenda.keys import HARVESTS
from ln_tui.discussion.model import TurnClock
from ln_tui.i18n import N_, _
from ln_tui.model import MeetingKind

MAX_MINUTES = 600  # ten hours: a longer time box is a typing error
DEFAULT_MEETING_MINUTES = 150  # the templates are sized for a meeting of two and a half hours


class ItemKind(enum.StrEnum):
    WELCOME = "welcome"
    FOLLOW_UP = "follow_up"
    CASE = "case"
    EXTERNAL = "external"
    BREAK = "break"
    EVALUATION = "evaluation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "welcome": N_("welcome / check-in"),
            "follow_up": N_("follow-up"),
            "case": N_("case discussion"),
            "external": N_("external input"),
            "break": N_("break"),
            "evaluation": N_("evaluation"),
            "other": N_("other"),
        }[self.value]


class InputKind(enum.StrEnum):
    """The kinds of external input; each one used becomes a learning form in the evaluation."""

    GUEST_SPEAKER = "guest_speaker"
    EXPERT = "expert"
    SITE_VISIT = "site_visit"
    LITERATURE = "literature"
    VIDEO = "video"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "guest_speaker": N_("guest speaker"),
            "expert": N_("expert"),
            "site_visit": N_("site visit"),
            "literature": N_("literature"),
            "video": N_("video"),
            "other": N_("other external input"),
        }[self.value]


@dataclass
class ExternalInput:
    """Information or insight brought in from outside the group, on its agenda item.

    The guest need not be a member: `name` and `organisation` are plain text.
    """

    kind: InputKind = InputKind.GUEST_SPEAKER
    name: str = ""
    organisation: str = ""
    topic: str = ""
    links: list[str] = field(default_factory=list)
    preparation: str = ""  # what members prepare beforehand


@dataclass
class AgendaItem:
    """One timeboxed item of a meeting's agenda; `position` orders them."""

    TABLE: ClassVar[str] = "agenda_items"

    meeting_id: int | None
    kind: ItemKind
    title: str
    minutes: int
    position: int = 0
    preset_title: bool = False
    case_id: int | None = None  # a case-discussion item: the case it runs (None: the meeting's next case)
    external: ExternalInput | None = None
    id: int | None = None

    @property
    def shown_title(self) -> str:
        return _(self.title) if self.preset_title and self.title else self.title


@dataclass
class TemplateItem:
    kind: ItemKind
    title: str
    minutes: int
    preset_title: bool = False


@dataclass
class AgendaTemplate:
    """The network's own programme for a kind of meeting (replaces the built-in one)."""

    TABLE: ClassVar[str] = "agenda_templates"

    meeting_kind: MeetingKind
    items: list[TemplateItem] = field(default_factory=list)
    id: int | None = None


@dataclass
class ItemRun:
    """How one agenda item went: when it started and how long it took (pauses left out)."""

    item_id: int
    started: float  # wall clock, epoch seconds
    seconds: float
    box: float  # the time box it had, extensions included (seconds)


@dataclass
class MeetingClock:
    """A meeting's clock as saved: restart-safe, readable by another process.

    All times are wall-clock epoch seconds (`time.time()`), so that the app resumes after
    a crash with the time that passed and `ln-tui present` reads the same state. `item`
    is the running item's countdown, saved like a discussion turn (`TurnClock`): `elapsed`
    seconds were spent at wall time `anchor`; while `running`, the time since then counts too.
    """

    TABLE: ClassVar[str] = "meeting_clocks"

    meeting_id: int
    length: int = DEFAULT_MEETING_MINUTES  # the meeting's planned length, minutes
    started: float = 0.0  # 0: the meeting has not started
    current_id: int | None = None  # the agenda item running now
    item: TurnClock = field(default_factory=TurnClock)
    item_started: float = 0.0
    runs: list[ItemRun] = field(default_factory=list)
    ended: float = 0.0  # 0: not over yet
    id: int | None = None


@dataclass
class Continuation:
    """Something that goes on after the network, and who carries it."""

    what: str
    who: str = ""


@dataclass
class Harvest:
    """What the network yields at its close; `closed` marks the network closed."""

    TABLE: ClassVar[str] = HARVESTS

    insights: str = ""
    good_practices: str = ""
    continues: list[Continuation] = field(default_factory=list)
    closed: bool = False
    closed_on: str = ""  # ISO date
    id: int | None = None
