"""The roles of a meeting in one line, for the header."""

from __future__ import annotations

from ln_tui.i18n import N_, _
from ln_tui.markdown_safe import visible_controls
from ln_tui.model import Meeting
from ln_tui.store import NetworkStore

SHORT_ROLES = (("chair_id", N_("chair")), ("timekeeper_id", N_("time")), ("minute_taker_id", N_("minutes")))


def roles_line(store: NetworkStore, meeting: Meeting) -> str:
    """ "chair Ann · time Bob · minutes Cas", only the roles that are set; "" when none is."""
    parts = []
    for field_name, label in SHORT_ROLES:
        member_id = getattr(meeting, field_name)
        if member_id is not None:
            member = store.members.get(member_id)
            parts.append(f"{_(label)} {visible_controls(member.name) if member else '?'}")
    return " · ".join(parts)
