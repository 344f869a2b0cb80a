"""The meeting clock: which agenda item runs, its time left, and the whole meeting's state.

Contract (for the Agenda home and for `ln-tui present`, a separate read-only process):

    meeting_state(store, now, meeting=None) -> MeetingClockState | None

(in `agenda.agenda`, beside the planned items it reads; it calls `clock_state` here) reads only the store and `now` (wall-clock epoch seconds, `time.time()`; a test passes
a fake one) and returns the state of `meeting` (default: the store's current meeting),
or None when there is no meeting. It never writes. The state says whether the meeting has
started, is paused or is over; the current item, its time box, time spent and time left
(negative in overtime); how late the meeting runs (`late`, seconds; negative = ahead);
the planned and the forecast end (epoch seconds) and the next item.

How the time is kept: like a discussion turn (`TurnClock`, see `discussion/model.py`),
nothing is decremented per tick. The current item's clock holds the seconds spent up
to a wall-clock anchor and whether it runs; the time left is `box - (spent + now -
anchor)`. The anchors are wall-clock times, so a crash loses nothing: the meeting went
on while the app was down, and a reopened app (or `present`) computes the same numbers.
The state is saved on each change (start, pause, next item, extend), never on a tick.

`MeetingTimer` changes that state; `Agenda` (agenda.py) is the facade the screen uses.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ln_tui.agenda.model import AgendaItem, ItemRun, MeetingClock
from ln_tui.discussion.countdown import MINUTE, Countdown
from ln_tui.discussion.model import TurnClock
from ln_tui.i18n import _
from ln_tui.model import Meeting
from ln_tui.store import NetworkStore

Clock = Callable[[], float]  # wall-clock epoch seconds

SCHEDULE_SLACK = 6 * 3600.0  # a start further from the planned time than this is not "late", it is another day


def spent_of(clock: TurnClock, now: float) -> float:
    """Seconds spent on the item whose saved clock this is, at wall time `now`."""
    return clock.elapsed + (max(0.0, now - clock.anchor) if clock.running else 0.0)


def scheduled_start(meeting: Meeting | None) -> float | None:
    """The planned start of a meeting as epoch seconds (local time), if it has a date and time."""
    if meeting is None or not meeting.time:
        return None
    try:
        return datetime.datetime.fromisoformat(f"{meeting.date}T{meeting.time}").timestamp()
    except ValueError:
        return None


@dataclass(frozen=True)
class MeetingClockState:
    meeting_id: int | None
    started: bool
    ended: bool
    running: bool  # the current item's clock runs (not paused)
    item: AgendaItem | None  # the current item
    index: int | None  # its place in the agenda, from 0
    count: int  # items on the agenda
    box: float  # the current item's time box, seconds (extensions included)
    spent: float  # seconds spent on it, pauses left out
    elapsed: float  # seconds since the meeting started
    late: float  # seconds behind the plan (negative: ahead)
    planned_total: float  # seconds, the agenda's items added up
    length: float  # seconds, the meeting's planned length
    planned_end: float | None  # epoch seconds
    forecast_end: float | None  # epoch seconds
    next_item: AgendaItem | None

    @property
    def remaining(self) -> float:
        """Seconds left in the current item; negative in overtime."""
        return self.box - self.spent

    @property
    def over_length(self) -> float:
        """Seconds by which the agenda is longer than the meeting (0 or less: it fits)."""
        return self.planned_total - self.length


def clock_state(
    meeting: Meeting | None, items: Sequence[AgendaItem], record: MeetingClock | None, now: float
) -> MeetingClockState:
    """The meeting clock's state at wall time `now` (pure)."""
    record = record or MeetingClock(meeting.id if meeting and meeting.id else 0)
    planned_total = sum(i.minutes for i in items) * MINUTE
    done = {run.item_id for run in record.runs}
    index = next(
        (n for n, item in enumerate(items) if record.current_id is not None and item.id == record.current_id), None
    )
    started, ended = record.started > 0, record.ended > 0
    current = items[index] if index is not None and started and not ended else None
    box = record.item.duration if current is not None else 0.0
    spent = spent_of(record.item, now) if current is not None else 0.0
    # Still to come: every item not done and not running, wherever it stands on the agenda (an item
    # above the running one, from an older file or an undo, is still to do): the next ones first.
    after, before = (items[index + 1 :], items[:index]) if index is not None else (items, [])
    to_come = [i for i in (*after, *before) if i.id not in done]
    if not started:
        schedule = scheduled_start(meeting)
        begin = schedule if schedule is not None else now
        planned_end, forecast_end, elapsed, late = begin + planned_total, begin + planned_total, 0.0, 0.0
        next_item = items[0] if items else None
    else:
        schedule = scheduled_start(meeting)
        begin = schedule if schedule is not None and abs(record.started - schedule) < SCHEDULE_SLACK else record.started
        planned_end = begin + planned_total
        if ended:
            forecast_end, elapsed = record.ended, record.ended - record.started
        else:
            forecast_end = now + max(0.0, box - spent) + sum(i.minutes for i in to_come) * MINUTE
            elapsed = now - record.started
        late = forecast_end - planned_end
        next_item = to_come[0] if to_come and not ended else None
    return MeetingClockState(
        meeting_id=meeting.id if meeting else None,
        started=started,
        ended=ended,
        running=current is not None and record.item.running,
        item=current,
        index=index if current is not None else None,
        count=len(items),
        box=box,
        spent=spent,
        elapsed=elapsed,
        late=late,
        planned_total=planned_total,
        length=record.length * MINUTE,
        planned_end=planned_end,
        forecast_end=forecast_end,
        next_item=next_item,
    )


