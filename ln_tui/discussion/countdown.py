"""The countdown of one turn, as a pure state machine over an injected monotonic clock.

The time left is always `deadline - now`: nothing is decremented per tick, so a late
or missed tick can never make the clock drift. Pausing folds the time spoken so far
into `spoken_before`; resuming starts a new segment at `now`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass

from ln_tui.discussion.model import TurnClock
from ln_tui.i18n import _

Clock = Callable[[], float]

MINUTE = 60.0


class Phase(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Thresholds:
    """Amber once `amber_at` seconds or less are left; red from `red_at` left until one second past zero."""

    amber_at: float = 30.0
    red_at: float = 0.0

    def problems(self) -> list[str]:
        if self.amber_at < 0 or self.red_at < 0:
            return [_("Thresholds are seconds left: zero or more.")]
        if self.red_at > self.amber_at:
            return [_("Red comes after amber: its threshold must not be above amber's.")]
        return []


class Countdown:
    def __init__(self, clock: Clock, duration: float, *, running: bool = False, spoken: float = 0.0) -> None:
        self.clock = clock
        self.duration = float(duration)
        self.spoken_before = float(spoken)
        self.started_at: float | None = clock() if running else None

    # -- reading --------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.started_at is not None

    def spoken(self, now: float | None = None) -> float:
        """Seconds spoken in this turn so far (pauses excluded)."""
        if self.started_at is None:
            return self.spoken_before
        return self.spoken_before + ((self.clock() if now is None else now) - self.started_at)

    def deadline(self) -> float | None:
        """The monotonic time at which the turn reaches zero, while running."""
        if self.started_at is None:
            return None
        return self.started_at + self.duration - self.spoken_before

    def remaining(self, now: float | None = None) -> float:
        """Seconds left; negative in overtime."""
        deadline = self.deadline()
        if deadline is None:
            return self.duration - self.spoken_before
        return deadline - (self.clock() if now is None else now)

    def phase(self, thresholds: Thresholds, now: float | None = None) -> Phase:
        left = self.remaining(now)
        if left <= -1.0:
            return Phase.OVERTIME
        if left <= thresholds.red_at:
            return Phase.RED
        if left <= thresholds.amber_at:
            return Phase.AMBER
        return Phase.GREEN

    def fraction_left(self, now: float | None = None) -> float:
        if self.duration <= 0:
            return 0.0
        return min(1.0, max(0.0, self.remaining(now) / self.duration))

    # -- changing ------------------------------------------------------------------------
    def pause(self) -> None:
        if self.started_at is not None:
            self.spoken_before = self.spoken()
            self.started_at = None

    def resume(self) -> None:
        if self.started_at is None:
            self.started_at = self.clock()

    def toggle(self) -> None:
        self.pause() if self.running else self.resume()

    def extend(self, seconds: float = MINUTE) -> None:
        self.duration += seconds

    def restart(self, duration: float | None = None) -> None:
        """Start the turn again from its full time (the time spoken so far is dropped)."""
        if duration is not None:
            self.duration = float(duration)
        self.spoken_before = 0.0
        if self.started_at is not None:
            self.started_at = self.clock()

    # -- saving and restoring -----------------------------------------------------------------
    def saved(self, wall_now: float) -> TurnClock:
        return TurnClock(self.duration, self.spoken(), self.running, wall_now)

    @classmethod
    def restored(cls, saved: TurnClock, clock: Clock, wall_now: float) -> Countdown:
        """The countdown again after a restart: a running turn went on while the app was down."""
        down = max(0.0, wall_now - saved.anchor) if saved.running else 0.0
        return cls(clock, saved.duration, running=saved.running, spoken=saved.elapsed + down)


def format_time(seconds: float) -> str:
    """Time left as the room reads it: `1:05` (rounded up), `0:00`, and overtime as `+0:42`."""
    if seconds > -1.0:
        whole = max(0, math.ceil(seconds - 1e-9))
        return f"{whole // 60}:{whole % 60:02d}"
    over = math.floor(-seconds)
    return f"+{over // 60}:{over % 60:02d}"


def format_duration(seconds: float) -> str:
    """A time box or time spoken: `2:00`, `1:05:30` for an hour or more."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    if hours:
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{rest // 60}:{rest % 60:02d}"


def parse_duration(text: str) -> int | None:
    """`2` (minutes), `1:30` or `90s` as seconds; None if it is no duration."""
    text = text.strip().lower().replace(" ", "")
    try:
        if text.endswith("s"):
            return int(text[:-1])
        if ":" in text:
            minutes, seconds = text.split(":")
            if not 0 <= int(seconds) < 60:
                return None
            return int(minutes) * 60 + int(seconds)
        return round(float(text.replace(",", ".")) * 60)
    except ValueError:
        return None
