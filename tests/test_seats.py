"""Every ln-tui on a network file is a seat (issue 24, RELIABILITY 4, 9, 13, 15)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ln_tui.cli import main
from ln_tui.model import Meeting, Member, Note
from ln_tui.store import NetworkStore
from ln_tui.store.lock import lock_path
from ln_tui.store.merge import MISSING, merge_table, merge_value

# A seat in a process of its own: seeded random operations, each printed once it is on disk.
SEAT = textwrap.dedent(
    """
    import hashlib, json, random, sys
    from ln_tui.model import Meeting, Member, Note
    from ln_tui.store import NetworkStore

    path, tag, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    store = NetworkStore.open(path)
    mine = []

    def ack(line):
        assert store.save_state.saved, store.save_state
        print(line, flush=True)

    for i in range(count):
        store.follow()
        kind = rng.choice(["note", "note", "delete", "vote", "edit", "clock"])
        if kind == "note" or (kind == "delete" and not mine):
            note = store.notes.add(Note(None, f"{tag} note {i}", "t"))
            mine.append(note.id)
            ack(f"note {tag} note {i}")
        elif kind == "delete":
            gone = mine.pop(rng.randrange(len(mine)))
            text = store.notes.get(gone).text
            store.notes.remove(gone)
            ack(f"deleted {text}")
        elif kind == "vote":
            meeting = store.meetings.get(1)
            token = int(seed) * 100000 + i
            meeting.case_bringer_ids.append(token)
            store.meetings.update(meeting)
            ack(f"vote {token}")
        elif kind == "edit":
            member = store.members.get(1)
            member.organisation = f"{tag} {i}"
            store.members.update(member)
            ack(f"edit {tag} {i}")
        else:
            store.set_setting(f"clock_{tag}", i)
            ack(f"clock {tag} {i}")
    print("done", flush=True)
    sys.stdin.readline()  # the test says when every seat is done
    while store.follow():
        pass
    state = {t: store._storage.read()[t] for t in ("members", "meetings", "notes")}
    print("state " + hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest(), flush=True)
    store.close()
    """
)

# Another program: stock TinyDB, honouring the lock file as a cooperating program would.
STOCK = textwrap.dedent(
    """
    import fcntl, os, sys
    from tinydb import TinyDB
    path, lock, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for i in range(count):
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        db = TinyDB(path)
        db.table("notes").insert({"meeting_id": None, "text": f"stock note {i}", "created": "t"})
        db.close()
        os.close(fd)
        print(f"note stock note {i}", flush=True)
    print("done", flush=True)
    """
)


def state_digest(path: Path) -> str:
    data = json.loads(path.read_bytes())
    state = {t: data.get(t, {}) for t in ("members", "meetings", "notes")}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def seat(path: Path, tag: str, seed: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SEAT, str(path), tag, str(seed), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def read_until_done(process: subprocess.Popen[str], deadline: float) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line or line.strip() == "done":
            return lines
        lines.append(line.strip())
    raise AssertionError("a seat did not finish in time")


class TestSeatsInProcesses:
    def test_three_seats_and_stock_tinydb_lose_nothing_with_a_seat_killed(self, tmp_path: Path) -> None:
        path = tmp_path / "network.json"
        with NetworkStore.open(path) as store:
            store.members.add(Member("Ann"))
            store.meetings.add(Meeting("2026-05-01"))
        rng = random.Random(20261207)
        deadline = time.monotonic() + 120
        processes: list[subprocess.Popen[str]] = []
        acknowledged: list[str] = []
        try:
            a, b, c = (seat(path, tag, rng.randrange(1, 1000), 40) for tag in "abc")
            stock = subprocess.Popen(
                [sys.executable, "-c", STOCK, str(path), str(lock_path(path)), "15"], stdout=subprocess.PIPE, text=True
            )
            processes += [a, b, c, stock]
            assert b.stdout is not None
            for _ in range(rng.randint(3, 12)):  # b saves a little, then dies in the middle of its work
                acknowledged.append(b.stdout.readline().strip())
            b.send_signal(signal.SIGKILL)
            acknowledged += [line.strip() for line in b.stdout.read().splitlines() if line.strip() != "done"]
            b.wait()
            restarted = seat(path, "b2", rng.randrange(1, 1000), 30)
            processes.append(restarted)
            for process in (a, c, stock, restarted):
                acknowledged += read_until_done(process, deadline)
            states = set()
            for process in (a, c, restarted):
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write("report\n")
                process.stdin.flush()
                states.add(process.stdout.readline().strip())
                assert process.wait(timeout=30) == 0
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        data = json.loads(path.read_bytes())
        notes = {doc["text"] for doc in data["notes"].values()}
        votes = set(data["meetings"]["1"]["case_bringer_ids"])
        deleted = {line.removeprefix("deleted ") for line in acknowledged if line.startswith("deleted ")}
        for line in acknowledged:
            kind, _, rest = line.partition(" ")
            if kind == "note":
                assert rest in notes or rest in deleted, f"lost: {line}"
            elif kind == "deleted":
                assert rest not in notes, f"came back: {line}"
            elif kind == "vote":
                assert int(rest) in votes, f"lost: {line}"
            elif kind == "clock":
                tag, value = rest.split()
                assert data["_meta"]["1"][f"clock_{tag}"] >= int(value)
        edits = {line.removeprefix("edit ") for line in acknowledged if line.startswith("edit ")}
        assert not edits or data["members"]["1"]["organisation"] in edits
        assert len(data["notes"]) == len(notes), "no note twice"
        assert states == {"state " + state_digest(path)}, "every seat shows the file"
        assert main(["check", str(path)]) == 0


class TestMerge:
    def test_adds_on_both_sides_are_kept_and_a_colliding_id_moves(self) -> None:
        base = {"1": {"text": "a"}}
        ours = {"1": {"text": "a"}, "2": {"text": "mine"}}
        theirs = {"1": {"text": "a"}, "2": {"text": "theirs"}}
        merged = merge_table("notes", base, ours, theirs)
        assert merged.table == {"1": {"text": "a"}, "2": {"text": "theirs"}, "3": {"text": "mine"}}
        assert merged.moved == {"2": "3"}

    def test_one_side_changes_are_taken_field_by_field(self) -> None:
        base = {"1": {"name": "Ann", "email": ""}}
        ours = {"1": {"name": "Anne", "email": ""}}
        theirs = {"1": {"name": "Ann", "email": "ann@x"}}
        merged = merge_table("members", base, ours, theirs)
        assert merged.table == {"1": {"name": "Anne", "email": "ann@x"}} and not merged.replaced

    def test_the_same_field_on_both_keeps_ours_and_names_what_it_replaced(self) -> None:
        merged = merge_table("members", {"1": {"name": "Ann"}}, {"1": {"name": "Mine"}}, {"1": {"name": "Theirs"}})
        assert merged.table == {"1": {"name": "Mine"}}
        [replaced] = merged.replaced
        assert (replaced.field, replaced.theirs, replaced.ours) == ("name", "Theirs", "Mine")

    def test_an_edit_against_a_delete_keeps_the_record(self) -> None:
        assert merge_table("notes", {"1": {"t": "a"}}, {}, {"1": {"t": "b"}}).table == {"1": {"t": "b"}}
        merged = merge_table("notes", {"1": {"t": "a"}}, {"1": {"t": "b"}}, {})
        assert merged.table == {"1": {"t": "b"}} and merged.kept == ["1"]

    def test_votes_on_both_sides_are_all_counted(self) -> None:
        assert merge_value([1], [1, 2], [1, 3]) == ([1, 3, 2], False)
        assert merge_value([1, 2], [2], [1, 2, 3]) == ([2, 3], False)

    @settings(max_examples=200, derandomize=True, deadline=None)
    @given(
        base=st.dictionaries(st.sampled_from("123"), st.dictionaries(st.sampled_from("xy"), st.integers(0, 3))),
        ours=st.dictionaries(st.sampled_from("1234"), st.dictionaries(st.sampled_from("xy"), st.integers(0, 3))),
        theirs=st.dictionaries(st.sampled_from("1235"), st.dictionaries(st.sampled_from("xy"), st.integers(0, 3))),
    )
    def test_what_only_one_side_changed_is_never_lost(self, base: dict, ours: dict, theirs: dict) -> None:
        merged = merge_table("t", base, ours, theirs)
        values = list(merged.table.values())
        for key in {*ours, *theirs}:
            o, t, b = ours.get(key, MISSING), theirs.get(key, MISSING), base.get(key, MISSING)
            if o != b and t == b and o is not MISSING:
                assert o in values
            if t != b and o == b and t is not MISSING:
                assert merged.table.get(key) == t
            if b is MISSING and o is not MISSING and t is not MISSING:
                assert o in values and t in values, "both adds kept"


class TestItemNine:
    def test_a_lock_file_planted_as_a_hard_link_leaves_its_target_whole(self, tmp_path: Path) -> None:
        path = tmp_path / "network.json"
        NetworkStore.open(path).close()
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        victim.chmod(0o644)
        lock_path(path).unlink()
        os.link(victim, lock_path(path))
        with NetworkStore.open(path) as store:
            store.members.add(Member("Ann"))
            assert store.save_state.saved
        assert victim.read_text() == "precious" and victim.stat().st_mode & 0o777 == 0o644

    def test_a_note_added_elsewhere_while_a_seat_is_open_is_never_overwritten(self, tmp_path: Path) -> None:
        path = tmp_path / "network.json"
        first = NetworkStore.open(path)
        second = NetworkStore.open(path)
        first.notes.add(Note(None, "one", "t"))
        second.notes.add(Note(None, "two", "t"))
        first.notes.add(Note(None, "three", "t"))
        second.close()
        first.close()
        with NetworkStore.open(path) as store:
            assert sorted(n.text for n in store.notes.all()) == ["one", "three", "two"]


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


# -- two seats in one test: the app follows the file ------------------------------------------------------
class TestTwoAppsOnOneFile:
    async def test_an_item_typed_on_one_seat_appears_on_the_other_while_its_editor_is_open(
        self, tmp_path: Path, make_app
    ) -> None:
        from textual.widgets import TextArea

        from ln_tui.kickoff.model import BoardColumn
        from ln_tui.model import MeetingKind

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            meeting = setup.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
            setup.set_current_meeting(meeting.id)
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a, app_b = make_app(first, screen="kickoff"), make_app(second, screen="kickoff")
        async with app_a.run_test(size=(120, 36)) as pa, app_b.run_test(size=(120, 36)) as pb:
            await pb.press("n", *"half typ")  # B's editor open, text in it
            await pb.pause()
            area = app_b.screen.focused
            assert isinstance(area, TextArea) and area.text == "half typ"
            await pa.press("n", *"From seat A", "enter")
            await pa.pause()
            app_b.follow_file()  # what B's timer does every 0.1 s
            await pb.pause()
            texts = [item.text for item in app_b.screen.board.column(BoardColumn.INTRODUCTIONS)]
            assert texts == ["From seat A"]
            assert app_b.screen.focused is area and area.text == "half typ", "focus and text kept"
            await pb.press("enter")
            await pb.pause()
            app_a.follow_file()
            await pa.pause()
            shown = [item.text for item in app_a.screen.board.column(BoardColumn.INTRODUCTIONS)]
            assert sorted(shown) == ["From seat A", "half typ"]
        first.close()
        second.close()
        with NetworkStore.open(path) as store:
            from ln_tui.kickoff.model import BoardItem

            assert sorted(i.text for i in store.repo(BoardItem).all()) == ["From seat A", "half typ"]

    async def test_the_same_field_on_both_the_later_wins_and_the_other_puts_it_back(
        self, tmp_path: Path, make_app
    ) -> None:
        from conftest import notified

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.members.add(Member("Ann"))
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a, app_b = make_app(first, screen="roster"), make_app(second, screen="roster")
        async with app_a.run_test(size=(80, 24)) as pa, app_b.run_test(size=(80, 24)) as pb:
            ann_a, ann_b = first.members.get(1), second.members.get(1)  # both seats read Ann
            assert ann_a is not None and ann_b is not None
            ann_a.organisation = "OCMW Gent"
            first.members.update(ann_a)
            ann_b.organisation = "CAW Oost"  # typed on B before it saw A's
            second.members.update(ann_b)
            assert [m.organisation for m in second.members.all()] == ["CAW Oost"], "the later save wins"
            app_a.follow_file()
            await pa.pause()
            told = [m for m in notified(app_a) if "replaced your" in m]
            assert told and "OCMW Gent" in told[0] and "CAW Oost" in told[0]
            await pa.press("ctrl+b")
            await pa.pause()
            assert [m.organisation for m in first.members.all()] == ["OCMW Gent"]
            app_b.follow_file()
            await pb.pause()
            assert [m.organisation for m in second.members.all()] == ["OCMW Gent"]
        first.close()
        second.close()


class TestReadOnlyWindow:
    async def test_a_note_is_refused_plainly_and_never_said_saved(self, tmp_path: Path, make_app) -> None:
        from conftest import notified

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        before = path.read_bytes()
        viewer = NetworkStore.open(path, read_only=True)
        app = make_app(viewer, screen="network")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.screen.__class__.__name__ != "TextDialog", "no note dialog to type into"
            assert any("read-only" in m for m in notified(app))
            assert not any("saved" in m.lower() for m in notified(app) if "read-only" not in m)
        viewer.close()
        assert path.read_bytes() == before

    async def test_the_read_only_window_follows_the_file(self, tmp_path: Path, make_app) -> None:
        path = tmp_path / "network.json"
        writer = NetworkStore.open(path)
        writer.save_profile(writer.profile().__class__(name="Zorgnetwerk"))
        viewer = NetworkStore.open(path, read_only=True)
        app = make_app(viewer, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            writer.members.add(Member("Bea"))
            app.follow_file()
            await pilot.pause()
            assert [m.name for m in viewer.members.all()] == ["Bea"]
        viewer.close()
        writer.close()


class TestTypeAhead:
    async def test_a_key_typed_on_while_the_file_dialog_appears_is_not_its_answer(
        self, tmp_path: Path, make_app
    ) -> None:
        from ln_tui.screens.conflict import ChangedOnDiskDialog

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.members.add(Member("Ann"))
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        store = NetworkStore.open(path)
        app = make_app(store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            data = json.loads(path.read_bytes())
            data["members"]["1"]["name"] = 42  # no seat can merge this
            path.write_text(json.dumps(data))
            store.members.add(Member("Mine"))
            await pilot.press("w", "o", "r")  # still typing: "r" would reload and drop "Mine"
            await pilot.pause()
            assert isinstance(app.screen, ChangedOnDiskDialog)
            assert [m.name for m in store.members.all()] == ["Ann", "Mine"]
        store.close()


class TestWhoIsHere:
    async def test_the_header_shows_the_other_seats_and_a_dead_one_disappears(self, tmp_path: Path, make_app) -> None:
        from ln_tui.settings import Settings

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        facilitator = Settings(theme="projector", language="en", seat_name="Karim", seat_job="facilitator")
        note_taker = Settings(theme="projector", language="en", seat_name="Sofie", seat_job="note-taker")
        app_a = make_app(first, screen="network", settings=facilitator)
        app_b = make_app(second, screen="network", settings=note_taker)
        async with app_a.run_test(size=(120, 36)) as pa, app_b.run_test(size=(120, 36)):
            app_a.seats_beat()
            await pa.pause()
            assert app_a.sub_title.startswith("with Sofie: notes · ")
            await pa.press("ctrl+n", *"Sofie's seat wrote this? no, Karim's", "enter")
            await pa.pause()
            [note] = first.notes.all()
            assert note.seat == "Karim: facilitator", "a note records the seat that wrote it"
            stale = time.time() - 10  # Sofie's laptop died: its heartbeat stopped
            os.utime(app_b.presence.path, (stale, stale))
            app_a.seats_beat()
            await pa.pause()
            assert "with" not in app_a.sub_title
        first.close()
        second.close()
        assert not list(tmp_path.glob(".network.json.seat-*")), "a seat that quits leaves no presence file"

    def test_a_seat_is_named_with_its_job(self) -> None:
        from ln_tui.seats import Seat, with_line

        assert (
            with_line([Seat("Sofie", "note-taker"), Seat("Karim", "timekeeper")]) == "with Sofie: notes · Karim: clock"
        )


class TestClocksFromTwoSeats:
    async def test_the_timekeeper_and_the_facilitator_operate_one_clock(
        self, tmp_path: Path, make_app, clock, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from ln_tui.discussion.model import Case, DiscussionState, RoundSpec, Speakers, TimeBox
        from ln_tui.model import MeetingKind

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
            members = setup.members.add_many([Member(n) for n in ("Ann", "Bart", "Claire")])
            meeting = setup.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
            setup.set_current_meeting(meeting.id)
            rounds = [RoundSpec("Questions", 60, TimeBox.PER_SPEAKER, Speakers.EVERYONE)]
            setup.repo(Case).add(Case(meeting.id, "Mr V.", members[1].id, "What now?", "", "Own", rounds))
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a = make_app(first, screen="discussion", wall_clock=clock)
        app_b = make_app(second, screen="discussion", wall_clock=clock)
        async with app_a.run_test(size=(120, 36)) as pa, app_b.run_test(size=(120, 36)) as pb:
            await pa.press("space")  # the facilitator starts the turn
            await pa.pause()
            app_b.follow_file()
            await pb.pause()
            clock.advance(20)
            for app, pilot in ((app_a, pa), (app_b, pb)):
                app.screen.tick()
                await pilot.pause()
            shown = {str(app.screen.query_one("Digits").value) for app in (app_a, app_b)}
            assert shown == {"0:40"}, "both seats show the same time"
            await pb.press("space")  # the timekeeper pauses it
            await pb.pause()
            app_a.follow_file()
            await pa.pause()
            clock.advance(30)
            app_a.screen.tick()
            await pa.pause()
            assert str(app_a.screen.query_one("Digits").value) == "0:40", "paused on both"
            await pa.press("n")  # and the facilitator gives the word to the next speaker
            await pa.pause()
            app_b.follow_file()
            await pb.pause()
            [state_b] = second.repo(DiscussionState).all()
            [state_a] = first.repo(DiscussionState).all()
            assert state_a.position == state_b.position == 1
            assert "Now: Bart" in str(app_b.screen.query_one("#speaker-line").render())
        first.close()
        second.close()


class TestHardLinks:
    def test_a_network_with_two_names_is_never_split_by_a_save(self, tmp_path: Path) -> None:
        from ln_tui.store import HardLinked

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as store:
            store.members.add(Member("Ann"))
        other = tmp_path / "same-network.json"
        os.link(path, other)
        for name in (path, other):
            with pytest.raises(HardLinked) as raised:
                NetworkStore.open(name)
            assert "2 names (hard links)" in str(raised.value) and str(name) in str(raised.value)
        with NetworkStore.open(other, read_only=True) as viewer:
            assert [m.name for m in viewer.members.all()] == ["Ann"]
        assert os.stat(path).st_ino == os.stat(other).st_ino, "still one file"


class TestUndoPerSeat:
    async def test_u_takes_back_this_seats_own_last_change_only(self, tmp_path: Path, make_app) -> None:
        from ln_tui.kickoff.model import BoardColumn, BoardItem
        from ln_tui.model import MeetingKind

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            meeting = setup.meetings.add(Meeting("2026-01-20", MeetingKind.KICKOFF))
            setup.set_current_meeting(meeting.id)
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a, app_b = make_app(first, screen="kickoff"), make_app(second, screen="kickoff")
        async with app_a.run_test(size=(120, 36)) as pa, app_b.run_test(size=(120, 36)) as pb:
            await pa.press("n", *"Mine on A", "enter")
            await pa.pause()
            app_b.follow_file()
            await pb.press("n", *"Mine on B", "enter")
            await pb.pause()
            app_a.follow_file()
            await pa.pause()
            await pa.press("escape", "u")  # A's undo: A's item goes, B's (the later change) stays
            await pa.pause()
            app_b.follow_file()
            await pb.pause()
            for store in (first, second):
                assert [i.text for i in store.repo(BoardItem).all()] == ["Mine on B"]
            texts = [i.text for i in app_b.screen.board.column(BoardColumn.INTRODUCTIONS)]
            assert texts == ["Mine on B"]
        first.close()
        second.close()


def test_votes_on_two_seats_at_once_both_count(tmp_path: Path) -> None:
    from ln_tui.kickoff.board import Board
    from ln_tui.kickoff.model import BoardColumn

    path = tmp_path / "network.json"
    first, second = NetworkStore.open(path), NetworkStore.open(path)
    board_a = Board(first, None)
    item = board_a.add(BoardColumn.QUESTIONS, "Who brings a case?")
    second.follow()
    board_b = Board(second, None)
    assert item is not None and item.id is not None
    board_a.vote(item.id, 1)
    board_b.vote(item.id, 1)  # B had not followed A's vote yet
    board_b.toggle_room_vote(item.id, "phone-1")
    first.follow()
    board_a.reread()
    assert board_a.items[item.id].votes == board_b.items[item.id].votes == 3
    first.close()
    second.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_the_header_names_the_other_seats(
    snap_compare, demo_store: NetworkStore, make_app, size: tuple[int, int]
) -> None:
    for seat_id, payload in (
        ("a", '{"name": "Sofie", "job": "note-taker"}'),
        ("b", '{"name": "Karim", "job": "timekeeper"}'),
    ):
        demo_store.path.with_name(f".{demo_store.path.name}.seat-{seat_id}").write_text(payload)

    async def beat(pilot) -> None:
        pilot.app.seats_beat()
        await pilot.pause()

    assert snap_compare(make_app(demo_store, screen="roster"), run_before=beat, terminal_size=size)


def test_snapshot_the_seat_dialog(snap_compare, demo_store: NetworkStore, make_app) -> None:
    """The palette's 'Your seat': the same form, filled with this seat's name and job."""
    from ln_tui.settings import Settings

    settings = Settings(theme="projector", language="en", seat_name="Sofie", seat_job="note-taker")

    async def ask(pilot) -> None:
        pilot.app.action_seat()
        await pilot.pause()

    assert snap_compare(
        make_app(demo_store, screen="roster", settings=settings), run_before=ask, terminal_size=(80, 24)
    )


def another_seat_on(path: Path) -> None:
    """Karim's ln-tui is on the file (his presence file, fresh)."""
    path.with_name(f".{path.name}.seat-karim").write_text('{"name": "Karim", "job": "facilitator"}')


