"""The evaluation home."""

from __future__ import annotations

from ln_tui.i18n import N_
from ln_tui.screens.base import HomeScreen


class EvaluationScreen(HomeScreen):
    MODE = "evaluation"
    ABOUT = N_("The evaluation forms and their summary will be here.")
