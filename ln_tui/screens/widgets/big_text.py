"""Short text in block letters five rows tall, for what the room must read from the back (a cue to
the speaker on `ln-tui present`). The letters are a 3x5 font of our own beside the clock's digits
(`big_clock.FONT`); text that does not fit the width, or has a character the font lacks, is left to
the caller to show as plain text."""

from __future__ import annotations

import unicodedata

from ln_tui.screens.widgets.big_clock import BLOCK, FONT, GLYPH_ROWS

LETTERS: dict[str, tuple[str, ...]] = {
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#.#", "###", "###", "#.#", "#.#"),
    "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#.#", "#.#", "###", "###", "#.#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "!": (".#.", ".#.", ".#.", "...", ".#."),
    "?": ("##.", "..#", ".#.", "...", ".#."),
    ".": ("...", "...", "...", "...", ".#."),
    ",": ("...", "...", "...", ".#.", "#.."),
    "'": (".#.", ".#.", "...", "...", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
}
GLYPHS = {**FONT, **LETTERS}


def folded(text: str) -> str:
    """Upper case without accents ("één" -> "EEN"), as the block font has it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def big_lines(text: str, width: int) -> list[str] | None:
    """`text` in block letters (each pixel two cells wide where that fits, else one), or None when
    it does not fit `width` cells or has a character the font lacks."""
    letters = folded(" ".join(text.split()))
    if not letters or any(char not in GLYPHS for char in letters):
        return None
    glyphs = [GLYPHS[char] for char in letters]
    pixels = sum(len(glyph[0]) for glyph in glyphs) + len(glyphs) - 1
    scale = min(2, width // pixels) if pixels else 0
    if scale < 1:
        return None
    return [
        (" " * scale).join("".join((BLOCK if p == "#" else " ") * scale for p in glyph[row]) for glyph in glyphs)
        for row in range(GLYPH_ROWS)
    ]
