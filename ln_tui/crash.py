"""After an internal error, in both apps (`ln-tui` and `ln-tui present`): the traceback in a private
file of its own, and one sentence that says where it is (see `OneSentenceCrash`)."""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from ln_tui.i18n import _
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


def crash_sentence(error: BaseException | None, what_happened: str) -> str:
    """`what_happened` (translated), then where the traceback is kept: no local variables in it
    (they hold people's names and notes), and nothing more on the terminal."""
    details = "".join(traceback.format_exception(error)) if error is not None else ""
    try:
        report = write_crash_report(details)
    except OSError:
        return what_happened
    return what_happened + " " + _("Details for the developers: {path}").format(path=report)
