"""The filter above a home's table (the roster's, the minutes'): it narrows the table as each
character is typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.widgets import Input

from ln_tui.i18n import N_


def filter_bindings(home: str) -> list[BindingType]:
    """Escape clears the filter (when empty: back to the table); Down goes to the table. Each
    binding's id starts with the home's mode (`roster.filter-clear`), as the keys dialog lists it."""
    return [
        Binding("escape", "clear", N_("Clear the filter"), id=f"{home}.filter-clear"),
        Binding("down", "screen.focus_table", N_("To the table"), id=f"{home}.filter-down"),
    ]


class TableFilter(Input):
    """The filter. It narrows the table as soon as its value changes, in the same frame as the
    typed character: waiting for the Changed message would cost a frame (about 17 ms) more.

    `narrow` shows the rows that match the value; `leave` puts the focus on the table. A home
    subclasses it with `BINDINGS = filter_bindings(MODE)`.
    """

    def __init__(self, narrow: Callable[[], None], leave: Callable[[], None], *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.narrow = narrow
        self.leave = leave

    def watch_value(self) -> None:
        if self.screen.is_mounted:
            self.narrow()

    def action_clear(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.leave()
