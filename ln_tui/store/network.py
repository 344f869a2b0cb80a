"""The one API the screens use to read and change a network file."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from ln_tui.model import Meeting, Member, NetworkProfile, Note
from ln_tui.records import dump_value, from_record, to_record
from ln_tui.store import schema
from ln_tui.store.errors import CorruptFile, NewerSchema, NoBackup
from ln_tui.store.files import write_atomic
from ln_tui.store.lock import NetworkLock
from ln_tui.store.storage import AtomicJSONStorage, Listener, SaveState

R = TypeVar("R")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class Repo(Generic[R]):
    """The records of one dataclass, kept in the TinyDB table named by its `TABLE`."""

    def __init__(self, db: TinyDB, storage: AtomicJSONStorage, cls: type[R]) -> None:
        self._cls = cls
        self._storage = storage
        self._table = db.table(cls.TABLE)  # type: ignore[attr-defined]

    def all(self) -> list[R]:
        return [from_record(self._cls, doc, doc.doc_id) for doc in self._table.all()]

    def get(self, id: int) -> R | None:
        doc = self._table.get(doc_id=id)
        return None if doc is None else from_record(self._cls, doc, id)  # type: ignore[arg-type]

    def where(self, **equal: Any) -> list[R]:
        """The records whose fields equal the given values (compared as stored: only matches are built)."""
        stored = {key: dump_value(value) for key, value in equal.items()}
        return [
            from_record(self._cls, doc, doc.doc_id)
            for doc in self._table.all()
            if all(doc.get(key) == value for key, value in stored.items())
        ]

    def add(self, record: R) -> R:
        record.id = self._table.insert(to_record(record))  # type: ignore[attr-defined]
        return record

    def add_many(self, records: list[R]) -> list[R]:
        ids = self._table.insert_multiple([to_record(r) for r in records])
        for record, id in zip(records, ids, strict=True):
            record.id = id  # type: ignore[attr-defined]
        return records

    def update(self, record: R) -> R:
        id = record.id  # type: ignore[attr-defined]
        if id is None or not self._table.contains(doc_id=id):
            raise KeyError(id)
        self._storage.invalidate(self._table.name, id)
        self._table.update(to_record(record), doc_ids=[id])
        return record

    def restore(self, record: R) -> R:
        """Put a removed record back under its old id (undo)."""
        self._table.insert(Document(to_record(record), doc_id=record.id))  # type: ignore[attr-defined]
        return record

    def remove(self, id: int) -> None:
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

        Raises `FileInUse`, `CorruptFile`, `NewerSchema` or `FileNotFoundError`.
        """
        path = Path(path).absolute()
        lock = None if read_only else NetworkLock(path)
        if lock is not None:
            lock.acquire(lock_timeout)
        try:
            data = cls._load(path, create=create, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        storage = AtomicJSONStorage(path, data, read_only=read_only)
        db = TinyDB(storage=lambda: storage)
        store = cls(path, db, storage, lock)
        if not path.exists() and not read_only:
            storage.write(data)
        return store

    @staticmethod
    def _load(path: Path, *, create: bool, read_only: bool) -> schema.Data:
        try:
            payload = path.read_bytes()
        except FileNotFoundError:
            if not create or read_only:
                raise
            return schema.new_database(datetime.now().isoformat(timespec="seconds"))
        except OSError as error:
            raise CorruptFile(path, error.strerror or str(error)) from None
        try:
            data = schema.parse(payload)
        except schema.InvalidNetwork as problem:
            raise CorruptFile(path, str(problem), _usable_backup(path)) from None
        version = schema.schema_of(data)
        if version > schema.SCHEMA_VERSION and not read_only:
            raise NewerSchema(path, version, schema.SCHEMA_VERSION)
        if read_only:
            return data
        if version < schema.SCHEMA_VERSION:
            write_atomic(path.with_name(f"{path.name}.v{version}.bak"), payload)
            schema.migrate(data)
            write_atomic(path, json_bytes(data))
        for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a crash; we hold the lock
            stale.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # a full disk must not keep the facilitator from opening the network
            write_atomic(backup_path(path), payload)
        return data

    def close(self) -> None:
        self._storage.flush()
        self._db.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> NetworkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- records -----------------------------------------------------------------------
    def repo(self, cls: type[R]) -> Repo[R]:
        """The repository of a record class (a dataclass with `TABLE` and `id`)."""
        if cls not in self._repos:
            self._repos[cls] = Repo(self._db, self._storage, cls)
        return self._repos[cls]

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group changes into one save: all of them happen, or (on an exception) none."""
        with self._storage.batch():
            yield

    @contextmanager
    def saved_together(self) -> Iterator[None]:
        """Group independent changes into one save (no undo on error, so no copy of the whole
        network first: the room saves each burst of phones' writes this way)."""
        with self._storage.deferred():
            yield

    # -- the profile and settings ---------------------------------------------------------
    def profile(self) -> NetworkProfile:
        return self.repo(NetworkProfile).get(1) or NetworkProfile()

    def save_profile(self, profile: NetworkProfile) -> None:
        table = self._db.table(NetworkProfile.TABLE)
        self._storage.invalidate(table.name, 1)
        table.upsert(Document(to_record(profile), doc_id=1))
        profile.id = 1

    def setting(self, key: str, default: Any = None) -> Any:
        meta = self._db.table(schema.META_TABLE).get(doc_id=1) or {}
        return meta.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self._storage.invalidate(schema.META_TABLE, 1)
        self._db.table(schema.META_TABLE).update({key: value}, doc_ids=[1])

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
        """Try again to write changes a failed save kept in memory."""
        return self._storage.flush()

    def counts(self) -> dict[str, int]:
        """How many records each table holds (for `ln-tui check`)."""
        return {name: len(self._db.table(name)) for name in sorted(self._db.tables())}


def json_bytes(data: schema.Data) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode("utf-8")


def _usable_backup(path: Path) -> Path | None:
    backup = backup_path(path)
    try:
        schema.parse(backup.read_bytes())
    except (OSError, schema.InvalidNetwork):
        return None
    return backup


def restore_backup(path: str | os.PathLike[str]) -> Path:
    """Put the last good backup back, keeping the damaged file beside it; return where it went."""
    path = Path(path).absolute()
    backup = _usable_backup(path)
    if backup is None:
        raise NoBackup(path)
    lock = NetworkLock(path)
    lock.acquire()
    try:
        kept = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        if path.exists():
            os.replace(path, kept)
        write_atomic(path, backup.read_bytes())
        return kept
    finally:
        lock.release()
