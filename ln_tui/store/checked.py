"""Marks of the files ln-tui has checked: the same bytes are not checked again (RELIABILITY 14).

Checking every record of a year-scale network costs ~20 ms of the ~34 ms an open takes: ~12 ms
to import every step's model module (`validation.record_classes`) and ~8 ms to check 3,683
records. A file whose exact bytes passed that check before, judged by the same rules, would pass
it again. So after a full check passes, and after ln-tui has written a file and checked what it
wrote, a small mark is kept in `data_dir()/checked/`, one per network file (named by a hash of
its real path): the sha256 of the bytes checked and the key of the rules they were checked by.
Writing one removes the marks of files that no longer exist.

The key changes whenever validation could judge differently: another schema version, another
ln-tui version or Python, or any change to the files that define records and their validation
(their size and modification time, found with one `stat` each and no import).

A mark is only a speed-up: one that is missing, garbled, unreadable or about other bytes means
a full check, as without marks; a mark that cannot be written is not written. Neither ever
keeps a network from opening.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ln_tui.store import schema
from ln_tui.store.files import make_private_dirs, write_atomic

# A mark is a few hundred bytes; anything longer is not one.
_MARK_SIZE = 4096

# The files whose content decides whether a record passes, besides each step's model.py.
_RULES = ("model.py", "records.py", "store/validation.py", "store/schema.py")


@dataclass(frozen=True)
class Mark:
    digest: bytes  # sha256 of the bytes that passed the full check
    key: str  # `validator_key()` when they passed it
    by_line: bool  # whether they hold one table per line (`tables.by_line` found it so)


def mark_path(path: Path) -> Path:
    """Where the mark of the network file `path` (a real path) is kept."""
    from ln_tui.settings import data_dir  # settings imports the store's files: not at the top

    return data_dir() / "checked" / hashlib.sha256(os.fsencode(path)).hexdigest()


def validator_key(package: Path | None = None) -> str:
    """What the judgement of a record depends on, as one hash (~0.1 ms: a `stat` per file)."""
    import ln_tui

    root = package or Path(ln_tui.__file__).parent
    parts = [f"schema {schema.SCHEMA_VERSION}", f"ln-tui {ln_tui.__version__}", f"python {sys.version_info[:2]}"]
    rules = [root / name for name in _RULES]
    with os.scandir(root) as entries:
        rules += sorted(Path(entry.path) / "model.py" for entry in entries if entry.is_dir())
    for rule in rules:
        try:
            info = os.stat(rule)
        except FileNotFoundError:  # a folder without records
            continue
        except OSError:
            parts.append(f"{rule.relative_to(root)} unreadable")
            continue
        parts.append(f"{rule.relative_to(root)} {info.st_size} {info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _raw(mark_file: str | Path) -> dict[str, object] | None:
    """What a mark file holds, if it is a JSON object of mark size."""
    try:
        with open(mark_file, "rb") as file:
            text = file.read(_MARK_SIZE + 1)
        raw = json.loads(text) if len(text) <= _MARK_SIZE else None
    except (OSError, ValueError, RecursionError):
        return None
    return raw if isinstance(raw, dict) else None


def read_mark(path: Path) -> Mark | None:
    """The mark of `path`, or None if there is none that can be used."""
    raw = _raw(mark_path(path))
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
