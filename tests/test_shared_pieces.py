"""The pieces several homes share (issue 28, item 3), driven through the homes that use them:
the filter above a table, writing a file beside the network, a user text as a table cell."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import notified
from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.model import Member
from ln_tui.screens.dialogs import TextDialog
from ln_tui.screens.roster.screen import RosterScreen
from ln_tui.screens.widgets.filter import TableFilter
from ln_tui.screens.widgets.table import RowTable
from ln_tui.screens.widgets.user_text import cell
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


@pytest.mark.parametrize("home", ["roster", "minutes"])
async def test_the_filter_keys_are_the_same_on_each_home(home: str, store: NetworkStore, make_app: AppFactory) -> None:
    app = make_app(store, screen=home)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(f"#{home}-table", RowTable)
        field = app.screen.query_one(f"#{home}-filter", TableFilter)
        await pilot.press("slash", *"ann")
        assert app.focused is field and field.value == "ann"
        await pilot.press("enter")  # to the table, the filter kept
        assert app.focused is table and field.value == "ann"
        await pilot.press("slash", "escape")  # clears, stays
        assert app.focused is field and field.value == ""
        await pilot.press("escape")  # empty: back to the table
        assert app.focused is table
        await pilot.press("slash", "down")
        assert app.focused is table


async def test_the_roster_filter_narrows_as_each_letter_is_typed(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add_many([Member("Ann Peeters"), Member("Bart Claes"), Member("Anja Vos")])
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#roster-table", RowTable)
        await pilot.press("slash", "v")
        assert [str(row[1]) for row in table.rows] == ["Anja Vos"]
        await pilot.press("backspace", "p", "e")
        assert [str(row[1]) for row in table.rows] == ["Ann Peeters"]
        await pilot.press("backspace", "backspace")
        assert len(table.rows) == 3


async def test_an_export_over_the_network_file_is_refused_and_said(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add(Member("Ann"))
    before = store.path.read_bytes()
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one(Input).value = store.path.name
        await pilot.press("enter")
        await pilot.pause()
        assert store.path.read_bytes() == before
        assert notified(app) and "written" not in notified(app)[-1]


async def test_a_failed_export_names_the_path_even_with_braces_in_it(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add(Member("Ann"))
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        app.screen.query_one(Input).value = "no such folder/{members}.csv"
        await pilot.press("enter")
        await pilot.pause()
        said = notified(app)[-1]
        assert said.startswith("Cannot write ") and "{members}.csv" in said
        assert not (store.path.parent / "no such folder").exists()


def test_a_cell_is_one_line_its_controls_visible_and_cut_where_no_column_reaches() -> None:
    assert cell("Ann\r\n\r\nPeeters\tGent").plain == "Ann Peeters Gent"
    assert cell("a\x1b[31mred").plain == "a\\x1b[31mred"
    assert cell("[b]not markup[/b]", "bold").plain == "[b]not markup[/b]"
    assert len(cell("x" * 5000).plain) == 300
    assert cell("Ann\u202eGent").plain == "Ann\\x202eGent"  # a direction change shown, not obeyed
    assert cell("👨\u200d👩").plain == "👨👩"  # terminals disagree on a joined sequence's width
    assert cell("Zoë Maes").plain == "Zoë Maes"


async def test_the_filter_shows_another_seats_new_row_that_matches_it(
    store: NetworkStore, make_app: AppFactory
) -> None:
    """The narrowing starts again from all rows after a change of rows, typed text or not."""
    store.members.add_many([Member("Ann Peeters"), Member("Bart Claes")])
    app = make_app(store, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#roster-table", RowTable)
        await pilot.press("slash", "p", "e")
        assert [str(row[1]) for row in table.rows] == ["Ann Peeters"]
        store.members.add(Member("Pepijn Dirks"))  # as another seat's save, followed
        screen = app.screen
        assert isinstance(screen, RosterScreen)
        screen.others_changed(frozenset({"members"}))
        assert [str(row[1]) for row in table.rows] == ["Ann Peeters", "Pepijn Dirks"]
        await pilot.press("p")
        assert [str(row[1]) for row in table.rows] == ["Pepijn Dirks"]
        await pilot.press("backspace", "backspace", "backspace")
        assert [str(row[1]) for row in table.rows] == ["Ann Peeters", "Bart Claes", "Pepijn Dirks"]
