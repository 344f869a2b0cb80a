"""The evaluation in the minutes and the network report: the summary of each evaluated meeting,
and the trend across them. It names nobody (see `ln_tui.evaluation.summary`); minutes to share
hold the figures only."""

from __future__ import annotations

from ln_tui.evaluation.model import ANSWER_LABELS, RATING_RANGE, OpenQuestion, Question, Verdict
from ln_tui.evaluation.summary import (
    Rated,
    Summary,
    counted_line,
    format_decimal,
    format_score,
    meeting_summary,
    meetings_in_order,
    network_trend,
    text_bar,
    too_few_line,
)
from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import md_escape, visible_controls
from ln_tui.model import Audience, Meeting, meeting_label
from ln_tui.store import NetworkStore
from ln_tui.thread.goals import goal_tally, too_few_goals_line

BAR_WIDTH = 10


def section(store: NetworkStore, meeting: Meeting | None, audience: Audience = Audience.GROUP) -> str:
    """The evaluation's summaries and the safety pulse (figures about 3 or more, for both audiences).
    To share: the figures only, without the open answers' texts and the kickoff items' texts
    (written for the group)."""
    from ln_tui.evaluation.pulse import pulse_markdown, pulse_trend

    share = audience is Audience.SHARE
    if meeting is not None:
        summary = meeting_summary(store, meeting)
        parts = [] if summary.empty else [summary_markdown(summary, _("Evaluation"), level=2, share=share)]
        pulse = [p for p in pulse_trend(store, meeting) if p.meeting.id == meeting.id]
        return "\n\n".join([*parts, pulse_markdown(pulse, level=2)]).strip()
    summaries = [s for m in meetings_in_order(store) if not (s := meeting_summary(store, m)).empty]
    parts = [
        summary_markdown(
            s,
            _("Evaluation: {meeting}").format(meeting=md_escape(meeting_label(s.meeting))),
            level=2,
            share=share,
        )
        for s in summaries
    ]
    trend = network_trend(store)
    if len(trend) > 1:
        parts.append(trend_markdown(store))
    if trend_of_pulse := pulse_markdown(pulse_trend(store), level=2):
        parts.append(trend_of_pulse)
    return "\n\n".join(parts)


def summary_markdown(
    summary: Summary,
    title: str,
    *,
    level: int,
    share: bool = False,
    drafts: bool = True,
    start: str = "",
    room: bool = False,
) -> str:
    """A meeting's summary under `title`; `share`: the figures only (no open answers, no kickoff items'
    texts); `drafts`: say how many forms are still drafts (never for the room); `start`: from that part
    on (see `summary_parts`), else all of it; `room`: for the room's screen (the goals as counts only)."""
    head = [f"{'#' * level} {title}", f"*{counted_line(summary, drafts=drafts)}*"]
    if reason := too_few_line(summary):
        head.append(f"*{reason}*")
    parts = summary_parts(summary, level=level + 1, share=share, room=room)
    keys = [key for key, _text in parts]
    if start == PULSE_PART:  # paged past the summary's own parts
        parts = []
    elif start in keys:
        parts = parts[keys.index(start) :]
    return "\n\n".join([*head, *(text for _key, text in parts)])


PULSE_PART = "pulse"  # the safety pulse: shown after the summary's own parts, the last part to page to


def open_part(question: OpenQuestion) -> str:
    return f"open-{question.value}"


def summary_parts(summary: Summary, *, level: int, share: bool = False, room: bool = False) -> list[tuple[str, str]]:
    """The summary's parts, in order, each with its key: the room's copy is paged by these. The
    learning goals: for the group their words and outcomes, never whose they are; for the room
    and to share only the counts, and those only from the network's minimum on."""
    sub = "#" * level
    parts = []
    if summary.counted and not summary.too_few:
        parts.append(
            (
                "closed",
                f"{sub} {_('Closed questions (1 = low, 5 = high)')}\n\n" + rated_table(summary.questions, ranked=False),
            )
        )
        parts.append(("recommend", f"{sub} {_('How likely to recommend (0-10)')}\n\n" + recommend_markdown(summary)))
        if summary.learning_forms:
            parts.append(
                (
                    "learning-forms",
                    f"{sub} {_('Learning forms, best appreciated first')}\n\n"
                    + rated_table(summary.learning_forms, ranked=True),
                )
            )
        for question, texts in () if share else summary.open_answers:
            parts.append(
                (
                    open_part(question),
                    f"{sub} {_(question.label)}\n\n" + "\n".join(f"- {multiline(text)}" for text in texts),
                )
            )
    if summary.expectations:
        parts.append(
            (
                "expectations",
                f"{sub} {_('Expectations from the kickoff: were they met?')}\n\n"
                + expectations_markdown(summary, tally_only=share),
            )
        )
    if summary.answered:
        parts.append(
            (
                "answered",
                f"{sub} {_('Questions from the kickoff: were they answered?')}\n\n"
                + answered_markdown(summary, tally_only=share),
            )
        )
    if summary.goals:
        parts.append(
            (
                "goals",
                f"{sub} {_('Learning goals: were they reached?')}\n\n"
                + goals_markdown(summary, counts_only=share or room),
            )
        )
    return parts


