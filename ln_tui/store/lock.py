"""One writer per network file: an advisory lock on `FILE.lock` holding the owner's pid."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from ln_tui.portable import FILES, NOFOLLOW, write_at_start
from ln_tui.store.errors import FileInUse, LockIsALink
from ln_tui.store.files import open_private


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class NetworkLock:
    """An exclusive lock (`ln_tui.portable`) on a separate lock file; the data file is never locked."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = lock_path(data_path)
        self._fd: int | None = None

    def acquire(self, timeout: float = 0.0, poll: float = 0.01) -> None:
        """Take the lock, waiting up to `timeout` seconds; raise `FileInUse` if another has it."""
        try:
            # O_NOFOLLOW: a lock file planted as a symbolic link would make us truncate its target.
            fd = open_private(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise LockIsALink(self.path) from None
            raise
        try:
            deadline = time.monotonic() + timeout
            while not FILES.try_lock(fd):
                if time.monotonic() >= deadline:
                    raise FileInUse(self.data_path, self.owner())
                time.sleep(poll)
            write_at_start(fd, f"{os.getpid()}\n".encode())
        except BaseException:
            os.close(fd)  # the lock goes with it
            raise
        self._fd = fd

    def owner(self) -> int | None:
        """The pid written by whoever holds the lock, if it can be read."""
        try:
            return int(self.path.read_text().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            FILES.unlock(fd)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
