"""How issue 22's changes (items 8, 9, 10) look at 80x24: the meeting form's empty date, the recommend row
with 10 chosen, the minutes' actions with their due dates and the carried items' Markdown."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from ln_tui.app import LnApp
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)


def test_planning_a_meeting_with_an_empty_date(snap_compare, store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(store), press=["ctrl+t", "a"], terminal_size=(120, 36))


def test_the_recommend_row_with_ten_chosen(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    keys = ["a", *["down"] * 14, "1", "0"]
    assert snap_compare(make_app(demo_store, screen="evaluation"), press=keys, terminal_size=SMALL)


def test_an_action_selected_in_the_minutes(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["end", "up"], terminal_size=SMALL)


def test_the_palette_finds_the_spotlight_from_the_agenda(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory
) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p", *"spotlight")
        await pilot.pause(0.5)
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(make_app(demo_store, screen="agenda"), run_before=search, terminal_size=SMALL)
