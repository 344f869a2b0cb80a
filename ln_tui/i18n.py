"""Translation: one function, `_`, for every user-visible string.

Catalogues are gettext `.po` files under `locale/<lang>/`; every `*.po` file in
a language folder is read, so each part of the app keeps its own file. English
is the source language: a msgid is its own English text.

Strings that must be translated later (binding descriptions, which are built
when a class is defined) are marked with `N_` and translated where they are
shown.
"""

from __future__ import annotations

import ast
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_language = DEFAULT_LANGUAGE


def _unquote(token: str) -> str:
    return ast.literal_eval(token)


def parse_po(text: str) -> dict[str, str]:
    """Parse the msgid/msgstr pairs of a .po file (no plurals, no contexts)."""
    catalogue: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key = "".join(msgid)
            if key:
                catalogue[key] = "".join(msgstr)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [_unquote(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    flush()
    return catalogue


@cache
def catalogue(language: str) -> dict[str, str]:
    """All translations of one language, merged from its .po files."""
    merged: dict[str, str] = {}
    folder = LOCALE_DIR / language
    if folder.is_dir():
        for po_file in sorted(folder.glob("*.po")):
            merged.update(parse_po(po_file.read_text(encoding="utf-8")))
    return merged


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
    return catalogue(_language).get(msgid) or msgid


def N_(msgid: str) -> str:
    """Mark `msgid` for translation where it is shown, not here."""
    return msgid
