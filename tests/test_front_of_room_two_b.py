"""Issue 22, in front of the room, round two (items 11 and 13-20): each driven by keyboard at the size
where it was seen, checking what the screen shows and what the store holds."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FakeClock
from conftest import notified as notified_messages
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static, TextArea

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case, RoundSpec, Speakers, TimeBox
from ln_tui.evaluation.model import Evaluation
from ln_tui.kickoff.model import BoardItem
from ln_tui.model import Meeting, MeetingKind, Member, Note
from ln_tui.present.view import ROOM_SETTING, EvaluationRoom
from ln_tui.report import minutes_markdown
from ln_tui.screens.agenda.screen import AgendaScreen
from ln_tui.screens.dialogs import ConfirmDialog, HelpDialog, KeyList
from ln_tui.screens.evaluation.form import EvaluationFormScreen
from ln_tui.screens.evaluation.screen import EvaluationScreen
from ln_tui.screens.evaluation.summary import SummaryScreen
from ln_tui.screens.forms import FormBody, FormDialog
from ln_tui.screens.present.app import PresentApp
from ln_tui.screens.widgets.key_bar import KeyBar
from ln_tui.settings import Settings
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
SMALL = (80, 24)
LARGE = (120, 36)


def notified(app: LnApp, words: str) -> bool:
    return any(words in message for message in notified_messages(app))


def meeting_with_case(store: NetworkStore) -> tuple[list[Member], Meeting, Case]:
    members = store.members.add_many([Member(n) for n in ("Jan", "Bart", "Claire")])
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    rounds = [RoundSpec("Questions", 60, TimeBox.PER_SPEAKER, Speakers.ALL_BUT_BRINGER)]
    case = store.repo(Case).add(Case(meeting.id, "Mr De Vos", members[1].id, "What now?", "", "Own", rounds))
    return members, meeting, case


# -- 11. a note for the speaker whose turn runs: the turn is in the export too ---------------------------------
class TestTheRunningTurnInTheExport:
    async def test_the_running_turn_carries_its_note(
        self, store: NetworkStore, make_app: AppFactory, clock: FakeClock
    ) -> None:
        _members, meeting, _case = meeting_with_case(store)
        app = make_app(store, screen="discussion", wall_clock=clock)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("space")
            clock.advance(42)
            await pilot.press("ctrl+n", *"Ask the GP", "enter")
            await pilot.pause()
            assert [n.text for n in store.notes.all()] == ["Ask the GP"]
            exported = minutes_markdown(store, meeting)
            assert "- Jan: 0:42 (turn still running)\n  - Note: Ask the GP" in exported
            await pilot.press("space")  # paused: the time spoken so far, not counting on
            clock.advance(100)
            assert "- Jan: 0:42 (turn still running)\n  - Note: Ask the GP" in minutes_markdown(store, meeting)
            await pilot.press("n")  # the turn closed: the stored turn, once
            await pilot.pause()
            exported = minutes_markdown(store, meeting)
            assert "- Jan: 0:42\n  - Note: Ask the GP" in exported and "still running" not in exported
            assert exported.count("Ask the GP") == 1

    def test_a_note_for_a_speaker_without_a_turn_keeps_the_name(self, store: NetworkStore) -> None:
        members, meeting, case = meeting_with_case(store)
        context = {"case_id": case.id or 0, "round": 0, "speaker_id": members[2].id or 0}
        store.notes.add(Note(meeting.id, "Ask the GP", "2026-03-03T13:40:00", context))
        assert "- Note for Claire: Ask the GP" in minutes_markdown(store, meeting)


# -- 13. `ln-tui demo` into a folder that is not there names the folder ----------------------------------------
class TestAMissingFolder:
    def run(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        code = main(list(args))
        return code, capsys.readouterr().err

    def test_the_demo_names_the_missing_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        target = tmp_path / "path" / "in" / "missing" / "folder" / "demo.json"
        code, err = self.run(capsys, "demo", str(target), "--no-open")
        assert code == 2
        assert f"the folder {tmp_path / 'path'} does not exist" in err and "demo.json" in err
        assert ".lock" not in err and "No such file" not in err
        assert not (tmp_path / "path").exists(), "nothing is made on the way"

    def test_a_file_in_the_way_is_named_too(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (tmp_path / "notes.txt").write_text("mine")
        code, err = self.run(capsys, "demo", str(tmp_path / "notes.txt" / "demo.json"), "--no-open")
        assert code == 2 and f"{tmp_path / 'notes.txt'} is a file, not a folder" in err
        assert (tmp_path / "notes.txt").read_text() == "mine"

    def test_a_follow_up_network_names_the_missing_folder(
        self, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        NetworkStore.open(network_path).close()
        code, err = self.run(capsys, "new", "--from", str(network_path), str(tmp_path / "gone" / "next.json"))
        assert code == 2 and f"the folder {tmp_path / 'gone'} does not exist" in err

    def test_in_dutch_too(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, err = self.run(capsys, "--lang", "nl", "demo", str(tmp_path / "weg" / "demo.json"), "--no-open")
        assert code == 2 and f"de map {tmp_path / 'weg'} bestaat niet" in err


# -- 14. an evaluation answer too long to save: closing the form asks first ------------------------------------
class TestATooLongAnswerIsNotDroppedSilently:
    async def open_went_well(self, app: LnApp, pilot: Pilot[None]) -> TextArea:
        await pilot.press("enter", "4")  # Ann's form, a first rating
        assert isinstance(app.screen, EvaluationFormScreen)
        for _tab in range(30):
            if isinstance(app.focused, TextArea):
                break
            await pilot.press("tab")
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "answer-went_well"
        await pilot.press(*"Short")
        app.post_message(events.Paste("x" * 5000))  # pasted, as a terminal sends it
        await pilot.pause()
        assert len(area.text) == 5005
        return area

    @pytest.fixture
    def closing(self, store: NetworkStore) -> Meeting:
        store.members.add_many([Member("Ann Aerts"), Member("Bart Baert")])
        return store.meetings.add(Meeting("2026-05-26", MeetingKind.CLOSING, title="Slot"))

    async def test_escape_asks_and_no_goes_back_to_the_answer(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            area = await self.open_went_well(app, pilot)
            await pilot.press("escape")
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            asked = str(dialog.query_one(".dialog-title").render()) + str(dialog.query_one(".dialog-detail").render())
            assert "Throw this text away?" in asked
            assert "What went well? — 5005 characters, at most 5000: not saved." in asked
            await pilot.press("n")
            assert isinstance(app.screen, EvaluationFormScreen) and app.focused is area
            assert len(area.text) == 5005, "still there to shorten"
            await pilot.press("end", *["backspace"] * 5)
            await pilot.press("escape")
            assert isinstance(app.screen, EvaluationScreen), "short enough: saved, closed without a question"
            assert store.repo(Evaluation).all()[0].answers == {"went_well": "Short" + "x" * 4995}

    async def test_yes_closes_and_keeps_what_was_saved(
        self, store: NetworkStore, closing: Meeting, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await self.open_went_well(app, pilot)
            await pilot.press("escape", "y")
            assert isinstance(app.screen, EvaluationScreen)
            [form] = store.repo(Evaluation).all()
            assert form.answers == {"went_well": "Short"} and form.ratings == {"relevance": 4}


# -- 15. the facilitator pages the room's copy of the evaluation summary -------------------------------------
class TestPagingTheRoomsSummary:
    @pytest.mark.long
    async def test_the_room_follows_the_parts_the_console_pages_to(
        self, demo_store: NetworkStore, make_app: AppFactory, clock: FakeClock, network_path: Path
    ) -> None:
        console = make_app(demo_store, screen="evaluation")
        room = PresentApp(network_path, wall=clock, settings=Settings(theme="projector", language="en"))
        async with console.run_test(size=SMALL) as pilot, room.run_test(size=SMALL):
            await pilot.press("s", "f12")  # the summary, shown to the room
            assert isinstance(console.screen, SummaryScreen)
            room.room.poll()
            view = room.room.view
            assert isinstance(view, EvaluationRoom) and "## Closed questions" in view.markdown
            line = str(console.screen.query_one("#summary-room", Label).render())
            assert "The room shows the summary from its top." in line

            def room_shows() -> str:
                room.room.poll()
                view = room.room.view
                assert isinstance(view, EvaluationRoom)
                return view.markdown

            parts = [label.id for label in console.screen.query(".room-part")]
            assert parts[:3] == ["part-closed", "part-recommend", "part-learning-forms"]
            assert "part-open-went_well" in parts
            await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
            assert demo_store.setting(ROOM_SETTING)["part"] == "learning-forms"
            shown = room_shows()
            assert shown.startswith("# Evaluation\n\n*") and "## Learning forms, best appreciated first" in shown
            assert "## Closed questions" not in shown and "## What went well?" in shown, "and what follows"
            assert "Learning forms, best appreciated first" in str(console.screen.query_one("#summary-room").render())
            assert "Learning forms" in await room_text(room)

            await pilot.press("right_square_bracket")
            assert room_shows().split("\n\n")[2] == "## What went well?"
            await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
            assert room_shows().split("\n\n")[2].startswith("## Closed questions")
            await pilot.press("left_square_bracket")
            assert demo_store.setting(ROOM_SETTING)["part"] == ""

            await pilot.press("end")  # the console's own scrolling keys page the room too
            await pilot.pause()
            assert "## Closed questions" not in room_shows()
            await pilot.press("home")
            await pilot.pause()
            assert "## Closed questions" in room_shows()

    async def test_paging_changes_nothing_while_the_room_shows_something_else(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(demo_store, screen="evaluation")
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("s", "right_square_bracket", "right_square_bracket", "pagedown")
            await pilot.pause()
            assert demo_store.setting(ROOM_SETTING) is None
            assert not app.screen.query_one("#summary-room").display


async def room_text(app: PresentApp) -> str:
    """Everything painted on the room's screen, as plain text (from the real screenshot)."""
    await Pilot(app).pause()
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg.split("</style>")[-1]))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_snapshot_the_summary_paged_for_the_room(snap_compare, demo_store: NetworkStore, make_app: AppFactory) -> None:
    async def paged(pilot: Pilot[None]) -> None:
        await pilot.press("s", "f12", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        pilot.app.clear_notifications()  # the toast "Shown to the room" covers the line that says from where

    assert snap_compare(make_app(demo_store, screen="evaluation"), run_before=paged, terminal_size=SMALL)


# -- 16. a form opens with its own title in view at 80x24 ----------------------------------------------------
@pytest.mark.parametrize(
    ("home", "keys", "title"),
    [
        ("roster", ["a"], "Add a member"),
        ("network", ["ctrl+t", "a"], "Plan a meeting"),
        ("discussion", ["c"], "Bring in a case"),
    ],
)
async def test_a_form_opens_on_its_title(
    store: NetworkStore, make_app: AppFactory, home: str, keys: list[str], title: str
) -> None:
    meeting_with_case(store)
    app = make_app(store, screen=home)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        heading = form.query_one(".dialog-title", Label)
        assert str(heading.render()) == title
        assert form.query_one(FormBody).scroll_y == 0
        assert app.screen.region.contains_region(heading.region) and heading.region.height == 1
        focused = app.focused
        assert focused is not None and form.query_one(FormBody).region.contains_region(focused.region)


# -- 17. an empty board says how to add ------------------------------------------------------------------------
async def test_an_empty_board_says_press_n_to_add(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add(Member("Ann"))
    kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
    store.set_current_meeting(kickoff.id)
    app = make_app(store, screen="kickoff")

    def painted(column: str) -> str:
        board_list = app.screen.query_one(f"#list-{column}")
        lines = (board_list.render_line(y).text.strip() for y in range(board_list.size.height))
        return " ".join(line for line in lines if line)

    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert painted("introductions") == "Nothing here yet: press n to add one."
        assert painted("questions") == "", "said where n adds: in the column that has the focus"
        await pilot.press("right")
        await pilot.pause()
        assert painted("introductions") == "" and painted("questions") == "Nothing here yet: press n to add one."
        await pilot.press("n", *"Who pays?", "ctrl+s")
        await pilot.pause()
        assert [item.text for item in store.repo(BoardItem).all()] == ["Who pays?"]
        assert "Who pays?" in painted("questions") and "Nothing here yet" not in painted("questions")
        await pilot.press("f9")
        await pilot.pause()
        assert painted("questions").startswith("Who pays?")
        await pilot.press("left")
        await pilot.pause()
        assert painted("introductions") == "Nog niets: druk n om er een toe te voegen."


def test_snapshot_an_empty_board(snap_compare, store: NetworkStore, make_app: AppFactory) -> None:
    kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
    store.set_current_meeting(kickoff.id)
    assert snap_compare(make_app(store, screen="kickoff"), terminal_size=SMALL)


async def screen_text(app: LnApp) -> str:
    """Everything painted on the console's screen, as plain text (from the real screenshot)."""
    await Pilot(app).pause()
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg.split("</style>")[-1]))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


