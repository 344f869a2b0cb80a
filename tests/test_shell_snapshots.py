"""How the shell looks: dialogs, the save state, the projector themes, Dutch."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ln_tui.app import LnApp
from ln_tui.model import Member
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_help_dialog(snap_compare, demo_store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(demo_store, screen="roster"), press=["f1"], terminal_size=size)


def test_quick_note_dialog(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(demo_store, screen="kickoff"),
        press=["ctrl+n", *"[@click=app.quit]Ann[/] said"],
        terminal_size=(80, 24),
    )


def test_welcome_asks_for_a_name(snap_compare, network_path: Path, make_app: AppFactory) -> None:
    store = NetworkStore.open(network_path)
    try:
        assert snap_compare(make_app(store), press=["enter"], terminal_size=(80, 24))
    finally:
        store.close()


def test_a_failed_save_in_the_light_projector_theme(
    snap_compare, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store, screen="evaluation")

    async def fail_a_save(pilot) -> None:
        monkeypatch.setattr(
            os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        )
        store.members.add(Member("Ann"))
        app.clear_notifications()
        await pilot.press("f8")

    assert snap_compare(app, run_before=fail_a_save, terminal_size=(120, 36))


def test_read_only_in_dutch(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    with NetworkStore.open(demo_store.path, read_only=True) as viewer:
        assert snap_compare(make_app(viewer, screen="discussion"), press=["f9", "f1"], terminal_size=(120, 36))
