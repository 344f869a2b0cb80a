"""What the phones see of a case discussion: the round, the speaker and the clock, from the store.

The console saves the discussion's state on every change (never on a tick), anchored to the
wall clock (`TurnClock`), so the time left is computed here the same way the console does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ln_tui.discussion.countdown import Countdown, format_time
from ln_tui.discussion.model import Case, DiscussionState
from ln_tui.discussion.session import Session
from ln_tui.store import NetworkStore

# The discussion home keeps the case being discussed under this setting.
ACTIVE_CASE_SETTING = "discussion_case_id"
# Words that make a round a question round, where phones may send questions to the facilitator.
QUESTION_WORDS = ("question", "vraag", "vragen")


@dataclass(frozen=True)
class DiscussionView:
    case_title: str
    round_name: str
    instruction: str
    speaker: str  # empty: the group, or nobody
    next_speaker: str
    remaining: float  # seconds, negative in overtime
    running: bool
    finished: bool
    question_round: bool
    case_id: int
    round_index: int

    @property
    def clock(self) -> str:
        return format_time(self.remaining)


def is_question_round(name: str, question_cap: int) -> bool:
    folded = name.casefold()
    return question_cap > 0 or any(word in folded for word in QUESTION_WORDS)


def discussion_view(
    store: NetworkStore, wall_now: float, translate: Callable[[str], str] = lambda text: text
) -> DiscussionView | None:
    """The case being discussed now, or None when no discussion has started."""
    case_id = store.setting(ACTIVE_CASE_SETTING)
    case = store.repo(Case).get(case_id) if isinstance(case_id, int) else None
    if case is None:
        return None
    states = store.repo(DiscussionState).where(case_id=case.id)
    if not states:
        return None
    state = states[0]
    session = Session(case, state, lambda: 0.0, wall_now)
    countdown = Countdown.restored(state.clock, lambda: 0.0, wall_now)
    names = {m.id: m.name for m in store.members.all()}
    spec = session.spec

    def shown(text: str) -> str:
        return translate(text) if case.method_preset and text else text

    following, _later = session.upcoming()
    return DiscussionView(
        case_title=case.title,
        round_name=shown(spec.name) if spec else "",
        instruction=shown(spec.instruction) if spec else "",
        speaker=names.get(session.speaker_id, "") if session.speaker_id is not None else "",
        next_speaker=names.get(following, "") if following is not None else "",
        remaining=countdown.remaining(),
        running=countdown.running and not state.finished,
        finished=state.finished,
        question_round=spec is not None and not state.finished and is_question_round(spec.name, spec.question_cap),
        case_id=case.id or 0,
        round_index=state.round_index,
    )
