"""A network's tables in memory, and the file's layout: one table per line.

ln-tui writes a network as `{"_meta":{...},\\n"board_items":{...},\\n...}`: one JSON object
(stock `TinyDB(path)` reads it) with a line break after each table's comma and nowhere else
(JSON writes a line break inside text as `\\n`; ln-tui writes no other whitespace).

A file checked in full is parsed one table at a time (`by_line`), which is as fast as parsing it
whole and proves it is in that layout. When the same bytes are opened again (`checked`), they
are split at their line breaks without parsing (`split`): each table is kept as its JSON text
and parsed the first time it is read. The network home reads only `_meta`, `profile`, `members`
and `meetings`: an open then holds and parses a small part of the file instead of all of it
(figures: CONTRIBUTING.md, "Measured reasons").
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_values  # the views dict's own methods return

_DECODER = json.JSONDecoder()
_BETWEEN = b",\n"  # what separates two tables in the file
_FIRST_RECORD = re.compile(rb'\{"(\d+)":\{')
_NEXT_RECORD = re.compile(rb'\},"(\d+)":\{')


def join(texts: Iterable[tuple[str, bytes]]) -> bytes:
    """The bytes of a network file made of each table's name and JSON text, a table per line."""
    return b"{" + _BETWEEN.join(json.dumps(name).encode() + b":" + text for name, text in texts) + b"}"


def by_line(text: str, decoder: json.JSONDecoder = _DECODER) -> dict[str, Any] | None:
    """The tables of a network file's `text`, each parsed by itself, if it is in the one table per
    line layout; None if it is not (then it is parsed whole, and `json.loads` says what is wrong).

    The same as `json.loads(text)` for such a text: `text` is `{` + the members + `}` with exactly
    `,\\n` between them, each member parsed where it stands by the same decoder (`decoder`, whose
    hooks apply as `json.loads` with them would apply them)."""
    end = len(text) - 1
    if not text.startswith('{"') or not text.endswith("}"):
        return None
    tables: dict[str, Any] = {}
    position = 1
    try:
        while True:
            name, position = decoder.raw_decode(text, position)
            if type(name) is not str or name in tables or text[position] != ":":
                return None
            tables[name], position = decoder.raw_decode(text, position + 1)
            if position == end:
                return tables
            if text[position : position + 2] != ",\n":
                return None
            position += 2
    except (ValueError, IndexError, RecursionError):
        return None


def split(payload: bytes) -> Tables | None:
    """The tables of a payload known to be in the one table per line layout (`by_line` found it so
    when its bytes were checked), `_meta` parsed and each other one kept as its JSON text; None if
    it is not in that layout after all, or a table's name needs escapes (then it is parsed whole)."""
    if not payload.startswith(b'{"') or not payload.endswith(b"}"):
        return None
    tables = Tables()
    start, last = 1, len(payload) - 1
    while True:
        newline = payload.find(b"\n", start)
        stop = last if newline < 0 else newline - 1  # where the table's JSON text ends
        quote = payload.find(b'"', start + 1, stop)
        name = payload[start + 1 : quote]
        if (
            quote < 0
            or payload[start : start + 1] != b'"'
            or payload[quote + 1 : quote + 3] != b":{"
            or payload[stop - 1 : stop] != b"}"
            or (newline >= 0 and payload[stop : stop + 1] != b",")
            or b"\\" in name
            or name.decode() in tables
        ):
            return None
        tables.hold(name.decode(), UnparsedTable(payload[quote + 2 : stop]))
        if newline < 0:
            return tables
        start = newline + 1


def record_texts(text: bytes) -> list[tuple[str, bytes]] | None:
    """A table's JSON text cut into each record's key and JSON text, where it looks like ln-tui's
    (`{"1":{...},"2":{...}}`, no spaces); None where it does not. Only a cut: a `},"7":{` inside a
    record (an object of objects under keys of digits) cuts it wrongly too, so each piece is a
    record only once it parsed as one object (`RecordCache.parse`)."""
    if text == b"{}":
        return []
    first = _FIRST_RECORD.match(text)
    if first is None or not text.endswith(b"}}"):
        return None
    pieces = []
    key, start = first[1], first.end() - 1
    for cut in _NEXT_RECORD.finditer(text, start):
        pieces.append((key.decode(), text[start : cut.start() + 1]))
        key, start = cut[1], cut.end() - 1
    pieces.append((key.decode(), text[start:-1]))
    return pieces


