"""The one API the screens use to read and change a network file."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from ln_tui.model import Meeting, Member, NetworkProfile, Note
from ln_tui.portable import CLOEXEC
from ln_tui.records import dump_value, from_record, text_searchable, to_record
from ln_tui.store import checked, merge, schema, tables, validation
from ln_tui.store.errors import (
    CannotOpen,
    CannotRestore,
    CorruptFile,
    HardLinked,
    InvalidRecords,
    NewerSchema,
    NoBackup,
    SoundFile,
)
from ln_tui.store.files import temp_prefix, write_atomic
from ln_tui.store.lock import NetworkLock
from ln_tui.store.storage import AtomicJSONStorage, Listener, MergeNews, SaveState

R = TypeVar("R")
builtins_id = id  # the methods below name their record's id `id`


# How many good states of a file are kept: FILE.bak.1 (the newest) to FILE.bak.5.
KEEP_BACKUPS = 5
# Where a seat's later save leaves what it replaced, for the seat that wrote it; the last few.
REPLACED_SETTING = "replaced"
KEEP_NOTICES = 20


def backup_path(path: Path, number: int = 1) -> Path:
    """Where the `number`th newest good state of `path` is kept (1: the newest)."""
    return path.with_name(f"{path.name}.bak.{number}")


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file itself, every symbolic link resolved once: data, lock and backups live beside it."""
    return Path(os.path.realpath(Path(path).expanduser()))


@dataclass(frozen=True)
class Backup:
    number: int
    path: Path
    saved: datetime  # when this state was kept
    sound: bool  # whether it passes validation


