"""The board's logic, its Markdown rendering, its minutes section and its demo, without the screen."""

from __future__ import annotations

from datetime import datetime

import pytest

from ln_tui.demo import build_demo
from ln_tui.kickoff.board import Board, ItemSort, board_meeting, match_members, sort_items
from ln_tui.kickoff.model import BoardColumn, BoardItem, ItemStatus, MergedText
from ln_tui.markdown_safe import render_html
from ln_tui.model import Meeting, MeetingKind, Member
from ln_tui.report import minutes_markdown
from ln_tui.screens.kickoff.board import item_content, markdown_content
from ln_tui.store import NetworkStore

Q = BoardColumn.QUESTIONS


def fixed_now() -> datetime:
    return datetime(2026, 1, 20, 13, 30)


@pytest.fixture
def board(store: NetworkStore) -> Board:
    meeting = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
    return Board(store, meeting.id, now=fixed_now)


class TestBoard:
    def test_add_saves_in_order_and_refuses_empty_text(self, board: Board, store: NetworkStore) -> None:
        first = board.add(Q, "  first  ")
        second = board.add(Q, "second", 7)
        assert board.add(Q, " \n ") is None
        assert board.add(BoardColumn.INTRODUCTIONS, "", why=" ", learn="", offer="") is None
        assert [i.text for i in board.column(Q)] == ["first", "second"]
        assert store.repo(BoardItem).all() == [first, second]
        assert second is not None
        assert (second.member_id, second.order, second.created) == (7, 2, "2026-01-20T13:30:00")

    def test_sorting_by_votes_keeps_time_order_among_equals_and_new_items_last(self, board: Board) -> None:
        a, b, c = (board.add(Q, t) for t in "abc")
        board.vote(c.id, 1)  # type: ignore[union-attr, arg-type]
        board.vote(c.id, 1)  # type: ignore[union-attr, arg-type]
        board.vote(b.id, 1)  # type: ignore[union-attr, arg-type]
        assert [i.text for i in board.column(Q, ItemSort.VOTES)] == ["c", "b", "a"]
        board.add(Q, "d")
        assert [i.text for i in board.column(Q, ItemSort.VOTES)][-1] == "d"
        assert [i.text for i in board.column(Q, ItemSort.TIME)] == ["a", "b", "c", "d"]
        assert board.vote(a.id, -1).votes == 0  # type: ignore[union-attr, arg-type]

    def test_merge_adds_votes_keeps_texts_and_authors_and_undo_restores_both(
        self, board: Board, store: NetworkStore
    ) -> None:
        target = board.add(Q, "Who coordinates?", 1)
        source = board.add(Q, "Who is in charge?", 2)
        assert target and source and target.id and source.id
        board.vote(target.id, 1)
        board.vote(source.id, 1)
        board.vote(source.id, 1)
        merged = board.merge(source.id, target.id)
        assert (merged.votes, merged.text, merged.merged) == (
            3,
            "Who coordinates?",
            [MergedText("Who is in charge?", 2)],
        )
        assert [i.id for i in store.repo(BoardItem).all()] == [target.id]
        with pytest.raises(ValueError):
            board.merge(target.id, target.id)
        board.undo()
        assert sorted((i.id, i.votes, i.merged == []) for i in store.repo(BoardItem).all()) == [
            (target.id, 1, True),
            (source.id, 2, True),
        ]

    def test_answered_leaves_for_the_archive_parked_stays_restore_reopens(self, board: Board) -> None:
        a = board.add(Q, "a")
        b = board.add(Q, "b")
        assert a and b and a.id and b.id
        assert board.mark_answered(a.id).archived
        assert board.toggle_parked(b.id).status is ItemStatus.PARKED
        assert [i.text for i in board.column(Q)] == ["b"]
        assert [i.text for i in board.archive()] == ["a"]
        restored = board.restore(a.id)
        assert (restored.status, restored.archived) == (ItemStatus.OPEN, False)
        assert board.toggle_parked(b.id).status is ItemStatus.OPEN

    def test_undo_takes_back_each_kind_of_change_in_reverse(self, board: Board, store: NetworkStore) -> None:
        item = board.add(Q, "a")
        assert item and item.id
        board.edit(item.id, "b", 3)
        board.move(item.id, BoardColumn.AGREEMENTS)
        board.mark_answered(item.id)
        board.delete(item.id)
        labels = []
        while (change := board.undo()) is not None:
            labels.append(change.label)
            if change.label == "edit":
                assert store.repo(BoardItem).get(item.id) == item
        assert labels == ["delete", "answered", "move", "edit", "add"]
        assert store.repo(BoardItem).all() == [] and len(board) == 0

    def test_an_edit_that_empties_an_item_changes_nothing(self, board: Board) -> None:
        item = board.add(Q, "keep me")
        assert item and item.id
        assert board.edit(item.id, "   ", None) is None
        assert board.items[item.id].text == "keep me"

    def test_a_board_belongs_to_one_meeting(self, board: Board, store: NetworkStore) -> None:
        other = store.meetings.add(Meeting("2026-03-03"))
        Board(store, other.id).add(Q, "elsewhere")
        assert len(Board(store, board.meeting_id)) == 0

    def test_sort_items_is_stable_on_order(self) -> None:
        items = [BoardItem(1, Q, t, votes=v, order=o) for t, v, o in (("x", 1, 3), ("y", 1, 1), ("z", 2, 2))]
        assert [i.text for i in sort_items(items, ItemSort.VOTES)] == ["z", "y", "x"]


