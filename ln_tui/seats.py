"""Who is here: the seats on one network file, each with a name and a job. No Textual here.

Every ln-tui on a network file is a seat (the facilitator's, the timekeeper's, the note-taker's).
Each keeps a small presence file beside the network, `.FILE.seat-ID`, holding its name and job,
and touches it every `BEAT_SECONDS` (its modification time is the heartbeat); a seat whose file was
not touched for `GONE_AFTER` seconds has quit or died and is no longer shown. The network file
itself never holds a heartbeat: its kept good states would fill with them.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ln_tui.i18n import N_, _
from ln_tui.store.files import write_atomic

BEAT_SECONDS = 1.0
GONE_AFTER = 4.0
# A presence file left by a seat that died long ago is removed by the next seat that sees it.
FORGOTTEN_AFTER = 300.0

# The jobs of a meeting (DOMAIN.md, "Several people, one meeting"); a member's name is a seat too.
JOBS = {"facilitator": N_("facilitator"), "timekeeper": N_("clock"), "note-taker": N_("notes")}


@dataclass(frozen=True)
class Seat:
    name: str
    job: str = ""  # a key of JOBS, or "" (a member following along)

    def label(self) -> str:
        """ "Sofie: notes", or the name alone."""
        job = JOBS.get(self.job)
        return f"{self.name}: {_(job)}" if job else self.name


def with_line(seats: list[Seat]) -> str:
    """The header's "with Sofie: notes · Karim: clock" ("" when this seat is alone)."""
    if not seats:
        return ""
    return _("with {seats}").format(seats=" · ".join(seat.label() for seat in seats))


class Presence:
    """This seat's presence file, and the other seats' as they are now."""

    def __init__(self, network: Path, seat_id: str, seat: Seat, *, now: Callable[[], float] = time.time) -> None:
        self.network = network
        self.path = network.with_name(f".{network.name}.seat-{seat_id}")
        self.seat = seat
        self.now = now
        self._written: Seat | None = None

    def beat(self) -> None:
        """Say this seat is still here (its file written when its name changed, else touched)."""
        with contextlib.suppress(OSError):  # presence is a courtesy: never in the way of the work
            if self._written != self.seat or not self.path.exists():
                payload = json.dumps({"name": self.seat.name, "job": self.seat.job}).encode()
                write_atomic(self.path, payload, durable=False)
                self._written = self.seat
            else:
                os.utime(self.path)

    def others(self) -> list[Seat]:
        """The other seats on the file now, by name."""
        found = []
        now = self.now()
        for path in self.network.parent.glob(f".{self.network.name}.seat-*"):
            if path == self.path or path.name.endswith(".tmp"):
                continue
            try:
                age = now - path.stat().st_mtime
                if age > FORGOTTEN_AFTER:
                    path.unlink()
                    continue
                if age > GONE_AFTER:
                    continue
                raw = json.loads(path.read_bytes())
                found.append(Seat(str(raw.get("name", "")) or _("someone"), str(raw.get("job", ""))))
            except (OSError, ValueError, AttributeError):
                continue
        return sorted(found, key=lambda seat: seat.name.lower())

    def leave(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()
