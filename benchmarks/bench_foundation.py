"""Foundation benchmarks on a year-scale network, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_foundation.py [--runs N]

1. process start to first paint: ln-tui opening the file vs a bare Textual app (Header, Static, Footer)
2. one durable save of a single edit (p50, p95) vs stock TinyDB JSONStorage inserting the same record
3. peak memory (max RSS) of the two processes of (1)

(1) and (3) are measured twice: on a file ln-tui checked before (what a user gets at every start
but the first: one untimed start checks the file first, as the user's first open does), and on a
file not checked before (its mark removed before each such start). The app's data folder, where
the marks are kept, is a temporary one: the benchmark never writes into the user's own.

Both apps start from byte-compiled modules, as after `pip install` (it compiles) or any earlier
run: where PYTHONDONTWRITEBYTECODE is set (as on the shared build machine), Python never keeps
the bytecode of the ln_tui sources, and each start compiled ~40 modules again (~60 ms) that an
installed ln-tui never compiles; Textual's own modules were compiled when it was installed.
`--source` does not compile first (bytecode an earlier run left in __pycache__ is still used).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dataset import build_year  # noqa: E402
from tinydb import TinyDB  # noqa: E402

from ln_tui.model import Note  # noqa: E402
from ln_tui.records import to_record  # noqa: E402
from ln_tui.store import NetworkStore, real_path  # noqa: E402
from ln_tui.store.checked import mark_path  # noqa: E402


def first_paint(args: list[str]) -> tuple[float, int]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(HERE / "first_paint.py"), *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]) - start, int(out[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(label: str, ours: float, base: float, unit: str, target: str) -> None:
    print(
        f"{label:<40} ln-tui {ours:9.2f} {unit:<3} baseline {base:9.2f} {unit:<3} ratio {ours / base:5.2f}  (target {target})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument(
        "--source",
        action="store_true",
        help="do not byte-compile ln_tui first (bytecode an earlier run left is still used)",
    )
    options = parser.parse_args()
    if not options.source:
        compileall.compile_dir(HERE.parent / "ln_tui", quiet=1)  # as an installed wheel is
    folder = Path(tempfile.mkdtemp(prefix="ln-bench-"))
    os.environ["LN_TUI_DATA_DIR"] = str(folder / "data")  # the marks of checked files, here and in the children
    path = build_year(folder / "year.json")
    mark = mark_path(real_path(path))
    size_kb = path.stat().st_size / 1024
    with NetworkStore.open(path, read_only=True) as store:
        counts = store.counts()
    print(
        f"year-scale network: {size_kb:.0f} KiB, "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if not k.startswith("_"))
    )

    # 1 and 3: first paint and peak memory, interleaved so all see the same machine load.
    mark.unlink(missing_ok=True)
    first_paint(["ln-tui", str(path)])  # the user's first open: checks the file and marks it
    ours, unchecked, bare = [], [], []
    for _ in range(options.runs):
        bare.append(first_paint(["bare"]))
        ours.append(first_paint(["ln-tui", str(path)]))
        mark.unlink()  # there is one: each start leaves it
        unchecked.append(first_paint(["ln-tui", str(path)]))
    ours_ms = statistics.median(t for t, _ in ours) * 1000
    unchecked_ms = statistics.median(t for t, _ in unchecked) * 1000
    bare_ms = statistics.median(t for t, _ in bare) * 1000
    ours_mb = max(m for _, m in ours) / 1024
    unchecked_mb = max(m for _, m in unchecked) / 1024
    bare_mb = max(m for _, m in bare) / 1024

    # 2: one durable save of a single edit.
    stock_path = folder / "stock.json"
    shutil.copy(path, stock_path)
    stock = TinyDB(stock_path).table("notes")
    store = NetworkStore.open(path)
    ours_save, stock_save = [], []
    for i in range(options.saves):
        note = Note(1, f"edit {i}: " + "x" * 120, "2026-06-01T14:00:00")
        t0 = time.perf_counter()
        stock.insert(to_record(note))
        t1 = time.perf_counter()
        store.notes.add(note)
        t2 = time.perf_counter()
        stock_save.append((t1 - t0) * 1000)
        ours_save.append((t2 - t1) * 1000)
    store.close()

    print(f"runs: {options.runs} app starts each, {options.saves} saves each")
    line("start to first paint (median)", ours_ms, bare_ms, "ms", "<= 1.25")
    line("  the same, file not checked before", unchecked_ms, bare_ms, "ms", "none: a first open")
    line("durable save of one edit, p50", percentile(ours_save, 50), percentile(stock_save, 50), "ms", "<= 0.5")
    line("durable save of one edit, p95", percentile(ours_save, 95), percentile(stock_save, 95), "ms", "<= 0.5")
    line("peak memory (max RSS)", ours_mb, bare_mb, "MiB", "<= 1.3")
    line("  the same, file not checked before", unchecked_mb, bare_mb, "MiB", "none: a first open")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
