"""The evaluation summary's arithmetic, its report section and its demo: what a facilitator reads."""

from __future__ import annotations

import pytest

from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import (
    METHOD_PREFIX,
    RECOMMEND_RANGE,
    Evaluation,
    ExpectationReview,
    OpenQuestion,
    Question,
    Verdict,
)
from ln_tui.evaluation.report import section
from ln_tui.evaluation.summary import (
    Distribution,
    Recommend,
    default_meeting,
    expectation_items,
    format_decimal,
    format_score,
    learning_forms_for,
    meeting_summary,
    network_trend,
    summarize,
    text_bar,
)
from ln_tui.i18n import set_language
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.report import minutes_markdown, to_html
from ln_tui.store import NetworkStore

CLOSING = Meeting("2026-05-26", MeetingKind.CLOSING, id=4)


def finished(recommend: int | None = None, meeting_id: int = 4, **ratings: int) -> Evaluation:
    return Evaluation(meeting_id, draft=False, ratings=dict(ratings), recommend=recommend)


class TestArithmetic:
    def test_average_and_distribution_per_question(self) -> None:
        summary = summarize(
            CLOSING, [finished(relevance=5), finished(relevance=4), finished(relevance=4, atmosphere=2)], minimum=1
        )
        relevance = summary.questions[0]
        assert relevance.key == Question.RELEVANCE
        assert relevance.answers.counts == (0, 0, 0, 2, 1)
        assert relevance.answers.average == pytest.approx(13 / 3)
        atmosphere = next(q for q in summary.questions if q.key == Question.ATMOSPHERE)
        assert (atmosphere.answers.n, atmosphere.answers.average) == (1, 2.0)
        facilitation = next(q for q in summary.questions if q.key == Question.FACILITATION)
        assert facilitation.answers.average is None  # nobody answered it: no average, not 0

    @pytest.mark.parametrize(
        ("answers", "score", "split"),
        [
            ([10, 9, 9, 8, 6], 40, (3, 1, 1)),  # 60% promoters - 20% detractors
            ([0, 6, 7, 8], -50, (0, 2, 2)),
            ([9, 6], 0, (1, 1, 0)),
            ([10, 10, 10, 3, 9, 7, 7], 43, (4, 1, 2)),  # 57.1 - 14.3 = 42.9 -> 43
        ],
    )
    def test_recommend_score_is_promoters_minus_detractors(
        self, answers: list[int], score: int, split: tuple[int, int, int]
    ) -> None:
        recommend = Recommend(Distribution.of(answers, RECOMMEND_RANGE))
        assert recommend.score == score
        assert (recommend.promoters, recommend.detractors, recommend.passives) == split

    def test_no_recommend_answers_means_no_score(self) -> None:
        assert Recommend(Distribution.of([], RECOMMEND_RANGE)).score is None
        assert format_score(None) == "–"
        assert (format_score(43), format_score(-5), format_score(0)) == ("+43", "-5", "0")

    def test_drafts_and_forms_without_ratings_count_in_nothing(self) -> None:
        draft = Evaluation(4, draft=True, ratings={"relevance": 1}, recommend=0, answers={"improve": "draft text"})
        empty = Evaluation(4, draft=False, answers={"went_well": "only words"})
        other_meeting = finished(recommend=0, meeting_id=9, relevance=1)
        summary = summarize(CLOSING, [draft, empty, other_meeting, finished(recommend=10, relevance=5)], minimum=1)
        assert summary.counted == 1
        assert summary.drafts == 2
        assert summary.questions[0].answers.counts == (0, 0, 0, 0, 1)
        assert summary.recommend.score == 100
        assert summary.open_answers == ()

    def test_learning_forms_ranked_best_first_with_ties_by_answers(self) -> None:
        forms = [
            Evaluation(
                4, draft=False, learning_forms={"case_discussion": 5, "external_input": 3, METHOD_PREFIX + "Troika": 4}
            ),
            Evaluation(4, draft=False, learning_forms={"case_discussion": 3, METHOD_PREFIX + "Troika": 4}),
        ]
        keys = ["case_discussion", "kickoff_exchange", "external_input", METHOD_PREFIX + "Troika"]
        ranked = summarize(CLOSING, forms, keys, minimum=1).learning_forms
        assert [(r.label, r.answers.average, r.answers.n) for r in ranked] == [
            ("Case discussion", 4.0, 2),
            ("Troika", 4.0, 2),
            ("External input", 3.0, 1),
        ]  # the kickoff exchange was rated by nobody: not ranked

    def test_open_answers_grouped_per_question_and_sorted_so_order_tells_nothing(self) -> None:
        forms = [
            Evaluation(
                4, member_id=1, draft=False, ratings={"relevance": 4}, answers={"went_well": "zebra", "improve": "  "}
            ),
            Evaluation(
                4, anonymous=True, draft=False, ratings={"relevance": 4}, answers={"went_well": "Apple\nline two"}
            ),
        ]
        summary = summarize(CLOSING, forms, minimum=1)
        assert summary.open_answers == ((OpenQuestion.WENT_WELL, ("Apple\nline two", "zebra")),)
        assert (summary.counted, summary.anonymous) == (2, 1)

    def test_empty_meeting_gives_an_empty_summary(self) -> None:
        summary = summarize(CLOSING, [])
        assert summary.empty and summary.counted == 0 and summary.recommend.score is None

    def test_text_bars(self) -> None:
        assert text_bar(1.0, 4) == "████"
        assert text_bar(0.5, 4) == "██  "
        assert text_bar(0.55, 10) == "█████▌    "
        assert text_bar(3.0, 3) == "███" and text_bar(-1, 3) == "   "

    def test_decimal_comma_in_dutch(self) -> None:
        assert format_decimal(13 / 3) == "4.3"
        set_language("nl")
        try:
            assert format_decimal(13 / 3) == "4,3"
        finally:
            set_language("en")


