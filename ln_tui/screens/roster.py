"""The roster home."""

from __future__ import annotations

from ln_tui.i18n import N_
from ln_tui.screens.base import HomeScreen


class RosterScreen(HomeScreen):
    MODE = "roster"
    ABOUT = N_("The member roster and attendance will be kept here.")
