"""What can go wrong with a network file, each as a sentence a facilitator understands."""

from __future__ import annotations

from pathlib import Path

from ln_tui.i18n import _


class StoreError(Exception):
    """A problem with a network file. `str(error)` is the message for the user."""


class FileInUse(StoreError):
    def __init__(self, path: Path, pid: int | None) -> None:
        self.path, self.pid = path, pid
        who = str(pid) if pid else _("unknown")
        super().__init__(
            _(
                "{path} is in use by another ln-tui (pid {pid}). Close it there, "
                "or open this copy read-only with --read-only."
            ).format(path=path, pid=who)
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
