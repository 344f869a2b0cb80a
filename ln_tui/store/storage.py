"""A TinyDB storage that keeps the database in memory and saves it atomically.

Stock `JSONStorage` re-reads and re-parses the whole file on every operation
and rewrites it in place. This one reads once, answers reads from memory, and
makes each write durable before returning (temp file, fsync, rename, fsync
folder). Only documents that changed are serialized again: TinyDB builds a new
dict for each document it inserts and a new dict for each table it changes, so
identity says what is stale. The one change made in place, TinyDB's `update`,
is announced first with `invalidate()` (the store does this for every update).

A failed save (disk full, I/O error) leaves the file as it was, keeps the
change in memory and reports the failure to the listeners; `flush()` retries.

The file holds one table per line (`tables.py`). A table not read since the file was opened is
written back as the bytes it was read as, without being parsed.

Before each save the file on disk is compared with the one last read or written
(inode, size, modification time and, when those differ, a hash of its bytes). If
another program changed it, nothing is written: the state says so (`conflict`)
and the changes stay in memory until the user reloads or saves them as a copy
(RELIABILITY 15).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ln_tui.i18n import _
from ln_tui.store import tables
from ln_tui.store.files import NotConfirmed, write_atomic
from ln_tui.store.tables import Tables, UnparsedTable


@dataclass(frozen=True)
class SaveState:
    """What the user needs to know about the file: is everything on disk?"""

    saved: bool
    error: str | None = None  # why the last save failed, if it did
    read_only: bool = False
    conflict: bool = False  # another program changed the file: nothing is written until the user chooses
    unsaved: int = 0  # how many changes are only in memory
    unconfirmed: bool = False  # the file holds them, but the disk did not confirm it: saving again


Listener = Callable[[SaveState], None]


@dataclass(frozen=True)
class DiskMark:
    """What identifies the file last read or written: inode, size, mtime and a hash of its bytes."""

    inode: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: Path, digest: bytes) -> DiskMark:
        """The file `path` now, whose bytes have the sha256 `digest`."""
        info = os.stat(path)
        return cls(info.st_ino, info.st_size, info.st_mtime_ns, digest)


class AtomicJSONStorage(Storage):
    def __init__(self, path: Path, data: dict[str, Any], *, read_only: bool = False) -> None:
        self.path = path
        self._data = data if isinstance(data, Tables) else Tables(data)
        self._read_only = read_only
        self._serialized: dict[str, tuple[object, bytes]] = {}
        self._serialized_docs: dict[str, dict[str, tuple[object, str]]] = {}
        self._deferred = 0
        self._dirty = False
        self._unsaved = 0
        self._on_disk: DiskMark | None = None
        self._attempted: bytes | None = None  # the hash of a payload whose save failed
        self.written = False  # whether a save wrote the file since it was opened
        self.listeners: list[Listener] = []
        self.state = SaveState(saved=True, read_only=read_only)

    # -- TinyDB's Storage interface -------------------------------------------------
    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data if isinstance(data, Tables) else Tables(data)
        self._dirty = True
        self._unsaved += 1
        if not self._deferred:
            self.flush()

    def close(self) -> None:
        self._serialized.clear()
        self._serialized_docs.clear()

    # -- saving ---------------------------------------------------------------------
    def invalidate(self, table: str, doc_id: int) -> None:
        """Forget the serialized form of a document that is about to change in place."""
        self._serialized.pop(table, None)
        self._serialized_docs.get(table, {}).pop(str(doc_id), None)

    def _serialize_table(self, name: str, table: dict[str, Any]) -> str:
        cached = self._serialized_docs.setdefault(name, {})
        pieces = []
        for doc_id, doc in table.items():
            entry = cached.get(doc_id)
            if entry is None or entry[0] is not doc:
                entry = cached[doc_id] = (doc, json.dumps(doc, separators=(",", ":")))
            pieces.append(f'"{doc_id}":{entry[1]}')
        if len(cached) > len(table):
            for doc_id in set(cached) - set(table):
                del cached[doc_id]
        return "{" + ",".join(pieces) + "}"

    def _table_texts(self) -> list[tuple[str, bytes]]:
        """Each table's name and JSON text: as read for a table not parsed, from the cache for a
        parsed one that did not change."""
        texts = []
        for name, table in self._data.held():
            if type(table) is UnparsedTable:
                texts.append((name, table.encoded()))
                continue
            cached = self._serialized.get(name)
            if cached is None or cached[0] is not table:
                cached = self._serialized[name] = (table, self._serialize_table(name, table).encode("utf-8"))
            texts.append((name, cached[1]))
        for name in set(self._serialized) - set(self._data.parsed()):
            del self._serialized[name]
            self._serialized_docs.pop(name, None)
        return texts

    def serialize(self) -> bytes:
        return tables.join(self._table_texts())

    def unparsed(self, name: str) -> UnparsedTable | None:
        """The table `name` as read from the file, if nothing has read it yet (`tables.split`)."""
        return self._data.unparsed(name)

    def parsed_tables(self) -> list[str]:
        """The tables parsed so far (read or changed); the others are held as the file's bytes."""
        return self._data.parsed()

    def written_tables(self) -> tuple[bytes, dict[str, bytes]] | None:
        """The sha256 of the payload last written and the JSON text in it of each table parsed in
        memory (the others are the bytes read from the file); None when the data in memory is
        not what was last written."""
        if self._dirty or self._on_disk is None:
            return None
        texts = self._table_texts()
        if hashlib.sha256(tables.join(texts)).digest() != self._on_disk.digest:
            return None
        parsed = set(self._data.parsed())
        return self._on_disk.digest, {name: text for name, text in texts if name in parsed}

    def flush(self) -> bool:
        """Write pending changes to disk; return whether everything is saved."""
        if not self._dirty:
            return True
        if self._read_only:
            self._set_state(SaveState(saved=False, read_only=True, unsaved=self._unsaved))
            return False
        reading_error: OSError | None = None
        try:
            changed = self.changed_on_disk()
        except OSError as error:  # the file cannot be read to compare: reported as the save's error
            changed, reading_error = False, error
        if changed:
            self._set_state(
                SaveState(
                    saved=False,
                    error=_("the file was changed by another program"),
                    conflict=True,
                    unsaved=self._unsaved,
                )
            )
            return False
        payload = self.serialize()
        try:
            if reading_error is not None:
                raise reading_error
            write_atomic(self.path, payload)
        except NotConfirmed as error:  # the file holds this payload: said so, and saved again (`flush`)
            self.mark_on_disk(hashlib.sha256(payload).digest())
            self.written = True
            reason = error.strerror or str(error)
            self._set_state(SaveState(saved=False, error=reason, unsaved=self._unsaved, unconfirmed=True))
            return False
        except OSError as error:
            # The rename may have happened before the error (a failed folder fsync): then the file
            # on disk holds this payload, which is no other program's change.
            self._attempted = hashlib.sha256(payload).digest()
            reason = error.strerror or str(error)
            self._set_state(SaveState(saved=False, error=reason, unsaved=self._unsaved))
            return False
        self.mark_on_disk(hashlib.sha256(payload).digest())
        self.written = True
        self._dirty = False
        self._unsaved = 0
        self._set_state(SaveState(saved=True))
        return True

    # -- another program's change ---------------------------------------------------------
    def mark_on_disk(self, digest: bytes) -> None:
        """Remember which file is on disk: the one just read or written, whose bytes have the sha256 `digest`."""
        try:
            self._on_disk = DiskMark.of(self.path, digest)
        except OSError:
            self._on_disk = None

    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer the one last read or written."""
        if self._on_disk is None:
            return False
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return True
        mark = self._on_disk
        if (info.st_ino, info.st_size, info.st_mtime_ns) == (mark.inode, mark.size, mark.mtime_ns):
            return False
        with open(self.path, "rb") as file:  # touched or copied back unchanged is no change
            digest = hashlib.sha256(file.read()).digest()
        same = digest in (mark.digest, self._attempted)
        if same:
            self._on_disk = DiskMark(info.st_ino, info.st_size, info.st_mtime_ns, digest)
        return not same

    def replace_data(self, data: dict[str, Any], digest: bytes) -> None:
        """Take `data` (just read from the file, whose bytes have the sha256 `digest`) instead of what is in memory."""
        self._data.clear()
        self._data.update(data)
        self._serialized.clear()
        self._serialized_docs.clear()
        self._dirty = False
        self._unsaved = 0
        self.mark_on_disk(digest)
        self._set_state(SaveState(saved=True))

    def _set_state(self, state: SaveState) -> None:
        self.state = state
        for listener in list(self.listeners):
            listener(state)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every write inside one save; an exception undoes them all."""
        outermost = not self._deferred
        # The tables not read yet are shared, not copied: their bytes never change.
        before = (copy.deepcopy(self._data), self._dirty) if outermost else None
        self._deferred += 1
        try:
            yield
        except BaseException:
            if before is not None:
                self._data.restore(before[0])
                self._dirty = before[1]
            raise
        finally:
            self._deferred -= 1
        if not self._deferred:
            self.flush()

    @contextmanager
    def deferred(self, *, save: bool = True) -> Iterator[None]:
        """Make every write inside one save, without `batch`'s copy for undoing: for writes that
        are each whole by themselves (an exception keeps the ones made before it). With
        `save=False` they wait for the next save (any write's, or `flush`)."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
            if not self._deferred and save:
                self.flush()
