"""The discussion desk: what the discussion home reads and saves, and its attendance rule.

Like the kickoff's `Board`, the screen talks to this facade instead of the store's
repositories: the meeting's cases, the running state of each case (saved on each change of
state, resumed where it was), the closed turns, external input, the amber/red thresholds and
the case being discussed. No Textual here: a test drives it with a store and a fake clock.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

from ln_tui.discussion.countdown import Thresholds
from ln_tui.discussion.cue import clear_cue
from ln_tui.discussion.model import Case, DiscussionState, ExternalInput, Method, Turn
from ln_tui.discussion.schedule import present_order
from ln_tui.discussion.session import Session
from ln_tui.model import Meeting, Member, Note
from ln_tui.store import NetworkStore

THRESHOLDS_SETTING = "discussion_thresholds"
ACTIVE_CASE_SETTING = "discussion_case_id"

Clock = Callable[[], float]


class Desk:
    """The discussion of the current meeting: cases, the session of the open case, turns."""

    def __init__(self, store: NetworkStore, clock: Clock, wall_clock: Clock) -> None:
        self.store = store
        self.clock = clock  # monotonic: the countdown
        self.wall_clock = wall_clock  # anchors the saved state (see `TurnClock`)
        self.meeting: Meeting | None = None
        self.members: dict[int, Member] = {}
        self.cases: list[Case] = []
        self.session: Session | None = None
        self.taken: DiscussionState | None = None  # the session's state as last saved or taken here
        self.thresholds = Thresholds()

    # -- reading ------------------------------------------------------------------------------
    def load(self, meeting: Meeting | None) -> int | None:
        """Read the meeting's members, cases and thresholds; the id of the case to open."""
        store = self.store
        self.meeting = meeting
        self.members = {m.id: m for m in store.members.all() if m.id is not None}
        saved = store.setting(THRESHOLDS_SETTING) or {}
        self.thresholds = Thresholds(float(saved.get("amber_at", 30)), float(saved.get("red_at", 0)))
        self.cases = store.repo(Case).where(meeting_id=meeting.id) if meeting else []
        wanted = self.session.case.id if self.session else store.setting(ACTIVE_CASE_SETTING)
        if wanted not in {c.id for c in self.cases}:
            wanted = next((c.id for c in self.cases if not self.finished(c)), self.cases[0].id if self.cases else None)
        return wanted

    def members_list(self) -> list[Member]:
        return list(self.members.values())

    def present(self) -> list[int]:
        """The ids of the members present at the meeting, in speaking order."""
        return present_order(self.meeting, self.members_list()) if self.meeting else []

    def saved_state(self, case: Case) -> DiscussionState | None:
        found = self.store.repo(DiscussionState).where(case_id=case.id)
        return found[0] if found else None

    def finished(self, case: Case) -> bool:
        state = self.saved_state(case)
        return state is not None and state.finished

    def all_cases(self) -> list[Case]:
        """Every case of the network (a member who brought one before is not asked again)."""
        return self.store.repo(Case).all()

    def bringers(self) -> set[int | None]:
        return set(case_bringers(self.store))

    def custom_methods(self) -> list[Method]:
        return MethodShelf(self.store).own()

    def all_turns(self) -> list[Turn]:
        return self.store.repo(Turn).all()

    def external_inputs(self) -> list[ExternalInput]:
        return self.store.repo(ExternalInput).where(meeting_id=self.meeting.id) if self.meeting else []

    def case_notes(self, case: Case) -> list[Note]:
        return [n for n in self.store.notes.where(meeting_id=case.meeting_id) if n.context.get("case_id") == case.id]

    # -- the case being discussed ----------------------------------------------------------------
    def open_case(self, case_id: int | None) -> list[int]:
        """Make a case the one discussed (its saved state resumes where it was).

        Returns the members who left the speaking order because they are no longer present.
        """
        case = next((c for c in self.cases if c.id == case_id), None)
        if case is None:
            self.session = None
        elif self.session is None or self.session.case.id != case.id or self.session.case != case:
            state = self.saved_state(case)
            now = self.wall_clock()
            if state is None:
                self.session = Session.start(case, self.present(), self.clock, now)
            else:
                self.session = Session(case, state, self.clock, now)
            self.taken = copy.deepcopy(state)
        else:  # the same case: take what another seat saved while this home was not shown
            self.follow_saved_state()
        store = self.store
        if case is not None and store.setting(ACTIVE_CASE_SETTING) != case.id and not store.read_only:
            store.set_setting(ACTIVE_CASE_SETTING, case.id)
        return self.follow_attendance()

    def follow_saved_state(self) -> bool:
        """Another seat operated the clock (started, paused, extended, next turn, undo): take the
        state it saved, so that the next operation here is applied to it, never to an older copy.
        Whether there was a session to follow."""
        session = self.session
        if session is None:
            return False
        state = self.saved_state(session.case)
        if state is None or state == self.taken:
            return False  # nothing new: the session (and its undo) stays as it is
        self.session = Session(session.case, state, self.clock, self.wall_clock())
        self.taken = copy.deepcopy(state)
        return True

    def follow_attendance(self) -> list[int]:
        """Members who left the network or the meeting leave the order; late-comers join at the end.

        Returns the ids of those who left (their open turn is stored).
        """
        session, meeting = self.session, self.meeting
        if session is None or meeting is None or session.finished:
            return []
        present = self.present()
        gone = [m for m in session.state.order if m not in present]
        joined = [m for m in present if m not in session.state.order and m not in session.state.left]
        if not gone and not joined:
            return []
        for member_id in gone:
            self.store_turn(session.remove_member(member_id))
        if joined:
            session.set_order(session.state.order + joined)
        self.save_state()
        return gone

    # -- saving ---------------------------------------------------------------------------------
    def save_state(self) -> None:
        """The running state of the open case, anchored to the wall clock."""
        if self.session is None or self.store.read_only:
            return
        state = self.session.state_to_save(self.wall_clock())
        repo = self.store.repo(DiscussionState)
        repo.update(state) if state.id is not None else repo.add(state)
        self.taken = copy.deepcopy(state)

    def store_turn(self, turn: Turn | None) -> None:
        """A closed turn is kept; the cue given to its speaker ends with it (ln_tui.discussion.cue)."""
        if turn is not None and not self.store.read_only:
            self.store.repo(Turn).add(turn)
            clear_cue(self.store)

    def changed(self, turn: Turn | None = None) -> None:
        """After each change of state: the closed turn and the state, in one save."""
        with self.store.batch():
            self.store_turn(turn)
            self.save_state()

    def take_back(self, closed: Turn | None) -> None:
        """After an undo: the turn it reopened is no longer stored, the state is saved, in one save."""
        with self.store.batch():
            if closed is not None and closed.id is not None and not self.store.read_only:
                self.store.repo(Turn).remove(closed.id)
            self.save_state()

    def save_case(self, case: Case) -> None:
        """A new or edited case, which becomes the one discussed (its session made again)."""
        repo = self.store.repo(Case)
        repo.update(case) if case.id is not None else repo.add(case)
        self.session = None
        self.store.set_setting(ACTIVE_CASE_SETTING, case.id)

    def add_external_input(self, entry: ExternalInput) -> None:
        assert self.meeting is not None
        entry.meeting_id = self.meeting.id
        entry.created = datetime.now().isoformat(timespec="seconds")
        self.store.repo(ExternalInput).add(entry)

    def save_thresholds(self, thresholds: Thresholds) -> None:
        self.store.set_setting(THRESHOLDS_SETTING, {"amber_at": thresholds.amber_at, "red_at": thresholds.red_at})
        self.thresholds = thresholds


class MethodShelf:
    """The presets and the network's own methods, as the methods dialog lists them."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    def own(self) -> list[Method]:
        return self.store.repo(Method).all()

    def save(self, method: Method, *, new: bool) -> int:
        """Add or update one of the network's own methods; its place among `own()`."""
        repo = self.store.repo(Method)
        repo.add(method) if new else repo.update(method)
        return next(i for i, m in enumerate(repo.all()) if m.id == method.id)

    def remove(self, method_id: int) -> None:
        self.store.repo(Method).remove(method_id)


def case_bringers(store: NetworkStore) -> list[int | None]:
    """Who brought each case of the network (the roster shows who has brought one)."""
    return [case.bringer_id for case in store.repo(Case).all()]
