"""Every string the user can see has a Dutch translation, with the same placeholders; plurals too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from ln_tui.i18n import _, detect_language, load_translations, ngettext, set_language
from ln_tui.i18n_catalogues import add_translations, marked_strings, read_entries, translated

ROOT = Path(__file__).resolve().parent.parent


def test_the_room_pages_strings_are_found_in_their_templates() -> None:
    found = marked_strings()
    assert found["Take back my vote"].where.startswith("room/templates/")
    assert found["Only on this phone: they are never sent."].where.startswith("room/templates/")


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]*\}|\$[a-z_]+", text))


def test_every_marked_string_has_a_dutch_translation() -> None:
    dutch = translated("nl")
    missing = [f"{m.where}: {msgid!r}" for msgid, m in marked_strings().items() if msgid not in dutch]
    assert not missing, "No Dutch translation for:\n" + "\n".join(missing)


def test_a_plural_in_the_code_has_both_dutch_forms() -> None:
    dutch = translated("nl")
    plurals = {msgid: m for msgid, m in marked_strings().items() if m.plural}
    assert "{count} member imported." in plurals
    for msgid, mark in plurals.items():
        entry = dutch[msgid]
        assert entry.msgid_plural == mark.plural, msgid
        assert sorted(entry.msgstr_plural) == [0, 1] and all(entry.msgstr_plural.values()), msgid


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for entry in translated("nl").values():
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wrong += [f"{entry.msgid!r} -> {form!r}" for form in forms if placeholders(entry.msgid) != placeholders(form)]
    assert not wrong, "\n".join(wrong)


def test_no_catalogue_entry_is_fuzzy() -> None:
    fuzzy = [e.msgid for e in read_entries("nl") if e.fuzzy]
    assert not fuzzy, "Fuzzy (unconfirmed) translations, shown in English until confirmed:\n" + "\n".join(fuzzy)


def test_the_translation_function_follows_the_language() -> None:
    set_language("nl")
    assert _("Quit") == "Afsluiten"
    set_language("en")
    assert _("Quit") == "Quit"


def test_a_count_takes_the_form_of_its_language() -> None:
    def imported(n: int) -> str:
        return ngettext("{count} member imported.", "{count} members imported.", n).format(count=n)

    assert [imported(n) for n in (1, 2, 0)] == ["1 member imported.", "2 members imported.", "0 members imported."]
    set_language("nl")
    assert [imported(n) for n in (1, 2, 0)] == [
        "1 deelnemer geïmporteerd.",
        "2 deelnemers geïmporteerd.",
        "0 deelnemers geïmporteerd.",
    ]


def test_a_string_without_translation_falls_back_to_english() -> None:
    set_language("nl")
    assert _("a string nobody translated") == "a string nobody translated"
    assert ngettext("{n} thing", "{n} things", 2) == "{n} things"


def test_a_fuzzy_entry_is_never_shown(tmp_path: Path) -> None:
    (tmp_path / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Two "\n"lines"\nmsgstr "Twee "\n"regels"\n\n'
        '#, fuzzy\nmsgid "Quit"\nmsgstr "Stoppen"\n\n'
        'msgid "{n} day"\nmsgid_plural "{n} days"\nmsgstr[0] "{n} dag"\nmsgstr[1] "{n} dagen"\n',
        encoding="utf-8",
    )
    catalogue = load_translations(tmp_path)
    assert catalogue.gettext("Two lines") == "Twee regels"  # a message over several lines
    assert catalogue.gettext("Quit") == "Quit"
    assert [catalogue.ngettext("{n} day", "{n} days", n) for n in (1, 3)] == ["{n} dag", "{n} dagen"]


def test_the_catalogue_tool_keeps_translators_comments(tmp_path: Path) -> None:
    path = tmp_path / "area.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# Translator: the facilitator says this aloud.\n#. Shown on the projector.\nmsgid "Welcome"\nmsgstr "Welkom"\n\n'
        '#, fuzzy\nmsgid "Quit"\nmsgstr "Stoppen"\n',
        encoding="utf-8",
    )
    add_translations(path, [("Quit", "Afsluiten"), ("{count} member imported.", ["{count} lid", "{count} leden"])])
    po = polib.pofile(str(path))
    welcome, quit_, imported = po.find("Welcome"), po.find("Quit"), po.find("{count} member imported.")
    assert welcome is not None and welcome.tcomment == "Translator: the facilitator says this aloud."
    assert welcome.comment == "Shown on the projector."
    assert quit_ is not None and quit_.msgstr == "Afsluiten" and not quit_.fuzzy
    assert imported is not None and imported.msgid_plural == "{count} members imported."
    assert imported.msgstr_plural == {0: "{count} lid", 1: "{count} leden"}


def test_the_catalogue_tool_lists_what_is_missing() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "po.py"), "--missing"], capture_output=True, text=True, check=True
    )
    assert result.stdout == ""


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
