"""Expectations met? The kickoff board's expectations, each marked met, partly met or not met by
the group, with a remark. Every mark is saved at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label, Static

from ln_tui.evaluation.book import EvaluationBook
from ln_tui.evaluation.model import ExpectationReview, QuestionReview, Verdict
from ln_tui.evaluation.summary import expectation_items
from ln_tui.i18n import N_, _
from ln_tui.kickoff.model import BoardItem
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.dialogs import TextDialog
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.row_list import RowList

if TYPE_CHECKING:
    from ln_tui.app import LnApp

VERDICT_KEYS = {Verdict.MET: "1,m", Verdict.PARTLY: "2,p", Verdict.NOT_MET: "3,n"}


class ExpectationsScreen(LnScreen[None]):
    """The expectations review; `QuestionsScreen` (questions.py) reviews the questions the same way."""

    REVIEW: ClassVar[type[ExpectationReview] | type[QuestionReview]] = ExpectationReview
    TITLE_TEXT: ClassVar[str] = N_("Expectations from the kickoff: were they met? (reviewed at $meeting)")
    ITEM_HEADER: ClassVar[str] = N_("Expectation")
    VERDICT_HEADER: ClassVar[str] = N_("Met?")
    KEYS_TEXT: ClassVar[str] = N_("1 or m = met, 2 or p = partly met, 3 or n = not met, r or Enter = remark")
    EMPTY_TEXT: ClassVar[str] = N_(
        "The kickoff board holds no expectations. Capture them on the board of the kickoff meeting (F4)."
    )
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [
        Binding(VERDICT_KEYS[Verdict.MET], "mark('met')", N_("Met"), id="evaluation.expectation-met"),
        Binding(VERDICT_KEYS[Verdict.PARTLY], "mark('partly')", N_("Partly met"), id="evaluation.expectation-partly"),
        Binding(VERDICT_KEYS[Verdict.NOT_MET], "mark('not_met')", N_("Not met"), id="evaluation.expectation-not-met"),
        Binding("0,backspace", "mark('')", N_("Not reviewed"), id="evaluation.expectation-clear", show=False),
        Binding("r", "remark", N_("Remark"), id="evaluation.expectation-remark"),
        Binding("escape", "close", N_("Back"), id="evaluation.expectation-close"),
    ]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(
            Content.from_markup(_(self.TITLE_TEXT), meeting=meeting_label(self.meeting)),
            id="expectations-title",
        )
        yield RowList(id="expectations-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="expectations-empty")
        yield Label(
            Content(_(self.KEYS_TEXT)),
            id="expectations-keys",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column(Text(_(self.ITEM_HEADER)), key="text", width=max(self.app.size.width // 2, 20))
        table.add_column(Text(_(self.VERDICT_HEADER)), key="verdict", width=16)
        table.add_column(Text(_("Remark")), key="remark")
        self.show_items()

    async def language_changed(self) -> None:
        """Built again in the language now chosen, the cursor on the same row."""
        row = self.query_one(DataTable).cursor_row
        await self.recompose()
        self.on_mount()
        table: DataTable[Text] = self.query_one(DataTable)
        table.move_cursor(row=row, animate=False)
        table.focus()

    def items(self) -> list[BoardItem]:
        return expectation_items(self.app.store)

    def reviews(self) -> dict[int, ExpectationReview | QuestionReview]:
        return EvaluationBook(self.app.store).reviews(self.REVIEW)

    def verdict_label(self, verdict: Verdict) -> str:
        return _(verdict.label)

    def show_items(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        reviews = self.reviews()
        for item in self.items():
            review = reviews.get(item.id or 0)
            verdict = review.verdict if review else None
            table.add_row(
                Text(visible_controls(item.text), no_wrap=True, overflow="ellipsis"),
                Text(self.verdict_label(verdict) if verdict else "–", style="bold"),
                Text(visible_controls(review.remark) if review else "", no_wrap=True, overflow="ellipsis"),
                key=str(item.id),
            )
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)), animate=False)
        empty = self.query_one("#expectations-empty", Static)
        empty.display = not table.row_count
        empty.update(Content(_(self.EMPTY_TEXT)))
        table.display = bool(table.row_count)

    def selected_item_id(self) -> int | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def review_of(self, item_id: int) -> ExpectationReview | QuestionReview:
        return self.reviews().get(item_id) or self.REVIEW(item_id, self.meeting.id)

    def store_review(self, review: ExpectationReview | QuestionReview) -> None:
        review.meeting_id = self.meeting.id
        EvaluationBook(self.app.store).save_review(review)
        self.show_items()

    def action_mark(self, verdict: str) -> None:
        item_id = self.selected_item_id()
        if item_id is None or self.app.store.read_only:
            return
        review = self.review_of(item_id)
        review.verdict = Verdict(verdict) if verdict else None
        self.store_review(review)
        self.query_one(DataTable).action_cursor_down()

    def action_remark(self) -> None:
        item_id = self.selected_item_id()
        if item_id is None or self.app.store.read_only:
            return
        review = self.review_of(item_id)
        item = EvaluationBook(self.app.store).board_item(item_id)

        def save(remark: str | None) -> None:
            if remark is not None:
                review.remark = remark.strip()
                self.store_review(review)

        self.app.push_screen(TextDialog(_("Remark"), item.text if item else "", review.remark), save)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_remark()

    def action_close(self) -> None:
        self.dismiss(None)
