"""The header: the network's name and state, the current meeting and its roles, who else is here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from ln_tui.i18n import _
from ln_tui.minutes.roles import roles_line
from ln_tui.model import Meeting, meeting_label

if TYPE_CHECKING:
    from ln_tui.seats import Presence, Seat
    from ln_tui.store import NetworkStore


class NetworkHeader(App[None]):
    """The part of `LnApp` that writes the header's title and subtitle."""

    store: NetworkStore
    other_seats: list[Seat]
    presence: Presence
    served: bool  # a browser tab of `ln-tui serve` (ln_tui.serve): a seat of its own

    @property
    def current_meeting(self) -> Meeting | None:
        return self.store.current_meeting

    def refresh_header(self) -> None:
        from ln_tui.agenda.status import is_closed, profile_is_draft

        self.title = self.store.profile().name or _("Untitled network")
        if is_closed(self.store):
            self.title += " — " + _("closed")
        elif profile_is_draft(self.store):
            self.title += " — " + _("draft")
        meeting = self.current_meeting
        self.sub_title = meeting_label(meeting) if meeting else _("no meeting planned")
        if meeting is not None and (roles := roles_line(self.store, meeting)):
            self.sub_title += " · " + roles
        if self.other_seats:  # first: a header cut short at 80 columns still says who else is here
            from ln_tui.seats import with_line

            self.sub_title = with_line(self.other_seats) + " · " + self.sub_title
        if self.served:  # a browser tab says which seat it is: tabs look alike
            self.sub_title = _("this tab: {seat}").format(seat=self.presence.seat.label()) + " · " + self.sub_title