# -- 18. F1: the screen's keys, the app's, then Textual's; all in Dutch; ctrl+q listed -----------------------------
def textual_classes_imported() -> set[type]:
    """Every class ln-tui imports from Textual's widgets, containers, screens and app."""
    import ast
    import importlib

    import ln_tui

    found: set[type] = set()
    for path in Path(ln_tui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                module = importlib.import_module(node.module or "")
                found |= {obj for alias in node.names if isinstance(obj := getattr(module, alias.name), type)}
    return found


def test_every_textual_key_ln_tui_meets_has_its_dutch() -> None:
    from textual.dom import DOMNode

    from ln_tui.i18n_catalogues import translated
    from ln_tui.screens.textual_keys import TEXTUAL_KEY_CLASSES, textual_descriptions

    used = {cls for cls in textual_classes_imported() if issubclass(cls, DOMNode) and textual_descriptions(cls)}
    assert used and all(issubclass(cls, TEXTUAL_KEY_CLASSES) for cls in used), "each one's keys marked"
    dutch = translated("nl")
    missing = {d for cls in TEXTUAL_KEY_CLASSES for d in textual_descriptions(cls) if d not in dutch}
    assert not missing


def keys_listed(app: LnApp) -> list[tuple[str, str]]:
    table = app.screen.query_one(KeyList)
    return [(str(table.get_row_at(row)[0]), str(table.get_row_at(row)[1])) for row in range(table.row_count)]


@pytest.mark.parametrize(
    ("home", "keys", "first", "global_key"),
    [
        ("roster", ["a"], ("esc", "Annuleren"), ("^q", "Afsluiten")),  # a form: a text field has the focus
        ("discussion", [], ("space", "Pauze / verder"), ("^q", "Afsluiten")),
        ("kickoff", ["n"], ("esc", "Annuleren"), ("^q", "Afsluiten")),  # the board's editor: a text area
    ],
)
async def test_f1_lists_the_screens_keys_then_the_apps_then_textuals_in_dutch(
    demo_store: NetworkStore,
    make_app: AppFactory,
    home: str,
    keys: list[str],
    first: tuple[str, str],
    global_key: tuple[str, str],
) -> None:
    from ln_tui.i18n_catalogues import translated

    app = make_app(demo_store, screen=home)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f9", *keys, "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        listed = keys_listed(app)
        assert listed[0] == first
        assert global_key in listed, "ctrl+q (quit) is listed"
        english = {msgid for msgid, entry in translated("nl").items() if entry.msgstr != msgid}
        assert not [does for _key, does in listed if does in english], "nothing left in English"
        where = {key: index for index, (key, _does) in enumerate(listed)}
        assert where["^q"] > where[first[0]], "the screen's own keys first"
        assert where["tab"] > where["^q"], "Textual's keys (Focus Next) after the app's"


# -- 19. small things ---------------------------------------------------------------------------------------------
async def test_a_bidi_override_in_a_name_is_shown_escaped_in_a_toast_and_a_question(
    store: NetworkStore, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    toasts: list[str] = []  # what reaches Textual's toasts
    monkeypatch.setattr(App, "notify", lambda self, message, **kwargs: toasts.append(message))
    store.members.add(Member("Ann\u202eX"))
    app = make_app(store, screen="roster")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-title", Label).render())
        assert "Ann\\x202eX" in question and "\u202e" not in question
        await pilot.press("y")
        await pilot.pause()
        assert store.members.all() == []
        assert toasts == ["Ann\\x202eX removed. Press u to undo."]


@pytest.mark.parametrize(("presses", "said"), [(1, "Now a decision."), (2, "Now an action."), (3, "Now a note.")])
async def test_the_kind_of_a_note_is_said_in_good_english(
    store: NetworkStore, make_app: AppFactory, presses: int, said: str
) -> None:
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
    store.set_current_meeting(meeting.id)
    store.notes.add(Note(meeting.id, "Ask the GP", "2026-03-03T13:40:00"))
    app = make_app(store, screen="minutes")
    async with app.run_test(size=SMALL) as pilot:
        for _press in range(presses):
            await pilot.press("k")
        await pilot.pause()
        assert notified_messages(app)[-1] == said


@pytest.mark.parametrize(("spent", "said"), [(19.5, "9 min late · ends at 16:09"), (10.9, "on time · ends at 16:00")])
async def test_the_forecast_s_lateness_agrees_with_its_clock_times(
    store: NetworkStore,
    make_app: AppFactory,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    spent: float,
    said: str,
) -> None:
    clock.now = datetime.datetime(2026, 3, 3, 13, 30).timestamp()
    meeting = store.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30", title="Meeting 2"))
    store.set_current_meeting(meeting.id)
    app = make_app(store, screen="agenda", wall_clock=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s")  # the first item (10 min) runs over
        clock.advance(spent * 60)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        screen.tick()
        await pilot.pause()
        line = str(screen.query_one("#meeting-line", Static).visual)
        assert f"{said} (planned 16:00)" in line


async def test_space_says_start_before_the_turn_s_clock_has_run(
    store: NetworkStore, make_app: AppFactory, clock: FakeClock
) -> None:
    meeting_with_case(store)
    app = make_app(store, screen="discussion", wall_clock=clock)

    def bar() -> str:
        return str(app.screen.query_one(KeyBar).render())

    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "space Start" in bar() and "Pause" not in bar()
        await pilot.press("space")
        await pilot.pause()
        assert "space Pause" in bar()
        clock.advance(5)
        await pilot.press("space")
        await pilot.pause()
        assert "space Resume" in bar()
        await pilot.press("n")  # the next turn runs at once
        await pilot.pause()
        assert "space Pause" in bar()


async def test_home_and_end_go_to_the_first_and_last_form_on_f6(demo_store: NetworkStore, make_app: AppFactory) -> None:
    app = make_app(demo_store, screen="roster")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#forms-table", DataTable)
        assert app.focused is table and table.row_count > 3
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("x", "end")  # the expectations of the kickoff, the same keys
        expectations = app.screen.query_one("#expectations-table", DataTable)
        assert expectations.row_count > 1 and expectations.cursor_row == expectations.row_count - 1


# -- 20. plurals: every count followed by what it counts goes through ngettext -----------------------------------
COUNTS = {"count", "n", "total", "members", "methods", "templates", "forms", "archived", "max", "most", "minutes"}
NOT_COUNTED = {"min", "of", "to", "so", "in", "more", "or"}  # "{minutes} min", "{shown} of", "{count} to confirm"
COUNTED = re.compile(r"\{(\w+)\} ([a-z]+)")


def test_every_message_with_a_count_of_things_has_plural_forms() -> None:
    from ln_tui.i18n_catalogues import marked_strings

    singular = [
        f"{mark.where}: {msgid}"
        for msgid, mark in marked_strings().items()
        if mark.plural is None
        and any(name in COUNTS and word not in NOT_COUNTED for name, word in COUNTED.findall(msgid))
    ]
    assert not singular


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 member imported into", "2 members imported into"),
        ("nl", "1 deelnemer geïmporteerd in", "2 deelnemers geïmporteerd in"),
    ],
)
def test_members_import_says_one_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, one: str, two: str
) -> None:
    network = tmp_path / "network.json"
    NetworkStore.open(network).close()
    for name, said in ((["Ann"], one), (["Bart", "Claire"], two)):
        table = tmp_path / "members.csv"
        table.write_text("name,email\n" + "".join(f"{n},\n" for n in name), encoding="utf-8")
        assert main(["--lang", language, "members", "import", str(network), str(table)]) == 0
        assert said in capsys.readouterr().out


