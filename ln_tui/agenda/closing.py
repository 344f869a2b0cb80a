"""Closing the network (step 4): the harvest, the closed mark, and a follow-up network.

A closed network still opens, and still exports: closing only records the harvest and
says so in the header. `start_follow_up` fills a new, empty network from an old one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ln_tui.agenda.keys import DRAFT_PROFILE_SETTING
from ln_tui.agenda.model import AgendaTemplate, Harvest, InputKind
from ln_tui.discussion.model import Method
from ln_tui.evaluation.model import Evaluation, OpenQuestion
from ln_tui.i18n import _
from ln_tui.model import Meeting, Member, NetworkProfile
from ln_tui.records import to_record
from ln_tui.store import NetworkStore

OWN_FORMS_SETTING = "learning_forms"  # the network's own learning forms, by name
UNCONFIRMED_SETTING = "unconfirmed_members"  # ids of members carried over, not yet confirmed
FOLLOWS_SETTING = "follows_network"  # the name of the network this one follows up


def unconfirmed_members(store: NetworkStore) -> set[int]:
    """Members carried over from the network this one follows up who have not yet said they take part."""
    saved = store.setting(UNCONFIRMED_SETTING) or []
    return {i for i in saved if isinstance(i, int)} if isinstance(saved, list) else set()


def confirm_member(store: NetworkStore, member_id: int) -> bool:
    """Record that a carried-over member takes part again; False if they were confirmed already."""
    waiting = unconfirmed_members(store)
    if member_id not in waiting:
        return False
    store.set_setting(UNCONFIRMED_SETTING, sorted(waiting - {member_id}) or None)
    return True


INPUT_PREFIX = "input:"
OWN_PREFIX = "own:"


def harvest(store: NetworkStore) -> Harvest:
    found = store.repo(Harvest).all()
    return found[0] if found else Harvest()


def save_harvest(store: NetworkStore, record: Harvest, today: datetime.date | None = None) -> Harvest:
    """Keep the harvest; marking it closed dates the close (once)."""
    if record.closed and not record.closed_on:
        record.closed_on = (today or datetime.date.today()).isoformat()
    if not record.closed:
        record.closed_on = ""
    repo = store.repo(Harvest)
    if record.id is None and (existing := repo.all()):
        record.id = existing[0].id  # one harvest per network
    repo.update(record) if record.id is not None else repo.add(record)
    return record


def parse_continuations(text: str) -> list[tuple[str, str]]:
    """Lines `what — who` (or `what: who`, `what - who`) as pairs; blank lines skipped."""
    pairs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        for separator in (" — ", " – ", " - ", ": "):
            if separator in line:
                what, who = line.split(separator, 1)
                pairs.append((what.strip(), who.strip()))
                break
        else:
            pairs.append((line.strip(), ""))
    return pairs


# -- learning forms of the network's own and from external input ---------------------------------


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


# -- the follow-up network -------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpCopy:
    members: int
    methods: int
    templates: int
    learning_forms: int
    suggestions: int


def last_suggestions(store: NetworkStore) -> list[str]:
    """The suggestions for future networks in the last evaluated meeting's finished forms."""
    dates = {m.id: (m.date, m.time) for m in store.meetings.all()}
    forms = [f for f in store.repo(Evaluation).all() if f.counts and f.meeting_id in dates]
    if not forms:
        return []
    last = max((f.meeting_id for f in forms), key=lambda mid: dates[mid])
    texts = (f.answers.get(OpenQuestion.SUGGESTIONS, "").strip() for f in forms if f.meeting_id == last)
    return sorted({t for t in texts if t}, key=str.casefold)


def start_follow_up(old: NetworkStore, new: NetworkStore, now: datetime.datetime | None = None) -> FollowUpCopy:
    """Fill the empty network `new` from `old`: the profile as a draft, the roster (nobody
    confirmed yet), the network's own methods, learning forms and agenda templates, and the
    last evaluation's suggestions as a first note. Meetings, cases and notes stay behind."""
    if len(new.members) or len(new.meetings):
        raise ValueError(_("The new network is not empty."))
    now = now or datetime.datetime.now()
    profile = old.profile()
    draft = NetworkProfile(
        profile.name, profile.topic, profile.added_value, profile.goals, profile.practical_info, profile.engagement
    )
    suggestions = last_suggestions(old)
    with new.batch():
        new.save_profile(draft)
        new.set_setting(DRAFT_PROFILE_SETTING, to_record(new.profile()))
        new.set_setting(FOLLOWS_SETTING, profile.name)
        members = new.members.add_many(
            [Member(m.name, m.email, m.organisation, m.role, m.expertise) for m in old.members.all()]
        )
        new.set_setting(UNCONFIRMED_SETTING, [m.id for m in members])
        methods = [Method(m.name, m.rounds, m.description, m.preset) for m in old.repo(Method).all()]
        new.repo(Method).add_many(methods)
        templates = [AgendaTemplate(t.meeting_kind, t.items) for t in old.repo(AgendaTemplate).all()]
        new.repo(AgendaTemplate).add_many(templates)
        forms = own_learning_forms(old)
        set_own_learning_forms(new, forms)
        if suggestions:
            text = "\n".join(
                [_("Suggestions from the last evaluation of {name}:").format(name=profile.name)]
                + [f"- {s}" for s in suggestions]
            )
            new.add_note(text, None)
    return FollowUpCopy(len(members), len(methods), len(templates), len(forms), len(suggestions))


def create_follow_up(path: Path, old: NetworkStore) -> FollowUpCopy:
    """Create the network file `path` as a follow-up of `old`; never over an existing file."""
    if path.exists() or path.is_symlink():
        raise FileExistsError(path)
    with NetworkStore.open(path) as new:
        return start_follow_up(old, new)
