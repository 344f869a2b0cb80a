"""The case discussion's records. (Issue 5 builds the discussion on these.)

Contract other steps rely on: `Case.meeting_id`, `.bringer_id` (a member),
`.title`, `.method_name` (the method followed, e.g. "Incident method"), `.id`.

A case keeps a copy of its method's rounds, so that editing a custom method
later never rewrites a discussion that already happened. Its running state
(`DiscussionState`) is saved on every change of state, never on a tick: see
`TurnClock` for how the time left survives a restart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar

from ln_tui.i18n import N_


class Speakers(enum.StrEnum):
    """Who speaks in a round."""

    EVERYONE = "everyone"
    BRINGER = "bringer"
    ALL_BUT_BRINGER = "all_but_bringer"

    @property
    def label(self) -> str:
        return {
            "everyone": N_("everyone present"),
            "bringer": N_("only the case-bringer"),
            "all_but_bringer": N_("everyone but the case-bringer"),
        }[self.value]


class BringerPart(enum.StrEnum):
    """What the case-bringer does in a round, as the method says (not the same as who speaks:
    in clarifying questions everyone else asks and the case-bringer answers)."""

    TELLS = "tells"
    ANSWERS = "answers"
    LISTENS = "listens"
    RESPONDS = "responds"
    DECIDES = "decides"
    JOINS = "joins"

    @property
    def label(self) -> str:
        return {
            "tells": N_("tells the case"),
            "answers": N_("answers the questions"),
            "listens": N_("listens without reacting"),
            "responds": N_("responds: says what struck them"),
            "decides": N_("decides what they will do"),
            "joins": N_("takes part like everyone"),
        }[self.value]


class TimeBox(enum.StrEnum):
    """Whether a round's time box is per speaker or for the round as a whole."""

    PER_SPEAKER = "per_speaker"
    WHOLE_ROUND = "whole_round"

    @property
    def label(self) -> str:
        return {"per_speaker": N_("per speaker"), "whole_round": N_("for the whole round")}[self.value]


@dataclass
class RoundSpec:
    """One named, timed round of a method."""

    name: str
    seconds: int
    time_box: TimeBox = TimeBox.PER_SPEAKER
    speakers: Speakers = Speakers.EVERYONE
    question_cap: int = 0  # at most this many questions per person; 0 = no cap
    instruction: str = ""  # one line shown during the round
    advice: bool = False  # notes taken in this round are advice for the next meeting's follow-up
    bringer: BringerPart | None = None  # what the case-bringer does; None: not said (custom rounds before this field)
    written: bool = False  # each person writes first, in silence: phones write privately, revealed all at once


@dataclass
class Method:
    """A case discussion method. Presets live in code; custom ones are saved with the network."""

    TABLE: ClassVar[str] = "methods"

    name: str
    rounds: list[RoundSpec] = field(default_factory=list)
    description: str = ""
    preset: bool = False  # a preset's name, rounds and instructions are translated when shown
    id: int | None = None


@dataclass
class Case:
    TABLE: ClassVar[str] = "cases"

    meeting_id: int | None
    title: str
    bringer_id: int | None = None
    question: str = ""
    context: str = ""  # Markdown
    method_name: str = ""
    rounds: list[RoundSpec] = field(default_factory=list)
    method_preset: bool = False
    client_alias: str = ""  # how the case names the client ("Mr. V., 80s"), never their name
    id: int | None = None


@dataclass
class TurnClock:
    """A turn's countdown as saved: restart-safe.

    A monotonic clock has no meaning after a reboot or in another process, so the
    saved state anchors to the wall clock: `elapsed` seconds were spoken at wall time
    `anchor`; while `running`, the time since the anchor counts as spoken too (the
    group kept talking while the app was down). At run time all time comes from the
    monotonic clock; the wall clock is read only when saving and when restoring.
    """

    duration: float = 0.0
    elapsed: float = 0.0
    running: bool = False
    anchor: float = 0.0


@dataclass
class DiscussionState:
    """Where a case discussion stands: round, speaking order, who speaks, the turn's clock."""

    TABLE: ClassVar[str] = "discussion_states"

    case_id: int
    order: list[int] = field(default_factory=list)  # member ids, the speaking order
    left: list[int] = field(default_factory=list)  # members taken out of the order by hand
    round_index: int = 0
    position: int = 0  # index into the round's speakers
    clock: TurnClock = field(default_factory=TurnClock)
    bell_rung: bool = False
    finished: bool = False
    id: int | None = None


@dataclass
class Turn:
    """One finished turn: who spoke (None = the group, in a round timed as a whole), how long."""

    TABLE: ClassVar[str] = "turns"

    case_id: int
    meeting_id: int | None
    round_index: int
    round_name: str
    speaker_id: int | None
    spoken: float  # seconds
    allotted: float = 0.0  # the time box, extensions included
    skipped: bool = False
    id: int | None = None


class InputKind(enum.StrEnum):
    SOURCE = "source"
    EXPERT = "expert"
    LINK = "link"

    @property
    def label(self) -> str:
        return {"source": N_("source"), "expert": N_("expert's remark"), "link": N_("link")}[self.value]


@dataclass
class ExternalInput:
    """Information or insight brought into a meeting from outside the group."""

    TABLE: ClassVar[str] = "external_inputs"

    meeting_id: int | None
    text: str
    kind: InputKind = InputKind.SOURCE
    created: str = ""
    id: int | None = None
