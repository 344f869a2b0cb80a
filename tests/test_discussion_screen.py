"""The discussion home, driven by keyboard only, with the fake clock moved by hand."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from conftest import FakeClock, notified
from textual.widgets import Digits, Input, OptionList, Select

from ln_tui.app import LnApp
from ln_tui.discussion.methods import INCIDENT, preset
from ln_tui.discussion.model import (
    BringerPart,
    Case,
    DiscussionState,
    ExternalInput,
    Method,
    RoundSpec,
    Speakers,
    TimeBox,
    Turn,
)
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.markdown_safe import safe_markdown_it
from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.screens.dialogs import TextDialog
from ln_tui.screens.discussion.forms import CaseForm, RoundForm
from ln_tui.screens.discussion.methods import MethodEditor, MethodsDialog
from ln_tui.screens.discussion.screen import DiscussionScreen
from ln_tui.screens.discussion.views import FairnessView, FollowUpView
from ln_tui.screens.widgets.markdown import SafeMarkdown
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
HOSTILE = "[@click=app.quit]Ann[/]"
SIZE = (120, 36)

QUESTIONS = RoundSpec(
    "Questions", 60, TimeBox.PER_SPEAKER, Speakers.ALL_BUT_BRINGER, 2, "Facts only.", bringer=BringerPart.ANSWERS
)
ADVICE = RoundSpec("Advice", 90, TimeBox.PER_SPEAKER, Speakers.EVERYONE, advice=True)


@pytest.fixture
def make_app(make_app: AppFactory, clock: FakeClock) -> AppFactory:
    """The app's wall clock is the fake clock too."""
    return functools.partial(make_app, wall_clock=clock)


def people(store: NetworkStore, *names: str) -> list[Member]:
    return store.members.add_many([Member(n) for n in names or ("Ann", "Bart", "Claire")])


def meeting_with_case(
    store: NetworkStore, *rounds: RoundSpec, names: tuple[str, ...] = ()
) -> tuple[list[Member], Meeting, Case]:
    members = people(store, *names)
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    case = store.repo(Case).add(
        Case(meeting.id, "Mr De Vos", members[1].id, "What now?", "", "Own", list(rounds or (QUESTIONS, ADVICE)))
    )
    return members, meeting, case


def digits(app: LnApp) -> str:
    return app.screen.query_one(Digits).value


def line(app: LnApp, id: str) -> str:
    return str(app.screen.query_one(f"#{id}").render())


def order_names(app: LnApp) -> list[str]:
    order = app.screen.query_one("#order-list", OptionList)
    return [str(order.get_option_at_index(i).prompt).strip(" ▶") for i in range(order.option_count)]


