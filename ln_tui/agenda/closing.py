"""Closing the network (step 4): the harvest, the closed mark, and a follow-up network.

A closed network still opens, and still exports: closing only records the harvest and
says so in the header. `start_follow_up` fills a new, empty network from an old one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ln_tui.agenda.keys import DRAFT_PROFILE_SETTING
from ln_tui.agenda.learning_forms import (
    own_learning_forms,
    set_own_learning_forms,
)
from ln_tui.agenda.model import AgendaTemplate, Harvest
from ln_tui.discussion.model import Method
from ln_tui.evaluation.model import Evaluation, OpenQuestion
from ln_tui.i18n import _, ngettext
from ln_tui.minutes.carry import CARRIED
from ln_tui.model import Member, NetworkProfile, Note, NoteKind, NoteStatus
from ln_tui.records import to_record
from ln_tui.store import NetworkStore

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


# -- the follow-up network -------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpCopy:
    members: int
    methods: int
    templates: int
    learning_forms: int
    suggestions: int
    actions: int = 0
    questions: int = 0
    continuations: int = 0
    rated_forms: int = 0


def last_suggestions(store: NetworkStore) -> list[str]:
    """The suggestions for future networks in the last evaluated meeting's finished forms."""
    dates = {m.id: (m.date, m.time) for m in store.meetings.all()}
    forms = [f for f in store.repo(Evaluation).all() if f.counts and f.meeting_id in dates]
    if not forms:
        return []
    last = max((f.meeting_id for f in forms), key=lambda mid: dates[mid])
    texts = (f.answers.get(OpenQuestion.SUGGESTIONS, "").strip() for f in forms if f.meeting_id == last)
    return sorted({t for t in texts if t}, key=str.casefold)


def learning_form_ratings(store: NetworkStore) -> list[str]:
    """The learning forms as the last evaluation rated them, best first, as lines `label: 4.2 (7)`;
    only the figures the room may see (enough answers), never a form itself."""
    from ln_tui.evaluation.summary import format_decimal, meeting_summary, meetings_in_order

    dates = {f.meeting_id for f in store.repo(Evaluation).all() if f.counts}
    evaluated = [m for m in meetings_in_order(store) if m.id in dates]
    if not evaluated:
        return []
    summary = meeting_summary(store, evaluated[-1])
    return [
        ngettext("{form}: {average} of 5 ({n} answer)", "{form}: {average} of 5 ({n} answers)", rated.answers.n).format(
            form=rated.label, average=format_decimal(rated.answers.average), n=rated.answers.n
        )
        for rated in summary.learning_forms
        if rated.answers.n and not rated.answers.withheld
    ]


@dataclass(frozen=True)
class CarriedOver:
    """What `carried_notes` made, by kind."""

    actions: list[Note]
    questions: list[Note]
    summaries: list[Note]  # what continues, the learning forms' ratings

    @property
    def notes(self) -> list[Note]:
        return [*self.actions, *self.questions, *self.summaries]


