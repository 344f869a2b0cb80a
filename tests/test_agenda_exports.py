"""The agenda travels: in the announcement, in the minutes, in a calendar file (parsed back
with `icalendar`); and the command line's `export --ics` and `new --from`."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from icalendar import Calendar

from ln_tui.agenda.agenda import Agenda
from ln_tui.agenda.closing import save_harvest
from ln_tui.agenda.ics import calendar_bytes
from ln_tui.agenda.model import ExternalInput, Harvest, InputKind
from ln_tui.agenda.status import is_closed
from ln_tui.cli import main
from ln_tui.model import Meeting, MeetingKind
from ln_tui.network.announcement import announcement_for
from ln_tui.report import minutes_markdown
from ln_tui.store import NetworkStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def planned(store: NetworkStore) -> list[Meeting]:
    return store.meetings.add_many(
        [
            Meeting("2026-01-20", MeetingKind.KICKOFF, "13:30", "De Linde, Gent", "Startbijeenkomst"),
            Meeting("2026-03-03", MeetingKind.REGULAR, "09:00", "Thuiszorg Gent"),
            Meeting("2026-05-26", MeetingKind.CLOSING, "", "Online"),
        ]
    )


class TestAnnouncementAndMinutes:
    def test_the_announcement_has_each_meetings_programme(self, store: NetworkStore, planned: list[Meeting]) -> None:
        text = announcement_for(store)
        assert "    - 13:30 Welcome, purpose of the network (10 min)" in text
        assert "    - 09:25 Case discussion (45 min)" in text
        assert "    - +0:10 Last case, or the harvest of insights (45 min)" in text

    def test_the_minutes_have_planned_and_actual_times(
        self, store: NetworkStore, planned: list[Meeting], clock: FakeClock
    ) -> None:
        meeting = planned[1]
        clock.now = datetime.datetime(2026, 3, 3, 9, 5).timestamp()
        agenda = Agenda(store, meeting, clock)
        agenda.set_external(4, ExternalInput(InputKind.SITE_VISIT, "[b]Sofie[/b]", "Thuiszorg", links=["https://x.be"]))
        agenda.start()
        clock.advance(12 * 60)
        agenda.next_item()
        text = minutes_markdown(store, meeting)
        assert "| 09:00 | Welcome, check-in round (welcome / check-in) | 10 min | 09:05 | 12:00 |" in text
        assert "| 09:10 | Follow-up: actions and open questions (follow-up) | 15 min |  |  |" in text
        assert "Site visit" in text and "\\[b\\]Sofie\\[/b\\], Thuiszorg" in text and "https://x.be" in text

    def test_the_harvest_is_in_the_closing_minutes_and_the_report(
        self, store: NetworkStore, planned: list[Meeting]
    ) -> None:
        save_harvest(store, Harvest("- Plan on Friday", "", [], closed=True), today=datetime.date(2026, 5, 26))
        for meeting in (planned[2], None):
            text = minutes_markdown(store, meeting)
            assert "## Harvest of the network" in text and "- Plan on Friday" in text
            assert "closed on 2026-05-26" in text
        assert "Harvest" not in minutes_markdown(store, planned[1])


class TestCalendar:
    def test_one_event_per_meeting_with_its_time_place_and_agenda(
        self, store: NetworkStore, planned: list[Meeting]
    ) -> None:
        calendar = Calendar.from_ical(calendar_bytes(store))
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 3
        kickoff, regular, closing = events
        assert kickoff.decoded("dtstart") == datetime.datetime(2026, 1, 20, 13, 30)
        assert kickoff.decoded("dtend") == datetime.datetime(2026, 1, 20, 16, 0)
        assert str(kickoff["location"]) == "De Linde, Gent"
        assert "13:40 Introductions round (40 min)" in str(kickoff["description"])
        assert regular.decoded("dtstart") == datetime.datetime(2026, 3, 3, 9, 0)
        assert str(regular["location"]) == "Thuiszorg Gent"
        assert closing.decoded("dtstart") == datetime.date(2026, 5, 26)  # no time: all day
        assert len({str(e["uid"]) for e in events}) == 3
        assert str(calendar["version"]) == "2.0" and calendar["prodid"]
        again = list(Calendar.from_ical(calendar_bytes(store)).walk("VEVENT"))
        assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]

    def test_export_ics_writes_the_file(
        self, capsys: pytest.CaptureFixture[str], store: NetworkStore, planned: list[Meeting], network_path: Path
    ) -> None:
        store.close()
        out = network_path.parent / "meetings.ics"
        code, _, err = run(capsys, "export", str(network_path), "--ics", "-o", str(out))
        assert code == 0, err
        assert len(list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))) == 3
        code, text, _ = run(capsys, "export", str(network_path), "--ics")
        assert code == 0 and text.startswith("BEGIN:VCALENDAR")
        code, _, err = run(capsys, "export", str(network_path), "--ics", "--meeting", "1")
        assert code == 2 and "--ics" in err
        before = network_path.read_bytes()
        code, _, err = run(capsys, "export", str(network_path), "--ics", "-o", str(network_path))
        assert code == 2 and "never replaces" in err and network_path.read_bytes() == before


class TestNewFrom:
    def test_new_from_makes_a_follow_up_and_never_overwrites(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        old, new = tmp_path / "old.json", tmp_path / "new.json"
        assert run(capsys, "demo", str(old), "--no-open")[0] == 0
        code, out, err = run(capsys, "new", str(new), "--from", str(old))
        assert code == 0, err
        assert "10 members" in out
        with NetworkStore.open(new, read_only=True) as store:
            assert len(store.members) == 10 and len(store.meetings) == 0
        before = new.read_bytes()
        code, _, err = run(capsys, "new", str(new), "--from", str(old))
        assert code == 2 and "never overwrites" in err
        assert new.read_bytes() == before
        code, _, err = run(capsys, "new", str(old), "--from", str(old))
        assert code == 2

    def test_a_closed_network_still_opens_and_exports(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "closed.json"
        assert run(capsys, "demo", str(path), "--no-open")[0] == 0
        with NetworkStore.open(path) as store:
            record = Harvest("Insight", closed=True)
            save_harvest(store, record)
        code, text, _ = run(capsys, "export", str(path))
        assert code == 0 and "The network was closed on" in text
        with NetworkStore.open(path) as store:
            assert is_closed(store)