class RecordCache:
    """Each record of the tables parsed while following the file, by its JSON text: another seat's
    save changes a few records of a table, so only those are parsed again (a board of 640 items
    took 1.3 ms to parse whole on every follow while phones posted, several times a second).

    A record parsed is shared with the tables in memory, as the file's documents are: the store
    never changes a document in place (it writes a new one), and TinyDB's `update`, which does,
    is announced with `AtomicJSONStorage.invalidate`, which forgets it here first."""

    def __init__(self) -> None:
        self._records: dict[str, dict[str, tuple[bytes, Any]]] = {}

    def parse(self, name: str, table: UnparsedTable) -> dict[str, Any]:
        """The table `name` parsed, as `table.parse()` gives it: the records whose JSON text is the
        one parsed last time are that record again, the others are parsed. Raise `ValueError` or
        `RecursionError` as `json.loads` does for a text that is not JSON."""
        text = table.encoded()
        pieces = record_texts(text)
        if pieces is None:
            return self._whole(name, table)
        known = self._records.get(name, {})
        records: dict[str, tuple[bytes, Any]] = {}
        parsed: dict[str, Any] = {}
        for key, piece in pieces:
            entry = known.get(key)
            if entry is None or entry[0] != piece:
                try:
                    doc = json.loads(piece)
                except ValueError:
                    doc = None
                if type(doc) is not dict or key in records:  # cut inside a record, or a key twice
                    return self._whole(name, table)
                entry = (piece, doc)
            records[key] = entry
            parsed[key] = entry[1]
        self._records[name] = records
        return parsed

    def _whole(self, name: str, table: UnparsedTable) -> dict[str, Any]:
        self._records.pop(name, None)
        return table.parse()

    def forget(self, name: str, key: str | None = None) -> None:
        """Forget a record (about to change in place), a table's records, or (no name) all."""
        if not name:
            self._records.clear()
        elif key is None:
            self._records.pop(name, None)
        else:
            self._records.get(name, {}).pop(key, None)


class UnparsedTable:
    """A table as the file holds it, until it is first read. Its JSON text is kept as bytes, or as
    text when that is smaller (only text in Latin-1 is: `str` takes 2 or 4 bytes per character as
    soon as one needs it). A slice of its own, so the file's whole payload is not kept alive."""

    __slots__ = ("_json", "_led_by")

    def __init__(self, text: bytes) -> None:
        self._json: bytes | str = text
        self._led_by: dict[str, bool] = {}  # whether every document's first key is this field
        if not text.isascii():
            decoded = text.decode("utf-8")
            if sys.getsizeof(decoded) < sys.getsizeof(text):
                self._json = decoded

    def parse(self) -> dict[str, Any]:
        table: dict[str, Any] = json.loads(self._json)
        return table

    def documents_where(self, field: str, value: int | None) -> dict[str, Any] | None:
        """The documents whose first key is `field` holding `value`, each parsed alone from the JSON
        text; the others are never parsed, only scanned (three `count`/`find` passes, the first two
        once per table). None when that cannot be sure to find them all (then parse the table).

        For a table that passed the full check (only such a table is held unparsed: no key twice,
        every record valid) of records that all hold `field` and no object within an object
        (`records.text_searchable`). A quote inside a JSON string is escaped, so each `":{"FIELD":`
        of the text is a key whose value is an object that starts with `field`, and holds one of
        the text's `"FIELD"`. When there are as many of both, every document (each holds `field`
        once) starts with it, written without spaces; then each document holding `value` is found
        as `":{"FIELD":VALUE` under a key of digits (an object under another key is no document)."""
        text = self._json
        literal = _literal(type(text))
        opening = literal('":{' + json.dumps(field) + ":")
        led = self._led_by.get(field)
        if led is None:
            led = self._led_by[field] = text.count(literal(json.dumps(field))) == text.count(opening)
        if not led:
            return None
        wanted = opening + literal(json.dumps(value))
        found = {}
        position = text.find(wanted)
        while position >= 0:
            after = position + len(wanted)
            while text[after : after + 1].isspace():
                after += 1
            key = text[text.rfind(literal('"'), 0, position) + 1 : position]
            if text[after : after + 1] in (literal(","), literal("}")) and key.isdigit() and key.isascii():
                found[key if isinstance(key, str) else key.decode()] = self._document_at(position + 2)
            position = text.find(wanted, after)
        return found

    def _document_at(self, start: int) -> dict[str, Any]:
        """The object whose `{` is at `start` in the JSON text."""
        text = self._json
        if isinstance(text, str):
            document: dict[str, Any] = _DECODER.raw_decode(text, start)[0]
            return document
        end = text.find(b"}", start)
        while True:  # the first `}` that closes a whole object: one inside a string does not
            try:
                document = json.loads(text[start : end + 1])
                return document
            except ValueError:
                end = text.find(b"}", end + 1)
                if end < 0:
                    raise

    def encoded(self) -> bytes:
        """The JSON text as the file holds it."""
        return self._json if isinstance(self._json, bytes) else self._json.encode("utf-8")

    def __repr__(self) -> str:
        return f"<table not read yet, {len(self._json)} bytes or characters>"  # never the text: it is people's data


