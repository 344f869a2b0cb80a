"""The roster without a screen: what the `Roster` facade writes, and what it leaves as it was."""

from __future__ import annotations

import pytest

from ln_tui.discussion.model import Case
from ln_tui.model import Meeting, Member, Presence
from ln_tui.roster import Roster
from ln_tui.roster.csv import CsvImportError
from ln_tui.store import NetworkStore


def members_on_disk(store: NetworkStore) -> list[Member]:
    with NetworkStore.open(store.path) as again:
        return Roster(again).members()


def meeting_on_disk(store: NetworkStore, meeting_id: int | None) -> Meeting | None:
    with NetworkStore.open(store.path) as again:
        return Roster(again).meeting(meeting_id)


def test_a_member_is_added_edited_removed_and_put_back_on_disk(store: NetworkStore) -> None:
    roster = Roster(store)
    assert roster.save(Member("Ann", "ann@example.org")) is True
    ann = roster.members()[0]
    ann.organisation = "School A"
    assert roster.save(ann) is False
    assert [m.organisation for m in members_on_disk(store)] == ["School A"]

    roster.remove(ann)
    assert members_on_disk(store) == []
    roster.restore(ann)
    assert [(m.name, m.id) for m in members_on_disk(store)] == [("Ann", ann.id)]


def test_others_leave_out_the_member_itself_and_names_sort_without_case(store: NetworkStore) -> None:
    roster = Roster(store)
    for name in ("bart", "Ann", "Claire"):
        roster.save(Member(name))
    ann = next(m for m in roster.members() if m.name == "Ann")
    assert [m.name for m in roster.others(ann)] == ["bart", "Claire"]
    assert [m.name for m in roster.members_by_name()] == ["Ann", "bart", "Claire"]
    assert roster.member(None) is None


def test_presence_steps_present_absent_excused_and_is_saved(store: NetworkStore) -> None:
    roster = Roster(store)
    roster.save(Member("Ann", joined=""))
    ann = roster.members()[0]
    assert ann.id is not None
    roster.save_meeting(Meeting("2026-03-03"))
    meeting = roster.meetings()[0]
    steps = [roster.step_presence(meeting, ann.id) for _ in range(3)]
    assert steps == [Presence.ABSENT, Presence.EXCUSED, Presence.PRESENT]
    roster.step_presence(meeting, ann.id)
    saved = meeting_on_disk(store, meeting.id)
    assert saved is not None and saved.presence(ann.id) is Presence.ABSENT


def test_meetings_come_in_date_order_and_a_removed_current_meeting_is_no_longer_current(store: NetworkStore) -> None:
    roster = Roster(store)
    assert roster.save_meeting(Meeting("2026-05-05")) is True
    assert roster.save_meeting(Meeting("2026-03-03", time="14:00")) is True
    assert roster.save_meeting(Meeting("2026-03-03", time="09:00")) is True
    first, second, last = roster.meetings()
    assert [(m.date, m.time) for m in (first, second)] == [("2026-03-03", "09:00"), ("2026-03-03", "14:00")]
    last.title = "Closing"
    assert roster.save_meeting(last) is False
    store.set_current_meeting(last.id)

    roster.remove_meeting(last)
    with NetworkStore.open(store.path) as again:
        assert [m.date for m in Roster(again).meetings()] == ["2026-03-03", "2026-03-03"]
        assert again.setting("current_meeting_id") is None


def test_rows_count_the_cases_each_member_brought(store: NetworkStore) -> None:
    roster = Roster(store)
    roster.save(Member("Ann", joined=""))
    roster.save(Member("Bart", joined=""))
    ann, _bart = roster.members()
    meeting = store.meetings.add(Meeting("2026-03-03"))
    store.repo(Case).add(Case(meeting.id, "A case", ann.id))
    store.repo(Case).add(Case(meeting.id, "Another", ann.id))
    rows = {row.member.name: row for row in roster.rows(roster.meetings(), "2026-04-01")}
    assert (rows["Ann"].cases, rows["Bart"].cases) == (2, 0)
    assert rows["Ann"].rate == 1.0


def test_a_csv_import_is_all_or_nothing_and_its_export_reads_back(store: NetworkStore) -> None:
    roster = Roster(store)
    roster.save(Member("Ann", "ann@example.org"))
    with pytest.raises(CsvImportError):
        roster.import_csv(b"name,email\nBart,bart@example.org\nAnn again,ann@example.org\n")
    assert [m.name for m in members_on_disk(store)] == ["Ann"]

    result = roster.import_csv(b"name,email,shoe size\nBart,bart@example.org,44\n", today="2026-03-01")
    assert [m.name for m in result.members] == ["Bart"] and result.ignored == ["shoe size"]
    with NetworkStore.open(store.path) as again:
        data, count = Roster(again).csv_bytes()
    assert count == 2
    assert data.decode("utf-8-sig").splitlines()[1:] == [
        "Ann,ann@example.org,,participant,,",
        "Bart,bart@example.org,,participant,,2026-03-01",
    ]
