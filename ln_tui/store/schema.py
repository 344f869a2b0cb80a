"""The layout of a network file: validation, version and migrations.

A network file is a TinyDB JSON database (stock `TinyDB(path)` reads it) whose
`_meta` table holds one document: `{"app": "ln-tui", "schema": N, ...}`. ln-tui writes
it one table per line (`tables.py`); it reads any other layout as well.
"""

from __future__ import annotations

import json
import re
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
    return data, by_line


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