def goals_markdown(summary: Summary, *, counts_only: bool = False) -> str:
    if summary.goals_too_few:
        return too_few_goals_line(len(summary.goals), summary.minimum)
    tally = goal_tally(summary.goals)
    if counts_only:
        return tally
    lines = [tally, "", f"| {_('Learning goal')} | {_('Reached?')} |", "|---|---|"]
    lines += [f"| {table_cell(g.goal)} | {_(g.outcome.label)} |" for g in summary.goals]
    return "\n".join(lines)


def rated_table(rows: tuple[Rated, ...], *, ranked: bool) -> str:
    scale = " | ".join(str(v) for v in RATING_RANGE)
    header = f"| {'# | ' if ranked else ''}{_('Question') if not ranked else _('Learning form')} | {_('Average')} | | {scale} | {_('Answers')} |"
    lines = [header, "|" + "---|" * (len(RATING_RANGE) + 4 + ranked)]
    for place, rated in enumerate(rows, start=1):
        average = rated.answers.average
        bar = f"`{text_bar(average / max(RATING_RANGE), BAR_WIDTH).rstrip()}`" if average else ""
        withheld = rated.answers.withheld
        counts = " | ".join("–" if withheld else str(c) for c in rated.answers.counts)
        lines.append(
            f"| {f'{place} | ' if ranked else ''}{md_escape(rated.label)} | **{format_decimal(average)}** | "
            f"{bar} | {counts} | {withheld or rated.answers.n} |"
        )
    return "\n".join(lines)


def recommend_markdown(summary: Summary) -> str:
    recommend = summary.recommend
    if recommend.answers.withheld:
        return _("Fewer than {minimum} answers: no figure is shown.").format(minimum=summary.minimum)
    if not recommend.answers.n:
        return _("Nobody answered this question.")
    score = _("**Recommend score: {score}** (% promoters minus % detractors)").format(
        score=format_score(recommend.score)
    )
    parts = ngettext(
        "Promoters (9-10): {promoters} · passives (7-8): {passives} · detractors (0-6): {detractors} · average {average} of {n} answer",
        "Promoters (9-10): {promoters} · passives (7-8): {passives} · detractors (0-6): {detractors} · average {average} of {n} answers",
        recommend.answers.n,
    ).format(
        promoters=recommend.promoters,
        passives=recommend.passives,
        detractors=recommend.detractors,
        average=format_decimal(recommend.answers.average),
        n=recommend.answers.n,
    )
    return f"{score}\n\n{parts}"


def expectations_markdown(summary: Summary, *, tally_only: bool = False) -> str:
    tally = " · ".join(
        f"{_(v.label) if v else _('not reviewed')}: {summary.verdict_count(v)}" for v in (*Verdict, None)
    ).capitalize()
    if tally_only:
        return tally
    lines = [tally, "", f"| {_('Expectation')} | {_('Met?')} | {_('Remark')} |", "|---|---|---|"]
    lines += [
        f"| {table_cell(e.text)} | {_(e.verdict.label) if e.verdict else '–'} | {md_escape(e.remark)} |"
        for e in summary.expectations
    ]
    return "\n".join(lines)


def answered_markdown(summary: Summary, *, tally_only: bool = False) -> str:
    tally = " · ".join(
        f"{_(ANSWER_LABELS[v]) if v else _('not reviewed')}: {summary.answered_count(v)}" for v in (*Verdict, None)
    ).capitalize()
    if tally_only:
        return tally
    lines = [tally, "", f"| {_('Question')} | {_('Answered?')} | {_('Remark')} |", "|---|---|---|"]
    lines += [
        f"| {table_cell(e.text)} | {_(ANSWER_LABELS[e.verdict]) if e.verdict else '–'} | {md_escape(e.remark)} |"
        for e in summary.answered
    ]
    return "\n".join(lines)


def trend_markdown(store: NetworkStore) -> str:
    questions = list(Question)
    header = f"| {_('Meeting')} | {_('Forms')} | " + " | ".join(_(q.label) for q in questions)
    header += f" | {_('All closed questions')} | {_('Recommend score')} |"
    lines = [f"## {_('Evaluation: the trend across meetings')}", "", header, "|" + "---|" * (len(questions) + 4)]
    for point in network_trend(store):
        averages = " | ".join(format_decimal(point.averages[q]) for q in questions)
        lines.append(
            f"| {md_escape(meeting_label(point.meeting))} | {point.counted} | {averages} | "
            f"**{format_decimal(point.overall)}** | {format_score(point.recommend_score)} |"
        )
    return "\n".join(lines)


def multiline(text: str) -> str:
    """User text as one list item: literal, its line breaks kept."""
    return "  \n  ".join(md_escape(line) for line in text.splitlines())


def table_cell(markdown: str) -> str:
    """User Markdown (a board item) inside one table cell."""
    return visible_controls(markdown).replace("|", "\\|").replace("\n", " ")
