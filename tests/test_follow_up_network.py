"""`ln-tui new NEW --from OLD` on the demo: what is left open travels to the follow-up network, as
notes of its first meeting marked as carried over; nothing said in the old meetings comes along."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from ln_tui.agenda.closing import UNCONFIRMED_SETTING, harvest, learning_form_ratings, start_follow_up
from ln_tui.app import LnApp
from ln_tui.cli import main
from ln_tui.discussion.model import Case
from ln_tui.evaluation.model import Evaluation
from ln_tui.evaluation.summary import question_items
from ln_tui.kickoff.model import ItemStatus
from ln_tui.minutes.carry import CARRIED, CarriedKind
from ln_tui.minutes.notes import Minutes
from ln_tui.model import Meeting, MeetingKind, NoteKind, NoteStatus
from ln_tui.report import minutes_markdown
from ln_tui.screens.minutes.screen import MinutesScreen
from ln_tui.store import NetworkStore

AppFactory = Callable[..., LnApp]


@pytest.fixture
def follow_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path, str]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert main(["demo", str(old), "--no-open", "--lang=en"]) == 0
    capsys.readouterr()
    assert main(["new", str(new), "--from", str(old), "--lang=en"]) == 0
    out, err = capsys.readouterr()
    assert not err
    return old, new, out


def test_help_lists_new(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help", "--lang=en"])
    assert "new NEWFILE --from OLDFILE" in " ".join(capsys.readouterr().out.split())


def test_every_open_item_is_carried_and_nothing_said_in_the_meetings(follow_up: tuple[Path, Path, str]) -> None:
    old_path, new_path, out = follow_up
    with NetworkStore.open(old_path, read_only=True) as old, NetworkStore.open(new_path, read_only=True) as new:
        carried = new.notes.all()
        assert carried and all(n.context == {CARRIED: 1} and n.meeting_id is None for n in carried)
        texts = "\n".join(n.text for n in carried)
        old_names = {m.id: m.name for m in old.members.all()}
        new_names = {m.id: m.name for m in new.members.all()}

        # The open actions, each with its owner when they are still in the roster (the group otherwise).
        open_actions = [n for n in old.notes.all() if n.kind is NoteKind.ACTION and n.status is NoteStatus.OPEN]
        actions = [n for n in carried if n.kind is NoteKind.ACTION]
        assert len(open_actions) >= 2
        assert [a.text for a in actions] == [a.text for a in sorted(open_actions, key=lambda n: (n.created, n.id))]
        for before, after in zip(sorted(open_actions, key=lambda n: (n.created, n.id)), actions, strict=True):
            assert after.status is NoteStatus.OPEN
            owner = old_names.get(before.owner_id) if before.owner_id is not None else None
            assert (new_names[after.owner_id] if after.owner_id is not None else None) == owner
        assert any(a.owner_id is not None for a in actions)

        # The kickoff's open and parked questions.
        questions = [i for i in question_items(old) if i.status in (ItemStatus.OPEN, ItemStatus.PARKED)]
        assert any(i.status is ItemStatus.PARKED for i in questions)
        for item in questions:
            assert item.text in texts
        answered = [i for i in question_items(old) if i.status is ItemStatus.ANSWERED]
        assert answered and not any(i.text in texts for i in answered)

        # What continues and who carries it; the learning forms and their ratings.
        for continuation in harvest(old).continues:
            assert f"{continuation.what} — {continuation.who}" in texts
        ratings = learning_form_ratings(old)
        assert len(ratings) >= 3 and all(line in texts for line in ratings)
        assert "Case discussion: 4.7 of 5 (6 answers)" in texts

        # The members, each to be confirmed one by one.
        assert sorted(new_names.values()) == sorted(old_names.values())
        assert new.setting(UNCONFIRMED_SETTING) == sorted(i for i in new_names if i is not None)

        # Nothing of the old network's notes, turn notes, cases or evaluations.
        others = [n for n in old.notes.all() if not (n.kind is NoteKind.ACTION and n.status is NoteStatus.OPEN)]
        assert any("speaker_id" in n.context for n in others)
        assert not any(n.text in texts for n in others)
        assert new.repo(Evaluation).all() == [] and new.repo(Case).all() == [] and len(new.meetings) == 0
        for form in old.repo(Evaluation).all():
            for answer in form.answers.values():
                if answer.strip() and form.answers.get("suggestions") != answer:
                    assert answer not in texts
        for case in old.repo(Case).all():
            assert case.title not in texts
    assert "carried over: 2 open actions, 3 open or parked questions, 2 things that continue" in " ".join(out.split())


def test_the_first_meeting_shows_what_was_carried(follow_up: tuple[Path, Path, str]) -> None:
    _old, new_path, _out = follow_up
    with NetworkStore.open(new_path) as new:
        minutes = Minutes(new)
        before = minutes.notes(None)
        assert len(before) == len(new.notes.all())  # no meeting yet: the network's own notes
        first, second = new.meetings.add_many([Meeting("2027-01-19", MeetingKind.KICKOFF), Meeting("2027-03-02")])
        assert [n.id for n in minutes.notes(first)] == [n.id for n in before]
        assert minutes.notes(second) == [] and minutes.notes(None) == []
        markdown = minutes_markdown(new, first)
        assert "carried over from the network before" in markdown
        assert "Uitzoeken welke digitale tools" in markdown
        assert minutes.carried(first) == []  # shown as its notes, not twice

        # An open action not done at the first meeting is carried to the next, like any other.
        actions = [n for n in before if n.kind is NoteKind.ACTION]
        minutes.toggle_done(actions[0], first)
        later = [c for c in minutes.carried(second) if c.kind is CarriedKind.ACTION]
        assert [(c.id, c.origin) for c in later] == [(a.id, first) for a in actions[1:]]


async def test_the_minutes_home_shows_the_carried_notes_on_the_first_meeting(
    follow_up: tuple[Path, Path, str], make_app: AppFactory
) -> None:
    _old, new_path, _out = follow_up
    with NetworkStore.open(new_path) as new:
        (first,) = new.meetings.add_many([Meeting("2027-01-19", MeetingKind.KICKOFF)])
        new.set_current_meeting(first.id)
        app = make_app(new, screen="minutes")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MinutesScreen)
            shown = "\n".join(" | ".join(c.plain for c in row.cells) for row in screen.shown)
            assert "Uitzoeken welke digitale tools" in shown
            assert "Open question from Lerend netwerk" in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_snapshot_the_first_meeting_with_what_was_carried(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, tmp_path: Path, size: tuple[int, int]
) -> None:
    new = NetworkStore.open(tmp_path / "next.json")
    start_follow_up(demo_store, new, now=datetime.datetime(2026, 12, 1, 10, 0))
    (first,) = new.meetings.add_many([Meeting("2027-01-19", MeetingKind.KICKOFF)])
    new.set_current_meeting(first.id)
    try:
        assert snap_compare(make_app(new, screen="minutes"), terminal_size=size)
    finally:
        new.close()


def test_snapshot_the_agenda_before_the_first_meeting(
    snap_compare, demo_store: NetworkStore, make_app: AppFactory, tmp_path: Path
) -> None:
    new = NetworkStore.open(tmp_path / "next.json")
    start_follow_up(demo_store, new, now=datetime.datetime(2026, 12, 1, 10, 0))
    try:
        assert snap_compare(make_app(new, screen="agenda"), terminal_size=(80, 24))
    finally:
        new.close()
