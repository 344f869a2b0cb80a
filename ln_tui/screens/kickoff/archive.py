"""The archive of a board: answered items, off the board, shown and restored from here."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _, ngettext
from ln_tui.kickoff.board import Board
from ln_tui.screens.base import LnScreen
from ln_tui.screens.kickoff.board import ItemList, ItemPrompts
from ln_tui.screens.widgets.key_bar import KeyBar


class ArchiveScreen(LnScreen[None]):
    """The archived items of a board, oldest first; r or Enter puts one back on the board."""

    CSS_PATH = Path(__file__).parent / "kickoff.tcss"
    BINDINGS = [
        Binding("r", "restore", N_("Restore to the board"), id="kickoff.archive-restore"),
        Binding("escape,v", "close", N_("Back to the board"), id="kickoff.archive-close"),
    ]

    def __init__(self, board: Board, prompts: ItemPrompts) -> None:
        super().__init__(id="archive")
        self.board = board
        self.prompts = prompts

    def compose(self) -> ComposeResult:
        yield Static(id="archive-title")
        yield ItemList(self.prompts, self.board.archive(), id="archive-list", classes="board-list")
        yield Static(Content(_("The archive is empty: answered items (a on the board) come here.")), id="archive-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_count()
        self.query_one(ItemList).focus()

    def show_count(self) -> None:
        count = len(self.board.archive())
        title = ngettext(
            "Archive: {count} answered item. r = restore to the board, Escape = back",
            "Archive: {count} answered items. r = restore to the board, Escape = back",
            count,
        ).format(count=count)
        self.query_one("#archive-title", Static).update(Content(title))
        self.query_one("#archive-empty").display = count == 0
        self.query_one(ItemList).display = count > 0

    def on_item_list_selected(self, event: ItemList.Selected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        archive = self.query_one(ItemList)
        item_id = archive.selected_id
        if item_id is None:
            return
        self.board.restore(item_id)
        archive.show(self.board.archive())
        self.show_count()
        self.notify(_("Back on the board."))

    def action_close(self) -> None:
        self.dismiss(None)
