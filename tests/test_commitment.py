"""The commitment (issue 27, item 3): each member confirms what the announcement asks of them, and the
roster shows it with their attendance against the number of meetings committed to."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from conftest import notified

from ln_tui.app import LnApp
from ln_tui.model import Engagement, Meeting, Member, Presence, Role
from ln_tui.screens.dialogs import HelpDialog, TextDialog
from ln_tui.screens.roster.screen import RosterScreen
from ln_tui.screens.widgets.table import RowTable
from ln_tui.store import NetworkStore
from ln_tui.thread.commitment import Commitments, commitment_figure

AppFactory = Callable[..., LnApp]
TODAY = datetime.datetime(2025, 4, 2, 10, 0).timestamp()  # the wall clock of these tests
COMMITMENT = 6  # the column of the commitment on the roster


def wall() -> float:
    return TODAY


def network(store: NetworkStore) -> dict[str, Member]:
    """Six meetings planned; four held by 2025-04-02 (one still to come); Bart joined before the third."""
    profile = store.profile()
    profile.name = "Zorg rond dementie"
    profile.engagement = Engagement(planned_meetings=6, cadence="monthly")
    store.save_profile(profile)
    ann, bart, zoe = store.members.add_many(
        [
            Member("Ann Peeters", "ann@thuiszorg.be", "Thuiszorg Gent", Role.FACILITATOR),
            Member("Bart Claes", "bart@ocmw.be", "OCMW Lokeren", joined="2025-02-20"),
            Member("Zoë Maes", "zoe@ugent.be", "UGent", commitment_confirmed="2025-01-08"),
        ]
    )
    a, b, z = ann.id or 0, bart.id or 0, zoe.id or 0
    meetings = store.meetings.add_many(
        [
            Meeting("2025-01-10", attendance={z: Presence.EXCUSED}),
            Meeting("2025-02-10", attendance={a: Presence.ABSENT, z: Presence.EXCUSED}),
            Meeting("2025-03-10", attendance={z: Presence.ABSENT}),
            Meeting("2025-04-01", attendance={b: Presence.EXCUSED}),
            Meeting("2025-05-10", attendance={a: Presence.ABSENT}),  # still to come: not counted
        ]
    )
    store.set_current_meeting(meetings[3].id)
    return {"ann": ann, "bart": bart, "zoe": zoe}


def rows(app: LnApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#roster-table", RowTable)
    return {str(row[1]): [str(cell) for cell in row] for row in table.rows}


def detail(app: LnApp) -> str:
    return str(app.screen.query_one("#roster-detail").render())


class TestTheFigure:
    def test_present_absent_and_excused_against_the_meetings_committed_to(self, store: NetworkStore) -> None:
        people = network(store)
        meetings = store.meetings.all()
        zoe = commitment_figure(people["zoe"], meetings, 6, "2025-04-02")
        # Zoë: four held, present once, excused twice, absent once without notice.
        assert (zoe.present, zoe.excused, zoe.absent, zoe.held, zoe.committed) == (1, 2, 1, 4, 6)
        assert zoe.attendance == "1 of 6" and zoe.confirmed == "2025-01-08"
        ann = commitment_figure(people["ann"], meetings, 6, "2025-04-02")
        assert (ann.present, ann.absent, ann.excused) == (3, 1, 0) and ann.attendance == "3 of 6"
        assert ann.confirmation == "not yet"

    def test_a_member_who_joined_later_commits_to_the_meetings_left(self, store: NetworkStore) -> None:
        bart = network(store)["bart"]
        figure = commitment_figure(bart, store.meetings.all(), 6, "2025-04-02")
        # Two meetings were held before Bart joined: he committed to the four left, was at one, excused at one.
        assert (figure.committed, figure.present, figure.excused, figure.held) == (4, 1, 1, 2)
        assert figure.attendance == "1 of 4"

    def test_without_a_planned_number_the_meetings_held_are_the_measure(self, store: NetworkStore) -> None:
        people = network(store)
        figure = commitment_figure(people["ann"], store.meetings.all(), 0, "2025-04-02")
        assert figure.attendance == "3 of 4 held" and figure.committed == 0

    def test_the_facade_refuses_a_date_that_is_none_and_keeps_the_one_given(self, store: NetworkStore) -> None:
        ann = network(store)["ann"]
        commitments = Commitments(store)
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            commitments.confirm(ann.id or 0, "next week")
        assert store.members.get(ann.id or 0).commitment_confirmed == ""  # type: ignore[union-attr]  # Ann is there
        commitments.confirm(ann.id or 0, " 2025-02-01 ")
        assert NetworkStore.open(store.path).members.get(ann.id or 0).commitment_confirmed == "2025-02-01"  # type: ignore[union-attr]  # on disk


class TestOnTheRoster:
    @pytest.mark.parametrize("size", [(80, 24), (120, 36)])
    async def test_confirmed_by_keyboard_a_wrong_date_kept_in_the_field(
        self, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
    ) -> None:
        people = network(store)
        app = make_app(store, screen="roster", wall_clock=wall)
        async with app.run_test(size=size) as pilot:
            assert rows(app)["Ann Peeters"][COMMITMENT] == "· 3 of 6"
            assert detail(app) == (
                "Ann Peeters · commitment not yet confirmed · present 3 of 6 committed · 0 excused, 1 absent"
            )
            await pilot.press("k")
            dialog = app.screen
            assert isinstance(dialog, TextDialog)
            assert "6 meetings" in str(dialog.query_one(".dialog-detail").render())
            assert dialog.query_one("#dialog-input").value == "2025-04-02"  # type: ignore[attr-defined]  # an Input
            await pilot.press("ctrl+u", *"2 april", "enter")
            assert app.screen is dialog  # refused, and kept where it was typed
            assert "YYYY-MM-DD" in str(dialog.query_one("#dialog-error").render())
            assert dialog.query_one("#dialog-input").value == "2 april"  # type: ignore[attr-defined]  # an Input
            await pilot.press("ctrl+u", *"2025-03-01", "enter")
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
            assert NetworkStore.open(store.path).members.get(people["ann"].id or 0).commitment_confirmed == "2025-03-01"  # type: ignore[union-attr]  # on disk
            assert rows(app)["Ann Peeters"][COMMITMENT] == "✓ 3 of 6"
            assert detail(app).startswith("Ann Peeters · confirmed 2025-03-01 · present 3 of 6 committed")
            assert "Ann Peeters confirmed the commitment on 2025-03-01." in notified(app)
            # Down to Bart (joined later): his line follows the cursor.
            await pilot.press("down")
            assert detail(app) == (
                "Bart Claes · commitment not yet confirmed · present 1 of 4 committed · 1 excused, 0 absent"
            )
            # Back to "not yet": the field emptied.
            await pilot.press("up", "k", "ctrl+u", "enter")
            await pilot.pause()
            assert store.members.get(people["ann"].id or 0).commitment_confirmed == ""  # type: ignore[union-attr]  # Ann is there
            assert rows(app)["Ann Peeters"][COMMITMENT] == "· 3 of 6"

    async def test_editing_the_member_keeps_the_confirmation(self, store: NetworkStore, make_app: AppFactory) -> None:
        people = network(store)
        app = make_app(store, screen="roster", wall_clock=wall)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("down", "down", "e", "tab", "ctrl+u", *"zoe.maes@ugent.be", "ctrl+s")
            await pilot.pause()
        zoe = store.members.get(people["zoe"].id or 0)
        assert zoe is not None and zoe.email == "zoe.maes@ugent.be" and zoe.commitment_confirmed == "2025-01-08"

    async def test_in_dutch_and_in_the_keys_and_palette(self, store: NetworkStore, make_app: AppFactory) -> None:
        network(store)
        app = make_app(store, screen="roster", wall_clock=wall)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f9")
            await pilot.pause()
            assert rows(app)["Ann Peeters"][COMMITMENT] == "· 3 van 6"
            assert detail(app).startswith("Ann Peeters · engagement nog niet bevestigd · aanwezig 3 van 6 toegezegd")
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpDialog)
            assert app.screen.bindings["k"].binding.description == "Engagement bevestigd"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_roster_with_commitments(
    snap_compare, store: NetworkStore, make_app: AppFactory, size: tuple[int, int]
) -> None:
    network(store)
    assert snap_compare(make_app(store, screen="roster", wall_clock=wall), press=["down", "down"], terminal_size=size)
