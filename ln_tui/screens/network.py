"""The network home."""

from __future__ import annotations

from ln_tui.i18n import N_
from ln_tui.screens.base import HomeScreen


class NetworkScreen(HomeScreen):
    MODE = "network"
    ABOUT = N_("The network's profile, its announcement and its meetings will be edited here.")
