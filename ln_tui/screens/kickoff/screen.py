"""The kickoff home: the live board of a meeting, captured by keyboard and projected.

Four columns (introductions, questions, expectations, agreements), each an `ItemList` that
lays out only the items on screen, so a board of a thousand items stays quick.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _, ngettext
from ln_tui.kickoff.board import Board, ItemSort, board_meeting
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import HomeScreen
from ln_tui.screens.kickoff.archive import ArchiveScreen
from ln_tui.screens.kickoff.board import BoardColumnList, ColumnTitle, ItemList, ItemPrompts
from ln_tui.screens.kickoff.editor import ItemEditor
from ln_tui.screens.kickoff.spotlight import SpotlightScreen
from ln_tui.screens.pickers import MeetingPicker

COLUMNS = tuple(BoardColumn)


class KickoffScreen(HomeScreen):
    MODE = "kickoff"
    MAIN = "BoardColumnList"
    CSS_PATH = Path(__file__).parent / "kickoff.tcss"

    BINDINGS = [
        Binding("n,insert", "add", N_("New item"), id="kickoff.add"),
        Binding("f,space", "spotlight", N_("Spotlight"), id="kickoff.spotlight"),
        Binding("a", "answered", N_("Answered"), id="kickoff.answered"),
        Binding("e", "edit", N_("Edit"), id="kickoff.edit"),
        Binding("plus,equals_sign", "vote(1)", N_("Vote +"), id="kickoff.vote-up"),
        Binding("minus", "vote(-1)", N_("Vote -"), id="kickoff.vote-down"),
        Binding("s", "sort", N_("Sort by votes / time"), id="kickoff.sort"),
        Binding("p", "parked", N_("Parked"), id="kickoff.parked", show=False),
        Binding("g", "shared", N_("May be shared / for the group"), id="kickoff.shared", show=False),
        Binding("m", "merge", N_("Merge"), id="kickoff.merge"),
        Binding(
            "shift+left,less_than_sign", "move(-1)", N_("Move to the column left"), id="kickoff.move-left", show=False
        ),
        Binding(
            "shift+right,greater_than_sign",
            "move(1)",
            N_("Move to the column right"),
            id="kickoff.move-right",
            show=False,
        ),
        Binding("d,delete", "delete", N_("Delete"), id="kickoff.delete", show=False),
        Binding("u,ctrl+z", "undo", N_("Undo"), id="kickoff.undo"),
        Binding("v", "archive", N_("Archive"), id="kickoff.archive"),
        Binding("b", "choose_meeting", N_("Board of another meeting"), id="kickoff.meeting", show=False),
        Binding("escape", "cancel_merge", N_("Cancel the merge"), id="kickoff.merge-cancel", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.meeting: Meeting | None = None
        self.sorts = dict.fromkeys(COLUMNS, ItemSort.TIME)
        self.merge_source: int | None = None
        self.prompts = ItemPrompts({})
        self._editor: ItemEditor | None = None
        self.room_revision = 0

    # -- building ------------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        # Empty the first time: reload() opens the board and fills the columns.
        yield Static(self.heading() if self.board else "", id="board-heading")
        with Horizontal(id="board"):
            for column in COLUMNS:
                items = self.board.column(column, self.sorts[column]) if self.board else []
                with Vertical(classes="board-column", id=f"column-{column.value}"):
                    yield ColumnTitle(
                        self.column_title(column, len(items)), classes="board-column-title", id=f"title-{column.value}"
                    )
                    yield BoardColumnList(column, self.prompts, items)

    async def recompose(self) -> None:
        """Built again in another language (the lifecycle then calls reload and puts the focus back)."""
        self._editor = None  # removed with the rest; made again, in the new language, when needed
        await super().recompose()

    def open_board(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.board = self.app.board(meeting.id if meeting else None)
        self.room_revision = self.app.room_revision
        self.merge_source = None
        self.prompts.names_changed(self.author_names())

    def reload(self) -> None:
        if self.board is None:  # first shown
            self.open_board(board_meeting(self.app.store))
            self.show_columns(*COLUMNS)
            return
        # Members and meetings may have changed on other homes: names, presence, the meeting.
        if self.meeting is not None:
            self.meeting = self.app.store.meetings.get(self.meeting.id or 0) or self.meeting
        if self.prompts.author_of != self.author_names() or self.room_revision != self.app.room_revision:
            self.room_revision = self.app.room_revision
            self.prompts.names_changed(self.author_names())
            self.show_columns(*COLUMNS)
        self.show_titles()

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat saved (a phone's item, through the room's process): the columns it changed
        (`Board.take_reread_columns`) are shown again, the cursor on its item (by id); the others
        are left as they are."""
        if self.board is not None and (changed := self.board.take_reread_columns()):
            self.show_columns(*(column for column in COLUMNS if column in changed))
        self.reload()

    # -- reading -------------------------------------------------------------------------------
    def author_names(self) -> dict[int, str]:
        return {m.id or 0: m.name for m in self.app.store.members.all()}

    def present_members(self) -> list[Member]:
        members = sorted(self.app.store.members.all(), key=lambda m: m.name.casefold())
        return self.meeting.present(members) if self.meeting else members

    def lists(self) -> list[BoardColumnList]:
        return list(self.query(BoardColumnList))

    def column_list(self, column: BoardColumn) -> BoardColumnList:
        return self.query_one(f"#list-{column.value}", BoardColumnList)

    def focused_list(self) -> BoardColumnList:
        focused = self.focused
        return focused if isinstance(focused, BoardColumnList) else self.lists()[0]

    def selected(self) -> BoardItem | None:
        item_id = self.focused_list().selected_id
        return None if item_id is None or self.board is None else self.board.items.get(item_id)

    def note_context(self) -> tuple[dict[str, int], str]:
        item = self.selected()
        if item is None or item.id is None:
            return {}, ""
        return {"board_item": item.id}, _("About the board item: {text}").format(text=item.text[:80])

    # -- showing -------------------------------------------------------------------------------
    def heading(self) -> Content:
        assert self.board is not None
        if self.merge_source is not None:
            return Content(_("MERGE: choose the item to merge into and press m (Escape = cancel)"))
        where = meeting_label(self.meeting) if self.meeting else _("no meeting planned")
        return Content(
            ngettext(
                "Board of {meeting} · {count} item · {archived} in the archive",
                "Board of {meeting} · {count} items · {archived} in the archive",
                len(self.board),
            ).format(meeting=where, count=len(self.board), archived=len(self.board.archive()))
        )

    def column_title(self, column: BoardColumn, count: int) -> ColumnTitle.Shown:
        # ▲: sorted by votes (s switches back to time)
        return ColumnTitle.Shown(
            _(column.label), f" ({count})" + (" ▲" if self.sorts[column] is ItemSort.VOTES else "")
        )

    def show_titles(self) -> None:
        """The heading and the column titles (one line each: no layout, only what changed)."""
        heading = self.query_one("#board-heading", Static)
        self._update_line(heading, self.heading())
        heading.set_class(self.merge_source is not None, "-merging")
        for column in COLUMNS:
            title = self.column_title(column, self.column_list(column).item_count)
            self.query_one(f"#title-{column.value}", ColumnTitle).shown = title

    @staticmethod
    def _update_line(line: Static, content: Content) -> None:
        if line.visual != content:
            line.update(content, layout=False)

    def show_columns(self, *columns: BoardColumn, select: int | None = None) -> None:
        assert self.board is not None
        for column in dict.fromkeys(columns):
            self.column_list(column).show(self.board.column(column, self.sorts[column]), select)
        self.show_titles()

    def show_item(self, item: BoardItem, *, also: BoardColumn | None = None) -> None:
        """Show a changed item in its column (and refresh the column it left), selected."""
        self.show_columns(item.column, *([also] if also else []), select=item.id)
        target = self.column_list(item.column)
        if not item.archived:
            target.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The column framed as current is the last one the cursor was in: it stays framed while
        # an item is written for it (a class, not :focus-within, which follows the editor).
        if isinstance(event.widget, BoardColumnList):
            for column in self.query(".board-column"):
                column.set_class(column.id == f"column-{event.widget.column.value}", "-current")

    # -- actions: capture ------------------------------------------------------------------------
    async def editor(self) -> ItemEditor:
        """The item editor, mounted the first time it is needed: the board opens without it."""
        if self._editor is None:
            self._editor = ItemEditor()
            await self.mount(self._editor)
        return self._editor

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While an item is being written, the board's keys are not in play (nor in the key bar).
        return not self.editing

    def unsaved_text(self) -> str:
        return self._editor.unsaved_text() if self._editor is not None else ""

    @property
    def editing(self) -> bool:
        """Whether an item is being written."""
        return self._editor is not None and self._editor.is_open

    async def action_add(self) -> None:
        (await self.editor()).open(self.focused_list().column, self.present_members())

    async def action_edit(self) -> None:
        item = self.selected()
        if item is None:
            return
        members = self.present_members()
        author = next((m for m in self.app.store.members.all() if m.id == item.member_id), None)
        if author is not None and author not in members:
            members.append(author)  # an absent author stays who said it
        (await self.editor()).open(item.column, members, item)

    def on_item_editor_saved(self, event: ItemEditor.Saved) -> None:
        draft, board = event.draft, self.board
        if board is None:
            return
        parts = {"why": draft.why, "learn": draft.learn, "offer": draft.offer}
        if event.item_id is None:
            item = board.add(event.column, draft.text, draft.member_id, **parts)
            if item is not None:
                self.column_list(event.column).append(item)
                self.show_titles()
        elif event.item_id in board.items:
            edited = board.edit(event.item_id, draft.text, draft.member_id, **parts)
            if edited is not None:
                self.show_item(edited)

    def on_item_editor_opened(self, event: ItemEditor.Opened) -> None:
        self.refresh_bindings()

    def on_item_editor_closed(self, event: ItemEditor.Closed) -> None:
        self.refresh_bindings()
        self.column_list(event.column).focus()

    async def on_item_list_selected(self, event: ItemList.Selected) -> None:
        event.stop()
        await self.action_edit()

    def action_move(self, step: int) -> None:
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        column = COLUMNS[(COLUMNS.index(item.column) + step) % len(COLUMNS)]
        moved = self.board.move(item.id, column)
        self.show_item(moved, also=item.column)

    def action_delete(self) -> None:
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        self.board.delete(item.id)
        self.show_columns(item.column)
        self.notify(_("Item deleted. u = undo"))

    def action_undo(self) -> None:
        if self.board is None:
            return
        change = self.board.undo()
        if change is None:
            self.notify(_("Nothing to undo."))
            return
        self.show_columns(*COLUMNS)
        shown = [item for item in change.before if not item.archived]
        if shown:
            self.show_item(self.board.items[shown[0].id or 0])
        self.notify(_("Undone: {change}").format(change=_(change.label)), markup=False)

    # -- actions: votes, order, status -------------------------------------------------------------
    def action_vote(self, delta: int) -> None:
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        self.show_item(self.board.vote(item.id, delta))

    def action_sort(self) -> None:
        column = self.focused_list().column
        self.sorts[column] = self.sorts[column].other()
        self.show_columns(column)

    def action_answered(self) -> None:
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        changed = self.board.mark_answered(item.id)
        self.show_columns(item.column)
        if changed.archived:
            self.notify(_("Answered: moved to the archive (v shows it, u undoes)."))

    def action_parked(self) -> None:
        item = self.selected()
        if item is not None and item.id is not None and self.board is not None:
            self.show_item(self.board.toggle_parked(item.id))

    def action_shared(self) -> None:
        """Mark the item as one that may leave the group (minutes to share, without its author), or not."""
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        shown = self.board.toggle_shared(item.id)
        self.show_item(shown)
        if shown.shared:
            self.notify(_("May be shared: in the minutes to share, without who said it."))
        else:
            self.notify(_("For the group only: it stays out of the minutes to share."))

    # -- actions: merge ---------------------------------------------------------------------------------
    def action_merge(self) -> None:
        item = self.selected()
        if item is None or item.id is None or self.board is None:
            return
        source = self.merge_source
        if source is None or source not in self.board.items:
            self.merge_source = item.id
        elif source == item.id:
            self.merge_source = None
        else:
            self.merge_source = None
            left = self.board.items[source].column
            merged = self.board.merge(source, item.id)
            self.show_item(merged, also=left)
            self.notify(_("Merged: the votes add up and both texts are kept."))
        self.show_titles()

    def action_cancel_merge(self) -> None:
        if self.merge_source is not None:
            self.merge_source = None
            self.show_titles()

    # -- actions: views ---------------------------------------------------------------------------------
    def action_focus_column(self, step: int) -> None:
        index = COLUMNS.index(self.focused_list().column)
        self.column_list(COLUMNS[(index + step) % len(COLUMNS)]).focus()

    def action_spotlight(self) -> None:
        column = self.focused_list()
        if column.selected_id is None or self.board is None:
            return
        items = self.board.column(column.column, self.sorts[column.column])

        def back(item_id: int | None) -> None:
            if item_id is not None:
                column.show(self.board.column(column.column, self.sorts[column.column]) if self.board else [], item_id)

        self.app.push_screen(SpotlightScreen(items, column.selected_id, self.prompts.author_of), back)

    def action_archive(self) -> None:
        if self.board is None:
            return

        def back(_restored: None) -> None:
            self.show_columns(*COLUMNS)

        self.app.push_screen(ArchiveScreen(self.board, self.prompts), back)

    def action_choose_meeting(self) -> None:
        def chosen(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.open_board(meeting)
                self.show_columns(*COLUMNS)
                self.lists()[0].focus()

        counts = Board.item_counts(self.app.store)
        picker = MeetingPicker(
            self.app.store.meetings.all(),
            self.meeting.id if self.meeting else None,
            title=_("The board of which meeting?"),
            keys=_("Enter = show its board, Escape = cancel"),
            label=lambda m: ngettext(
                "{meeting} · {count} item", "{meeting} · {count} items", counts.get(m.id, 0)
            ).format(meeting=meeting_label(m), count=counts.get(m.id, 0)),
        )
        self.app.push_screen(picker, chosen)
