"""The Minutes home by keyboard: notes from every home, kinds, actions, the follow-up, roles,
the preview and the export; what the store holds after each step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Markdown, OptionList

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import QuestionReview, Verdict
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.model import Meeting, MeetingKind, Member, NoteKind, NoteStatus
from ln_tui.screens.discussion.forms import CaseForm
from ln_tui.screens.discussion.views import FollowUpView
from ln_tui.screens.evaluation.questions import QuestionsScreen
from ln_tui.screens.minutes.dialogs import MinutesPreview, RolesForm
from ln_tui.screens.minutes.screen import MinutesScreen
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZE = (80, 24)
HOSTILE = "[@click=app.quit]Ann[/] \x1b[31m \u202eتقرير"


def network(store: NetworkStore) -> list[Meeting]:
    meetings = store.meetings.add_many(
        [Meeting("2026-01-20", MeetingKind.KICKOFF), Meeting("2026-03-03"), Meeting("2026-04-14")]
    )
    store.members.add_many([Member("Ann Peeters"), Member("Bart Claes"), Member("Cas Maes")])
    store.set_current_meeting(meetings[1].id)
    return meetings


def rows(app: LnApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, MinutesScreen)
    return [" | ".join(c.plain for c in row.cells) for row in screen.shown]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


class TestNotesFromEveryHome:
    @pytest.mark.long
    async def test_a_note_on_each_home_reaches_the_minutes_and_both_exports(
        self, store: NetworkStore, make_app: AppFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        network(store)
        app = make_app(store, screen="network")
        homes = {
            "f2": "network",
            "f3": "roster",
            "f4": "kickoff",
            "f5": "discussion",
            "f6": "evaluation",
            "f7": "minutes",
        }
        async with app.run_test(size=SIZE) as pilot:
            for key, home in homes.items():
                await pilot.press(key)
                await pilot.pause()
                await pilot.press("ctrl+n")
                await type_text(pilot, f"note on {home}")
                await pilot.press("enter")
                await pilot.pause()
            assert isinstance(app.screen, MinutesScreen)
            shown = rows(app)
            for home in homes.values():
                assert any(f"note on {home}" in row for row in shown), home
            assert {n.home for n in store.notes.all()} == set(homes.values())
            assert all(n.meeting_id == store.current_meeting.id for n in store.notes.all())  # type: ignore[union-attr]
            await pilot.press("x", "m")
            await pilot.pause()
        written = store.path.with_name("network-minutes-2.md")
        text = written.read_text()
        for home in homes.values():
            assert f"note on {home}" in text
        out = tmp_path / "cli.md"
        assert main(["export", str(store.path), "--meeting", "2", "-o", str(out)]) == 0
        assert out.read_text() == text


class TestKeyboard:
    @pytest.mark.long
    async def test_kind_owner_due_done_delete_undo_and_filter(self, store: NetworkStore, make_app: AppFactory) -> None:
        meetings = network(store)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await type_text(pilot, "Send the checklist")
            await pilot.press("enter")
            await pilot.press("n")
            await type_text(pilot, "Phones on silent")
            await pilot.press("enter")
            await pilot.pause()
            assert len(rows(app)) == 2
            await pilot.press("k")  # the second note becomes a decision
            await pilot.press("up", "k", "k")  # the first an action
            await pilot.press("o")
            await type_text(pilot, "bart")
            await pilot.press("enter")
            await pilot.press("w")
            await type_text(pilot, "3")
            await pilot.press("enter")
            await pilot.pause()
            action, decision = sorted(store.notes.all(), key=lambda n: n.id or 0)
            assert decision.kind is NoteKind.DECISION
            assert action.kind is NoteKind.ACTION and action.owner_name == "Bart Claes"
            assert action.due_meeting_id == meetings[2].id
            assert "Bart Claes" in rows(app)[0]
            await pilot.press("space")
            await pilot.pause()
            done = store.notes.get(action.id or 0)
            assert done is not None and done.status is NoteStatus.DONE and done.done_meeting_id == meetings[1].id
            await pilot.press("o")
            await type_text(pilot, "zz")
            await pilot.press("enter")
            await pilot.pause()
            assert store.notes.get(action.id or 0).owner_name == "Bart Claes"  # type: ignore[union-attr]
            await pilot.press("slash")
            await type_text(pilot, "phones")
            await pilot.pause()
            assert len(rows(app)) == 1 and "Phones on silent" in rows(app)[0]
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert len(rows(app)) == 2
            await pilot.press("down", "d", "y")
            await pilot.pause()
            assert store.notes.get(decision.id or 0) is None and len(rows(app)) == 1
            await pilot.press("u")
            await pilot.pause()
            assert store.notes.get(decision.id or 0) is not None and len(rows(app)) == 2
            await pilot.press("enter", "ctrl+u")  # Enter edits, as e does
            await type_text(pilot, "Phones off")
            await pilot.press("enter")
            await pilot.pause()
            assert store.notes.get(decision.id or 0).text == "Phones off"  # type: ignore[union-attr]

    async def test_hostile_text_is_shown_literally(self, store: NetworkStore, make_app: AppFactory) -> None:
        meetings = network(store)
        store.add_note(HOSTILE + "x" * 10_000, meetings[1].id)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.is_running
            screen = app.screen
            assert isinstance(screen, MinutesScreen)
            detail = str(screen.query_one("#minutes-detail").render())
            assert "[@click=app.quit]Ann[/]" in detail and "\\x1b" in detail and "\x1b" not in detail

    async def test_other_meetings_through_the_picker(self, store: NetworkStore, make_app: AppFactory) -> None:
        meetings = network(store)
        store.add_note("At the kickoff", meetings[0].id)
        store.add_note("At the second", meetings[1].id)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert ["At the second" in r for r in rows(app)] == [True]
            await pilot.press("m", "home", "enter")
            await pilot.pause()
            assert ["At the kickoff" in r for r in rows(app)] == [True]
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert ["At the second" in r for r in rows(app)] == [True]


class TestCarriedForward:
    async def test_an_action_carried_over_two_meetings_then_done_in_the_follow_up(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        kickoff, _second, third = network(store)
        note = store.add_note("Send the checklist", kickoff.id)
        note.kind = NoteKind.ACTION
        store.notes.update(note)
        store.repo(BoardItem).add(BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Which tools?"))
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f")
            await pilot.pause()
            assert [r.split(" | ")[2] for r in rows(app)] == ["Send the checklist", "Which tools?"]
            await pilot.press("right_square_bracket")  # the third meeting: still open
            await pilot.pause()
            assert "open" in rows(app)[0]
            await pilot.press("space")
            await pilot.pause()
            done = store.notes.get(note.id or 0)
            assert done is not None and done.status is NoteStatus.DONE and done.done_meeting_id == third.id
            assert "done at this meeting" in rows(app)[0]
            await pilot.press("down", "space")
            await pilot.pause()
            item = store.repo(BoardItem).all()[0]
            assert item.status is ItemStatus.ANSWERED

    async def test_the_discussion_follow_up_marks_an_action_done(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        kickoff, second, _third = network(store)
        note = store.add_note("Book the room", kickoff.id)
        note.kind = NoteKind.ACTION
        store.notes.update(note)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, FollowUpView)
            assert "Book the room" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
            await pilot.press("space")
            await pilot.pause()
            done = store.notes.get(note.id or 0)
            assert done is not None and done.status is NoteStatus.DONE and done.done_meeting_id == second.id

    async def test_the_case_bringer_tells_what_they_did(self, store: NetworkStore, make_app: AppFactory) -> None:
        _kickoff, second, third = network(store)
        store.repo(Case).add(Case(second.id, "Mr De Vos", 1))
        store.set_current_meeting(third.id)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f", "space")
            await type_text(pilot, "Talked to his son")
            await pilot.press("enter")
            await pilot.pause()
            assert "Talked to his son" in rows(app)[0]
        from ln_tui.minutes.model import AdviceOutcome

        (told,) = store.repo(AdviceOutcome).all()
        assert told.text == "Talked to his son" and told.meeting_id == third.id


class TestRoles:
    async def test_roles_set_by_typing_names_show_in_header_and_minutes(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        _kickoff, second, _third = network(store)
        app = make_app(store, screen="minutes")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("r")
            assert isinstance(app.screen, RolesForm)
            await type_text(pilot, "ann")
            await pilot.press("tab")
            await type_text(pilot, "xyz")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RolesForm)  # nobody matches: the form stays, nothing saved
            assert store.meetings.get(second.id or 0).chair_id is None  # type: ignore[union-attr]
            await pilot.press("ctrl+u")
            await type_text(pilot, "bart")
            await pilot.press("tab")
            await type_text(pilot, "cas")
            await pilot.press("tab")
            await type_text(pilot, "bart, ann")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MinutesScreen)
            saved = store.meetings.get(second.id or 0)
            assert saved is not None
            names = {m.id: m.name for m in store.members.all()}
            assert [names[saved.chair_id], names[saved.timekeeper_id], names[saved.minute_taker_id]] == [
                "Ann Peeters",
                "Bart Claes",
                "Cas Maes",
            ]
            assert [names[i] for i in saved.case_bringer_ids] == ["Bart Claes", "Ann Peeters"]
            assert "chair Ann Peeters" in app.sub_title
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, MinutesPreview)
            assert "Chair: Ann Peeters" in app.screen.markdown
            assert app.screen.query_one(Markdown)
            await pilot.press("escape", "f5", "c")
            await pilot.pause()
            assert isinstance(app.screen, CaseForm)
            assert app.screen.planned == saved.case_bringer_ids


class TestRolesOnTheNetworkHome:
    async def test_o_on_a_planned_meeting_sets_its_roles(self, store: NetworkStore, make_app: AppFactory) -> None:
        kickoff, *_rest = network(store)
        app = make_app(store, screen="network")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("ctrl+t", "home", "o")
            await pilot.pause()
            assert isinstance(app.screen, RolesForm)
            await type_text(pilot, "cas")
            await pilot.press("enter")
            await pilot.pause()
        saved = store.meetings.get(kickoff.id or 0)
        assert saved is not None and store.members.get(saved.chair_id or 0).name == "Cas Maes"  # type: ignore[union-attr]


class TestQuestionReview:
    async def test_questions_marked_by_keyboard(self, store: NetworkStore, make_app: AppFactory) -> None:
        kickoff, *_rest = network(store)
        closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        store.set_current_meeting(closing.id)
        first, second = store.repo(BoardItem).add_many(
            [
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "How often?"),
                BoardItem(kickoff.id, BoardColumn.QUESTIONS, "Which tools?", status=ItemStatus.PARKED),
            ]
        )
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, QuestionsScreen)
            await pilot.press("1", "p", "r")
            await type_text(pilot, "later")
            await pilot.press("enter")
            await pilot.pause()
        reviews = {r.item_id: r for r in store.repo(QuestionReview).all()}
        assert reviews[first.id or 0].verdict is Verdict.MET
        assert reviews[second.id or 0].verdict is Verdict.PARTLY and reviews[second.id or 0].remark == "later"
        assert reviews[first.id or 0].meeting_id == closing.id


class TestDutch:
    async def test_f9_shows_the_minutes_in_dutch_with_the_same_notes(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            before = len(rows(app))
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MinutesScreen)
            heading = str(screen.query_one("#minutes-heading").render())
            assert heading.startswith("Notities, beslissingen en acties van Bijeenkomst 2")
            assert len(rows(app)) == before and any("beslissing" in r for r in rows(app))
            await pilot.press("f9")
