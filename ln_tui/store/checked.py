"""Marks of the files ln-tui has checked: the same bytes are not checked again (RELIABILITY 14).

Checking every record of a network is most of what an open costs: importing every step's model
module (`validation.record_classes`) and checking each record (figures: CONTRIBUTING.md,
"Measured reasons"). A file whose exact bytes passed that check before, judged by the same rules, would pass
it again. So after a full check passes, and after ln-tui has written a file and checked what it
wrote, a small mark is kept in `data_dir()/checked/`, one per network file (named by a hash of
its real path): the sha256 of the bytes checked and the key of the rules they were checked by.
Writing one removes the marks of files that no longer exist.

The key changes whenever validation could judge differently: another schema version, another
ln-tui version or Python, or any change to the content of a module that can decide validity. Those
are found by walking the package, not listed by hand: every `.py` file outside `screens/` (the
domain never imports the screens, `tests/test_architecture.py`), a superset of what judging a record
imports. Their content is hashed once per process (cheap: the package's own sources); size and
time are not enough (an edit can put both back).

A mark is trusted only from where no one else could have written it (RELIABILITY 13): the marks'
folder must be a real folder (not a link) owned by the user and writable by no one else, and each
mark a regular file (opened without following a link) owned by the user and writable by no one else.
Otherwise the mark is not read, and none is written: every open checks in full. Where the system
has no owners to compare (Windows), marks are not used.

A mark is only a speed-up: one that is missing, garbled, unreadable or about other bytes means
a full check, as without marks; a mark that cannot be written is not written. Neither ever
keeps a network from opening.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ln_tui.portable import CLOEXEC, NOFOLLOW, NONBLOCK, user_id
from ln_tui.store import schema
from ln_tui.store.files import make_private_dirs, write_atomic

# A mark is a few hundred bytes; anything longer is not one.
_MARK_SIZE = 4096
# Permission bits that let someone other than the owner write.
_WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


@dataclass(frozen=True)
class Mark:
    digest: bytes  # sha256 of the bytes that passed the full check
    key: str  # `validator_key()` when they passed it
    by_line: bool  # whether they hold one table per line (`tables.by_line` found it so)


def mark_path(path: Path) -> Path:
    """Where the mark of the network file `path` (a real path) is kept."""
    from ln_tui.settings import data_dir  # settings imports the store's files: not at the top

    return data_dir() / "checked" / hashlib.sha256(os.fsencode(path)).hexdigest()


def _package() -> Path:
    import ln_tui

    return Path(ln_tui.__file__).parent


def rule_files(package: Path | None = None) -> list[Path]:
    """Every module that can decide whether a record passes: each `.py` file of the package
    (`package`, default ln_tui's own) outside its `screens/` folder, in a stable order."""
    root = package or _package()
    found = []
    for folder, subfolders, names in os.walk(root):
        skipped = {"__pycache__", "screens"} if Path(folder) == root else {"__pycache__"}
        subfolders[:] = sorted(name for name in subfolders if name not in skipped)
        found += [Path(folder) / name for name in sorted(names) if name.endswith(".py")]
    return found


def validator_key(package: Path | None = None) -> str:
    """What the judgement of a record depends on, as one hash: versions and the rules' content."""
    import ln_tui

    parts = [f"schema {schema.SCHEMA_VERSION}", f"ln-tui {ln_tui.__version__}", f"python {sys.version_info[:2]}"]
    rules = _rules_digest(package) if package is not None else _installed_rules_digest()
    return hashlib.sha256("\n".join([*parts, rules]).encode()).hexdigest()


@functools.cache
def _installed_rules_digest() -> str:
    """The rules of the ln-tui this process runs: read once (the code running does not change)."""
    return _rules_digest(_package())


def _rules_digest(root: Path) -> str:
    """The sha256 of each rule file's place in the package and content."""
    digest = hashlib.sha256()
    for rule in rule_files(root):
        name = os.fsencode(rule.relative_to(root))
        try:
            content = rule.read_bytes()
        except OSError:
            content = b"unreadable"
        for part in (len(name).to_bytes(4, "big"), name, len(content).to_bytes(8, "big"), content):
            digest.update(part)
    return digest.hexdigest()


def _private(info: os.stat_result) -> bool:
    """Whether what `info` describes is the user's own and writable by no one else."""
    user = user_id()  # None on Windows: no owner to compare, no mark trusted
    return user is not None and info.st_uid == user and not info.st_mode & _WRITABLE_BY_OTHERS


def private_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder (not a link) of the user's own that no one else can write."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _raw(mark_file: str | Path) -> dict[str, object] | None:
    """What a mark file holds, if it is a JSON object of mark size in a regular file of the user's
    own that no one else can write (a link is not followed; a FIFO does not block)."""
    flags = os.O_RDONLY | CLOEXEC | NOFOLLOW | NONBLOCK
    try:
        with open(os.open(mark_file, flags), "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or not _private(info):
                return None
            text = file.read(_MARK_SIZE + 1)
        raw = json.loads(text) if len(text) <= _MARK_SIZE else None
    except (OSError, ValueError, RecursionError):
        return None
    return raw if isinstance(raw, dict) else None


def read_mark(path: Path) -> Mark | None:
    """The mark of `path`, or None if there is none that can be used."""
    mark_file = mark_path(path)
    if not private_folder(mark_file.parent):
        return None
    raw = _raw(mark_file)
    if raw is None or raw.get("path") != os.fsdecode(path):
        return None
    digest, key = raw.get("digest"), raw.get("key")
    if not isinstance(digest, str) or not isinstance(key, str):
        return None
    try:
        return Mark(bytes.fromhex(digest), key, raw.get("by_line") is True)
    except ValueError:
        return None


def checked_before(path: Path, digest: bytes) -> Mark | None:
    """The mark saying that the bytes of `path` whose sha256 is `digest` passed the full check by
    today's rules; None if they did not, or not that ln-tui knows."""
    mark = read_mark(path)
    return mark if mark is not None and mark.digest == digest and mark.key == validator_key() else None


def remember_checked(path: Path, digest: bytes, *, by_line: bool) -> None:
    """Mark the bytes of `path` whose sha256 is `digest` as checked; silently not, if it cannot be written."""
    mark = {"path": os.fsdecode(path), "digest": digest.hex(), "key": validator_key(), "by_line": by_line}
    try:
        target = mark_path(path)
        make_private_dirs(target.parent)
        if not private_folder(target.parent):  # a mark there could be another's: none is kept
            return
        # Not fsync'd: a mark lost or emptied by a power cut means one full check, nothing more.
        write_atomic(target, json.dumps(mark).encode(), durable=False)
        _forget_gone(target.parent)
    except OSError:
        pass


def _forget_gone(folder: Path) -> None:
    """Remove the marks of files that are gone (a temporary copy, a benchmark's network, a deleted
    one) and whatever in the folder is no mark: it does not grow with every file ever opened."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):  # a mark another ln-tui is writing
                continue
            raw = _raw(entry.path)
            named = None if raw is None else raw.get("path")
            if not isinstance(named, str) or not os.path.lexists(named):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
