"""The member's thread (t on the roster), the goals' review at the close (l on the evaluation home)
and the goal in the member form, by keyboard; what the room sees of the goals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from conftest import notified
from textual.widgets import Input, Static

from ln_tui.app import LnApp
from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.present.view import EvaluationRoom, RoomChoice, show_to_room, what_the_room_sees
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.roster.forms import MemberForm
from ln_tui.screens.thread.review import GoalReviewScreen
from ln_tui.screens.thread.screen import ThreadScreen
from ln_tui.store import NetworkStore
from ln_tui.thread.model import CheckIn, GoalOutcome, GoalReview

AppFactory = Callable[..., LnApp]


def screen_text(app: LnApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def to_jan() -> list[str]:
    """Keys on the roster that select Jan Peeters: filter, Enter to the table."""
    return ["slash", *"Jan Pee", "enter"]


class TestTheThread:
    async def test_one_key_from_the_roster_at_80x24(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*to_jan(), "t")
            assert isinstance(app.screen, ThreadScreen)
            text = screen_text(app)
            assert "Hoe anderen mantelzorgers" in text and "From their introduction at the kickoff." in text
            assert text.count("Bijeenkomst 2 (2026-03-03)") >= 2  # a check-in and his case
            assert "Twee mantelzorgers betrokken" in text  # the third check-in
            assert "Organiseer een overleg thuis" in text  # advice received
            assert "Reached (at Slotbijeenkomst (2026-05-26))" in text
            await pilot.press("escape")
            assert app.screen.id == "roster-screen"

    async def test_from_the_palette_in_dutch_and_f9_on_the_thread(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f9", *to_jan(), "ctrl+p", *"leerlijn")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ThreadScreen)
            assert "Leerlijn van Jan Peeters" in str(app.screen.query_one("#thread-title").render())
            await pilot.press("f9")  # English again: built again, the same member
            await pilot.pause()
            assert "Learning thread of Jan Peeters" in str(app.screen.query_one("#thread-title").render())

    async def test_edit_the_goal_and_write_the_take_home(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*to_jan(), "t", "g", "ctrl+u", *"Mantelzorgers [b]echt[/b] betrekken", "enter")
            assert isinstance(app.screen, ThreadScreen)
            [jan] = demo_store.members.where(name="Jan Peeters")
            assert jan.learning_goal == "Mantelzorgers [b]echt[/b] betrekken"  # kept exactly, never markup
            assert "In their own words." in screen_text(app)
            await pilot.press("h")
            stem = demo_store.path.stem
            for suffix in ("md", "html"):
                written = demo_store.path.with_name(f"{stem}-take-home-jan-peeters.{suffix}")
                assert "Mantelzorgers" in written.read_text(encoding="utf-8")
            assert any("Take-home written" in n for n in notified(app))

    async def test_another_seats_check_in_reaches_the_open_thread(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*to_jan(), "t")
            other = NetworkStore.open(demo_store.path)
            try:
                [jan] = other.members.where(name="Jan Peeters")
                other.repo(CheckIn).add(
                    CheckIn(
                        other.current_meeting.id if other.current_meeting else None,
                        jan.id or 0,
                        "Q?",
                        "Sent from another seat",
                    )
                )
            finally:
                other.close()
            app.follow_file()
            await pilot.pause()
            assert "Sent from another seat" in screen_text(app)

    async def test_the_goal_in_the_member_form(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press(*to_jan(), "e")
            assert isinstance(app.screen, MemberForm)
            field = app.screen.query_one("#field-learning_goal", Input)
            assert field.value == "Hoe anderen mantelzorgers **echt** betrekken."  # the kickoff's words
            field.focus()
            await pilot.press("ctrl+u", *"Lead a family meeting", "enter")
            [jan] = demo_store.members.where(name="Jan Peeters")
            assert jan.learning_goal == "Lead a family meeting"


class TestTheReviewAtTheClose:
    async def test_each_members_goal_by_keyboard(self, store: NetworkStore, make_app: AppFactory) -> None:
        ann, bart, claire = store.members.add_many(
            [Member("Ann", learning_goal="Lead a meeting"), Member("Bart", learning_goal="Say no"), Member("Claire")]
        )
        closing = store.meetings.add(
            Meeting(
                "2026-05-26", MeetingKind.CLOSING, attendance={c.id or 0: Presence.PRESENT for c in (ann, bart, claire)}
            )
        )
        store.set_current_meeting(closing.id)
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            assert isinstance(app.screen, GoalReviewScreen)
            await pilot.press("1", "2")  # Ann reached, Bart partly (the cursor goes down)
            await pilot.press("up", "r", *"Twice a week", "enter")
            await pilot.press("down", "3")  # Claire has no goal: nothing to review yet
            assert len(store.repo(GoalReview)) == 2
            await pilot.press("g", *"Ask for help", "enter", "3")  # a goal written here, then reviewed
            reviews: dict[int | None, GoalReview] = {r.member_id: r for r in store.repo(GoalReview).all()}
            assert (reviews[ann.id].outcome, reviews[ann.id].goal) == (GoalOutcome.REACHED, "Lead a meeting")
            assert (reviews[bart.id].outcome, reviews[bart.id].remark) == (GoalOutcome.PARTLY, "Twice a week")
            assert (reviews[claire.id].outcome, reviews[claire.id].goal) == (GoalOutcome.NOT, "Ask for help")
            assert all(r.meeting_id == closing.id for r in reviews.values())
            await pilot.press("escape", "s")  # the summary: goals and outcomes, no names
            text = screen_text(app)
            assert "Lead a meeting" in text and "Ask for help" in text
            assert "Ann" not in text and "Bart" not in text and "Claire" not in text

    async def test_on_the_members_own_form(self, store: NetworkStore, make_app: AppFactory) -> None:
        ann = store.members.add(Member("Ann", learning_goal="Lead a meeting"))
        closing = store.meetings.add(
            Meeting("2026-05-26", MeetingKind.CLOSING, attendance={ann.id or 0: Presence.PRESENT})
        )
        store.set_current_meeting(closing.id)
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")  # Ann's form
            assert isinstance(app.screen, EvaluationFormScreen)
            assert "Lead a meeting" in screen_text(app)
            app.screen.query_one("#goal-remark").focus()
            await pilot.press(*"With help", "shift+tab", "2")  # the remark first, then partly
            [review] = store.repo(GoalReview).all()
            assert (review.member_id, review.meeting_id, review.goal) == (ann.id, closing.id, "Lead a meeting")
            assert (review.outcome, review.remark) == (GoalOutcome.PARTLY, "With help")
            await pilot.press("tab", "end", *", twice")
            assert store.repo(GoalReview).all()[0].remark == "With help, twice"

    def test_the_room_sees_no_count_below_three_and_never_a_name(self, store: NetworkStore) -> None:
        members = store.members.add_many([Member(n, learning_goal=f"Goal of {n}") for n in ("Ann", "Bart", "Claire")])
        closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        show_to_room(store, RoomChoice.EVALUATION, meeting_id=closing.id)
        for n, member in enumerate(members):
            store.repo(GoalReview).add(
                GoalReview(closing.id, member.id or 0, member.learning_goal, GoalOutcome.REACHED)
            )
            room = what_the_room_sees(store, datetime(2026, 5, 26, 15))
            assert isinstance(room, EvaluationRoom)
            assert "Goal of" not in room.markdown and "Ann" not in room.markdown
            if n < 2:
                assert "Reached:" not in room.markdown
                assert "the counts are shown from 3 on" in room.markdown
            else:
                assert "Reached: 3 · partly: 0 · not reached: 0" in room.markdown


def test_the_thread_screen_at_80x24(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    assert snap_compare(make_app(demo_store, screen="roster"), press=[*to_jan(), "t"], terminal_size=(80, 24))


def test_the_goals_review_at_80x24(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    closing = next(m for m in demo_store.meetings.all() if m.kind is MeetingKind.CLOSING)
    demo_store.set_current_meeting(closing.id)
    assert snap_compare(make_app(demo_store, screen="evaluation"), press=["l"], terminal_size=(80, 24))


def test_the_goal_on_the_members_own_form_at_80x24(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory
) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("enter")  # An Wouters, whose goal was reviewed at the close
        pilot.app.screen.query_one("#goal-remark").focus()  # the end of the form

    assert snap_compare(make_app(demo_store, screen="evaluation"), terminal_size=(80, 24), run_before=run_before)
