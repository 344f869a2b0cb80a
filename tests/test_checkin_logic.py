"""The check-in's rules, without a screen: the network's questions, the rotation, the answers."""

from __future__ import annotations

import pytest

from ln_tui.i18n import set_language
from ln_tui.model import Meeting, Member, Presence
from ln_tui.store import NetworkStore
from ln_tui.thread.checkin import CheckInRefused, CheckInRound, question_text
from ln_tui.thread.model import DEFAULT_CHECKIN_QUESTIONS, CheckIn, CheckInSource


def meetings(store: NetworkStore, count: int) -> list[Meeting]:
    return [store.meetings.add(Meeting(f"2026-0{n + 1}-10")) for n in range(count)]


def test_the_questions_rotate_from_one_meeting_to_the_next(store: NetworkStore) -> None:
    first, second, third, fourth = meetings(store, 4)
    checkin = CheckInRound(store)
    assert checkin.question(first) == DEFAULT_CHECKIN_QUESTIONS[0]
    checkin.ask(first, checkin.question(first) or "")
    assert checkin.question(second) == DEFAULT_CHECKIN_QUESTIONS[1]
    checkin.ask(second, DEFAULT_CHECKIN_QUESTIONS[2])  # chosen, not the rotated one
    assert checkin.question(third) == DEFAULT_CHECKIN_QUESTIONS[0]  # after the one asked, round again
    checkin.ask(third, DEFAULT_CHECKIN_QUESTIONS[0])
    assert checkin.question(fourth) == DEFAULT_CHECKIN_QUESTIONS[1]
    # what a meeting was asked stays, whatever comes later
    assert CheckInRound(store).asked(second) == DEFAULT_CHECKIN_QUESTIONS[2]


def test_a_meeting_without_a_check_in_is_passed_over(store: NetworkStore) -> None:
    first, _second, third = meetings(store, 3)
    checkin = CheckInRound(store)
    checkin.ask(first, DEFAULT_CHECKIN_QUESTIONS[1])
    assert checkin.question(third) == DEFAULT_CHECKIN_QUESTIONS[2]


def test_the_networks_own_list_add_change_remove_reorder(store: NetworkStore) -> None:
    checkin = CheckInRound(store)
    assert not checkin.changed()
    checkin.add_question("  What  [b]surprised[/b] you?  ")
    assert checkin.questions()[-1] == "What [b]surprised[/b] you?"
    checkin.change_question(0, "What did you try?")
    checkin.remove_question(1)
    checkin.move_question(2, -2)
    assert checkin.questions() == ["What [b]surprised[/b] you?", "What did you try?", DEFAULT_CHECKIN_QUESTIONS[2]]
    with pytest.raises(CheckInRefused):
        checkin.add_question("   ")
    for _ in range(2):
        checkin.remove_question(0)
    with pytest.raises(CheckInRefused):
        checkin.remove_question(0)


def test_the_defaults_are_shown_in_the_readers_language_until_changed(store: NetworkStore) -> None:
    checkin = CheckInRound(store)
    set_language("nl")  # the fixture sets English back after the test
    shown = [question_text(q) for q in checkin.questions()]
    checkin.change_question(1, shown[1])  # opened and kept unchanged: still the default
    assert shown[0] == "Wat heb je sinds de vorige keer in je werk uitgeprobeerd?"
    assert checkin.questions()[1] == DEFAULT_CHECKIN_QUESTIONS[1]


def test_an_answer_is_kept_exactly_once_per_member_and_meeting(store: NetworkStore) -> None:
    (meeting,) = meetings(store, 1)
    ann = store.members.add(Member("Ann"))
    bob = store.members.add(Member("Bob"))
    meeting.attendance = {bob.id or 0: Presence.ABSENT}
    store.meetings.update(meeting)
    checkin = CheckInRound(store)
    assert [m.name for m in checkin.order(meeting)] == ["Ann"]
    long = "[/" + "x" * 10_000 + "[b]"
    checkin.answer(meeting, ann.id or 0, "first")
    checkin.answer(meeting, ann.id or 0, long)
    reopened = NetworkStore.open(store.path)
    (kept,) = reopened.repo(CheckIn).all()
    assert (kept.meeting_id, kept.member_id, kept.answer, kept.question, kept.source) == (
        meeting.id,
        ann.id,
        long,
        DEFAULT_CHECKIN_QUESTIONS[0],
        CheckInSource.CONSOLE,
    )
    assert CheckInRound(reopened).asked(meeting) == DEFAULT_CHECKIN_QUESTIONS[0]
    with pytest.raises(CheckInRefused):
        checkin.answer(meeting, ann.id or 0, "  ")
