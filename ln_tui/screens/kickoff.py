"""The kickoff home."""

from __future__ import annotations

from ln_tui.i18n import N_
from ln_tui.screens.base import HomeScreen


class KickoffScreen(HomeScreen):
    MODE = "kickoff"
    ABOUT = N_("The live kickoff board (introductions, questions, expectations, agreements) will be here.")
