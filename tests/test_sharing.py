"""What is said here stays here: minutes and the report "to share" hold only what may leave the
group; "for the group" holds everything. Golden files of the demo, the command line's --for, and
the Minutes home's export flow (the app shows what will leave the group and asks first).

After a deliberate change, regenerate with
    LN_TUI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_sharing.py
and read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import notified
from test_report_golden import check_golden, fixed_today  # noqa: F401 (the fixture: 'today' after the demo)
from textual.widgets import Markdown

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import Evaluation
from ln_tui.kickoff.model import BoardColumn, BoardItem
from ln_tui.minutes.notes import Minutes
from ln_tui.model import Audience, MeetingKind, NoteKind
from ln_tui.report import minutes_markdown, to_html
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SIZE = (80, 24)


def what_must_stay(store: NetworkStore) -> dict[str, list[str]]:
    """The demo's texts that must never leave the group, by kind."""
    notes = store.notes.all()
    forms = [f for f in store.repo(Evaluation).all() if f.counts and not f.anonymous and f.member_id is not None]
    return {
        "turn note": [n.text for n in notes if n.of_a_turn],
        "case text": [line for c in store.repo(Case).all() for line in c.context.splitlines() if line.strip()],
        "e-mail address": [m.email for m in store.members.all() if m.email],
        "named evaluation answer": [text.strip() for f in forms for text in f.answers.values() if text.strip()],
        "note not marked shareable": [n.text for n in notes if n.kind is NoteKind.NOTE and not n.may_be_shared],
        "board item not marked shareable": [
            i.text.splitlines()[0]
            for i in store.repo(BoardItem).all()
            if not i.shared and i.column is not BoardColumn.INTRODUCTIONS
        ],
    }


def every_export(store: NetworkStore, audience: Audience) -> str:
    """The report of the whole network and the minutes of every meeting, Markdown and HTML."""
    texts = []
    for meeting in [None, *store.meetings.all()]:
        markdown = minutes_markdown(store, meeting, audience)
        texts += [markdown, to_html(markdown, "x")]
    return "\n".join(texts)


def plain(html_or_markdown: str) -> str:
    """Text as a reader sees it (tags, emphasis and escapes away), to search in."""
    text = html.unescape(re.sub(r"<[^>]+>", "", html_or_markdown))
    return re.sub(r"[\\*_]", "", text)


class TestTheDemo:
    @pytest.mark.parametrize("kind", ["network", "closing"])
    def test_to_share_matches_its_golden_files(self, demo_store: NetworkStore, kind: str) -> None:
        meeting = None
        if kind == "closing":
            meeting = next(m for m in demo_store.meetings.all() if m.kind is MeetingKind.CLOSING)
        markdown = minutes_markdown(demo_store, meeting, Audience.SHARE)
        check_golden(f"demo-{kind}-to-share.md", markdown)
        check_golden(f"demo-{kind}-to-share.html", to_html(markdown, demo_store.profile().name))

    def test_nothing_that_stays_in_the_group_is_in_any_export_to_share(self, demo_store: NetworkStore) -> None:
        shared = plain(every_export(demo_store, Audience.SHARE))
        for kind, texts in what_must_stay(demo_store).items():
            assert texts, f"the demo has no {kind} to test with"
            for text in texts:
                assert plain(text) not in shared, f"a {kind} left the group: {text}"
        assert "Case-bringer" not in shared and "| Member |" not in shared  # no bringers, no attendance by name

    def test_for_the_group_everything_is_there(self, demo_store: NetworkStore) -> None:
        group = plain(every_export(demo_store, Audience.GROUP))
        for kind, texts in what_must_stay(demo_store).items():
            for text in texts:
                assert plain(text) in group, f"a {kind} is missing from the minutes for the group: {text}"

    def test_what_was_marked_shareable_is_shared_without_names(self, demo_store: NetworkStore) -> None:
        shared = minutes_markdown(demo_store, None, Audience.SHARE)
        assert "Een lotgenotengroep kan meer doen dan een professional." in shared  # a note on a case, marked
        assert "Welke digitale tools gebruiken jullie voor het zorgplan?" in shared  # a board item, marked
        assert "Dhr. V., 80+" in shared and "Een tachtiger wil niet naar het woonzorgcentrum" in shared
        assert "Casussen worden altijd geanonimiseerd ingebracht" in shared  # a decision: shareable by default
        assert "Mantelzorgers haken af als niemand hen vraagt wat ze vrezen." in shared  # the harvest's insights
        second = sorted(demo_store.meetings.all(), key=lambda m: m.date)[1]
        minutes = minutes_markdown(demo_store, second, Audience.SHARE)
        assert "Volgende keer een grotere zaal vragen aan De Linde" in minutes
        assert "Lotte komt later" not in minutes and "Lotte komt later" in minutes_markdown(demo_store, second)
        assert "present: 8 · absent: 1 · excused: 1" in minutes

    def test_a_decision_unmarked_stays_and_a_turn_note_cannot_be_marked(self, demo_store: NetworkStore) -> None:
        minutes = Minutes(demo_store)
        decision = next(n for n in demo_store.notes.all() if n.kind is NoteKind.DECISION)
        minutes.toggle_shared(decision)
        assert decision.text not in minutes_markdown(demo_store, None, Audience.SHARE)
        turn_note = next(n for n in demo_store.notes.all() if n.of_a_turn)
        assert isinstance(minutes.toggle_shared(turn_note), str)
        assert demo_store.notes.get(turn_note.id or 0).shared is None  # type: ignore[union-attr]  # it is there


