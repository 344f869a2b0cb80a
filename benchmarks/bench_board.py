"""Kickoff board benchmarks, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_board.py [--adds N]

1. adding one item (Enter in the editor to the paint that shows the item, p50 and p95) to a
   board of 1,000 items vs the same on a board of 10 (targets: p95 <= 50 ms and ratio <= 1.5);
   the cheapest keystroke (a cursor key, to its paint) as the machine's baseline
2. opening the board (switching to the kickoff home) with 1,000 items vs with 10 (target <= 300 ms)
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402

from ln_tui.app import LnApp  # noqa: E402
from ln_tui.model import Meeting, MeetingKind, Member  # noqa: E402
from ln_tui.model.board import BoardColumn, BoardItem  # noqa: E402
from ln_tui.settings import Settings  # noqa: E402
from ln_tui.store import NetworkStore  # noqa: E402
from ln_tui.widgets.board import BoardColumnList  # noqa: E402

WORDS = "zorg **casus** overleg mantelzorger huisarts planning verwachting afspraak vraag team".split()


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
    """Every paint of the app (it wraps `App._display`, where each screen update ends), with
    what `probe` said at that moment, so a test can find the first paint that shows a change."""

    def __init__(self, app: LnApp) -> None:
        self.paints: list[tuple[float, object]] = []
        self.probe: Callable[[], object] = lambda: type(app.screen)
        display = app._display

        def timed(screen, renderable):  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if renderable is not None:
                self.paints.append((time.perf_counter(), self.probe()))

        app._display = timed  # type: ignore[method-assign]

    async def first_paint(self, after: float, showing: Callable[[object], bool]) -> float:
        """The time of the first paint after `after` whose probe satisfies `showing`."""
        while True:
            for when, seen in self.paints:
                if when > after and showing(seen):
                    return when
            await asyncio.sleep(0.0005)


async def measure(path: Path, adds: int) -> tuple[list[float], list[float], float]:
    """(ms from the Enter that saves an item to the paint that shows it, ms from a cursor key
    to the paint that shows the highlight moved, ms from F4 to the board painted)."""
    from ln_tui.screens.kickoff import KickoffScreen

    store = NetworkStore.open(path)
    app = LnApp(store, screen="network", settings=Settings(theme="projector", language="en"))
    times, moves = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        paints = PaintClock(app)
        await pilot.pause()
        t0 = time.perf_counter()
        app._driver.send_message(events.Key("f4", None))  # type: ignore[union-attr]
        opened = (await paints.first_paint(t0, lambda seen: seen is KickoffScreen) - t0) * 1000
        await pilot.pause()
        column = app.screen.query_one("#list-questions", BoardColumnList)
        paints.probe = lambda: (column.item_count, column.cursor)
        column.focus()
        await pilot.pause()
        for i in range(adds):
            await pilot.press("n", *f"item {i}")
            before = column.item_count
            t0 = time.perf_counter()
            app._driver.send_message(events.Key("enter", "\r"))  # type: ignore[union-attr]
            added = await paints.first_paint(t0, lambda seen: seen[0] > before)  # type: ignore[index]
            times.append((added - t0) * 1000)
            await pilot.pause()
            t0 = time.perf_counter()
            app._driver.send_message(events.Key("up", None))  # type: ignore[union-attr]
            moved = await paints.first_paint(t0, lambda seen: seen[1] == before - 1)  # type: ignore[index]
            moves.append((moved - t0) * 1000)
            await pilot.pause()
    store.close()
    return times, moves, opened


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--adds", type=int, default=40)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ln-bench-board-"))
    small, large = board_file(folder, 10), board_file(folder, 1000)
    asyncio.run(measure(small, 3))  # warm up imports and caches
    add_small, move_small, open_small = asyncio.run(measure(small, options.adds))
    add_large, move_large, open_large = asyncio.run(measure(large, options.adds))
    for label, values in (
        ("add, board of 10", add_small),
        ("add, board of 1,000", add_large),
        ("cursor key (baseline), 10", move_small),
        ("cursor key (baseline), 1,000", move_large),
    ):
        print(f"{label:<30} p50 {statistics.median(values):7.1f} ms  p95 {percentile(values, 95):7.1f} ms")
    ratio = percentile(add_large, 95) / percentile(add_small, 95)
    print(f"add one item: p95 ratio 1,000 / 10 = {ratio:.2f}  (targets: p95 <= 50 ms, ratio <= 1.5)")
    print(f"add one item on 1,000 vs a cursor key on 1,000: p95 ratio {percentile(add_large, 95) / percentile(move_large, 95):.2f}")
    print(
        f"open the board: 10 items {open_small:6.1f} ms, 1,000 items {open_large:6.1f} ms, "
        f"ratio {open_large / open_small:.2f}  (target <= 300 ms)"
    )


if __name__ == "__main__":
    main()
