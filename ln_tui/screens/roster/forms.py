"""The roster's modals: the member form, and the list of problems of a CSV that was not imported."""

from __future__ import annotations

import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from ln_tui.i18n import N_, _
from ln_tui.model import Member, Role
from ln_tui.roster.members import cleaned, likely_duplicate, member_problems
from ln_tui.screens.base import LnModal
from ln_tui.screens.forms import FormDialog
from ln_tui.thread.goals import goal_problem


class MemberForm(FormDialog[Member]):
    """Add or edit a member. A likely duplicate is pointed out; Enter again saves anyway."""

    def __init__(self, member: Member | None, others: list[Member], *, kickoff_goal: str = "") -> None:
        super().__init__(_("Edit member") if member else _("Add a member"), "name")
        self.member = member or Member("", joined=datetime.date.today().isoformat())
        self.others = others
        self.kickoff_goal = kickoff_goal  # their "I want to learn" at the kickoff: the goal while theirs is empty
        self._warned_about: tuple[str, str] | None = None

    def compose_fields(self) -> ComposeResult:
        m = self.member
        yield from self.field("name", _("Name (required)"), Input(m.name))
        yield from self.field("email", _("E-mail"), Input(m.email, placeholder="name@example.org"))
        yield from self.field("organisation", _("Organisation"), Input(m.organisation))
        yield from self.field(
            "role", _("Role"), Select([(_(r.label), r) for r in Role], value=m.role, allow_blank=False)
        )
        yield from self.field("expertise", _("Expertise / interests"), Input(m.expertise))
        yield from self.field("joined", _("Member since (YYYY-MM-DD; empty: from the start)"), Input(m.joined))
        yield from self.field(
            "learning_goal",
            _("Learning goal (empty: their words at the kickoff)"),
            Input(m.learning_goal or self.kickoff_goal, placeholder=self.kickoff_goal),
        )

    def submit(self) -> None:
        member = cleaned(
            Member(
                self.value("name"),
                self.value("email"),
                self.value("organisation"),
                self.value("role"),
                self.value("expertise"),
                self.value("joined").strip(),
                commitment_confirmed=self.member.commitment_confirmed,
                id=self.member.id,
            )
        )
        goal = " ".join(self.value("learning_goal").split())
        member.learning_goal = "" if goal == self.kickoff_goal else goal
        problems = member_problems(member)
        if problem := goal_problem(goal):
            problems["learning_goal"] = problem
        self.show_problems(problems)
        if problems:
            return
        twin = likely_duplicate(member, self.others)
        typed = (member.name, member.email)
        if twin is not None and self._warned_about != typed:
            self._warned_about = typed
            self.show_notice(
                _("This looks like {name} ({email}), already on the roster. Enter again saves anyway.").format(
                    name=twin.name, email=twin.email or _("no e-mail")
                )
            )
            return
        self.dismiss(member)


class ProblemsDialog(LnModal[None]):
    """Why a CSV file was not imported: every bad row, by line number."""

    BINDINGS = [Binding("escape,enter", "close", N_("Close"), id="dialog.close")]

    def __init__(self, title: str, problems: list[str]) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.problems = title, problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self.title_text), classes="dialog-title")
            with VerticalScroll(id="problems"):
                yield Static(Content("\n".join(self.problems)))
            yield Label(Content(_("Nothing was imported. Escape = close")), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
