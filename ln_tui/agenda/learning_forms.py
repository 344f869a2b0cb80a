"""The learning forms the evaluation rates that come from the agenda: each kind of external input
used, and the network's own learning forms. Apart from `closing` so that the evaluation's summary
(which `closing` reads for the follow-up network) imports them without an import cycle.
"""

from __future__ import annotations

from ln_tui.agenda.model import InputKind
from ln_tui.i18n import _
from ln_tui.model import Meeting
from ln_tui.store import NetworkStore

OWN_FORMS_SETTING = "learning_forms"  # the network's own learning forms, by name
INPUT_PREFIX = "input:"
OWN_PREFIX = "own:"


def own_learning_forms(store: NetworkStore) -> list[str]:
    return [name for name in store.setting(OWN_FORMS_SETTING) or [] if isinstance(name, str) and name.strip()]


def set_own_learning_forms(store: NetworkStore, names: list[str]) -> None:
    unique = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    store.set_setting(OWN_FORMS_SETTING, unique)


def agenda_learning_forms(store: NetworkStore, meeting: Meeting) -> list[str]:
    """The evaluation's learning-form keys this step adds: each kind of external input used
    up to this meeting, then the network's own learning forms."""
    from ln_tui.agenda.agenda import input_kinds_used

    return [INPUT_PREFIX + kind.value for kind in input_kinds_used(store, meeting)] + [
        OWN_PREFIX + name for name in own_learning_forms(store)
    ]


def learning_form_label(key: str) -> str | None:
    """The label of a key `agenda_learning_forms` made; None for any other key."""
    if key.startswith(INPUT_PREFIX):
        try:
            return _(InputKind(key.removeprefix(INPUT_PREFIX)).label).capitalize()
        except ValueError:
            return key.removeprefix(INPUT_PREFIX)
    if key.startswith(OWN_PREFIX):
        return key.removeprefix(OWN_PREFIX)
    return None
