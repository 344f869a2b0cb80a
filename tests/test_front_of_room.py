"""Issue 12, in front of the room: each item driven by keyboard at 80x24 (and 120x36 where it is about
size), checking what the screen shows and what the store holds. Undo in the timed rounds (item 4) is in
test_discussion_undo.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import FakeClock
from conftest import notified as notified_messages
from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widgets import Checkbox, DataTable, Input, Label, OptionList, Static, TextArea

from ln_tui.app import LnApp
from ln_tui.discussion.model import Case, DiscussionState, Method, RoundSpec, TurnClock
from ln_tui.evaluation.model import Evaluation
from ln_tui.homes import HOMES, Home
from ln_tui.i18n import set_language
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.report import PRINT_CSS, minutes_markdown, to_html
from ln_tui.screens.base import HomeBar
from ln_tui.screens.dialogs import ConfirmDialog, HelpDialog, TextDialog
from ln_tui.screens.discussion.forms import CaseForm
from ln_tui.screens.discussion.methods import MethodEditor, MethodsDialog
from ln_tui.screens.discussion.screen import DiscussionScreen, follow_up_lines
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.evaluation.screen import EvaluationScreen
from ln_tui.screens.evaluation.summary import SummaryScreen
from ln_tui.screens.forms import FormBody
from ln_tui.screens.kickoff.board import BoardColumnList, ColumnTitle
from ln_tui.screens.kickoff.editor import ItemEditor
from ln_tui.screens.kickoff.spotlight import SpotlightScreen
from ln_tui.screens.network.screen import NetworkScreen
from ln_tui.screens.palette import LnCommands
from ln_tui.screens.roster.forms import MemberForm
from ln_tui.screens.roster.screen import RosterScreen
from ln_tui.screens.widgets.bars import Bar, BarChart, fit
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.screens.widgets.markdown import markdown_content
from ln_tui.screens.widgets.text_field import TextField
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)
LARGE = (120, 36)
NAMES = ("Ann", "Bart", "Claire", "Dirk", "Els", "Fien", "Geert", "Hanne")


def regular_meeting(store: NetworkStore, names: tuple[str, ...] = NAMES) -> tuple[Meeting, list[Member]]:
    members = store.members.add_many([Member(n) for n in names])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    return meeting, members


def visible(app: LnApp, widget: object) -> bool:
    """The widget has rows on screen and is what the screen shows there (not covered, not scrolled away)."""
    region = widget.region  # type: ignore[attr-defined]
    if region.height < 1 or not app.screen.region.contains_region(region):
        return False
    found, _ = app.screen.get_widget_at(region.x + 1, region.y)
    return found is widget or widget in found.ancestors


def notified(app: LnApp, words: str) -> bool:
    return any(words in message for message in notified_messages(app))


# -- 1. forms: every field visible, ctrl+s from any field, a truthful hint, no invisible stop ------------------
class TestForms:
    async def test_bring_in_a_case_at_80x24_by_keyboard(self, store: NetworkStore, make_app: AppFactory) -> None:
        regular_meeting(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("c")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, CaseForm)
            assert "ctrl+s = save" in str(form.query_one("#form-keys", Label).render())
            await pilot.press(*"Refuses the care home", "tab", "enter", "down", "enter", "tab", *"What now", "tab")
            assert form.focused is form.query_one("#field-alias")
            labels = [str(label.render()) for label in form.query(".form-label").results(Label)]
            assert any("never type the client's name" in label for label in labels)
            await pilot.press(*"Mr. V., 80s", "tab", "tab")
            await pilot.pause()
            context = form.query_one("#field-context", TextArea)
            assert form.focused is context
            await pilot.press(*"First line", "enter", *"second line")
            await pilot.pause()
            assert context.text == "First line\nsecond line"  # Enter adds a line here, as the hint says
            assert context.region.height >= 3 and visible(app, context)
            await pilot.press("tab")  # out of the last field: onto a field again, never an invisible stop
            assert form.focused is not None and (form.focused.id or "").startswith("field-")
            assert not isinstance(form.focused, FormBody)
            await pilot.press("shift+tab")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, DiscussionScreen)
        [case] = store.repo(Case).all()
        assert (case.title, case.question, case.context) == (
            "Refuses the care home",
            "What now",
            "First line\nsecond line",
        )
        assert case.client_alias == "Mr. V., 80s"
        assert case.bringer_id is not None

    async def test_every_field_of_the_member_form_is_reachable_and_shown(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            fields = [w for w in form.query("Input, Select") if (w.id or "").startswith("field-")]
            for field in fields:
                assert form.focused is field
                await pilot.pause()
                assert visible(app, field), field.id
                await pilot.press("tab")
            assert form.focused is fields[0]  # round again: no stop in between

    async def test_ctrl_s_in_a_one_line_dialog_saves(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n", *"Coffee at three", "ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, TextDialog)
        assert [n.text for n in store.notes.all()] == ["Coffee at three"]


# -- 5. Escape with typed text asks first -------------------------------------------------------------------------
class TestEscapeAsks:
    async def test_a_half_filled_member_form_is_not_thrown_away_silently(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a", "escape")  # nothing typed: closes at once
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
            await pilot.press("a", *"Ann", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, MemberForm)
            assert app.screen.query_one("#field-name", Input).value == "Ann"
            await pilot.press("escape", "y")
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
        assert store.members.all() == []

    async def test_the_board_editor_asks_too(self, store: NetworkStore, make_app: AppFactory) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("right", "n", *"Half a question", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n", "enter")
            await pilot.pause()
        assert [i.text for i in store.repo(BoardItem).all()] == ["Half a question"]

    async def test_the_method_editor_asks_and_saves_with_ctrl_s(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        regular_meeting(store)
        app = make_app(store, screen="discussion")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("M", "a", *"Ours", "escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, MethodEditor)
            await pilot.press("tab", "a", *"Round one", "ctrl+s")  # ctrl+s saves the round form too
            await pilot.pause()
            assert app.screen.query_one("#method-name", Input).value == "Ours"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MethodsDialog)
        assert [m.name for m in store.repo(Method).all()] == ["Ours"]


# -- 6. several pasted lines in a one-line field --------------------------------------------------------------------
class TestPaste:
    async def test_lines_are_joined_with_spaces_and_said(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("a", *"Dr ")
            app.post_message(events.Paste("Ann\nPeeters\n\n"))
            await pilot.pause()
            assert app.screen.query_one("#field-name", Input).value == "Dr Ann Peeters"
            assert notified(app, "2 lines pasted, joined with spaces")
            await pilot.press("enter")
            await pilot.pause()
        assert [m.name for m in store.members.all()] == ["Dr Ann Peeters"]

    async def test_a_text_area_keeps_the_lines(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=LARGE) as pilot:
            area = app.screen.query_one("#profile-topic", Input)
            area.focus()
            app.screen.query_one(TextField).focus()  # a text area once it has the focus
            await pilot.pause()
            app.post_message(events.Paste("one\ntwo"))
            await pilot.pause()
            assert "one\ntwo" in app.screen.query_one(TextArea).text


# -- 2. the keys dialog scrolls to its end ------------------------------------------------------------------------------
class TestKeysDialog:
    @pytest.mark.parametrize("home", ["roster", "kickoff", "discussion"])
    async def test_end_reaches_the_last_key_and_the_close_hint_shows(
        self, demo_store: NetworkStore, make_app: AppFactory, home: str
    ) -> None:
        app = make_app(demo_store, screen=home)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            table = app.screen.query_one(DataTable)
            rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert "Quit" in rows and "Nederlands / English" in rows  # the global keys are listed
            await pilot.press("end")
            await pilot.pause()
            assert table.cursor_row == table.row_count - 1 and table.scroll_y == table.max_scroll_y
            assert visible(app, app.screen.query_one(".dialog-keys"))
            await pilot.press("f1")
            await pilot.pause()
            assert not isinstance(app.screen, HelpDialog)

    async def test_with_a_text_area_focused_at_120x36(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        async with app.run_test(size=LARGE) as pilot:
            app.screen.query_one(TextField).focus()  # a text area once it has the focus
            await pilot.pause()
            assert isinstance(app.focused, TextArea)
            await pilot.press("f1")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            await pilot.press("end")
            await pilot.pause()
            assert str(table.get_row_at(table.row_count - 1)[0]) == str(table.get_row_at(table.cursor_row)[0])
            assert table.scroll_y == table.max_scroll_y
            assert visible(app, app.screen.query_one(".dialog-keys"))


# -- 3. ratings: never skipped by accident, digits never in an open answer -----------------------------------------------
class TestRatings:
    async def test_number_then_down_answers_each_question_in_turn(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        store.members.add(Member("Ann"))
        store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("enter", "5", "down", "3", "down", "4")
            await pilot.pause()
            [form] = store.repo(Evaluation).all()
            assert form.ratings == {"relevance": 5, "applicable": 3, "atmosphere": 4}
            app.screen.query_one("#rating-recommend").focus()
            await pilot.press("4", "3", "5", "2", "4", "4")  # typed once too often: stays on the rating
            await pilot.pause()
            [form] = store.repo(Evaluation).all()
            assert form.recommend == 4 and form.answers == {}
            assert all(area.text == "" for area in app.screen.query(TextArea))

    async def test_finishing_with_unanswered_ratings_names_them_and_asks(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        store.members.add(Member("Ann"))
        store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("enter", "5", "down", "4", "ctrl+f")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            detail = str(app.screen.query_one(".dialog-detail").render())
            assert "Atmosphere" in detail and "Recommend" in detail and "Relevance" not in detail
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, EvaluationFormScreen)
            assert app.screen.focused is not None and app.screen.focused.id == "rating-atmosphere"
            assert store.repo(Evaluation).all()[0].draft
            await pilot.press("ctrl+f", "y")
            await pilot.pause()
            assert isinstance(app.screen, EvaluationScreen)
        assert not store.repo(Evaluation).all()[0].draft


# -- 7. the welcome dialog's name in the profile at once ---------------------------------------------------------------------
async def test_the_welcome_name_shows_in_the_profile(network_path, make_app: AppFactory) -> None:
    with NetworkStore.open(network_path) as fresh:
        app = make_app(fresh)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TextDialog)
            await pilot.press(*"Zorg Gent", "enter")
            await pilot.pause()
            assert isinstance(app.screen, NetworkScreen)
            assert app.screen.query_one("#profile-name", Input).value == "Zorg Gent"
        assert fresh.profile().name == "Zorg Gent"


# -- 8. the home shown last; the discussion when a turn runs ------------------------------------------------------------------
class TestHomeToOpen:
    async def test_the_last_home_of_the_file(self, store: NetworkStore, make_app: AppFactory) -> None:
        async with make_app(store).run_test(size=SMALL) as pilot:
            await pilot.press("f3")
            await pilot.pause()
        assert store.setting("last_home") == "roster"
        app = make_app(store, screen=None)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)

    async def test_a_running_turn_opens_the_discussion(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting, members = regular_meeting(store)
        case = store.repo(Case).add(Case(meeting.id, "Case", members[0].id, rounds=[RoundSpec("Q", 60)]))
        store.repo(DiscussionState).add(
            DiscussionState(case.id or 0, [m.id or 0 for m in members], clock=TurnClock(60, 10, True, 0))
        )
        store.set_setting("last_home", "roster")
        app = make_app(store, screen=None)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DiscussionScreen)


# -- 9. every home with its name at 80 columns, seven homes too ------------------------------------------------------------------
class TestHomeBar:
    @pytest.mark.parametrize("language", ["en", "nl"])
    @pytest.mark.parametrize("seven", [False, True])
    async def test_every_home_and_its_name_fit(
        self, store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, language: str, seven: bool
    ) -> None:
        if seven:  # all seven homes, whichever of Minutes (F7) and Agenda (F10) has landed yet
            monkeypatch.setitem(HOMES, "minutes", HOMES.get("minutes") or Home("f7", "Minutes", "", "", ""))
            monkeypatch.setitem(HOMES, "agenda", HOMES.get("agenda") or Home("f10", "Agenda", "", "", ""))
            assert len(HOMES) == 7
        set_language(language)
        app = make_app(store, settings=Settings(theme="projector", language=language))
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(HomeBar)
            line = bar.render()
            assert bar.region.width == 80 and line.cell_length <= 80
            from ln_tui.i18n import _

            for home in HOMES.values():
                assert f"{home.key.upper()}{_(home.title)}" in line.plain.replace(" ", ""), home.title
            assert "saved" in str(app.screen.query_one("#save-status").render()) or language == "nl"


# -- 10. the key bar: most used first, whole keys, F1 always --------------------------------------------------------------------
KEYS_FIRST = {
    "roster": ["space Present/absent/excused", "/ Filter", "s Sort"],
    "discussion": ["space Start", "n Next", "r Restart", "N Next round", "p Projector", "u Undo"],
    "kickoff": ["n New item", "f Spotlight", "a Answered"],
    "network": ["^o Announcement", "^t To the meetings"],
    "evaluation": ["a New anonymous form"],
}


@pytest.mark.parametrize("home", list(KEYS_FIRST))
async def test_the_key_bar_order_per_screen(demo_store: NetworkStore, make_app: AppFactory, home: str) -> None:
    app = make_app(demo_store, screen=home)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        parts = [part.plain for part in bar.fitted(80)]
        assert parts[: len(KEYS_FIRST[home])] == KEYS_FIRST[home]
        assert parts[-1] == "f1 Keys" and not any("…" in p for p in parts)
        assert bar.render().cell_length <= 80


# -- 11. five names of the speaking order at least --------------------------------------------------------------------------------
async def test_the_speaking_order_shows_five_names_at_80x24(store: NetworkStore, make_app: AppFactory) -> None:
    meeting, members = regular_meeting(store)
    store.repo(Case).add(
        Case(meeting.id, "A case with a long title to wrap", members[1].id, rounds=[RoundSpec("Q", 60)])
    )
    app = make_app(store, screen="discussion")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        order = app.screen.query_one("#order-list", OptionList)
        assert order.option_count == 8
        assert order.scrollable_content_region.height >= 5 and order.virtual_size.height == 8  # a line per name


# -- 12. counts on every column; the editor's fields visible ------------------------------------------------------------------------
class TestBoard:
    @pytest.mark.parametrize("language", ["en", "nl"])
    async def test_every_column_title_shows_its_count(
        self, store: NetworkStore, make_app: AppFactory, language: str
    ) -> None:
        meeting, _members = regular_meeting(store)
        for column in BoardColumn:
            store.repo(BoardItem).add_many([BoardItem(meeting.id, column, f"item {i}") for i in range(12)])
        set_language(language)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            titles = [str(t.render()) for t in app.screen.query(ColumnTitle)]
            assert len(titles) == 4 and all(t.endswith("(12)") for t in titles), titles

    async def test_the_new_item_fields_show_where_they_are(self, store: NetworkStore, make_app: AppFactory) -> None:
        regular_meeting(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen.query_one(ItemEditor)
            for field in ("#editor-learn", "#editor-offer", "#editor-who"):
                widget = editor.query_one(field)
                assert not widget.has_focus and widget.region.height >= 1
                assert widget.styles.background != editor.styles.background, field


# -- 13. widths in terminal cells ------------------------------------------------------------------------------------------------------
class TestCells:
    @pytest.mark.parametrize(
        "text", ["Zoë Maes", "👩‍👩‍👧 family of three", "日本語の名前です長い", "e\u0301cole", "🙂🙂🙂🙂🙂🙂"]
    )
    @pytest.mark.parametrize("width", [1, 5, 10, 30])
    def test_fit_fills_exactly_the_cells_asked(self, text: str, width: int) -> None:
        assert cell_len(fit(text, width)) == width

    async def test_bars_line_up_under_wide_labels(self, store: NetworkStore, make_app: AppFactory) -> None:
        chart = BarChart([Bar("日本語", 3, 5, "3"), Bar("Ann", 5, 5, "5"), Bar("👩‍👩‍👧", 1, 5, "1")])
        app = make_app(store)
        async with app.run_test(size=SMALL) as pilot:
            await app.screen.mount(chart)
            await pilot.pause()
            lines = chart.render().split("\n")
            assert len({line.cell_length for line in lines}) == 1

    async def test_a_wide_column_title_keeps_its_count(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store)
        title = ColumnTitle(ColumnTitle.Shown("日本語の名前です長い", " (3)"))
        async with app.run_test(size=SMALL) as pilot:
            await app.screen.mount(title)
            title.styles.width = 12
            await pilot.pause()
            shown = title.render()
            assert shown.plain.endswith("… (3)") and shown.cell_length <= 12


# -- 14/15. scrollbars that look like scrollbars; a checkbox that shows its state ----------------------------------------------------
async def test_scrollbars_are_a_visible_track(store: NetworkStore, make_app: AppFactory) -> None:
    regular_meeting(store)
    app = make_app(store, screen="discussion")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("c")
        await pilot.pause()
        body = app.screen.query_one(FormBody)
        assert body.styles.scrollbar_size_vertical == 1
        assert body.styles.scrollbar_background != body.styles.background


async def test_the_anonymous_checkbox_looks_different_checked(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add(Member("Ann"))
    store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
    app = make_app(store, screen="evaluation")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter", "up")
        await pilot.pause()
        box = app.screen.query_one(Checkbox)
        assert box.has_focus and not box.value
        off = box.get_component_rich_style("toggle--button")
        await pilot.press("space")
        await pilot.pause()
        on = box.get_component_rich_style("toggle--button")
        assert box.value and store.repo(Evaluation).all()[0].anonymous
        assert off.color == off.bgcolor  # an empty box
        assert on.color != on.bgcolor  # an X


# -- 19. one Markdown drawing everywhere -------------------------------------------------------------------------------------------------
class TestMarkdown:
    def test_the_follow_up_draws_bold_and_keeps_lines(self, store: NetworkStore) -> None:
        from ln_tui.discussion.earlier_meetings import FollowUp

        found = FollowUp(Meeting("2026-01-20", MeetingKind.REGULAR), [("Case", "Call on **maandag**")], [], [])
        lines = follow_up_lines(found)
        advice = next(line for line in lines if "maandag" in line.plain)
        assert "**" not in advice.plain and advice.plain.endswith("Call on maandag")
        assert any("bold" in str(span.style) for span in advice.spans)

    async def test_the_summary_draws_an_answer_as_the_card_does(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        closing = store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING))
        text = "Start on **maandag**\nand keep it"
        store.repo(Evaluation).add_many(
            [
                Evaluation(
                    closing.id, None, anonymous=True, draft=False, ratings={"relevance": 4}, answers={"improve": text}
                ),
                # open answers are shown from 3 finished forms on (issue 26 item 3)
                *(Evaluation(closing.id, None, anonymous=True, draft=False, ratings={"relevance": 3}) for _ in "ab"),
            ]
        )
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            shown = [content_of(w) for w in app.screen.query(".open-answer-text").results(Static)]
            assert [c.plain for c in shown] == ["• " + markdown_content(text).plain]
            assert shown[0].plain == "• Start on maandag\nand keep it"

    async def test_the_spotlight_keeps_the_lines_the_card_keeps(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = regular_meeting(store)
        store.repo(BoardItem).add(BoardItem(meeting.id, BoardColumn.QUESTIONS, "First **line**\nsecond line"))
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("right")
            card = app.screen.query_one("#list-questions", BoardColumnList).prompts(store.repo(BoardItem).all()[0])
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, SpotlightScreen)
            spotlight = content_of(app.screen.query_one("#spotlight-text", Static))
            assert spotlight.plain == "First line\nsecond line"
            assert card.plain.startswith(spotlight.plain)


# -- 20. the palette: what a person can do, by name, once -----------------------------------------------------------------------------
async def test_the_palette_lists_each_action_once_by_name(store: NetworkStore, make_app: AppFactory) -> None:
    meeting, members = regular_meeting(store)
    store.repo(Case).add(Case(meeting.id, "Case", members[0].id, rounds=[RoundSpec("Q", 60)]))
    app = make_app(store, screen="discussion")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = [str(hit.text) async for hit in LnCommands(app.screen).search("e")]
        assert len(titles) == len(set(titles)), titles
        assert {"Finish the discussion", "Add a minute to the turn", "Undo in the discussion"} <= set(titles)
        assert not any(t in titles for t in ("Down", "Up", "Copy selected text", "Focus Next", "palette"))
        await pilot.press("ctrl+p", *"Finish the disc")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert store.repo(DiscussionState).all()[0].finished


# -- 21. table headers never break inside a word -----------------------------------------------------------------------------------------
def test_table_headers_keep_their_words_whole_in_the_css() -> None:
    th_rule = next(rule for rule in PRINT_CSS.split("}") if rule.strip().startswith("th {") and "#eee" in rule)
    assert "overflow-wrap: normal" in th_rule and "word-break: keep-all" in th_rule


def test_table_headers_do_not_break_inside_a_word_in_chromium(demo_store: NetworkStore, chromium, tmp_path) -> None:
    page = tmp_path / "report.html"
    page.write_text(to_html(minutes_markdown(demo_store), "report"), encoding="utf-8")
    driver = chromium(width=420, height=900)  # a phone-narrow page: the tables are squeezed
    driver.get(page.as_uri())
    broken = driver.execute_script(
        """
        const broken = [];
        for (const th of document.querySelectorAll('th')) {
            const text = th.firstChild;
            if (!text || text.nodeType !== 3) continue;
            let start = 0;
            for (const word of text.textContent.split(' ')) {
                const range = document.createRange();
                range.setStart(text, start); range.setEnd(text, start + word.length);
                if (word && range.getClientRects().length > 1) broken.push(word);
                start += word.length + 1;
            }
        }
        return [broken, document.querySelectorAll('th').length];
        """
    )
    assert broken[1] > 5 and broken[0] == []


# -- 22. answering an item keeps its neighbours in view ------------------------------------------------------------------------------------
async def test_answering_the_last_item_keeps_its_neighbours_in_view(
    store: NetworkStore, make_app: AppFactory, clock: FakeClock
) -> None:
    meeting, _members = regular_meeting(store)
    store.repo(BoardItem).add_many(
        [
            BoardItem(meeting.id, BoardColumn.QUESTIONS, f"Question {i} long enough to wrap twice", order=i)
            for i in range(9)
        ]
    )
    app = make_app(store, screen="kickoff")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("right", "end")
        await pilot.pause()
        column = app.screen.query_one("#list-questions", BoardColumnList)
        shown_before = column._shown_to - column.top
        await pilot.press("a")
        await pilot.pause()
        assert column.item_count == 8
        assert column.cursor == 7 and column._shown_to - column.top >= min(shown_before, 2)
        assert column.top < column.cursor  # the neighbour above still in view, no empty foot
    assert len([i for i in store.repo(BoardItem).all() if i.status.value == "answered"]) == 1


def content_of(widget: Static) -> Content:
    """What a Static shows, as Content (our Statics are given Content)."""
    shown = widget.render()
    assert isinstance(shown, Content)
    return shown