class Repo(Generic[R]):
    """The records of one dataclass, kept in the TinyDB table named by its `TABLE`."""

    def __init__(self, store: NetworkStore, cls: type[R]) -> None:
        self._cls = cls
        self._store = store
        self._storage = store._storage
        self._name: str = cls.TABLE  # type: ignore[attr-defined]  # R is any record dataclass: each has TABLE (records.py)
        # The document each record object was built from (by its id()), to make an update an
        # operation on the latest state: only the fields this seat changed are written.
        self._read_as: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}
        self._mine: dict[str, dict[str, Any]] = {}  # the document this seat wrote last, by id
        self.attach(store._db)

    def attach(self, db: TinyDB) -> None:
        """Read and write through `db` (a fresh one after the file was read again)."""
        self._table = db.table(self._cls.TABLE)  # type: ignore[attr-defined]  # every record dataclass has TABLE

    def _built(self, doc: dict[str, Any], id: int) -> R:
        record = from_record(self._cls, doc, id)
        key = builtins_id(record)
        read_as = self._read_as
        read_as[key] = (weakref.ref(record, lambda _ref: read_as.pop(key, None)), doc)
        return record

    def _doc_read_as(self, record: R) -> dict[str, Any] | None:
        entry = self._read_as.get(builtins_id(record))
        return entry[1] if entry is not None and entry[0]() is record else None

    def all(self) -> list[R]:
        table = self._storage.read().get(self._name, {})
        return [self._built(doc, int(key)) for key, doc in table.items()]

    def all_reusing(self, kept: Iterable[R]) -> list[R]:
        """All records, as `all()`, reusing each of `kept` whose document is the one it was built
        from: after another seat's save only the records it changed are built again (the merge
        keeps an unchanged document as it was). A board of hundreds of items followed while phones
        post: 17 ms a follow for `all()`, well under 1 ms this way."""
        by_doc: dict[int, R] = {}
        for record in kept:
            doc = self._doc_read_as(record)
            if doc is not None:
                by_doc[builtins_id(doc)] = record
        table = self._storage.read().get(self._name, {})
        return [by_doc.get(builtins_id(doc)) or self._built(doc, int(key)) for key, doc in table.items()]

    def get(self, id: int) -> R | None:
        doc = self._storage.read().get(self._name, {}).get(str(id))
        return None if doc is None else self._built(doc, id)

    def where(self, **equal: Any) -> list[R]:
        """The records whose fields equal the given values (compared as stored: only matches are
        built, and only they are copied out of TinyDB, whose `all()` copies every document)."""
        stored = {key: dump_value(value) for key, value in equal.items()}
        ((field, value),) = stored.items() if len(stored) == 1 else (("", ""),)
        if (value is None or type(value) is int) and text_searchable(self._cls, field):  # type: ignore[arg-type]  # a class is hashable; mypy does not see type[R] as Hashable
            unparsed = self._storage.unparsed(self._name)  # a table not read yet: only matches are parsed
            found = None if unparsed is None else unparsed.documents_where(field, value)
            if found is not None:
                return [self._built(doc, int(key)) for key, doc in found.items()]
        table = self._storage.read().get(self._name, {})  # the documents themselves: none is copied
        return [
            self._built(doc, int(key))
            for key, doc in table.items()
            if all(doc.get(name) == wanted for name, wanted in stored.items())
        ]

    def add(self, record: R) -> R:
        if getattr(record, "seat", None) == "" and self._store.seat_name:
            record.seat = self._store.seat_name  # type: ignore[attr-defined]  # checked just above
        with self._store.changing():
            record.id = self._table.insert(to_record(record))  # type: ignore[attr-defined]  # every record has an id field
            self._mine[str(record.id)] = self._storage.read()[self._name][str(record.id)]  # type: ignore[attr-defined]  # as above
        return record

    def add_many(self, records: list[R]) -> list[R]:
        with self._store.changing():
            ids = self._table.insert_multiple([to_record(r) for r in records])
        for record, id in zip(records, ids, strict=True):
            record.id = id  # type: ignore[attr-defined]  # every record has an id field
        return records

    def update(self, record: R) -> R:
        """Write the fields this seat changed in `record` since it was read, over the latest state:
        a field another seat changed meanwhile and this seat did not keeps the other seat's value;
        one both changed takes this (the later) value, and the value it replaced is kept
        (`NetworkStore.replaced`) so that its seat is told and can put it back."""
        id = record.id  # type: ignore[attr-defined]  # every record has an id field
        with self._store.changing():
            tables = self._storage.read()
            current = tables.get(self._name, {}).get(str(id)) if id is not None else None
            if current is None:
                raise KeyError(id)
            new = to_record(record)
            base = self._doc_read_as(record)
            news = merge.TableMerge({})
            if base is None or current is base or current is self._mine.get(str(id)):
                # Not changed by another seat since it was read, or last changed by this seat (an
                # undo puts back its own older copy): written as it is.
                doc = new
            else:
                doc = merge.merge_doc(self._name, str(id), base, new, current, news)
            table = dict(tables[self._name])
            table[str(id)] = doc
            tables[self._name] = table
            self._table.clear_cache()
            self._store.note_own_change(self._name, str(id), base or current, doc, news.replaced)
            self._storage.write(tables)
        self._mine[str(id)] = doc
        if doc != new:  # the other seats' changes to other fields: the caller's record shows them
            vars(record).update(vars(from_record(self._cls, doc, id)))
        key = builtins_id(record)
        read_as = self._read_as
        read_as[key] = (weakref.ref(record, lambda _ref: read_as.pop(key, None)), doc)
        return record

    def modify(self, id: int, change: Callable[[R], object]) -> R:
        """Apply `change` to the record as it is now, every other seat's saves merged in first: an
        operation on the latest state (a vote counts even when another seat voted a moment before)."""
        with self._store.changing():
            record = self.get(id)
            if record is None:
                raise KeyError(id)
            change(record)
            return self.update(record)

    def restore(self, record: R) -> R:
        """Put a removed record back under its old id (undo)."""
        with self._store.changing():
            if self._table.contains(doc_id=record.id):  # type: ignore[attr-defined]  # every record has an id field
                return self.update(record)
            self._table.insert(Document(to_record(record), doc_id=record.id))  # type: ignore[attr-defined]  # as above
        return record

    def remove(self, id: int) -> None:
        with self._store.changing():
            if self._table.contains(doc_id=id):
                self._table.remove(doc_ids=[id])

    def __len__(self) -> int:
        return len(self._table)


