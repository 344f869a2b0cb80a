"""Durable file operations: atomic replace, private modes, directory fsync.

A save writes a temporary file in the same folder, fsyncs it, renames it over
the target with `os.replace` and fsyncs the folder, so the target is always
either the old or the new content, never a mix (the way git's lockfiles and
SQLite's journal-free mode work). The temporary file is made by
`tempfile.mkstemp` (an unpredictable name, created with `O_EXCL`), so a
symbolic link planted where a temporary file will be is never written through.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ln_tui.portable import CLOEXEC, FILES, NONBLOCK

PRIVATE = 0o600
PRIVATE_DIR = 0o700


def open_private(path: Path, flags: int) -> int:
    """Open `path` with mode 0600 whatever the umask."""
    fd = os.open(path, flags | CLOEXEC, PRIVATE)
    try:
        FILES.make_private(fd)
    except OSError:
        os.close(fd)
        raise
    return fd


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: nothing ln-tui reads a network from."""


class NotConfirmed(OSError):
    """The file was replaced (readers see the new bytes) but the disk did not confirm the rename
    (the folder's fsync failed): after a power cut it might be the old one again."""


def read_regular(path: Path, limit: int = -1) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file `path` (at most `limit`) and what `fstat` said of it when opened.

    Opened without blocking: a plain `open` of a FIFO waits for a writer forever, and a device
    may never end; anything but a regular file raises `NotRegularFile` before a byte is read.
    """
    fd = os.open(path, os.O_RDONLY | CLOEXEC | NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(0, "not a regular file", str(path))
        return file.read(limit), info


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents, each one the app makes 0700 whatever the umask."""
    missing = []
    for level in (folder, *folder.parents):
        if level.exists():
            break
        missing.append(level)
    for level in reversed(missing):
        try:
            os.mkdir(level, PRIVATE_DIR)
        except FileExistsError:
            continue
        os.chmod(level, PRIVATE_DIR)


def fsync_directory(folder: Path) -> None:
    FILES.sync_folder(folder)


def temp_prefix(path: Path) -> str:
    """How the temporary files of `path` start (`.NAME.`); they end in `.tmp`."""
    return f".{path.name}."


def write_atomic(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `payload` completely or not at all.

    With `durable=False` nothing is fsync'd: after a power cut the file may be the old one or
    an empty one, for a file that may be lost (a cache), never for the user's data.
    An error names `path` (`error.filename`), never the temporary file.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _naming(error, path) from None
    tmp = Path(name)
    try:
        FILES.make_private(fd)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
    except BaseException as error:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise
    if durable:
        try:
            fsync_directory(path.parent)
        except OSError as error:
            raise NotConfirmed(error.errno, error.strerror or str(error), str(path)) from None


def _naming(error: OSError, path: Path) -> OSError:
    """The same error, about `path`."""
    return type(error)(error.errno, error.strerror or str(error), str(path))
