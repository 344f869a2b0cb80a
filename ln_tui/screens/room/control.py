"""The console's side of the room: its process started and stopped, and the room's part of the file.

The room runs in a process of its own (`ln_tui.room.process`), a seat of the network file: the
console follows the file as it follows any seat, so phones' items reach its boards that way. What
lives in the file (the moderation queue, the parts open, accept directly) the panel reads and
writes through the `Room` facade on the console's own store; what is not data (the join URL, the
phones connected, what each sent) comes from the process, on its standard output.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from ln_tui.kickoff.board import Board
from ln_tui.room.links import default_host, forget_join_url_file, qr_text, read_join_url
from ln_tui.room.process import RoomProcess, RoomStatus
from ln_tui.room.room import Room, RoomEvent
from ln_tui.store import NetworkStore

DEFAULT_PORT = 8765

Launch = Callable[..., RoomProcess]


class RoomControl:
    """Opens the room (its process listening, a new token) and closes it (the process gone, the port free)."""

    def __init__(
        self, store: NetworkStore, boards: Callable[[int | None], Board], *, launch: Launch = RoomProcess
    ) -> None:
        self.room = Room(store, boards=boards)
        self.process = launch(store.path, self._process_changed)
        self.listeners: list[Callable[[RoomEvent], None]] = []
        self.room.subscribe(self._tell)
        self.host = ""
        self.port = 0
        # Where the room was last asked to open (`--room HOST:PORT`, or nothing: the defaults): the
        # panel's `o` and ctrl+r reopen it there.
        self.asked: tuple[str | None, int | None] = (None, None)

    @property
    def is_open(self) -> bool:
        return self.process.running

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
        url = await self.process.start(host, DEFAULT_PORT if port is None else port)
        self.host, self.port = host, urlsplit(url).port or (port or DEFAULT_PORT)
        self._tell(RoomEvent("open"))
        return url

    async def close(self) -> None:
        was_open = self.process.process is not None
        await self.process.stop()
        if was_open:
            self._tell(RoomEvent("open"))

    @property
    def url(self) -> str:
        return self.process.url if self.is_open else ""

    @property
    def elsewhere(self) -> str:
        """The join URL of a room another seat runs on this file ("" when none, or when it is ours)."""
        return "" if self.is_open else read_join_url(self.room.store.path)

    @property
    def qr_text(self) -> str:
        return qr_text(self.url) if self.url else ""

    @property
    def status(self) -> RoomStatus:
        return self.process.status if self.is_open else RoomStatus()

    def _process_changed(self) -> None:
        if self.is_open:
            self._tell(RoomEvent("devices"))
        elif self.process.process is not None:  # it ended by itself (killed, a crash): its link is dead
            forget_join_url_file(self.room.store.path)
            self._tell(RoomEvent("stopped"))

    def _tell(self, event: RoomEvent) -> None:
        for listener in list(self.listeners):
            listener(event)

    def subscribe(self, listener: Callable[[RoomEvent], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)
