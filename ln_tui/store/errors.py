"""What can go wrong with a network file, each as a sentence a facilitator understands."""

from __future__ import annotations

from pathlib import Path

from ln_tui.i18n import _


class StoreError(Exception):
    """A problem with a network file. `str(error)` is the message for the user."""


class FileInUse(StoreError):
    """Another seat holds the short write lock for longer than a save ever takes."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path, self.pid = path, pid
        super().__init__(
            _(
                "{path} is being saved by another ln-tui that has not finished after a few seconds "
                "(a very slow or stuck disk). Nothing was changed; try again in a moment."
            ).format(path=path)
        )


class CorruptFile(StoreError):
    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path, self.reason, self.backup = path, reason, backup
        message = _("{path} cannot be opened: {reason}. The file was not changed.").format(path=path, reason=reason)
        if backup is not None:
            message += " " + _("The last good backup is {backup}; to put it back, run: ln-tui restore {path}").format(
                backup=backup, path=path
            )
        super().__init__(message)


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        self.path, self.found, self.known = path, found, known
        super().__init__(
            _(
                "{path} was written by a newer ln-tui (file version {found}, this "
                "ln-tui knows up to {known}). Update ln-tui to change it, or open it "
                "read-only with --read-only."
            ).format(path=path, found=found, known=known)
        )


class NoBackup(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(_("There is no usable backup of {path}.").format(path=path))


class LockIsALink(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "{path} is a symbolic link, not a lock file; ln-tui does not follow it. "
                "Remove it if you did not make it, then open the network again."
            ).format(path=path)
        )


class HardLinked(StoreError):
    """A network file with more than one name: each save replaces the file under one name only."""

    def __init__(self, path: Path, names: int) -> None:
        self.path, self.names = path, names
        super().__init__(
            _(
                "{path} has {names} names (hard links). A save replaces the file under one name, which "
                "would split the network in two. Keep one name (copy the file instead of linking it), "
                "or open it read-only with --read-only."
            ).format(path=path, names=names)
        )


class CannotOpen(StoreError):
    """An operating-system error while opening a network for writing (a full disk, no permission)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            _(
                "{path} cannot be opened for writing: {reason}. Nothing was changed; to look at it anyway, open it read-only with --read-only."
            ).format(path=path, reason=reason)
        )


class InvalidRecords(StoreError):
    """Records ln-tui cannot use: refused for writing, never backed up."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path, self.problems = path, problems
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            _("{path} holds records ln-tui cannot use:").format(path=path)
            + f"\n{listed}\n"
            + _(
                "The file was not changed and no backup was made of it. Correct these records, "
                "restore a backup (ln-tui restore {path} --list), or open it read-only with --read-only."
            ).format(path=path)
        )


class SoundFile(StoreError):
    """`restore` asked to replace a file that is sound."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "{path} is a sound network; restore replaces it only with --force (it is kept beside it as a copy)."
            ).format(path=path)
        )


class CannotRestore(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            _("{path} was not restored: {reason}. The file is as it was.").format(path=path, reason=reason)
        )