def _literal(kind: type[str] | type[bytes]) -> Callable[[str], Any]:
    """Text as `kind` holds it: str as it is, bytes as UTF-8."""
    return str if kind is str else str.encode


class Tables(dict[str, Any]):
    """The tables of a network by name, as the storage gives them to TinyDB: a table held as an
    `UnparsedTable` is parsed the first time it is read, then held parsed.

    TinyDB reads a table as `storage.read()[name]` (`Table._read_table` and `_update_table`), so
    `__getitem__` is where tables are parsed, whatever code reads them: no caller has to remember
    to ask for a table first. Every name is a key from the start, so `len`, `in`, iteration and
    TinyDB's `tables()` and `drop_table` are right without parsing anything. Every other way to a
    table's content (`get`, `items`, `values`, `pop`, `setdefault`, `|`, comparing, copying, JSON,
    `dict(tables)`, `{**tables}`) parses first. C code that reads a dict subclass's values
    underneath these methods would find an `UnparsedTable`, which is no mapping: it fails at
    once, and never sees a table as empty. The storage itself reads them as held (`held`).
    """

    def __getitem__(self, name: str) -> Any:
        table = super().__getitem__(name)
        if type(table) is UnparsedTable:
            table = table.parse()
            super().__setitem__(name, table)
        return table

    def __iter__(self) -> Iterator[str]:
        # Defined here so that `dict(tables)` and `{**tables}` take each value through `__getitem__`
        # (CPython copies a dict subclass's values directly only when it keeps dict's own __iter__).
        return super().__iter__()

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def items(self) -> dict_items[str, Any]:
        self.parse_all()
        return super().items()

    def values(self) -> dict_values[str, Any]:
        self.parse_all()
        return super().values()

    def pop(self, name: str, *default: Any) -> Any:
        if name in self:
            self[name]
        return super().pop(name, *default)

    def popitem(self) -> tuple[str, Any]:
        self.parse_all()
        return super().popitem()

    def setdefault(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else super().setdefault(name, default)

    def __or__(self, other: Any) -> Any:
        self.parse_all()
        return super().__or__(other)

    def __eq__(self, other: object) -> bool:
        self.parse_all()
        if isinstance(other, Tables):
            other.parse_all()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # a dict: unhashable, as dict itself

    def copy(self) -> Tables:
        """A shallow copy; the tables not read yet are shared (their text never changes)."""
        copied = Tables()
        for name, table in self.held():
            copied.hold(name, table)
        return copied

    __copy__ = copy

    def __deepcopy__(self, memo: dict[int, Any]) -> Tables:
        copied = Tables()
        for name, table in self.held():
            copied.hold(name, table if type(table) is UnparsedTable else copy.deepcopy(table, memo))
        return copied

    def __reduce__(self) -> tuple[type[Tables], tuple[dict[str, Any]]]:
        return Tables, (dict(self.items()),)

    # -- for the storage ---------------------------------------------------------------------
    def held(self) -> dict_items[str, Any]:
        """Each table as held, without parsing: its dict, or an `UnparsedTable` not read yet."""
        return super().items()

    def unparsed(self, name: str) -> UnparsedTable | None:
        """The table `name` as the file holds it, if it has not been read yet."""
        table = super().get(name)
        return table if type(table) is UnparsedTable else None

    def hold(self, name: str, table: Any) -> None:
        """Keep `table` (a dict or an `UnparsedTable`) as the table `name`."""
        super().__setitem__(name, table)

    def restore(self, saved: Tables) -> None:
        """Hold the tables of `saved` instead of these, the unparsed ones as they are."""
        super().clear()
        for name, table in saved.held():
            self.hold(name, table)

    def parse_all(self) -> None:
        for name in list(super().keys()):
            self[name]

    def parsed(self) -> list[str]:
        """The names of the tables parsed so far, in the file's order."""
        return [name for name, table in self.held() if type(table) is not UnparsedTable]
