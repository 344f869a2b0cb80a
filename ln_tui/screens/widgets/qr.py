"""A QR code painted in terminal cells: two modules per cell with half blocks, dark on white.

The colours are fixed (black modules on a white ground, with the quiet zone around the code
white too), whatever the theme: a phone's camera reads dark modules on a light ground.
"""

from __future__ import annotations

import segno
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ln_tui.room.links import qr_text

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
INK = Style(color="#000000", bgcolor="#ffffff")
# (top module dark, bottom module dark) -> the character that paints both in one cell
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code for `text`, the quiet zone included (True = dark)."""
    code = segno.make(text, error="L")
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def qr_lines(matrix: list[list[bool]]) -> list[str]:
    """Two rows of modules per line of text (a last odd row over white)."""
    lines = []
    for top in range(0, len(matrix), 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < len(matrix) else [False] * len(upper)
        lines.append("".join(HALF_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return lines


class QrCode(Widget):
    """The QR code of a text (the room's join URL), centred in the widget."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[str] = []
        self.text = ""
        self.show(text)

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.lines = qr_lines(qr_matrix(text)) if text else []
            self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.lines[0]) if self.lines else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        if not 0 <= y < len(self.lines):
            return Strip.blank(self.size.width)
        line = self.lines[y]
        return Strip([Segment(line, INK)], len(line)).extend_cell_length(self.size.width)


class JoinCode(Widget):
    """The room's join QR code with its short link under it; nothing while the room is closed."""

    DEFAULT_CSS = """
    JoinCode { width: auto; height: auto; layout: vertical; }
    JoinCode > .join-link { width: auto; max-width: 60; }
    """

    def __init__(self, url: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.url = url

    def compose(self) -> ComposeResult:
        yield QrCode(qr_text(self.url) if self.url else "")
        yield Static(Content(self.url), classes="join-link")

    def on_mount(self) -> None:
        self.display = bool(self.url)

    def show(self, url: str) -> None:
        """The code of this join URL, or nothing (an empty URL: the room is closed)."""
        if url != self.url:
            self.url = url
            self.query_one(QrCode).show(qr_text(url) if url else "")
            self.query_one(".join-link", Static).update(Content(url))
            self.display = bool(url)
