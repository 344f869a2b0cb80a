"""How the Minutes home looks on the demo: the notes, the follow-up, the roles, the preview."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ln_tui.app import LnApp
from ln_tui.model import Note
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_notes_of_the_meeting(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(demo_store, screen="minutes"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_carried_forward(snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["right_square_bracket", "f"], terminal_size=size)


def test_roles_form(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["r"], terminal_size=(80, 24))


def test_preview(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["p"], terminal_size=(120, 36))


def test_filtered_with_hostile_text(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    hostile = "[@click=app.quit]Ann[/] \x1b[31m \u202eتقرير " + "x" * 10_000
    demo_store.notes.add(Note(demo_store.current_meeting.id, hostile, "2026-03-03T16:10:00"))  # type: ignore[union-attr]
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["slash", *"ann"], terminal_size=(80, 24))


def test_discussion_follow_up(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    app = make_app(demo_store, screen="discussion")
    assert snap_compare(app, press=["f"], terminal_size=(120, 36))


def test_questions_review(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="evaluation"), press=["q"], terminal_size=(120, 36))
