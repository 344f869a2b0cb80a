"""The console's side of the room: the `Room` facade and its server, opened and closed on the app's loop."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from ln_tui.kickoff.board import Board
from ln_tui.room.links import join_url, publish_join_url, qr_text
from ln_tui.room.model import forget_join_url
from ln_tui.room.room import Room, RoomEvent
from ln_tui.room.server import RoomServer, default_host
from ln_tui.store import NetworkStore

DEFAULT_PORT = 8765


class RoomControl:
    """Opens the room (a new token, the server listening) and closes it (the token revoked, the port free)."""

    def __init__(self, store: NetworkStore, boards: Callable[[int | None], Board], **room_options: object) -> None:
        self.room = Room(store, boards=boards, **room_options)  # type: ignore[arg-type]
        self.server = RoomServer(self.room)
        self.host = ""
        self.port = 0
        # Where the room was last asked to open (`--room HOST:PORT`, or nothing: the defaults): the
        # panel's `o` and ctrl+r reopen it there.
        self.asked: tuple[str | None, int | None] = (None, None)

    @property
    def is_open(self) -> bool:
        return self.room.is_open and self.server.running

    async def open(self, host: str | None = None, port: int | None = None) -> str:
        """Open the room on host:port; returns the join URL. Without them, where it was opened before
        (at first: this machine's address, port 8765).

        Raises OSError when the address cannot be used; the room stays closed then.
        """
        await self.close()
        if host is None and port is None:
            host, port = self.asked
        else:
            self.asked = (host, port)
        host = host or default_host()
        self.room.open()
        try:
            await self.server.start(host, DEFAULT_PORT if port is None else port)
        except BaseException:
            self.room.close()
            raise
        assert self.server.runner is not None
        bound = self.server.runner.addresses
        self.host, self.port = host, int(bound[0][1]) if bound else (port or DEFAULT_PORT)
        with contextlib.suppress(OSError):  # without it the room works: only `present` shows no code
            publish_join_url(self.room.store.path, self.url)  # for `present`; never in the network file
        return self.url

    async def close(self) -> None:
        await self.server.stop()
        if self.room.is_open:
            self.room.close()
        forget_join_url(self.room.store)

    @property
    def url(self) -> str:
        return join_url(self.host, self.port, self.room.token or "") if self.room.is_open else ""

    @property
    def qr_text(self) -> str:
        return qr_text(self.url) if self.url else ""

    def subscribe(self, listener: Callable[[RoomEvent], None]) -> Callable[[], None]:
        return self.room.subscribe(listener)