async def tick(app: LnApp, pilot, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen = app.screen
    assert isinstance(screen, DiscussionScreen)
    screen.tick()
    await pilot.pause()


class TestTheClockKeys:
    async def test_space_starts_and_pauses_the_turn(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            assert digits(app) == "1:00" and "Now: Ann" in line(app, "speaker-line")
            await tick(app, pilot, clock, 10)
            assert digits(app) == "1:00", "a new turn waits for space"
            await pilot.press("space")
            await tick(app, pilot, clock, 15.5)
            assert digits(app) == "0:45"
            await pilot.press("space")
            await tick(app, pilot, clock, 100)
            assert digits(app) == "0:45"
            assert app.screen.query_one("#countdown").has_class("-paused")
            state = store.repo(DiscussionState).all()[0]
            assert not state.clock.running and state.clock.elapsed == pytest.approx(15.5)

    async def test_next_speaker_stores_the_turn_with_the_time_spoken(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        members, _meeting, case = meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 42)
            await pilot.press("n")
            turns = store.repo(Turn).all()
            assert [(t.speaker_id, t.spoken, t.case_id) for t in turns] == [(members[0].id, 42, case.id)]
            assert "Now: Claire" in line(app, "speaker-line")
            assert digits(app) == "1:00"
            await tick(app, pilot, clock, 1)
            assert digits(app) == "0:59", "the next turn runs at once"

    async def test_skip_restart_and_add_a_minute(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 50)
            await pilot.press("plus")
            await pilot.pause()
            assert digits(app) == "1:10"
            await pilot.press("m")
            await pilot.pause()
            assert digits(app) == "2:10"
            await pilot.press("r")
            await pilot.pause()
            assert digits(app) == "1:00"
            await pilot.press("s")
            turn = store.repo(Turn).all()[0]
            assert turn.skipped and "Now: Claire" in line(app, "speaker-line")

    async def test_next_round_and_the_end_of_the_discussion(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            assert "Round 1 of 2: Questions" in line(app, "round-line")
            assert "Bart, the case-bringer, answers the questions" in line(app, "bringer-line")
            assert "at most 2 questions each" in line(app, "round-line")
            await pilot.press("N")
            assert "Round 2 of 2: Advice" in line(app, "round-line") and line(app, "bringer-line") == ""
            await pilot.press("N")
            assert "the discussion is over" in line(app, "round-line")
            assert store.repo(DiscussionState).all()[0].finished
            await pilot.press("n")
            assert "This case is done" in " ".join(notified(app))

    async def test_amber_red_overtime_and_one_bell(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        bells = []
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            countdown = app.screen.query_one("#countdown")
            await pilot.press("space")
            await tick(app, pilot, clock, 20)
            assert countdown.has_class("-green")
            await tick(app, pilot, clock, 15)
            assert countdown.has_class("-amber") and not countdown.has_class("-green")
            await tick(app, pilot, clock, 25)
            assert countdown.has_class("-red") and digits(app) == "0:00" and bells == [1]
            await tick(app, pilot, clock, 42)
            assert countdown.has_class("-overtime") and digits(app) == "+0:42" and bells == [1]
            await pilot.press("n")
            await tick(app, pilot, clock, 61)
            assert bells == [1, 1]

    async def test_thresholds_can_be_changed(self, store: NetworkStore, make_app: AppFactory, clock: FakeClock) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 15)
            assert app.screen.query_one("#countdown").has_class("-green")
            await pilot.press("T", "ctrl+a", "ctrl+k", *"50", "tab", "ctrl+a", "ctrl+k", *"60", "enter")
            assert "Red comes after amber" in str(app.screen.query_one("#error-red").render())
            await pilot.press("ctrl+a", "ctrl+k", "5", "enter")
            await pilot.pause()
            assert store.setting("discussion_thresholds") == {"amber_at": 50.0, "red_at": 5.0}
            assert app.screen.query_one("#countdown").has_class("-amber")


class TestLanguage:
    async def test_f9_shows_the_running_discussion_in_dutch(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 20)
            await pilot.press("f9")
            await pilot.pause()
            assert "Nu: Ann" in line(app, "speaker-line") and "Ronde 1 van 2" in line(app, "round-line")
            assert digits(app) == "0:40"
            await tick(app, pilot, clock, 10)
            assert digits(app) == "0:30"


class TestRestart:
    async def test_after_a_restart_the_same_speaker_has_the_right_time_left(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space", "n")
            await tick(app, pilot, clock, 20)
        clock.advance(5)  # the app was down for five seconds; the group went on talking
        again = make_app(store, screen="discussion")
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Now: Claire" in line(again, "speaker-line")
            assert digits(again) == "0:35"
            await tick(again, pilot, clock, 5)
            assert digits(again) == "0:30"


class TestSpeakingOrder:
    async def test_absent_members_are_not_in_the_order(self, store: NetworkStore, make_app: AppFactory) -> None:
        members, meeting, _case = meeting_with_case(store)
        meeting.attendance[members[2].id or 0] = Presence.ABSENT
        store.meetings.update(meeting)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE):
            assert order_names(app) == ["Ann", "Bart (case-bringer)"]

    async def test_shuffle_and_move_by_hand(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting_with_case(store, ADVICE, names=("Ann", "Bart", "Claire", "Dirk"))
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("h")
            shuffled = store.repo(DiscussionState).all()[0].order
            assert sorted(shuffled) == [1, 2, 3, 4] and shuffled != [1, 2, 3, 4]
            app.screen.query_one("#order-list").focus()
            await pilot.press("home", "right_square_bracket")
            names = order_names(app)
            state = store.repo(DiscussionState).all()[0]
            assert state.order[1] == shuffled[0] and names[1].startswith(store.members.get(shuffled[0]).name)  # type: ignore[union-attr]  # a member of the order
            await pilot.press("left_square_bracket")
            assert store.repo(DiscussionState).all()[0].order == shuffled

    async def test_a_member_taken_out_of_the_order_while_speaking(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        members, *_ = meeting_with_case(store, ADVICE)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 30)
            app.screen.query_one("#order-list").focus()
            await pilot.press("home", "delete")
            assert [(t.speaker_id, t.spoken) for t in store.repo(Turn).all()] == [(members[0].id, 30)]
            assert "Now: Bart" in line(app, "speaker-line") and "Ann" not in " ".join(order_names(app))
            await tick(app, pilot, clock, 10)
            assert digits(app) == "1:20"

    async def test_a_member_marked_absent_elsewhere_leaves_the_order(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        members, meeting, _case = meeting_with_case(store, ADVICE)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 10)
            meeting.attendance[members[0].id or 0] = Presence.ABSENT
            store.meetings.update(meeting)
            store.members.remove(members[2].id or 0)
            await pilot.press("f3")
            await pilot.press("f5")
            await pilot.pause()
            assert order_names(app) == ["Bart (case-bringer)"]
            assert "Now: Bart" in line(app, "speaker-line")
            await tick(app, pilot, clock, 10)
            assert digits(app) == "1:20"


class TestCases:
    async def test_a_case_is_brought_in_by_keyboard(self, store: NetworkStore, make_app: AppFactory) -> None:
        people(store)
        meeting = store.meetings.add(Meeting("2026-03-03"))
        store.set_current_meeting(meeting.id)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            assert "press c to bring in a case" in line(app, "speaker-line")
            await pilot.press("c", "enter")
            form = app.screen
            assert isinstance(form, CaseForm)
            assert "A case needs a title." in str(form.query_one("#error-title").render())
            await pilot.press(*"Mr De Vos", "enter")
            assert "case-bringer" in str(form.query_one("#error-bringer").render())
            assert form.focused is form.query_one("#field-bringer")
            await pilot.press("enter", "down", "enter", "tab", *"What now?", "enter")
            await pilot.pause()
            assert isinstance(app.screen, DiscussionScreen)
            (case,) = store.repo(Case).all()
            assert (case.title, case.question, case.method_name) == ("Mr De Vos", "What now?", INCIDENT)
            assert case.bringer_id is not None and len(case.rounds) == 7
            assert "Round 1 of 7" in line(app, "round-line")
            assert "Not yet brought a case" in line(app, "case-bringers")

    async def test_a_meeting_with_nobody_present_gets_a_clear_answer(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        (ann,) = people(store, "Ann")
        meeting = store.meetings.add(Meeting("2026-03-03", attendance={ann.id or 0: Presence.EXCUSED}))
        store.set_current_meeting(meeting.id)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            assert isinstance(app.screen, DiscussionScreen)
            assert any("Nobody is present" in message for message in notified(app))

    async def test_without_a_meeting_the_screen_says_what_to_do(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            assert "Plan a meeting first" in line(app, "speaker-line")
            await pilot.press("space", "n", "x")
            assert isinstance(app.screen, DiscussionScreen)

    async def test_editing_a_case_keeps_its_method_once_started(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space", "e")
            form = app.screen
            assert isinstance(form, CaseForm) and form.query_one("#field-method").disabled
            await pilot.press("end", *" (2)", "enter")
            await pilot.pause()
            (case,) = store.repo(Case).all()
            assert case.title == "Mr De Vos (2)" and case.rounds == [QUESTIONS, ADVICE]

    async def test_hostile_names_and_titles_are_shown_literally(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        members = people(store, HOSTILE, "[b]Bart")
        meeting = store.meetings.add(Meeting("2026-03-03"))
        store.set_current_meeting(meeting.id)
        store.repo(Case).add(
            Case(
                meeting.id,
                "[/",
                members[1].id,
                "[link=javascript:x]y[/]",
                "<b>raw</b> [go](javascript:alert(1))",
                "x",
                [ADVICE],
            )
        )
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            assert f"Now: {HOSTILE}" in line(app, "speaker-line")
            assert "[link=javascript:x]y[/]" in line(app, "case-notes")
            context = app.screen.query_one("#case-context", SafeMarkdown)
            assert context.display and context.source == "<b>raw</b> [go](javascript:alert(1))"
            assert context.parser_factory is safe_markdown_it and not context.open_links
            await pilot.press("space", "n")
            assert app.is_running
            assert "[/ — [b]Bart" in str(app.screen.query_one("#case-list", OptionList).get_option_at_index(0).prompt)


class TestNotesAndInput:
    async def test_a_note_belongs_to_the_turn_and_shows_under_its_round(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        members, meeting, case = meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            dialog = app.screen
            assert isinstance(dialog, TextDialog)
            assert "Note for Ann — round 1 (Questions) — case Mr De Vos" in str(
                dialog.query_one(".dialog-detail").render()
            )
            await pilot.press(*"Ask the GP", "enter")
            await pilot.pause()
            (note,) = store.notes.all()
            assert note.context == {"case_id": case.id, "round": 0, "speaker_id": members[0].id}
            assert note.meeting_id == meeting.id
            notes = line(app, "case-notes")
            assert "Round 1: Questions" in notes and "Ann: Ask the GP" in notes

    async def test_external_input_is_recorded_per_meeting(self, store: NetworkStore, make_app: AppFactory) -> None:
        _members, meeting, _case = meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "enter")
            assert "Write what was brought in." in str(app.screen.query_one("#error-text").render())
            await pilot.press(*"https://example.org", "enter")
            await pilot.pause()
            (entry,) = store.repo(ExternalInput).all()
            assert (entry.meeting_id, entry.text) == (meeting.id, "https://example.org")
            assert "https://example.org" in line(app, "external-input")


class TestViews:
    async def test_projector_view_leaves_round_speaker_and_timer(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            screen = app.screen
            assert screen.has_class("-projector")
            assert not screen.query_one("#discussion-side").display or not screen.query_one("#discussion-side").region
            assert screen.query_one("#big-clock").region.height > 0, "the big projector clock"
            await pilot.press("space")
            assert store.repo(DiscussionState).all()[0].clock.running, "the keys keep working"
            await pilot.press("escape")
            assert not screen.has_class("-projector")

    async def test_fairness_view_shows_time_per_member(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        meeting_with_case(store, ADVICE)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await tick(app, pilot, clock, 80)
            await pilot.press("n")
            await tick(app, pilot, clock, 40)
            await pilot.press("n", "t")
            view = app.screen
            assert isinstance(view, FairnessView)
            text = "\n".join(str(s.render()) for s in view.query("Static"))
            assert "Ann" in text and "1:20" in text and "0:40" in text and "67%" in text and "cases: 1" in text
            await pilot.press("escape")
            assert isinstance(app.screen, DiscussionScreen)

    async def test_follow_up_shows_what_the_previous_meeting_left(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        members = people(store)
        first = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        second = store.meetings.add(Meeting("2026-03-03"))
        store.set_current_meeting(second.id)
        store.repo(BoardItem).add_many(
            [
                BoardItem(first.id, BoardColumn.AGREEMENTS, "We start on time"),
                BoardItem(first.id, BoardColumn.QUESTIONS, "How to share cases?"),
                BoardItem(first.id, BoardColumn.QUESTIONS, "Answered one", status=ItemStatus.ANSWERED),
            ]
        )
        case = store.repo(Case).add(Case(first.id, "Old case", members[0].id, rounds=[QUESTIONS, ADVICE]))
        store.add_note("Call the GP", first.id, {"case_id": case.id or 0, "round": 1})
        store.add_note("Not advice", first.id, {"case_id": case.id or 0, "round": 0})
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            shown = line(app, "case-notes")
            assert "We start on time" in shown and "How to share cases?" in shown
            assert "Old case: Call the GP" in shown and "Answered one" not in shown and "Not advice" not in shown
            await pilot.press("f")
            assert isinstance(app.screen, FollowUpView)


class TestMethods:
    async def test_a_preset_is_copied_edited_and_saved(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("M")
            assert isinstance(app.screen, MethodsDialog)
            await pilot.press("e")
            assert isinstance(app.screen, MethodsDialog), "a preset is not edited in place"
            await pilot.press("c")
            editor = app.screen
            assert isinstance(editor, MethodEditor)
            assert editor.query_one("#method-name", Input).value == "Incident method (own version)"
            await pilot.press("tab", "d", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MethodsDialog)
            (method,) = store.repo(Method).all()
            assert method.name == "Incident method (own version)" and len(method.rounds) == 6

    async def test_a_method_without_rounds_or_with_no_time_is_refused(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting_with_case(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("M", "a", *"Ours", "enter")
            editor = app.screen
            assert isinstance(editor, MethodEditor)
            assert "A method needs at least one round." in str(editor.query_one("#method-problems").render())
            await pilot.press("tab", "a", *"Round one", "tab", "ctrl+a", "ctrl+k", "0", "enter")
            form = app.screen
            assert isinstance(form, RoundForm)
            assert "more than zero" in str(form.query_one("#error-time").render())
            await pilot.press("ctrl+a", "ctrl+k", *"1:30", "enter")
            await pilot.pause()
            assert app.screen is editor
            await pilot.press("ctrl+s")
            await pilot.pause()
            (method,) = store.repo(Method).all()
            assert method.rounds == [RoundSpec("Round one", 90)]
            assert store.repo(Case).all()[0].method_name != "Ours"

    async def test_a_custom_method_is_offered_for_a_new_case(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting_with_case(store)
        store.repo(Method).add(Method("Our round", [RoundSpec("Tell", 120, speakers=Speakers.BRINGER)]))
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            form = app.screen
            assert isinstance(form, CaseForm)
            form.query_one("#field-method", Select).value = "custom:1"  # raises unless it is an option
            await pilot.press(*"New case", "tab", "enter", "down", "enter", "tab", "enter")
            await pilot.pause()
            new = store.repo(Case).all()[-1]
            assert (new.method_name, new.rounds, new.method_preset) == (
                "Our round",
                [RoundSpec("Tell", 120, speakers=Speakers.BRINGER)],
                False,
            )
            assert preset(INCIDENT).rounds != new.rounds
