"""The file's layout: one table per line.

ln-tui writes a network as `{"_meta":{...},\\n"board_items":{...},\\n...}`: one JSON object
(stock `TinyDB(path)` reads it) with a line break after each table's comma and nowhere else
(JSON writes a line break inside text as `\\n`; ln-tui writes no other whitespace).

A file checked in full is parsed one table at a time (`by_line`), which is as fast as parsing it
whole and proves it is in that layout; its mark (`checked`) says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

_DECODER = json.JSONDecoder()
_BETWEEN = b",\n"  # what separates two tables in the file


def join(texts: Iterable[tuple[str, bytes]]) -> bytes:
    """The bytes of a network file made of each table's name and JSON text, a table per line."""
    return b"{" + _BETWEEN.join(json.dumps(name).encode() + b":" + text for name, text in texts) + b"}"


def by_line(text: str) -> dict[str, Any] | None:
    """The tables of a network file's `text`, each parsed by itself, if it is in the one table per
    line layout; None if it is not (then it is parsed whole, and `json.loads` says what is wrong).

    The same as `json.loads(text)` for such a text: `text` is `{` + the members + `}` with exactly
    `,\\n` between them, each member parsed where it stands by the same decoder."""
    end = len(text) - 1
    if not text.startswith('{"') or not text.endswith("}"):
        return None
    tables: dict[str, Any] = {}
    position = 1
    try:
        while True:
            name, position = _DECODER.raw_decode(text, position)
            if type(name) is not str or name in tables or text[position] != ":":
                return None
            tables[name], position = _DECODER.raw_decode(text, position + 1)
            if position == end:
                return tables
            if text[position : position + 2] != ",\n":
                return None
            position += 2
    except (ValueError, IndexError, RecursionError):
        return None
