"""A page-sized message for a browser tab that cannot run ln-tui (the file is open elsewhere)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ln_tui.i18n import N_, _
from ln_tui.screens.theme import ProjectorThemes
from ln_tui.themes import PROJECTOR_DARK


class MessageApp(ProjectorThemes):
    CSS = """
    Screen { align: center middle; }
    #served-message { width: 70%; max-width: 80; height: auto; padding: 1 2; border: heavy $warning; }
    #served-keys { width: 70%; max-width: 80; color: $foreground-muted; text-align: center; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar = [Binding("q,escape,ctrl+q", "quit", N_("Quit"), id="served.quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.use_projector_themes(PROJECTOR_DARK.name)

    def compose(self) -> ComposeResult:
        yield Static(Content(self.message), id="served-message")
        yield Static(Content(_("q = close")), id="served-keys")
