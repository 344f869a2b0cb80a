"""One participant's evaluation form, filled in by keyboard while they dictate.

Every change is saved at once, so nothing is lost; a form stays a draft (counted nowhere)
until it is finished with ctrl+f, and a form without a single rating stays a draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Header, Input, Label, Static, TextArea

from ln_tui.evaluation.book import EvaluationBook
from ln_tui.evaluation.model import (
    MAX_ANSWER,
    RATING_RANGE,
    RECOMMEND_RANGE,
    Evaluation,
    OpenQuestion,
    Question,
    answer_problems,
)
from ln_tui.evaluation.summary import learning_form_label
from ln_tui.i18n import N_, _, ngettext
from ln_tui.model import Meeting, Member, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.screens.widgets.bars import RatingScale
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.markdown import markdown_content
from ln_tui.thread.model import GoalOutcome

if TYPE_CHECKING:
    from ln_tui.app import LnApp
    from ln_tui.thread.book import ThreadBook


# The goal's outcome by its number on the form: 1 reached, 2 partly, 3 not reached.
GOAL_SCALE = (GoalOutcome.REACHED, GoalOutcome.PARTLY, GoalOutcome.NOT)


class EvaluationFormScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+f", "finish", N_("Finish: count it"), id="evaluation.form-finish"),
        Binding("ctrl+d", "to_draft", N_("Back to draft"), id="evaluation.form-draft", show=False),
        Binding("escape", "close", N_("Close (kept)"), id="evaluation.form-close"),
    ]

    app: LnApp

    def __init__(self, form: Evaluation, meeting: Meeting, member: Member | None, learning_forms: list[str]) -> None:
        super().__init__()
        self.form = form
        if not form.draft and form.counted is None:  # finished in an older version: as it is, it counts
            form.mark_finished()
        self.meeting = meeting
        self.member = member  # who the form was opened for; forgotten by the form while it is anonymous
        self.learning_forms = list(dict.fromkeys([*learning_forms, *form.learning_forms]))

    def compose(self) -> ComposeResult:
        form = self.form
        yield Header(icon="")
        yield Static(id="form-title")
        yield Label(id="form-state")
        with VerticalScroll(id="form-body"):
            yield Checkbox(
                _("Anonymous: no name is kept with this form"),
                form.anonymous,
                id="form-anonymous",
                disabled=self.member is None,
            )
            yield Label(Content(_("How do you rate... (1 = low, 5 = high)")), classes="section-title")
            for question in Question:
                yield from self.rating_row(
                    _(question.label), RatingScale(RATING_RANGE, form.ratings.get(question), id=f"rating-{question}")
                )
            yield Label(Content(_("How much did each learning form help you? (1-5)")), classes="section-title")
            for index, key in enumerate(self.learning_forms):
                yield from self.rating_row(
                    learning_form_label(key),
                    RatingScale(RATING_RANGE, form.learning_forms.get(key), id=f"learning-{index}"),
                )
            yield Label(
                Content(_("How likely are you to recommend this network to a colleague? (0-10)")),
                classes="section-title",
            )
            yield from self.rating_row(
                _("Recommend"), RatingScale(RECOMMEND_RANGE, form.recommend, id="rating-recommend")
            )
            for open_question in OpenQuestion:
                yield Label(Content(_(open_question.label)), classes="section-title")
                yield TextArea(
                    form.answers.get(open_question, ""),
                    id=f"answer-{open_question}",
                    soft_wrap=True,
                    classes="open-answer",
                )
                yield Label(Content(""), id=f"answer-problem-{open_question}", classes="form-error")
            if self.member is not None and self.member.id is not None:
                yield from self.goal_rows(self.member)
        yield KeyBar()

    def thread_book(self) -> ThreadBook:
        from ln_tui.thread.book import ThreadBook  # read once a member's form is opened, not at the start

        return ThreadBook(self.app.store)

    def goal_rows(self, member: Member) -> ComposeResult:
        """The member's learning goal, reviewed here too: kept with their name, apart from the form
        (an anonymous form stays anonymous), saved at once like every answer."""
        book = self.thread_book()
        goal = book.goal(member)
        yield Label(Content(_("Your learning goal: did you reach it?")), classes="section-title")
        if not goal:
            yield Static(Content(_("No learning goal was written down (the roster, key t).")), classes="goal-note")
            return
        review = book.reviews(self.meeting).get(member.id or 0)
        yield Static(markdown_content(goal), classes="goal-text")
        outcome = GOAL_SCALE.index(review.outcome) + 1 if review else None
        yield from self.rating_row(
            _("1 reached · 2 partly · 3 not"), RatingScale(range(1, 4), outcome, id="goal-outcome")
        )
        yield Input(review.remark if review else "", placeholder=_("A remark (optional)"), id="goal-remark")
        yield Static(
            Content(_("Kept with your name in your learning thread, apart from this form.")), classes="goal-note"
        )

    def rating_row(self, label: str, scale: RatingScale) -> ComposeResult:
        with Horizontal(classes="rating-row"):
            yield Label(Content(label), classes="rating-label")
            yield scale

    def on_mount(self) -> None:
        self.show_state()
        self.query_one("#rating-relevance", RatingScale).focus()

    async def language_changed(self) -> None:
        """Built again in the language now chosen: the ratings and answers from the form (each is
        saved as it is typed), an answer too long to be saved from its field, the focus kept."""
        focused = self.focused.id if self.focused is not None else None
        unsaved = {area.id: area.text for area in self.query(TextArea) if self.too_long_in(area)}
        scrolled = self.query_one("#form-body", VerticalScroll).scroll_y
        await self.recompose()
        for area_id, text in unsaved.items():
            self.query_one(f"#{area_id}", TextArea).text = text
        self.show_state()
        self.query_one(f"#{focused}" if focused else "#rating-relevance").focus(scroll_visible=False)
        self.query_one("#form-body", VerticalScroll).scroll_to(y=scrolled, animate=False)

    def unsaved_text(self) -> str:
        """An answer too long to be saved (kept in its field until it is shortened)."""
        return "\n".join(area.text for area in self.query(TextArea) if self.too_long_in(area))

    def too_long_in(self, area: TextArea) -> bool:
        question = (area.id or "").removeprefix("answer-")
        return bool(self.query(f"#answer-problem-{question}.-shown"))

    def show_state(self) -> None:
        who = _("Anonymous") if self.form.anonymous or self.member is None else self.member.name
        self.query_one("#form-title", Static).update(
            Content.from_markup(_("Evaluation of $meeting: $who"), meeting=meeting_label(self.meeting), who=who)
        )
        if self.form.changed_since_finished:
            state = _("Finished; changes saved, not counted yet: the summary counts them after ctrl+f.")
        elif not self.form.draft:
            state = _("Finished: this form counts in the summary. Every change is saved.")
        elif self.form.has_ratings:
            state = _("Draft: saved, not counted yet. ctrl+f finishes it.")
        else:
            state = _("Draft: no ratings yet. A number or the arrows choose a rating, Enter or ↓ goes on.")
        label = self.query_one("#form-state", Label)
        label.update(Content(state))
        label.set_class(not self.form.draft, "-finished")

    # -- every change is saved at once -------------------------------------------------------------
    def on_rating_scale_changed(self, event: RatingScale.Changed) -> None:
        key = event.scale.id or ""
        if key == "goal-outcome":
            self.save_goal(event.value)
            return
        if key == "rating-recommend":
            self.form.recommend = event.value
        elif key.startswith("rating-"):
            self._set(self.form.ratings, key.removeprefix("rating-"), event.value)
        elif key.startswith("learning-"):
            self._set(self.form.learning_forms, self.learning_forms[int(key.removeprefix("learning-"))], event.value)
        if not self.form.has_ratings:
            self.form.draft = True  # a form without ratings counts in nothing
        self.save()

    @staticmethod
    def _set(answers: dict[str, int], key: str, value: int | None) -> None:
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        question = (event.text_area.id or "").removeprefix("answer-")
        text = event.text_area.text
        problem = answer_problems(Evaluation(None, answers={question: text})).get(question, "")
        label = self.query_one(f"#answer-problem-{question}", Label)
        label.update(Content(problem))
        label.set_class(bool(problem), "-shown")
        if problem or self.form.answers.get(question, "") == text:
            return  # too long: kept in the field, not saved until it is short enough
        if text:
            self.form.answers[question] = text
        else:
            self.form.answers.pop(question, None)
        self.save()

    def too_long(self) -> bool:
        return bool(self.unsaved_answers())

    def unsaved_answers(self) -> list[TextArea]:
        """The answers kept in their field but not saved, because they are too long."""
        return [
            self.query_one(f"#answer-{question}", TextArea)
            for question in OpenQuestion
            if self.query_one(f"#answer-problem-{question}", Label).has_class("-shown")
        ]

    def save_goal(self, value: int | None) -> None:
        if self.app.store.read_only or self.member is None:
            return
        remark = self.query_one("#goal-remark", Input).value
        outcome = GOAL_SCALE[value - 1] if value is not None else None
        self.thread_book().review(self.meeting, self.member, outcome, remark if outcome else None)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "goal-remark" and self.member is not None and not self.app.store.read_only:
            book = self.thread_book()
            if (self.member.id or 0) in book.reviews(self.meeting):  # else kept with the outcome, once chosen
                book.review(self.meeting, self.member, None, event.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.value == self.form.anonymous:
            return
        self.form.anonymous = event.value
        self.form.member_id = None if event.value or self.member is None else self.member.id
        self.save()

    def save(self) -> None:
        if self.app.store.read_only:
            return
        self.form = EvaluationBook(self.app.store).save_form(self.form)
        self.show_state()

    # -- finishing -----------------------------------------------------------------------------------
    def action_finish(self) -> None:
        if self.too_long():
            self.notify(
                ngettext(
                    "An answer is longer than {max} character: shorten it, then finish.",
                    "An answer is longer than {max} characters: shorten it, then finish.",
                    MAX_ANSWER,
                ).format(max=MAX_ANSWER),
                severity="warning",
                markup=False,
            )
            return
        if not self.form.has_ratings:
            self.notify(_("This form has no ratings yet: it stays a draft and counts in nothing."), severity="warning")
            return
        unanswered = [scale for scale in self.query(RatingScale) if scale.value is None]
        if not unanswered:
            self.finish()
            return

        def answer(finish_anyway: bool | None) -> None:
            if finish_anyway:
                self.finish()
            else:
                unanswered[0].focus()

        self.app.push_screen(
            ConfirmDialog(
                ngettext(
                    "Finish with {n} rating unanswered?", "Finish with {n} ratings unanswered?", len(unanswered)
                ).format(n=len(unanswered)),
                "\n".join(f"• {self.question_of(scale)}" for scale in unanswered),
            ),
            answer,
        )

    def question_of(self, scale: RatingScale) -> str:
        label = scale.parent.query_one(".rating-label", Label) if scale.parent else None
        return str(label.render()) if label else ""

    def finish(self) -> None:
        self.form.mark_finished()
        self.save()
        self.dismiss(None)

    def action_to_draft(self) -> None:
        self.form.mark_draft()
        self.save()

    def action_close(self) -> None:
        unsaved = self.unsaved_answers()
        if not unsaved:
            if self.form.changed_since_finished:
                self.notify(_("Changes kept; the summary counts them once the form is finished again (ctrl+f)."))
            self.dismiss(None)
            return
        detail = "\n".join(
            ngettext(
                "{question} — {count} character, at most {max}: not saved.",
                "{question} — {count} characters, at most {max}: not saved.",
                len(area.text),
            ).format(
                question=_(OpenQuestion((area.id or "").removeprefix("answer-")).label),
                count=len(area.text),
                max=MAX_ANSWER,
            )
            for area in unsaved
        )
        detail += "\n" + _("y = close without it (what was saved stays), n = back to shorten it")

        def answer(throw_away: bool | None) -> None:
            if throw_away:
                self.dismiss(None)
            else:
                unsaved[0].focus()

        self.app.push_screen(ConfirmDialog(_("Throw this text away?"), detail), answer)
