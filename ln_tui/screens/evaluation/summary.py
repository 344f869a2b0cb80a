"""The evaluation summary, to project: big bars, high contrast, no names."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static

from ln_tui.evaluation.model import ANSWER_LABELS, RATING_RANGE, Verdict
from ln_tui.evaluation.summary import (
    ExpectationResult,
    Summary,
    counted_line,
    format_decimal,
    format_score,
    meeting_summary,
    network_trend,
    too_few_line,
)
from ln_tui.i18n import N_, _
from ln_tui.model import Meeting, meeting_label
from ln_tui.screens.base import LnScreen
from ln_tui.screens.widgets.bars import Bar, BarChart
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.markdown import markdown_content

if TYPE_CHECKING:
    from ln_tui.app import LnApp

VERDICT_MARKS = {Verdict.MET: "✔", Verdict.PARTLY: "◐", Verdict.NOT_MET: "✘", None: "·"}


def verdict_line(result: ExpectationResult) -> Content:
    """A kickoff item with its verdict mark and the remark, their Markdown drawn as on the card."""
    line = Content.assemble(f"{VERDICT_MARKS[result.verdict]} ", markdown_content(result.text))
    return Content.assemble(line, " — ", markdown_content(result.remark)) if result.remark else line


def section(title: str) -> Label:
    return Label(Content(title), classes="section-title")


class SummaryScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [Binding("escape,s", "close", N_("Back"), id="evaluation.summary-close")]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        summary = meeting_summary(self.app.store, self.meeting)
        yield Header(icon="")
        with VerticalScroll(id="summary-body"):
            yield Label(
                Content.from_markup(_("Evaluation of $meeting"), meeting=meeting_label(self.meeting)),
                id="summary-title",
            )
            if summary.empty:
                yield Static(
                    Content(
                        _(
                            "No evaluation forms for this meeting yet. Forms appear here as soon as one is finished; drafts count in nothing."
                        )
                    ),
                    id="summary-empty",
                )
            else:
                yield Label(Content(counted_line(summary, drafts=False)), id="summary-counted")
                if reason := too_few_line(summary):
                    yield Static(Content(reason), id="summary-too-few")
                yield from self.compose_summary(summary)
            yield from self.pulse()
        yield KeyBar()

    def compose_summary(self, summary: Summary) -> ComposeResult:
        top = max(RATING_RANGE)
        if summary.counted and not summary.too_few:
            yield section(_("Closed questions: average (1-5)"))
            yield BarChart(
                [
                    Bar(r.label, r.answers.average or 0, top, format_decimal(r.answers.average))
                    for r in summary.questions
                ],
                classes="big-bars",
            )
            for rated in summary.questions:
                if not rated.answers.withheld:
                    yield from self.distribution(rated.label, list(rated.answers.scale), list(rated.answers.counts))
            recommend = summary.recommend
            yield section(_("Recommend score: {score}").format(score=format_score(recommend.score)))
            if not recommend.answers.withheld:
                yield BarChart(
                    [
                        Bar(_("Promoters (9-10)"), recommend.promoters, recommend.answers.n, str(recommend.promoters)),
                        Bar(_("Passives (7-8)"), recommend.passives, recommend.answers.n, str(recommend.passives)),
                        Bar(
                            _("Detractors (0-6)"), recommend.detractors, recommend.answers.n, str(recommend.detractors)
                        ),
                    ],
                    classes="big-bars",
                )
            if summary.learning_forms:
                yield section(_("Learning forms, best appreciated first"))
                yield BarChart(
                    [
                        Bar(f"{i}. {r.label}", r.answers.average or 0, top, format_decimal(r.answers.average))
                        for i, r in enumerate(summary.learning_forms, 1)
                    ],
                    classes="big-bars",
                )
            for question, texts in summary.open_answers:
                yield section(_(question.label))
                for text in texts:
                    yield Static(Content.assemble("• ", markdown_content(text)), classes="open-answer-text")
        if summary.expectations:
            yield section(_("Expectations from the kickoff: were they met?"))
            yield BarChart(
                [
                    Bar(
                        _(v.label) if v else _("not reviewed"),
                        summary.verdict_count(v),
                        len(summary.expectations),
                        str(summary.verdict_count(v)),
                    )
                    for v in (*Verdict, None)
                ],
                classes="big-bars",
            )
            for e in summary.expectations:
                yield Static(verdict_line(e), classes="open-answer-text")
        if summary.answered:
            yield section(_("Questions from the kickoff: were they answered?"))
            yield BarChart(
                [
                    Bar(
                        _(ANSWER_LABELS[v]) if v else _("not reviewed"),
                        summary.answered_count(v),
                        len(summary.answered),
                        str(summary.answered_count(v)),
                    )
                    for v in (*Verdict, None)
                ],
                classes="big-bars",
            )
            for e in summary.answered:
                yield Static(verdict_line(e), classes="open-answer-text")
        yield from self.trend()

    def distribution(self, label: str, scale: list[int], counts: list[int]) -> ComposeResult:
        yield Label(Content(label), classes="distribution-title")
        most = max(counts) or 1
        yield BarChart([Bar(str(v), c, most, str(c)) for v, c in reversed(list(zip(scale, counts, strict=True)))])

    def trend(self) -> ComposeResult:
        points = network_trend(self.app.store)
        if len(points) < 2:
            return
        yield section(_("The trend across meetings: average of all closed questions, recommend score"))
        yield BarChart(
            [
                Bar(
                    meeting_label(p.meeting),
                    p.overall or 0,
                    max(RATING_RANGE),
                    f"{format_decimal(p.overall)}  {format_score(p.recommend_score):>4}",
                )
                for p in points
            ],
            classes="big-bars",
        )

    def pulse(self) -> ComposeResult:
        """The safety pulse over the meetings up to this one: each statement's average per meeting."""
        from ln_tui.evaluation.model import PulseStatement
        from ln_tui.evaluation.pulse import pulse_trend

        points = pulse_trend(self.app.store, self.meeting)
        if not points:
            return
        yield section(_("Safety pulse, meeting by meeting (1 = not at all, 5 = fully)"))
        yield Static(
            Content(_("Anonymous; an average is shown from {minimum} answers on.").format(minimum=points[0].minimum)),
            classes="open-answer-text",
        )
        for statement in PulseStatement:
            yield Label(Content(_(statement.label)), classes="distribution-title")
            yield BarChart(
                [
                    Bar(
                        meeting_label(p.meeting),
                        p.average(statement) or 0,
                        max(RATING_RANGE),
                        f"{format_decimal(p.average(statement))}  ({p.answered})",
                    )
                    for p in points
                ],
                classes="big-bars",
            )

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
