"""How the discussion looks: the countdown in each phase, the projector view, the method editor
and the fairness view, at 80x24 and 120x36 (on the demo network, the fake clock moved by hand)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable

import pytest
from conftest import FakeClock

from ln_tui.app import LnApp
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import Case
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
CLARIFYING_QUESTIONS = ["N", "N", "N"]  # round 4 of the incident method: 2:00 per speaker


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


@pytest.fixture
def app(demo_store: NetworkStore, make_app: AppFactory) -> LnApp:
    """The demo's current meeting with a new case, ready to discuss."""
    meeting = demo_store.current_meeting
    assert meeting is not None
    member = demo_store.members.all()[4]
    demo_store.repo(Case).add(
        Case(
            meeting.id,
            "Ontslag uit het ziekenhuis op vrijdagavond",
            member.id,
            "Hoe voorkom ik dat patiënten zonder zorg thuiskomen?",
            "",
            INCIDENT,
            copy.deepcopy(preset(INCIDENT).rounds),
            True,
        )
    )
    return make_app(demo_store, screen="discussion")


def after(clock: FakeClock, seconds: float, *keys: str) -> Callable[..., object]:
    async def run_before(pilot) -> None:
        await pilot.press(*CLARIFYING_QUESTIONS)
        clock.advance(seconds)
        pilot.app.screen.tick()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("phase", "seconds", "keys"),
    [
        pytest.param("green", 30, (), id="green"),
        pytest.param("amber", 100, (), id="amber"),
        pytest.param("red", 120.2, (), id="red"),
        pytest.param("overtime", 162.5, (), id="overtime"),
        pytest.param("paused", 30, ("space",), id="paused"),
        pytest.param("projector", 75, ("p",), id="projector"),
    ],
)
def test_snapshot_countdown(
    snap_compare, app: LnApp, clock: FakeClock, size: tuple[int, int], phase: str, seconds: float, keys: tuple[str, ...]
) -> None:
    assert snap_compare(app, terminal_size=size, run_before=after(clock, seconds, *keys))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_method_editor(snap_compare, app: LnApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, press=["M", "c", "tab"])


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_fairness_view(snap_compare, app: LnApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, press=["t"])
