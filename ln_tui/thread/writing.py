"""Silent writing, then the reveal: in a written round (`is_written_round`) each person writes first,
on their phone; nothing written shows anywhere but as a count until the facilitator reveals the
round's contributions all at once, on the room's screen, without names unless the writer signed.

After the reveal the contributions stay with the case as the round's written contributions: in the
minutes for the group, under their round like its notes; never in the minutes to share. The room's
screen shows the revealed wall (`WALL_SETTING`) until the facilitator takes it down with the same key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from ln_tui.discussion.methods import is_written_round, shown
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.store import NetworkStore
from ln_tui.thread.model import WrittenContribution

ACTIVE_CASE_SETTING = "discussion_case_id"  # as the discussion home keeps it
WALL_SETTING = "written_wall"  # {"case": id, "round": index}: the revealed wall the room's screen shows
MAX_WRITTEN = 2000  # characters in one contribution


class NotWriting(Exception):
    """No round is open for writing: nothing is kept."""


@dataclass(frozen=True)
class WritingRound:
    """A written round of the case being discussed, and how far it is."""

    case: Case
    round_index: int
    written: int  # contributions so far
    revealed: bool

    @property
    def name(self) -> str:
        return shown(self.case.rounds[self.round_index].name, self.case.method_preset)


class SilentWriting:
    """The facade the discussion home, the room and the room's screen call."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store
        self.repo = store.repo(WrittenContribution)

    # -- reading -------------------------------------------------------------------------------
    def active(self) -> tuple[Case, DiscussionState] | None:
        case_id = self.store.setting(ACTIVE_CASE_SETTING)
        case = self.store.repo(Case).get(case_id) if isinstance(case_id, int) else None
        if case is None or case.id is None:
            return None
        states = self.store.repo(DiscussionState).where(case_id=case.id)
        return (case, states[0]) if states else None

    def of_round(self, case_id: int, round_index: int) -> list[WrittenContribution]:
        found = self.repo.where(case_id=case_id, round_index=round_index)
        return sorted(found, key=lambda c: (c.created, c.id or 0))

    def _round(self, case: Case, index: int) -> WritingRound:
        written = self.of_round(case.id or 0, index)
        return WritingRound(case, index, len(written), any(c.revealed for c in written))

    def open_round(self) -> WritingRound | None:
        """The written round phones may write in now: the current round of the case being discussed,
        while it runs and is not revealed yet."""
        active = self.active()
        if active is None:
            return None
        case, state = active
        if state.finished or not is_written_round(case, state.round_index):
            return None
        found = self._round(case, state.round_index)
        return None if found.revealed else found

    def _written_so_far(self) -> Iterator[WritingRound]:
        """The written rounds of the case being discussed, from the current one back to the first."""
        active = self.active()
        if active is None:
            return
        case, state = active
        last = len(case.rounds) - 1 if state.finished else state.round_index
        for index in range(min(last, len(case.rounds) - 1), -1, -1):
            if is_written_round(case, index):
                yield self._round(case, index)

    def to_reveal(self) -> WritingRound | None:
        """The round a reveal concerns: the latest written round of the case being discussed, up to
        the current one, with contributions not revealed yet."""
        return next((found for found in self._written_so_far() if found.written and not found.revealed), None)

    def latest(self) -> WritingRound | None:
        """The latest written round of the case being discussed, up to the current one (for the console's line)."""
        return next(self._written_so_far(), None)

    def wall(self) -> tuple[WritingRound, list[WrittenContribution]] | None:
        """The revealed contributions the room's screen shows now (None: no wall up)."""
        saved = self.store.setting(WALL_SETTING)
        if not isinstance(saved, dict):
            return None
        case_id, index = saved.get("case"), saved.get("round")
        active = self.active()
        if active is None or active[0].id != case_id or not isinstance(index, int):
            return None
        case = active[0]
        if not 0 <= index < len(case.rounds):
            return None
        written = [c for c in self.of_round(case.id or 0, index) if c.revealed]
        return WritingRound(case, index, len(written), True), written

    # -- writing ---------------------------------------------------------------------------------
    def write(self, text: str, member_id: int | None, now: datetime) -> WrittenContribution:
        """Keep what a phone wrote in the open round (NotWriting when none is open)."""
        found = self.open_round()
        if found is None:
            raise NotWriting
        contribution = WrittenContribution(
            found.case.meeting_id,
            found.case.id or 0,
            found.round_index,
            text,
            member_id,
            created=now.isoformat(timespec="seconds"),
        )
        return self.repo.add(contribution)

    def withdraw(self, contribution: WrittenContribution) -> None:
        """Take back a contribution whose save failed (its phone is told, and keeps the text)."""
        if contribution.id is not None:
            self.repo.remove(contribution.id)

    def reveal(self) -> WritingRound | None:
        """Reveal the round's contributions all at once, and put the wall up on the room's screen
        (None: nothing to reveal)."""
        found = self.to_reveal()
        if found is None:
            return None
        with self.store.batch():
            for contribution in self.of_round(found.case.id or 0, found.round_index):
                if not contribution.revealed:
                    contribution.revealed = True
                    self.repo.update(contribution)
            self.store.set_setting(WALL_SETTING, {"case": found.case.id, "round": found.round_index})
        return self._round(found.case, found.round_index)

    def toggle_wall(self) -> bool | None:
        """Take the wall down, or put the latest revealed round's wall up again; None: nothing revealed."""
        if self.wall() is not None:
            self.store.set_setting(WALL_SETTING, None)
            return False
        latest = self.latest()
        if latest is None or not latest.revealed:
            return None
        self.store.set_setting(WALL_SETTING, {"case": latest.case.id, "round": latest.round_index})
        return True
