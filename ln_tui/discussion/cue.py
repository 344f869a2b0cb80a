"""A cue to the speaker, like a stage timer's operator message: "One minute left", "Please round
off", or a short line typed by any seat. No Textual here.

The cue lives in the file's settings (`CUE_SETTING`), so that every seat, `ln-tui present` and the
room's phones see it; it is not a record, so the minutes, the exports, what members take home and
`ln-tui new --from` never hold it. A preset is kept by its kind, not its words: each screen and
phone shows it in its own language. It stays until a seat clears it or the turn it was given in
ends (`Desk.store_turn`: every closed turn is stored there).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from ln_tui.i18n import N_, _, ngettext
from ln_tui.markdown_safe import visible_controls
from ln_tui.store import NetworkStore

CUE_SETTING = "cue"
MAX_CUE = 80  # one line a room can read from the back; the dialog's field stops there


class CueKind(enum.StrEnum):
    ONE_MINUTE = "one_minute"
    ROUND_OFF = "round_off"
    TEXT = "text"

    @property
    def label(self) -> str:
        return {"one_minute": N_("One minute left"), "round_off": N_("Please round off"), "text": ""}[self.value]


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    text: str = ""  # the typed line (kind TEXT)

    def shown(self, translate: Callable[[str], str] = _) -> str:
        """The cue's words: a preset in the language of whoever shows it, typed text as typed
        (its control characters made visible). `translate` is a page's gettext (the phones)."""
        if self.kind is CueKind.TEXT:
            return visible_controls(self.text)
        return translate(self.kind.label)


def typed_problem(text: str) -> str | None:
    """Why a typed cue cannot be sent (a clear sentence), or None."""
    line = " ".join(text.split())
    if not line:
        return _("Type the cue, or choose one of the two above.")
    if len(line) > MAX_CUE:
        return ngettext(
            "A cue is at most {count} character; this one has {length}.",
            "A cue is at most {count} characters; this one has {length}.",
            MAX_CUE,
        ).format(count=MAX_CUE, length=len(line))
    return None


def give_cue(store: NetworkStore, kind: CueKind, text: str = "") -> Cue:
    """Show `kind` (with `text`, one line, for a typed cue) to the speaker; raises ValueError with
    the reason when the typed text cannot be a cue."""
    line = " ".join(text.split()) if kind is CueKind.TEXT else ""
    if kind is CueKind.TEXT and (problem := typed_problem(line)) is not None:
        raise ValueError(problem)
    cue = Cue(kind, line)
    store.set_setting(CUE_SETTING, {"kind": kind.value, "text": line})
    return cue


def clear_cue(store: NetworkStore) -> None:
    if store.setting(CUE_SETTING) is not None and not store.read_only:
        store.set_setting(CUE_SETTING, None)


def current_cue(store: NetworkStore) -> Cue | None:
    """The cue shown now, or None. The setting is read as untrusted: anything else is no cue."""
    saved = store.setting(CUE_SETTING)
    if not isinstance(saved, dict):
        return None
    try:
        kind = CueKind(str(saved.get("kind")))
    except ValueError:
        return None
    text = saved.get("text")
    if kind is CueKind.TEXT:
        if not isinstance(text, str) or not text.strip():
            return None
        return Cue(kind, " ".join(text.split())[:MAX_CUE])
    return Cue(kind)
