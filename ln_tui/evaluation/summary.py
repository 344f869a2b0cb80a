"""The evaluation summary: averages, distributions, the recommend score, ranked learning forms,
grouped open answers, the expectations and how they were met, and the trend across meetings.

Only finished forms with at least one rating count, with their answers as they were when
finished; drafts count in nothing. The summary names nobody: open answers are listed without
their author and sorted by their text, so an anonymous answer looks like every other one and the
order of filling in tells nothing. It shows no figure about fewer people than the network's
minimum (at least `MIN_GROUP`): a question fewer answered keeps only its count of answers,
and with fewer forms than that the open answers wait too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ln_tui.agenda.learning_forms import agenda_learning_forms
from ln_tui.agenda.learning_forms import learning_form_label as agenda_label
from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import (
    METHOD_PREFIX,
    MIN_GROUP,
    MIN_GROUP_SETTING,
    RATING_RANGE,
    RECOMMEND_RANGE,
    Evaluation,
    ExpectationReview,
    LearningForm,
    OpenQuestion,
    Question,
    QuestionReview,
    Verdict,
)
from ln_tui.i18n import _, get_language
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind
from ln_tui.store import NetworkStore
from ln_tui.thread.goals import GoalResult, goal_results
from ln_tui.thread.goals import reviews_shown_at as goal_reviews_shown_at

PROMOTERS = range(9, 11)
DETRACTORS = range(0, 7)


@dataclass(frozen=True)
class Distribution:
    """How many answers each value of a scale got."""

    scale: range
    counts: tuple[int, ...]
    withheld: int = 0  # answers given but not shown: fewer than the minimum

    @classmethod
    def of(cls, values: Iterable[int], scale: range, minimum: int = 0) -> Distribution:
        given = [v for v in values if v in scale]
        if 0 < len(given) < minimum:
            return cls(scale, (0,) * len(scale), withheld=len(given))
        return cls(scale, tuple(given.count(value) for value in scale))

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        if not self.n:
            return None
        return sum(value * count for value, count in zip(self.scale, self.counts, strict=True)) / self.n

    def count(self, values: range) -> int:
        return sum(count for value, count in zip(self.scale, self.counts, strict=True) if value in values)


@dataclass(frozen=True)
class Rated:
    """One question or learning form: its key, its label and its answers."""

    key: str
    label: str
    answers: Distribution


@dataclass(frozen=True)
class Recommend:
    answers: Distribution

    @property
    def promoters(self) -> int:
        return self.answers.count(PROMOTERS)

    @property
    def detractors(self) -> int:
        return self.answers.count(DETRACTORS)

    @property
    def passives(self) -> int:
        return self.answers.n - self.promoters - self.detractors

    @property
    def score(self) -> int | None:
        """% promoters (9-10) minus % detractors (0-6), from -100 to 100; None without answers."""
        if not self.answers.n:
            return None
        return round(100 * (self.promoters - self.detractors) / self.answers.n)


@dataclass(frozen=True)
class ExpectationResult:
    item_id: int
    text: str
    verdict: Verdict | None
    remark: str


@dataclass(frozen=True)
class Summary:
    meeting: Meeting
    counted: int
    anonymous: int  # of the counted forms
    drafts: int
    questions: tuple[Rated, ...]
    recommend: Recommend
    learning_forms: tuple[Rated, ...]  # ranked, best first; only those rated
    open_answers: tuple[tuple[OpenQuestion, tuple[str, ...]], ...]  # only questions with answers
    expectations: tuple[ExpectationResult, ...]
    # The kickoff's questions: answered, partly or not (the Verdict's values), with a remark.
    answered: tuple[ExpectationResult, ...] = ()
    minimum: int = MIN_GROUP  # no figure about fewer forms or answers than this is shown
    # The members' learning goals as they were judged (by their words, never by whose they are).
    goals: tuple[GoalResult, ...] = ()  # no figure about fewer forms or answers than this is shown

    @property
    def too_few(self) -> bool:
        """Counted forms, but fewer than the minimum: figures and open answers wait for more."""
        return 0 < self.counted < self.minimum

    @property
    def withheld(self) -> tuple[Rated, ...]:
        """The questions and learning forms answered, but by fewer than the minimum."""
        return tuple(r for r in (*self.questions, *self.learning_forms) if r.answers.withheld)

    @property
    def empty(self) -> bool:
        return not self.counted and not self.goals and not any(e.verdict for e in (*self.expectations, *self.answered))

    @property
    def goals_too_few(self) -> bool:
        """Goals reviewed, but fewer than the minimum: no count of them is shown to the room."""
        return 0 < len(self.goals) < self.minimum

    def verdict_count(self, verdict: Verdict | None) -> int:
        return sum(e.verdict is verdict for e in self.expectations)

    def answered_count(self, verdict: Verdict | None) -> int:
        return sum(e.verdict is verdict for e in self.answered)


@dataclass(frozen=True)
class TrendPoint:
    meeting: Meeting
    counted: int
    averages: dict[Question, float | None]
    overall: float | None  # the mean of every 1-5 rating of the closed questions
    recommend_score: int | None


# -- the pure arithmetic -------------------------------------------------------------------------


def learning_form_label(key: str) -> str:
    if key.startswith(METHOD_PREFIX):
        return key.removeprefix(METHOD_PREFIX)
    if (label := agenda_label(key)) is not None:
        return label
    return _(LearningForm(key).label)


def summarize(
    meeting: Meeting,
    forms: Sequence[Evaluation],
    learning_forms: Sequence[str] = (),
    expectations: Sequence[BoardItem] = (),
    reviews: Sequence[ExpectationReview] = (),
    minimum: int = MIN_GROUP,
) -> Summary:
    """The summary of one meeting's forms (only those of `meeting` count), showing no figure
    about fewer than `minimum` answers (what the room sees: `group_minimum`, never below 3)."""
    own = [f for f in forms if f.meeting_id == meeting.id]
    counted = [f.as_counted() for f in own if f.counts]
    questions = tuple(
        Rated(
            q.value,
            _(q.label),
            Distribution.of((f.ratings[q] for f in counted if q in f.ratings), RATING_RANGE, minimum),
        )
        for q in Question
    )
    rated_keys = list(dict.fromkeys([*learning_forms, *(k for f in counted for k in f.learning_forms)]))
    rated = [
        Rated(
            key,
            learning_form_label(key),
            Distribution.of((f.learning_forms[key] for f in counted if key in f.learning_forms), RATING_RANGE, minimum),
        )
        for key in rated_keys
    ]
    ranked = sorted(
        (r for r in rated if r.answers.n or r.answers.withheld),
        key=lambda r: (-(r.answers.average or 0), -r.answers.n, r.label.casefold()),
    )
    open_answers = tuple(
        (question, texts)
        for question in OpenQuestion
        if len(counted) >= minimum
        and (
            texts := tuple(sorted((t for f in counted if (t := f.answers.get(question, "").strip())), key=str.casefold))
        )
    )
    verdicts = {r.item_id: r for r in reviews}
    results = tuple(
        ExpectationResult(
            item.id or 0,
            item.text,
            verdicts[item.id].verdict if item.id in verdicts else None,
            verdicts[item.id].remark if item.id in verdicts else "",
        )
        for item in expectations
    )
    return Summary(
        meeting=meeting,
        counted=len(counted),
        anonymous=sum(f.anonymous for f in counted),
        drafts=sum(not f.counts for f in own),
        questions=questions,
        recommend=Recommend(
            Distribution.of((f.recommend for f in counted if f.recommend is not None), RECOMMEND_RANGE, minimum)
        ),
        learning_forms=tuple(ranked),
        open_answers=open_answers,
        expectations=results,
        minimum=minimum,
    )


def trend_point(summary: Summary) -> TrendPoint:
    pooled = Distribution(
        RATING_RANGE, tuple(map(sum, zip(*(r.answers.counts for r in summary.questions), strict=True)))
    )
    return TrendPoint(
        meeting=summary.meeting,
        counted=summary.counted,
        averages={Question(r.key): r.answers.average for r in summary.questions},
        overall=pooled.average,
        recommend_score=summary.recommend.score,
    )


def counted_line(summary: Summary, *, drafts: bool = True) -> str:
    """How many forms count; with `drafts`, how many do not yet (never for the room: a draft
    appears with the first rating typed into a named form)."""
    line = _("Forms counted: {n} (anonymous: {anonymous}).").format(n=summary.counted, anonymous=summary.anonymous)
    if drafts and summary.drafts:
        line += " " + _("Drafts, not counted: {n}.").format(n=summary.drafts)
    return line


def too_few_line(summary: Summary) -> str:
    """Why figures are missing: fewer forms, or fewer answers to a question, than the minimum."""
    if summary.too_few:
        return _(
            "The figures and open answers are shown from {minimum} finished forms on, "
            "so that nobody's answers can be read off."
        ).format(minimum=summary.minimum)
    if summary.withheld or summary.recommend.answers.withheld:
        return _("A question answered by fewer than {minimum} people shows no figure.").format(minimum=summary.minimum)
    return ""


def group_minimum(store: NetworkStore) -> int:
    """The fewest answers a figure shown to the room is about: the network's setting, at least 3."""
    saved = store.setting(MIN_GROUP_SETTING)
    return max(MIN_GROUP, saved) if type(saved) is int else MIN_GROUP


