"""Where an export may be written: never over what it must not replace (RELIABILITY 12).

An export (minutes, announcement, roster CSV) replaces the file it writes to. It must never
be the network file, its lock or its kept states, any other ln-tui network, or anything that
is not a regular file (a folder, a device, a FIFO, a socket).

A network is recognised by its first bytes, never by reading and parsing it whole: a network too
big to read, or one cut off mid-file, is still one. Anything that starts as a TinyDB database
does (`{"table": {}` or `{"table": {"1": {`), or names ln-tui as its app near the start.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ln_tui.i18n import _
from ln_tui.store import schema
from ln_tui.store.errors import StoreError
from ln_tui.store.files import read_regular
from ln_tui.store.network import real_path

_HEAD = 4096  # the first bytes looked at
_TINYDB_START = re.compile(rb'\A\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{\s*(?:\}|"\d+"\s*:\s*\{)')
_LN_TUI_MARK = re.compile(rb'"app"\s*:\s*"ln-tui"')


class OutputRefused(StoreError):
    """An export may not be written there; the message names the path as the user gave it."""


def output_target(output: Path, network: Path, *, replace_existing: bool = True) -> Path:
    """The real file to write an export to, or `OutputRefused` saying why not there.

    An existing regular file is replaced only with `replace_existing` (the app's exports, whose
    names it chooses; the command line's `--force`), and never when it looks like a network."""
    target, data_file = real_path(output), real_path(network)
    if target == data_file:
        raise OutputRefused(
            _("{path} is the network file itself; an export never replaces it. Choose another file.").format(
                path=output
            )
        )
    if target.parent == data_file.parent and target.name.startswith(data_file.name + "."):
        raise OutputRefused(
            _("{path} belongs to the network {network} (its lock or a kept state); choose another file.").format(
                path=output, network=network
            )
        )
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise OutputRefused(_("{path}: {reason}").format(path=output, reason=error.strerror or error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(_("{path} is a folder; name a file to write.").format(path=output))
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(
            _("{path} is not a regular file (a device, a FIFO or a socket); an export writes only to a file.").format(
                path=output
            )
        )
    try:
        head = read_regular(target, _HEAD)[0].removeprefix(schema.BOM)
    except OSError as error:  # not readable: what it holds cannot be told, so it is not replaced
        raise OutputRefused(_("{path}: {reason}").format(path=output, reason=error.strerror or error)) from None
    if _LN_TUI_MARK.search(head):
        raise OutputRefused(
            _(
                "{path} is an ln-tui network (by its first bytes); an export never replaces one, even with --force. "
                "Choose another file."
            ).format(path=output)
        )
    if _TINYDB_START.match(head):
        raise OutputRefused(
            _(
                "{path} looks like a TinyDB database (by its first bytes); an export never replaces one, even with "
                "--force. Choose another file."
            ).format(path=output)
        )
    if not replace_existing:
        raise OutputRefused(
            _("{path} already exists; an export replaces a file only with --force. Choose another file.").format(
                path=output
            )
        )
    return target