class TestWhoAreYou:
    """Asked once: the first time this user opens a file another seat is on (issue 24 item 6)."""

    async def test_the_first_open_beside_another_seat_asks_and_remembers(self, tmp_path: Path, make_app) -> None:
        from ln_tui.screens.seat import SeatForm
        from ln_tui.settings import Settings

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        another_seat_on(path)
        store = NetworkStore.open(path)
        app = make_app(store, screen="roster", settings=Settings(theme="projector", language="en"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SeatForm)
            await pilot.press("ctrl+u", *"Sofie", "tab", "enter", "up", "enter", "ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, SeatForm)
            assert json.loads(app.presence.path.read_text()) == {"name": "Sofie", "job": "note-taker"}
        store.close()
        remembered = Settings.load()
        assert (remembered.seat_name, remembered.seat_job) == ("Sofie", "note-taker")
        another_seat_on(path)
        again = NetworkStore.open(path)
        app = make_app(again, screen="roster", settings=Settings.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, SeatForm), "never asked again"
            assert app.presence.seat.label() == "Sofie: notes"
        again.close()

    async def test_escape_keeps_the_default_and_it_is_not_asked_again(self, tmp_path: Path, make_app) -> None:
        from ln_tui.app import login_name
        from ln_tui.screens.seat import SeatForm
        from ln_tui.settings import Settings

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        alone = NetworkStore.open(path)
        app = make_app(alone, screen="roster", settings=Settings(theme="projector", language="en"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, SeatForm), "alone on the file: nothing to ask"
        alone.close()
        another_seat_on(path)
        store = NetworkStore.open(path)
        app = make_app(store, screen="roster", settings=Settings(theme="projector", language="en"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SeatForm)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, SeatForm)
        store.close()
        assert Settings.load().seat_name == login_name()
        another_seat_on(path)
        again = NetworkStore.open(path)
        app = make_app(again, screen="roster", settings=Settings.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, SeatForm), "never asked again"
        again.close()

    async def test_a_seat_needs_a_name(self, tmp_path: Path, make_app) -> None:
        from ln_tui.screens.seat import SeatForm
        from ln_tui.settings import Settings

        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        another_seat_on(path)
        store = NetworkStore.open(path)
        app = make_app(store, screen="roster", settings=Settings(theme="projector", language="en"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+u", "enter")
            await pilot.pause()
            assert isinstance(app.screen, SeatForm), "kept open"
            assert "need a name" in str(app.screen.query_one("#error-name").render())
        store.close()
        assert Settings.load().seat_name == ""


def test_snapshot_who_are_you_at_the_first_open_beside_another_seat(
    snap_compare, demo_store: NetworkStore, make_app
) -> None:
    from ln_tui.settings import Settings

    another_seat_on(demo_store.path)
    settings = Settings(theme="projector", language="en", seat_name="", seat_job="")

    async def typed(pilot) -> None:
        from conftest import until
        from textual.widgets import Input

        from ln_tui.screens.seat import SeatForm

        # The question is pushed while the app mounts: type once it is up and its field has the focus
        # (on a loaded machine the first keys could otherwise reach the roster under it).
        await until(pilot, lambda: isinstance(pilot.app.screen, SeatForm) and isinstance(pilot.app.focused, Input))
        # The heartbeat (every second, real time) put the other seat in the header before or after
        # the picture depending on the machine's load: taken here, the header always shows it.
        pilot.app.seats_beat()
        await pilot.press("ctrl+u", *"Sofie")
        await until(pilot, lambda: isinstance(pilot.app.focused, Input) and pilot.app.focused.value == "Sofie")

    assert snap_compare(
        make_app(demo_store, screen="roster", settings=settings), run_before=typed, terminal_size=(80, 24)
    )


async def test_a_change_typed_in_a_read_only_window_is_refused_plainly_and_not_kept(tmp_path: Path, make_app) -> None:
    from conftest import notified

    path = tmp_path / "network.json"
    with NetworkStore.open(path) as setup:
        setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
        setup.members.add(Member("Ann"))
    before = path.read_bytes()
    viewer = NetworkStore.open(path, read_only=True)
    app = make_app(viewer, screen="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        viewer.members.add(Member("Typed here"))  # what any home's editing key does
        await pilot.pause()
        await pilot.pause()
        assert [m.name for m in viewer.members.all()] == ["Ann"], "not shown as if kept"
        assert any("read-only" in m and "not kept" in m for m in notified(app))
    viewer.close()
    assert path.read_bytes() == before


class TestMeetingClockFromTwoSeats:
    async def test_the_meeting_clock_operated_from_both_seats_is_one_clock(
        self, tmp_path: Path, make_app, clock, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from textual.widgets import Static

        from ln_tui.agenda.model import AgendaItem, MeetingClock
        from ln_tui.model import MeetingKind
        from ln_tui.screens.agenda.screen import AgendaScreen

        clock.now = 1_772_544_600.0
        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
            meeting = setup.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
            setup.set_current_meeting(meeting.id)
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a = make_app(first, screen="agenda", wall_clock=clock)
        app_b = make_app(second, screen="agenda", wall_clock=clock)

        def shown(app) -> tuple[str, float]:
            screen = app.screen
            assert isinstance(screen, AgendaScreen) and screen.agenda is not None
            return str(screen.query_one("#item-line", Static).visual), screen.agenda.state().remaining

        async with app_a.run_test(size=(120, 36)) as pa, app_b.run_test(size=(120, 36)) as pb:
            await pa.press("s")  # the facilitator starts the meeting
            await pa.pause()
            app_b.follow_file()
            await pb.pause()
            clock.advance(60)
            # At the same moment (no turn of the loop between: B has not followed A's minute yet), the
            # facilitator adds a minute (m) as the timekeeper pauses (space).
            app_a.screen.action_extend()
            app_b.screen.action_toggle_pause()
            for app, pilot in ((app_a, pa), (app_b, pb)):
                app.follow_file()
                await pilot.pause()
            [record] = first.repo(MeetingClock).all()
            assert not record.item.running, "paused"
            assert record.item.duration == 11 * 60, "the minute added on the other seat is kept"
            clock.advance(30)
            await pa.press("space")  # on again, from the other seat
            await pa.pause()
            app_b.follow_file()
            await pb.pause()
            app_a.screen.action_next_item()  # the facilitator moves on ...
            clock.advance(0.05)
            app_b.screen.action_extend()  # ... as the timekeeper, still showing the first item, adds a minute
            for app, pilot in ((app_a, pa), (app_b, pb)):
                app.follow_file()
                await pilot.pause()
            [record] = first.repo(MeetingClock).all()
            second_item = first.repo(AgendaItem).get(record.current_id or 0)
            assert second_item is not None and record.item.duration == (second_item.minutes + 1) * 60, (
                "the minute goes to the item running now"
            )
            app_b.screen.action_next_item()  # both give the next item (n) at the same moment
            clock.advance(0.05)
            app_a.screen.action_next_item()
            for app, pilot in ((app_a, pa), (app_b, pb)):
                app.follow_file()
                await pilot.pause()
            clock.advance(7)
            for app, pilot in ((app_a, pa), (app_b, pb)):
                app.screen.tick()
                await pilot.pause()
            line_a, left_a = shown(app_a)
            line_b, left_b = shown(app_b)
            assert line_a == line_b and line_a.startswith("Item 3 of"), "two presses of n at once move on once"
            assert abs(left_a - left_b) < 0.1
            [record] = second.repo(MeetingClock).all()
            done = [run.item_id for run in record.runs]
            assert len(done) == len(set(done)) == 2, "each item closed once"
        first.close()
        second.close()


class TestOneTimeEverywhere:
    async def test_every_seat_and_present_show_the_same_time_and_speaker(
        self, tmp_path: Path, make_app, clock, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two laptops' monotonic clocks differ; their wall clocks agree: seat A starts the turn,
        seat B and the room's screen show the same time left (within 0.1 s) and the same speaker."""
        from conftest import FakeClock

        from ln_tui.discussion.model import Case, RoundSpec, Speakers, TimeBox
        from ln_tui.model import MeetingKind
        from ln_tui.present.view import ROOM_SETTING, DiscussionRoom, turn_remaining
        from ln_tui.screens.discussion.screen import DiscussionScreen
        from ln_tui.screens.present.app import PresentApp
        from ln_tui.settings import Settings

        wall = FakeClock(1_772_544_600.0)
        path = tmp_path / "network.json"
        with NetworkStore.open(path) as setup:
            setup.save_profile(setup.profile().__class__(name="Zorgnetwerk"))
            members = setup.members.add_many([Member(n) for n in ("Ann", "Bart", "Claire")])
            meeting = setup.meetings.add(Meeting("2026-03-03", MeetingKind.REGULAR, "13:30"))
            setup.set_current_meeting(meeting.id)
            rounds = [RoundSpec("Questions", 60, TimeBox.PER_SPEAKER, Speakers.EVERYONE)]
            setup.repo(Case).add(Case(meeting.id, "Mr V.", members[1].id, "What now?", "", "Own", rounds))
            setup.set_setting(ROOM_SETTING, {"view": "discussion"})
        other_laptop = FakeClock(52_000.0)  # seat B's monotonic clock: another machine's
        first, second = NetworkStore.open(path), NetworkStore.open(path)
        app_a = make_app(first, screen="discussion", wall_clock=wall)
        app_b = make_app(second, screen="discussion", clock=other_laptop, wall_clock=wall)
        room = PresentApp(path, wall=wall, settings=Settings(theme="projector", language="en"))
        async with (
            app_a.run_test(size=(120, 36)) as pa,
            app_b.run_test(size=(120, 36)) as pb,
            room.run_test(size=(80, 24)) as pr,
        ):
            clock.advance(3.3)
            other_laptop.advance(3.3)
            wall.advance(3.3)
            await pb.press("ctrl+n")  # B opens the note dialog when ...
            await pa.press("space")  # ... seat A starts the turn
            await pa.pause()
            app_b.follow_file()
            await pb.press("escape")  # B's note dialog closed: its home is shown again
            for step in (0.4, 12.37, 30.05, 25.0):  # B and the room follow the file as they do every 0.1 s
                app_b.follow_file()
                room.room.poll()
                await pb.pause()
                await pr.pause()
                for each in (clock, other_laptop, wall):
                    each.advance(step)
                lefts = []
                for app in (app_a, app_b):
                    screen = app.screen
                    assert isinstance(screen, DiscussionScreen) and screen.session is not None
                    lefts.append(screen.session.countdown.remaining())
                view = room.room.view
                assert isinstance(view, DiscussionRoom) and view.clock is not None
                lefts.append(turn_remaining(view.clock, wall()))
                assert max(lefts) - min(lefts) < 0.1, lefts
            speakers = {str(app.screen.query_one("#speaker-line").render()) for app in (app_a, app_b)}
            shown_in_room = room.room.view
            assert isinstance(shown_in_room, DiscussionRoom)
            assert speakers == {"Now: Ann"} and shown_in_room.speaker == "Now: Ann"
        first.close()
        second.close()


def test_a_board_read_again_names_the_columns_another_seat_changed(tmp_path: Path) -> None:
    """The board screen shows again only the columns another seat changed (`take_reread_columns`):
    an item added, one moved (both its columns), one withdrawn, one archived; nothing else."""
    from ln_tui.kickoff.board import Board
    from ln_tui.kickoff.model import BoardColumn

    path = tmp_path / "network.json"
    first, second = NetworkStore.open(path), NetworkStore.open(path)
    board_a = Board(first, None)
    moved = board_a.add(BoardColumn.QUESTIONS, "Who brings a case?")
    gone = board_a.add(BoardColumn.EXPECTATIONS, "Learn from each other")
    archived = board_a.add(BoardColumn.INTRODUCTIONS, "Ann, casemanager")
    assert moved and gone and archived and moved.id and gone.id and archived.id
    second.follow()
    board_b = Board(second, None)
    board_a.reread()  # its own items, as the store holds them
    board_a.take_reread_columns()
    first.follow()
    board_a.reread()
    assert board_a.take_reread_columns() == set()  # nothing changed by another seat
    board_b.move(moved.id, BoardColumn.AGREEMENTS)
    first.follow()
    board_a.reread()
    assert board_a.take_reread_columns() == {BoardColumn.QUESTIONS, BoardColumn.AGREEMENTS}
    assert board_a.take_reread_columns() == set()  # taken
    board_b.delete(gone.id)
    board_b.mark_answered(archived.id)
    first.follow()
    board_a.reread()
    assert board_a.take_reread_columns() == {BoardColumn.EXPECTATIONS, BoardColumn.INTRODUCTIONS}
    first.close()
    second.close()
