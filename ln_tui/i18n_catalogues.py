"""The translators' tooling: which strings the code marks, what the catalogues hold, adding to them.

Used by `tools/po.py` and by tests/test_i18n.py; the app itself only reads catalogues
(`ln_tui.i18n`). Catalogues are read and written with polib, so translators' comments,
references and flags (fuzzy) survive an update.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import polib

from ln_tui.i18n import LOCALE_DIR, PLURAL_FORMS

PACKAGE = Path(__file__).parent


@dataclass(frozen=True)
class Marked:
    """A string marked for translation in the code, and the first place it is marked."""

    msgid: str
    plural: str | None
    where: str


def marked_strings(package: Path = PACKAGE) -> dict[str, Marked]:
    """Each literal passed to _(), N_(), ngettext() or Nn_() in the package, by msgid."""
    found: dict[str, Marked] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            literals = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            where = f"{path.relative_to(package)}:{node.lineno}"
            if node.func.id in {"_", "N_"} and literals:
                found.setdefault(literals[0], Marked(literals[0], None, where))
            elif node.func.id in {"ngettext", "Nn_"} and len(literals) == 2:
                found.setdefault(literals[0], Marked(literals[0], literals[1], where))
    for path in sorted(package.rglob("*.html")):  # Jinja2 templates (the room's pages) call the same _()
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_CALL.finditer(text):
            where = f"{path.relative_to(package)}:{text.count(chr(10), 0, match.start()) + 1}"
            found.setdefault(match["msgid"], Marked(match["msgid"], None, where))
    return found


# `_("...")` or `_('...')` in a template
TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?P<quote>["'])(?P<msgid>.*?)(?P=quote)\s*\)""")


def read_entries(language: str = "nl", folder: Path | None = None) -> list[polib.POEntry]:
    """Every entry of a language's catalogues (fuzzy and untranslated ones too)."""
    folder = folder or LOCALE_DIR / language
    return [entry for po_file in sorted(folder.glob("*.po")) for entry in polib.pofile(str(po_file))]


def translated(language: str = "nl") -> dict[str, polib.POEntry]:
    """The entries the app uses (translated, not fuzzy, not obsolete), by msgid."""
    return {e.msgid: e for e in read_entries(language) if e.translated() and not e.obsolete}


def add_translations(path: Path, pairs: list[tuple[str, str | list[str]]]) -> None:
    """Add or change translations in one catalogue, keeping everything else in it.

    A pair is (msgid, msgstr) or, for a plural, (msgid, [singular form, plural form]) with the
    English plural taken from the code's marker. A changed entry loses its fuzzy flag (it has
    been translated now); comments and references stay.
    """
    po = polib.pofile(str(path)) if path.exists() else polib.POFile()
    if not path.exists():
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "nl_BE"}
    po.metadata.setdefault("Plural-Forms", PLURAL_FORMS)
    marked = marked_strings()
    for msgid, msgstr in pairs:
        entry = po.find(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid)
            po.append(entry)
        if isinstance(msgstr, list):
            mark = marked.get(msgid)
            entry.msgid_plural = mark.plural if mark and mark.plural else entry.msgid_plural or msgid
            entry.msgstr_plural = dict(enumerate(msgstr))
        else:
            entry.msgstr = msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.wrapwidth = 0  # one line per string, as the catalogues have always been
    po.save(str(path))
