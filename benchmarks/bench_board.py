"""Kickoff board benchmarks, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_board.py [--adds N] [--opens N]

1. adding one item (Enter in the editor to the paint that shows the item, p50 and p95) to a
   board of 1,000 items vs the same on a board of 10 (targets: p95 <= 50 ms and ratio <= 1.5);
   the cheapest keystroke (a cursor key, to its paint) as the machine's baseline; also n to the
   paint that shows the editor (the first n of a session mounts it), for information
2. opening the board (switching to the kickoff home, to its first paint) with 1,000 items vs
   with 10, the median of --opens fresh apps (target <= 300 ms). The kickoff module is already
   imported (by the warm-up run), as it is after the first F4 of a session.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events

from ln_tui.app import LnApp
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.screens.kickoff.board import BoardColumnList
from ln_tui.screens.textual_workarounds import on_each_paint
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

WORDS = [
    "zorg",
    "**casus**",
    "overleg",
    "mantelzorger",
    "huisarts",
    "planning",
    "verwachting",
    "afspraak",
    "vraag",
    "team",
]


def board_file(folder: Path, items: int, seed: int = 4) -> Path:
    """A network whose kickoff board holds `items` items, spread over the four columns."""
    rng = random.Random(seed)
    path = folder / f"board-{items}.json"
    with NetworkStore.open(path) as store, store.batch():
        profile = store.profile()
        profile.name = "Bench"
        store.save_profile(profile)
        members = store.members.add_many([Member(f"Member {i}") for i in range(20)])
        meeting = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        columns = list(BoardColumn)
        store.repo(BoardItem).add_many(
            [
                BoardItem(
                    meeting.id,
                    columns[i % 4],
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))),
                    rng.choice(members).id,
                    votes=rng.randint(0, 5),
                    order=i + 1,
                )
                for i in range(items)
            ]
        )
    return path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class PaintClock:
    """Every paint of the app (see `on_each_paint`), with what `probe` said at that moment, so
    a test can find the first paint that shows a change."""

    def __init__(self, app: LnApp) -> None:
        self.paints: list[tuple[float, Any]] = []
        self.probe: Callable[[], Any] = lambda: type(app.screen)
        on_each_paint(app, lambda: self.paints.append((time.perf_counter(), self.probe())))

    async def first_paint(self, after: float, showing: Callable[[Any], bool]) -> float:
        """The time of the first paint after `after` whose probe satisfies `showing`."""
        while True:
            for when, seen in self.paints:
                if when > after and showing(seen):
                    return when
            await asyncio.sleep(0.0005)


def grew(seen: Any, before: int) -> bool:
    return bool(seen[0] > before)


def moved_up(seen: Any, before: int) -> bool:
    return bool(seen[1] == before - 1)


@dataclass
class Run:
    adds: list[float]  # ms from the Enter that saves an item to the paint that shows it
    moves: list[float]  # ms from a cursor key to the paint that shows the cursor moved
    editor: list[float]  # ms from n to the paint that shows the editor (the first mounts it)
    opened: float  # ms from F4 to the board painted


async def measure(path: Path, adds: int) -> Run:
    from ln_tui.screens.kickoff.screen import KickoffScreen

    store = NetworkStore.open(path)
    app = LnApp(store, screen="network", settings=Settings(theme="projector", language="en"))
    run = Run([], [], [], 0.0)

    def key(name: str, character: str | None = None) -> float:
        app.post_message(events.Key(name, character))  # not awaited, unlike Pilot.press
        return time.perf_counter()

    async with app.run_test(size=(120, 36)) as pilot:
        paints = PaintClock(app)
        await pilot.pause()
        t0 = key("f4")
        run.opened = (await paints.first_paint(t0, lambda seen: seen is KickoffScreen) - t0) * 1000
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KickoffScreen)
        column = screen.query_one("#list-questions", BoardColumnList)
        paints.probe = lambda: (column.item_count, column.cursor, screen.editing)
        column.focus()
        await pilot.pause()
        for i in range(adds):
            t0 = key("n", "n")
            run.editor.append((await paints.first_paint(t0, lambda seen: seen[2]) - t0) * 1000)
            await pilot.press(*f"item {i}")
            before = column.item_count
            t0 = key("enter", "\r")
            run.adds.append((await paints.first_paint(t0, partial(grew, before=before)) - t0) * 1000)
            await pilot.pause()
            t0 = key("up")
            run.moves.append((await paints.first_paint(t0, partial(moved_up, before=before)) - t0) * 1000)
            await pilot.pause()
    store.close()
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--adds", type=int, default=40)
    parser.add_argument("--opens", type=int, default=5)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ln-bench-board-"))
    small, large = board_file(folder, 10), board_file(folder, 1000)
    asyncio.run(measure(small, 3))  # warm up imports and caches
    small_run, large_run = asyncio.run(measure(small, options.adds)), asyncio.run(measure(large, options.adds))
    for label, values in (
        ("add, board of 10", small_run.adds),
        ("add, board of 1,000", large_run.adds),
        ("cursor key (baseline), 10", small_run.moves),
        ("cursor key (baseline), 1,000", large_run.moves),
        ("n to the editor, 1,000 (later)", large_run.editor[1:]),
    ):
        print(f"{label:<32} p50 {statistics.median(values):7.1f} ms  p95 {percentile(values, 95):7.1f} ms")
    print(f"n to the editor, 1,000, first time (mounts it): {large_run.editor[0]:.1f} ms")
    ratio = percentile(large_run.adds, 95) / percentile(small_run.adds, 95)
    print(f"add one item: p95 ratio 1,000 / 10 = {ratio:.2f}  (targets: p95 <= 50 ms, ratio <= 1.5)")
    print(
        "add one item on 1,000 vs a cursor key on 1,000: p95 ratio "
        f"{percentile(large_run.adds, 95) / percentile(large_run.moves, 95):.2f}"
    )
    opens_small = [small_run.opened] + [asyncio.run(measure(small, 0)).opened for _ in range(options.opens - 1)]
    opens_large = [large_run.opened] + [asyncio.run(measure(large, 0)).opened for _ in range(options.opens - 1)]
    open_small, open_large = statistics.median(opens_small), statistics.median(opens_large)
    print(
        f"open the board (median of {options.opens}): 10 items {open_small:6.1f} ms, "
        f"1,000 items {open_large:6.1f} ms (max {max(opens_large):6.1f} ms), "
        f"ratio {open_large / open_small:.2f}  (target <= 300 ms)"
    )


if __name__ == "__main__":
    main()
