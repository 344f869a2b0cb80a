"""A DataTable of rows whose Home and End go to the first and the last row.

Textual's DataTable binds Home and End to scrolling sideways, which does nothing in a table as wide
as its screen: in the evaluation's list of forms End seemed dead. The keys dialog, the forms and
the expectations are such lists.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ln_tui.i18n import N_


class RowList(DataTable[Text]):
    """Rows under a row cursor: Home and End go to the first and the last row (not sideways)."""

    BINDINGS: ClassVar = [
        Binding("home", "scroll_top", N_("First"), id="rows.first", show=False),
        Binding("end", "scroll_bottom", N_("Last"), id="rows.last", show=False),
    ]
