"""The evaluation book: the forms and expectation reviews the evaluation screens read and save.

A facade like the kickoff's `Board`: the screens call it instead of the store's repositories.
"""

from __future__ import annotations

from ln_tui.evaluation.model import Evaluation, ExpectationReview, QuestionReview
from ln_tui.kickoff.model import BoardItem
from ln_tui.store import NetworkStore

Review = ExpectationReview | QuestionReview


class EvaluationBook:
    """Evaluation forms per meeting and the review of the kickoff's expectations."""

    def __init__(self, store: NetworkStore) -> None:
        self.store = store

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # -- forms --------------------------------------------------------------------------------
    def forms(self, meeting_id: int | None) -> list[Evaluation]:
        return self.store.repo(Evaluation).where(meeting_id=meeting_id)

    def form(self, form_id: int) -> Evaluation | None:
        return self.store.repo(Evaluation).get(form_id)

    def member_forms(self, meeting_id: int | None, member_id: int) -> list[Evaluation]:
        """The forms a member filled in (not anonymously) for a meeting: one, or none."""
        return [
            f for f in self.store.repo(Evaluation).where(meeting_id=meeting_id, member_id=member_id) if not f.anonymous
        ]

    def save_form(self, form: Evaluation) -> Evaluation:
        """Add or update a form (nothing on a read-only network); the form as stored."""
        if self.read_only:
            return form
        repo = self.store.repo(Evaluation)
        if form.id is None:
            return repo.add(form)
        repo.update(form)
        return form

    def remove_form(self, form_id: int) -> None:
        self.store.repo(Evaluation).remove(form_id)

    # -- the kickoff's expectations ---------------------------------------------------------------
    def reviews(self, kind: type[Review] = ExpectationReview) -> dict[int, Review]:
        """Each review of one kind (expectations, questions), by board item id."""
        return {r.item_id: r for r in self.store.repo(kind).all()}

    def save_review(self, review: Review) -> None:
        repo = self.store.repo(type(review))
        if review.id is None:
            repo.add(review)
        else:
            repo.update(review)

    def board_item(self, item_id: int) -> BoardItem | None:
        return self.store.repo(BoardItem).get(item_id)
