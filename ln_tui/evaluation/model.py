"""The evaluation's records: one form per participant per meeting, and the expectations review.

A form is a draft until it is finished; drafts count in nothing. An anonymous form
keeps no link to its member at all (`member_id` is None), so that no name can ever
be attached to it, not even in the network file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import ClassVar

from ln_tui.i18n import N_, ngettext

RATING_RANGE = range(1, 6)  # the 1-5 scales and the learning forms
# The longest an open answer may be: longer is refused with a clear message, the text kept in its
# field (as names stop at 300): a 20,000-character answer is a pasting accident that fills the report.
MAX_ANSWER = 5000
RECOMMEND_RANGE = range(0, 11)  # how likely to recommend


class Question(enum.StrEnum):
    """The closed questions, each on a 1-5 scale."""

    RELEVANCE = "relevance"
    APPLICABLE = "applicable"
    ATMOSPHERE = "atmosphere"
    FACILITATION = "facilitation"
    ORGANISATION = "organisation"
    WORTH_TIME = "worth_time"

    @property
    def label(self) -> str:
        return {
            "relevance": N_("Relevance to my work"),
            "applicable": N_("Applicable in practice"),
            "atmosphere": N_("Atmosphere and safety in the group"),
            "facilitation": N_("The facilitation"),
            "organisation": N_("The practical organisation"),
            "worth_time": N_("Worth the time"),
        }[self.value]


class OpenQuestion(enum.StrEnum):
    """The open questions of the method."""

    WENT_WELL = "went_well"
    IMPROVE = "improve"
    APPRECIATED = "appreciated"
    APPRECIATED_LESS = "appreciated_less"
    SUGGESTIONS = "suggestions"

    @property
    def label(self) -> str:
        return {
            "went_well": N_("What went well?"),
            "improve": N_("What can improve?"),
            "appreciated": N_("Which learning forms did you appreciate, and why?"),
            "appreciated_less": N_("Which learning forms did you appreciate less, and why?"),
            "suggestions": N_("Suggestions for future networks"),
        }[self.value]


class LearningForm(enum.StrEnum):
    """The learning forms every network has; the discussion methods used are added to them."""

    CASE_DISCUSSION = "case_discussion"
    KICKOFF_EXCHANGE = "kickoff_exchange"
    EXTERNAL_INPUT = "external_input"

    @property
    def label(self) -> str:
        return {
            "case_discussion": N_("Case discussion"),
            "kickoff_exchange": N_("Exchange at the kickoff"),
            "external_input": N_("External input"),
        }[self.value]


# The key of a discussion method among the learning forms: this prefix and the method's name.
METHOD_PREFIX = "method:"

# The room never sees a figure about fewer people than this (DOMAIN.md, "What stays in the group").
MIN_GROUP = 3
MIN_GROUP_SETTING = "evaluation_min_group"  # a network may ask for more, never for fewer


@dataclass
class CountedAnswers:
    """A form's answers as they were when it was last finished: what the summary counts, so that
    changing a finished form changes nothing the room sees until it is finished again."""

    ratings: dict[str, int] = field(default_factory=dict)
    learning_forms: dict[str, int] = field(default_factory=dict)
    recommend: int | None = None
    answers: dict[str, str] = field(default_factory=dict)
    anonymous: bool = False


@dataclass
class Evaluation:
    """One participant's evaluation of one meeting."""

    TABLE: ClassVar[str] = "evaluations"

    meeting_id: int | None
    member_id: int | None = None  # None when anonymous
    anonymous: bool = False
    draft: bool = True
    ratings: dict[str, int] = field(default_factory=dict)  # Question -> 1..5
    learning_forms: dict[str, int] = field(default_factory=dict)  # LearningForm or METHOD_PREFIX+name -> 1..5
    recommend: int | None = None  # 0..10
    answers: dict[str, str] = field(default_factory=dict)  # OpenQuestion -> text
    counted: CountedAnswers | None = None  # set when finished (None in older files: the answers count)
    id: int | None = None

    @property
    def has_ratings(self) -> bool:
        return bool(self.ratings or self.learning_forms or self.recommend is not None)

    @property
    def counts(self) -> bool:
        """Whether this form counts in the summary: finished, with at least one rating."""
        return not self.draft and self.as_counted().has_ratings

    def as_counted(self) -> Evaluation:
        """The form as the summary counts it: with its answers as they were when last finished."""
        if self.counted is None:
            return self
        c = self.counted
        return replace(
            self,
            ratings=c.ratings,
            learning_forms=c.learning_forms,
            recommend=c.recommend,
            answers=c.answers,
            anonymous=c.anonymous,  # counted as it was finished (its name is gone at once all the same)
        )

    def mark_finished(self) -> None:
        """Finish the form: its answers as they are now are what the summary counts."""
        self.draft = False
        self.counted = CountedAnswers(
            dict(self.ratings), dict(self.learning_forms), self.recommend, dict(self.answers), self.anonymous
        )

    def mark_draft(self) -> None:
        self.draft = True
        self.counted = None

    @property
    def changed_since_finished(self) -> bool:
        """A finished form changed since: the changes count once it is finished again."""
        c = self.counted
        return (
            not self.draft
            and c is not None
            and (c.ratings, c.learning_forms, c.recommend, c.answers, c.anonymous)
            != (self.ratings, self.learning_forms, self.recommend, self.answers, self.anonymous)
        )


