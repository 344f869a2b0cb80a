"""Every call that exists on one operating system only, behind one small interface (POSIX and Windows).

`mypy --platform win32` and `--platform darwin` read the branches by `sys.platform`, so the store
type-checks for each system it runs on.
"""

from __future__ import annotations

import os
import stat
import sys

# Flags a system may not have: 0 there (Windows has no symbolic-link trap on open, no close-on-exec flag).
O_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)
O_BINARY: int = getattr(os, "O_BINARY", 0)

if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Take an exclusive lock on the open file `fd` without waiting; whether it was taken."""
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def make_private(fd: int) -> None:
        """Windows: a new file in the user's folder is private by its folder's rights."""

    def fsync_folder(folder: str) -> None:
        """Windows cannot open a folder to flush it; a rename there is durable once it returns."""

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Take an exclusive lock on the open file `fd` without waiting; whether it was taken."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def make_private(fd: int) -> None:
        """Mode 0600 whatever the umask."""
        os.fchmod(fd, 0o600)

    def fsync_folder(folder: str) -> None:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def own_regular_file(fd: int) -> bool:
    """Whether the open file `fd` is a regular file with one name, owned by this user: the only kind
    whose mode ln-tui may change or whose content it may cut (a lock file planted as a hard link to
    another file must not get that file truncated or its rights changed)."""
    info = os.fstat(fd)
    owner = getattr(os, "getuid", None)
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and (owner is None or info.st_uid == owner())
