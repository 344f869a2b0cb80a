"""Following a network file that another process (the console) saves: cheaply, never writing it.

The console saves atomically (a new file renamed over the old one), so every read sees a
whole file. `FileFollower.poll()` costs one `stat()` when nothing changed; it reads and
parses the file only when its inode, size or modification time differ from the last read.
It takes no lock and never creates a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tinydb import TinyDB

from ln_tui.i18n import _
from ln_tui.store import NetworkStore, schema, validation
from ln_tui.store.files import NotRegularFile, read_regular
from ln_tui.store.storage import AtomicJSONStorage

Signature = tuple[int, int, int, int]  # device, inode, size, mtime in ns


@dataclass(frozen=True)
class Snapshot:
    """The file as last read: a read-only store, or why there is none (for the room to read)."""

    store: NetworkStore | None
    problem: str = ""
    newer: bool = False


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class FileFollower:
    def __init__(self, path: Path) -> None:
        self.path = Path(path).absolute()
        self.seen: Signature | None = None
        self.missing = False
        self.reads = 0  # how many times the file was read (the tests and the benchmark count them)

    def poll(self) -> Snapshot | None:
        """A new snapshot when the file changed since the last one (or is gone); None otherwise."""
        try:
            current = signature(os.stat(self.path))
        except OSError:
            if self.missing:
                return None
            self.missing, self.seen = True, None
            return Snapshot(None, _("waiting for {path}…").format(path=self.path.name))
        if current == self.seen and not self.missing:
            return None
        self.missing = False
        return self.read()

    def read(self) -> Snapshot:
        self.reads += 1
        waiting = _("waiting for {path}…").format(path=self.path.name)
        try:
            payload, info = read_regular(self.path)  # read-only: no lock, nothing created, never blocks
        except NotRegularFile:
            with contextlib.suppress(OSError):  # said once, not at every poll
                self.seen = signature(os.stat(self.path))
            return Snapshot(None, not_a_network_file(self.path))
        except OSError:
            self.seen = None
            return Snapshot(None, waiting)
        self.seen = signature(info)
        try:
            data = schema.parse(payload)
        except schema.InvalidNetwork:
            return Snapshot(None, waiting)
        version = schema.schema_of(data)
        if version > schema.SCHEMA_VERSION:
            return Snapshot(
                None,
                _("{path} was written by a newer ln-tui (file version {found}); update ln-tui to show it.").format(
                    path=self.path.name, found=version
                ),
                newer=True,
            )
        return Snapshot(snapshot_store(self.path, data))


def not_a_network_file(path: Path) -> str:
    return _("{path} is not a regular file (a FIFO, a device or a folder); present shows only a network file.").format(
        path=path.name
    )


def is_regular(path: Path) -> bool:
    """Whether `path` is a regular file, or not there yet (present waits for it)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def snapshot_store(path: Path, data: schema.Data) -> NetworkStore:
    """A read-only store over data already read (no lock, no file touched); records ln-tui
    cannot use are left out, as a read-only open leaves them out."""
    if schema.schema_of(data) < schema.SCHEMA_VERSION:
        schema.migrate(data)  # in memory only
    if validation.problems(data):
        data = validation.without_bad_records(data)
    storage = AtomicJSONStorage(path, data, read_only=True, follows=False)
    return NetworkStore(path, TinyDB(storage=lambda: storage), storage, None)
