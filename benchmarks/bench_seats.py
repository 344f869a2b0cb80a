"""Seats on one network file (issue 24): a change painted on another seat, a save among seats, an idle seat.

    .venv/bin/python benchmarks/bench_seats.py [--changes 30] [--saves 40] [--idle 5]

1. A change on one seat painted on another: seat A (a store in this process) adds a member; seat
   B (the app, headless, its follow timer running as in use) shows it in its roster. From A's
   save returning to B's roster holding the row (p50, p95, max). Baseline in the same run: the
   follow interval alone (a change waits on average half of it, at most all of it).
2. A save with 3 seats on the file vs with one: notes added on the year-scale network (1.2 MiB)
   by this process, p95 of each save; with 3 seats, two other processes add a note every second
   meanwhile (a note-taker's and a timekeeper's pace), so many saves merge another seat's change first.
   Ratio of the p95s.
3. An idle seat: the app's CPU (process time) over `--idle` seconds while nothing changes; the
   same app with its follow and presence timers set to an hour as the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dataset import build_year

from ln_tui.app import FOLLOW_SECONDS, LnApp
from ln_tui.model import Member, Note
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


async def painted_latency(folder: Path, changes: int) -> list[float]:
    path = folder / "small.json"
    with NetworkStore.open(path) as setup:
        setup.save_profile(setup.profile().__class__(name="Bench"))
    writer, reader = NetworkStore.open(path), NetworkStore.open(path)
    app = LnApp(reader, screen="roster", settings=Settings(language="en"))
    latencies = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for i in range(changes):
            name = f"Member {i}"
            writer.members.add(Member(name))
            start = time.perf_counter()
            while not any(str(cells[1]) == name for cells in app.screen.cells.values()):  # type: ignore[attr-defined]  # the roster's rows
                await asyncio.sleep(0.002)
            latencies.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)
    writer.close()
    reader.close()
    return latencies


OTHER_SEAT = """
import sys, time
from ln_tui.model import Note
from ln_tui.store import NetworkStore
store = NetworkStore.open(sys.argv[1])
end = time.monotonic() + float(sys.argv[2])
i = 0
while time.monotonic() < end:
    store.follow()
    store.notes.add(Note(None, f"other seat note {i}", "t"))
    i += 1
    time.sleep(1.0)
store.close()
"""


def save_times(path: Path, saves: int, others: int) -> list[float]:
    helpers = [subprocess.Popen([sys.executable, "-c", OTHER_SEAT, str(path), "60"]) for _ in range(others)]
    try:
        time.sleep(1.0 if others else 0)  # the other seats are open and saving
        store = NetworkStore.open(path)
        store.notes.all()
        times = []
        for i in range(saves):
            start = time.perf_counter()
            store.notes.add(Note(None, f"bench note {i}", "t"))
            times.append(time.perf_counter() - start)
            assert store.save_state.saved
            time.sleep(0.05)
            store.follow()  # what the app's follow timer does every 0.1 s
        store.close()
    finally:
        for helper in helpers:
            helper.kill()
            helper.wait()
    return times


async def idle_cpu(folder: Path, seconds: float, *, timers: bool) -> float:
    import ln_tui.app

    ln_tui.app.FOLLOW_SECONDS = FOLLOW_SECONDS if timers else 3600.0  # read when the app is mounted
    ln_tui.app.BEAT_SECONDS = 1.0 if timers else 3600.0
    path = folder / "idle.json"
    with NetworkStore.open(path) as setup:
        setup.save_profile(setup.profile().__class__(name="Bench"))
    store = NetworkStore.open(path)
    app = LnApp(store, screen="network", settings=Settings(language="en"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.0)
        start_cpu, start = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        used = (time.process_time() - start_cpu) / (time.perf_counter() - start)
    store.close()
    return used


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--idle", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        latencies = asyncio.run(painted_latency(folder, args.changes))
        print(
            f"change painted on another seat: p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
            f"(baseline: the follow interval {FOLLOW_SECONDS * 1000:.0f} ms; limit 500 ms)"
        )
        year = build_year(folder / "year.json")
        alone = save_times(year, args.saves, 0)
        shared = save_times(year, args.saves, 2)
        print(
            f"save on the year-scale network: 1 seat p95 {p95(alone) * 1000:.1f} ms, "
            f"3 seats p95 {p95(shared) * 1000:.1f} ms, ratio {p95(shared) / p95(alone):.2f} (limit 2)"
        )
        base = asyncio.run(idle_cpu(folder, args.idle, timers=False))
        idle = asyncio.run(idle_cpu(folder, args.idle, timers=True))
        print(
            f"idle seat CPU: {idle * 100:.2f} % of a core (the same app without following: {base * 100:.2f} %; limit 2 %)"
        )


if __name__ == "__main__":
    main()
