"""The roster as a CSV file: written for spreadsheets, read back with every bad row named.

Pure logic (no textual import): the roster screen and the command line both use it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ln_tui.i18n import _, ngettext
from ln_tui.model import Member, Role
from ln_tui.roster.members import DuplicateIndex, cleaned, member_problems, parse_role

# A learning network is a group that meets; a file with more rows is almost surely the wrong file.
MAX_IMPORT_ROWS = 1000

CSV_COLUMNS = ("name", "email", "organisation", "role", "expertise", "joined")
# Of these, an imported file needs only `name`. Without a `joined` column (YYYY-MM-DD) the
# members joined on the day of the import; an empty cell in it means from the start.
REQUIRED_COLUMNS = ("name",)
# C0 and C1 control characters other than tab and line ends: a name holding ESC could later
# drive the terminal of whoever prints the roster.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Invisible or direction-changing characters: a name holding U+202E shows its letters reversed, one
# holding U+200B looks like another member's; U+2028 and U+2029 break a line where none shows.
# Zero-width joiners (U+200C, U+200D) stay: scripts and emoji need them.
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Header names a spreadsheet may use, in English or Dutch, for each column.
_HEADER_ALIASES = {
    "name": "name",
    "naam": "name",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "organisation": "organisation",
    "organization": "organisation",
    "organisatie": "organisation",
    "role": "role",
    "rol": "role",
    "expertise": "expertise",
    "interests": "expertise",
    "interesses": "expertise",
    "joined": "joined",
    "member since": "joined",
    "lid sinds": "joined",
}

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- CSV ------------------------------------------------------------------------------------
@dataclass
class CsvProblem:
    line: int  # 0 = the file as a whole
    reason: str
    column: int = 0  # 0 = the line as a whole; else counted in characters from 1

    def __str__(self) -> str:
        if self.line == 0:
            return self.reason
        if self.column:
            return _("line {line}, column {column}: {reason}").format(
                line=self.line, column=self.column, reason=self.reason
            )
        return _("line {line}: {reason}").format(line=self.line, reason=self.reason)


@dataclass
class CsvImportError(Exception):
    """A CSV file that cannot be imported; nothing was imported."""

    problems: list[CsvProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _csv_escape(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: a leading apostrophe, undone on import."""
    return "'" + value if value.lstrip("'").startswith(_FORMULA_START) else value


def _csv_unescape(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_START):
        return value[1:]
    return value


def members_to_csv(members: Iterable[Member]) -> str:
    """The roster as CSV (comma, header row, every member field); written as UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in members:
        writer.writerow(_csv_escape(v) for v in (m.name, m.email, m.organisation, m.role.value, m.expertise, m.joined))
    return out.getvalue()


def csv_bytes(members: Iterable[Member]) -> bytes:
    """The CSV file's bytes: with a BOM, so that spreadsheets read the accents right."""
    return members_to_csv(members).encode("utf-8-sig")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvImportError(
            [
                CsvProblem(
                    0,
                    _(
                        "The file is not UTF-8 text (line {line} has a character it cannot read). "
                        'Save it again as "CSV UTF-8" (in Excel: Save as, CSV UTF-8).'
                    ).format(line=line),
                )
            ]
        ) from None


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


@dataclass
class CsvImport:
    """The members a CSV file holds, and the columns of it that were not used."""

    members: list[Member]
    ignored: list[str]


def parse_members_csv(data: bytes, existing: Iterable[Member] = (), today: str | None = None) -> list[Member]:
    """The members in a CSV file (see `parse_members_csv_report`)."""
    return parse_members_csv_report(data, existing, today).members


def parse_members_csv_report(data: bytes, existing: Iterable[Member] = (), today: str | None = None) -> CsvImport:
    """The members in a CSV file, checked all through; raises CsvImportError listing every bad row.

    A `name` column is required; email, organisation, role, expertise and joined are read when
    present, in any order (Dutch headers too); other columns are named as ignored. Comma or
    semicolon; UTF-8 with or without BOM. A member already on the roster (same e-mail, or same
    name) or twice in the file is a bad row, so that importing twice adds nobody twice. Members
    joined `today` (ISO date; default: the real today) unless a `joined` column says otherwise.
    """
    text = _decode(data)
    if not text.strip():
        raise CsvImportError([CsvProblem(0, _("The file is empty."))])
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    if unseen := _unseen_characters(text, delimiter):
        raise CsvImportError(unseen)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise CsvImportError(
            [CsvProblem(reader.line_num, _("the CSV cannot be read: {reason}").format(reason=str(error)))]
        ) from None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise CsvImportError([CsvProblem(0, _("The file holds only empty rows: no members."))])
    header_line, header = rows[0]
    columns = _columns(header, header_line)
    body = rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise CsvImportError(
            [
                CsvProblem(
                    0,
                    ngettext("The file has {count} row;", "The file has {count} rows;", len(body)).format(
                        count=len(body)
                    )
                    + " "
                    + ngettext(
                        "a roster holds at most {max} member. Is this the right file?",
                        "a roster holds at most {max} members. Is this the right file?",
                        MAX_IMPORT_ROWS,
                    ).format(max=MAX_IMPORT_ROWS),
                )
            ]
        )
    if not body:
        raise CsvImportError([CsvProblem(0, _("The file has a header row but no members."))])
    members, problems = [], []
    seen = DuplicateIndex(existing)
    joined = today or datetime.date.today().isoformat()
    for line, row in body:
        member, reasons = _member_from_row(row, columns, joined)
        if member is not None and (twin := seen.find(member)) is not None:
            reasons.append(_("{name} is already on the roster or earlier in the file.").format(name=twin.name))
        if reasons:
            problems.append(CsvProblem(line, "; ".join(reasons)))
        elif member is not None:
            members.append(member)
            seen.add(member)
    if problems:
        raise CsvImportError(problems)
    ignored = [cell.strip() for cell, column in zip(header, columns, strict=True) if not column and cell.strip()]
    return CsvImport(members, ignored)


