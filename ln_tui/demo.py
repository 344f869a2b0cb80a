"""`ln-tui demo`: a realistic learning network to try the app on (and to test it with).

The core makes the profile, members and meetings; each step of the method then
adds its records through a populator listed in `POPULATORS`.
"""

from __future__ import annotations

from collections.abc import Callable

from ln_tui.agenda import demo as agenda
from ln_tui.demo_types import Demo
from ln_tui.discussion import demo as discussion
from ln_tui.evaluation import demo as evaluation
from ln_tui.kickoff import demo as kickoff
from ln_tui.minutes import demo as minutes
from ln_tui.network import demo as network
from ln_tui.store import NetworkStore
from ln_tui.thread import demo as thread

Populator = Callable[[NetworkStore, Demo], None]

POPULATORS: list[Populator] = [
    network.populate,
    kickoff.populate,
    discussion.populate,
    agenda.populate,
    evaluation.populate,
    minutes.populate,
    thread.populate,
]


def build_demo(store: NetworkStore) -> Demo:
    """Fill an empty network with the demo, in one save."""
    demo = Demo()
    with store.batch():
        for populate in POPULATORS:
            populate(store, demo)
    return demo
