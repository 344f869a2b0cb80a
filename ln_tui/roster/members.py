"""The members' fields: validation, one-line cleaning, likely duplicates, roles as typed.

Pure logic (no textual import): the roster screen and the command line both use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ln_tui.i18n import _, ngettext
from ln_tui.markdown_safe import one_line
from ln_tui.model import Member, Role, meeting_problems

# The longest a one-line member field may be. Longer text is refused with a clear message
# rather than cut: a roster cell that long is a pasting accident, and cutting would lose text.
MAX_FIELD = 300

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

_ROLE_WORDS = {
    "facilitator": Role.FACILITATOR,
    "begeleider": Role.FACILITATOR,
    "participant": Role.PARTICIPANT,
    "deelnemer": Role.PARTICIPANT,
    "member": Role.PARTICIPANT,
    "lid": Role.PARTICIPANT,
    "guest": Role.GUEST,
    "expert": Role.GUEST,
    "guest / expert": Role.GUEST,
    "guest/expert": Role.GUEST,
    "gast": Role.GUEST,
    "gast / expert": Role.GUEST,
    "gast/expert": Role.GUEST,
}


# -- validation -----------------------------------------------------------------------------
def looks_like_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def member_problems(member: Member) -> dict[str, str]:
    """What is wrong with a member's fields, by field name (empty when all is well)."""
    problems: dict[str, str] = {}
    if not member.name.strip():
        problems["name"] = _("A name is required.")
    if member.email.strip() and not looks_like_email(member.email.strip()):
        problems["email"] = _("Not an e-mail address (like name@example.org).")
    if member.joined.strip() and "date" in meeting_problems(member.joined, ""):
        problems["joined"] = _("A date as YYYY-MM-DD, for example 2026-03-17 (or leave it empty).")
    for name, value in (
        ("name", member.name),
        ("email", member.email),
        ("organisation", member.organisation),
        ("expertise", member.expertise),
    ):
        if len(value) > MAX_FIELD and name not in problems:
            problems[name] = ngettext(
                "At most {max} character; this has {count}.", "At most {max} characters; this has {count}.", MAX_FIELD
            ).format(max=MAX_FIELD, count=len(value))
    return problems


def cleaned(member: Member) -> Member:
    """The member with each field on one line and its surrounding spaces taken off."""
    member.name = one_line(member.name).strip()
    member.email = one_line(member.email).strip()
    member.organisation = one_line(member.organisation).strip()
    member.expertise = one_line(member.expertise).strip()
    member.joined = one_line(member.joined).strip()
    return member


def _name_key(name: str) -> str:
    """A name as a duplicate check sees it: no accents, case or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class DuplicateIndex:
    """Finds a likely duplicate: the same e-mail address, or the same name ignoring case and accents."""

    def __init__(self, members: Iterable[Member] = ()) -> None:
        self._by_email: dict[str, Member] = {}
        self._by_name: dict[str, Member] = {}
        for member in members:
            self.add(member)

    def add(self, member: Member) -> None:
        if email := member.email.strip().casefold():
            self._by_email.setdefault(email, member)
        if name := _name_key(member.name):
            self._by_name.setdefault(name, member)

    def find(self, candidate: Member) -> Member | None:
        for index, key in (
            (self._by_email, candidate.email.strip().casefold()),
            (self._by_name, _name_key(candidate.name)),
        ):
            twin = index.get(key) if key else None
            if twin is not None and (twin.id is None or twin.id != candidate.id):
                return twin
        return None


def likely_duplicate(candidate: Member, members: Iterable[Member]) -> Member | None:
    """Another member with the same e-mail address, or the same name (ignoring case and accents)."""
    return DuplicateIndex(m for m in members if m.id is None or m.id != candidate.id).find(candidate)


def parse_role(text: str) -> Role | None:
    """A role from its value or its label in English or Dutch; empty means participant."""
    word = " ".join(text.strip().casefold().split())
    if not word:
        return Role.PARTICIPANT
    return _ROLE_WORDS.get(word)
