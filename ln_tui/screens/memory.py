"""The garbage collector while the app runs: what lives as long as the app is left out of its full
passes, and drawing's short-lived objects are collected in larger batches.

What each setting buys: benchmarks/bench_workarounds.py (`--only gc`: the app's settings switched
off) and benchmarks/bench_board.py; the figures are in CONTRIBUTING.md ("Measured reasons")."""

from __future__ import annotations

import gc

# Seconds after a home is shown (or rebuilt) before its heap is frozen: the full collection
# that comes first is left out of the home's first paint and out of the keys that follow it at once.
FREEZE_AFTER = 1.0


def freeze_heap() -> None:
    """Leave what lives now out of the garbage collector's full passes, without leaking.

    Once a home is painted, what exists (the store's records, the homes' widgets, Textual's
    styles) mostly lives as long as the app; the collector's full passes walk all of it: a
    pause every few keystrokes on a full board (benchmarks/bench_board.py). Frozen objects are
    never collected, so: garbage is collected first (nothing dead is frozen), and the heap is
    unfrozen whenever a home is left or rebuilt (`on_screen_suspend`, `recompose`), so that what
    a home let go of is collected then. Runs FREEZE_AFTER seconds after the home is shown.
    """
    gc.collect()
    gc.freeze()


def hold_heap_while_running() -> tuple[int, int, int]:
    """At the app's start, before the first home is built; returns the process's own threshold.

    Drawing a frame makes thousands of short-lived objects: with Python's default threshold the
    young generation was collected several times per keystroke, promoting enough to start a full
    collection every few frames; collected every 5,000 new objects instead. What exists now (the
    modules, the store's records) lives as long as the app: frozen from the start, as
    `freeze_heap` does once a home is shown, so that no full pass walks it while the first home
    is built (unfrozen, as then, when a home is left or the app stops).
    """
    previous = gc.get_threshold()
    gc.set_threshold(5000, 10, 10)
    gc.freeze()
    return previous


def let_go_of_heap(threshold: tuple[int, int, int]) -> None:
    """When the app stops: the process's own threshold back, nothing frozen."""
    gc.set_threshold(*threshold)
    gc.unfreeze()
