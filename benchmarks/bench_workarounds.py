"""What each workaround of ln_tui/screens/textual_workarounds.py buys, measured with and without it.

    .venv/bin/python benchmarks/bench_workarounds.py [--runs N] [--only stylesheet css-count focus gc styles-cache]

Each run is a fresh process on the year-scale network (benchmarks/dataset.py), 120x36: the app
starts on the network home, then F3, F4, F5, F6 (the first visit of each home, key to the first
paint that shows it), then on the kickoff board n (key to the paint that shows the editor,
the focus moving into it) and Escape, ten times; then each of the five homes built again twice (F9,
F9: what a long session's forms and rebuilds leave behind), one full collection (what `freeze_heap`
does), timed, and the objects it left. Also the start to the first paint (benchmarks/first_paint.py, as bench_foundation measures it).
The same runs with one workaround switched off
(the stock Textual class or behaviour put back) give the figure that justifies keeping it; `gc`
leaves the collector at Python's settings at start (`LnApp.on_load`, ln_tui/screens/memory.py).

Measured 2026-12-07 on the shared 2-core machine (`--runs 5 --only gc`, two runs): start to first
paint 739 / 476 ms with the app's gc settings, 844 / 586 ms without; the first visit of four homes
and n to the editor within noise (956 vs 981 and 1007 vs 782 ms; 38.1 vs 42.9 and 35.6 vs 36.2 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

VARIANTS = {
    "all workarounds": "",
    "without ReusingStylesheet": "stylesheet",
    "without level_css_update_count": "css-count",
    "without QuietFocusScreen": "focus",
    "without the app's gc settings": "gc",
    "without inner_outer_by_colour": "styles-cache",
}
HOMES = ("f3", "f4", "f5", "f6")


def switch_off(what: str) -> None:
    """Put Textual's own behaviour back for one workaround (in this process only)."""
    if what == "stylesheet":
        from textual.css.stylesheet import Stylesheet

        import ln_tui.app

        ln_tui.app.ReusingStylesheet = Stylesheet  # type: ignore[misc, assignment]  # the stock class
    elif what == "css-count":
        import ln_tui.screens.base

        ln_tui.screens.base.level_css_update_count = lambda screen: None
    elif what == "focus":
        from textual.screen import Screen

        from ln_tui.screens.textual_workarounds import QuietFocusScreen

        QuietFocusScreen.focused = Screen.focused  # the stock reactive (repaints)
    elif what == "gc":
        from ln_tui.app import LnApp

        LnApp.on_load = lambda self: None  # type: ignore[method-assign]  # Python's own collector settings
    elif what == "styles-cache":
        import ln_tui.app
        from ln_tui.screens.textual_workarounds import inner_outer_by_colour

        def textual_s_cache() -> None:
            inner_outer_by_colour(on=False)

        ln_tui.app.inner_outer_by_colour = textual_s_cache  # type: ignore[assignment]  # Textual's cache put back


async def measure(path: Path) -> dict[str, list[float]]:
    from textual import events

    from ln_tui.app import LnApp
    from ln_tui.screens.textual_workarounds import on_each_paint
    from ln_tui.settings import Settings
    from ln_tui.store import NetworkStore

    store = NetworkStore.open(path)
    app = LnApp(store, screen="network", settings=Settings(theme="projector", language="en"))
    paints: list[tuple[float, bool]] = []  # (when, whether the probe said done at that paint)
    probe: list[Any] = [lambda: False]
    results: dict[str, list[float]] = {"homes": [], "editor": [], "collect": [], "objects": []}

    async def timed(key: str, character: str | None, done: Any) -> float:
        probe[0] = done
        start = time.perf_counter()
        app.post_message(events.Key(key, character))
        for _ in range(20000):
            shown = next((when for when, ok in paints if when > start and ok), None)
            if shown is not None:
                return (shown - start) * 1000
            await asyncio.sleep(0.0005)
        raise TimeoutError(key)

    async with app.run_test(size=(120, 36)) as pilot:
        on_each_paint(app, lambda: paints.append((time.perf_counter(), bool(probe[0]()))))
        await pilot.pause()
        for key, mode in zip(HOMES, ("roster", "kickoff", "discussion", "evaluation"), strict=True):
            results["homes"].append(await timed(key, None, lambda mode=mode: app.current_mode == mode))
            await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        screen: Any = app.screen
        for _ in range(10):
            results["editor"].append(await timed("n", "n", lambda: screen.editing))
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        for key in ("f2", *HOMES):
            await pilot.press(key, "f9", "f9")
            await pilot.pause()
        gc.unfreeze()
        began = time.perf_counter()
        gc.collect()
        results["collect"].append((time.perf_counter() - began) * 1000)
        results["objects"].append(len(gc.get_objects()))
    store.close()
    return results


def child(what: str, path: str) -> None:
    switch_off(what)
    print(json.dumps(asyncio.run(measure(Path(path)))))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only", nargs="*", choices=[w for w in VARIANTS.values() if w], help="these variants and the baseline"
    )
    options = parser.parse_args()
    variants = {
        label: what for label, what in VARIANTS.items() if not what or options.only is None or what in options.only
    }
    from dataset import build_year

    path = build_year(Path(tempfile.mkdtemp(prefix="ln-bench-workarounds-")) / "year.json")
    print(f"runs: {options.runs} fresh processes per variant, year-scale network, 120x36")
    starts: dict[str, list[float]] = {label: [] for label in variants}
    homes: dict[str, list[float]] = {label: [] for label in variants}
    editor: dict[str, list[float]] = {label: [] for label in variants}
    collect: dict[str, list[float]] = {label: [] for label in variants}
    objects: dict[str, list[float]] = {label: [] for label in variants}
    for _ in range(options.runs):  # the variants take turns, so that the machine's load falls on all
        for label, what in variants.items():
            out = subprocess.run(
                [sys.executable, __file__, "--child", what, str(path)], capture_output=True, text=True, check=True
            ).stdout
            found = json.loads(out.strip().splitlines()[-1])
            homes[label].append(sum(found["homes"]))
            began = time.time()
            painted = subprocess.run(
                [sys.executable, str(Path(__file__).parent / "first_paint.py"), "ln-tui", str(path)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "LN_TUI_BENCH_WITHOUT": what},
            ).stdout.split()[0]
            starts[label].append((float(painted) - began) * 1000)
            editor[label] += found["editor"]
            collect[label] += found["collect"]
            objects[label] += found["objects"]
    for label in variants:
        print(
            f"{label:31} start {statistics.median(starts[label]):6.1f} ms   "
            f"first visit of 4 homes (sum, median) {statistics.median(homes[label]):7.1f} ms   "
            f"n to the editor (median) {statistics.median(editor[label]):6.1f} ms   "
            f"then a full collection {statistics.median(collect[label]):5.1f} ms, "
            f"{statistics.median(objects[label]):8.0f} objects left"
        )


if __name__ == "__main__":
    main()