async def test_the_roster_and_the_board_count_in_words_that_agree(store: NetworkStore, make_app: AppFactory) -> None:
    store.members.add(Member("Ann"))
    kickoff = store.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
    store.set_current_meeting(kickoff.id)
    app = make_app(store, screen="roster")
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert "1 of 1 member, sorted by name" in str(app.screen.query_one("#roster-status", Static).visual)
        await pilot.press("f4", "n", *"Who pays?", "ctrl+s")
        await pilot.pause()
        assert "· 1 item ·" in str(app.screen.query_one("#board-heading", Static).visual)
        await pilot.press("f9")
        await pilot.pause()
        assert "· 1 item · 0 in het archief" in str(app.screen.query_one("#board-heading", Static).visual)


async def test_a_family_emoji_keeps_every_person_and_its_row_in_line(store: NetworkStore, make_app: AppFactory) -> None:
    from rich.cells import cell_len

    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    store.members.add_many([Member(f"Ann {family}", organisation="OCMW"), Member("Bart", organisation="CM")])
    app = make_app(store, screen="roster")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("RowTable")
        lines = [table.render_line(y).text for y in range(3)]
        ann = next(line for line in lines if "Ann" in line)
        bart = next(line for line in lines if "Bart" in line)
        assert "\U0001f468\U0001f469\U0001f467\U0001f466" in ann and "\u200d" not in ann, "four people, none joined"
        assert cell_len(ann[: ann.index("OCMW")]) == cell_len(bart[: bart.index("CM")]), "the next column in line"
    assert store.members.all()[0].name == f"Ann {family}", "the name itself kept as typed"
