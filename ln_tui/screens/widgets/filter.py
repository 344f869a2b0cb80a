"""The filter above a home's table (the roster's, the minutes'): it narrows the table as each
character is typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding
from textual.widgets import Input

from ln_tui.i18n import N_


class TableFilter(Input):
    """The filter. It narrows the table as soon as its value changes, in the same frame as the
    typed character: waiting for the Changed message would cost a frame (about 17 ms) more.

    `narrow` shows the rows that match the value; `leave` puts the focus on the table (Enter,
    and Escape in an empty filter). Its keys are the same on every home, as a dialog's are.
    """

    BINDINGS: ClassVar = [
        Binding("escape", "clear", N_("Clear the filter"), id="filter.clear"),
        Binding("down", "leave", N_("To the table"), id="filter.to-table"),
        Binding("enter", "leave", show=False, id="filter.enter"),
    ]

    def __init__(self, narrow: Callable[[], None], leave: Callable[[], None], *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.narrow = narrow
        self.leave = leave

    def watch_value(self) -> None:
        if self.screen.is_mounted:
            self.narrow()

    def action_leave(self) -> None:
        self.leave()

    def action_clear(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.leave()
