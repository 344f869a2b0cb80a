"""The file shared with other seats: who else is on it (their heartbeat), their changes followed
and shown, a value of ours that a later save replaced put back (ctrl+b), and this seat's name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ln_tui.i18n import _
from ln_tui.screens.base import HomeScreen, LnScreen
from ln_tui.screens.header import NetworkHeader
from ln_tui.screens.room import ROOM_PANEL

if TYPE_CHECKING:
    from ln_tui.kickoff.board import Board
    from ln_tui.seats import Presence, Seat
    from ln_tui.settings import Settings

# How often every seat looks whether another seat saved the file (one `stat` when nothing changed).
FOLLOW_SECONDS = 0.25
# The tables the header shows nothing of (`NetworkHeader.refresh_header`): the phones' items,
# votes and forms, which come many times a second while the room is open.
HEADER_UNREAD = frozenset({"board_items", "evaluations", "room_submissions"})


def login_name() -> str:
    """The user's login name: a seat's name until they choose one."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return _("someone")


class SharedFile(NetworkHeader):
    """The part of `LnApp` that keeps this seat among the others on the file."""

    presence: Presence
    settings: Settings
    boards: dict[int | None, Board]
    _put_back: dict[str, Any] | None

    def follow_file(self) -> None:
        """Show another seat's or program's change: the file merged in, the boards read again, the
        home below any dialog shown again, and a value of this seat that a later save replaced named."""
        from ln_tui.screens.conflict import asking_about_disk

        if asking_about_disk(self):
            return
        self.store.follow()
        self.show_followed()

    async def follow_file_off_loop(self) -> None:
        """What the timer does every `FOLLOW_SECONDS`: `follow_file`, the file read, parsed and
        checked in a worker thread (only the merge and the redraw are the event loop's). While one
        follow runs, the timer skips its turns: a burst of saves is merged once."""
        from ln_tui.screens.conflict import asking_about_disk

        if asking_about_disk(self):  # as in `follow_file`
            return
        await self.store.follow_off_loop(merge_now=lambda: not asking_about_disk(self))
        self.show_followed()

    def show_followed(self) -> None:
        """Show what the merges brought since last time (a follow's, or a save's own)."""
        news = self.store.take_news()
        if not news or not self.screen_stack:  # nothing came, or the app is ending
            return
        tables = frozenset().union(*(n.tables for n in news))
        for board in self.boards.values():
            if "board_items" in tables:
                board.reread()
        if not tables <= HEADER_UNREAD:
            self.refresh_header()
        home = next((s for s in reversed(self.screen_stack) if isinstance(s, HomeScreen)), None)
        if home is not None and home.showing:
            home.call_after_refresh(home.others_changed, tables)  # never in the middle of its own build
        top = self.screen
        if isinstance(top, LnScreen) and not isinstance(top, HomeScreen):
            top.call_after_refresh(top.others_changed, tables)  # a screen over the home (the check-in)
        panel = next((s for s in self.screen_stack if s.id == ROOM_PANEL), None)
        if panel is not None and panel is not top and callable(room_news := getattr(panel, "others_changed", None)):
            panel.call_after_refresh(room_news, tables)  # the room's queue and parts, from any seat
        for item in news:
            for table, key in item.kept:
                self.notify(
                    _("A record you changed was deleted on another seat; it is kept ({table} #{id}).").format(
                        table=table, id=key
                    ),
                    severity="warning",
                    markup=False,
                )
        self.tell_replaced()

    def tell_replaced(self) -> None:
        """A later save of another seat replaced a value this seat wrote: say what replaced what, and
        offer ctrl+b to put ours back."""
        for notice in self.store.replaced_for_me():
            self._put_back = notice
            self.notify(
                _(
                    "Another seat replaced your “{was}” with “{now}” ({table} #{id}, {field}); ctrl+b puts yours back."
                ).format(
                    was=notice["was"], now=notice["now"], table=notice["table"], id=notice["id"], field=notice["field"]
                ),
                severity="warning",
                timeout=20,
                markup=False,
            )

    def action_put_back(self) -> None:
        if self.store.read_only:
            self.notify(_("This window is read-only: nothing can be changed here."), severity="warning")
            return
        notice, self._put_back = self._put_back, None
        if notice is None:
            self.notify(_("Nothing to put back."))
            return
        self.store.set_field(notice["table"], notice["id"], notice["field"], notice["was"])
        home = next((s for s in reversed(self.screen_stack) if isinstance(s, HomeScreen)), None)
        for board in self.boards.values():
            board.reread()
        if home is not None and home.showing:
            home.others_changed(frozenset({notice["table"]}))
        self.notify(_("Your value is back."))

    def seats_beat(self) -> None:
        """This seat's heartbeat; the header shows who else is on the file when that changes."""
        self.presence.beat()
        others = self.presence.others()
        if others != self.other_seats:
            self.other_seats = others
            self.refresh_header()

    def action_seat(self) -> None:
        """Ask this seat's name and job (remembered in the user's settings)."""
        from ln_tui.screens.seat import SeatForm

        self.push_screen(SeatForm(self.presence.seat), self.take_seat)

    def ask_seat_once(self) -> None:
        """The first time this user opens a file another seat is on, ask who they are (the other
        seats would see only a login name); Escape keeps that default. Asked once: the answer, or
        the default, is remembered in the settings. A browser tab asks each time it starts, with the
        name left empty (tabs on one computer may be different people's)."""
        if (self.settings.seat_name and not self.served) or not self.presence.others():
            return
        from ln_tui.screens.seat import SeatForm
        from ln_tui.seats import Seat

        asked = Seat("", self.presence.seat.job) if self.served else self.presence.seat
        self.push_screen(SeatForm(asked), lambda seat: self.take_seat(seat or self.presence.seat))

    def take_seat(self, seat: Seat | None) -> None:
        if seat is None:
            return
        if not self.served:  # a browser tab's seat is that tab's only
            self.settings.seat_name, self.settings.seat_job = seat.name, seat.job
            self.settings.save()
        self.presence.seat = seat
        self.store.seat_name = seat.label()
        self.presence.beat()
        self.refresh_header()
        self.notify(_("The other seats see you as {seat}.").format(seat=seat.label()), markup=False)