def _unseen_characters(text: str, delimiter: str) -> list[CsvProblem]:
    """Each character of `text` no member field may hold, with its line and column: a control
    character, an invisible or direction-changing one, and a line break inside a quoted cell (one
    line of the roster would show as two). The first of each kind on a line is named."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        for pattern, reason in (
            (_CONTROL, _("a control character (U+{code:04X}) where text belongs; remove it and import again")),
            (
                _INVISIBLE,
                _(
                    "an invisible or direction-changing character (U+{code:04X} {name}) where text belongs; "
                    "remove it and import again"
                ),
            ),
        ):
            if found := pattern.search(line):
                char = found.group()
                name = unicodedata.name(char, "")
                problems.append(CsvProblem(number, reason.format(code=ord(char), name=name), found.start() + 1))
    for number, column in _breaks_in_quoted_cells(text, delimiter):
        problems.append(
            CsvProblem(
                number,
                _("a line break inside a quoted cell; a member's field is one line: join it and import again"),
                column,
            )
        )
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def _breaks_in_quoted_cells(text: str, delimiter: str) -> list[tuple[int, int]]:
    """The line and column of the first line break in each quoted cell of the CSV `text`. A quote
    opens a quoted cell only at the start of a cell (as the csv module reads it); `""` inside one
    is a quote."""
    found: list[tuple[int, int]] = []
    if '"' not in text:
        return found
    line, line_start, position, end = 1, 0, 0, len(text)
    at_cell_start, quoted, reported = True, False, False
    while position < end:
        char = text[position]
        if quoted:
            if char == '"':
                if text[position + 1 : position + 2] == '"':
                    position += 1
                else:
                    quoted = False
            elif char in "\r\n" and not reported:
                found.append((line, position - line_start + 1))
                reported = True
        elif char == '"' and at_cell_start:
            quoted, reported = True, False
        at_cell_start = not quoted and char in (delimiter, "\n", "\r")
        if char == "\n":
            line, line_start = line + 1, position + 1
        position += 1
    return found


def _columns(header: list[str], line: int) -> list[str]:
    """The column each header cell names ("" for a column that is not used)."""
    columns, problems = [], []
    for cell in header:
        name = " ".join(cell.strip().casefold().split())
        column = _HEADER_ALIASES.get(name, "")
        if column and column in columns:
            problems.append(_('the column "{name}" appears twice').format(name=column))
        columns.append(column)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(_("missing column(s): {missing}").format(missing=", ".join(missing)))
    if problems:
        problems.append(
            _("the header row must name the column name, and may name {columns}, in any order").format(
                columns=", ".join(c for c in CSV_COLUMNS if c not in REQUIRED_COLUMNS)
            )
        )
        raise CsvImportError([CsvProblem(line, "; ".join(problems))])
    return columns


def _member_from_row(row: list[str], columns: list[str], joined: str) -> tuple[Member | None, list[str]]:
    if len(row) != len(columns):
        return None, [
            ngettext(
                "{count} cell where the header has {columns}", "{count} cells where the header has {columns}", len(row)
            ).format(count=len(row), columns=len(columns))
        ]
    values = {column: _csv_unescape(cell) for column, cell in zip(columns, row, strict=True) if column}
    role = parse_role(values.get("role", ""))
    reasons = []
    if role is None:
        reasons.append(_('unknown role "{role}" (use facilitator, participant or guest)').format(role=values["role"]))
    since = values["joined"].strip() if "joined" in values else joined
    member = cleaned(
        Member(
            values.get("name", ""),
            values.get("email", ""),
            values.get("organisation", ""),
            role or Role.PARTICIPANT,
            values.get("expertise", ""),
            joined=since,
        )
    )
    reasons += list(member_problems(member).values())
    return member, reasons
