"""What ln-tui keeps after an internal error."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ln_tui.settings import data_dir
from ln_tui.store.files import make_private_dirs, open_private


def write_crash_report(details: str) -> Path:
    """A new private file in the data folder holding `details`: two crashes in one second make two files."""
    folder = data_dir()
    make_private_dirs(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        report = folder / f"crash-{stamp}-{os.getpid()}{f'-{attempt}' if attempt > 1 else ''}.txt"
        try:
            fd = open_private(report, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as file:
            file.write(details.encode("utf-8", "replace"))
            file.flush()
            os.fsync(file.fileno())
        return report
    raise FileExistsError(str(folder))
