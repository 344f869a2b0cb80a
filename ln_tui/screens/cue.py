"""ctrl+g from any seat: a cue to the speaker, shown large on `ln-tui present` and on the phones'
discussion page (ln_tui.discussion.cue), or the cue shown now cleared."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ln_tui.discussion.cue import MAX_CUE, Cue, CueKind, clear_cue, give_cue, typed_problem
from ln_tui.i18n import N_, _
from ln_tui.screens.base import LnModal

CLEAR = "clear"


class CueDialog(LnModal[None]):
    """The two cues a stage timer's operator sends most, a line to type, and "clear" while a cue
    is shown. The choice is saved at once; the dialog closes only once it is on disk."""

    DEFAULT_CSS = """
    CueDialog #cue-choices { height: auto; max-height: 6; margin-bottom: 1; }
    CueDialog #cue-now { color: $warning; text-style: bold; margin-bottom: 1; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", N_("Cancel"), id="cue.cancel"),
        Binding("1", "choose('one_minute')", N_("One minute left"), id="cue.one-minute"),
        Binding("2", "choose('round_off')", N_("Please round off"), id="cue.round-off"),
        Binding("c", "choose('clear')", N_("Clear the cue"), id="cue.clear"),
        Binding("t", "type_cue", N_("Type a cue"), id="cue.type"),
    ]

    def __init__(self, shown: Cue | None) -> None:
        super().__init__(classes="dialog")
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(_("Cue to the speaker")), classes="dialog-title")
            if self.shown is not None:
                yield Static(Content(_("Shown now: {cue}").format(cue=self.shown.shown())), id="cue-now")
            options = [
                Option(Content(_("1  One minute left")), id=CueKind.ONE_MINUTE.value),
                Option(Content(_("2  Please round off")), id=CueKind.ROUND_OFF.value),
            ]
            if self.shown is not None:
                options.append(Option(Content(_("c  Clear the cue")), id=CLEAR))
            yield OptionList(*options, id="cue-choices")
            yield Input(
                placeholder=_("t: or type a short cue, then Enter"),
                max_length=MAX_CUE,
                id="cue-text",
            )
            yield Label("", id="cue-error", classes="dialog-error")
            yield Label(Content(_("Enter = show it to the speaker, Escape = cancel")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option.id or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = typed_problem(event.value)
        if problem is not None:
            self.say(problem)
            return
        self.send(CueKind.TEXT, event.value)

    def action_type_cue(self) -> None:
        self.query_one("#cue-text", Input).focus()

    def action_choose(self, choice: str) -> None:
        if choice == CLEAR:
            if self.shown is None:
                return
            clear_cue(self.app.store)
            if self.saved():
                self.app.notify(_("The cue is cleared."))
                self.dismiss(None)
            return
        self.send(CueKind(choice))

    def send(self, kind: CueKind, text: str = "") -> None:
        try:
            cue = give_cue(self.app.store, kind, text)
        except ValueError as problem:
            self.say(str(problem))
            return
        if self.saved():
            self.app.notify(
                _("Cue shown on the room's screen and the phones: {cue}").format(cue=cue.shown()), markup=False
            )
            self.dismiss(None)

    def saved(self) -> bool:
        """Whether the change is on disk; if not, the dialog stays open with the reason (and what was typed)."""
        state = self.app.store.save_state
        if state.saved:
            return True
        if state.read_only:
            self.say(_("This window is read-only: a cue cannot be given from here."))
        else:
            self.say(_("Not on disk yet: {reason}. Try again (Enter) in a moment.").format(reason=state.error or "?"))
        return False

    def say(self, problem: str) -> None:
        self.query_one("#cue-error", Label).update(Content(problem))

    def unsaved_text(self) -> str:
        return self.query_one("#cue-text", Input).value.strip()

    def action_cancel(self) -> None:
        self.dismiss(None)
