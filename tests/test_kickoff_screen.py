"""The kickoff board, driven by keyboard only; every test also checks what the store holds."""

from __future__ import annotations

from collections.abc import Callable

from conftest import notified
from textual.content import Content
from textual.widgets import Static

from ln_tui.app import LnApp
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus
from ln_tui.model import Meeting, MeetingKind, Member, Presence
from ln_tui.screens.kickoff.archive import ArchiveScreen
from ln_tui.screens.kickoff.board import BoardColumnList, ItemList
from ln_tui.screens.kickoff.editor import ItemEditor
from ln_tui.screens.kickoff.screen import KickoffScreen
from ln_tui.screens.kickoff.spotlight import SpotlightScreen
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
# What can be typed through Pilot (it cannot type emoji: those come in through the store below).
HOSTILE = ["[/", "[@click=app.quit]x[/]", "[link=javascript:alert(1)]y[/]", "זה טקסט RTL", "**[b]bold[/b]**"]


def seed(store: NetworkStore) -> tuple[Meeting, list[Member]]:
    """A kickoff meeting, current, with four members of whom Zoë is absent."""
    members = store.members.add_many(
        [Member("Ann Peeters"), Member("Bart Claes"), Member("Anneke De Vos"), Member("Zoë Maes")]
    )
    meeting = store.meetings.add(
        Meeting("2026-01-20", MeetingKind.KICKOFF, attendance={members[3].id: Presence.ABSENT})  # type: ignore[dict-item]
    )
    store.set_current_meeting(meeting.id)
    return meeting, members


def put(store: NetworkStore, meeting: Meeting, column: BoardColumn, *texts: str, **fields: object) -> list[BoardItem]:
    return store.repo(BoardItem).add_many(
        [BoardItem(meeting.id, column, text, order=i + 1, **fields) for i, text in enumerate(texts)]  # type: ignore[arg-type]
    )


def stored(store: NetworkStore) -> list[BoardItem]:
    return sorted(store.repo(BoardItem).all(), key=lambda item: item.order)


def column_of(app: LnApp, column: BoardColumn) -> BoardColumnList:
    return app.screen.query_one(f"#list-{column.value}", BoardColumnList)


def shown(app: LnApp, column: BoardColumn) -> list[str]:
    """The text of each item in a column as the screen shows it (first line)."""
    items = column_of(app, column)
    return [card(items, i).split("\n")[0] for i in range(items.item_count)]


def card(items: ItemList, index: int) -> str:
    """The whole text of one item as its list paints it."""
    return plain(items.prompts(items.items[index]))


def plain(prompt: object) -> str:
    assert isinstance(prompt, Content)
    return prompt.plain


async def capture(pilot, text: str, who: str = "") -> None:
    await pilot.press("n", *text)
    if who:
        await pilot.press("tab", *who)
    await pilot.press("enter")
    await pilot.pause()


