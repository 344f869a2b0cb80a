"""A member's data is theirs (issue 26 item 4): forgotten everywhere, and what the file holds
about them written out.

Forgetting a member of the demo leaves their name and e-mail address nowhere in the file, its
kept states or the exports; their records stay as "a former member", their attendance as
counts; every home still works and `ln-tui check` passes. `ln-tui members export FILE NAME`
lists every record that names them, compared with a search of the file for their id."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import notified
from textual.widgets import Input

from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case, Turn
from ln_tui.evaluation.model import Evaluation
from ln_tui.homes import HOMES
from ln_tui.kickoff.model import BoardItem
from ln_tui.model import Member, Presence
from ln_tui.network.report import attendance_markdown
from ln_tui.report import minutes_markdown, to_html
from ln_tui.roster.personal import FORMER_MEMBER, find_members, forget_member, what_forgetting_changes
from ln_tui.screens.dialogs import ConfirmDialog
from ln_tui.store import NetworkStore, schema
from ln_tui.store.network import backup_path

AppFactory = Callable[..., LnApp]
TODAY = "2026-12-07"
FORGOTTEN = "Jan Peeters"  # brought a case, spoke, filled in a form, owns actions, named in a note
EMAIL = "jan.peeters@thuiszorg-gent.be"


def jan(store: NetworkStore) -> Member:
    [member] = find_members(store, FORGOTTEN)
    return member


def traces(payload: bytes | str) -> list[str]:
    """Where the forgotten member still shows: the full name, the e-mail, the first name as a word."""
    text = payload.decode() if isinstance(payload, bytes) else payload
    text = json.loads(json.dumps(text))  # the same text whether JSON escaped it or not
    found = [w for w in (FORGOTTEN, EMAIL) if w.casefold() in text.casefold()]
    found += re.findall(r"(?<!\w)Jan(?!\w)", text)
    return found


def all_exports(store: NetworkStore) -> list[str]:
    """The minutes of each meeting and the whole report, for the group and to share, md and html."""
    from ln_tui.model import Audience

    exports = []
    for audience in Audience:
        whole = minutes_markdown(store, None, audience)
        exports += [whole, to_html(whole, "x"), *(minutes_markdown(store, m, audience) for m in store.meetings.all())]
    return exports


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


class TestForgetting:
    def test_the_name_is_nowhere_in_the_file_its_kept_states_or_the_exports(
        self, demo_store: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        member = jan(demo_store)
        assert traces(network_path.read_bytes()) and any(traces(e) for e in all_exports(demo_store))
        network_path.with_name(network_path.name + ".bak").write_bytes(network_path.read_bytes())
        backup_path(network_path, 2).write_bytes(network_path.read_bytes())
        damaged = network_path.with_name(network_path.name + ".damaged-20260101-000000")
        damaged.write_bytes(network_path.read_bytes()[:5000])  # cut off: cannot be rewritten
        unrelated = network_path.with_name("other.json")
        unrelated.write_bytes(network_path.read_bytes())

        forgotten = forget_member(demo_store, member, TODAY)

        assert demo_store.save_state.saved
        assert traces(network_path.read_bytes()) == []
        for export in all_exports(demo_store):
            assert traces(export) == []
        assert sorted(p.name for p in forgotten.kept_states.rewritten) == ["network.json.bak", "network.json.bak.2"]
        for kept in forgotten.kept_states.rewritten:
            assert traces(kept.read_bytes()) == []
            assert NetworkStore.open(kept, read_only=True).problems == []
        assert forgotten.kept_states.left == [damaged], "a copy that cannot be read is named, not touched"
        assert traces(unrelated.read_bytes()), "another network in the folder is not touched"
        demo_store.close()
        assert run(capsys, "check", str(network_path))[0] == 0

    def test_their_records_stay_as_a_former_member_and_attendance_as_counts(self, demo_store: NetworkStore) -> None:
        member = jan(demo_store)
        member_id = member.id
        counts = {cls: len(demo_store.repo(cls).all()) for cls in (Case, Turn, BoardItem, Evaluation)}
        theirs = {
            Case: len(demo_store.repo(Case).where(bringer_id=member_id)),
            Turn: len(demo_store.repo(Turn).where(speaker_id=member_id)),
            BoardItem: len(demo_store.repo(BoardItem).where(member_id=member_id)),
        }
        assert all(theirs.values())
        forms = len(demo_store.repo(Evaluation).where(member_id=member_id))
        assert forms
        before = [
            re.search(r"Attendance\** \((\d+/\d+)\)", attendance_markdown(m, demo_store.members.all(), heading=False))
            for m in demo_store.meetings.all()
        ]

        forget_member(demo_store, member, TODAY)

        assert {cls: len(demo_store.repo(cls).all()) for cls in counts} == counts, "nothing of the group's is lost"
        assert len(demo_store.repo(Case).where(bringer_id=FORMER_MEMBER)) == theirs[Case]
        assert len(demo_store.repo(Turn).where(speaker_id=FORMER_MEMBER)) == theirs[Turn]
        assert len(demo_store.repo(BoardItem).where(member_id=FORMER_MEMBER)) == theirs[BoardItem]
        assert not demo_store.repo(Evaluation).where(member_id=member_id)
        assert sum(f.anonymous for f in demo_store.repo(Evaluation).all()) >= forms
        after = [
            re.search(r"Attendance\** \((\d+/\d+)\)", attendance_markdown(m, demo_store.members.all(), heading=False))
            for m in demo_store.meetings.all()
        ]
        assert [m and m[1] for m in after] == [m and m[1] for m in before], "attendance kept as counts"
        assert any(m.former_attendance.get(Presence.PRESENT) for m in demo_store.meetings.all())
        assert demo_store.members.get(member_id or 0) is None

    def test_a_member_named_in_a_kept_state_under_another_id_is_forgotten_there_too(
        self, store: NetworkStore, network_path: Path
    ) -> None:
        store.members.add_many([Member("Ann Aerts", "ann@x.be"), Member("Bo Bax")])
        older = network_path.read_bytes()
        backup_path(network_path, 1).write_bytes(older)
        store.members.remove(1)
        bo = store.members.get(2)
        assert bo is not None
        store.members.add(Member("Ann Aerts", "ann@x.be"))  # Ann again, now id 3; id 1 is free
        forget_member(store, next(m for m in store.members.all() if m.name == "Ann Aerts"), TODAY)
        assert b"Ann Aerts" not in backup_path(network_path, 1).read_bytes()
        assert b"Bo Bax" in backup_path(network_path, 1).read_bytes()


class TestEveryScreenStillWorks:
    @pytest.mark.long
    async def test_every_home_after_forgetting_a_member(self, demo_store: NetworkStore, make_app: AppFactory) -> None:
        forget_member(demo_store, jan(demo_store), TODAY)
        app = make_app(demo_store, screen="network")
        async with app.run_test(size=(80, 24)) as pilot:
            for mode, home in HOMES.items():
                await pilot.press(home.key)
                await pilot.pause()
                assert app.screen.id and mode in str(app.screen.id), mode
                await pilot.press("enter")  # open what the main widget holds
                await pilot.pause()
                await pilot.press("escape")
                if app.screen.is_modal:
                    await pilot.press("y" if isinstance(app.screen, ConfirmDialog) else "escape")
            await pilot.press("f5", "p")  # the discussion's projector view, with the former member's turns
            await pilot.pause()
            await pilot.press("escape", "f6", "s", "end")
            await pilot.pause()
            await pilot.press("escape", "f7", "x")
            await pilot.pause()
        assert app.return_code in (None, 0)


class TestOnTheRoster:
    async def test_the_question_says_their_check_ins_and_goal_review_are_removed_not_kept(
        self, demo_store: NetworkStore, make_app: AppFactory
    ) -> None:
        from ln_tui.thread.model import CheckIn, GoalReview

        member = jan(demo_store)
        checkins = len(demo_store.repo(CheckIn).where(member_id=member.id))
        reviews = len(demo_store.repo(GoalReview).where(member_id=member.id))
        assert checkins >= 3 and reviews >= 1  # the demo's: what the question must not call kept
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"Jan Pe", "down", "F")
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            kept = next(line for line in dialog.detail.splitlines() if line.startswith("Kept as"))
            removed = next(line for line in dialog.detail.splitlines() if line.startswith("Removed"))
            assert "check-in" not in kept and "learning goal" not in kept
            assert f"{checkins} check-in answers" in removed
            assert ("1 review of a learning goal" if reviews == 1 else f"{reviews} reviews") in removed
            await pilot.press("n")

    async def test_shift_f_asks_what_changes_then_forgets(
        self, demo_store: NetworkStore, make_app: AppFactory, network_path: Path
    ) -> None:
        member = jan(demo_store)
        expected = what_forgetting_changes(demo_store, member, TODAY)
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"Jan Pe", "down")
            await pilot.press("F")
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.question == "Forget Jan Peeters everywhere?"
            assert expected and all(line in dialog.detail for line in expected)
            assert "1 case" in dialog.detail and "rewritten too" in dialog.detail
            await pilot.press("n")
            assert jan(demo_store).id == member.id, "n forgets nothing"
            await pilot.press("F", "y")
            await pilot.pause()
            assert find_members(demo_store, FORGOTTEN) == []
            assert traces(network_path.read_bytes()) == []
            assert any("Jan Peeters is forgotten." in m for m in notified(app))
            assert app.screen.query_one("#roster-filter", Input).value == "Jan Pe"

    async def test_shift_e_writes_what_the_file_holds_about_them(
        self, demo_store: NetworkStore, make_app: AppFactory, network_path: Path
    ) -> None:
        app = make_app(demo_store, screen="roster")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"Jan Pe", "down", "E", "enter")
            await pilot.pause()
        written = network_path.with_name("jan-peeters.md")
        text = written.read_text()
        assert text.startswith("# What this network file holds about Jan Peeters") and "## Attendance" in text
        assert (written.stat().st_mode & 0o777) == 0o600


class TestCommandLine:
    def test_forget_asks_unless_yes(
        self, demo_store: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        demo_store.close()
        code, out, err = run(capsys, "members", "forget", str(network_path), "jan peeters")
        assert code != 0 and "add --yes" in err and "Forgetting Jan Peeters" in out
        assert traces(network_path.read_bytes()), "nothing forgotten without a yes"
        code, out, err = run(capsys, "members", "forget", str(network_path), EMAIL, "--yes")
        assert code == 0, err
        assert "Jan Peeters is forgotten" in out and "exported before still hold the name" in out
        assert traces(network_path.read_bytes()) == []
        assert run(capsys, "check", str(network_path))[0] == 0

    def test_a_name_that_fits_several_members_is_refused(
        self, demo_store: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        demo_store.close()
        code, _out, err = run(capsys, "members", "forget", str(network_path), "an", "--yes")
        assert code != 0 and "could be" in err
        code, _out, err = run(capsys, "members", "export", str(network_path), "Nobody Here")
        assert code != 0 and "no member is called Nobody Here" in err


MEMBER_FIELDS = {"member_id", "speaker_id", "bringer_id", "owner_id", "chair_id", "timekeeper_id", "minute_taker_id"}
MEMBER_LISTS = {"order", "left", "case_bringer_ids"}


def names_id(doc: Any, member_id: int) -> bool:
    """A search of a stored document for a member's id, in every field that can hold one."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key in MEMBER_FIELDS and value == member_id:
                return True
            if key in MEMBER_LISTS and isinstance(value, list) and member_id in value:
                return True
            if key == "attendance" and str(member_id) in value:
                return True
            if names_id(value, member_id):
                return True
    if isinstance(doc, list):
        return any(names_id(item, member_id) for item in doc)
    return False


