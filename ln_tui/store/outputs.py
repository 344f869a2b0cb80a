"""Where an export may be written: never over what it must not replace (RELIABILITY 12).

An export (minutes, announcement, roster CSV) replaces the file it writes to. It must never
be the network file, its lock or its kept states, any other ln-tui network, or anything that
is not a regular file (a folder, a device, a FIFO, a socket).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ln_tui.i18n import _
from ln_tui.store import schema
from ln_tui.store.errors import StoreError
from ln_tui.store.network import real_path

# A network is at most a few megabytes; reading this much is enough to tell one.
_LOOK_AT = 1 << 26


class OutputRefused(StoreError):
    """An export may not be written there; the message names the path as the user gave it."""


def output_target(output: Path, network: Path) -> Path:
    """The real file to write an export to, or `OutputRefused` saying why not there."""
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
        with open(target, "rb") as existing:
            schema.parse(existing.read(_LOOK_AT))
    except (OSError, schema.InvalidNetwork):
        return target
    raise OutputRefused(
        _("{path} is an ln-tui network; an export never replaces one. Choose another file.").format(path=output)
    )