class TestCapture:
    async def test_one_key_adds_to_the_focused_column_and_enter_saves(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right")  # to Questions
            await capture(pilot, "Who brings the first case?")
            assert shown(app, BoardColumn.QUESTIONS) == ["Who brings the first case?"]
            assert app.screen.focused is column_of(app, BoardColumn.QUESTIONS)
        [item] = stored(store)
        assert (item.meeting_id, item.column, item.text, item.member_id) == (
            meeting.id,
            BoardColumn.QUESTIONS,
            "Who brings the first case?",
            None,
        )

    async def test_escape_cancels_and_empty_items_are_refused_quietly(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("n", *"never mind", "escape", "y")  # typed text: Escape asks first
            await pilot.press("n", "space", "space", "enter")
            await pilot.pause()
            assert not app.screen.query_one(ItemEditor).is_open
            assert shown(app, BoardColumn.INTRODUCTIONS) == []
            assert not notified(app)
        assert stored(store) == []

    async def test_an_item_is_attributed_by_a_few_letters_of_a_name_among_those_present(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        _meeting, members = seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "right")  # Expectations
            await capture(pilot, "Tips for Monday", who="bar")
            # "an" fits Ann and Anneke: not saved until it points at one person.
            await pilot.press("n", *"Safe group", "tab", *"an", "enter")
            await pilot.pause()
            assert app.screen.query_one(ItemEditor).is_open
            assert "Which one?" in str(app.screen.query_one("#editor-who-match").render())
            await pilot.press(*"neke", "enter")
            # Zoë is absent: her letters match nobody.
            await pilot.press("n", *"Research", "tab", *"zoë")
            assert "Nobody present" in str(app.screen.query_one("#editor-who-match").render())
            await pilot.press("ctrl+u", "enter")  # cleared: anonymous
            await pilot.pause()
        assert [(i.text, i.member_id) for i in stored(store)] == [
            ("Tips for Monday", members[1].id),
            ("Safe group", members[2].id),
            ("Research", None),
        ]

    async def test_an_introduction_has_why_learn_and_offer(self, store: NetworkStore, make_app: AppFactory) -> None:
        _meeting, members = seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("n", *"New job", "tab", *"Case work", "tab", *"Coffee", "tab", *"ann p", "enter")
            await pilot.pause()
            introductions = column_of(app, BoardColumn.INTRODUCTIONS)
            assert introductions.item_count == 1
            assert "Why I join: New job" in card(introductions, 0)
            assert "I can offer: Coffee" in card(introductions, 0)
        [item] = stored(store)
        assert (item.why, item.learn, item.offer, item.member_id) == ("New job", "Case work", "Coffee", members[0].id)
        assert item.text == "New job\nCase work\nCoffee"

    async def test_edit_and_move_to_another_column(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting, members = seed(store)
        [item] = put(store, meeting, BoardColumn.QUESTIONS, "Confidentiality?")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "e", *" What is said here stays here.", "tab", *"bart", "enter")
            await pilot.press("shift+right", "shift+right")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == []
            assert shown(app, BoardColumn.AGREEMENTS) == ["Confidentiality? What is said here stays here."]
            assert app.screen.focused is column_of(app, BoardColumn.AGREEMENTS)
        [moved] = stored(store)
        assert (moved.id, moved.column, moved.member_id) == (item.id, BoardColumn.AGREEMENTS, members[1].id)
        assert moved.text == "Confidentiality? What is said here stays here."

    async def test_delete_then_undo_puts_it_back_with_its_id(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting, _members = seed(store)
        first, second = put(store, meeting, BoardColumn.QUESTIONS, "one", "two", votes=2)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "d")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["two"]
            assert [i.id for i in stored(store)] == [second.id]
            await pilot.press("u")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["one", "two"]
            await pilot.press("u")  # nothing left to undo: said, nothing changes
            await pilot.pause()
        assert stored(store) == [first, second]


class TestVotesAndOrder:
    async def test_votes_go_up_and_down_and_sort_orders_the_column(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        put(store, meeting, BoardColumn.QUESTIONS, "first", "second", "third")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "down", "down", "plus", "plus", "plus", "minus", "up", "plus")
            await pilot.press("minus", "minus", "minus")  # never below zero
            await pilot.press("down", "down")
            await pilot.pause()
            assert [i.votes for i in stored(store)] == [0, 0, 2]
            await pilot.press("s")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["third", "first", "second"]
            assert str(app.screen.query_one("#title-questions").render()) == "Questions (3) ▲"
            await pilot.press("s")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["first", "second", "third"]

    async def test_merge_adds_the_votes_and_keeps_both_texts(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting, members = seed(store)
        a, b, c = put(store, meeting, BoardColumn.EXPECTATIONS, "Practical tips", "Other", "Tips I can use", votes=2)
        store.repo(BoardItem).update(
            BoardItem(meeting.id, BoardColumn.EXPECTATIONS, "Tips I can use", members[0].id, votes=3, order=3, id=c.id)
        )
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "right", "down", "down", "m")
            assert app.screen.query_one("#board-heading").has_class("-merging")
            await pilot.press("up", "up", "m")
            await pilot.pause()
            assert shown(app, BoardColumn.EXPECTATIONS) == ["Practical tips", "Other"]
            assert "+ Tips I can use" in card(column_of(app, BoardColumn.EXPECTATIONS), 0)
            assert not app.screen.query_one("#board-heading").has_class("-merging")
        merged, other = stored(store)
        assert (merged.id, merged.votes, merged.text) == (a.id, 5, "Practical tips")
        assert [(m.text, m.member_id) for m in merged.merged] == [("Tips I can use", members[0].id)]
        assert other.id == b.id

    async def test_a_merge_is_cancelled_with_escape_and_undone_with_u(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        a, b = put(store, meeting, BoardColumn.QUESTIONS, "A", "B", votes=1)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "m", "escape", "down", "m")  # cancelled: this m starts a new merge
            await pilot.press("up", "m", "u")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["A", "B"]
        assert stored(store) == [a, b]


class TestStatusAndArchive:
    async def test_answered_goes_to_the_archive_and_restore_brings_it_back(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        question, _other = put(store, meeting, BoardColumn.QUESTIONS, "How often do we meet?", "Other")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "a")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == ["Other"]
            answered = store.repo(BoardItem).get(question.id or 0)
            assert answered is not None and (answered.status, answered.archived) == (ItemStatus.ANSWERED, True)
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, ArchiveScreen)
            archive = app.screen.query_one(ItemList)
            assert [card(archive, i).split("\n")[0] for i in range(archive.item_count)] == ["How often do we meet?"]
            await pilot.press("r")
            await pilot.pause()
            assert archive.item_count == 0
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, KickoffScreen)
            assert shown(app, BoardColumn.QUESTIONS) == ["How often do we meet?", "Other"]
        restored = store.repo(BoardItem).get(question.id or 0)
        assert restored is not None and (restored.status, restored.archived) == (ItemStatus.OPEN, False)

    async def test_parked_stays_on_the_board_marked(self, store: NetworkStore, make_app: AppFactory) -> None:
        meeting, _members = seed(store)
        [question] = put(store, meeting, BoardColumn.QUESTIONS, "Tools?")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "p")
            await pilot.pause()
            assert "parked" in card(column_of(app, BoardColumn.QUESTIONS), 0)
            assert store.repo(BoardItem).get(question.id or 0).status is ItemStatus.PARKED  # type: ignore[union-attr]
            await pilot.press("p")
            await pilot.pause()
        assert store.repo(BoardItem).get(question.id or 0).status is ItemStatus.OPEN  # type: ignore[union-attr]


