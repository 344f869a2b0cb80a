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
import tempfile
from pathlib import Path

from ln_tui.portable import CLOEXEC, FILES

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
        fsync_directory(path.parent)


def _naming(error: OSError, path: Path) -> OSError:
    """The same error, about `path`."""
    return type(error)(error.errno, error.strerror or str(error), str(path))