def set_group_minimum(store: NetworkStore, minimum: int) -> int:
    """Keep the network's minimum (raised to `MIN_GROUP` if lower); the minimum kept."""
    kept = max(MIN_GROUP, minimum)
    store.set_setting(MIN_GROUP_SETTING, None if kept == MIN_GROUP else kept)
    return kept


def format_decimal(value: float | None) -> str:
    """An average with one decimal, with a decimal comma in Dutch; a dash for no value."""
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if get_language() == "nl" else text


def format_score(score: int | None) -> str:
    return "–" if score is None else f"{score:+d}" if score else "0"


# -- from the store -------------------------------------------------------------------------------


def meetings_in_order(store: NetworkStore) -> list[Meeting]:
    return sorted(store.meetings.all(), key=lambda m: (m.date, m.time, m.id or 0))


def default_meeting(store: NetworkStore) -> Meeting | None:
    """The meeting to evaluate first: the (last) closing meeting, else the current one, else the last."""
    meetings = meetings_in_order(store)
    closing = [m for m in meetings if m.kind is MeetingKind.CLOSING]
    if closing:
        return closing[-1]
    return store.current_meeting or (meetings[-1] if meetings else None)


def learning_forms_for(store: NetworkStore, meeting: Meeting) -> list[str]:
    """The learning forms to rate: the fixed ones, each method used up to this meeting, each kind
    of external input on the agendas up to this meeting, and the network's own learning forms."""
    dates = {m.id: m.date for m in store.meetings.all()}
    methods = sorted(
        {
            case.method_name.strip()
            for case in store.repo(Case).all()
            if case.method_name.strip() and dates.get(case.meeting_id, "") <= meeting.date
        },
        key=str.casefold,
    )
    fixed = [form.value for form in LearningForm] + [METHOD_PREFIX + name for name in methods]
    return fixed + agenda_learning_forms(store, meeting)


