"""User text as the screens show it: literal (never markup), its control characters visible.

`cell` is one cell of a `RowTable` (the roster, the minutes); `literal` a line of an OptionList or
a Static; `literal_text` a DataTable cell (Rich `Text`). Markdown from users goes through
`widgets/markdown.py` instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ln_tui.markdown_safe import one_line, terminal_text, visible_controls

# A cell shows at most this much of a text (a table's column is never wider), and what the
# minutes' filter searches in a cell is the same.
CELL_TEXT = 300


def cell(text: str, style: str = "") -> Text:
    """One cell on one line (a text with a line break from a paste or an older file too), as a
    terminal draws it, cut with an ellipsis where the column ends."""
    shown = text[:CELL_TEXT]
    if not shown.isprintable():  # a line break, a control or format character: most cells have none
        shown = terminal_text(one_line(shown))
    return Text(shown, style=style, no_wrap=True, overflow="ellipsis")


def literal(value: str) -> Content:
    """User text as Textual content: shown as typed, control characters made visible."""
    return Content(visible_controls(value))


def literal_text(value: str) -> Text:
    """User text as a Rich Text (a DataTable cell): shown as typed, control characters made visible."""
    return Text(visible_controls(value))
