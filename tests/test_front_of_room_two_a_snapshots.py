"""How issue 22's changes look: the meeting form's empty date (120x36), and at 80x24 the recommend row with 10
chosen, an action selected in the minutes, the palette, roster rows with names from an older file, the
focus after Escape on the welcome, an open evaluation form after F9."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from ln_tui.app import LnApp
from ln_tui.model import Member
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


def test_roster_rows_aligned_with_names_from_an_older_file(
    snap_compare, store: NetworkStore, make_app: AppFactory
) -> None:
    store.members.add_many(
        [Member("Ann\nPeeters", organisation="CAW"), Member("Bart\tDe Smet", organisation="OCMW"), Member("Els")]
    )
    assert snap_compare(make_app(store, screen="roster"), terminal_size=SMALL)


def test_escape_on_the_welcome_leaves_the_focus_in_the_name_field(
    snap_compare, network_path: Path, make_app: AppFactory
) -> None:
    with NetworkStore.open(network_path) as fresh:
        assert snap_compare(make_app(fresh), press=["escape"], terminal_size=SMALL)


def test_f9_in_an_open_evaluation_form(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="evaluation"), press=["a", "4", "f9"], terminal_size=SMALL)
