"""Questions answered? The kickoff board's questions, each marked answered, partly answered or not
answered by the group at the close, with a remark; reviewed as the expectations are."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from ln_tui.evaluation.model import ANSWER_LABELS, QuestionReview, Verdict
from ln_tui.evaluation.summary import question_items
from ln_tui.i18n import N_, _
from ln_tui.kickoff.model import BoardItem
from ln_tui.screens.evaluation.expectations import VERDICT_KEYS, ExpectationsScreen


class QuestionsScreen(ExpectationsScreen):
    REVIEW = QuestionReview
    TITLE_TEXT = N_("Questions from the kickoff: were they answered? (reviewed at $meeting)")
    ITEM_HEADER = N_("Question")
    VERDICT_HEADER = N_("Answered?")
    KEYS_TEXT = N_("1 or m = answered, 2 or p = partly answered, 3 or n = not answered, r or Enter = remark")
    EMPTY_TEXT = N_("The kickoff board holds no questions. Capture them on the board of the kickoff meeting (F4).")
    BINDINGS: ClassVar = [
        Binding(VERDICT_KEYS[Verdict.MET], "mark('met')", N_("Answered"), id="evaluation.question-answered"),
        Binding(VERDICT_KEYS[Verdict.PARTLY], "mark('partly')", N_("Partly answered"), id="evaluation.question-partly"),
        Binding(
            VERDICT_KEYS[Verdict.NOT_MET], "mark('not_met')", N_("Not answered"), id="evaluation.question-not-answered"
        ),
        Binding("0,backspace", "mark('')", N_("Not reviewed"), id="evaluation.question-clear", show=False),
        Binding("r", "remark", N_("Remark"), id="evaluation.question-remark"),
        Binding("escape", "close", N_("Back"), id="evaluation.question-close"),
    ]

    def items(self) -> list[BoardItem]:
        return question_items(self.app.store)

    def verdict_label(self, verdict: Verdict) -> str:
        return _(ANSWER_LABELS[verdict])
