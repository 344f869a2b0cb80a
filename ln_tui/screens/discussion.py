"""The discussion home."""

from __future__ import annotations

from ln_tui.i18n import N_
from ln_tui.screens.base import HomeScreen


class DiscussionScreen(HomeScreen):
    MODE = "discussion"
    ABOUT = N_("The timed round-robin case discussion will run here.")
