"""Opening a year-scale network (benchmarks/dataset.py) for writing and read-only: the cost of
validating every record and keeping five good states (issue 11), on a file not checked before
(its mark removed before each open) and on one ln-tui checked before (each table then parsed
when first read; here none is read).

Run with `python benchmarks/bench_open.py`; compare with the code before the change by putting
its `ln_tui` first on PYTHONPATH. Figures are medians of 15 opens in one process (each step's
model module is imported by the first full check only). The marks go to a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dataset import build_year

from ln_tui.store import NetworkStore, real_path
from ln_tui.store.checked import mark_path


def median_ms(path: Path, *, read_only: bool, checked: bool) -> float:
    times = []
    NetworkStore.open(path).close()  # checks the file and marks it
    for _ in range(15):
        if not checked:
            mark_path(real_path(path)).unlink()
        start = time.perf_counter()
        NetworkStore.open(path, read_only=read_only).close()
        times.append((time.perf_counter() - start) * 1000)
        if not checked and read_only:
            NetworkStore.open(path).close()  # a read-only open writes no mark
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["LN_TUI_DATA_DIR"] = str(Path(folder) / "data")
        path = build_year(Path(folder) / "year.json")
        size = path.stat().st_size
        print(f"year-scale network: {size / 1e6:.1f} MB; medians of 15 opens")
        for checked in (False, True):
            print("checked before:" if checked else "not checked before:")
            print(f"  open for writing: {median_ms(path, read_only=False, checked=checked):.1f} ms")
            print(f"  open read-only:   {median_ms(path, read_only=True, checked=checked):.1f} ms")


if __name__ == "__main__":
    main()