def carried_notes(old: NetworkStore, new_ids: dict[int, int], now: datetime.datetime) -> CarriedOver:
    """What the old network leaves open for the new one, as notes of no meeting marked carried (the
    new network's first meeting shows them): its open actions (owned by the same member in the new
    roster, or by the group), the kickoff's open and parked questions, what continues and who
    carries it, and how its learning forms were rated. Nothing said in its meetings comes along."""
    from ln_tui.evaluation.summary import question_items
    from ln_tui.kickoff.model import ItemStatus

    stamp = now.isoformat(timespec="seconds")
    name = old.profile().name

    def carried(text: str, kind: NoteKind = NoteKind.NOTE, *, shared: bool | None = None) -> Note:
        return Note(None, text, stamp, {CARRIED: 1}, kind, shared=shared)

    actions, questions, summaries = [], [], []
    for action in sorted(old.notes.all(), key=lambda n: (n.created, n.id or 0)):
        if action.kind is not NoteKind.ACTION or action.status is not NoteStatus.OPEN:
            continue
        note = carried(action.text, NoteKind.ACTION, shared=action.shared)
        if action.owner_id is not None and action.owner_id in new_ids:
            note.owner_id = new_ids[action.owner_id]
            note.owner_name = action.owner_name
        actions.append(note)
    wording = {
        ItemStatus.OPEN: _("Open question from {name}: {text}"),
        ItemStatus.PARKED: _("Parked question from {name}: {text}"),
    }
    for item in question_items(old):
        if item.status in wording and not item.archived:
            questions.append(carried(wording[item.status].format(name=name, text=item.text), shared=item.shared))
    continues = harvest(old).continues
    if continues:
        lines = [f"- {c.what} — {c.who}" if c.who else f"- {c.what}" for c in continues]
        title = _("What continues from {name}, and who carries it:").format(name=name)
        summaries.append(carried("\n".join([title, *lines]), shared=True))
    if ratings := learning_form_ratings(old):
        title = _("Learning forms as the last evaluation of {name} rated them:").format(name=name)
        summaries.append(carried("\n".join([title, *(f"- {line}" for line in ratings)]), shared=True))
    return CarriedOver(actions, questions, summaries)


def start_follow_up(old: NetworkStore, new: NetworkStore, now: datetime.datetime | None = None) -> FollowUpCopy:
    """Fill the empty network `new` from `old`: the profile as a draft, the roster (nobody
    confirmed yet), the network's own methods, learning forms and agenda templates, the last
    evaluation's suggestions, and what is left open (`carried_notes`). Meetings, cases, notes
    and evaluation forms stay behind."""
    if len(new.members) or len(new.meetings):
        raise ValueError(_("The new network is not empty."))
    now = now or datetime.datetime.now()
    profile = old.profile()
    draft = NetworkProfile(
        profile.name, profile.topic, profile.added_value, profile.goals, profile.practical_info, profile.engagement
    )
    suggestions = last_suggestions(old)
    old_members = old.members.all()
    with new.batch():
        new.save_profile(draft)
        new.set_setting(DRAFT_PROFILE_SETTING, to_record(new.profile()))
        new.set_setting(FOLLOWS_SETTING, profile.name)
        members = new.members.add_many(
            [Member(m.name, m.email, m.organisation, m.role, m.expertise) for m in old_members]
        )
        new.set_setting(UNCONFIRMED_SETTING, [m.id for m in members])
        new_ids = {
            o.id: n.id for o, n in zip(old_members, members, strict=True) if o.id is not None and n.id is not None
        }
        methods = [Method(m.name, m.rounds, m.description, m.preset) for m in old.repo(Method).all()]
        new.repo(Method).add_many(methods)
        templates = [AgendaTemplate(t.meeting_kind, t.items) for t in old.repo(AgendaTemplate).all()]
        new.repo(AgendaTemplate).add_many(templates)
        forms = own_learning_forms(old)
        set_own_learning_forms(new, forms)
        carried = carried_notes(old, new_ids, now)
        notes = carried.notes
        if suggestions:
            text = "\n".join(
                [_("Suggestions from the last evaluation of {name}:").format(name=profile.name)]
                + [f"- {s}" for s in suggestions]
            )
            notes.append(Note(None, text, now.isoformat(timespec="seconds"), {CARRIED: 1}))
        new.notes.add_many(notes)
    return FollowUpCopy(
        len(members),
        len(methods),
        len(templates),
        len(forms),
        len(suggestions),
        actions=len(carried.actions),
        questions=len(carried.questions),
        continuations=len(harvest(old).continues),
        rated_forms=len(learning_form_ratings(old)),
    )


def create_follow_up(path: Path, old: NetworkStore) -> FollowUpCopy:
    """Create the network file `path` as a follow-up of `old`; never over an existing file."""
    if path.exists() or path.is_symlink():
        raise FileExistsError(path)
    with NetworkStore.open(path) as new:
        return start_follow_up(old, new)
