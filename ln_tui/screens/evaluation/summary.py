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
from ln_tui.evaluation.report import PULSE_PART, open_part
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
from ln_tui.thread.goals import too_few_goals_line
from ln_tui.thread.model import GoalOutcome

if TYPE_CHECKING:
    from ln_tui.app import LnApp

VERDICT_MARKS = {Verdict.MET: "✔", Verdict.PARTLY: "◐", Verdict.NOT_MET: "✘", None: "·"}
GOAL_MARKS = {GoalOutcome.REACHED: "✔", GoalOutcome.PARTLY: "◐", GoalOutcome.NOT: "✘"}


def verdict_line(result: ExpectationResult) -> Content:
    """A kickoff item with its verdict mark and the remark, their Markdown drawn as on the card."""
    line = Content.assemble(f"{VERDICT_MARKS[result.verdict]} ", markdown_content(result.text))
    return Content.assemble(line, " — ", markdown_content(result.remark)) if result.remark else line


def section(title: str, part: str = "") -> Label:
    """A section's title; `part`: the summary's part it starts (`summary_parts`), to page the room by."""
    if part:
        return Label(Content(title), classes="section-title room-part", id=f"part-{part}")
    return Label(Content(title), classes="section-title")


class SummaryScreen(LnScreen[None]):
    CSS_PATH = Path(__file__).parent / "evaluation.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,s", "close", N_("Back"), id="evaluation.summary-close"),
        Binding("right_square_bracket", "next_part", N_("Next part"), id="evaluation.summary-next"),
        Binding("left_square_bracket", "previous_part", N_("Previous part"), id="evaluation.summary-previous"),
        # F12 as everywhere, and the room then shows the summary from the part at the top of this one.
        Binding("f12", "room", N_("Show to the room / hide from the room"), id="evaluation.summary-room", show=False),
    ]

    app: LnApp

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.top_part = ""  # the part whose title is at the top of the view (or last above it)

    async def language_changed(self) -> None:
        await self.recompose()

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
        yield Label(id="summary-room")
        yield KeyBar()

    def compose_summary(self, summary: Summary) -> ComposeResult:
        top = max(RATING_RANGE)
        if summary.counted and not summary.too_few:
            yield section(_("Closed questions: average (1-5)"), "closed")
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
            yield section(_("Recommend score: {score}").format(score=format_score(recommend.score)), "recommend")
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
                yield section(_("Learning forms, best appreciated first"), "learning-forms")
                yield BarChart(
                    [
                        Bar(f"{i}. {r.label}", r.answers.average or 0, top, format_decimal(r.answers.average))
                        for i, r in enumerate(summary.learning_forms, 1)
                    ],
                    classes="big-bars",
                )
            for question, texts in summary.open_answers:
                yield section(_(question.label), open_part(question))
                for text in texts:
                    yield Static(Content.assemble("• ", markdown_content(text)), classes="open-answer-text")
        if summary.expectations:
            yield section(_("Expectations from the kickoff: were they met?"), "expectations")
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
            yield section(_("Questions from the kickoff: were they answered?"), "answered")
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
        if summary.goals:
            yield from self.goals(summary)
        yield from self.trend()

    def goals(self, summary: Summary) -> ComposeResult:
        """The learning goals by their words and outcome, never whose they are (from the minimum on)."""
        yield section(_("Learning goals: were they reached?"), "goals")
        if summary.goals_too_few:
            yield Static(Content(too_few_goals_line(len(summary.goals), summary.minimum)), classes="open-answer-text")
            return
        yield BarChart(
            [
                Bar(_(o.label), count, len(summary.goals), str(count))
                for o in GoalOutcome
                for count in [sum(g.outcome is o for g in summary.goals)]
            ],
            classes="big-bars",
        )
        for goal in summary.goals:
            mark = GOAL_MARKS[goal.outcome]
            yield Static(
                Content.assemble(f"{mark} ", markdown_content(goal.goal), " — ", _(goal.outcome.label)),
                classes="open-answer-text",
            )

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
        yield section(_("Safety pulse, meeting by meeting (1 = not at all, 5 = fully)"), PULSE_PART)
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
        body = self.query_one("#summary-body", VerticalScroll)
        body.focus()
        self.watch(body, "scroll_y", self.scrolled, init=False)
        self.show_room_line()

    # -- paging the room's copy --------------------------------------------------------------------
    def room_meeting(self) -> int | None:
        """The meeting whose summary F12 shows to the room: this one."""
        return self.meeting.id

    def parts(self) -> list[Label]:
        return list(self.query(".room-part").results(Label))

    def part_at_top(self) -> str:
        """The part whose title is at the top of the view, or the last one above it."""
        body = self.query_one("#summary-body", VerticalScroll)
        top = body.scroll_offset.y
        above = [label for label in self.parts() if label.virtual_region_with_margin.y <= top]
        return (above[-1].id or "").removeprefix("part-") if above else ""

    def scrolled(self, _scroll_y: float) -> None:
        top = self.part_at_top()
        if top != self.top_part:
            self.top_part = top
            self.page_room(top)

    def page_room(self, part: str) -> None:
        """While the room shows the summary, it shows it from `part` on ("": from its top)."""
        from ln_tui.present.view import page_room

        page_room(self.app.store, part)
        self.show_room_line()

    def show_room_line(self) -> None:
        """Above the keys, while the room shows the summary: from which part."""
        from ln_tui.present.view import room_part

        showing = room_part(self.app.store)
        line = self.query_one("#summary-room", Label)
        line.display = showing is not None
        if showing is None:
            return
        title = next((label for label in self.parts() if label.id == f"part-{showing}"), None)
        if title is None:
            line.update(Content(_("The room shows the summary from its top.")))
        else:
            line.update(Content(_("The room shows the summary from: {part}").format(part=title.render())))

    def action_next_part(self) -> None:
        self.go_to_part(+1)

    def action_previous_part(self) -> None:
        self.go_to_part(-1)

    def go_to_part(self, step: int) -> None:
        """The next or previous part to the top of the view, and the room shows the summary from it
        (even when it is one of the last parts, which cannot reach the top of the view)."""
        from ln_tui.present.view import room_part

        parts = self.parts()
        ids = [(label.id or "").removeprefix("part-") for label in parts]
        current = room_part(self.app.store)
        current = current if current in ids else self.top_part
        index = max(-1, min(len(parts) - 1, (ids.index(current) if current in ids else -1) + step))
        body = self.query_one("#summary-body", VerticalScroll)
        if index < 0:  # the top: the title and how many forms count
            body.scroll_home(animate=False, immediate=True)
        else:
            body.scroll_to_widget(parts[index], top=True, animate=False, immediate=True)
        self.top_part = self.part_at_top()
        self.page_room(ids[index] if index >= 0 else "")

    def action_room(self) -> None:
        self.app.action_room()
        self.page_room(self.top_part)

    def action_close(self) -> None:
        self.dismiss(None)
