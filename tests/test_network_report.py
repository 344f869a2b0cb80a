"""The minutes and the report carry the profile and who attended, with roles; hostile text stays text."""

from __future__ import annotations

from ln_tui.model import Meeting, Member, Presence, Role
from ln_tui.report import minutes_markdown, to_html
from ln_tui.store import NetworkStore


def test_the_minutes_of_a_meeting_list_attendance_with_roles(demo_store: NetworkStore) -> None:
    meeting = sorted(demo_store.meetings.all(), key=lambda m: m.date)[1]
    text = minutes_markdown(demo_store, meeting)
    assert "## The network" in text and "### Engagement" in text and "**Passing on what you learn**" in text
    assert "### Attendance (8/10)" in text
    assert "| Dr. Hilde Jacobs | guest / expert | Universiteit Gent | absent |" in text
    assert "| Els Van den Broeck | facilitator | Dienstencentrum De Linde | present |" in text
    assert "| Pieter De Smet | participant | WGC De Brug | excused |" in text


def test_the_report_lists_every_member_with_role_and_attendance_rate(store: NetworkStore) -> None:
    _ann, bart = store.members.add_many([Member("Ann", role=Role.FACILITATOR), Member("Bart")])
    store.meetings.add_many([Meeting("2025-01-10", attendance={bart.id: Presence.ABSENT}), Meeting("2025-02-10")])  # type: ignore[dict-item]
    text = minutes_markdown(store)
    assert "## Members (2)" in text
    assert "| Ann | facilitator |  |  | 100% |" in text and "| Bart | participant |  |  | 50% |" in text


def test_hostile_text_is_literal_in_the_minutes(store: NetworkStore) -> None:
    store.members.add(Member("[@click=app.quit]Ann[/] <script>x</script>", organisation="|pipe|"))
    meeting = store.meetings.add(Meeting("2025-01-10", place="<img src=x onerror=alert(1)>"))
    page = to_html(minutes_markdown(store, meeting), "t")
    assert "<script>" not in page and "<img" not in page
    assert "[@click=app.quit]Ann[/] &lt;script&gt;x&lt;/script&gt;" in page
    assert "|pipe|" in page