class TestMembersAndMeeting:
    MEMBERS = [
        Member("Ann Peeters", id=1),
        Member("Anneke De Vos", id=2),
        Member("Jan Claes", id=3),
        Member("An", id=4),
    ]

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("", []),
            ("ann", [1, 2]),
            ("anne", [2]),
            ("pee", [1]),
            ("an", [4]),
            ("laes", [3]),
            ("xyz", []),
            ("  JAN ", [3]),
        ],
    )
    def test_a_few_letters_point_at_members(self, typed: str, expected: list[int]) -> None:
        assert [m.id for m in match_members(typed, self.MEMBERS)] == expected

    def test_the_board_opens_on_the_current_kickoff_else_the_kickoff_else_the_current(
        self, store: NetworkStore
    ) -> None:
        assert board_meeting(store) is None
        regular = store.meetings.add(Meeting("2026-03-03"))
        store.set_current_meeting(regular.id)
        assert board_meeting(store) == regular
        kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        assert board_meeting(store) == kickoff
        second = store.meetings.add(Meeting("2026-06-01", MeetingKind.KICKOFF))
        store.set_current_meeting(second.id)
        assert board_meeting(store) == second


class TestMarkdown:
    def test_bold_lists_and_links_become_styles_not_markup(self) -> None:
        content = markdown_content("**bold** [site](https://example.org)\n\n- one\n- two\n\n1. first")
        assert content.plain == "bold site\n• one\n• two\n1. first"
        styles = {(content.plain[s.start : s.end], str(s.style)) for s in content.spans}
        assert ("bold", "bold") in styles and ("site", "underline") in styles
        assert not any("@click" in str(s.style) or "link" in str(s.style) for s in content.spans)

    @pytest.mark.parametrize(
        "text", ["[/", "[@click=app.quit]x[/]", "[link=javascript:alert(1)]y[/]", "[b]not bold", "🙂 שלום"]
    )
    def test_markup_like_text_stays_literal(self, text: str) -> None:
        content = markdown_content(text)
        assert content.plain == text and not content.spans

    def test_a_javascript_link_is_plain_text(self) -> None:
        assert markdown_content("[x](javascript:alert(1))").plain == "[x](javascript:alert(1))"

    def test_a_long_item_is_shortened_on_the_board(self) -> None:
        item = BoardItem(1, Q, "w " * 5000, votes=2)
        plain = item_content(item, "Ann").plain
        assert len(plain) < 400 and "…" in plain and "▲2" in plain and "Ann" in plain


class TestMinutesAndDemo:
    def test_the_minutes_list_items_per_column_with_votes_status_and_author(self, store: NetworkStore) -> None:
        ann = store.members.add(Member("Ann [b]Peeters"))
        meeting = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        board = Board(store, meeting.id)
        question = board.add(Q, "Who <script>alert(1)</script> decides?", ann.id)
        assert question and question.id
        board.vote(question.id, 1)
        board.vote(question.id, 1)
        board.mark_answered(question.id)
        board.add(BoardColumn.AGREEMENTS, "[click](javascript:alert(1))")
        board.add(BoardColumn.INTRODUCTIONS, "", ann.id, why="New job", learn="Cases", offer="")
        markdown = minutes_markdown(store, meeting)
        assert "### Questions" in markdown and "### Agreements" in markdown
        assert "(Ann \\[b\\]Peeters, votes: 2, answered)" in markdown
        assert "*Why I join:* New job" in markdown and "anonymous" in markdown
        html = render_html(markdown)
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert 'href="javascript' not in html

    def test_the_network_report_has_a_board_per_meeting_that_has_one(self, store: NetworkStore) -> None:
        first = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
        store.meetings.add(Meeting("2026-03-03"))
        Board(store, first.id).add(Q, "only here")
        report = minutes_markdown(store)
        assert report.count("## Kickoff board of") == 1 and "only here" in report

    def test_the_demo_has_a_full_kickoff_board(self, store: NetworkStore) -> None:
        demo = build_demo(store)
        kickoff = demo.meeting(MeetingKind.KICKOFF)
        items = [i for i in store.repo(BoardItem).all() if i.meeting_id == kickoff.id]
        assert {i.column for i in items} == set(BoardColumn)
        assert any(i.archived for i in items) and any(i.merged for i in items) and any(i.votes for i in items)
        assert any(i.status is ItemStatus.PARKED for i in items)
        introduced = {i.member_id for i in items if i.column is BoardColumn.INTRODUCTIONS}
        assert introduced <= {m.id for m in demo.members} and len(introduced) >= 5
