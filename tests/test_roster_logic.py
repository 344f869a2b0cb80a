"""The roster's pure logic: validation, likely duplicates, attendance, filter and sort."""

from __future__ import annotations

import pytest

from ln_tui.model import Meeting, Member, Presence, Role, meeting_problems, normal_time
from ln_tui.roster.attendance import attendance_rates, format_rate, next_presence
from ln_tui.roster.members import MAX_FIELD, likely_duplicate, member_problems, parse_role
from ln_tui.roster.rows import filter_rows, roster_rows, sort_rows


class TestValidation:
    def test_a_name_is_required(self) -> None:
        assert set(member_problems(Member("   "))) == {"name"}

    @pytest.mark.parametrize("email", ["ann", "ann@", "ann@example", "a b@example.org", "@example.org"])
    def test_an_email_must_look_like_one(self, email: str) -> None:
        assert set(member_problems(Member("Ann", email))) == {"email"}

    @pytest.mark.parametrize("email", ["", "ann@example.org", "ann.de.smet+ln@ocmw-gent.be"])
    def test_good_or_no_email_passes(self, email: str) -> None:
        assert member_problems(Member("Ann", email)) == {}

    def test_a_very_long_field_is_refused_with_its_length(self) -> None:
        problems = member_problems(Member("x" * 10_000))
        assert problems["name"] == f"At most {MAX_FIELD} characters; this has 10000."

    @pytest.mark.parametrize("name", ["[@click=app.quit]Ann[/]", "[b", "Zoë 🙂", "مريم العلوي", "Ann\x1b[31m\x07"])
    def test_hostile_names_are_valid_names(self, name: str) -> None:
        assert member_problems(Member(name)) == {}

    def test_meeting_dates_and_times(self) -> None:
        assert meeting_problems("2026-03-17", "13:30") == {}
        assert set(meeting_problems("2026-02-30", "")) == {"date"}
        assert set(meeting_problems("17/03/2026", "25:00")) == {"date", "time"}
        assert set(meeting_problems("20260317", "")) == {"date"}
        assert normal_time("9.30") == "09:30" and normal_time("") == "" and normal_time("9:75") is None


class TestDuplicates:
    def test_same_email_in_other_case(self) -> None:
        ann = Member("Ann Peeters", "ann@x.be", id=1)
        assert likely_duplicate(Member("A. Peeters", "ANN@x.be"), [ann]) is ann

    def test_same_name_without_accents_or_case(self) -> None:
        zoe = Member("Zoë  Maes", id=1)
        assert likely_duplicate(Member("zoe maes"), [zoe]) is zoe

    def test_a_member_is_not_their_own_duplicate(self) -> None:
        ann = Member("Ann", "ann@x.be", id=1)
        assert likely_duplicate(Member("Ann", "ann@x.be", id=1), [ann]) is None

    def test_different_people_are_not_duplicates(self) -> None:
        assert likely_duplicate(Member("Ann", "ann@x.be"), [Member("Bart", "bart@x.be", id=2)]) is None


class TestRoles:
    @pytest.mark.parametrize(
        ("text", "role"),
        [
            ("", Role.PARTICIPANT),
            ("Deelnemer", Role.PARTICIPANT),
            ("guest / expert", Role.GUEST),
            ("Expert", Role.GUEST),
            (" facilitator ", Role.FACILITATOR),
            ("gast", Role.GUEST),
            ("boss", None),
        ],
    )
    def test_roles_in_english_and_dutch(self, text: str, role: Role | None) -> None:
        assert parse_role(text) is role


class TestAttendance:
    def test_everyone_is_present_by_default_and_only_held_meetings_count(self) -> None:
        ann, bart = Member("Ann", id=1), Member("Bart", id=2)
        meetings = [
            Meeting("2026-01-10", attendance={2: Presence.ABSENT}),
            Meeting("2026-02-10", attendance={2: Presence.EXCUSED}),
            Meeting("2026-03-10"),
            Meeting("2026-12-10", attendance={1: Presence.ABSENT}),  # still to come
        ]
        rates = attendance_rates([ann, bart], meetings, today="2026-06-01")
        assert rates == {1: 1.0, 2: pytest.approx(1 / 3)}
        assert format_rate(rates[2]) == "33%"

    def test_no_rate_before_the_first_meeting(self) -> None:
        rates = attendance_rates([Member("Ann", id=1)], [Meeting("2026-12-10")], today="2026-06-01")
        assert rates == {1: None} and format_rate(None) == "—"

    def test_one_key_steps_present_absent_excused(self) -> None:
        assert [next_presence(p) for p in Presence] == [Presence.ABSENT, Presence.EXCUSED, Presence.PRESENT]


class TestFilterAndSort:
    @pytest.fixture
    def rows(self):
        members = [
            Member("Ann Peeters", "ann@thuiszorg.be", "Thuiszorg Gent", Role.PARTICIPANT, "dementie", id=1),
            Member("Bart Claes", "bart@ocmw.be", "OCMW Lokeren", Role.FACILITATOR, "armoede", id=2),
            Member("Zoë Maes", "zoe@ugent.be", "UGent", Role.GUEST, "onderzoek", id=3),
        ]
        meetings = [Meeting("2026-01-10", attendance={3: Presence.ABSENT})]
        return roster_rows(members, meetings, [2, 2, 1, None], today="2026-06-01")

    def test_every_word_must_match_any_field_in_any_case(self, rows) -> None:
        assert [r.member.name for r in filter_rows(rows, "GENT")] == ["Ann Peeters", "Zoë Maes"]
        assert [r.member.name for r in filter_rows(rows, "gent dementie")] == ["Ann Peeters"]
        assert [r.member.name for r in filter_rows(rows, "guest / expert")] == ["Zoë Maes"]
        assert len(filter_rows(rows, "  ")) == 3

    def test_sort_by_any_column(self, rows) -> None:
        def names(column: str, reverse: bool = False) -> list[str]:
            return [r.member.name.split()[0] for r in sort_rows(rows, column, reverse)]

        assert names("organisation") == ["Bart", "Ann", "Zoë"]
        assert names("role") == ["Bart", "Ann", "Zoë"]
        assert names("cases", reverse=True) == ["Bart", "Ann", "Zoë"]
        assert names("attendance") == ["Zoë", "Ann", "Bart"]
        assert names("email") == ["Ann", "Bart", "Zoë"]
        assert names("name", reverse=True) == ["Zoë", "Bart", "Ann"]

    def test_cases_are_counted_by_bringer(self, rows) -> None:
        assert {r.member.id: r.cases for r in rows} == {1: 1, 2: 2, 3: 0}


def test_typing_on_narrows_and_erasing_does_not() -> None:
    from ln_tui.roster.rows import narrows

    assert narrows("pee", "pe") and narrows("pe gent", "pe") and narrows("x", "")
    assert not narrows("p", "pe") and not narrows("pa", "pe")
