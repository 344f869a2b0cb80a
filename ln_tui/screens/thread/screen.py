"""A member's learning thread, one key away from the roster: the goal, the check-ins by meeting,
the cases brought with the advice received and what came of it, the goal's review at the close.
From here the goal is edited and the member's take-home is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.markdown import markdown_content
from ln_tui.store.outputs import OutputRefused
from ln_tui.thread.book import ThreadBook
from ln_tui.thread.thread import Thread

if TYPE_CHECKING:
    from ln_tui.app import LnApp


def heading(text: str) -> Label:
    return Label(Content(text), classes="section-title")


def text_block(text: str, classes: str = "thread-text") -> Static:
    return Static(markdown_content(text), classes=classes)


def muted(text: str) -> Static:
    return Static(Content(text), classes="thread-muted")


def where(meeting: Meeting | None) -> str:
    return meeting_label(meeting) if meeting else _("a meeting no longer planned")


class ThreadScreen(LnScreen[None]):
    """One member's thread. It follows the file: a check-in or review saved on another seat shows."""

    CSS_PATH = Path(__file__).parent / "thread.tcss"
    BINDINGS: ClassVar = [
        Binding("g", "edit_goal", N_("Edit the learning goal"), id="thread.goal"),
        Binding("h", "take_home", N_("Write the take-home"), id="thread.take-home"),
        Binding("escape", "close", N_("Back"), id="thread.close"),
    ]

    app: LnApp

    def __init__(self, member_id: int) -> None:
        super().__init__()
        self.member_id = member_id

    @property
    def book(self) -> ThreadBook:
        return ThreadBook(self.app.store)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Label(id="thread-title")
        yield VerticalScroll(id="thread-body")
        yield Label(Content(_("g = edit the goal, h = take-home (Markdown and HTML), Escape = back")), id="thread-keys")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#thread-body").focus()

    async def language_changed(self) -> None:
        await self.recompose()
        self.on_mount()

    def others_changed(self, tables: frozenset[str]) -> None:
        self.reload()

    def reload(self) -> None:
        thread = self.book.thread(self.member_id)
        if thread is None:  # forgotten or removed on another seat
            self.dismiss(None)
            return
        self.query_one("#thread-title", Label).update(
            Content.from_markup(_("Learning thread of $name"), name=visible_controls(thread.member.name))
        )
        body = self.query_one("#thread-body", VerticalScroll)
        scrolled = body.scroll_y
        body.remove_children()
        body.mount_all(list(self.parts(thread)))
        body.call_after_refresh(body.scroll_to, y=scrolled, animate=False)

    def parts(self, thread: Thread) -> list[Label | Static]:
        parts: list[Label | Static] = [heading(_("Learning goal"))]
        if thread.goal:
            parts.append(text_block(thread.goal))
            parts.append(
                muted(_("In their own words.") if thread.own_goal else _("From their introduction at the kickoff."))
            )
        else:
            parts.append(
                muted(_("No goal yet: press g to write it down, or capture their introduction at the kickoff."))
            )
        parts.append(heading(_("Check-ins")))
        if not thread.check_ins:
            parts.append(muted(_("No check-ins yet.")))
        for meeting, check_in in thread.check_ins:
            parts.append(Static(Content(where(meeting)), classes="thread-meeting"))
            parts.append(muted(visible_controls(check_in.question)))
            parts.append(text_block(check_in.answer))
        parts.append(heading(_("Cases brought")))
        if not thread.cases:
            parts.append(muted(_("No case brought yet.")))
        for brought in thread.cases:
            case = brought.case
            title = visible_controls(case.title) + (
                f" ({visible_controls(case.client_alias)})" if case.client_alias else ""
            )
            parts.append(Static(Content(f"{title} — {where(brought.meeting)}"), classes="thread-meeting"))
            if brought.advice:
                parts.append(muted(_("Advice received:")))
                parts.extend(text_block("• " + advice) for advice in brought.advice)
            if brought.outcome:
                parts.append(
                    muted(_("What came of it (told at {meeting}):").format(meeting=where(brought.outcome_meeting)))
                )
                parts.append(text_block(brought.outcome))
            elif brought.advice:
                parts.append(muted(_("What came of it: not told yet.")))
        parts.append(heading(_("The goal at the close")))
        review = thread.review
        if review is None:
            parts.append(muted(_("Not reviewed yet (the evaluation home, key l).")))
        else:
            parts.append(
                Static(
                    Content(
                        _("{outcome} (at {meeting})").format(
                            outcome=_(review.outcome.label).capitalize(), meeting=where(thread.review_meeting)
                        )
                    ),
                    classes="thread-meeting",
                )
            )
            if review.remark:
                parts.append(text_block(review.remark))
        return parts

    # -- actions -----------------------------------------------------------------------------------
    def action_edit_goal(self) -> None:
        from ln_tui.screens.dialogs import TextDialog

        member = self.book.member(self.member_id)
        if member is None or self.app.store.read_only:
            return
        kickoff = self.book.kickoff_goal(self.member_id)
        context = (
            _("At the kickoff: {goal}").format(goal=kickoff) + "\n" + _("Empty: the kickoff's words again.")
            if kickoff
            else _("What they want to learn in this network.")
        )

        def save(typed: str | None) -> None:
            if typed is None:
                return
            if problem := self.book.set_goal(self.member_id, typed):
                self.notify(problem, severity="warning", markup=False)
                return
            self.reload()

        self.app.push_screen(
            TextDialog(_("Learning goal of {name}").format(name=member.name), context, self.book.goal(member)), save
        )

    def action_take_home(self) -> None:
        member = self.book.member(self.member_id)
        if member is None:
            return
        try:
            paths = [self.book.export_take_home(member, fmt) for fmt in ("md", "html")]
        except OutputRefused as refused:
            self.notify(str(refused), severity="error", markup=False)
            return
        except OSError as error:
            self.notify(
                _("Cannot write the take-home: {reason}").format(reason=error.strerror or error),
                severity="error",
                markup=False,
            )
            return
        self.notify(
            _("Take-home written: {paths}").format(paths=", ".join(p.name for p in paths)), markup=False, timeout=8
        )

    def action_close(self) -> None:
        self.dismiss(None)
