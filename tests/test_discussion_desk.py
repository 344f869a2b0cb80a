"""The discussion desk without a screen: what is saved on a change of state, and who follows attendance."""

from __future__ import annotations

from conftest import FakeClock

from ln_tui.discussion.desk import Desk
from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Speakers, TimeBox, Turn
from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.store import NetworkStore

QUESTIONS = RoundSpec("Questions", 60, TimeBox.PER_SPEAKER, Speakers.EVERYONE)


def setup(store: NetworkStore) -> tuple[list[Member], Meeting, Case]:
    members = store.members.add_many([Member(n) for n in ("Ann", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
    store.set_current_meeting(meeting.id)
    case = store.repo(Case).add(Case(meeting.id, "Mr De Vos", members[1].id, rounds=[QUESTIONS]))
    return members, meeting, case


def desk_on(store: NetworkStore, clock: FakeClock) -> tuple[Desk, int | None]:
    desk = Desk(store, clock, clock)
    return desk, desk.load(store.current_meeting)


def test_a_case_resumes_where_it_was_left(store: NetworkStore) -> None:
    members, _meeting, case = setup(store)
    clock = FakeClock()
    desk, wanted = desk_on(store, clock)
    assert wanted == case.id
    desk.open_case(wanted)
    assert desk.session is not None
    clock.advance(10)
    desk.changed(desk.session.next_speaker())
    assert [t.speaker_id for t in store.repo(Turn).all()] == [members[0].id]

    again, wanted = desk_on(store, clock)  # the app started again
    again.open_case(wanted)
    assert again.session is not None and again.session.speaker_id == members[1].id
    assert len(store.repo(DiscussionState).all()) == 1


def test_who_left_the_meeting_leaves_the_order_and_a_late_comer_joins_at_the_end(store: NetworkStore) -> None:
    members, meeting, _case = setup(store)
    ann, bart, claire = (m.id or 0 for m in members)
    meeting.attendance = {claire: Presence.ABSENT}
    store.meetings.update(meeting)
    clock = FakeClock()
    desk, wanted = desk_on(store, clock)
    assert desk.open_case(wanted) == []
    assert desk.session is not None and desk.session.state.order == [ann, bart]

    meeting.attendance = {ann: Presence.ABSENT}  # Ann (speaking) went home, Claire came late
    store.meetings.update(meeting)
    desk.load(store.current_meeting)
    assert desk.follow_attendance() == [ann]
    assert desk.session.state.order == [bart, claire]
    assert [t.speaker_id for t in store.repo(Turn).all()] == [ann]  # her open turn is kept
    saved = store.repo(DiscussionState).all()
    assert len(saved) == 1 and saved[0].order == [bart, claire]


def test_nothing_is_written_to_a_read_only_network(store: NetworkStore) -> None:
    setup(store)
    store.close()
    with NetworkStore.open(store.path, read_only=True) as viewer:
        clock = FakeClock()
        desk, wanted = desk_on(viewer, clock)
        desk.open_case(wanted)
        assert desk.session is not None
        desk.changed(desk.session.next_speaker())
        assert viewer.repo(Turn).all() == [] and viewer.repo(DiscussionState).all() == []
