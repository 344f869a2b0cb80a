"""The safety pulse, typed in the console: one person's three answers at a time, kept only whole.

Nothing is saved while an answer is being typed, so the room (which shows averages of 3 or more)
never moves with a key; ctrl+s keeps the answer and clears the scales for the next person.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static

from ln_tui.evaluation.model import RATING_RANGE, PulseStatement
from ln_tui.evaluation.pulse import Pulse, PulseRefused
from ln_tui.evaluation.summary import group_minimum
from ln_tui.i18n import N_, _, ngettext
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.widgets.bars import RatingScale
from ln_tui.screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from ln_tui.app import LnApp


class PulseScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save_form", N_("Keep this answer, next person"), id="evaluation.pulse-keep", priority=True),
        Binding("escape", "close", N_("Close"), id="evaluation.pulse-close"),
    ]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.pulse = Pulse(self.app.store)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="pulse-body"):
            yield Label(
                Content.from_markup(_("Safety pulse of $meeting"), meeting=meeting_label(self.meeting)),
                classes="section-title",
            )
            yield Static(
                Content(
                    _(
                        "Anonymous: no name is kept, and the room sees an average only from {minimum} answers on. "
                        "Type one person's answers (1 = not at all, 5 = fully), then ctrl+s keeps them "
                        "and clears the scales for the next person."
                    ).format(minimum=group_minimum(self.app.store))
                ),
                id="pulse-hint",
            )
            for statement in PulseStatement:
                with Horizontal(classes="rating-row"):
                    yield Label(Content(_(statement.label)), classes="rating-label")
                    yield RatingScale(RATING_RANGE, id=f"pulse-{statement}")
            yield Label(id="pulse-count")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_count()
        self.query_one(RatingScale).focus()

    def show_count(self) -> None:
        count = self.pulse.count(self.meeting.id)
        self.query_one("#pulse-count", Label).update(
            Content(ngettext("{count} answer kept so far.", "{count} answers kept so far.", count).format(count=count))
        )

    def typed(self) -> dict[str, int | None]:
        return {s.value: self.query_one(f"#pulse-{s}", RatingScale).value for s in PulseStatement}

    def action_save_form(self) -> None:
        """ctrl+s: keep this answer (the app leaves ctrl+s to a screen with `action_save_form`)."""
        if self.app.store.read_only:
            self.notify(_("This network is open read-only: nothing is kept."), severity="warning")
            return
        try:
            self.pulse.add(self.meeting.id, self.typed())
        except PulseRefused as refused:
            self.notify(str(refused), severity="warning", markup=False)
            return
        if not self.app.store.save_state.saved:
            return  # the save line says why; the answer stays on the scales
        for scale in self.query(RatingScale):
            scale.value = None
        self.query_one(RatingScale).focus()
        self.show_count()
        self.notify(_("Answer kept. Next person."))

    def action_close(self) -> None:
        if not any(value is not None for value in self.typed().values()):
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(_("Throw this answer away?"), _("It is not kept until ctrl+s.")), answer)