def expectation_items(store: NetworkStore) -> list[BoardItem]:
    """The expectations captured on the board of the kickoff meeting(s), in the order they came."""
    kickoffs = [m for m in meetings_in_order(store) if m.kind is MeetingKind.KICKOFF]
    order = {m.id: index for index, m in enumerate(kickoffs)}
    items = [i for i in store.repo(BoardItem).all() if i.column is BoardColumn.EXPECTATIONS and i.meeting_id in order]
    return sorted(items, key=lambda i: (order[i.meeting_id], i.id or 0))


def question_items(store: NetworkStore) -> list[BoardItem]:
    """The questions captured on the board of the kickoff meeting(s), answered ones too."""
    kickoffs = [m for m in meetings_in_order(store) if m.kind is MeetingKind.KICKOFF]
    order = {m.id: index for index, m in enumerate(kickoffs)}
    items = [i for i in store.repo(BoardItem).all() if i.column is BoardColumn.QUESTIONS and i.meeting_id in order]
    return sorted(items, key=lambda i: (order[i.meeting_id], i.id or 0))


def question_results(store: NetworkStore, meeting: Meeting) -> tuple[ExpectationResult, ...]:
    """The questions reviewed at `meeting` (at a closing meeting: every question, reviewed or not)."""
    reviews = {
        r.item_id: r
        for r in store.repo(QuestionReview).all()
        if meeting.kind is MeetingKind.CLOSING or r.meeting_id == meeting.id
    }
    items = question_items(store)
    if meeting.kind is not MeetingKind.CLOSING:
        items = [i for i in items if i.id in reviews]
    return tuple(
        ExpectationResult(
            item.id or 0,
            item.text,
            reviews[item.id].verdict if item.id in reviews else None,
            reviews[item.id].remark if item.id in reviews else "",
        )
        for item in items
    )


def reviews_shown_at(store: NetworkStore, meeting: Meeting) -> list[ExpectationReview]:
    """The expectation reviews a meeting's summary shows: those made at it, or all at a closing meeting."""
    reviews = store.repo(ExpectationReview).all()
    if meeting.kind is MeetingKind.CLOSING:
        return reviews
    return [r for r in reviews if r.meeting_id == meeting.id]


def meeting_summary(store: NetworkStore, meeting: Meeting) -> Summary:
    reviews = reviews_shown_at(store, meeting)
    reviewed = {r.item_id for r in reviews}
    items = expectation_items(store)
    if meeting.kind is not MeetingKind.CLOSING:
        items = [i for i in items if i.id in reviewed]
    summary = summarize(
        meeting,
        store.repo(Evaluation).where(meeting_id=meeting.id),
        learning_forms_for(store, meeting),
        items,
        reviews,
        group_minimum(store),
    )
    return replace(
        summary,
        answered=question_results(store, meeting),
        goals=goal_results(goal_reviews_shown_at(store, meeting)),
    )


def network_trend(store: NetworkStore) -> list[TrendPoint]:
    """One point per meeting with counted forms, in date order."""
    forms = store.repo(Evaluation).all()
    minimum = group_minimum(store)
    return [
        trend_point(summarize(meeting, forms, minimum=minimum))
        for meeting in meetings_in_order(store)
        if any(f.meeting_id == meeting.id and f.counts for f in forms)
    ]


BAR_EIGHTHS = " ▏▎▍▌▋▊▉"


def text_bar(fraction: float, width: int) -> str:
    """A horizontal bar of full blocks (and one partial block) filling `fraction` of `width` cells."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (BAR_EIGHTHS[rest] if rest else "")).ljust(width)
