"""The check-in that opens a meeting: the question, then one member after the other, by keyboard.

Like the speaking order of the discussion: the members present, in the roster's order; type the
answer, Enter keeps it (on disk before the screen says so) and goes to the next member. Page Up
goes back, Page Down skips; going back to a member shows their answer, to change it. What is
typed and not kept yet stays with its member until Enter (quitting asks first).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Label, Static, TextArea

from ln_tui.i18n import N_, _
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.thread.checkin import CheckInRefused, CheckInRound, question_text

if TYPE_CHECKING:
    from ln_tui.app import LnApp
    from ln_tui.thread.model import CheckIn


class CheckInScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "checkin.tcss"
    BINDINGS: ClassVar = [
        Binding("enter", "keep", N_("Keep, next"), id="checkin.keep", priority=True),
        Binding("pagedown", "step(1)", N_("Skip"), id="checkin.skip", priority=True),
        Binding("pageup", "step(-1)", N_("Back"), id="checkin.back", priority=True),
        Binding("ctrl+t", "questions", N_("Question"), id="checkin.question"),
        Binding("escape", "close", N_("Close"), id="checkin.close"),
    ]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(id="checkin-screen")
        self.meeting = meeting
        self.checkin = CheckInRound(self.app.store)
        self.members: list[Member] = []
        self.answers: dict[int, CheckIn] = {}
        self.drafts: dict[int, str] = {}  # typed for a member, not kept yet
        self.current: int | None = None  # the member id being answered for
        self.said = ""  # the last thing the status line said (kept, saved, refused)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="checkin-body"):
            yield Label(
                Content.from_markup(_("Check-in · $meeting"), meeting=meeting_label(self.meeting)),
                classes="section-title",
            )
            yield Static(id="checkin-question")
            with Horizontal():
                yield Static(id="checkin-members")
                with Vertical(id="checkin-entry"):
                    yield Label(id="checkin-who")
                    yield TextArea(id="checkin-answer", soft_wrap=True, show_line_numbers=False)
                    yield Static(id="checkin-status")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.app.store.read_only and self.checkin.asked(self.meeting) is None:
            question = self.checkin.suggested(self.meeting)
            if question is not None:
                self.checkin.ask(self.meeting, question)  # every seat and the room see this one
        self.checkin.set_live(self.meeting)
        self.reload()
        first = next((m.id for m in self.members if m.id not in self.answers), None)
        self.go_to(first if first is not None else (self.members[0].id if self.members else None))
        self.query_one(TextArea).focus()

    def on_screen_resume(self) -> None:
        """Back from a dialog or the room's panel (an answer accepted from a phone): shown."""
        self.reload()
        self.show_status()

    def on_unmount(self) -> None:
        if self.checkin.live_meeting() == self.meeting.id:
            self.checkin.set_live(None)

    # -- showing -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the meeting, its question, who is present and who answered (and show them)."""
        self.meeting = self.app.store.meetings.get(self.meeting.id or 0) or self.meeting
        self.members = self.checkin.order(self.meeting)
        self.answers = self.checkin.answers(self.meeting)
        question = self.checkin.question(self.meeting)
        self.query_one("#checkin-question", Static).update(
            Content.from_markup(_("Question: $question"), question=question_text(question))
            if question
            else Content(_("No question yet: ctrl+t chooses one."))
        )
        if self.current is not None and self.current not in {m.id for m in self.members}:
            self.go_to(self.members[0].id if self.members else None)
        self.show_members()

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another seat kept an answer or chose another question: shown, what is typed here stays."""
        self.reload()
        self.show_status()

    def show_members(self) -> None:
        lines = []
        for member in self.members:
            mark = "✓" if member.id in self.answers else ("✎" if member.id in self.drafts else " ")
            line = Content.assemble(f"{mark} ", Content(member.name))
            lines.append(line.stylize("reverse bold") if member.id == self.current else line)
        if not lines:
            lines.append(Content(_("No one is present at this meeting: mark attendance on the roster (F3).")))
        self.query_one("#checkin-members", Static).update(Content("\n").join(lines))

    def show_status(self, said: str | None = None) -> None:
        """How many answered, after what was last said (None: what was said stays)."""
        if said is not None:
            self.said = said
        said = self.said
        answered = sum(1 for m in self.members if m.id in self.answers)
        count = _("{answered} of {present} answered.").format(answered=answered, present=len(self.members))
        self.query_one("#checkin-status", Static).update(Content(f"{said}  {count}" if said else count))

    def go_to(self, member_id: int | None) -> None:
        """Answer for another member: what was typed for the one before stays theirs."""
        area = self.query_one(TextArea)
        if self.current is not None:
            typed = area.text
            saved = self.answers[self.current].answer if self.current in self.answers else ""
            if typed.strip() and typed != saved:
                self.drafts[self.current] = typed
            else:
                self.drafts.pop(self.current, None)
        self.current = member_id
        member = next((m for m in self.members if m.id == member_id), None)
        who = self.query_one("#checkin-who", Label)
        if member is None:
            who.update(Content(_("Everyone present has had their turn.")))
            area.load_text("")
            area.disabled = True
        else:
            place = self.members.index(member) + 1
            who.update(
                Content.from_markup(
                    _("$name ($place of $count)"), name=member.name, place=str(place), count=str(len(self.members))
                )
            )
            kept = self.answers[member_id].answer if member_id in self.answers else ""
            area.disabled = False
            area.load_text(self.drafts.get(member_id, kept) if member_id is not None else "")
            area.move_cursor(area.document.end)
            area.focus()
        self.show_members()
        self.show_status()

    # -- the keys -------------------------------------------------------------------------------
    def step_from(self, steps: int) -> int | None:
        ids = [m.id for m in self.members]
        if not ids:
            return None
        if self.current not in ids:
            return ids[-1] if steps < 0 else None
        index = ids.index(self.current) + steps
        return ids[index] if 0 <= index < len(ids) else None

    def action_step(self, steps: int) -> None:
        target = self.step_from(steps)
        if target is None and steps < 0:
            return  # at the first member already
        self.go_to(target)

    def action_keep(self) -> None:
        """Enter: keep the answer (on disk first), then the next member; nothing typed: just the next."""
        member_id = self.current
        if member_id is None:
            return
        text = self.query_one(TextArea).text
        kept = self.answers[member_id].answer if member_id in self.answers else ""
        if not text.strip() and kept:
            self.ask_to_remove(member_id)
            return
        if not text.strip() or text == kept:
            self.go_to(self.step_from(1))
            return
        if self.app.store.read_only:
            self.notify(_("This network is open read-only: nothing is kept."), severity="warning")
            return
        try:
            self.answers[member_id] = self.checkin.answer(self.meeting, member_id, text)
        except CheckInRefused as refused:
            self.show_status(str(refused))
            return
        if not self.app.store.save_state.saved:
            self.show_status(_("Not saved yet: the answer stays here (the save line says why)."))
            return
        self.drafts.pop(member_id, None)
        self.current = None  # kept: nothing of it is a draft
        self.reload()
        name = next((m.name for m in self.members if m.id == member_id), "")
        self.go_to(self.step_from_member(member_id))
        self.show_status(_("Saved: {name}.").format(name=name))

    def ask_to_remove(self, member_id: int) -> None:
        """The kept answer was emptied: Enter removes it, once confirmed."""
        from ln_tui.screens.dialogs import ConfirmDialog

        name = next((m.name for m in self.members if m.id == member_id), "")

        def answer(remove: bool | None) -> None:
            if not remove or self.app.store.read_only:
                return
            self.checkin.remove_answer(self.meeting, member_id)
            self.answers.pop(member_id, None)
            self.drafts.pop(member_id, None)
            self.show_members()
            self.show_status(_("Removed: {name}'s answer.").format(name=name))

        self.app.push_screen(ConfirmDialog(_("Remove {name}'s answer?").format(name=name)), answer)

    def step_from_member(self, member_id: int) -> int | None:
        ids = [m.id for m in self.members]
        if member_id not in ids:
            return ids[0] if ids else None
        index = ids.index(member_id) + 1
        return ids[index] if index < len(ids) else None

    def action_questions(self) -> None:
        from ln_tui.screens.thread.questions import QuestionsDialog

        def chosen(question: str | None) -> None:
            if question is not None and not self.app.store.read_only:
                self.checkin.ask(self.meeting, question)
            self.reload()

        self.app.push_screen(QuestionsDialog(self.checkin, choosing=self.checkin.question(self.meeting) or ""), chosen)

    def unsaved_text(self) -> str:
        """The answers typed and not kept: the drafts of other members, and what is in the field."""
        drafts = dict(self.drafts)
        if self.current is not None:
            typed = self.query_one(TextArea).text
            kept = self.answers[self.current].answer if self.current in self.answers else ""
            if typed.strip() and typed != kept:
                drafts[self.current] = typed
        return "\n\n".join(drafts.values())

    def action_close(self) -> None:
        if not self.unsaved_text():
            self.dismiss(None)
            return
        from ln_tui.screens.dialogs import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Throw away the answers not kept?"), _("An answer is kept with Enter.")), answer
        )
