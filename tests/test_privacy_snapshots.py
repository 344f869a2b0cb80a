"""Snapshots of the screens of issue 26 items 3-5: the pulse typed in the console, the question
before forgetting a member, the question before keeping only what was learned, and a summary
with too few forms to show figures."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FakeClock
from textual.pilot import Pilot

from ln_tui.agenda.closing import harvest, save_harvest
from ln_tui.app import LnApp
from ln_tui.evaluation.model import Evaluation
from ln_tui.evaluation.pulse import Pulse
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.present.view import RoomChoice, show_to_room
from ln_tui.screens.present.app import PresentApp
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_pulse_being_typed(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("p", "4", "down")
        await pilot.pause()

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=size, run_before=run_before)


def test_snapshot_forget_question(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("slash", *"Jan Pe", "down", "F")

    assert snap_compare(make_app(demo_store, screen="roster"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_keep_learned_question(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    save_harvest(demo_store, dataclasses.replace(harvest(demo_store), closed=True))

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("K")

    assert snap_compare(make_app(demo_store, screen="agenda"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_summary_with_two_forms(snap_compare, store: NetworkStore, make_app: AppFactory) -> None:
    meeting = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
    store.members.add_many([Member("Ann Aerts"), Member("Bart Bosmans")])
    for member in store.members.all():
        form = Evaluation(meeting.id, member.id, ratings={"relevance": 4}, answers={"went_well": "NOT SHOWN"})
        form.mark_finished()
        store.repo(Evaluation).add(form)

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("s")

    assert snap_compare(make_app(store, screen="evaluation"), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_present_with_the_pulse(
    snap_compare,
    store: NetworkStore,
    network_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """The room's screen: the pulse of two meetings, one with too few answers for an average."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    first = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, title="Bijeenkomst 2"))
    second = store.meetings.add(Meeting("2026-04-14", MeetingKind.REGULAR, title="Bijeenkomst 3"))
    store.set_current_meeting(second.id)
    pulse = Pulse(store)
    for say, heard, stays in ((4, 5, 3), (5, 4, 4), (3, 4, 5)):
        pulse.add(first.id, {"say": say, "heard": heard, "stays": stays})
    pulse.add(second.id, {"say": 2, "heard": 2, "stays": 1})
    show_to_room(store, RoomChoice.EVALUATION, meeting_id=second.id)
    app = PresentApp(network_path, wall=clock, settings=Settings(theme="projector", language="en"))
    try:
        assert snap_compare(app, terminal_size=size)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
