"""A case discussion as a state machine: rounds, the speaking order, the turn's countdown.

The screen calls one method per key; each returns the turn it closed (to be stored), if
any, and the caller saves `state_to_save()`. A tick only reads, except for the bell.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ln_tui.discussion.countdown import MINUTE, Clock, Countdown
from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Turn
from ln_tui.discussion.schedule import round_speakers


@dataclass(frozen=True)
class Snapshot:
    """The session as it was before a step, to take the step back (undo).

    The countdown is kept as it was, its start on the monotonic clock included: after an undo
    the turn's deadline and its spoken time are exactly those before the step.
    """

    state: DiscussionState
    duration: float
    spoken_before: float
    started_at: float | None
    closed: Turn | None  # the turn the step closed (the caller stored it: remove it again)


class Session:
    def __init__(self, case: Case, state: DiscussionState, clock: Clock, wall_now: float) -> None:
        self.case = case
        self.state = state
        self.clock = clock
        self.history: list[Snapshot] = []
        if state.clock.duration or state.finished:
            self.countdown = Countdown.restored(state.clock, clock, wall_now)
        else:
            self.countdown = Countdown(clock, 0)
            self._begin_turn(running=False)

    @classmethod
    def start(cls, case: Case, order: list[int], clock: Clock, wall_now: float) -> Session:
        """A new discussion of `case`, the first turn ready and paused."""
        return cls(case, DiscussionState(case.id or 0, list(order)), clock, wall_now)

    # -- where we are ----------------------------------------------------------------------
    @property
    def spec(self) -> RoundSpec | None:
        rounds = self.case.rounds
        return rounds[self.state.round_index] if self.state.round_index < len(rounds) else None

    @property
    def finished(self) -> bool:
        return self.state.finished

    def speakers(self, round_index: int | None = None) -> list[int | None]:
        index = self.state.round_index if round_index is None else round_index
        if index >= len(self.case.rounds):
            return []
        return round_speakers(self.state.order, self.case.rounds[index], self.case.bringer_id)

    @property
    def speaker_id(self) -> int | None:
        speakers = self.speakers()
        return speakers[self.state.position] if self.state.position < len(speakers) else None

    def upcoming(self) -> tuple[int | None, int | None]:
        """Who speaks next (None: the group or nobody) and, if that is in a later round, its index."""
        speakers = self.speakers()
        if self.state.position + 1 < len(speakers):
            return speakers[self.state.position + 1], None
        later = self._next_round_with_speakers(self.state.round_index + 1)
        return (self.speakers(later)[0], later) if later < len(self.case.rounds) else (None, later)

    # -- the clock ----------------------------------------------------------------------------
    def tick(self) -> bool:
        """True once per turn, when the turn reaches zero (ring the bell then)."""
        if self.finished or self.state.bell_rung or self.countdown.remaining() > 0:
            return False
        self.state.bell_rung = True
        return True

    def toggle_pause(self) -> None:
        if not self.finished:
            self.countdown.toggle()

    def extend(self, seconds: float = MINUTE) -> None:
        if not self.finished:
            self.countdown.extend(seconds)
            if self.countdown.remaining() > 0:
                self.state.bell_rung = False

    def restart_turn(self) -> None:
        if not self.finished and self.spec is not None:
            self._remember(None)
            self.countdown.restart(self.spec.seconds)
            self.state.bell_rung = False

    # -- moving on --------------------------------------------------------------------------
    def next_speaker(self, *, skipped: bool = False) -> Turn | None:
        if self.finished:
            return None
        turn = self._close_turn(skipped)
        self._remember(turn)
        self.state.position += 1
        if self.state.position >= len(self.speakers()):
            self._enter_round(self.state.round_index + 1)
        else:
            self._begin_turn(running=True)
        return turn

    def skip(self) -> Turn | None:
        return self.next_speaker(skipped=True)

    def next_round(self) -> Turn | None:
        if self.finished:
            return None
        turn = self._close_turn(skipped=False)
        self._remember(turn)
        self._enter_round(self.state.round_index + 1)
        return turn

    def finish(self) -> Turn | None:
        """End the discussion now: the turn that runs is closed, the rounds left are not held."""
        if self.finished:
            return None
        turn = self._close_turn(skipped=False)
        self._remember(turn)
        self.state.finished = True
        self.state.bell_rung = False
        self.countdown = Countdown(self.clock, 0)
        return turn

    def set_order(self, order: list[int]) -> None:
        """A new speaking order; the current speaker keeps the floor and the rest follow the new order."""
        current = self.speaker_id
        self.state.order = list(order)
        speakers = self.speakers()
        if current in speakers and not self.finished:
            self.state.position = speakers.index(current)

    def remove_member(self, member_id: int) -> Turn | None:
        """Take a member out of the order (they left); if they had the floor, their turn ends."""
        if member_id not in self.state.order:
            return None
        speakers = self.speakers()
        if not self.finished and self.speaker_id == member_id:
            turn = self._close_turn(skipped=False)
            self.state.order.remove(member_id)
            if self.state.position >= len(self.speakers()):
                self._enter_round(self.state.round_index + 1)
            else:
                self._begin_turn(running=True)
            return turn
        if member_id in speakers and speakers.index(member_id) < self.state.position:
            self.state.position -= 1
        self.state.order.remove(member_id)
        return None

    # -- taking a step back ----------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self.history)

    def undo(self) -> Snapshot | None:
        """Take back the last next, skip, next round, restart or finish: the state and the clock as they were.

        Returns what was taken back (its `closed` turn is to be removed from the store), or None.
        """
        if not self.history:
            return None
        snapshot = self.history.pop()
        state = copy.deepcopy(snapshot.state)
        state.id = self.state.id  # the same saved record, whenever it was first stored
        self.state = state
        self.countdown = Countdown(self.clock, snapshot.duration, spoken=snapshot.spoken_before)
        self.countdown.started_at = snapshot.started_at
        return snapshot

    def _remember(self, closed: Turn | None) -> None:
        countdown = self.countdown
        self.history.append(
            Snapshot(
                copy.deepcopy(self.state), countdown.duration, countdown.spoken_before, countdown.started_at, closed
            )
        )

    def state_to_save(self, wall_now: float) -> DiscussionState:
        self.state.clock = self.countdown.saved(wall_now)
        return self.state

    # -- inside ---------------------------------------------------------------------------------
    def _close_turn(self, skipped: bool) -> Turn:
        spec = self.spec
        assert spec is not None
        return Turn(
            self.case.id or 0,
            self.case.meeting_id,
            self.state.round_index,
            spec.name,
            self.speaker_id,
            self.countdown.spoken(),
            self.countdown.duration,
            skipped,
        )

    def _next_round_with_speakers(self, index: int) -> int:
        while index < len(self.case.rounds) and not self.speakers(index):
            index += 1
        return index

    def _enter_round(self, index: int) -> None:
        self.state.round_index = self._next_round_with_speakers(index)
        self.state.position = 0
        self._begin_turn(running=True)

    def _begin_turn(self, *, running: bool) -> None:
        self.state.bell_rung = False
        self.state.round_index = self._next_round_with_speakers(self.state.round_index)
        spec = self.spec
        if spec is None:
            self.state.finished = True
            self.countdown = Countdown(self.clock, 0)
        else:
            self.countdown = Countdown(self.clock, spec.seconds, running=running)


def a_turn_is_running(states: list[DiscussionState]) -> bool:
    """Whether a case discussion's clock is running (to open the app on it)."""
    return any(state.clock.running and not state.finished for state in states)
