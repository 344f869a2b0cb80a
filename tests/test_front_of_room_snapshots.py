"""How issue 12's changes look at 80x24: the case form scrolled to its context, the keys dialog at its
end, the unanswered ratings question, and the home bar holding seven homes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ln_tui.app import LnApp
from ln_tui.homes import HOMES, Home
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)


def test_case_form_scrolled_to_its_context(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    keys = ["c", *"Refuses the care home", "tab", "tab", "tab", *"Mr. V., 80s", "tab", "tab", *"First line", "enter"]
    keys += [*"second line"]
    assert snap_compare(make_app(demo_store, screen="discussion"), press=keys, terminal_size=SMALL)


@pytest.mark.parametrize("home", ["roster", "discussion"])
def test_keys_dialog_at_its_end(snap_compare, demo_store: NetworkStore, make_app: AppFactory, home: str) -> None:
    assert snap_compare(make_app(demo_store, screen=home), press=["f1", "end"], terminal_size=SMALL)


def test_finishing_with_unanswered_ratings(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    keys = ["a", "5", "down", "4", "ctrl+f"]
    assert snap_compare(make_app(demo_store, screen="evaluation"), press=keys, terminal_size=SMALL)


def test_seven_homes_at_80_columns(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(HOMES, "minutes", HOMES.get("minutes") or Home("f7", "Minutes", "", "", ""))
    monkeypatch.setitem(HOMES, "agenda", HOMES.get("agenda") or Home("f10", "Agenda", "", "", ""))
    assert snap_compare(make_app(demo_store, screen="discussion"), terminal_size=SMALL)
