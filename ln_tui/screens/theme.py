"""The projector themes, for both apps (`ln-tui` and `ln-tui present`): registered, the saved one
chosen, the clock band's colours for any theme, and F8 between dark and light."""

from __future__ import annotations

from textual.app import App

from ln_tui.themes import PROJECTOR_DARK, PROJECTOR_LIGHT, PROJECTOR_THEMES, clock_variable_defaults


class ProjectorThemes(App[None]):
    """The part of `LnApp` and `PresentApp` that shows the projector themes (ln_tui/themes.py).
    Each app binds F8 to `toggle_theme` with an id of its own, and keeps the choice its own way."""

    def use_projector_themes(self, saved: str) -> None:
        """Register the projector themes and show `saved` (any theme Textual knows), else the dark one."""
        for theme in PROJECTOR_THEMES:
            self.register_theme(theme)
        self.theme = saved if saved in self.available_themes else PROJECTOR_DARK.name

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The projector clock's band colours for themes that do not set them (see ln_tui.themes)."""
        return {**super().get_theme_variable_defaults(), **clock_variable_defaults(self.current_theme)}

    def action_toggle_theme(self) -> None:
        self.theme = PROJECTOR_LIGHT.name if self.theme == PROJECTOR_DARK.name else PROJECTOR_DARK.name
