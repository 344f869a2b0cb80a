"""The homes that list rows under a filter, the roster's and the minutes': the filter, the table,
the message in its place when there is nothing to list, the selected row in full, a status line."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ln_tui.roster.rows import narrows
from ln_tui.screens.base import HomeScreen
from ln_tui.screens.widgets.filter import TableFilter
from ln_tui.screens.widgets.table import RowTable

Row = TypeVar("Row")


class FilteredTableHome(HomeScreen, Generic[Row]):
    """A home whose main part is a `RowTable` of `rows` under a `TableFilter`.

    Its widgets are `#<mode>-filter`, the table, `#<mode>-empty` (shown instead of the table when
    there are no rows at all, not when the filter hides them all), `#<mode>-detail` and
    `#<mode>-status`, styled in app.tcss (the detail in the home's own `.tcss`). `rows` are all
    the home lists, `shown` those matching the filter. The home says when its rows changed
    (`rows_changed`), how a row matches the filter's text (`matching`), and shows `shown` in
    `show_rows`, which the filter calls at each character typed.
    """

    TABLE: ClassVar[type[RowTable]] = RowTable

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.shown_for: str | None = None  # the filter `shown` was made for; None after a change of rows

    def compose_filtered_table(self, placeholder: str) -> ComposeResult:
        yield TableFilter(self.show_rows, self.action_focus_table, placeholder=placeholder, id=f"{self.MODE}-filter")
        yield self.TABLE(id=f"{self.MODE}-table")
        yield Static(id=f"{self.MODE}-empty", classes="home-about table-empty")
        yield Static(id=f"{self.MODE}-detail")
        yield Static(id=f"{self.MODE}-status", classes="table-status")

    # -- the rows ---------------------------------------------------------------------------------
    def rows_changed(self, rows: list[Row]) -> None:
        """All the rows are these now (read again, sorted again); `filtered` looks at them all."""
        self.rows = rows
        self.shown_for = None

    def matching(self, rows: list[Row], query: str) -> list[Row]:
        """The rows that match the filter's text (all of them for an empty one)."""
        raise NotImplementedError

    def filtered(self) -> list[Row]:
        """The rows matching the filter's text now, kept as `shown`. Typing on at the end of the
        filter can only narrow it: then only the rows shown for the text before are looked at."""
        query = self.query_one(f"#{self.MODE}-filter", TableFilter).value
        candidates = self.shown if self.shown_for is not None and narrows(query, self.shown_for) else self.rows
        self.shown, self.shown_for = self.matching(candidates, query), query
        return self.shown

    def show_rows(self, keep: int | None = None) -> None:
        """Show `filtered()` rows, the cursor on the record `keep` (an id) where it is given."""
        raise NotImplementedError

    def reload_keeping(self, keep: int | None) -> None:
        """After a change: read the rows again and show them, the cursor on the record `keep`."""
        self.reload()
        self.show_rows(keep=keep)

    def show_empty(self, message: str) -> bool:
        """The table, or `message` in its place when there are no rows at all; whether there are none."""
        none = not self.rows
        empty = self.query_one(f"#{self.MODE}-empty", Static)
        empty.display = none
        self.query_one(self.TABLE).display = not none
        if none:
            empty.update(Content(message))
        return none

    # -- the keys ---------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one(f"#{self.MODE}-filter", TableFilter).focus()

    def action_focus_table(self) -> None:
        self.query_one(self.TABLE).focus()
