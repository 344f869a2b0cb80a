"""Durable file operations: atomic replace, private modes, directory fsync.

A save writes a temporary file in the same folder, fsyncs it, renames it over
the target with `os.replace` and fsyncs the folder, so the target is always
either the old or the new content, never a mix (the way git's lockfiles and
SQLite's journal-free mode work).
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE = 0o600


def open_private(path: Path, flags: int) -> int:
    """Open `path` with mode 0600 whatever the umask."""
    fd = os.open(path, flags | os.O_CLOEXEC, PRIVATE)
    try:
        os.fchmod(fd, PRIVATE)
    except OSError:
        os.close(fd)
        raise
    return fd


def fsync_directory(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` completely or not at all."""
    tmp = temp_path(path)
    fd = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
