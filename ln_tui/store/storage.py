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

Every ln-tui on a network file is a seat, and each save is an operation on the latest state:
under the short write lock (`lock.py`) the seat reads the file if its bytes are not the ones it
last read or wrote (compared by content: a hash, not only size and time), merges them into memory
record by record (`merge.py`, three ways: base = what this seat last read or wrote, theirs = the
file, ours = memory), writes and lets go. `follow()` merges another seat's save without the lock
(every save is an atomic rename, so a read sees a whole file). Only a file that cannot be merged
(not ln-tui's, a newer schema, records ln-tui cannot use) stops the saving: the state says so
(`conflict`) and the changes stay in memory until the user reloads or saves them as a copy
(RELIABILITY 15).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ln_tui.i18n import _
from ln_tui.store import merge, tables
from ln_tui.store.errors import FileInUse
from ln_tui.store.files import NotConfirmed, write_atomic
from ln_tui.store.lock import NetworkLock
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
    """What identifies the file last read or written: its stat signature and a hash of its bytes."""

    signature: tuple[int, ...]
    digest: bytes

    @classmethod
    def of(cls, path: Path, digest: bytes) -> DiskMark:
        """The file `path` now, whose bytes have the sha256 `digest`."""
        return cls(signature(os.stat(path)), digest)


def signature(info: os.stat_result) -> tuple[int, ...]:
    """Device, inode, size, modification and change time: any save by anyone changes one of them
    (the change time cannot be put back by a program), so following costs one `stat` when idle."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@dataclass(frozen=True)
class MergeNews:
    """What a merge brought: the tables another seat or program changed, and what the user must hear."""

    tables: frozenset[str]
    replaced: tuple[merge.Replaced, ...] = ()  # fields where this seat's later save replaced theirs
    kept: tuple[tuple[str, str], ...] = ()  # (table, id) edited on one side, deleted on the other: kept
    moved: tuple[tuple[str, str, str], ...] = ()  # (table, old id, new id) of this seat's colliding adds


@dataclass(frozen=True)
class Reading:
    """The file as `AtomicJSONStorage.read_followed` found it, to merge (`take_followed`)."""

    base: dict[str, UnparsedTable]  # the tables as this seat had last read or written them then
    on_disk: DiskMark | None  # the file this seat knew then
    mark: DiskMark  # the file read
    theirs: dict[str, UnparsedTable] | None = None  # its tables; None: the same bytes as `on_disk`
    parsed: dict[str, dict[str, Any]] = field(default_factory=dict)  # those that differ, parsed
    bases: dict[str, dict[str, Any]] = field(default_factory=dict)  # the base of each, parsed


class Unmergeable(Exception):
    """The file on disk cannot be merged (not ln-tui's, a newer schema, records ln-tui cannot use)."""


class AtomicJSONStorage(Storage):
    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        *,
        read_only: bool = False,
        lock: NetworkLock | None = None,
        payload: bytes | None = None,
        follows: bool = True,
    ) -> None:
        self.path = path
        self._data = data if isinstance(data, Tables) else Tables(data)
        self._read_only = read_only
        self.lock = lock
        self._serialized: dict[str, tuple[object, bytes]] = {}
        self._serialized_docs: dict[str, dict[str, tuple[object, str]]] = {}
        self._deferred = 0
        self._dirty = False
        self._unsaved = 0
        self._on_disk: DiskMark | None = None
        self._base: dict[str, UnparsedTable] = {}  # each table as this seat last read or wrote it
        self._records = tables.RecordCache()  # the records of the file's tables, parsed by follows
        self._cannot_lock: OSError | FileInUse | None = None  # why `locked` could not take the lock
        self._caught_up = False  # the file was read under the lock held now: no need to read it again
        self.written = False  # whether a save wrote the file since it was opened
        self.listeners: list[Listener] = []
        self.news: list[Callable[[MergeNews], None]] = []  # told after a merge brought something
        self.state = SaveState(saved=True, read_only=read_only)
        if follows:  # a look at one state of the file (present's snapshots) needs no base
            held = None if payload is None else tables.split(payload)
            self.rebase(held if held is not None else self._data)

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
        self._records.forget("")

    # -- saving ---------------------------------------------------------------------
    def invalidate(self, table: str, doc_id: int) -> None:
        """Forget the serialized form of a document that is about to change in place."""
        self._serialized.pop(table, None)
        self._serialized_docs.get(table, {}).pop(str(doc_id), None)
        self._records.forget(table, str(doc_id))

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

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock with the file merged in, so that the changes made inside are
        operations on the latest state (record ids are picked from it, so two seats never pick the
        same). Nested: held once. When the lock cannot be had or the file cannot be merged, the
        changes are made in memory all the same and the save that follows says why it failed."""
        if self.lock is None or self.lock.held or self._read_only:
            yield
            return
        try:
            self.lock.acquire()
        except (FileInUse, OSError) as busy:
            self._cannot_lock = busy  # the save inside says so at once, without waiting again
            try:
                yield
            finally:
                self._cannot_lock = None
            return
        try:
            try:
                self._catch_up()
                self._caught_up = True
            except (Unmergeable, OSError):
                pass
            yield
        finally:
            self._caught_up = False
            self.lock.release()

    def flush(self) -> bool:
        """Write pending changes to disk, merged with the file's; return whether everything is saved."""
        if not self._dirty:
            return True
        if self._read_only or self.lock is None:
            self._set_state(SaveState(saved=False, read_only=True, unsaved=self._unsaved))
            return False
        held_before = self.lock.held
        try:
            if self._cannot_lock is not None:
                raise self._cannot_lock
            if not held_before:
                self.lock.acquire()
            try:
                if not self._caught_up:
                    self._catch_up()
                payload = self.serialize()
                try:
                    write_atomic(self.path, payload)
                except NotConfirmed:
                    self._wrote(payload)  # renamed into place, the folder not confirmed: still the base
                    raise
                self._wrote(payload)
            finally:
                if not held_before:
                    self.lock.release()
        except Unmergeable as problem:
            self._set_state(SaveState(saved=False, error=str(problem), conflict=True, unsaved=self._unsaved))
            return False
        except FileInUse as busy:
            self._set_state(SaveState(saved=False, error=str(busy), unsaved=self._unsaved))
            return False
        except NotConfirmed as error:  # the file holds this payload: said so, and saved again (`flush`)
            self.written = True
            reason = error.strerror or str(error)
            self._set_state(SaveState(saved=False, error=reason, unsaved=self._unsaved, unconfirmed=True))
            return False
        except OSError as error:
            reason = error.strerror or str(error)
            self._set_state(SaveState(saved=False, error=reason, unsaved=self._unsaved))
            return False
        self.written = True
        self._dirty = False
        self._unsaved = 0
        self._set_state(SaveState(saved=True))
        return True

    def _wrote(self, payload: bytes) -> None:
        """The file now holds `payload`, written from memory: it is the new base."""
        digest = hashlib.sha256(payload).digest()
        try:
            self._on_disk = DiskMark.of(self.path, digest)
        except OSError:
            self._on_disk = None
        held = dict(self._data.held())
        base = {}
        for name, text in self._table_texts():
            table = held[name]
            old = self._base.get(name)
            if type(table) is UnparsedTable:
                base[name] = table
            elif old is not None and old.encoded() == text:
                base[name] = old
            else:
                base[name] = UnparsedTable(text)
        self._base = base

    def rebase(self, data: Tables) -> None:
        """Take `data` (as just read from the file) as what this seat last read."""
        base = {}
        for name, table in data.held():
            if type(table) is UnparsedTable:
                base[name] = table
            else:
                base[name] = UnparsedTable(json.dumps(table, separators=(",", ":")).encode("utf-8"))
        self._base = base

    # -- the other seats' and programs' changes ---------------------------------------------
    def mark_on_disk(self, digest: bytes) -> None:
        """Remember which file is on disk: the one just read or written, whose bytes have the sha256 `digest`."""
        try:
            self._on_disk = DiskMark.of(self.path, digest)
        except OSError:
            self._on_disk = None

    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer the one last read or written (compared by content)."""
        if self._on_disk is None:
            return False
        try:
            payload = self.path.read_bytes()
        except FileNotFoundError:
            return True
        return hashlib.sha256(payload).digest() != self._on_disk.digest

    def follow(self) -> bool:
        """Merge the file into memory if another seat or program saved it; whether anything came.
        Costs one `stat` when nothing changed. Never writes; a file that cannot be merged is left
        for the next save to report."""
        if self._on_disk is None or self._deferred:
            return False
        try:
            if signature(os.stat(self.path)) == self._on_disk.signature:
                return False
            return self._catch_up()
        except (OSError, Unmergeable):
            return False

    def follow_needed(self) -> bool:
        """Whether the file may hold another seat's save not merged yet (one `stat`): then
        `read_followed` (in any thread) and `take_followed` (where memory is changed) merge it."""
        if self._on_disk is None or self._deferred:
            return False
        try:
            return signature(os.stat(self.path)) != self._on_disk.signature
        except OSError:
            return False

    def read_followed(self) -> Reading | None:
        """Read, parse and check the file against what this seat last read or wrote, changing
        nothing here: the slow part of a follow, for a worker thread (the records it parses are
        only kept in `RecordCache`). None when it cannot be read or merged (the next save says why)."""
        base, on_disk = self._base, self._on_disk
        try:
            return self._read(base, on_disk)
        except (OSError, Unmergeable):
            return None

    def take_followed(self, reading: Reading) -> bool:
        """Merge a `read_followed` into memory; whether anything came. A reading made against
        another base (this seat saved meanwhile, merging the file itself) or while changes are
        being made (`batch`) is dropped: the next follow reads the file again."""
        if self._deferred or reading.base is not self._base or reading.on_disk is not self._on_disk:
            return False
        return self._apply(reading)

    def _catch_up(self) -> bool:
        """Read the file; if its bytes are not the ones last read or written, merge them into memory."""
        reading = self._read(self._base, self._on_disk)
        return reading is not None and self._apply(reading)

    def _read(self, base: dict[str, UnparsedTable], on_disk: DiskMark | None) -> Reading | None:
        """The file read and checked against `base`, the tables as last read or written, and
        `on_disk`, the file then; None when there is no file yet."""
        try:
            with open(self.path, "rb") as file:
                info = os.fstat(file.fileno())
                payload = file.read()
        except FileNotFoundError:
            if on_disk is None:
                return None  # a new network, not written yet
            raise Unmergeable(_("the file was removed or renamed by another program")) from None
        digest = hashlib.sha256(payload).digest()
        mark = DiskMark(signature(info), digest)
        if on_disk is not None and digest == on_disk.digest:
            return Reading(base, on_disk, mark)  # the same bytes (touched, or written again as they were)
        theirs, parsed, bases = self._read_theirs(payload, base)
        return Reading(base, on_disk, mark, theirs, parsed, bases)

    def _apply(self, reading: Reading) -> bool:
        """Merge what `_read` found into memory (theirs becomes the base); whether anything came."""
        if reading.theirs is None:
            self._on_disk = reading.mark
            return False
        news = self._merge(reading.theirs, reading.parsed, reading.bases)
        self._on_disk = reading.mark
        for listener in list(self.news):
            listener(news)
        return True

    def _read_theirs(
        self, payload: bytes, base_tables: dict[str, UnparsedTable]
    ) -> tuple[dict[str, UnparsedTable], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """The tables of the file, each as its JSON text, once the records that differ from the base
        passed the checks of an open; with the tables that differ, parsed, and the base of each
        (the records that did not change were checked when they were read or written here).
        Raise `Unmergeable` saying why the file cannot be merged."""
        from ln_tui.store import schema, validation

        held = None if payload.startswith(schema.BOM) else tables.split(payload)
        if held is None:
            try:
                data = schema.parse(payload)
            except schema.InvalidNetwork as problem:
                raise Unmergeable(str(problem)) from None
            changed: dict[str, Any] = dict(data)
            to_check: dict[str, Any] = changed
            bases: dict[str, dict[str, Any]] = {}
            theirs = {
                name: UnparsedTable(json.dumps(table, separators=(",", ":")).encode("utf-8"))
                for name, table in data.items()
            }
        else:
            theirs = dict(held.held())
            changed, to_check, bases = {}, {}, {}
            for name, table in theirs.items():
                old = base_tables.get(name)
                if old is None or old.encoded() != table.encoded():
                    try:
                        changed[name] = self._records.parse(name, table)
                    except (ValueError, RecursionError):
                        raise Unmergeable(_("it is not valid JSON")) from None
                    base = self._base_table(name, old)
                    if base is not None:
                        bases[name] = base
                        to_check[name] = {k: doc for k, doc in changed[name].items() if base.get(k) != doc}
                    else:
                        to_check[name] = changed[name]
            if schema.META_TABLE not in changed:
                meta = theirs.get(schema.META_TABLE)
                changed[schema.META_TABLE] = self._records.parse(schema.META_TABLE, meta) if meta is not None else {}
                to_check[schema.META_TABLE] = changed[schema.META_TABLE]
            try:  # the records that did not change passed this check when they were read or written
                schema.check({**to_check, schema.META_TABLE: changed[schema.META_TABLE]}, payload)
            except schema.InvalidNetwork as problem:
                raise Unmergeable(str(problem)) from None
        version = schema.schema_of(changed)
        if version != schema.SCHEMA_VERSION:
            raise Unmergeable(
                _("it was written by another version of ln-tui (file version {found})").format(found=version)
            )
        if problems := validation.problems(to_check):
            raise Unmergeable(_("it holds records ln-tui cannot use: {problem}").format(problem=problems[0]))
        return theirs, changed, bases

    def _base_table(self, name: str, base: UnparsedTable | None) -> dict[str, Any] | None:
        """The table `name` as this seat last read or wrote it (`base`), parsed (memory's own when
        it is that: tables in memory are replaced, never changed in place, so it stays that)."""
        if base is None:
            return None
        ours = dict.get(self._data, name)  # as held: an unparsed table is not parsed for this
        if isinstance(ours, dict) and self._as_written(name, ours, base):
            return ours
        return base.parse()

    def _merge(
        self,
        theirs: dict[str, UnparsedTable],
        parsed: dict[str, dict[str, Any]] | None = None,
        bases: dict[str, dict[str, Any]] | None = None,
    ) -> MergeNews:
        """Merge the file's tables into memory, three ways; theirs becomes the base."""
        changed, replaced, kept, moved = set(), [], [], []
        held = dict(self._data.held())
        for name in dict.fromkeys([*held, *theirs]):
            base_text = self._base.get(name)
            their_table = theirs.get(name)
            if their_table is not None and base_text is not None and their_table.encoded() == base_text.encoded():
                continue  # not changed by them: ours stands
            if their_table is None and base_text is None:
                continue  # a table only we made
            changed.add(name)
            ours = held.get(name)
            ours_unchanged = (ours is None and base_text is None) or (
                type(ours) is UnparsedTable and base_text is not None and ours.encoded() == base_text.encoded()
            )
            if ours_unchanged and their_table is not None:
                self._data.hold(name, their_table)
                continue
            their_dict = (parsed or {}).get(name) or (their_table.parse() if their_table is not None else {})
            if isinstance(ours, dict) and self._as_written(name, ours, base_text):
                # Not changed here since the base: theirs, keeping our documents that are equal to
                # theirs (their serialized form is cached: the next save writes them as they are).
                table = {key: ours[key] if ours.get(key) == doc else doc for key, doc in their_dict.items()}
                as_theirs = True
            else:
                base_table = (bases or {}).get(name) or (base_text.parse() if base_text is not None else {})
                our_dict = self._data[name] if ours is not None else {}
                result = merge.merge_table(name, base_table, our_dict, their_dict)
                replaced += result.replaced
                kept += [(name, key) for key in result.kept]
                moved += [(name, old, new) for old, new in result.moved.items()]
                table = result.table
                as_theirs = not (result.replaced or result.kept or result.moved) and table == their_dict
            self._data.hold(name, table)
            if as_theirs and their_table is not None:
                # Memory holds the file's table, record for record: it is as read, so the next follow
                # takes the fast way above and needs no base parsed (`_as_written`).
                self._serialized[name] = (table, their_table.encoded())
        self._base = dict(theirs)
        return MergeNews(frozenset(changed), tuple(replaced), tuple(kept), tuple(moved))

    def _as_written(self, name: str, table: dict[str, Any], base: UnparsedTable | None) -> bool:
        """Whether `table` (parsed in memory) is still what this seat last wrote or read as `base`."""
        cached = self._serialized.get(name)
        return base is not None and cached is not None and cached[0] is table and cached[1] == base.encoded()

    def replace_data(self, data: dict[str, Any], digest: bytes) -> None:
        """Take `data` (just read from the file, whose bytes have the sha256 `digest`) instead of what is in memory."""
        self._data.clear()
        self._data.update(data)
        self._serialized.clear()
        self._serialized_docs.clear()
        self._records.forget("")
        self._dirty = False
        self._unsaved = 0
        self.rebase(self._data)
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
