"""What the header says of the network at every start: closed, or its profile still a draft.

Light on purpose: `agenda.closing` imports the agenda's, the discussion's and the evaluation's
records, a visible share of the start to first paint (and the step models that opening a checked
file no longer needs). Whether the network is closed needs them only once it has a harvest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.agenda.keys import DRAFT_PROFILE_SETTING, HARVESTS
from ln_tui.records import to_record

if TYPE_CHECKING:
    from ln_tui.store import NetworkStore


def is_closed(store: NetworkStore) -> bool:
    if not store.has_records(HARVESTS):
        return False
    from ln_tui.agenda.closing import harvest

    return harvest(store).closed


def profile_is_draft(store: NetworkStore) -> bool:
    """A follow-up network's profile stays a draft until the facilitator changes it."""
    copied = store.setting(DRAFT_PROFILE_SETTING)
    return copied is not None and to_record(store.profile()) == copied