class NetworkStore:
    """An open network file: typed repositories, the profile and settings, the save state."""

    def __init__(self, path: Path, db: TinyDB, storage: AtomicJSONStorage, lock: NetworkLock | None):
        self.path = path
        self._db = db
        self._storage = storage
        self._lock = lock
        self._repos: dict[type, Repo[Any]] = {}
        self._merged = False  # a merge changed the tables under TinyDB: its tables are made afresh
        self.news: list[MergeNews] = []  # what merges brought since the app last looked (`take_news`)
        # This seat's own last writes, (table, id, field) -> value: a value another seat's later
        # save replaced is recognised as ours when its notice comes (`replaced`).
        self.own_writes: dict[tuple[str, str, str], Any] = {}
        self.seat_id = f"{os.getpid()}-{id(self):x}"  # this seat, among the others on the file
        # Epoch seconds for what is derived from the file at the time it is read (a running turn's
        # time so far in the minutes); the app gives it its own (`LnApp(wall_clock=...)`).
        self.wall_clock: Callable[[], float] = time.time
        storage.news.append(self._merged_in)
        self.problems: list[str] = []  # records left out of a read-only look, one sentence each
        self.members: Repo[Member] = self.repo(Member)
        self.meetings: Repo[Meeting] = self.repo(Meeting)
        self.notes: Repo[Note] = self.repo(Note)

    # -- opening and closing ---------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        lock_timeout: float = 0.0,
    ) -> NetworkStore:
        """Open (or create) a network file, taking its lock unless `read_only`.

        `path` is resolved once: through a symbolic link, the real file is opened, saved, locked
        and backed up. Raises `FileInUse`, `CorruptFile`, `InvalidRecords`, `NewerSchema`,
        `CannotOpen` (the operating system refused: a full disk...) or `FileNotFoundError`.
        """
        path = real_path(path)
        lock = None if read_only else NetworkLock(path)
        if not read_only:
            with contextlib.suppress(FileNotFoundError):
                if (names := os.stat(path).st_nlink) > 1:
                    raise HardLinked(path, names)  # two names, one file: never split by a save
        try:
            if lock is not None:
                lock.acquire(lock_timeout or None)
            data, digest, problems, payload = cls._load(path, create=create, read_only=read_only)
            storage = AtomicJSONStorage(path, data, read_only=read_only, lock=lock, payload=payload)
            db = TinyDB(storage=lambda: storage)
            store = cls(path, db, storage, lock)
            store.problems = problems
            if digest is None:
                if not read_only:
                    storage.write(data)
            else:
                storage.mark_on_disk(digest)
        except BaseException as error:
            if isinstance(error, OSError) and not isinstance(error, FileNotFoundError):
                raise CannotOpen(path, error.strerror or str(error)) from None
            raise
        finally:
            if lock is not None:
                lock.release()
        return store

    @staticmethod
    def _load(
        path: Path, *, create: bool, read_only: bool
    ) -> tuple[schema.Data, bytes | None, list[str], bytes | None]:
        """The data of `path`, the sha256 of the bytes it was read from (None: a new file),
        read-only, the records left out because they cannot be used, and the bytes read when the
        data was parsed from them (not split: the storage keeps them as the base of its merges).

        Bytes that passed the full check before (`checked`) are not checked again, and if they hold
        one table per line each table is parsed when first read; any others are checked in full,
        and for writing they are marked as checked once they pass."""
        try:
            payload = path.read_bytes()
        except FileNotFoundError:
            if not create or read_only:
                raise
            return schema.new_database(datetime.now().isoformat(timespec="seconds")), None, [], None
        except OSError as error:
            raise CorruptFile(path, error.strerror or str(error)) from None
        digest = hashlib.sha256(payload).digest()
        data = _checked_before(path, payload, digest)
        fully_checked = data is None
        if data is None:
            try:
                data, by_line = schema.parse_by_line(payload)
            except schema.InvalidNetwork as problem:
                raise CorruptFile(path, str(problem), _usable_backup(path)) from None
            version = schema.schema_of(data)
            if version > schema.SCHEMA_VERSION and not read_only:
                raise NewerSchema(path, version, schema.SCHEMA_VERSION)
            if version > schema.SCHEMA_VERSION:  # read-only: shown as it is
                return data, digest, [], payload
            if version < schema.SCHEMA_VERSION:
                schema.migrate(data)  # in memory; written below only once it passed validation
            if problems := validation.problems(data):
                if read_only:
                    return validation.without_bad_records(data), digest, problems, payload
                raise InvalidRecords(path, problems)
            if read_only:
                return data, digest, [], payload
            if version < schema.SCHEMA_VERSION:
                write_atomic(path.with_name(f"{path.name}.v{version}.bak"), payload)
                payload, by_line = json_bytes(data), True
                write_atomic(path, payload)
                digest = hashlib.sha256(payload).digest()
            elif payload.startswith(schema.BOM):
                payload = payload.removeprefix(schema.BOM)
                write_atomic(path, payload)
                digest = hashlib.sha256(payload).digest()
        elif read_only:
            return data, digest, [], None
        for stale in path.parent.glob(f"{temp_prefix(path)}*.tmp"):  # left by a crash; we hold the lock
            stale.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # a full disk must not keep the facilitator from opening the network
            keep_good_state(path, payload)
        if fully_checked:
            checked.remember_checked(path, digest, by_line=by_line)
        return data, digest, [], payload if fully_checked else None

    def close(self) -> None:
        try:
            self._storage.flush()
            if not self.read_only:
                self._remember_checked()
        finally:
            self._db.close()

    def _remember_checked(self) -> None:
        """Mark the file ln-tui wrote last as checked, so that the next open need not check it: only
        when every change is saved, and after the tables parsed in memory pass the check an open
        makes, each parsed again from the bytes written (the others were written as the bytes
        checked at open)."""
        if not self._storage.written or not self._storage.state.saved:
            return
        written = self._storage.written_tables()
        if written is None:
            return
        digest, texts = written
        try:
            data = {name: json.loads(text) for name, text in texts.items()}
            schema.check(data, b"".join(texts.values()))
        except (ValueError, RecursionError):  # a problem the next open names with a full check
            return
        if schema.schema_of(data) == schema.SCHEMA_VERSION and not validation.problems(data):
            checked.remember_checked(self.path, digest, by_line=True)  # as the storage writes it

    def __enter__(self) -> NetworkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- records -----------------------------------------------------------------------
    def repo(self, cls: type[R]) -> Repo[R]:
        """The repository of a record class (a dataclass with `TABLE` and `id`)."""
        if cls not in self._repos:
            self._repos[cls] = Repo(self, cls)
        return self._repos[cls]

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Make the changes inside an operation on the latest state: the write lock is held and
        the file merged in first (another seat's records, the next free ids), then saved once."""
        with self._storage.locked():
            self._fresh_tables()
            yield

    def _fresh_tables(self) -> None:
        """After a merge, TinyDB's tables are made again: they remember the next free id."""
        if not self._merged:
            return
        self._merged = False
        self._db = TinyDB(storage=lambda: self._storage)
        for repo in self._repos.values():
            repo.attach(self._db)

    def _merged_in(self, news: MergeNews) -> None:
        self._merged = True
        self.news.append(news)

    def follow(self) -> bool:
        """Merge another seat's or program's save, if there was one since (one `stat` when not);
        whether anything came. The app calls it a few times a second."""
        changed = self._storage.follow()
        if changed:
            self._fresh_tables()
        return changed

    async def follow_off_loop(self, merge_now: Callable[[], bool] = lambda: True) -> bool:
        """`follow`, with the slow part (reading, parsing and checking the file) in a worker thread:
        only the merge into memory runs on the event loop, between keystrokes, and only if
        `merge_now()` still says so once the reading is done. Whether anything came."""
        if not self._storage.follow_needed():
            return False
        reading = await asyncio.to_thread(self._storage.read_followed)
        changed = reading is not None and merge_now() and self._storage.take_followed(reading)
        if changed:
            self._fresh_tables()
        return changed

    def take_news(self) -> list[MergeNews]:
        """What the merges brought since the last call (and forget it)."""
        news, self.news = self.news, []
        return news

    def note_own_change(
        self, table: str, key: str, before: dict[str, Any], after: dict[str, Any], replaced: list[merge.Replaced]
    ) -> None:
        """Remember the fields this seat wrote (so that another seat's later save over them is
        recognised as replacing ours), and leave a notice of the values this save replaced."""
        for field_name, value in after.items():
            if before.get(field_name, merge.MISSING) != value:
                self.own_writes[(table, key, field_name)] = value
        if len(self.own_writes) > 500:
            for old in list(self.own_writes)[:100]:
                del self.own_writes[old]
        if replaced:
            notices = list(self.setting(REPLACED_SETTING) or [])
            notices += [
                {
                    "table": r.table,
                    "id": r.key,
                    "field": r.field,
                    "was": r.theirs,
                    "now": r.ours,
                    "by": self.seat_name,
                    "seat": self.seat_id,
                }
                for r in replaced
            ]
            self._set_meta(REPLACED_SETTING, notices[-KEEP_NOTICES:])

    def replaced_for_me(self) -> list[dict[str, Any]]:
        """The notices of another seat's later save over a value this seat wrote, not told before."""
        found = []
        for notice in self.setting(REPLACED_SETTING) or []:
            key = (notice.get("table"), notice.get("id"), notice.get("field"))
            if (
                key in self.own_writes
                and self.own_writes[key] == notice.get("was")
                and notice.get("seat") != self.seat_id
            ):
                found.append(notice)
                del self.own_writes[key]  # told once
        return found

    def set_field(self, table: str, key: str, field_name: str, value: Any) -> None:
        """One field of one record, as an operation on the latest state (putting a replaced value back)."""
        with self.changing():
            tables = self._storage.read()
            current = tables.get(table, {}).get(key)
            if current is None:
                return
            docs = dict(tables[table])
            docs[key] = {**current, field_name: value}
            tables[table] = docs
            self._db.table(table).clear_cache()
            self.own_writes[(table, key, field_name)] = value
            self._storage.write(tables)

    seat_name = ""  # who this seat is ("Sofie: notes"), as the others are told

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group changes into one save: all of them happen, or (on an exception) none."""
        with self.changing(), self._storage.batch():
            yield

    @contextmanager
    def saved_together(self, *, save: bool = True) -> Iterator[None]:
        """Group independent changes into one save (no undo on error, so no copy of the whole
        network first: the room saves each burst of phones' writes this way). With `save=False`
        they are left for the next save: the room writes a burst in steps and saves it with the last."""
        with self.changing(), self._storage.deferred(save=save):
            yield

    # -- the profile and settings ---------------------------------------------------------
    def profile(self) -> NetworkProfile:
        return self.repo(NetworkProfile).get(1) or NetworkProfile()

    def save_profile(self, profile: NetworkProfile) -> None:
        repo = self.repo(NetworkProfile)
        with self.changing():
            profile.id = 1
            if repo.get(1) is None:
                repo.restore(profile)
            else:
                repo.update(profile)

    def setting(self, key: str, default: Any = None) -> Any:
        meta: dict[str, Any] = self._db.table(schema.META_TABLE).get(doc_id=1) or {}
        return meta.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.changing():
            self._set_meta(key, value)

    def _set_meta(self, key: str, value: Any) -> None:
        """One setting, as an operation on the latest state: the other settings are left as they are."""
        tables = self._storage.read()
        meta = dict(tables[schema.META_TABLE])
        meta[schema.META_ID] = {**meta[schema.META_ID], key: value}
        tables[schema.META_TABLE] = meta
        self._db.table(schema.META_TABLE).clear_cache()
        self._storage.write(tables)

    @property
    def schema_version(self) -> int:
        return int(self.setting("schema"))

    @property
    def current_meeting(self) -> Meeting | None:
        """The meeting chosen as current, or else the next one to come, or else the last."""
        chosen = self.setting("current_meeting_id")
        if chosen is not None and (meeting := self.meetings.get(chosen)) is not None:
            return meeting
        meetings = sorted(self.meetings.all(), key=lambda m: (m.date, m.time))
        today = datetime.now().date().isoformat()
        upcoming = [m for m in meetings if m.date >= today]
        return upcoming[0] if upcoming else (meetings[-1] if meetings else None)

    def set_current_meeting(self, meeting_id: int | None) -> None:
        self.set_setting("current_meeting_id", meeting_id)

    def add_note(
        self, text: str, meeting_id: int | None, context: dict[str, int] | None = None, *, home: str = ""
    ) -> Note:
        note = Note(meeting_id, text, datetime.now().isoformat(timespec="seconds"), context or {}, home=home)
        return self.notes.add(note)

    # -- saving -------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def save_state(self) -> SaveState:
        return self._storage.state

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after each save attempt; returns a function that unsubscribes."""
        self._storage.listeners.append(listener)
        return lambda: self._storage.listeners.remove(listener)

    def retry_save(self) -> bool:
        """Try again to write changes a failed save kept in memory (never over another program's change)."""
        return self._storage.flush()

    @property
    def unsaved_changes(self) -> int:
        """How many changes are only in memory (lost if the file on disk is reloaded)."""
        return self._storage.state.unsaved if not self._storage.state.saved else 0

    def reload(self) -> None:
        """Read the file on disk again, dropping the changes only in memory (after another program's change)."""
        try:
            payload = self.path.read_bytes()
            data = schema.parse(payload)
        except OSError as error:
            raise CorruptFile(self.path, error.strerror or str(error)) from None
        except schema.InvalidNetwork as problem:
            raise CorruptFile(self.path, str(problem), _usable_backup(self.path)) from None
        if schema.schema_of(data) != schema.SCHEMA_VERSION:
            raise NewerSchema(self.path, schema.schema_of(data), schema.SCHEMA_VERSION)
        if problems := validation.problems(data):
            raise InvalidRecords(self.path, problems)
        self._storage.replace_data(data, hashlib.sha256(payload).digest())
        self._db = TinyDB(storage=lambda: self._storage)
        for repo in self._repos.values():
            repo.attach(self._db)

    def save_copy(self) -> Path:
        """Write what is in memory to a new file beside the network, then reload the network; return the copy."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        stem, suffix = (self.path.stem, self.path.suffix) if self.path.suffix else (self.path.name, "")
        for attempt in range(1, 1000):
            copy = self.path.with_name(f"{stem}.mine-{stamp}{f'-{attempt}' if attempt > 1 else ''}{suffix}")
            try:
                fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | CLOEXEC, 0o600)
            except FileExistsError:
                continue
            os.close(fd)
            break
        try:
            write_atomic(copy, self._storage.serialize())
        except OSError:
            copy.unlink(missing_ok=True)
            raise
        self.reload()
        return copy

    def parsed_tables(self) -> list[str]:
        """The tables parsed so far; the others are still the file's bytes (for tests and benchmarks)."""
        return self._storage.parsed_tables()

    def has_records(self, table: str) -> bool:
        """Whether the table named `table` holds a record (without building any)."""
        return len(self._db.table(table)) > 0

    def counts(self) -> dict[str, int]:
        """How many records each table holds (for `ln-tui check`)."""
        return {name: len(self._db.table(name)) for name in sorted(self._db.tables())}


def json_bytes(data: schema.Data) -> bytes:
    """The bytes of a network file holding `data`, one table per line."""
    return tables.join((name, json.dumps(table, separators=(",", ":")).encode()) for name, table in data.items())


def _checked_before(path: Path, payload: bytes, digest: bytes) -> schema.Data | None:
    """The data of a file whose exact bytes (sha256 `digest`) passed the full check before, by
    today's rules, each table parsed when first read if they hold one table per line; None for
    any other file."""
    mark = None if payload.startswith(schema.BOM) else checked.checked_before(path, digest)
    if mark is None:
        return None
    try:
        data = (tables.split(payload) if mark.by_line else None) or schema.parse(payload)
        current = schema.schema_of(data) == schema.SCHEMA_VERSION  # parses _meta
    except (ValueError, LookupError, TypeError, RecursionError):  # not for bytes that passed: the full check names it
        return None
    return data if current else None


def keep_good_state(path: Path, payload: bytes) -> None:
    """Keep `payload` (a file that passed validation) as FILE.bak.1, the older ones moved down;
    the fifth newest is the last one kept. A state already kept as the newest is not kept twice."""
    newest = backup_path(path)
    with contextlib.suppress(OSError):
        if _holds(newest, payload):
            return
    for number in range(KEEP_BACKUPS - 1, 0, -1):
        older = backup_path(path, number)
        if older.exists():
            os.replace(older, backup_path(path, number + 1))
    write_atomic(newest, payload)


def _holds(path: Path, payload: bytes, piece: int = 1 << 18) -> bool:
    """Whether the file `path` holds exactly `payload`, read a piece at a time: at each open the
    newest backup is compared with the network, and reading it whole took a second copy of the
    network in memory for a moment (a peak that grows with the file)."""
    with open(path, "rb") as file:
        if os.fstat(file.fileno()).st_size != len(payload):
            return False
        for offset in range(0, len(payload), piece):
            if file.read(piece) != payload[offset : offset + piece]:
                return False
        return not file.read(1)


def is_sound(payload: bytes) -> bool:
    """Whether these bytes are a network ln-tui can open for writing."""
    try:
        data = schema.parse(payload)
    except schema.InvalidNetwork:
        return False
    return schema.schema_of(data) <= schema.SCHEMA_VERSION and not validation.problems(data)


def backups(path: str | os.PathLike[str]) -> list[Backup]:
    """The kept states of a network, newest first, with when they were kept and whether they are sound."""
    path = real_path(path)
    found = []
    candidates = [(number, backup_path(path, number)) for number in range(1, KEEP_BACKUPS + 1)]
    candidates.append((KEEP_BACKUPS + 1, path.with_name(path.name + ".bak")))  # the one kept before FILE.bak.1-5
    for number, kept in candidates:
        try:
            payload = kept.read_bytes()
            when = datetime.fromtimestamp(kept.stat().st_mtime)
        except OSError:
            continue
        found.append(Backup(number, kept, when, is_sound(payload)))
    return found


def _usable_backup(path: Path) -> Path | None:
    return next((backup.path for backup in backups(path) if backup.sound), None)


def restore_backup(path: str | os.PathLike[str], number: int | None = None, *, force: bool = False) -> Path | None:
    """Put a kept state back (the newest sound one, or number `number`); return where the
    replaced file was kept (None if there was none).

    A sound file is replaced only with `force`. There is never a moment without the file: the
    replaced file is copied aside first, then the kept state renamed over it.
    """
    path = real_path(path)
    chosen = [b for b in backups(path) if b.sound and (number is None or b.number == number)]
    if not chosen:
        raise NoBackup(path)
    lock = NetworkLock(path)
    lock.acquire()
    try:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current is not None and is_sound(current) and not force:
            raise SoundFile(path)
        payload = chosen[0].path.read_bytes()
        kept = None
        if current is not None:
            kind = "replaced" if is_sound(current) else "damaged"
            kept = path.with_name(f"{path.name}.{kind}-{time.strftime('%Y%m%d-%H%M%S')}")
            write_atomic(kept, current)
        write_atomic(path, payload)
        return kept
    except OSError as error:
        raise CannotRestore(path, error.strerror or str(error)) from None
    finally:
        lock.release()
