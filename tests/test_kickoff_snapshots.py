"""How the kickoff board looks: empty, busy, spotlight, archive and the editor, projected."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ln_tui.app import LnApp
from ln_tui.demo import build_demo
from ln_tui.model import MeetingKind
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def busy(store: NetworkStore) -> NetworkStore:
    """The demo network, its kickoff current: a full board."""
    demo = build_demo(store)
    store.set_current_meeting(demo.meeting(MeetingKind.KICKOFF).id)
    return store


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_empty_board(snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store, screen="kickoff"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_busy_board(snap_compare, busy: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    # Questions focused, sorted by votes, the parked one selected.
    assert snap_compare(make_app(busy, screen="kickoff"), press=["right", "s", "down", "down"], terminal_size=size)


def test_snapshot_busy_board_light(snap_compare, busy: NetworkStore, make_app: AppFactory) -> None:
    app = make_app(busy, screen="kickoff", settings=Settings(theme="projector-light", language="en"))
    assert snap_compare(app, press=["right"], terminal_size=(120, 36))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_spotlight(snap_compare, busy: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    # The agreement with a list in it, large and alone.
    assert snap_compare(make_app(busy, screen="kickoff"), press=["left", "down", "down", "f"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_archive(snap_compare, busy: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(busy, screen="kickoff"), press=["v"], terminal_size=size)


def test_snapshot_capturing_an_attributed_question(snap_compare, busy: NetworkStore, make_app: AppFactory) -> None:
    press = ["right", "n", *"Wie **beslist**?", "tab", *"fat"]
    assert snap_compare(make_app(busy, screen="kickoff"), press=press, terminal_size=(80, 24))
