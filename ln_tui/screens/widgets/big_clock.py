"""The projector clock: the time left in digits as tall as the space allows, on a full-width band.

The digits come from a 3x5 block font of our own, scaled by whole cells: each "pixel" of a
glyph becomes `sx` cells wide and `sy` rows tall, so the clock fills what it is given (at
80x24 ten rows tall, at 120x36 fifteen). The band behind it is green, amber or red (theme
variables, see `ln_tui.themes`); in overtime it pulses slowly, changing at most once a
second, and a paused clock says so in words. Lines above the digits (the round, its
instruction) and below them (the speaker, who is next) are measured in terminal cells.

Attributes down: the owner calls `show(face)`; an unchanged face costs nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ln_tui.i18n import _

GLYPH_ROWS = 5
FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
BLOCK = "█"
# The clock is fitted to at least this many pixels across ("00:00" and "+0:42" are 17), so
# that it does not change size as the time goes from 10:00 to 9:59 or into overtime.
FIT_PIXELS = 17
MAX_ROWS_PER_PIXEL = 6  # beyond ~30 rows the digits are tall enough from any seat


def text_pixels(text: str) -> int:
    """How many pixels wide `text` is in the block font, with one pixel between glyphs."""
    glyphs = [FONT.get(char, FONT[" "]) for char in text]
    return sum(len(g[0]) for g in glyphs) + max(0, len(glyphs) - 1)


def fit_scale(text: str, width: int, rows: int) -> tuple[int, int]:
    """The largest (sx, sy) that fits `text` into `width` cells and `rows` rows; (0, 0) if none.

    A pixel is never more than twice as wide as it is tall in cells (a cell is about twice as
    tall as wide, so that keeps the digits about square or taller).
    """
    sx = max(0, width - 2) // max(FIT_PIXELS, text_pixels(text))  # a cell of band either side
    sy = min(rows // GLYPH_ROWS, MAX_ROWS_PER_PIXEL)
    if sx < 1 or sy < 1:
        return 0, 0
    return min(sx, 2 * sy), min(sy, sx)


def block_lines(text: str, sx: int, sy: int) -> list[str]:
    """The rows of `text` drawn in the block font, each pixel `sx` cells by `sy` rows."""
    glyphs = [FONT.get(char, FONT[" "]) for char in text]
    lines: list[str] = []
    for row in range(GLYPH_ROWS):
        line = (" " * sx).join("".join((BLOCK if p == "#" else " ") * sx for p in g[row]) for g in glyphs)
        lines += [line] * sy
    return lines


@dataclass(frozen=True)
class ClockFace:
    """What the clock shows: the time (`1:05`, `+0:42`), its phase, and the lines around it."""

    time: str
    phase: str = "green"  # green, amber, red, overtime; plain: no band
    paused: bool = False
    pulse: bool = False  # the second half of each overtime second pair: the band a shade lighter
    above: tuple[Content, ...] = ()  # the round, its instruction
    below: tuple[Content, ...] = ()  # the speaker, who is next, what the case-bringer does

    @staticmethod
    def pulse_at(remaining: float) -> bool:
        """Whether the overtime band is in its lighter half: it changes once a second, no faster."""
        return remaining <= -1.0 and math.floor(-remaining) % 2 == 1


PHASES = ("green", "amber", "red", "overtime", "plain")  # plain: no band (the time of day)


class BigClock(Widget):
    """The projector clock: digits that fill the widget, on a band coloured by phase."""

    DEFAULT_CSS = """
    BigClock {
        width: 100%;
        height: 1fr;
        background: $success;
        color: $clock-band-text;
    }
    BigClock.-amber { background: $warning; }
    BigClock.-red, BigClock.-overtime { background: $error; }
    BigClock.-overtime.-pulse { background: $clock-pulse; }
    BigClock.-paused { background: $panel; color: $foreground; }
    BigClock.-plain { background: $background; color: $foreground; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.face = ClockFace("0:00")
        self.scale = (0, 0)  # the last (sx, sy) drawn: the tests read the digits' size from it

    def show(self, face: ClockFace) -> None:
        if face == self.face:
            return
        self.face = face
        for phase in PHASES:
            self.set_class(face.phase == phase and not face.paused, f"-{phase}")
        self.set_class(face.paused, "-paused")
        self.set_class(face.pulse and not face.paused, "-pulse")
        self.refresh()

    @property
    def digit_rows(self) -> int:
        """How many rows tall the digits are as last drawn."""
        return self.scale[1] * GLYPH_ROWS

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.size))

    def lines(self, size: Size) -> list[Content]:
        """The whole clock as lines of exactly `size.width` cells (no more than `size.height`)."""
        width, height = size.width, size.height
        face = self.face
        above, below = list(face.above), list(face.below)
        label = [Content.styled(_("Paused"), "bold")] if face.paused else []

        def wrapped(lines: list[Content]) -> list[Content]:
            return [part for line in lines for part in (line.wrap(width)[:2] if line.plain else [line])]

        above, below = wrapped(above), wrapped(below)
        # Give the digits the room; drop the instruction lines first, then the lines below the speaker.
        while True:
            text_rows = len(above) + len(below) + len(label) + 2
            sx, sy = fit_scale(face.time, width, height - text_rows)
            if sy or (not above and len(below) <= 1):
                break
            if above:
                above.pop()
            else:
                below.pop()
        self.scale = (sx, sy)
        digits = [Content.styled(line, "bold") for line in block_lines(face.time, sx, sy)] if sy else []
        if not digits:
            digits = [Content.styled(face.time, "bold")]
        body = [*above, Content(""), *label, *digits, Content(""), *below]
        body = body[:height]
        top = max(0, (height - len(body)) // 2)
        return [Content(" " * width)] * top + [center(line, width) for line in body]


def center(line: Content, width: int) -> Content:
    """`line` centred in `width` cells (cut with an ellipsis when longer)."""
    line = line.truncate(width, ellipsis=True)  # not stripped: the digits' rows stay aligned
    left = (width - line.cell_length) // 2
    return line.pad(left, width - left - line.cell_length)
