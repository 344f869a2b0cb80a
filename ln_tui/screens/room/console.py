"""The room's control on the console: the phones' room (a process of its own) opened, closed and
shown in its panel (ctrl+r), and what it tells the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ln_tui.i18n import _
from ln_tui.screens.header import NetworkHeader

if TYPE_CHECKING:
    from ln_tui.kickoff.board import Board
    from ln_tui.room.room import RoomEvent
    from ln_tui.screens.room.control import RoomControl


class RoomConsole(NetworkHeader):
    """The part of `LnApp` that controls the phones' room."""

    room_options: dict[str, Any]
    _room_control: RoomControl | None
    room_revision: int
    board: Callable[[int | None], Board]  # LnApp.board: the one Board of a meeting

    def room_control(self) -> RoomControl:
        from ln_tui.screens.room.control import RoomControl

        if self._room_control is None:
            self._room_control = RoomControl(self.store, self.board, **self.room_options)
            self._room_control.subscribe(self._room_event)
        return self._room_control

    def _room_event(self, event: RoomEvent) -> None:
        if event.kind == "board":  # accepted in the panel: the home under it shows it when it is back
            self.room_revision += 1
        elif event.kind == "stopped":
            self.notify(
                _("The room stopped by itself: phones cannot reach it. ctrl+r opens it again."),
                severity="warning",
                timeout=15,
            )

    async def open_room(self, host: str | None = None, port: int | None = None, *, tell: bool = True) -> bool:
        """Open the room (a new join link); say plainly when the address cannot be used."""
        if self.store.read_only:
            self.notify(_("This file is open read-only: the room cannot take submissions."), severity="warning")
            return False
        try:
            url = await self.room_control().open(host, port)
        except OSError as error:
            where = f"{host or ''}:{port or ''}".strip(":")
            self.notify(
                _("The room could not open on {address}: {reason}").format(
                    address=where or _("this machine"), reason=error.strerror or error
                ),
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        if tell:
            self.notify(_("The room is open: {url}").format(url=url), markup=False)
        return True

    @property
    def room_is_open(self) -> bool:
        return self._room_control is not None and self._room_control.is_open

    async def close_room(self, *, tell: bool = True) -> None:
        if self._room_control is not None and self.room_is_open:
            await self._room_control.close()
            if tell:
                self.notify(_("The room is closed: its link no longer works."))

    async def action_room_panel(self) -> None:
        """The room panel (phones); the room opens first when it is closed."""
        from ln_tui.screens.room.screen import RoomScreen

        if any(isinstance(screen, RoomScreen) for screen in self.screen_stack):
            return  # shown, or under a dialog opened from it
        control = self.room_control()
        if not control.is_open and not control.elsewhere:  # another seat's room: moderated from here
            await self.open_room(tell=False)  # the panel shows it
        await self.push_screen(RoomScreen())
