"""Minutes home benchmarks, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_minutes.py [--keys N] [--opens N]

The year-scale network of dataset.py (1,500 notes over 12 meetings), with every note moved to
the current meeting so that the home opens on all 1,500 (the worst case); the baseline is the
same network keeping 50 notes. And a 60 MB network: the same 1,500 notes of the current meeting
and 98,500 more of the other meetings (issue 23 item 9): the home's open time must follow the
meeting's notes, not the file (it reads only them, `UnparsedTable.documents_where`).

1. opening the home: F7 to the first paint of the Minutes home, the median of --opens fresh
   apps (target <= 300 ms). The home's module is imported by the warm-up run, as after the
   first F7 of a session.
2. a keystroke in the filter (/): from the key event to the first paint after the table got
   its new rows, as bench_roster.py measures it (targets: p95 <= 30 ms, and <= 1.5x the same
   with 50 notes). The cursor blink is off.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_board import PaintClock, percentile
from dataset import build_year
from textual import events
from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.screens.minutes.screen import MinutesScreen, NoteTable
from ln_tui.screens.textual_workarounds import on_each_paint
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

# Typing and erasing a query, as someone looking for a note does.
KEYS = ["h", "u", "i", "s", *["backspace"] * 4, "z", "o", "r", "g", *["backspace"] * 4, "t", "e", "a", "m"]
KEYS += ["backspace"] * 4


def network(folder: Path, notes: int) -> Path:
    path = build_year(folder / f"minutes-{notes}.json")
    with NetworkStore.open(path) as store, store.batch():
        meetings = sorted(store.meetings.all(), key=lambda m: m.date)
        current = meetings[6]
        store.set_current_meeting(current.id)
        for index, note in enumerate(store.notes.all()):
            if index < notes:
                note.meeting_id = current.id
                store.notes.update(note)
            else:
                store.notes.remove(note.id or 0)
    return path


def sixty_megabytes(folder: Path) -> Path:
    """The 1,500-note network with 98,500 notes of other meetings added (~60 MB, 100,000 notes)."""
    import random

    from dataset import sentence

    from ln_tui.model import Note

    path = network(folder, 1500)
    rng = random.Random(9)
    with NetworkStore.open(path) as store, store.batch():
        current = store.current_meeting
        others = [m.id for m in store.meetings.all() if current is None or m.id != current.id]
        store.notes.add_many(
            [Note(rng.choice(others), sentence(rng, 46), "2026-06-01T14:00:00", {"case": i % 20}) for i in range(98500)]
        )
    return path


def grew_past(seen: Any, before: int) -> bool:
    return bool(seen > before)


class CpuClock(PaintClock):
    """The paints, each also with the CPU time of this process at that moment."""

    def __init__(self, app: LnApp) -> None:
        super().__init__(app)
        self.cpu: dict[float, float] = {}
        on_each_paint(app, lambda: self.cpu.__setitem__(self.paints[-1][0], time.process_time()))


async def measure(path: Path, keys: int) -> tuple[float, list[float], list[float]]:
    """ms from F7 to the home painted; per filter keystroke, ms from the key to the painted table
    (wall clock, and CPU time of the app over the same interval)."""
    store = NetworkStore.open(path)
    app = LnApp(store, screen="network", settings=Settings(theme="projector", language="en"))
    filtered: list[float] = []
    cpu: list[float] = []

    def key(name: str, character: str | None = None) -> float:
        app.post_message(events.Key(name, character))  # not awaited, unlike Pilot.press
        return time.perf_counter()

    try:
        async with app.run_test(size=(120, 36)) as pilot:
            paints = CpuClock(app)
            await pilot.pause()
            t0 = key("f7")
            opened = (await paints.first_paint(t0, lambda seen: seen is MinutesScreen) - t0) * 1000
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MinutesScreen) and len(screen.rows) > 0
            await pilot.press("slash")
            await pilot.pause()
            assert isinstance(app.focused, Input)
            table = screen.query_one(NoteTable)
            updates = [0]
            set_rows = table.set_rows

            def counted(*args, **kwargs) -> None:
                set_rows(*args, **kwargs)
                updates[0] += 1

            table.set_rows = counted  # type: ignore[method-assign]
            paints.probe = lambda: updates[0]
            for i in range(keys):
                name = KEYS[i % len(KEYS)]
                before = updates[0]
                cpu0 = time.process_time()
                t0 = key(name, None if name == "backspace" else name)
                painted = await paints.first_paint(t0, partial(grew_past, before=before))
                filtered.append((painted - t0) * 1000)
                cpu.append((paints.cpu[painted] - cpu0) * 1000)
                await pilot.pause()
    finally:
        store.close()
    return opened, filtered, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=120)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--big", action=argparse.BooleanOptionalAction, default=True, help="the 60 MB network too")
    options = parser.parse_args()
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]  # no blink frames
    folder = Path(tempfile.mkdtemp(prefix="ln-bench-minutes-"))
    small, large = network(folder, 50), network(folder, 1500)
    asyncio.run(measure(small, len(KEYS)))  # warm up imports and caches
    runs = {
        count: [asyncio.run(measure(path, 0))[0] for _ in range(options.opens)]
        for count, path in ((50, small), (1500, large))
    }
    for count, opens in runs.items():
        print(
            f"open the Minutes home, {count:>5} notes: median {statistics.median(opens):6.1f} ms  "
            f"max {max(opens):6.1f} ms  (median of {options.opens}; target <= 300 ms for 1,500)"
        )
    if options.big:
        big = sixty_megabytes(folder)
        opens = [asyncio.run(measure(big, 0))[0] for _ in range(options.opens)]
        print(
            f"open the Minutes home, 1500 of 100,000 notes ({big.stat().st_size / 1e6:.0f} MB): median "
            f"{statistics.median(opens):6.1f} ms  max {max(opens):6.1f} ms  (each a fresh app; "
            "target: near the 1,500-note line)"
        )
    keys = {count: asyncio.run(measure(path, options.keys))[1:] for count, path in ((50, small), (1500, large))}
    for kind, index in (("wall clock", 0), ("CPU time of the app", 1)):
        print(f"-- filter keystroke, {kind}")
        for count, runs_of in keys.items():
            values = runs_of[index]
            print(
                f"{count:>5} notes: p50 {statistics.median(values):6.2f} ms  "
                f"p95 {percentile(values, 95):6.2f} ms  max {max(values):6.2f} ms  ({len(values)} keystrokes)"
            )
        ratio = percentile(keys[1500][index], 95) / percentile(keys[50][index], 95)
        print(f"p95 ratio 1,500 / 50 = {ratio:.2f}  (targets: p95 <= 30 ms, ratio <= 1.5)")


if __name__ == "__main__":
    main()
