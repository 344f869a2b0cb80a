"""The layout of a network file: validation, version and migrations.

A network file is a TinyDB JSON database (stock `TinyDB(path)` reads it) whose
`_meta` table holds one document: `{"app": "ln-tui", "schema": N, ...}`. ln-tui writes
it one table per line (`tables.py`); it reads any other layout as well.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from ln_tui.i18n import _
from ln_tui.store import tables

APP_MARK = "ln-tui"
META_TABLE = "_meta"
META_ID = "1"
SCHEMA_VERSION = 1

Data = dict[str, dict[str, dict[str, Any]]]

# MIGRATIONS[n] turns a schema-n database into a schema-(n + 1) one, in place.
MIGRATIONS: dict[int, Callable[[Data], None]] = {}


BOM = b"\xef\xbb\xbf"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(data: object) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class InvalidNetwork(ValueError):
    """The bytes are not an ln-tui network; the message says why, for the user."""


def new_database(created: str) -> Data:
    return {META_TABLE: {META_ID: {"app": APP_MARK, "schema": SCHEMA_VERSION, "created": created}}}


def parse(payload: bytes) -> Data:
    """Decode and validate a network file; raise `InvalidNetwork` saying what is wrong."""
    return parse_by_line(payload)[0]


def parse_by_line(payload: bytes) -> tuple[Data, bool]:
    """`parse`, and whether the file holds one table per line (`tables.by_line`)."""
    payload = payload.removeprefix(BOM)  # an editor may add one; it is never written back
    if not payload.strip():
        raise InvalidNetwork(_("the file is empty"))
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidNetwork(_("it is not UTF-8 text (byte {offset})").format(offset=error.start)) from None
    try:
        data = tables.by_line(text)
        by_line = data is not None
        if data is None:
            data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidNetwork(
            _("it is not valid JSON (line {line}, column {column}: it may be cut off)").format(
                line=error.lineno, column=error.colno
            )
        ) from None
    except RecursionError:
        raise InvalidNetwork(_("it is JSON nested too deeply to be a network")) from None
    check(data, payload)
    if not _surely_unique(payload, data):
        decoder, found = _finding_duplicates()
        data = tables.by_line(text, decoder) or decoder.decode(text)
        if found:
            data = WithDuplicates(data)
    return data, by_line


_KEY_WITH_SPACE = re.compile(rb'"[ \t\r\n]+:')


def _surely_unique(payload: bytes, data: object) -> bool:
    """Whether no key appears twice in any object of the JSON `payload` that `data` was parsed from,
    told without parsing again (much cheaper than parsing with `_finding_duplicates`, which a file
    needs only when this cannot tell).

    Every key in the text ends in `"` and `:`, with no space between when no `"` is followed by
    spaces and a colon; text inside strings can only add to the count of `":`. So when that count
    is the number of keys `data` holds, the text held no more keys than `data`: none twice. Files
    ln-tui writes pass, unless their text holds `":` (then they are parsed again, hook and all)."""
    if _KEY_WITH_SPACE.search(payload):
        return False
    keys, stack = 0, [data]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            keys += len(value)
            stack.extend(value.values())
        elif type(value) is list:
            stack.extend(value)
    return payload.count(b'":') == keys


class _Twice(dict[str, Any]):
    """A JSON object in which a key appears more than once (`keys` says which); it holds the last
    value of each, as `json.loads` would."""

    keys_twice: list[str]


class WithDuplicates(dict[str, Any]):
    """A parsed network in which some keys appear more than once: `validation.problems` names each,
    so that `check` lists them and an open for writing is refused, as for any record that cannot be
    used (a save would keep only one of each: RELIABILITY 21)."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.tables_twice = _twice(data)

    def duplicates(self) -> list[tuple[str, str, str]]:
        """Each duplicate key as (table, record id or "", a sentence for the user)."""
        found = [("", "", _('the table "{name}" appears twice').format(name=key)) for key in self.tables_twice]
        for table, docs in self.items():
            found += [
                (table, key, _('{table}: the key "{key}" appears twice').format(table=table, key=key))
                for key in _twice(docs)
            ]
            for key, doc in docs.items():
                found += [
                    (
                        table,
                        key,
                        _('{table} #{key}: the field "{field}" appears twice').format(
                            table=table, key=key, field=field
                        ),
                    )
                    for field in _twice_within(doc)
                ]
        return found


def _twice(value: object) -> list[str]:
    return [shown(key) for key in value.keys_twice] if isinstance(value, _Twice) else []


def _twice_within(value: object, path: str = "") -> list[str]:
    """The dotted path of each key that appears twice in `value` or anything nested in it."""
    found = [f"{path}{key}" for key in _twice(value)]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        if isinstance(child, dict | list):
            found += _twice_within(child, f"{path}{shown(str(key))}.")
    return found


def shown(key: str) -> str:
    """A key as the user can read it on one line: control characters escaped, cut short."""
    text = json.dumps(key, ensure_ascii=False)[1:-1]
    return text if len(text) <= 40 else text[:37] + "..."


def _finding_duplicates() -> tuple[json.JSONDecoder, list[int]]:
    """A decoder that builds objects as `json.loads` does and marks each with a key twice, and a list
    that is not empty once it found one. The hook runs for every object, so only at a full check,
    never for bytes checked before (`checked.py`)."""
    found: list[int] = []

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) != len(pairs):
            counts = Counter(key for key, _value in pairs)
            twice = _Twice(made)
            twice.keys_twice = [key for key, count in counts.items() if count > 1]
            found.append(1)
            return twice
        return made

    return json.JSONDecoder(object_pairs_hook=build), found


def check(data: Any, payload: bytes) -> None:
    """Raise `InvalidNetwork` unless `data`, decoded from the JSON `payload`, is an ln-tui network
    (a lone surrogate can only come from an escape in `payload`, so only then is it looked for)."""
    if _SURROGATE_ESCAPE.search(payload) and _has_lone_surrogate(data):
        raise InvalidNetwork(_("it holds text that is not valid Unicode (a lone surrogate)"))
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(key.isascii() and key.isdigit() and isinstance(doc, dict) for key, doc in table.items())
        for table in data.values()
    ):
        raise InvalidNetwork(_("it is JSON, but not a TinyDB database"))
    meta = data.get(META_TABLE, {}).get(META_ID)
    if not meta or meta.get("app") != APP_MARK or type(meta.get("schema")) is not int:
        raise InvalidNetwork(_("it is a TinyDB database, but not an ln-tui network"))
    if meta["schema"] < 1:
        raise InvalidNetwork(
            _("it names a file version ({version}) that no ln-tui writes").format(version=meta["schema"])
        )


def schema_of(data: Data) -> int:
    return int(data[META_TABLE][META_ID]["schema"])


def migrate(data: Data) -> None:
    """Bring an older database up to `SCHEMA_VERSION`, in place."""
    version = schema_of(data)
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](data)
        version += 1
        data[META_TABLE][META_ID]["schema"] = version
