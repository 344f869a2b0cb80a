"""The `Agenda` facade: one meeting's agenda, edited with undo, and its running clock.

The screen calls an `Agenda`; the `Agenda` calls the store. A meeting without an agenda
of its own shows its template's programme; the first change saves it as the meeting's own.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, replace

from ln_tui.agenda.clock import Clock, MeetingClockState, MeetingTimer, agenda_items, clock_state, saved_clock
from ln_tui.agenda.model import MAX_MINUTES, AgendaItem, ExternalInput, InputKind, ItemKind, MeetingClock
from ln_tui.agenda.templates import items_from, save_template, template_for
from ln_tui.discussion.countdown import MINUTE, Countdown
from ln_tui.discussion.model import Case, DiscussionState, TimeBox
from ln_tui.discussion.schedule import present_order, round_speakers
from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import safe_link, visible_controls
from ln_tui.model import Meeting
from ln_tui.store import NetworkStore

UNDO_DEPTH = 100
MINUTES_STEP = 5


def planned_items(store: NetworkStore, meeting: Meeting) -> list[AgendaItem]:
    """A meeting's agenda: its own, or else its template's programme (items without an id)."""
    return agenda_items(store, meeting) or items_from(template_for(store, meeting.kind), meeting.id)


def meeting_state(store: NetworkStore, now: float, meeting: Meeting | None = None) -> MeetingClockState | None:
    """The meeting clock of `meeting` (default: the current meeting) at wall time `now`; read-only."""
    meeting = meeting or store.current_meeting
    if meeting is None:
        return None
    return clock_state(meeting, planned_items(store, meeting), saved_clock(store, meeting.id), now)


def programme(meeting: Meeting, items: list[AgendaItem]) -> list[tuple[str, AgendaItem]]:
    """Each item with its planned start: `13:30`, or `+0:10` from the start without a start time."""
    try:
        start = datetime.datetime.fromisoformat(f"{meeting.date}T{meeting.time}") if meeting.time else None
    except ValueError:
        start = None
    rows, offset = [], 0
    for item in items:
        if start is not None:
            when = (start + datetime.timedelta(minutes=offset)).strftime("%H:%M")
        else:
            when = f"+{offset // 60}:{offset % 60:02d}"
        rows.append((when, item))
        offset += item.minutes
    return rows


def programme_lines(store: NetworkStore, meeting: Meeting) -> list[str]:
    """The planned agenda as lines of plain text: `13:30 Welcome (10 min)`."""
    return [
        _("{time} {title} ({minutes} min)").format(
            time=when, title=visible_controls(item.shown_title), minutes=item.minutes
        )
        for when, item in programme(meeting, planned_items(store, meeting))
    ]


def link_problem(link: str) -> str | None:
    """Why a link of an external input is refused; None if it is kept."""
    if not safe_link(link) or any(c.isspace() for c in link.strip()):
        return _("Only web and mail links (http, https, mailto) are kept: {link} is refused.").format(link=link)
    return None


def input_kinds_used(store: NetworkStore, meeting: Meeting) -> list[InputKind]:
    """The kinds of external input on the agendas of this meeting and the ones before it."""
    dates = {m.id: m.date for m in store.meetings.all()}
    used = {
        item.external.kind
        for item in store.repo(AgendaItem).all()
        if item.external is not None and dates.get(item.meeting_id, "\uffff") <= meeting.date
    }
    return [kind for kind in InputKind if kind in used]


@dataclass(frozen=True)
class CaseFit:
    """A case discussion inside its agenda item: the method's rounds added up against the box."""

    case: Case
    rounds_seconds: float
    box_seconds: float


@dataclass(frozen=True)
class DiscussionProgress:
    """Where the case discussion of an item stands, as saved by the discussion home."""

    round_number: int  # from 1
    rounds: int
    round_name: str
    preset: bool
    remaining: float  # of the turn now
    finished: bool


def rounds_seconds(case: Case, order: list[int]) -> float:
    """The time a case's method takes: each round's box, times its speakers when timed per speaker."""
    total = 0.0
    for spec in case.rounds:
        turns = 1 if spec.time_box is TimeBox.WHOLE_ROUND else len(round_speakers(order, spec, case.bringer_id))
        total += spec.seconds * max(1, turns)
    return total


