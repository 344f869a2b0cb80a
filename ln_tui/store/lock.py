"""The short write lock of a network: held only while a seat reads, merges and writes the file.

Every ln-tui on a network file is a seat; none holds the file for as long as it is open. A seat
takes the lock on `FILE.lock` (never the data file, which each save replaces), reads the file if it
changed, merges it, writes, and lets go: a few milliseconds. The lock is advisory and portable
(`ln_tui.portable`: `flock` on POSIX, `msvcrt.locking` on Windows); it goes with the process, so
a seat killed in the middle of its save never leaves it taken.

The lock file is opened without following a symbolic link, never truncated, and its mode is made
0600 only when it is this user's own regular file with one name: a lock file planted as a link to
another file changes nothing in that file.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from ln_tui.portable import CLOEXEC, FILES, NOFOLLOW
from ln_tui.store.errors import FileInUse, LockIsALink

# How long a seat waits for another's save before it says the file is busy (a save takes milliseconds).
WAIT_SECONDS = 3.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class NetworkLock:
    """The write lock of one network file; `with lock:` holds it for one read-merge-write."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = lock_path(data_path)
        self._fd: int | None = None
        self._depth = 0

    def acquire(self, timeout: float | None = None, poll: float = 0.002) -> None:
        """Take the lock, waiting up to `timeout` seconds for another seat's save; raise `FileInUse`
        if it is still taken then (a seat stuck in a save)."""
        if self._fd is not None:
            self._depth += 1
            return
        fd = self._open()
        try:
            deadline = time.monotonic() + (WAIT_SECONDS if timeout is None else timeout)
            while not FILES.try_lock(fd):
                if time.monotonic() >= deadline:
                    raise FileInUse(self.data_path, None)
                time.sleep(poll)
        except BaseException:
            os.close(fd)  # the lock goes with it
            raise
        self._fd, self._depth = fd, 1

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | NOFOLLOW | CLOEXEC | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise LockIsALink(self.path) from None
            raise
        try:
            if own_regular_file(fd):
                FILES.make_private(fd)
        except OSError:
            pass  # a lock file we may not change still locks
        return fd

    def release(self) -> None:
        if self._fd is None:
            return
        self._depth -= 1
        if self._depth > 0:
            return
        fd, self._fd = self._fd, None
        try:
            FILES.unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> NetworkLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    @property
    def held(self) -> bool:
        return self._fd is not None


def own_regular_file(fd: int) -> bool:
    """Whether the open file `fd` is a regular file with one name, owned by this user: the only kind
    whose mode ln-tui may change (a lock file planted as a hard link to another file must not get
    that file's rights changed or its content cut)."""
    info = os.fstat(fd)
    owner = getattr(os, "getuid", None)
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and (owner is None or info.st_uid == owner())