def spotlight_text(app: LnApp) -> str:
    return str(app.screen.query_one("#spotlight-text", Static).render())


class TestSpotlight:
    async def test_spotlight_shows_the_item_alone_and_steps_and_returns(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        put(store, meeting, BoardColumn.AGREEMENTS, "**Confidentiality**", "Four meetings")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("left", "f")
            await pilot.pause()
            assert isinstance(app.screen, SpotlightScreen)
            assert spotlight_text(app) == "Confidentiality"  # drawn bold, as on the card
            await pilot.press("down")
            await pilot.pause()
            assert spotlight_text(app) == "Four meetings"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, KickoffScreen)
            assert column_of(app, BoardColumn.AGREEMENTS).cursor == 1
        assert len(stored(store)) == 2


class TestHostileText:
    async def test_hostile_text_typed_in_shows_literally_and_quits_nothing(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right")
            for text in HOSTILE:
                await capture(pilot, text)
            await pilot.press("up", "f")  # the last one in the spotlight
            await pilot.pause()
            assert app.is_running
            await pilot.press("escape")
            await pilot.pause()
            lines = shown(app, BoardColumn.QUESTIONS)
            assert lines[:4] == HOSTILE[:4]
            assert lines[4] == "[b]bold[/b]"  # Markdown bold, its inside literal
        assert [i.text for i in stored(store)] == HOSTILE

    async def test_a_10000_character_item_and_control_characters_crash_nothing(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        long_text = "word " * 2000
        put(
            store,
            meeting,
            BoardColumn.QUESTIONS,
            long_text,
            "bell \x07 escape \x1b[31m red",
            "🙂👩‍👩‍👧 \u202eevil\u202c [b]x",
        )
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right")
            lines = card(column_of(app, BoardColumn.QUESTIONS), 0)
            assert "…" in lines and len(lines) < 400  # shortened on the board
            await pilot.press("f")
            await pilot.pause()
            assert spotlight_text(app).strip() == long_text.strip()
            await pilot.press("escape", "down")
            await pilot.pause()
            shown_lines = shown(app, BoardColumn.QUESTIONS)
            assert "\\x1b[31m" in shown_lines[1]
            assert shown_lines[2] == "🙂👩‍👩‍👧 \\x202eevil\\x202c [b]x"
        assert stored(store)[0].text == long_text


class TestMeetings:
    async def test_the_kickoff_board_opens_by_default_and_b_picks_another_meeting(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        kickoff, _members = seed(store)
        later = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR))
        store.set_current_meeting(later.id)
        put(store, kickoff, BoardColumn.QUESTIONS, "kickoff question")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            assert shown(app, BoardColumn.QUESTIONS) == ["kickoff question"]
            await pilot.press("b", "down", "enter")
            await pilot.pause()
            assert shown(app, BoardColumn.QUESTIONS) == []
            await pilot.press("right", "n", *"later question", "enter")
            await pilot.pause()
        assert {(i.meeting_id, i.text) for i in stored(store)} == {
            (kickoff.id, "kickoff question"),
            (later.id, "later question"),
        }


class TestLanguage:
    async def test_the_board_speaks_dutch_after_f9_and_keeps_its_items(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        put(store, meeting, BoardColumn.QUESTIONS, "Vraag één")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("f9")
            await pilot.pause()
            assert str(app.screen.query_one("#title-questions").render()) == "Vragen (1)"
            assert shown(app, BoardColumn.QUESTIONS) == ["Vraag één"]
            await pilot.press("right", "n", *"Nog een", "enter", "f9")
            await pilot.pause()
        assert [i.text for i in stored(store)] == ["Vraag één", "Nog een"]

    async def test_the_editor_speaks_dutch_after_f9_when_it_was_opened_before(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        seed(store)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "n", "escape", "f9", "n")  # F9 keeps the cursor in its column
            await pilot.pause()
            assert str(app.screen.query_one("#editor-title").render()) == "Nieuw in Vragen"
            await pilot.press(*"Wie begint?", "enter")
            await pilot.pause()
        assert [(i.column, i.text) for i in stored(store)] == [(BoardColumn.QUESTIONS, "Wie begint?")]


def painted(items: ItemList) -> list[str]:
    """The lines the list paints now, as text (the gutter on the right included)."""
    return [items.render_line(y).text for y in range(items.size.height)]


def long_questions(store: NetworkStore) -> NetworkStore:
    """A kickoff board with 300 questions, more than any screen shows."""
    meeting, _members = seed(store)
    put(store, meeting, BoardColumn.QUESTIONS, *(f"Question number {n}" for n in range(1, 301)))
    return store


class TestLongColumn:
    """A column holds more than the screen: the view follows the cursor, the gutter says where it is."""

    async def test_end_home_and_page_keys_keep_the_cursor_on_screen(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(long_questions(store), screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right")
            questions = column_of(app, BoardColumn.QUESTIONS)
            assert any("Question number 1 " in line + " " for line in painted(questions))
            assert painted(questions)[0].endswith("┃")  # the thumb at the top of the gutter
            await pilot.press("end")
            await pilot.pause()
            assert questions.cursor == 299
            assert any("Question number 300" in line for line in painted(questions))
            assert not any("Question number 1 " in line + " " for line in painted(questions))
            assert painted(questions)[-1].endswith("┃")  # and now at its bottom
            await pilot.press("home", "pagedown")
            await pilot.pause()
            assert questions.cursor > 1
            shown_now = questions.items[questions.cursor].text
            assert any(shown_now in line for line in painted(questions))
            await pilot.press("pageup")
            await pilot.pause()
            assert questions.cursor == 0
        assert len(stored(store)) == 300

    async def test_an_item_added_to_a_long_column_is_shown_and_selected(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(long_questions(store), screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right")
            await capture(pilot, "The newest question")
            questions = column_of(app, BoardColumn.QUESTIONS)
            assert questions.cursor == 300
            assert any("The newest question" in line for line in painted(questions))
        assert stored(store)[-1].text == "The newest question"

    async def test_a_click_selects_an_item_and_a_double_click_edits_it(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        meeting, _members = seed(store)
        put(store, meeting, BoardColumn.QUESTIONS, "First", "Second")
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            questions = column_of(app, BoardColumn.QUESTIONS)
            second = next(y for y, line in enumerate(painted(questions)) if "Second" in line)
            await pilot.click(questions, offset=(3, second))
            assert questions.selected_id == stored(store)[1].id
            await pilot.click(questions, offset=(3, second), times=2)
            await pilot.pause()
            assert isinstance(app.screen, KickoffScreen) and app.screen.editing
            await pilot.press("end", *" one", "enter")
            await pilot.pause()
        assert [i.text for i in stored(store)] == ["First", "Second one"]