def agenda_items(store: NetworkStore, meeting: Meeting) -> list[AgendaItem]:
    """A meeting's agenda as saved, in order; empty when it has none of its own yet."""
    return sorted(store.repo(AgendaItem).where(meeting_id=meeting.id), key=lambda i: (i.position, i.id or 0))


def saved_clock(store: NetworkStore, meeting_id: int | None) -> MeetingClock | None:
    found = store.repo(MeetingClock).where(meeting_id=meeting_id)
    return found[0] if found else None


# -- words ---------------------------------------------------------------------------------------------


def late_minutes(state: MeetingClockState) -> int:
    """How late the meeting runs in whole minutes (negative: ahead), as the two clock times shown beside
    it differ: both are cut to the minute, so "10 min late" never sits beside "ends at 08:10 (planned
    08:01)" (9.5 minutes late was rounded up while the times were cut)."""
    if state.planned_end is None or state.forecast_end is None:
        return round(state.late / MINUTE)
    return int(state.forecast_end // MINUTE) - int(state.planned_end // MINUTE)


def late_text(state: MeetingClockState) -> str:
    """`12 min late`, `3 min ahead`, `on time`."""
    minutes = late_minutes(state)
    if minutes == 0:
        return _("on time")
    if minutes > 0:
        return _("{minutes} min late").format(minutes=minutes)
    return _("{minutes} min ahead").format(minutes=-minutes)


def clock_time(epoch: float | None) -> str:
    """An epoch time as the local time of day, `16:12`."""
    if epoch is None:
        return "–"
    return datetime.datetime.fromtimestamp(epoch).strftime("%H:%M")


class MeetingTimer:
    """Starts the meeting, runs its items one after the other, pauses and extends them.

    It changes `record` (a `MeetingClock`) in place; the caller saves it after each change.
    """

    def __init__(self, record: MeetingClock, clock: Clock) -> None:
        self.record = record
        self.clock = clock
        self.bell_rung = record.item.duration > 0 and record.item.duration - spent_of(record.item, clock()) <= 0

    @property
    def started(self) -> bool:
        return self.record.started > 0

    @property
    def ended(self) -> bool:
        return self.record.ended > 0

    def start(self, items: Sequence[AgendaItem]) -> bool:
        """Start the meeting with its first item running; False if it has started or has no items."""
        if self.started or not items:
            return False
        now = self.clock()
        self.record.started = now
        self._begin(items[0], now)
        return True

    def toggle_pause(self) -> None:
        self._change(lambda countdown: countdown.toggle())

    def extend(self, seconds: float = MINUTE) -> None:
        self._change(lambda countdown: countdown.extend(seconds))
        if self.record.item.duration - spent_of(self.record.item, self.clock()) > 0:
            self.bell_rung = False

    def next_item(self, items: Sequence[AgendaItem]) -> AgendaItem | None:
        """Close the current item and start the next one not yet done; None when the meeting ends."""
        if not self.started or self.ended:
            return None
        now = self.clock()
        self._close(now)
        done = {run.item_id for run in self.record.runs}
        ids = [i.id for i in items]
        start = ids.index(self.record.current_id) + 1 if self.record.current_id in ids else 0
        following = [i for i in items[start:] if i.id not in done] or [i for i in items if i.id not in done]
        if not following:
            self.record.ended = now
            self.record.current_id = None
            self.record.item = TurnClock()
            return None
        self._begin(following[0], now)
        return following[0]

    def end(self) -> None:
        """End the meeting now (the current item counts as done)."""
        if self.started and not self.ended:
            now = self.clock()
            self._close(now)
            self.record.ended = now
            self.record.current_id = None
            self.record.item = TurnClock()

    def item_changed(self, item: AgendaItem) -> None:
        """The running item's time box was edited: its countdown takes the new box."""
        if item.id == self.record.current_id and not self.ended:
            self.record.item.duration = item.minutes * MINUTE

    def tick(self) -> bool:
        """True once per item, when its time box reaches zero (ring the bell then)."""
        if not self.started or self.ended or self.bell_rung:
            return False
        if self.record.item.duration - spent_of(self.record.item, self.clock()) > 0:
            return False
        self.bell_rung = True
        return True

    # -- inside --------------------------------------------------------------------------------
    def _change(self, change: Callable[[Countdown], None]) -> None:
        if not self.started or self.ended:
            return
        now = self.clock()
        countdown = Countdown.restored(self.record.item, lambda: now, now)
        change(countdown)
        self.record.item = countdown.saved(now)

    def _close(self, now: float) -> None:
        if self.record.current_id is None:
            return
        self.record.runs.append(
            ItemRun(
                self.record.current_id,
                self.record.item_started,
                spent_of(self.record.item, now),
                self.record.item.duration,
            )
        )

    def _begin(self, item: AgendaItem, now: float) -> None:
        self.record.current_id = item.id
        self.record.item_started = now
        self.record.item = TurnClock(item.minutes * MINUTE, 0.0, True, now)
        self.bell_rung = False
