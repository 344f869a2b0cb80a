"""Translation: `_` for every user-visible string, `ngettext` for a count of things.

Catalogues are gettext `.po` files under `locale/<lang>/` (read with polib, looked up with the
standard library's gettext); every `*.po` file in a language folder is read, so each part of
the app keeps its own file. English is the source language: a msgid is its own English text.

Strings that must be translated later (binding descriptions, which are built when a class is
defined) are marked with `N_` (plurals: `Nn_`) and translated where they are shown.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_language = DEFAULT_LANGUAGE


# Dutch, like English, has two forms: one, and everything else (0 too: "0 leden").
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def load_translations(folder: Path) -> gettext.NullTranslations:
    """Every `*.po` file of one language folder, as one stdlib gettext catalogue.

    The catalogues are read with polib and compiled in memory (no .mo files to keep in step):
    fuzzy and untranslated entries are left out, so a string a translator has not confirmed
    shows in English.
    """
    po_files = sorted(folder.glob("*.po")) if folder.is_dir() else []
    if not po_files:
        return gettext.NullTranslations()
    import polib  # only when a language other than English is shown

    merged = polib.POFile()
    merged.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": folder.name,
        "Plural-Forms": PLURAL_FORMS,
    }
    for po_file in po_files:
        for entry in polib.pofile(str(po_file)):
            if entry.translated() and not entry.obsolete:  # translated() is False for a fuzzy entry
                merged.append(entry)
    return gettext.GNUTranslations(io.BytesIO(merged.to_binary()))


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of one language (English, the source language, has none)."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return load_translations(LOCALE_DIR / language)


def detect_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language of the user's locale, if we have it; English otherwise."""
    environ = os.environ if environ is None else environ
    for variable in ("LN_TUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable, "")
        code = value.split(".")[0].split("_")[0].split(":")[0].lower()
        if code in LANGUAGES:
            return code
        if value:
            break
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    global _language
    _language = language


def get_language() -> str:
    return _language


def _(msgid: str) -> str:
    """Translate `msgid` into the current language."""
    if _language == DEFAULT_LANGUAGE:
        return msgid
    return translations(_language).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, in the current language.

    `ngettext("{count} member imported.", "{count} members imported.", n).format(count=n)`;
    the catalogue holds `msgid` / `msgid_plural` and `msgstr[0]` / `msgstr[1]`.
    """
    return translations(_language).ngettext(singular, plural, n)


def N_(msgid: str) -> str:
    """Mark `msgid` for translation where it is shown, not here."""
    return msgid


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message made at import time; shown with `ngettext(*marked, n)`."""
    return singular, plural
