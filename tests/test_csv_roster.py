"""CSV in and out: formats spreadsheets write, every bad row reported, a lossless round trip."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ln_tui.model import Member, Role
from ln_tui.roster.csv import CsvImportError, csv_bytes, members_to_csv, parse_members_csv, parse_members_csv_report
from ln_tui.roster.members import cleaned
from ln_tui.store import NetworkStore


def problems(data: bytes, existing: list[Member] | None = None) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        parse_members_csv(data, existing or [])
    return [str(p) for p in caught.value.problems]


class TestFormats:
    def test_columns_in_any_order_with_a_bom_and_semicolons(self) -> None:
        data = "\ufeffRole;Expertise;E-mail;Naam;Organisatie\r\ndeelnemer;dementie;ann@x.be;Ann;OCMW\r\n".encode()
        [ann] = parse_members_csv(data, today="2026-01-02")
        assert ann == Member("Ann", "ann@x.be", "OCMW", Role.PARTICIPANT, "dementie", joined="2026-01-02")

    def test_commas_quotes_and_blank_lines(self) -> None:
        data = b'name,email,organisation,role,expertise\n\n"De Smet, Pieter",p@x.be,"WGC ""De Brug""",guest,\n'
        [pieter] = parse_members_csv(data)
        assert pieter.name == "De Smet, Pieter" and pieter.organisation == 'WGC "De Brug"' and pieter.role is Role.GUEST

    def test_a_latin1_file_is_refused_with_advice(self) -> None:
        data = "name,email,organisation,role,expertise\nAnn,,,,\nZoë,,,,\n".encode("latin-1")
        [problem] = problems(data)
        assert "not UTF-8" in problem and "line 3" in problem and "CSV UTF-8" in problem

    def test_a_missing_name_column_is_named(self) -> None:
        [problem] = problems(b"naam2,email,role\nAnn,,\n")
        assert problem.startswith("line 1:") and "missing column(s): name" in problem

    def test_an_unknown_column_is_ignored_and_named(self) -> None:
        result = parse_members_csv_report(b"name,email,organisation,role,expertise,phone\nAnn,,,,,0470\n")
        assert [m.name for m in result.members] == ["Ann"] and result.ignored == ["phone"]

    def test_an_empty_file(self) -> None:
        assert problems(b"") == ["The file is empty."]
        assert problems(b"name,email,organisation,role,expertise\n") == ["The file has a header row but no members."]

    def test_10000_rows_are_refused_at_once(self) -> None:
        data = b"name,email,organisation,role,expertise\n" + b"".join(
            b"Member %d,m%d@x.be,,,\n" % (i, i) for i in range(10_000)
        )
        [problem] = problems(data)
        assert "10000 rows" in problem and "at most 1000" in problem


class TestBadRows:
    def test_every_bad_row_is_reported_and_nothing_imported(self) -> None:
        data = (
            "name,email,organisation,role,expertise\n"
            "Ann,ann@x.be,,,\n"  # 2: good
            ",nobody@x.be,,,\n"  # 3: no name
            "Bart,bart-at-x,,,\n"  # 4: bad e-mail
            "Cas,,,boss,\n"  # 5: unknown role
            "Dirk,,\n"  # 6: too few cells
            "ANN,,,,\n"  # 7: twice in the file
            f"{'x' * 10_000},,,,\n"  # 8: too long
        ).encode()
        reported = problems(data)
        assert [p.split(":")[0] for p in reported] == [f"line {n}" for n in (3, 4, 5, 6, 7, 8)]
        assert "A name is required." in reported[0]
        assert "e-mail" in reported[1]
        assert 'unknown role "boss"' in reported[2]
        assert "3 cells where the header has 5" in reported[3]
        assert "Ann is already on the roster or earlier in the file." in reported[4]
        assert "this has 10000" in reported[5]

    def test_someone_already_on_the_roster(self) -> None:
        existing = [Member("Ann Peeters", "ann@x.be", id=4)]
        [problem] = problems(b"name,email,organisation,role,expertise\nA. Peeters,ANN@x.be,,,\n", existing)
        assert problem == "line 2: Ann Peeters is already on the roster or earlier in the file."


class TestExport:
    def test_a_formula_is_defused_for_spreadsheets_and_comes_back_on_import(self) -> None:
        members = [Member('=HYPERLINK("http://evil")', "", "+32 9 123", Role.GUEST, "-dementie"), Member("'t Hof")]
        text = members_to_csv(members)
        assert "'=HYPERLINK" in text and "'+32 9 123" in text and "'-dementie" in text
        assert "\n't Hof," in text  # a Flemish apostrophe is left alone
        assert parse_members_csv(text.encode()) == members

    def test_the_file_has_a_bom_for_spreadsheets(self) -> None:
        assert csv_bytes([Member("Zoë")]).startswith("\ufeffname,".encode())


# Refused on import with their line and column (tests/test_data_safety.py, tests/test_still_open_paths.py):
# control characters, invisible or direction-changing ones, line breaks in a cell.
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\n\r\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
HOSTILE = [
    "[@click=app.quit]Ann[/]",
    "[b",
    "Zoë 🙂",
    "مريم العلوي",
    "bell\x07 esc\x1b[31m",
    "\u202eevil",
    "line\nbreak",
    'quote "x", comma; semi',
    "=1+1",
    "'=quoted",
    "@SUM(A1)",
    "  spaced  ",
]


def test_round_trip_csv_roster_csv_keeps_every_field(tmp_path) -> None:
    members = [  # as the roster holds them: each field on one line (a line break is a space)
        cleaned(Member(f"{text} {i}".strip(), f"m{i}@x.be", text.strip(), role, text.strip()))
        for i, (text, role) in enumerate(zip(HOSTILE, list(Role) * 4, strict=False))
        if not CONTROL.search(text)
    ]
    first = csv_bytes(members)
    with NetworkStore.open(tmp_path / "n.json") as store, store.batch():
        store.members.add_many(parse_members_csv(first))
    with NetworkStore.open(tmp_path / "n.json", read_only=True) as store:
        second = csv_bytes(store.members.all())
    assert second == first


field_text = (
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=40)
    .map(str.strip)
    .filter(lambda text: not CONTROL.search(text))
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(field_text.filter(bool), field_text, field_text, st.sampled_from(Role)), max_size=8))
def test_any_member_text_survives_the_round_trip(rows: list[tuple[str, str, str, Role]]) -> None:
    members = [
        Member(f"{name} {i}", f"m{i}@x.be", organisation, role, expertise)
        for i, (name, organisation, expertise, role) in enumerate(rows)
    ]
    if not members:
        return
    assert parse_members_csv(csv_bytes(members)) == members
