"""Opening a year-scale network (benchmarks/dataset.py) for writing and read-only: the cost of
validating every record and keeping five good states (issue 11).

Run with `python benchmarks/bench_open.py`; compare with the code before the change by putting
its `ln_tui` first on PYTHONPATH. Figures are medians of 15 opens.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dataset import build_year

from ln_tui.store import NetworkStore


def median_ms(path: Path, *, read_only: bool) -> float:
    times = []
    for _ in range(15):
        start = time.perf_counter()
        NetworkStore.open(path, read_only=read_only).close()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_year(Path(folder) / "year.json")
        size = path.stat().st_size
        print(f"year-scale network: {size / 1e6:.1f} MB")
        print(f"open for writing: {median_ms(path, read_only=False):.1f} ms (median of 15)")
        print(f"open read-only:   {median_ms(path, read_only=True):.1f} ms (median of 15)")


if __name__ == "__main__":
    main()
