"""The keys of a list with a row cursor (the roster's table, the board's columns)."""

from __future__ import annotations

from textual.binding import Binding

from ln_tui.i18n import N_


def cursor_bindings(area: str) -> list[Binding]:
    """Up/down, page up/down, first/last and Enter, bound to the actions `move(step)`,
    `page(direction)`, `move_to(index)` and `select` of the widget; ids `<area>.up`, ..."""
    return [
        Binding("up", "move(-1)", N_("Up"), show=False, id=f"{area}.up"),
        Binding("down", "move(1)", N_("Down"), show=False, id=f"{area}.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id=f"{area}.page-up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id=f"{area}.page-down"),
        Binding("home", "move_to(0)", N_("First"), show=False, id=f"{area}.first"),
        Binding("end", "move_to(-1)", N_("Last"), show=False, id=f"{area}.last"),
        Binding("enter", "select", N_("Open"), show=False, id=f"{area}.select"),
    ]