class Verdict(enum.StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"

    @property
    def label(self) -> str:
        return {"met": N_("met"), "partly": N_("partly met"), "not_met": N_("not met")}[self.value]


@dataclass
class ExpectationReview:
    """How the group judged one expectation from the kickoff board (`item_id`: its BoardItem)."""

    TABLE: ClassVar[str] = "expectation_reviews"

    item_id: int
    meeting_id: int | None = None  # the meeting at which it was reviewed
    verdict: Verdict | None = None
    remark: str = ""
    id: int | None = None


# How a question from the kickoff was answered, in the words of a question (the Verdict's values).
ANSWER_LABELS = {
    Verdict.MET: N_("answered"),
    Verdict.PARTLY: N_("partly answered"),
    Verdict.NOT_MET: N_("not answered"),
}


@dataclass
class QuestionReview:
    """Whether one question from the kickoff board (`item_id`: its BoardItem) was answered."""

    TABLE: ClassVar[str] = "question_reviews"

    item_id: int
    meeting_id: int | None = None  # the meeting at which it was reviewed
    verdict: Verdict | None = None  # met = answered, partly, not_met = not answered
    remark: str = ""
    id: int | None = None


def answer_problems(form: Evaluation) -> dict[str, str]:
    """The open answers that are too long, by question, each with what is wrong."""
    return {
        question: ngettext(
            "At most {max} character; this has {count}.", "At most {max} characters; this has {count}.", MAX_ANSWER
        ).format(max=MAX_ANSWER, count=len(text))
        for question, text in form.answers.items()
        if len(text) > MAX_ANSWER
    }


class PulseStatement(enum.StrEnum):
    """The safety pulse: three statements, each on a 1-5 scale, answered at the end of a meeting."""

    SAY = "say"
    HEARD = "heard"
    STAYS = "stays"

    @property
    def label(self) -> str:
        return {
            "say": N_("I could say what I wanted"),
            "heard": N_("I felt heard"),
            "stays": N_("What is said here stays here"),
        }[self.value]


@dataclass
class PulseAnswer:
    """One person's answer to the safety pulse of one meeting. Always anonymous: nothing in it
    names anyone, not even the order of answering (the room sees only averages of 3 or more)."""

    TABLE: ClassVar[str] = "pulse_answers"

    meeting_id: int | None
    ratings: dict[str, int] = field(default_factory=dict)  # PulseStatement -> 1..5
    id: int | None = None
