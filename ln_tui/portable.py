"""What differs between Windows and POSIX (Linux, macOS), in one place.

The store's guarantees rest on a few calls the platforms spell differently:

| what | POSIX | Windows |
| --- | --- | --- |
| the write lock | `fcntl.flock` on `FILE.lock` | `msvcrt.locking` of its first byte |
| a lock file planted as a link | refused (`O_NOFOLLOW`) | no such flag; making links needs rights a user rarely has |
| private files | mode 0600 whatever the umask (`fchmod`) | the user's profile folder is private to the user already |
| a rename made durable | fsync of the folder | not possible (a folder cannot be opened); NTFS journals the rename |
| file descriptors not inherited | `O_CLOEXEC` | the default for `os.open` |
| an open that must not block (a FIFO) | `O_NONBLOCK` | not needed |
| a file's owner is the user | `st_uid == getuid()` | no such owner: the checked marks are not used |

Both branches are defined on every platform where they can run: `PosixFiles` where `fcntl` exists,
`WindowsFiles` everywhere (it is given its `msvcrt`, so a test can run it with a stand-in).
`FILES` is the one for this platform. `mypy --platform win32` and `--platform darwin` check this
module, and everything that uses it, as those platforms see it (`tests/test_lint.py`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

IS_WINDOWS = sys.platform == "win32"

if sys.platform == "win32":
    NOFOLLOW = 0  # see the table above
    CLOEXEC = 0  # os.open's descriptors are not inherited on Windows
    NONBLOCK = 0  # an open of a regular file never blocks; there are no FIFOs to open by path
else:
    NOFOLLOW = os.O_NOFOLLOW
    CLOEXEC = os.O_CLOEXEC
    NONBLOCK = os.O_NONBLOCK  # an open of a FIFO waits for a writer without it


def user_id() -> int | None:
    """The user's id, to compare a file's owner with; None on Windows, which has no such owner."""
    if sys.platform == "win32":
        return None
    return os.getuid()


class Files(Protocol):
    """The platform's calls behind the store's lock, private files and durable renames."""

    def try_lock(self, fd: int) -> bool:
        """Take the exclusive lock on the open file `fd` without waiting; False if another holds it."""
        ...

    def unlock(self, fd: int) -> None: ...

    def make_private(self, fd: int) -> None:
        """Make the open file `fd` readable and writable by its owner only."""
        ...

    def sync_folder(self, folder: Path) -> None:
        """Make the renames done in `folder` durable."""
        ...


class Msvcrt(Protocol):
    """The part of Windows' `msvcrt` module that `WindowsFiles` uses."""

    LK_NBLCK: int
    LK_UNLCK: int

    def locking(self, fd: int, mode: int, nbytes: int, /) -> None: ...


class WindowsFiles:
    """Windows: a lock on the first byte of the lock file (`msvcrt.locking`, which raises OSError
    at once with LK_NBLCK when another process holds it). Files are private through the user's
    profile folder and folders cannot be fsync'd, so those two do nothing."""

    def __init__(self, msvcrt: Msvcrt) -> None:
        self._msvcrt = msvcrt

    def try_lock(self, fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks from the current position
        try:
            self._msvcrt.locking(fd, self._msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        self._msvcrt.locking(fd, self._msvcrt.LK_UNLCK, 1)

    def make_private(self, fd: int) -> None:
        return None

    def sync_folder(self, folder: Path) -> None:
        return None


if sys.platform != "win32":
    import fcntl

    class PosixFiles:
        """Linux and macOS: `flock`, `fchmod` and a folder fsync."""

        def try_lock(self, fd: int) -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        def unlock(self, fd: int) -> None:
            fcntl.flock(fd, fcntl.LOCK_UN)

        def make_private(self, fd: int) -> None:
            os.fchmod(fd, 0o600)

        def sync_folder(self, folder: Path) -> None:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


if sys.platform == "win32":
    import msvcrt

    FILES: Files = WindowsFiles(msvcrt)
else:
    FILES = PosixFiles()


def write_at_start(fd: int, data: bytes) -> None:
    """Replace what the open file `fd` holds with `data` (a lock file's owner)."""
    os.ftruncate(fd, 0)
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
    else:
        os.pwrite(fd, data, 0)
