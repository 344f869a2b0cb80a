"""Who this seat is on a shared network file: a name and a job, asked once and changeable from the
palette (issue 24 item 6). The answer is kept in the user's settings (`ln_tui.seats`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select

from ln_tui.i18n import N_, _
from ln_tui.screens.forms import FormDialog
from ln_tui.seats import Seat

# The jobs as the form offers them; "" is a member following along, named by their own name.
CHOICES = (
    ("facilitator", N_("Facilitator: leads the meeting and projects")),
    ("timekeeper", N_("Timekeeper: runs the discussion and meeting clocks")),
    ("note-taker", N_("Note-taker: writes notes, decisions and actions")),
    ("", N_("Member: follows along under my own name")),
)


class SeatForm(FormDialog[Seat]):
    """'Who are you in this meeting?': the name the other seats see, and the job."""

    def __init__(self, seat: Seat) -> None:
        super().__init__(_("Who are you in this meeting?"), "name")
        self.seat = seat

    def compose_fields(self) -> ComposeResult:
        yield from self.field("name", _("Your name"), Input(self.seat.name))
        yield from self.field(
            "job",
            _("Your job"),
            Select(
                [(Text(_(label), no_wrap=True, overflow="ellipsis"), job) for job, label in CHOICES],
                value=self.seat.job if self.seat.job in dict(CHOICES) else "",
                allow_blank=False,
            ),
        )

    def submit(self) -> None:
        name = " ".join(self.value("name").split())
        if not name:
            self.show_problems({"name": _("The other seats need a name to see you by.")})
            return
        self.dismiss(Seat(name, self.value("job")))
