"""Every string the user can see has a Dutch translation, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ln_tui
from ln_tui.i18n import _, catalogue, detect_language, parse_po, set_language

PACKAGE = Path(ln_tui.__file__).parent


def marked_strings() -> dict[str, str]:
    """Each literal passed to _() or N_() in the package, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    for path in sorted(PACKAGE.rglob("*.html")):  # Jinja2 templates (the room's pages) call the same _()
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(match["msgid"], f"{path.relative_to(PACKAGE)}:{line}")
    return found


TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?P<quote>["'])(?P<msgid>.*?)(?P=quote)\s*\)""")


def test_template_strings_are_found() -> None:
    found = marked_strings()
    assert "Take back my vote" in found and found["Take back my vote"].startswith("room/templates/")


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]*\}|\$[a-z_]+", text))


def test_every_marked_string_has_a_dutch_translation() -> None:
    dutch = catalogue("nl")
    missing = [f"{where}: {msgid!r}" for msgid, where in marked_strings().items() if not dutch.get(msgid)]
    assert not missing, "No Dutch translation for:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders() -> None:
    wrong = [
        f"{msgid!r} -> {msgstr!r}"
        for msgid, msgstr in catalogue("nl").items()
        if placeholders(msgid) != placeholders(msgstr)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_translation_function_follows_the_language() -> None:
    set_language("nl")
    assert _("Quit") == "Afsluiten"
    set_language("en")
    assert _("Quit") == "Quit"


def test_a_string_without_translation_falls_back_to_english() -> None:
    set_language("nl")
    assert _("a string nobody translated") == "a string nobody translated"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LN_TUI_LANG": "nl"}, "nl"),
    ],
)
def test_the_language_comes_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


def test_po_files_parse_multiline_entries() -> None:
    po = 'msgid ""\nmsgstr ""\n"Language: nl\\n"\n\nmsgid "Two "\n"lines"\nmsgstr "Twee "\n"regels"\n'
    assert parse_po(po) == {"Two lines": "Twee regels"}
