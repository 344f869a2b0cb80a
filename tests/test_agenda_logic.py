"""The agenda's logic: editing with undo, the meeting clock over a simulated meeting, the
discussion inside its item, external input as learning forms, closing and the follow-up network."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest
from conftest import FakeClock

from ln_tui.agenda.agenda import Agenda, link_problem, meeting_state, planned_items, rounds_seconds
from ln_tui.agenda.clock import late_text
from ln_tui.agenda.closing import (
    create_follow_up,
    harvest,
    last_suggestions,
    own_learning_forms,
    parse_continuations,
    save_harvest,
    set_own_learning_forms,
)
from ln_tui.agenda.model import AgendaItem, AgendaTemplate, ExternalInput, Harvest, InputKind, ItemKind, MeetingClock
from ln_tui.agenda.status import is_closed, profile_is_draft
from ln_tui.agenda.templates import BUILT_IN, minutes_problem
from ln_tui.discussion.countdown import Countdown
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import Case, DiscussionState, Method, RoundSpec
from ln_tui.evaluation.model import Evaluation
from ln_tui.evaluation.summary import learning_form_label, learning_forms_for, summarize
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.store import NetworkStore

MIN = 60.0


@pytest.fixture
def meeting(store: NetworkStore) -> Meeting:
    store.members.add_many([Member(f"Member {i}") for i in range(5)])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "", "De Linde, Gent"))
    store.set_current_meeting(meeting.id)
    return meeting


def titles(agenda: Agenda) -> list[str]:
    return [i.shown_title for i in agenda.items]


class TestEditing:
    def test_a_new_meeting_starts_from_its_kinds_template_and_saves_it_on_the_first_change(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        assert agenda.from_template
        assert [i.minutes for i in agenda.items] == [t.minutes for t in BUILT_IN[MeetingKind.REGULAR]]
        assert store.repo(AgendaItem).all() == []  # opening writes nothing
        agenda.add(ItemKind.OTHER, "News round", 10)
        assert len(store.repo(AgendaItem).where(meeting_id=meeting.id)) == 7

    def test_add_move_remove_and_change_minutes_each_undo(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        original = titles(agenda)
        agenda.add(ItemKind.OTHER, "News round", 10, after=0)
        assert titles(agenda)[1] == "News round"
        new_place = agenda.move(1, 3)
        assert new_place == 4 and titles(agenda)[4] == "News round"
        removed = agenda.remove(0)
        agenda.change_minutes(0, 5)
        assert agenda.items[0].minutes == 20

        def stored() -> list[str]:
            return [i.shown_title for i in planned_items(store, meeting)]

        assert stored() == titles(agenda)
        assert agenda.undo()  # the time box
        assert agenda.items[0].minutes == 15
        assert agenda.undo()  # the removal: back in its place, with its id
        assert agenda.items[0].title == removed.title and agenda.items[0].id == removed.id
        assert agenda.undo()  # the move
        assert agenda.undo()  # the addition
        assert titles(agenda) == original == stored()
        assert not agenda.undo()

    def test_a_reopened_agenda_reads_what_was_saved(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        agenda.edit(2, ItemKind.CASE, "Two cases", 60)
        again = Agenda(store, meeting, clock)
        assert titles(again) == titles(agenda) and again.items[2].minutes == 60

    def test_a_saved_template_is_the_networks_own(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        agenda.remove(5)
        agenda.save_as_template()
        other = store.meetings.add(Meeting("2026-04-14", MeetingKind.REGULAR))
        assert len(Agenda(store, other, clock).items) == 5
        kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        assert len(Agenda(store, kickoff, clock).items) == len(BUILT_IN[MeetingKind.KICKOFF])

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("0", "at least 1 minute"),
            ("-5", "at least 1 minute"),
            ("1000", "more than ten hours"),
            ("ten", "whole number of minutes"),
        ],
    )
    def test_bad_time_boxes_get_a_clear_message(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock, typed: str, message: str
    ) -> None:
        assert message in (minutes_problem(typed) or "")
        agenda = Agenda(store, meeting, clock)
        if typed.lstrip("-").isdigit():
            with pytest.raises(ValueError):
                agenda.add(ItemKind.OTHER, "x", int(typed))
        assert store.repo(AgendaItem).all() == []

    def test_an_agenda_longer_than_the_meeting_is_kept_and_shown_as_such(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        agenda.add(ItemKind.OTHER, "Extra", 40)
        state = agenda.state()
        assert state.over_length == 40 * MIN
        assert len(planned_items(store, meeting)) == 7


class TestMeetingClock:
    def test_a_simulated_meeting_with_pauses_an_item_run_long_and_a_crash(
        self, network_path: Path, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        boxes = [i.minutes for i in agenda.items]  # 10, 15, 45, 15, 45, 20
        assert agenda.start()
        clock.advance(9 * MIN)
        assert agenda.state().remaining == 1 * MIN
        agenda.next_item()  # the welcome took 9 of 10 minutes: one minute ahead
        assert late_text(agenda.state()) == "1 min ahead"
        clock.advance(5 * MIN)
        agenda.toggle_pause()  # a fire drill: 4 minutes paused
        clock.advance(4 * MIN)
        assert agenda.state().remaining == 10 * MIN and not agenda.state().running
        agenda.toggle_pause()
        clock.advance(10 * MIN)
        assert agenda.tick()  # the bell, once
        assert not agenda.tick()
        agenda.next_item()  # 15 minutes spoken, 4 paused: 3 min late
        assert late_text(agenda.state()) == "3 min late"
        clock.advance(50 * MIN)  # the case discussion runs 5 minutes long...
        state = agenda.state()
        assert state.remaining == -5 * MIN and state.late == 8 * MIN
        store.close()  # ...and the laptop crashes; 2 minutes pass before it is back
        clock.advance(2 * MIN)
        reopened = NetworkStore.open(network_path)
        again = Agenda(reopened, meeting, clock)
        state = again.state()
        assert state.item is not None and state.item.kind is ItemKind.CASE
        assert state.remaining == -7 * MIN and state.late == 10 * MIN
        assert not again.tick()  # the bell rang before the crash
        again.next_item()
        clock.advance(15 * MIN)
        again.next_item()
        clock.advance(45 * MIN)
        again.next_item()
        clock.advance(20 * MIN)
        assert again.next_item() is None  # the last item done: the meeting is over
        state = again.state()
        assert state.ended and state.late == 10 * MIN
        record = reopened.repo(MeetingClock).all()[0]
        assert [round(run.seconds / MIN) for run in record.runs] == [9, 15, 52, 15, 45, 20]
        assert [round(run.box / MIN) for run in record.runs] == boxes
        reopened.close()

    def test_present_reads_the_same_state_from_the_file(
        self, network_path: Path, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        agenda.start()
        clock.advance(12.5 * MIN)
        agenda.extend()
        with NetworkStore.open(network_path, read_only=True) as other:
            state = meeting_state(other, clock())
        assert state is not None and state == agenda.state()
        assert state.remaining == -1.5 * MIN and state.next_item is not None
        clock.advance(MIN)
        agenda.end()
        with NetworkStore.open(network_path, read_only=True) as other:
            ended = meeting_state(other, clock() + 3600)
        assert ended is not None and ended.ended and ended.item is None and ended.elapsed == 13.5 * MIN
        assert [round(r.seconds) for r in agenda.record.runs] == [13.5 * MIN]

    def test_the_running_items_time_box_follows_an_edit(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        agenda = Agenda(store, meeting, clock)
        agenda.start()
        clock.advance(8 * MIN)
        agenda.change_minutes(0, 5)
        assert agenda.state().remaining == 7 * MIN

    def test_lateness_counts_from_the_planned_start(self, store: NetworkStore, clock: FakeClock) -> None:
        start = datetime.datetime(2026, 3, 3, 13, 30)
        meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
        clock.now = start.timestamp() + 12 * MIN  # twelve minutes late
        agenda = Agenda(store, meeting, clock)
        agenda.start()
        assert late_text(agenda.state()) == "12 min late"
        assert agenda.state().forecast_end == start.timestamp() + 162 * MIN


class TestDiscussionInsideItsItem:
    def test_the_rounds_add_up_against_the_box_and_the_discussion_shows(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        members = store.members.all()
        case = store.repo(Case).add(
            Case(meeting.id, "Friday discharge", members[0].id, method_name=INCIDENT, rounds=preset(INCIDENT).rounds)
        )
        order = [m.id or 0 for m in members]
        # Incident: 5+10+5 whole, 2 min x 4 questioners, 10, 1.5 min x 4 advisers, 10 = 54 min
        assert rounds_seconds(case, order) == 54 * MIN
        agenda = Agenda(store, meeting, clock)
        fits = agenda.cases()
        assert list(fits) == [2] and fits[2].case.id == case.id and fits[2].box_seconds == 45 * MIN
        assert agenda.discussion(case) is None
        countdown = Countdown(clock, 120, running=True)
        clock.advance(30)
        state = DiscussionState(case.id or 0, order, round_index=3, clock=countdown.saved(clock()))
        store.repo(DiscussionState).add(state)
        clock.advance(20)
        progress = agenda.discussion(case)
        assert progress is not None and progress.round_number == 4 and progress.remaining == 70


class TestExternalInput:
    def test_kinds_used_become_learning_forms_of_that_meetings_evaluation(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock
    ) -> None:
        earlier = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        agenda = Agenda(store, meeting, clock)
        agenda.set_external(4, ExternalInput(InputKind.GUEST_SPEAKER, "An Peeters", "UZ Gent", "Discharge"))
        set_own_learning_forms(store, ["intervisie in trio's", " ", "werkbezoek"])
        keys = learning_forms_for(store, meeting)
        assert keys[-3:] == ["input:guest_speaker", "own:intervisie in trio's", "own:werkbezoek"]
        assert "input:guest_speaker" not in learning_forms_for(store, earlier)
        assert learning_form_label("input:guest_speaker") == "Guest speaker"
        form = Evaluation(meeting.id, draft=False, learning_forms={"input:guest_speaker": 5, "own:werkbezoek": 4})
        ranked = summarize(meeting, [form], keys, minimum=1).learning_forms
        assert [(r.label, r.answers.average) for r in ranked] == [("Guest speaker", 5.0), ("werkbezoek", 4.0)]

    @pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", " JavaScript:x", "data:text/html,x"])
    def test_dangerous_links_are_refused(
        self, store: NetworkStore, meeting: Meeting, clock: FakeClock, link: str
    ) -> None:
        assert link_problem(link)
        agenda = Agenda(store, meeting, clock)
        with pytest.raises(ValueError):
            agenda.set_external(4, ExternalInput(links=[link]))
        assert store.repo(AgendaItem).all() == []

    def test_web_and_mail_links_are_kept(self) -> None:
        assert link_problem("https://example.org/a?b=c") is None
        assert link_problem("mailto:an@example.org") is None


class TestClosing:
    def test_the_harvest_closes_the_network(self, store: NetworkStore) -> None:
        assert not is_closed(store)
        record = Harvest("insight", "practice", [], closed=True)
        save_harvest(store, record, today=datetime.date(2026, 5, 26))
        assert is_closed(store) and harvest(store).closed_on == "2026-05-26"

    def test_continuations_are_read_from_lines(self) -> None:
        assert parse_continuations("Trio's — Lotte\n\nDraaiboek: Karim\nNo one yet") == [
            ("Trio's", "Lotte"),
            ("Draaiboek", "Karim"),
            ("No one yet", ""),
        ]

    def test_a_follow_up_network_copies_what_it_should(self, demo_store: NetworkStore, tmp_path: Path) -> None:
        demo_store.repo(Method).add(Method("Our method", [RoundSpec("Round", 60)]))
        demo_store.repo(AgendaTemplate).add(
            AgendaTemplate(MeetingKind.REGULAR, [copy.deepcopy(BUILT_IN[MeetingKind.REGULAR][0])])
        )
        suggestions = last_suggestions(demo_store)
        assert suggestions
        path = tmp_path / "follow-up.json"
        copied = create_follow_up(path, demo_store)
        assert copied.members == len(demo_store.members)
        with NetworkStore.open(path) as new:
            assert new.profile().name == demo_store.profile().name
            assert profile_is_draft(new)
            assert [m.name for m in new.members.all()] == [m.name for m in demo_store.members.all()]
            assert new.setting("unconfirmed_members") == [m.id for m in new.members.all()]
            assert [m.name for m in new.repo(Method).all()] == ["Our method"]
            assert len(new.repo(AgendaTemplate).all()) == 1
            assert own_learning_forms(new) == own_learning_forms(demo_store) != []
            assert len(new.meetings) == 0 and new.repo(Case).all() == []
            note = new.notes.all()[-1]  # after what was left open (tests/test_follow_up_network.py)
            assert all(s in note.text for s in suggestions)
            profile = new.profile()
            profile.topic = "A new topic"
            new.save_profile(profile)
            assert not profile_is_draft(new)

    def test_a_follow_up_network_never_overwrites(self, demo_store: NetworkStore, tmp_path: Path) -> None:
        path = tmp_path / "taken.json"
        path.write_bytes(b"someone's file")
        with pytest.raises(FileExistsError):
            create_follow_up(path, demo_store)
        assert path.read_bytes() == b"someone's file"
