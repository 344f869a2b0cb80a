"""The garbage collector while the app runs."""

from __future__ import annotations

import gc

# Seconds after a home is shown (or rebuilt) before its heap is frozen: the full collection
# that comes first (tens of ms on the year-scale network) is left out of the home's first paint
# and out of the keys that follow it at once.
FREEZE_AFTER = 1.0


def freeze_heap() -> None:
    """Leave what lives now out of the garbage collector's full passes, without leaking.

    Once a home is painted, what exists (the store's records, the homes' widgets, Textual's
    styles) mostly lives as long as the app; the collector's full passes walk all of it: a
    pause of 100-150 ms every few keystrokes on a full board (benchmarks/bench_board.py; without
    this, n to the kickoff editor p95 217 ms vs 32 ms, measured under load). Frozen objects are
    never collected, so: garbage is collected first (nothing dead is frozen), and the heap is
    unfrozen whenever a home is left or rebuilt (`on_screen_suspend`, `recompose`), so that what
    a home let go of is collected then. Runs FREEZE_AFTER seconds after the home is shown.
    """
    gc.collect()
    gc.freeze()
