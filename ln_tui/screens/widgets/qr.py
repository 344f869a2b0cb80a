"""A QR code painted in terminal cells: two modules per cell with half blocks, dark on white.

The colours are fixed (black modules on a white ground, with the quiet zone around the code
white too), whatever the theme: a phone's camera reads dark modules on a light ground.
"""

from __future__ import annotations

import segno
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

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
