"""The roster home, driven by keyboard only: add, edit, remove and undo, filter, sort, attendance, CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import notified
from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.discussion.model import Case
from ln_tui.model import Meeting, Member, Presence, Role
from ln_tui.screens.dialogs import ConfirmDialog, TextDialog
from ln_tui.screens.roster.forms import MemberForm, ProblemsDialog
from ln_tui.screens.roster.screen import RosterScreen
from ln_tui.screens.widgets.table import RowTable
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]
HOSTILE = "[@click=app.quit]Ann[/]"


def table_rows(app: LnApp) -> list[list[str]]:
    table = app.screen.query_one("#roster-table", RowTable)
    return [[str(cell) for cell in row] for row in table.rows]


def table_names(app: LnApp) -> list[str]:
    return [row[1] for row in table_rows(app)]


def row_of(app: LnApp, name: str) -> list[str]:
    return table_rows(app)[table_names(app).index(name)]


def add_people(store: NetworkStore) -> list[Member]:
    return store.members.add_many(
        [
            Member("Ann Peeters", "ann@thuiszorg.be", "Thuiszorg Gent", Role.FACILITATOR, "intervisie"),
            Member("Bart Claes", "bart@ocmw.be", "OCMW Lokeren", Role.PARTICIPANT, "armoede"),
            Member("Zoë Maes", "zoe@ugent.be", "UGent", Role.GUEST, "onderzoek"),
        ]
    )


class TestAddAndEdit:
    async def test_a_member_is_added_after_the_form_says_what_is_wrong(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            assert "No members yet" in str(app.screen.query_one("#roster-empty").render())
            await pilot.press("a", "enter")
            form = app.screen
            assert isinstance(form, MemberForm)
            assert str(form.query_one("#error-name").render()) == "A name is required."
            await pilot.press(*"Zoë", "tab", *"zoe-at-ugent", "enter")
            form.query_one("#field-name", Input).value = "Zoë 🙂"  # an emoji is no key to press
            assert isinstance(app.screen, MemberForm)
            assert "e-mail" in str(form.query_one("#error-email").render())
            assert form.focused is form.query_one("#field-email")
            form.query_one("#field-email", Input).value = "zoe@ugent.be"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
            assert [(m.name, m.email) for m in store.members.all()] == [("Zoë 🙂", "zoe@ugent.be")]
            assert table_names(app) == ["Zoë 🙂"]

    async def test_a_likely_duplicate_is_pointed_out_and_can_be_saved_anyway(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        add_people(store)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("a", *"bart claes", "enter")
            notice = str(app.screen.query_one("#form-notice").render())
            assert "Bart Claes (bart@ocmw.be)" in notice and len(store.members) == 3
            await pilot.press("enter")
            await pilot.pause()
            assert len(store.members) == 4

    async def test_edit_with_e_or_enter(self, store: NetworkStore, make_app: AppFactory) -> None:
        ann, *_ = add_people(store)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("e")
            form = app.screen
            assert isinstance(form, MemberForm) and form.query_one("#field-name", Input).value == "Ann Peeters"
            form.query_one("#field-organisation", Input).value = "Wit-Gele Kruis"
            await pilot.press("enter")
            await pilot.pause()
            assert store.members.get(ann.id).organisation == "Wit-Gele Kruis"  # type: ignore[arg-type, union-attr]
            await pilot.press("enter")
            assert isinstance(app.screen, MemberForm)
            await pilot.press("escape")
            assert isinstance(app.screen, RosterScreen)

    async def test_a_hostile_name_shows_literally_and_quits_nothing(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("a", *HOSTILE, "enter")
            await pilot.pause()
            assert table_names(app) == [HOSTILE]
            await pilot.click("#roster-table", offset=(15, 1))
            await pilot.pause()
            assert app.is_running and store.members.all()[0].name == HOSTILE

    async def test_a_10000_character_name_is_refused_plainly_and_kept_in_the_form(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("a")
            app.screen.query_one("#field-name", Input).value = "x" * 10_000
            await pilot.press("enter")
            assert str(app.screen.query_one("#error-name").render()) == "At most 300 characters; this has 10000."
            assert app.screen.query_one("#field-name", Input).value == "x" * 10_000
            assert len(store.members) == 0

    async def test_control_characters_and_rtl_text_show_as_text(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        store.members.add_many([Member("Ann\x1b[31m\x07", organisation="مستشفى \u202eevil"), Member("[b")])
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)):
            assert table_names(app) == ["[b", "Ann\\x1b[31m\\x07"]
            assert row_of(app, "Ann\\x1b[31m\\x07")[2] == "مستشفى \\x202eevil"


class TestRemove:
    async def test_remove_asks_first_and_undo_puts_the_member_back(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        _ann, bart, _zoe = add_people(store)
        meeting = store.meetings.add(Meeting("2025-01-10", attendance={bart.id: Presence.EXCUSED}))  # type: ignore[dict-item]
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("down", "delete")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            assert len(store.members) == 3
            await pilot.press("delete", "y")
            await pilot.pause()
            assert [m.name for m in store.members.all()] == ["Ann Peeters", "Zoë Maes"]
            await pilot.press("u")
            await pilot.pause()
            back = store.members.get(bart.id)  # type: ignore[arg-type]
            assert back == bart
            assert store.meetings.get(meeting.id).presence(bart.id) is Presence.EXCUSED  # type: ignore[arg-type, union-attr]
            assert "Bart Claes" in table_names(app)


class TestFilterAndSort:
    async def test_the_filter_narrows_as_you_type_and_escape_clears_it(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        add_people(store)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("slash", *"gent")
            assert table_names(app) == ["Ann Peeters", "Zoë Maes"]
            await pilot.press("space", *"thuis")
            assert table_names(app) == ["Ann Peeters"]
            assert "1 of 3 members" in str(app.screen.query_one("#roster-status").render())
            await pilot.press("enter", "e")
            assert isinstance(app.screen, MemberForm)
            await pilot.press("escape", "slash", "escape")
            assert table_names(app) == ["Ann Peeters", "Bart Claes", "Zoë Maes"]

    async def test_sort_by_each_column_and_reverse(self, store: NetworkStore, make_app: AppFactory) -> None:
        add_people(store)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("s")
            assert table_names(app) == ["Bart Claes", "Ann Peeters", "Zoë Maes"]  # organisation
            assert "sorted by organisation" in str(app.screen.query_one("#roster-status").render())
            await pilot.press("r")
            assert table_names(app) == ["Zoë Maes", "Ann Peeters", "Bart Claes"]
            await pilot.press("s")
            assert table_names(app) == ["Ann Peeters", "Bart Claes", "Zoë Maes"]  # role


class TestAttendanceAndCases:
    async def test_one_key_toggles_absent_excused_present_for_the_meeting_shown(
        self, store: NetworkStore, make_app: AppFactory
    ) -> None:
        ann, *_ = add_people(store)
        first = store.meetings.add(Meeting("2025-01-10"))
        second = store.meetings.add(Meeting("2025-02-10"))
        store.set_current_meeting(first.id)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("space")
            assert store.meetings.get(first.id).presence(ann.id) is Presence.ABSENT  # type: ignore[arg-type, union-attr]
            assert row_of(app, "Ann Peeters")[0] == "absent" and row_of(app, "Ann Peeters")[4] == "50%"
            await pilot.press("space")
            assert store.meetings.get(first.id or 0).presence(ann.id or 0) is Presence.EXCUSED  # type: ignore[union-attr]  # the meeting exists
            await pilot.press("space")
            assert store.meetings.get(first.id or 0).attendance == {}  # type: ignore[union-attr]  # the meeting exists
            await pilot.press("right_square_bracket", "space")
            assert store.meetings.get(second.id or 0).presence(ann.id or 0) is Presence.ABSENT  # type: ignore[union-attr]  # the meeting exists
            assert "2025-02-10" in str(app.screen.query_one("#roster-status").render())

    async def test_cases_brought_are_counted(self, store: NetworkStore, make_app: AppFactory) -> None:
        ann, bart, _zoe = add_people(store)
        store.repo(Case).add_many([Case(None, "a", ann.id), Case(None, "b", ann.id), Case(None, "c", bart.id)])
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)):
            assert [row_of(app, n)[5] for n in ("Ann Peeters", "Bart Claes", "Zoë Maes")] == ["2", "1", "0"]


class TestCsv:
    async def test_import_adds_everyone_in_one_save(
        self, store: NetworkStore, make_app: AppFactory, tmp_path: Path
    ) -> None:
        (tmp_path / "in.csv").write_text(
            "name;email;organisation;role;expertise\nAnn;ann@x.be;OCMW;deelnemer;\nBart;;;;\n", encoding="utf-8"
        )
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("i")
            assert isinstance(app.screen, TextDialog)
            await pilot.press(*"in.csv", "enter")
            await pilot.pause()
            assert table_names(app) == ["Ann", "Bart"]

    async def test_a_bad_file_imports_nobody_and_lists_every_bad_row(
        self, store: NetworkStore, make_app: AppFactory, tmp_path: Path
    ) -> None:
        (tmp_path / "bad.csv").write_text(
            "name,email,organisation,role,expertise\nAnn,,,,\n,,,,x\nCas,nope,,,\n", encoding="utf-8"
        )
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("i", *str(tmp_path / "bad.csv"), "enter")
            await pilot.pause()
            assert isinstance(app.screen, ProblemsDialog)
            assert [p.split(":")[0] for p in app.screen.problems] == ["line 3", "line 4"]
            await pilot.press("escape")
            assert len(store.members) == 0

    async def test_a_missing_file_is_said_plainly(self, store: NetworkStore, make_app: AppFactory) -> None:
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("i", *"nope.csv", "enter")
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
            assert any("Cannot read" in message for message in notified(app))

    async def test_export_writes_beside_the_network_by_default(self, store: NetworkStore, make_app: AppFactory) -> None:
        add_people(store)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("x", "enter")
            await pilot.pause()
        written = store.path.with_name("network-members.csv").read_text(encoding="utf-8-sig")
        assert written.splitlines()[1] == "Ann Peeters,ann@thuiszorg.be,Thuiszorg Gent,facilitator,intervisie,"


# -- how it looks ------------------------------------------------------------------------------------
def fifty_members(store: NetworkStore) -> None:
    roles = [Role.FACILITATOR] + [Role.PARTICIPANT] * 46 + [Role.GUEST] * 3
    organisations = ["OCMW Gent", "Thuiszorg Gent", "Wit-Gele Kruis", "UGent", "Familiehulp"]
    with store.batch():
        members = store.members.add_many(
            [
                Member(
                    f"Member {i:02d} {'Zoë 🙂' if i == 7 else HOSTILE if i == 3 else 'Peeters'}",
                    f"m{i}@example.be",
                    organisations[i % 5],
                    role,
                    "casemanagement, dementie" if i % 2 else "armoede",
                )
                for i, role in enumerate(roles)
            ]
        )
        meeting = store.meetings.add(
            Meeting(
                "2025-03-10",
                attendance={
                    m.id: (Presence.ABSENT if i % 7 == 0 else Presence.EXCUSED)  # type: ignore[misc]
                    for i, m in enumerate(members)
                    if i % 5 == 0
                },
            )
        )
        store.set_current_meeting(meeting.id)


SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_empty_roster(snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store, screen="roster"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_fifty_members(snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    fifty_members(store)
    assert snap_compare(make_app(store, screen="roster"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_filter_active(snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]) -> None:
    fifty_members(store)
    assert snap_compare(make_app(store, screen="roster"), press=["slash", *"gent 1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_edit_form_with_a_validation_error(
    snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    fifty_members(store)
    assert snap_compare(
        make_app(store, screen="roster"), press=["e", "tab", "ctrl+u", *"not-an-address", "enter"], terminal_size=size
    )


async def test_the_roster_stays_filled_in_dutch(store: NetworkStore, make_app: AppFactory) -> None:
    add_people(store)
    app = make_app(store, screen="roster")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert table_names(app) == ["Ann Peeters", "Bart Claes", "Zoë Maes"]
        assert row_of(app, "Zoë Maes")[3] == "gast / expert"
        assert "3 van 3 deelnemers" in str(app.screen.query_one("#roster-status").render())


async def test_erasing_the_filter_brings_rows_back_after_a_change(store: NetworkStore, make_app: AppFactory) -> None:
    add_people(store)
    app = make_app(store, screen="roster")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"ann", "backspace", "backspace", "backspace")
        assert len(table_names(app)) == 3
        await pilot.press(*"bart", "enter", "e")
        app.screen.query_one("#field-name", Input).value = "Ann Bartels"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", "backspace", "backspace", "backspace", "backspace")
        assert table_names(app) == ["Ann Bartels", "Ann Peeters", "Zoë Maes"]
