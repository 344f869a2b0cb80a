"""Writing a file beside the network (an export, an announcement, a member's data) from a screen:
never over the network, its kept states or a folder, and a refusal or a failed write said in a
notification, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.widget import Widget

from ln_tui.i18n import _
from ln_tui.store.files import write_atomic
from ln_tui.store.outputs import OutputRefused, output_target

T = TypeVar("T")


def exported(screen: Widget, write: Callable[[], T], failure: str, **values: object) -> T | None:
    """What `write` gives, or None when it was refused (`OutputRefused`) or failed (`OSError`),
    said in an error notification; `failure` is the sentence for a failed write, its `{reason}`
    and `values` filled in."""
    try:
        return write()
    except OutputRefused as refused:
        screen.notify(str(refused), severity="error", markup=False)
    except OSError as error:
        screen.notify(failure.format(reason=error.strerror or error, **values), severity="error", markup=False)
    return None


def write_beside(screen: Widget, network: Path, path: Path, data: bytes) -> bool:
    """Write `data` to `path` (atomically); False when refused or failed, with the reason said."""

    def write() -> Path:
        write_atomic(output_target(path, network), data)
        return path

    return exported(screen, write, _("Cannot write {path}: {reason}"), path=path) is not None
