"""The homes of the app, one per step of the method (and the roster and the minutes), in order."""

from __future__ import annotations

from typing import NamedTuple

from ln_tui.i18n import N_


class Home(NamedTuple):
    key: str
    title: str  # marked with N_: translate where shown
    help: str
    module: str
    screen: str


HOMES: dict[str, Home] = {
    "network": Home(
        "f2", N_("Network"), N_("Profile, announcement and meetings"), "ln_tui.screens.network.screen", "NetworkScreen"
    ),
    "roster": Home("f3", N_("Roster"), N_("Members and attendance"), "ln_tui.screens.roster.screen", "RosterScreen"),
    "kickoff": Home(
        "f4", N_("Kickoff"), N_("The live kickoff board"), "ln_tui.screens.kickoff.screen", "KickoffScreen"
    ),
    "discussion": Home(
        "f5",
        N_("Discussion"),
        N_("The timed round-robin case discussion"),
        "ln_tui.screens.discussion.screen",
        "DiscussionScreen",
    ),
    "evaluation": Home(
        "f6",
        N_("Evaluation"),
        N_("Evaluation forms and summary"),
        "ln_tui.screens.evaluation.screen",
        "EvaluationScreen",
    ),
    "minutes": Home(
        "f7",
        N_("Minutes"),
        N_("Notes, decisions, actions and the minutes of a meeting"),
        "ln_tui.screens.minutes.screen",
        "MinutesScreen",
    ),
    "agenda": Home(
        "f10",
        N_("Agenda"),
        N_("The meeting's agenda and the meeting clock"),
        "ln_tui.screens.agenda.screen",
        "AgendaScreen",
    ),
}
