"""Child process of bench_foundation: start an app, print the time of its first paint and peak memory.

Usage: first_paint.py ln-tui FILE | first_paint.py bare
"""

from __future__ import annotations

import os
import resource
import sys
import time


def peak_kib() -> int:
    """This program's own peak resident memory in KiB. Linux's VmHWM belongs to this program's
    memory alone; ru_maxrss also holds the peak of the parent it was started from (taken over at
    the fork before exec): bench_foundation's own peak, ~34 MiB once it had built and checked the
    year-scale network, was then what the bare app reported (its own is ~33.3 MiB)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report(pilot_app: object) -> None:
    print(f"{time.time():.6f} {peak_kib()}", flush=True)


async def auto_pilot(pilot) -> None:
    await pilot.pause()
    report(pilot.app)
    pilot.app.exit()


def main() -> None:
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Footer, Header, Static

        class Bare(App[None]):
            def compose(self):
                yield Header()
                yield Static("Hello")
                yield Footer()

        Bare().run(headless=True, size=(120, 36), auto_pilot=auto_pilot)
    else:
        if without := os.environ.get("LN_TUI_BENCH_WITHOUT"):  # bench_workarounds: one switched off
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from bench_workarounds import switch_off

            switch_off(without)
        from ln_tui.app import LnApp
        from ln_tui.store import NetworkStore

        store = NetworkStore.open(sys.argv[2])
        LnApp(store, screen=sys.argv[3] if len(sys.argv) > 3 else "network").run(
            headless=True, size=(120, 36), auto_pilot=auto_pilot
        )
        store.close()


if __name__ == "__main__":
    main()