class Agenda:
    """The agenda of one meeting, kept in memory and saved through the store on each change."""

    def __init__(self, store: NetworkStore, meeting: Meeting, clock: Clock) -> None:
        self.store = store
        self.meeting = meeting
        self.clock = clock
        self.repo = store.repo(AgendaItem)
        self.items = agenda_items(store, meeting)
        self.from_template = not self.items
        if self.from_template:
            self.items = items_from(template_for(store, meeting.kind), meeting.id)
        self.record = saved_clock(store, meeting.id) or MeetingClock(meeting.id or 0)
        self.timer = MeetingTimer(self.record, clock)
        self.undo_stack: list[list[AgendaItem]] = []

    # -- reading ------------------------------------------------------------------------------------
    def state(self, now: float | None = None) -> MeetingClockState:
        return clock_state(self.meeting, self.items, self.record, self.clock() if now is None else now)

    def planned_offsets(self) -> list[int]:
        """Each item's planned start, in minutes from the start of the meeting."""
        offsets, total = [], 0
        for item in self.items:
            offsets.append(total)
            total += item.minutes
        return offsets

    def runs(self) -> dict[int, tuple[float, float]]:
        """Per item id: when it started (epoch) and how long it took (seconds), for the items done."""
        return {run.item_id: (run.started, run.seconds) for run in self.record.runs}

    def cases(self) -> dict[int, CaseFit]:
        """Per index of a case-discussion item, its case: the one chosen, or the meeting's cases in turn."""
        cases = sorted(self.store.repo(Case).where(meeting_id=self.meeting.id), key=lambda c: c.id or 0)
        by_id = {c.id: c for c in cases}
        chosen = {i.case_id for i in self.items if i.case_id in by_id}
        free = iter(c for c in cases if c.id not in chosen)
        order = present_order(self.meeting, self.store.members.all())
        fits = {}
        for index, item in enumerate(self.items):
            if item.kind is not ItemKind.CASE:
                continue
            case = by_id.get(item.case_id) if item.case_id in by_id else next(free, None)
            if case is not None:
                fits[index] = CaseFit(case, rounds_seconds(case, order), item.minutes * MINUTE)
        return fits

    def discussion(self, case: Case, now: float | None = None) -> DiscussionProgress | None:
        """The saved state of a case's discussion; None before it starts."""
        found = self.store.repo(DiscussionState).where(case_id=case.id)
        if not found or not case.rounds:
            return None
        state = found[0]
        now = self.clock() if now is None else now
        index = min(state.round_index, len(case.rounds) - 1)
        remaining = Countdown.restored(state.clock, lambda: now, now).remaining(now)
        return DiscussionProgress(
            index + 1, len(case.rounds), case.rounds[index].name, case.method_preset, remaining, state.finished
        )

    # -- editing --------------------------------------------------------------------------------------
    def first_to_come(self) -> int:
        """Where the items still to come begin: after the running item while the meeting runs, else 0."""
        if not self.timer.started or self.timer.ended:
            return 0
        ids = [item.id for item in self.items]
        return ids.index(self.record.current_id) + 1 if self.record.current_id in ids else 0

    def add(self, kind: ItemKind, title: str, minutes: int, after: int | None = None) -> AgendaItem:
        """A new item after the one at `after` (None: at the end); while the meeting runs, never above
        the running item."""
        check_minutes(minutes)
        self._before_change()
        item = AgendaItem(self.meeting.id, kind, title.strip() or _(kind.label).capitalize(), minutes)
        index = max(len(self.items) if after is None else after + 1, self.first_to_come())
        self.items.insert(index, item)
        self._save_items()
        return item

    def edit(self, index: int, kind: ItemKind, title: str, minutes: int) -> AgendaItem:
        check_minutes(minutes)
        self._before_change()
        item = self.items[index]
        unchanged_title = item.preset_title and title.strip() == item.shown_title
        updated = replace(
            item,
            kind=kind,
            title=item.title if unchanged_title else (title.strip() or _(kind.label).capitalize()),
            preset_title=unchanged_title,
            minutes=minutes,
        )
        self.items[index] = updated
        self._save_items()
        if updated.minutes != item.minutes and updated.id == self.record.current_id:
            self.timer.item_changed(updated)
            self._save_clock()
        return updated

    def change_minutes(self, index: int, delta: int) -> AgendaItem:
        """A bigger or smaller time box, kept between 1 minute and the most allowed."""
        item = self.items[index]
        minutes = max(1, min(MAX_MINUTES, item.minutes + delta))
        return self.edit(index, item.kind, item.shown_title, minutes)

    def set_external(self, index: int, external: ExternalInput | None) -> AgendaItem:
        for link in external.links if external else []:
            if problem := link_problem(link):
                raise ValueError(problem)
        self._before_change()
        item = replace(self.items[index], external=external)
        if external is not None and item.kind is ItemKind.OTHER:
            item.kind = ItemKind.EXTERNAL
        self.items[index] = item
        self._save_items()
        return item

    def move(self, index: int, steps: int) -> int:
        """Move an item `steps` places later (negative: earlier); returns where it is now.

        While the meeting runs, what is done and the running item stay where they are: moving an
        item there raises ValueError with the reason."""
        target = max(0, min(len(self.items) - 1, index + steps))
        if target == index:
            return index
        if min(index, target) < self.first_to_come():
            raise ValueError(_("The meeting is past this point: only the items after the running one move."))
        self._before_change()
        item = self.items.pop(index)
        self.items.insert(target, item)
        self._save_items()
        return target

    def remove(self, index: int) -> AgendaItem:
        self._before_change()
        item = self.items.pop(index)
        self._save_items()
        return item

    def use_template(self) -> None:
        """Replace the agenda with its template's programme."""
        self._before_change()
        self.items = items_from(template_for(self.store, self.meeting.kind), self.meeting.id)
        self._save_items()

    def save_as_template(self) -> None:
        save_template(self.store, self.meeting.kind, self.items)

    def undo(self) -> bool:
        """Take back the last change of the agenda; False when there is nothing to take back."""
        if not self.undo_stack:
            return False
        self.items = self.undo_stack.pop()
        self._save_items()
        return True

    def set_length(self, minutes: int) -> None:
        check_minutes(minutes)
        self.record.length = minutes
        self._save_clock()

    # -- the clock ----------------------------------------------------------------------------------------
    # Each clock key is an operation on the latest state (another seat may have operated the clock
    # a moment ago): under the store's write lock the saved clock and agenda are read again, the
    # operation applied to them and saved; never an older copy written over a newer one.
    def start(self) -> bool:
        with self.store.changing():
            self._follow_saved()
            self._materialize()
            started = self.timer.start(self.items)
            if started:
                self._save_clock()
        return started

    def toggle_pause(self) -> None:
        """Pause the clock this seat shows running, or go on with the one it shows paused: pressed
        on two seats at once, it pauses once (a toggle of the latest state would resume it)."""
        pause = self.record.item.running
        with self.store.changing():
            self._follow_saved()
            if self.record.item.running == pause:
                self.timer.toggle_pause()
                self._save_clock()

    def extend(self, seconds: float = MINUTE) -> None:
        with self.store.changing():
            self._follow_saved()
            self.timer.extend(seconds)
            self._save_clock()

    def next_item(self) -> AgendaItem | None:
        """Close the item this seat shows running and start the next; when another seat did that a
        moment before, the item it started is kept (two presses of n at once move on once)."""
        shown = self.record.current_id
        with self.store.changing():
            self._follow_saved()
            if self.record.current_id == shown:
                item = self.timer.next_item(self.items)
                self._save_clock()
                return item
        return next((i for i in self.items if i.id == self.record.current_id), None)

    def end(self) -> None:
        with self.store.changing():
            self._follow_saved()
            self.timer.end()
            self._save_clock()

    def tick(self) -> bool:
        return self.timer.tick()

    # -- inside ------------------------------------------------------------------------------------------
    def _follow_saved(self) -> None:
        """Take the agenda and the meeting clock as they are in the file now (inside `changing`)."""
        items = agenda_items(self.store, self.meeting)
        if items:
            self.items, self.from_template = items, False
        saved = saved_clock(self.store, self.meeting.id)
        if saved is not None and saved != self.record:
            bell_rung = self.timer.bell_rung and saved.current_id == self.record.current_id
            self.record = saved
            self.timer = MeetingTimer(saved, self.clock)
            self.timer.bell_rung = self.timer.bell_rung or bell_rung

    def _materialize(self) -> None:
        if self.from_template:
            self.from_template = False
            for position, item in enumerate(self.items, 1):
                item.position = position
            self.repo.add_many(self.items)

    def _before_change(self) -> None:
        self._materialize()
        self.undo_stack.append(copy.deepcopy(self.items))
        del self.undo_stack[:-UNDO_DEPTH]

    def _save_items(self) -> None:
        with self.store.batch():
            kept = {item.id for item in self.items if item.id is not None}
            for old in agenda_items(self.store, self.meeting):
                if old.id not in kept:
                    self.repo.remove(old.id or 0)
            stored = {i.id for i in agenda_items(self.store, self.meeting)}
            for position, item in enumerate(self.items, 1):
                item.position = position
                if item.id is None:
                    self.repo.add(item)
                elif item.id in stored:
                    self.repo.update(item)
                else:
                    self.repo.restore(item)

    def _save_clock(self) -> None:
        repo = self.store.repo(MeetingClock)
        if self.record.id is None:
            repo.add(self.record)
        else:
            repo.update(self.record)


def check_minutes(minutes: int) -> None:
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValueError(
            ngettext(
                "A time box is between 1 and {most} minute.", "A time box is between 1 and {most} minutes.", MAX_MINUTES
            ).format(most=MAX_MINUTES)
        )
