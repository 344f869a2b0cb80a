"""The meeting clock: accuracy and cost, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_agenda.py

1. A simulated three-hour meeting on a 15-item agenda: the wall clock moved in random
   late ticks, with pauses, extensions and next items, and a crash (the agenda read again
   from the file) now and then. Ours: the time left derived from the saved anchors
   (box - spent, spent = elapsed + now - anchor). Baseline: a naive timer that takes
   0.1 s off per tick. Prints the largest error of each against the truth (limit 50 ms).
2. The work of one tick of the Agenda home (p50, p95; limit 2 ms) with a 15-item agenda
   and the case discussion running inside its item, vs a bare Textual `Digits.update`;
   and the discussion home's tick with the meeting clock's line refreshed each time.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import FakeClock

from ln_tui.agenda.agenda import Agenda
from ln_tui.agenda.model import ItemKind
from ln_tui.discussion.countdown import Countdown
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.model import Meeting, Member
from ln_tui.screens.agenda.screen import TICK_SECONDS
from ln_tui.store import NetworkStore

STEP = 1 / 1024  # the simulated clock moves in whole multiples of this
ITEMS = 15


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def network(folder: Path, clock: FakeClock) -> tuple[NetworkStore, Meeting, Case]:
    store = NetworkStore.open(folder / "bench.json")
    profile = store.profile()
    profile.name = "Bench"
    store.save_profile(profile)
    members = store.members.add_many([Member(f"Member {i}") for i in range(12)])
    meeting = store.meetings.add(Meeting("2026-03-03"))
    store.set_current_meeting(meeting.id)
    case = store.repo(Case).add(
        Case(
            meeting.id, "Bench", members[0].id, rounds=preset(INCIDENT).rounds, method_name=INCIDENT, method_preset=True
        )
    )
    agenda = Agenda(store, meeting, clock)
    while len(agenda.items) < ITEMS:
        agenda.add(ItemKind.OTHER, f"Item {len(agenda.items) + 1}", 5)
    return store, meeting, case


# -- 1. the simulated three hours -------------------------------------------------------------------
def simulate(hours: float = 3.0, seed: int = 1) -> None:
    rng = random.Random(seed)
    clock = FakeClock(start=1_772_000_000.0)
    folder = Path(tempfile.mkdtemp())
    store, meeting, _case = network(folder, clock)
    agenda = Agenda(store, meeting, clock)
    agenda.start()
    truth_spent, truth_box = 0.0, agenda.state().box
    naive_left = truth_box
    worst_ours = worst_naive = 0.0
    checks = actions = crashes = meetings = 0
    end = clock.now + hours * 3600
    while clock.now < end:
        lateness = rng.expovariate(1 / 0.004) + (rng.random() < 0.01) * rng.uniform(0.05, 0.5)
        step = max(1, round((TICK_SECONDS + lateness) / STEP)) * STEP
        clock.advance(step)
        state = agenda.state()
        if state.running:
            truth_spent += step
            naive_left -= TICK_SECONDS
        truth_left = truth_box - truth_spent
        worst_ours = max(worst_ours, abs(state.remaining - truth_left))
        worst_naive = max(worst_naive, abs(naive_left - truth_left))
        checks += 1
        if rng.random() < 0.003:
            actions += 1
            roll = rng.random()
            if roll < 0.35:
                agenda.toggle_pause()
            elif roll < 0.5:
                agenda.extend(60)
                truth_box += 60
                naive_left += 60
            elif roll < 0.6:
                crashes += 1  # read everything again from the file, as a restarted app does
                agenda = Agenda(store, meeting, clock)
            else:
                if agenda.next_item() is None:
                    meetings += 1
                    agenda.record.started = agenda.record.ended = 0.0
                    agenda.record.runs.clear()
                    agenda.start()
                truth_spent, truth_box = 0.0, agenda.state().box
                naive_left = truth_box
    store.close()
    print("1. Simulated three-hour meeting, 15-item agenda")
    print(f"   {checks:,} late ticks, {actions} actions (pause, extend, next, re-read from the file: {crashes})")
    print(f"   largest error of the time shown, ours (box - spent):   {worst_ours * 1000:9.3f} ms  (limit 50 ms)")
    print(f"   largest error, baseline (naive decrement per tick):    {worst_naive * 1000:9.3f} ms")
    if worst_ours:
        print(f"   ratio baseline / ours: {worst_naive / worst_ours:,.0f}x")
    else:
        print("   ratio: ours has no error at all")


# -- 2. the work of one tick ------------------------------------------------------------------------
async def tick_cost(samples: int = 2000) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Digits, Static

    from ln_tui.app import LnApp
    from ln_tui.screens.agenda.clock_line import MeetingClockLine
    from ln_tui.settings import Settings

    clock = FakeClock(start=1_772_000_000.0)
    folder = Path(tempfile.mkdtemp())
    store, meeting, case = network(folder, clock)
    agenda = Agenda(store, meeting, clock)
    agenda.start()
    agenda.next_item()
    agenda.next_item()  # the case discussion's item
    order = [m.id or 0 for m in store.members.all()]
    running = Countdown(clock, 120, running=True)
    store.repo(DiscussionState).add(DiscussionState(case.id or 0, order, round_index=3, clock=running.saved(clock())))
    app = LnApp(
        store, screen="agenda", clock=clock, wall_clock=clock, settings=Settings(theme="projector", language="en")
    )
    ours: list[float] = []
    both: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert "Discussion: round 4" in str(screen.query_one("#case-line", Static).visual)
        for _ in range(samples):
            clock.advance(TICK_SECONDS)
            began = time.perf_counter()
            screen.tick()  # type: ignore[attr-defined]
            ours.append(time.perf_counter() - began)
            if len(ours) % 50 == 0:
                await pilot.pause()
        # The discussion home, its turn running, with the meeting clock's line on its stage.
        await pilot.press("f5", "space")
        discussion = app.screen
        line = discussion.query_one(MeetingClockLine)
        for _ in range(samples):
            clock.advance(TICK_SECONDS)
            began = time.perf_counter()
            discussion.tick()  # type: ignore[attr-defined]
            line.refresh_line()
            both.append(time.perf_counter() - began)
            if len(both) % 50 == 0:
                await pilot.pause()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Digits("0:00")

    bare: list[float] = []
    bare_app = Bare()
    async with bare_app.run_test(size=(120, 36)) as pilot:
        digits = bare_app.query_one(Digits)
        for i in range(samples):
            began = time.perf_counter()
            digits.update(f"{(i // 600) % 60}:{(i // 10) % 60:02d}")
            bare.append(time.perf_counter() - began)
            if len(bare) % 50 == 0:
                await pilot.pause()
    store.close()
    p95, base95 = percentile(ours, 95), percentile(bare, 95)
    print(f"2. Work per tick of the Agenda home ({samples} ticks, 15 items, the discussion running in its item)")
    print(
        f"   ours: agenda tick              p50 {statistics.median(ours) * 1000:7.3f} ms  p95 {p95 * 1000:7.3f} ms  (limit 2 ms)"
    )
    print(
        f"   baseline: bare Digits.update   p50 {statistics.median(bare) * 1000:7.3f} ms  p95 {base95 * 1000:7.3f} ms"
    )
    print(f"   ratio ours / baseline (p95): {p95 / base95:.2f}x")
    p95_both = percentile(both, 95)
    print(
        f"   the discussion's tick + the meeting clock line (every tick here; once a second in the app): "
        f"p50 {statistics.median(both) * 1000:.3f} ms  p95 {p95_both * 1000:.3f} ms"
    )


def main() -> None:
    simulate()
    asyncio.run(tick_cost())


if __name__ == "__main__":
    main()
