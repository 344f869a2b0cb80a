"""Roster filter speed: one keystroke in the filter to the updated table, 500 members vs 20.

    .venv/bin/python benchmarks/bench_roster.py [--keys N]

The app runs headless (Textual's test driver, which still composes and paints every frame).
A keystroke is timed from the moment its key event is posted to the first frame painted
(a paint: textual_workarounds.on_each_paint) after the table received its new rows: the key's dispatch, the Input, the
filter, the table update, layout and the repaint are inside; Pilot's own idle waits (it
sleeps in steps of 20 ms after each key) are not. The cursor blink is off. Wall clock is what
a user feels, but on a busy machine it also counts other processes; the CPU time of the app
over the same interval is printed beside it. The baseline is the same keystrokes on a roster of 20
members, measured in the same run. Targets: p95 <= 30 ms, ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.model import Meeting, Member, NetworkProfile, Presence, Role
from ln_tui.screens.textual_workarounds import on_each_paint
from ln_tui.screens.widgets.table import RowTable
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

FIRST = [
    "Ann",
    "Bart",
    "Cas",
    "Dirk",
    "Els",
    "Fatima",
    "Griet",
    "Hilde",
    "Ilse",
    "Jan",
    "Karim",
    "Lotte",
    "Marc",
    "Nele",
    "Omar",
    "Pieter",
    "Sofie",
    "Tom",
    "Zoë",
]
LAST = [
    "Peeters",
    "Claes",
    "Maes",
    "Jacobs",
    "Wouters",
    "De",
    "Smet",
    "Benali",
    "Vermeulen",
    "Janssens",
    "Mertens",
    "El",
    "Amrani",
]
ORGS = ["OCMW Gent", "Thuiszorg Gent", "Wit-Gele Kruis", "UGent", "Familiehulp", "CM Midden-Vlaanderen", "WGC De Brug"]
# Typing and erasing a query, as someone looking for a person does.
KEYS = [
    "p",
    "e",
    "e",
    "t",
    "backspace",
    "backspace",
    "backspace",
    "backspace",
    "g",
    "e",
    "n",
    "t",
    "backspace",
    "backspace",
    "backspace",
    "backspace",
]


def build(folder: Path, count: int) -> Path:
    rng = random.Random(count)
    path = folder / f"roster-{count}.json"
    with NetworkStore.open(path) as store, store.batch():
        store.save_profile(NetworkProfile(name=f"Roster of {count}"))
        members = store.members.add_many(
            [
                Member(
                    f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                    f"m{i}@example.be",
                    rng.choice(ORGS),
                    rng.choice(list(Role)),
                    "casemanagement, dementie, armoede",
                )
                for i in range(count)
            ]
        )
        for month in range(1, 7):
            store.meetings.add(
                Meeting(
                    f"2025-0{month}-10",
                    attendance={m.id or 0: Presence.ABSENT for m in rng.sample(members, count // 5)},
                )
            )
    return path


class TimedApp(LnApp):
    """The app, noting when it painted frames and when the table got its new rows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paints: list[tuple[float, float]] = []  # (wall clock, CPU time of this process)
        self.updates: list[float] = []
        on_each_paint(self, lambda: self.paints.append((time.perf_counter(), time.process_time())))

    def first_paint_after_update(self, start: float) -> tuple[float, float]:
        updated = next(t for t in self.updates if t >= start)
        return next(paint for paint in self.paints if paint[0] >= updated)


def note_updates(app: TimedApp) -> None:
    table = app.screen.query_one(RowTable)
    set_rows = table.set_rows

    def timed(*args, **kwargs) -> None:
        set_rows(*args, **kwargs)
        app.updates.append(time.perf_counter())

    table.set_rows = timed  # type: ignore[method-assign]


async def measure(path: Path, keys: int) -> tuple[list[float], list[float]]:
    """Per keystroke: wall-clock ms, and CPU ms of the app process, from key to painted table."""
    store = NetworkStore.open(path)
    app = TimedApp(store, screen="roster", settings=Settings(theme="projector", language="en"))
    wall, cpu = [], []
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            assert isinstance(app.focused, Input) and app.focused.id == "roster-filter"
            app.focused.cursor_blink = False  # no blink frames
            note_updates(app)
            for i in range(keys):
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press(KEYS[i % len(KEYS)])
                await pilot.pause()
                painted, painted_cpu = app.first_paint_after_update(start)
                wall.append((painted - start) * 1000)
                cpu.append((painted_cpu - start_cpu) * 1000)
    finally:
        store.close()
    return wall, cpu


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=160)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ln-bench-roster-"))
    results = {}
    for count in (20, 500):
        path = build(folder, count)
        asyncio.run(measure(path, len(KEYS)))  # warm up imports and caches
        results[count] = asyncio.run(measure(path, options.keys))
    for kind, index in (("wall clock", 0), ("CPU time of the app", 1)):
        base, ours = results[20][index], results[500][index]
        print(f"-- {kind}")
        for label, values in (("20 members (baseline)", base), ("500 members", ours)):
            print(
                f"{label:<24} p50 {statistics.median(values):6.2f} ms   p95 {percentile(values, 95):6.2f} ms   "
                f"max {max(values):6.2f} ms   ({len(values)} keystrokes)"
            )
        ratio = percentile(ours, 95) / percentile(base, 95)
        print(
            f"p95 500 members: {percentile(ours, 95):.2f} ms (target <= 30 ms); "
            f"ratio to 20 members: {ratio:.2f} (target <= 1.5)"
        )


if __name__ == "__main__":
    main()
