"""How the room panel looks: the QR code, the link, the phones, what is open and the queue; both themes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from room_helpers import HOSTILE, populate

from ln_tui.app import LnApp
from ln_tui.i18n import set_language
from ln_tui.room.links import join_url
from ln_tui.room.model import Submission, SubmissionKind
from ln_tui.room.process import RoomProcess
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZES = [(80, 24), (120, 36)]
TOKEN = "0123456789ABCDEF0123456789ABCDEF"


class FixedRoom(RoomProcess):
    """The room's process as a snapshot sees it: no process, a fixed address and token."""

    listening = False

    @property
    def running(self) -> bool:
        return self.listening

    async def start(self, host: str, port: int) -> str:
        self.listening, self.url = True, join_url("192.168.1.20", 8765, TOKEN)
        return self.url

    async def stop(self) -> None:
        self.listening, self.url = False, ""


def room_app(make_app: AppFactory, store: NetworkStore, **kwargs: Any) -> LnApp:
    return make_app(store, screen="kickoff", room_options={"launch": FixedRoom}, **kwargs)


@pytest.fixture
def queued(store: NetworkStore) -> NetworkStore:
    ids = populate(store)
    repo = store.repo(Submission)
    repo.add(Submission(ids["meeting"], SubmissionKind.QUESTION, "How do we share cases safely?", ids["ann"]))
    repo.add(Submission(ids["meeting"], SubmissionKind.EXPECTATION, HOSTILE[1]))
    repo.add(Submission(ids["meeting"], SubmissionKind.INTRODUCTION, "", ids["bert"], why="New in the team"))
    return store


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_room_panel(snap_compare, queued: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(room_app(make_app, queued), press=["ctrl+r", "k"], terminal_size=size)


def test_snapshot_room_panel_light(snap_compare, queued: NetworkStore, make_app: AppFactory) -> None:
    app = room_app(make_app, queued, settings=Settings(theme="projector-light", language="en"))
    assert snap_compare(app, press=["ctrl+r", "k", "e"], terminal_size=(80, 24))


def test_snapshot_room_panel_closed_dutch(snap_compare, store: NetworkStore, make_app: AppFactory) -> None:
    set_language("nl")
    app = room_app(make_app, store, settings=Settings(theme="projector", language="nl"))
    assert snap_compare(app, press=["ctrl+r", "c"], terminal_size=(80, 24))


def test_snapshot_room_panel_of_a_seat_whose_room_runs_elsewhere(
    snap_compare, queued: NetworkStore, make_app: AppFactory
) -> None:
    """ctrl+r on a second seat while the room's process runs for another: no second room, the same queue."""
    from ln_tui.room.links import publish_join_url
    from ln_tui.seats import Presence, Seat

    publish_join_url(queued.path, join_url("192.168.1.20", 8765, TOKEN))
    Presence(queued.path, "room", Seat("the room (phones)")).beat()  # the room's process is a seat
    assert snap_compare(room_app(make_app, queued), press=["ctrl+r"], terminal_size=(80, 24))
