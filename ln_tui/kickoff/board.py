"""The kickoff board's logic: one meeting's items, their order, votes, merges, status and undo.

No textual here: the screen calls a `Board`, and the `Board` calls the store.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from ln_tui.i18n import N_
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus, MergedText
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.store import NetworkStore

UNDO_DEPTH = 100


class ItemSort(enum.StrEnum):
    TIME = "time"
    VOTES = "votes"

    def other(self) -> ItemSort:
        return ItemSort.VOTES if self is ItemSort.TIME else ItemSort.TIME


def sort_items(items: Iterable[BoardItem], sort: ItemSort) -> list[BoardItem]:
    """Oldest first; by votes: most votes first, equal votes oldest first.

    Either way a new item (no votes, newest) comes last, so adding one only appends.
    """
    if sort is ItemSort.VOTES:
        return sorted(items, key=lambda item: (-item.votes, item.order))
    return sorted(items, key=lambda item: item.order)


def introduction_text(why: str, learn: str, offer: str) -> str:
    """The plain text of an introduction, for readers that only know `BoardItem.text`."""
    return "\n".join(part for part in (why.strip(), learn.strip(), offer.strip()) if part)


def match_members(query: str, members: Iterable[Member]) -> list[Member]:
    """The members a few typed letters point at: the exact name, else names with a word
    starting with them, else names containing them."""
    typed = query.strip().casefold()
    if not typed:
        return []
    members = list(members)
    exact = [m for m in members if m.name.strip().casefold() == typed]
    if exact:
        return exact
    starting = [m for m in members if any(word.startswith(typed) for word in m.name.casefold().split())]
    if starting:
        return starting
    return [m for m in members if typed in m.name.casefold()]


def board_meeting(store: NetworkStore) -> Meeting | None:
    """The meeting whose board opens: the current one if it is the kickoff, else the kickoff,
    else the current one."""
    current = store.current_meeting
    if current is not None and current.kind is MeetingKind.KICKOFF:
        return current
    kickoffs = sorted(
        (m for m in store.meetings.all() if m.kind is MeetingKind.KICKOFF), key=lambda m: (m.date, m.time)
    )
    return kickoffs[0] if kickoffs else current


@dataclass
class Change:
    """One undoable change: the items as they were before it, and the ids it added."""

    label: str  # marked with N_
    before: list[BoardItem]
    added: list[int]


def same_items(these: Sequence[BoardItem], those: Sequence[BoardItem]) -> bool:
    """Whether two lists hold the same item objects in the same order: a board replaces an item it
    changes (a seat's change, another seat's read again), never changes one in place, so then
    nothing in them changed (compared without walking them in Python)."""
    return len(these) == len(those) and all(map(operator.is_, these, those))


class Board:
    """The items of one meeting's board, kept in memory and saved through the store on each change."""

    def __init__(
        self, store: NetworkStore, meeting_id: int | None, *, now: Callable[[], datetime] = datetime.now
    ) -> None:
        self.store = store
        self.repo = store.repo(BoardItem)
        self.meeting_id = meeting_id
        self.now = now
        self.items: dict[int, BoardItem] = {
            item.id: item for item in self.repo.all() if item.meeting_id == meeting_id and item.id is not None
        }
        self.undo_stack: list[Change] = []
        self.reread_columns: set[BoardColumn] = set()  # where `reread` found a change, until taken

    def reread(self) -> None:
        """Take the items as the store holds them now (another seat changed them); the undo stack stays.
        An item no seat changed stays the same object (`Repo.all_reusing`); the columns where one
        came, changed or went are noted for the screen (`take_reread_columns`)."""
        before = self.items
        self.items = {
            item.id: item
            for item in self.repo.all_reusing(before.values())
            if item.meeting_id == self.meeting_id and item.id is not None
        }
        for item_id, item in self.items.items():
            old = before.get(item_id)
            if old is not item:
                self.reread_columns.add(item.column)
                if old is not None:
                    self.reread_columns.add(old.column)
        self.reread_columns.update(item.column for item_id, item in before.items() if item_id not in self.items)

    def take_reread_columns(self) -> set[BoardColumn]:
        """The columns another seat changed since the last call (an item archived or restored
        counts for its column: the column shows it no longer, or again)."""
        columns, self.reread_columns = self.reread_columns, set()
        return columns

    @staticmethod
    def item_counts(store: NetworkStore) -> dict[int | None, int]:
        """How many items the board of each meeting has (archived ones too), by meeting id."""
        counts: dict[int | None, int] = {}
        for item in store.repo(BoardItem).all():
            counts[item.meeting_id] = counts.get(item.meeting_id, 0) + 1
        return counts

    # -- reading ------------------------------------------------------------------------------
    def column(self, column: BoardColumn, sort: ItemSort = ItemSort.TIME) -> list[BoardItem]:
        """The items shown in a column (not those in the archive)."""
        return sort_items((i for i in self.items.values() if i.column is column and not i.archived), sort)

    def archive(self) -> list[BoardItem]:
        return sort_items((i for i in self.items.values() if i.archived), ItemSort.TIME)

    def __len__(self) -> int:
        return len(self.items)

    # -- changing ---------------------------------------------------------------------------------
    def add(
        self,
        column: BoardColumn,
        text: str,
        member_id: int | None = None,
        *,
        why: str = "",
        learn: str = "",
        offer: str = "",
    ) -> BoardItem | None:
        """A new item at the end of its column; None (nothing saved) when it says nothing."""
        text = (
            introduction_text(why, learn, offer)
            if column is BoardColumn.INTRODUCTIONS and (why or learn or offer)
            else text
        )
        if not text.strip():
            return None
        item = BoardItem(
            self.meeting_id,
            column,
            text.strip(),
            member_id,
            created=self.now().isoformat(timespec="seconds"),
            order=max((i.order for i in self.items.values()), default=0) + 1,
            why=why.strip(),
            learn=learn.strip(),
            offer=offer.strip(),
        )
        self.repo.add(item)
        assert item.id is not None
        self.items[item.id] = item
        self._remember(N_("add"), [], [item.id])
        return item

    def edit(
        self, item_id: int, text: str, member_id: int | None, *, why: str = "", learn: str = "", offer: str = ""
    ) -> BoardItem | None:
        """New words or author for an item; None (nothing changed) when it would say nothing."""
        item = self.items[item_id]
        if why.strip() or learn.strip() or offer.strip():
            text = introduction_text(why, learn, offer)
        if not text.strip():
            return None
        return self._change(
            N_("edit"),
            item,
            text=text.strip(),
            member_id=member_id,
            why=why.strip(),
            learn=learn.strip(),
            offer=offer.strip(),
        )

    def move(self, item_id: int, column: BoardColumn) -> BoardItem:
        return self._change(N_("move"), self.items[item_id], column=column)

    def delete(self, item_id: int) -> BoardItem:
        item = self.items.pop(item_id)
        self.repo.remove(item_id)
        self._remember(N_("delete"), [item], [])
        return item

    def withdraw(self, item_id: int) -> None:
        """Take back an item that never reached the disk (its sender was told so): gone, and
        nothing to undo."""
        if self.items.pop(item_id, None) is not None:
            self.repo.remove(item_id)
        self.undo_stack = [change for change in self.undo_stack if item_id not in change.added]

    def vote(self, item_id: int, delta: int) -> BoardItem:
        """One vote more or less (never below zero). Not undoable: the other key takes it back."""

        def count(item: BoardItem) -> None:
            item.votes = max(0, item.votes + delta)

        updated = self.repo.modify(item_id, count)  # on the latest state: another seat's vote stays
        self.items[item_id] = updated
        return updated

    def toggle_room_vote(self, item_id: int, voter: str) -> BoardItem:
        """A phone's vote for an item, or taken back when it voted already. Not undoable."""

        def toggle(item: BoardItem) -> None:
            if voter in item.room_voters:
                item.room_voters = [v for v in item.room_voters if v != voter]
                item.votes = max(0, item.votes - 1)
            else:
                item.room_voters, item.votes = [*item.room_voters, voter], item.votes + 1

        updated = self.repo.modify(item_id, toggle)
        self.items[item_id] = updated
        return updated

    def merge(self, source_id: int, target_id: int) -> BoardItem:
        """`source` joins `target`: their votes add up, the source's texts are kept under the target's."""
        if source_id == target_id:
            raise ValueError("an item cannot merge with itself")
        source, target = self.items[source_id], self.items[target_id]
        merged = replace(
            target,
            votes=target.votes + source.votes,
            room_voters=list(dict.fromkeys([*target.room_voters, *source.room_voters])),
            merged=[*target.merged, MergedText(source.text, source.member_id), *source.merged],
        )
        with self.store.batch():
            self.repo.update(merged)
            self.repo.remove(source_id)
        del self.items[source_id]
        self.items[target_id] = merged
        self._remember(N_("merge"), [target, source], [])
        return merged

    def mark_answered(self, item_id: int) -> BoardItem:
        """Answered items go to the archive; marking one again makes it open."""
        item = self.items[item_id]
        if item.status is ItemStatus.ANSWERED:
            return self._change(N_("reopen"), item, status=ItemStatus.OPEN, archived=False)
        return self._change(N_("answered"), item, status=ItemStatus.ANSWERED, archived=True)

    def toggle_parked(self, item_id: int) -> BoardItem:
        item = self.items[item_id]
        status = ItemStatus.OPEN if item.status is ItemStatus.PARKED else ItemStatus.PARKED
        return self._change(N_("park"), item, status=status, archived=False)

    def toggle_shared(self, item_id: int) -> BoardItem:
        """Mark an item as one that may leave the group (minutes to share, without its author), or not."""
        item = self.items[item_id]
        return self._change(N_("may be shared"), item, shared=not item.shared)

    def restore(self, item_id: int) -> BoardItem:
        """Back from the archive onto the board, open again."""
        return self._change(N_("restore"), self.items[item_id], status=ItemStatus.OPEN, archived=False)

    def undo(self) -> Change | None:
        """Take back the last change (add, edit, move, delete, merge, status); None if there is none."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        with self.store.batch():
            for item_id in change.added:
                if self.items.pop(item_id, None) is not None:
                    self.repo.remove(item_id)
            for item in change.before:
                assert item.id is not None
                if item.id in self.items:
                    self.repo.update(item)
                else:
                    self.repo.restore(item)
                self.items[item.id] = item
        return change

    # -- helpers ------------------------------------------------------------------------------------
    def _change(self, label: str, item: BoardItem, **fields: object) -> BoardItem:
        updated = replace(item, **fields)  # type: ignore[arg-type]  # the callers name BoardItem fields with their types
        self.repo.update(updated)
        assert updated.id is not None
        self.items[updated.id] = updated
        self._remember(label, [item], [])
        return updated

    def _remember(self, label: str, before: list[BoardItem], added: list[int]) -> None:
        self.undo_stack.append(Change(label, before, added))
        del self.undo_stack[:-UNDO_DEPTH]