class TestTheCommandLine:
    def test_export_for_share_and_for_the_group(self, demo_store: NetworkStore, tmp_path: Path) -> None:
        path = demo_store.path
        demo_store.close()
        shared, group, default = tmp_path / "share.html", tmp_path / "group.html", tmp_path / "default.html"
        assert main(["export", str(path), "--for", "share", "--format", "html", "-o", str(shared)]) == 0
        assert main(["export", str(path), "--for", "group", "--format", "html", "-o", str(group)]) == 0
        assert main(["export", str(path), "--format", "html", "-o", str(default)]) == 0
        assert group.read_text() == default.read_text() != shared.read_text()
        assert "Report to share" in shared.read_text() and "@delinde.be" not in shared.read_text()
        assert "els.vandenbroeck@delinde.be" in group.read_text()

    def test_an_unknown_audience_is_refused(self, demo_store: NetworkStore, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["export", str(demo_store.path), "--for", "everyone"]) != 0
        assert "(choose from 'group', 'share')" in capsys.readouterr().err


class TestTheApp:
    async def test_export_to_share_shows_what_leaves_and_asks(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="minutes")
        second = sorted(demo_store.meetings.all(), key=lambda m: m.date)[1]
        target = demo_store.path.with_name("network-minutes-2-to-share.md")
        async with app.run_test(size=SIZE) as pilot:
            while app.screen.meeting.id != second.id:  # type: ignore[attr-defined]
                await pilot.press("right_square_bracket")
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            preview = app.screen.query_one(Markdown)
            assert "Minutes to share" in preview.source and "Lotte komt later" not in preview.source
            assert "will leave the group" in " ".join(str(label.render()) for label in app.screen.query("Label"))
            await pilot.press("escape")  # cancelled: nothing written
            await pilot.pause()
            assert not target.exists()
            await pilot.press("x", "s")
            await pilot.pause()
            await pilot.press("m")  # write it, as Markdown
            await pilot.pause()
            assert target.read_text() == minutes_markdown(demo_store, second, Audience.SHARE)
            assert any("to share" in message and str(target) in message for message in notified(app))

    async def test_export_for_the_group_writes_everything_at_once(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="minutes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("x", "h")
            await pilot.pause()
        written = list(demo_store.path.parent.glob("network-minutes-*.html"))
        assert len(written) == 1 and "to-share" not in written[0].name

    async def test_the_share_key_marks_a_note_and_refuses_a_turn_note(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="minutes")
        second = sorted(demo_store.meetings.all(), key=lambda m: m.date)[1]
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            while screen.meeting.id != second.id:  # type: ignore[attr-defined]
                await pilot.press("right_square_bracket")
            turn_note = screen.selected_note()  # type: ignore[attr-defined]
            assert turn_note is not None and turn_note.of_a_turn
            await pilot.press("s")
            await pilot.pause()
            assert any("stays in the group" in message for message in notified(app))
            assert demo_store.notes.get(turn_note.id).shared is None  # type: ignore[union-attr]
            while "Lotte komt later" not in screen.selected_note().text:  # type: ignore[attr-defined]
                await pilot.press("down")
            note = screen.selected_note()  # type: ignore[attr-defined]
            assert not note.may_be_shared
            await pilot.press("s")
            await pilot.pause()
            assert demo_store.notes.get(note.id).may_be_shared  # type: ignore[union-attr]
            assert "Lotte komt later" in minutes_markdown(demo_store, second, Audience.SHARE)
            await pilot.press("s")
            await pilot.pause()
            assert not demo_store.notes.get(note.id).may_be_shared  # type: ignore[union-attr]


class TestTheBoard:
    async def test_g_marks_an_item_shareable_shown_on_its_card_and_undone(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        from test_kickoff_screen import card, column_of, put, seed

        meeting, _members = seed(store)
        [question] = put(store, meeting, BoardColumn.QUESTIONS, "Which tools do your teams use?", member_id=1)
        app = make_app(store, screen="kickoff")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right", "g")
            await pilot.pause()
            assert "may be shared" in card(column_of(app, BoardColumn.QUESTIONS), 0)
            assert store.repo(BoardItem).get(question.id or 0).shared  # type: ignore[union-attr]
            shared = minutes_markdown(store, meeting, Audience.SHARE)
            assert "Which tools do your teams use?" in shared and "Ann Peeters" not in shared
            await pilot.press("u")
            await pilot.pause()
            assert "may be shared" not in card(column_of(app, BoardColumn.QUESTIONS), 0)
        assert not store.repo(BoardItem).get(question.id or 0).shared  # type: ignore[union-attr]
        assert "Which tools" not in minutes_markdown(store, meeting, Audience.SHARE)


def test_snapshot_what_will_leave_the_group(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    # (The export choice names the network's folder, a new temporary one in each run: no snapshot of it.)
    assert snap_compare(make_app(demo_store, screen="minutes"), press=["x", "s"], terminal_size=SIZE)