class TestFromTheStore:
    def meetings(self, store: NetworkStore) -> tuple[Meeting, Meeting, Meeting]:
        kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        regular = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR))
        closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        return kickoff, regular, closing

    def test_default_meeting_is_the_closing_meeting(self, store: NetworkStore) -> None:
        assert default_meeting(store) is None
        _kickoff, regular, closing = self.meetings(store)
        assert default_meeting(store) == closing
        store.meetings.remove(closing.id or 0)
        store.set_current_meeting(regular.id)
        assert default_meeting(store) == regular

    def test_learning_forms_are_the_fixed_ones_and_the_methods_used_so_far(self, store: NetworkStore) -> None:
        _kickoff, regular, closing = self.meetings(store)
        store.repo(Case).add_many(
            [
                Case(regular.id, "A", method_name="Incident method"),
                Case(regular.id, "B", method_name="Incident method"),
                Case(closing.id, "C", method_name="Balint method"),
                Case(closing.id, "D", method_name=""),
            ]
        )
        assert learning_forms_for(store, regular) == [
            "case_discussion",
            "kickoff_exchange",
            "external_input",
            "method:Incident method",
        ]
        assert learning_forms_for(store, closing)[-2:] == ["method:Balint method", "method:Incident method"]

    def test_expectations_come_from_the_kickoff_board_with_their_verdicts(self, store: NetworkStore) -> None:
        kickoff, regular, closing = self.meetings(store)
        items = store.repo(BoardItem).add_many(
            [
                BoardItem(kickoff.id, BoardColumn.EXPECTATIONS, "Tips"),
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Not an expectation"),
                BoardItem(regular.id, BoardColumn.EXPECTATIONS, "Not the kickoff"),
                BoardItem(kickoff.id, BoardColumn.EXPECTATIONS, "A safe group"),
            ]
        )
        assert [i.text for i in expectation_items(store)] == ["Tips", "A safe group"]
        store.repo(ExpectationReview).add(ExpectationReview(items[3].id or 0, closing.id, Verdict.PARTLY, "almost"))
        summary = meeting_summary(store, closing)
        assert [(e.text, e.verdict, e.remark) for e in summary.expectations] == [
            ("Tips", None, ""),
            ("A safe group", Verdict.PARTLY, "almost"),
        ]
        assert (summary.verdict_count(Verdict.PARTLY), summary.verdict_count(None)) == (1, 1)
        assert not summary.empty  # a reviewed expectation is something to show
        assert meeting_summary(store, regular).expectations == ()

    def test_trend_has_a_point_per_evaluated_meeting_in_date_order(self, store: NetworkStore) -> None:
        _kickoff, regular, closing = self.meetings(store)
        store.repo(Evaluation).add_many(
            [
                *(finished(10, closing.id or 0, relevance=5, worth_time=3) for _ in range(3)),
                *(finished(6, regular.id or 0, relevance=2) for _ in range(3)),
                Evaluation(regular.id, draft=True, ratings={"relevance": 5}),
            ]
        )
        points = network_trend(store)
        assert [(p.meeting.id, p.counted, p.overall, p.recommend_score) for p in points] == [
            (regular.id, 3, 2.0, -100),
            (closing.id, 3, 4.0, 100),
        ]
        assert points[1].averages[Question.WORTH_TIME] == 3.0


class TestAnonymity:
    def test_no_name_is_attached_to_an_anonymous_form_anywhere(self, store: NetworkStore) -> None:
        closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        secret = store.members.add(Member("Zoë Secretname"))
        open_member = store.members.add(Member("Olaf Openname"))
        store.repo(Evaluation).add_many(
            [
                Evaluation(
                    closing.id,
                    None,
                    anonymous=True,
                    draft=False,
                    ratings={"relevance": 1},
                    answers={"improve": "It was bad"},
                ),
                Evaluation(
                    closing.id, open_member.id, draft=False, ratings={"relevance": 5}, answers={"went_well": "Great"}
                ),
                Evaluation(closing.id, None, anonymous=True, draft=False, ratings={"relevance": 3}),
            ]
        )
        [anonymous, _named, _third] = store.repo(Evaluation).all()
        assert anonymous.member_id is None and secret.id is not None
        for text in (section(store, closing), section(store, None), to_html(section(store, None), "x")):
            assert "It was bad" in text and "Great" in text
            assert "Secretname" not in text and "Openname" not in text  # the summary names nobody
        report = minutes_markdown(store, None)
        evaluation_part = report[report.index("## Evaluation") :]
        assert "Secretname" not in evaluation_part


class TestDemo:
    def test_the_demo_evaluates_the_closing_and_one_regular_meeting(self, demo_store: NetworkStore) -> None:
        forms = demo_store.repo(Evaluation).all()
        evaluated = {demo_store.meetings.get(f.meeting_id or 0).kind for f in forms}  # type: ignore[union-attr]
        assert evaluated == {MeetingKind.CLOSING, MeetingKind.REGULAR}
        assert any(f.anonymous and f.member_id is None for f in forms)
        assert sum(f.draft for f in forms) == 1
        closing = next(m for m in demo_store.meetings.all() if m.kind is MeetingKind.CLOSING)
        summary = meeting_summary(demo_store, closing)
        assert summary.counted >= 5 and summary.drafts == 1 and summary.learning_forms
        assert len(network_trend(demo_store)) == 2
