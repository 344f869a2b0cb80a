"""When another program changed the network file while it was open: reload it, or save ours as a copy.

The store stops saving as soon as it sees the file on disk is not the one it last read or
wrote (RELIABILITY 15); this dialog lets the facilitator choose, naming what each choice costs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from ln_tui.i18n import N_, _
from ln_tui.screens.base import LnModal

Choice = Literal["reload", "copy"]


class ChangedOnDiskDialog(LnModal):
    """Dismisses with "reload", "copy", or None (decide later: nothing is saved meanwhile)."""

    BINDINGS = [
        Binding("r", "choose('reload')", N_("Reload the file"), id="conflict.reload"),
        Binding("c", "choose('copy')", N_("Save mine as a copy"), id="conflict.copy"),
        Binding("escape", "choose(None)", N_("Decide later"), id="conflict.later"),
    ]

    def __init__(self, path: Path, unsaved: int) -> None:
        super().__init__(classes="dialog")
        self.path, self.unsaved = path, unsaved

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="conflict-box"):
            yield Label(Content(_("Another program changed this network file")), classes="dialog-title")
            yield Static(
                Content.from_markup(
                    _(
                        "$path was changed on disk while it was open here (a sync tool, another copy of "
                        "ln-tui, a hand edit). Nothing more is saved into it until you choose."
                    ),
                    path=self.path.name,
                ),
                classes="dialog-detail",
            )
            yield Static(self.reload_text(), id="conflict-reload")
            yield Static(
                Content(_("c: save yours as a copy beside it, then reload the file; nothing is lost.")),
                id="conflict-copy",
            )
            yield Label(Content(_("Escape: decide later (nothing is saved meanwhile).")), classes="dialog-keys")

    def reload_text(self) -> Content:
        return Content(
            _("r: reload the file as it is now; the changes not saved here are lost ({count}).").format(
                count=self.unsaved
            )
        )

    def show_unsaved(self, unsaved: int) -> None:
        """More changes were made (and kept in memory) while the dialog was open."""
        self.unsaved = unsaved
        if self.is_mounted:
            self.query_one("#conflict-reload", Static).update(self.reload_text())

    def action_choose(self, choice: Choice | None) -> None:
        typed_ahead = getattr(self.app, "typed_ahead", None)
        if choice is not None and callable(typed_ahead) and typed_ahead():
            # Typed on in a word while the dialog appeared ("r" reloaded and lost the word): not an answer.
            self.notify(_("This dialog can drop changes: pause, then press the key of your answer."), timeout=4)
            return
        self.dismiss(choice)


def asking_about_disk(app: App[Any]) -> bool:
    """Whether the question about the file changed on disk is on screen: until it is answered,
    neither a retry nor another seat's save changes what it asks about (the copy it offers keeps
    exactly the changes it counted)."""
    stack = app.screen_stack  # empty while the app ends, when a timer may still fire
    return bool(stack) and isinstance(stack[-1], ChangedOnDiskDialog)
