"""How long the evaluation summary takes for a big meeting: 200 forms, run by hand.

    .venv/bin/python benchmarks/bench_evaluation.py

Baseline in the same run: reading the forms from the store (which the summary must do anyway).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from ln_tui.evaluation.model import Evaluation, OpenQuestion, Question
from ln_tui.evaluation.report import section
from ln_tui.evaluation.summary import meeting_summary, network_trend
from ln_tui.model import Meeting, MeetingKind
from ln_tui.store import NetworkStore


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as folder:
        store = NetworkStore.open(Path(folder) / "bench.json")
        meetings = store.meetings.add_many(
            [Meeting(f"2026-0{i + 1}-01", MeetingKind.CLOSING if i == 3 else MeetingKind.REGULAR) for i in range(4)]
        )
        store.repo(Evaluation).add_many(
            [
                Evaluation(
                    m.id,
                    draft=rng.random() < 0.1,
                    anonymous=rng.random() < 0.3,
                    ratings={q.value: rng.randint(1, 5) for q in Question},
                    learning_forms={"case_discussion": rng.randint(1, 5)},
                    recommend=rng.randint(0, 10),
                    answers={q.value: "x" * rng.randint(0, 300) for q in OpenQuestion},
                )
                for m in meetings
                for _ in range(50)
            ]
        )
        closing = meetings[-1]
        baseline = best_of(20, lambda: store.repo(Evaluation).all())
        summary = best_of(20, lambda: meeting_summary(store, closing))
        trend = best_of(20, lambda: network_trend(store))
        report = best_of(5, lambda: section(store, None))
        print(f"read 200 forms (baseline): {baseline * 1000:7.2f} ms")
        print(f"summary of one meeting:    {summary * 1000:7.2f} ms  ({summary / baseline:.1f}x baseline)")
        print(f"trend of four meetings:    {trend * 1000:7.2f} ms  ({trend / baseline:.1f}x baseline)")
        print(f"report section, whole arc: {report * 1000:7.2f} ms  ({report / baseline:.1f}x baseline)")
        store.close()


if __name__ == "__main__":
    main()