class TestMemberExport:
    @pytest.mark.parametrize("name", ["Jan Peeters", "Sofie Claes", "Dr. Hilde Jacobs"])
    def test_it_lists_every_record_that_names_them(
        self,
        demo_store: NetworkStore,
        network_path: Path,
        tmp_path: Path,
        name: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        [member] = find_members(demo_store, name)
        member_id = member.id or 0
        demo_store.close()
        out = tmp_path / "jan.json"
        code, _out, err = run(capsys, "members", "export", str(network_path), name, "--format", "json", "-o", str(out))
        assert code == 0, err
        exported = json.loads(out.read_text())
        listed = {(table, r["id"]) for table, records in exported["records"].items() for r in records}
        data = schema.parse(network_path.read_bytes())
        searched = {
            (table, int(key))
            for table, docs in data.items()
            if table not in {"_meta", "members"}
            for key, doc in docs.items()
            if names_id(doc, member_id) or member.name in json.dumps(doc, ensure_ascii=False)
        }
        assert searched <= listed, searched - listed
        assert exported["member"]["email"] == member.email and exported["member"]["id"] == member_id
        assert len(exported["attendance"]) == sum(1 for _ in data["meetings"].values())

    def test_markdown_by_default_readable_and_literal(
        self, demo_store: NetworkStore, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        demo_store.members.update(Member("Jan Peeters", EMAIL, "[b]Thuiszorg <script>", id=jan(demo_store).id))
        demo_store.close()
        out = tmp_path / "jan.md"
        code, _out, err = run(capsys, "members", "export", str(network_path), "Jan Peeters", "-o", str(out))
        assert code == 0, err
        text = out.read_text()
        assert text.startswith("# What this network file holds about Jan Peeters")
        assert "## Attendance" in text and "## 1 case (`cases`)" in text and "(`turns`)" in text
        assert "\\[b\\]Thuiszorg \\<script\\>" in text, "user text is literal in the Markdown"


def test_every_field_that_can_name_a_member_is_known_to_forgetting() -> None:
    """A new record field holding a member's id must be added to MEMBER_FIELDS / MEMBER_LISTS, or
    forgetting would leave it pointing at the forgotten member."""
    import dataclasses
    import typing

    from ln_tui.roster import personal
    from ln_tui.store.validation import record_classes

    hints = ("member", "speaker", "bringer", "owner", "chair", "timekeeper", "minute_taker", "voter")
    for table, cls in record_classes().items():
        types = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            kind = str(types[field.name])
            named = any(h in field.name for h in hints) or (field.name in {"order", "left"} and "list" in kind)
            if not named or "int" not in kind or field.name == "id":
                continue
            known = personal.MEMBER_FIELDS.get(table, ()) + personal.MEMBER_LISTS.get(table, ())
            known += (personal.OWN_TABLES[table],) if table in personal.OWN_TABLES else ()
            assert field.name in known, f"{table}.{field.name}"


def test_forgetting_removes_the_members_own_check_ins_and_goal_reviews(demo_store: NetworkStore) -> None:
    from ln_tui.thread.model import CheckIn, GoalOutcome, GoalReview

    member = jan(demo_store)
    other = next(m for m in demo_store.members.all() if m.id != member.id)
    assert member.id is not None and other.id is not None
    demo_store.repo(CheckIn).add(CheckIn(None, member.id, "Q?", "I tried the Balint round at work"))
    demo_store.repo(CheckIn).add(CheckIn(None, other.id, "Q?", "Nothing yet"))
    demo_store.repo(GoalReview).add(GoalReview(None, member.id, "listen better", GoalOutcome.PARTLY))

    others_check_ins = [c for c in demo_store.repo(CheckIn).all() if c.member_id != member.id]
    others_reviews = [r for r in demo_store.repo(GoalReview).all() if r.member_id != member.id]

    forget_member(demo_store, member, TODAY)

    assert demo_store.repo(CheckIn).all() == others_check_ins  # the demo's own, and the one added here
    assert any(c.member_id == other.id and c.answer == "Nothing yet" for c in others_check_ins)
    assert demo_store.repo(GoalReview).all() == others_reviews


def test_a_running_discussion_keeps_its_speaker_when_an_earlier_one_is_forgotten(demo_store: NetworkStore) -> None:
    from ln_tui.discussion.model import DiscussionState
    from ln_tui.discussion.session import Session

    member = jan(demo_store)
    [state] = [s for s in demo_store.repo(DiscussionState).all() if member.id in s.order][:1]
    state.finished = False
    state.position = state.order.index(member.id or 0) + 1
    demo_store.repo(DiscussionState).update(state)
    case = demo_store.repo(Case).get(state.case_id)
    assert case is not None
    speaking = state.order[state.position]
    forget_member(demo_store, member, TODAY)
    after = demo_store.repo(DiscussionState).get(state.id or 0)
    assert after is not None and member.id not in after.order
    assert after.order[after.position] == speaking
    assert Session(case, after, lambda: 0.0, 0.0) is not None


def test_what_their_phone_sent_and_still_waits_becomes_anonymous(demo_store: NetworkStore) -> None:
    from ln_tui.room.model import Submission, SubmissionKind

    member = jan(demo_store)
    meeting = demo_store.current_meeting
    assert meeting is not None
    waiting = demo_store.repo(Submission).add(
        Submission(meeting.id, SubmissionKind.QUESTION, "Mag ik iets vragen?", member_id=member.id)
    )
    forget_member(demo_store, member, TODAY)
    after = demo_store.repo(Submission).get(waiting.id or 0)
    assert after is not None and after.member_id is None and after.text == "Mag ik iets vragen?"
