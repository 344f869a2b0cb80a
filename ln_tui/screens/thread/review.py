"""Learning goals reached? At the close, each member's goal marked reached, partly or not reached,
with a remark, as the member says it; every mark is saved at once. The summary shows the goals
without whose they are; the room sees only counts, and only from the network's minimum on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label, Static

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.markdown import markdown_line
from ln_tui.screens.widgets.row_list import RowList
from ln_tui.thread.book import ThreadBook
from ln_tui.thread.model import GoalOutcome

if TYPE_CHECKING:
    from ln_tui.app import LnApp


class GoalReviewScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "thread.tcss"
    BINDINGS: ClassVar = [
        Binding("1", "mark('reached')", N_("Reached"), id="thread.goal-reached"),
        Binding("2", "mark('partly')", N_("Partly"), id="thread.goal-partly"),
        Binding("3", "mark('not')", N_("Not reached"), id="thread.goal-not"),
        Binding("0,backspace", "mark('')", N_("Not reviewed"), id="thread.goal-clear", show=False),
        Binding("r", "remark", N_("Remark"), id="thread.goal-remark"),
        Binding("g", "edit_goal", N_("Edit the goal"), id="thread.goal-edit"),
        Binding("escape", "close", N_("Back"), id="thread.goal-close"),
    ]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    @property
    def book(self) -> ThreadBook:
        return ThreadBook(self.app.store)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(
            Content.from_markup(
                _("Learning goals: were they reached? (reviewed at $meeting)"), meeting=meeting_label(self.meeting)
            ),
            id="goals-title",
        )
        yield RowList(id="goals-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="goals-empty")
        yield Label(
            Content(_("1 = reached, 2 = partly, 3 = not, r = remark, g = edit the goal")),
            id="goals-keys",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        # The columns fill the screen's width (its margins, each cell's padding and the scrollbar left out).
        room = self.app.size.width - 4 - 4 * 2 - 2
        who, goal, outcome = max(room // 5, 12), max(room * 2 // 5, 20), 12
        table.add_column(Text(_("Member")), key="who", width=who)
        table.add_column(Text(_("Learning goal")), key="goal", width=goal)
        table.add_column(Text(_("Reached?")), key="outcome", width=outcome)
        table.add_column(Text(_("Remark")), key="remark", width=max(room - who - goal - outcome, 8))
        self.reload()

    async def language_changed(self) -> None:
        row = self.query_one(DataTable).cursor_row
        await self.recompose()
        self.on_mount()
        table: DataTable[Text] = self.query_one(DataTable)
        table.move_cursor(row=row, animate=False)
        table.focus()

    def others_changed(self, tables: frozenset[str]) -> None:
        self.reload()

    def members(self) -> list[Member]:
        return self.book.members_to_review(self.meeting)

    def reload(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        selected = self.selected_id()
        table.clear()
        book = self.book
        reviews = book.reviews(self.meeting)
        members = self.members()
        for member in members:
            review = reviews.get(member.id or 0)
            goal = book.goal(member)
            table.add_row(
                Text(visible_controls(member.name), no_wrap=True, overflow="ellipsis"),
                markdown_line(goal) if goal else Text(_("no goal yet"), no_wrap=True, overflow="ellipsis"),
                Text(_(review.outcome.label) if review else "–", style="bold"),
                Text(visible_controls(review.remark) if review else "", no_wrap=True, overflow="ellipsis"),
                key=str(member.id),
            )
        ids = [m.id for m in members]
        row = ids.index(selected) if selected in ids else min(table.cursor_row, max(len(ids) - 1, 0))
        table.move_cursor(row=row, animate=False)
        empty = self.query_one("#goals-empty", Static)
        empty.update(
            Content(_("Nobody is present at this meeting. Mark attendance on the roster (F3) to review the goals."))
        )
        empty.display = not table.row_count
        table.display = bool(table.row_count)

    def selected_id(self) -> int | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def selected(self) -> Member | None:
        member_id = self.selected_id()
        return None if member_id is None else self.book.member(member_id)

    def action_mark(self, outcome: str) -> None:
        member = self.selected()
        if member is None or self.app.store.read_only:
            return
        if outcome and not self.book.goal(member):
            self.notify(_("No learning goal yet: g writes it down first."), severity="warning", markup=False)
            return
        self.book.review(self.meeting, member, GoalOutcome(outcome) if outcome else None)
        self.reload()
        self.query_one(DataTable).action_cursor_down()

    def action_remark(self) -> None:
        from ln_tui.screens.dialogs import TextDialog

        member = self.selected()
        if member is None or self.app.store.read_only:
            return
        review = self.book.reviews(self.meeting).get(member.id or 0)
        if review is None:
            self.notify(_("First mark the goal: 1, 2 or 3."), severity="warning", markup=False)
            return

        def save(remark: str | None) -> None:
            if remark is not None:
                self.book.review(self.meeting, member, None, remark)
                self.reload()

        self.app.push_screen(TextDialog(_("Remark"), self.book.goal(member), review.remark), save)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_remark()

    def action_edit_goal(self) -> None:
        from ln_tui.screens.dialogs import TextDialog

        member = self.selected()
        if member is None or self.app.store.read_only or member.id is None:
            return
        member_id = member.id

        def save(typed: str | None) -> None:
            if typed is None:
                return
            if problem := self.book.set_goal(member_id, typed):
                self.notify(problem, severity="warning", markup=False)
            self.reload()

        kickoff = self.book.kickoff_goal(member_id)
        context = _("At the kickoff: {goal}").format(goal=kickoff) if kickoff else ""
        self.app.push_screen(
            TextDialog(_("Learning goal of {name}").format(name=member.name), context, self.book.goal(member)), save
        )

    def action_close(self) -> None:
        self.dismiss(None)
