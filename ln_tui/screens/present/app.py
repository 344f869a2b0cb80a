"""The app of `ln-tui present`: one screen, no lock, no store of its own; it never writes the file."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding

from ln_tui.crash import crash_sentence
from ln_tui.i18n import LANGUAGES, N_, _, get_language, set_language
from ln_tui.screens.present.screen import PresentScreen
from ln_tui.screens.textual_workarounds import OneSentenceCrash, inner_outer_by_colour
from ln_tui.screens.theme import ProjectorThemes
from ln_tui.settings import Settings


class PresentApp(OneSentenceCrash, ProjectorThemes):
    TITLE = "ln-tui present"
    CSS_PATH = Path(__file__).parent / "present.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar = [
        Binding("ctrl+q,q", "quit", N_("Quit"), id="present.quit", priority=True),
        Binding("f8", "toggle_theme", N_("Projector theme dark / light"), id="present.theme"),
        Binding("f9", "toggle_language", N_("Nederlands / English"), id="present.language"),
    ]

    def __init__(self, path: Path, *, wall: Callable[[], float] = time.time, settings: Settings | None = None) -> None:
        super().__init__()
        self.path = path
        self.wall = wall
        self.settings = settings or Settings()
        self.use_projector_themes(self.settings.theme)
        inner_outer_by_colour()  # no removed widget kept alive by Textual's cache of two colours

    def on_mount(self) -> None:
        self.push_screen(PresentScreen(self.path, self.wall))

    def crash_sentence(self, error: BaseException | None) -> str:
        """One sentence (the traceback in a private file), never the room's data on the terminal."""
        return crash_sentence(
            error, _("ln-tui present stopped after an internal error. The network file was not touched.")
        )

    @property
    def room(self) -> PresentScreen:
        screen = self.screen
        assert isinstance(screen, PresentScreen)
        return screen

    def action_toggle_language(self) -> None:
        languages = list(LANGUAGES)
        set_language(languages[(languages.index(get_language()) + 1) % len(languages)])
        self.room.refresh_view()
