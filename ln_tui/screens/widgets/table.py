"""A table that paints only the rows on screen, so that filtering a long roster stays instant.

Textual's DataTable measures every cell of every row it is given; refilling it with 500
members on each keystroke of the filter took hundreds of milliseconds. This table is given
the rows (cells as rich Text) and paints the visible ones through the Line API; a new set of
rows costs nothing until it is painted, and then only what fits on the screen. The roster, the
minutes and the network home's planned meetings use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ln_tui.i18n import N_
from ln_tui.screens.widgets.cursor import cursor_bindings

CELL_PADDING = 1  # on each side of a cell
SCROLLBAR = 2  # the vertical scrollbar's width, left free by `fitted_widths`


def fitted_widths(widths: Sequence[int | tuple[int, int]], room: int) -> list[int]:
    """Each column's width in a table `room` cells wide (the roster's, the minutes'): a fixed
    width as it is; a text column's (minimum, share) its share of the room the fixed columns,
    the padding and the scrollbar leave, and at least its minimum. Fixed widths keep a table
    steady while it is filtered, and a very long text from stretching a column off the screen."""
    fixed = sum(w for w in widths if isinstance(w, int)) + 2 * CELL_PADDING * len(widths) + SCROLLBAR
    shares = sum(w[1] for w in widths if isinstance(w, tuple))
    left = max(0, room - fixed)
    return [w if isinstance(w, int) else max(w[0], left * w[1] // shares) for w in widths]


class RowTable(ScrollView, can_focus=True):
    """Rows of cells under a fixed header line; a row cursor; Enter selects the row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--odd-row",
    }
    DEFAULT_CSS = """
    RowTable { background: $surface; }
    RowTable > .row-table--header { background: $panel; color: $foreground; text-style: bold; }
    RowTable > .row-table--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .row-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    RowTable > .row-table--odd-row { background: $surface-lighten-1; }
    """
    BINDINGS: ClassVar = [
        *cursor_bindings("table"),
        Binding("left", "scroll_left", N_("Scroll left"), show=False, id="table.left"),
        Binding("right", "scroll_right", N_("Scroll right"), show=False, id="table.right"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, table: RowTable, row: int) -> None:
            super().__init__()
            self.table, self.row = table, row

    class HeaderSelected(Message):
        """A click on a column header."""

        def __init__(self, table: RowTable, column: int) -> None:
            super().__init__()
            self.table, self.column = table, column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers: list[Text] = []
        self.widths: list[int] = []
        self.rows: Sequence[Sequence[Text]] = []
        # Painted rows by id of their cells (holding the cells, so the id cannot be reused).
        self._painted: dict[tuple[int, Style], tuple[Sequence[Text], Strip]] = {}

    # -- what is shown ----------------------------------------------------------------------
    def set_columns(self, headers: list[Text], widths: list[int]) -> None:
        if (headers, widths) != (self.headers, self.widths):
            self.headers, self.widths = headers, widths
            self._painted.clear()
            self._resize()

    def set_rows(self, rows: Sequence[Sequence[Text]], cursor: int = 0) -> None:
        self.rows = rows
        self._resize()
        self.cursor_row = max(0, min(cursor, len(rows) - 1))

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def _resize(self) -> None:
        width = sum(self.widths) + 2 * CELL_PADDING * len(self.widths)
        size = Size(width, len(self.rows) + 1)
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painted.clear()

    @property
    def body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # -- the cursor ---------------------------------------------------------------------------
    def watch_cursor_row(self, row: int) -> None:
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + self.body_height:
            self.scroll_to(y=row - self.body_height + 1, animate=False, force=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(len(self.rows) - 1, self.cursor_row + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self.body_height)

    def action_move_to(self, row: int) -> None:
        if self.rows:
            self.cursor_row = row % len(self.rows)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x + round(self.scroll_x)
            for column, width in enumerate(self.widths):
                x -= width + 2 * CELL_PADDING
                if x < 0:
                    self.post_message(self.HeaderSelected(self, column))
                    return
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor_row and event.chain == 2:
                self.post_message(self.Selected(self, row))
            self.cursor_row = row

    # -- painting -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("row-table--header")
            return self._strip(self.headers, style, width)
        row = round(self.scroll_y) + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        if row == self.cursor_row:
            style = self.get_component_rich_style("row-table--cursor")
        elif row % 2:
            style = self.get_component_rich_style("row-table--odd-row")
        else:
            style = self.rich_style
        return self._strip(self.rows[row], style, width)

    def _strip(self, cells: Sequence[Text], style: Style, width: int) -> Strip:
        key = (id(cells), style)
        painted = self._painted.get(key)
        if painted is None or painted[0] is not cells:
            if len(self._painted) > 4000:
                self._painted.clear()
            painted = self._painted[key] = (cells, self._paint(cells, style))
        x = round(self.scroll_x)
        return painted[1].crop_extend(x, x + width, style)

    def _paint(self, cells: Sequence[Text], style: Style) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        pad = Segment(" " * CELL_PADDING, style)
        for cell, cell_width in zip(cells, self.widths, strict=False):
            text = cell.copy()
            if cell.justify == "right" and text.cell_len < cell_width:
                text.pad_left(cell_width - text.cell_len)
            text.truncate(cell_width, overflow="ellipsis", pad=True)
            segments.append(pad)
            segments.extend(Segment.apply_style(text.render(console), style))
            segments.append(pad)
        return Strip(segments)
