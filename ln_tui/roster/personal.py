"""A member's personal data: what the file holds about them, and forgetting them (GDPR access and
erasure), and, at the close, keeping only what the network learned.

Every change here is one transformation of a stored document (`Forget`, `KeepLearned`), applied
in the same way to the open network (through its repositories, in one batch) and to the kept
states beside it (`FILE.bak.1-5`, `FILE.bak` and other copies ln-tui made): a state restored
later must not bring a forgotten name back.

A forgotten member's records stay, as "a former member": their board items, turns, cases and
notes point to `FORMER_MEMBER` (an id no member ever has, shared by every former member, so
that their records no longer link to one another); their evaluation forms become anonymous;
their attendance stays only as counts on each meeting (`Meeting.former_attendance`). Their full
name and e-mail address are replaced in every text, and their first name too when no other
member has it (a last name alone is left: "Dr. An Peeters" may be someone else).
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ln_tui.discussion.cue import CUE_SETTING
from ln_tui.i18n import Nn_, _, ngettext
from ln_tui.model import Member, Presence
from ln_tui.records import from_record, to_record
from ln_tui.store import NetworkStore, schema
from ln_tui.store.files import write_atomic
from ln_tui.store.network import Repo, json_bytes

FORMER_MEMBER = 0  # TinyDB ids start at 1: this id is nobody's

# Where a record names a member by id: the fields holding one id, by table.
MEMBER_FIELDS: dict[str, tuple[str, ...]] = {
    "meetings": ("chair_id", "timekeeper_id", "minute_taker_id"),
    "notes": ("owner_id",),
    "board_items": ("member_id",),
    "cases": ("bringer_id",),
    "turns": ("speaker_id",),
    "evaluations": ("member_id",),
    "room_submissions": ("member_id",),
    "written_contributions": ("member_id",),  # only a signed one names its writer
}
# ... and the fields holding a list of ids.
MEMBER_LISTS: dict[str, tuple[str, ...]] = {
    "meetings": ("case_bringer_ids",),
    "discussion_states": ("order", "left"),
}
# Fields that become None (nobody) rather than FORMER_MEMBER: a meeting's roles, and what a phone
# sent that still waits in the queue (accepted later, it is anonymous, never a form for "member 0").
NOBODY_FIELDS = {("meetings", "chair_id"), ("meetings", "timekeeper_id"), ("meetings", "minute_taker_id")}
NOBODY_FIELDS |= {("room_submissions", "member_id")}
UNCONFIRMED_SETTING = "unconfirmed_members"  # as agenda.closing keeps it
# Tables whose records are one member's own words about themselves: forgetting the member removes
# them whole (by the field naming the member).
OWN_TABLES: dict[str, str] = {"checkins": "member_id", "goal_reviews": "member_id"}

# How a count of changed records is told, by table.
TABLE_COUNTS: dict[str, tuple[str, str]] = {
    "meetings": Nn_("{count} meeting", "{count} meetings"),
    "notes": Nn_("{count} note, decision or action", "{count} notes, decisions and actions"),
    "board_items": Nn_("{count} board item", "{count} board items"),
    "cases": Nn_("{count} case", "{count} cases"),
    "turns": Nn_("{count} turn", "{count} turns"),
    "discussion_states": Nn_("{count} speaking order", "{count} speaking orders"),
    "evaluations": Nn_("{count} evaluation form", "{count} evaluation forms"),
    "room_submissions": Nn_("{count} text sent from a phone", "{count} texts sent from phones"),
    "checkins": Nn_("{count} check-in answer", "{count} check-in answers"),
    "goal_reviews": Nn_("{count} review of a learning goal", "{count} reviews of a learning goal"),
    "written_contributions": Nn_("{count} text written in silence", "{count} texts written in silence"),
    "agenda_items": Nn_("{count} agenda item", "{count} agenda items"),
    "advice_outcomes": Nn_("{count} outcome of advice", "{count} outcomes of advice"),
    "harvests": Nn_("{count} harvest", "{count} harvests"),
    "external_inputs": Nn_("{count} piece of external input", "{count} pieces of external input"),
}
OTHER_COUNT = Nn_("{count} other record", "{count} other records")


def count_text(table: str, count: int) -> str:
    return ngettext(*TABLE_COUNTS.get(table, OTHER_COUNT), count).format(count=count)


# -- who is meant, and where they are named ---------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A member as the texts of a file may name them."""

    member_id: int
    name: str
    email: str = ""
    first_name: str = ""  # only when no other member has it

    @classmethod
    def of(cls, member: Member, members: list[Member]) -> Person:
        first = first_name(member.name)
        others = {first_name(m.name).casefold() for m in members if m.id != member.id}
        unique = len(first) >= 3 and first.casefold() not in others
        return cls(member.id or 0, member.name.strip(), member.email.strip(), first if unique else "")

    def pattern(self) -> re.Pattern[str] | None:
        """The name, the e-mail and the first name as whole words, the longest first."""
        words = [w for w in (self.name, self.email, self.first_name) if w.strip()]
        if not words:
            return None
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def first_name(name: str) -> str:
    """The first word of a name that is a name (not a title such as "Dr." or "Mr.")."""
    return next((word for word in name.split() if not word.endswith(".") and word.isalpha()), "")


def texts_in(value: Any) -> Iterator[str]:
    """Every string in a document, keys of mappings included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


def replace_texts(value: Any, pattern: re.Pattern[str], by: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(by, value)
    if isinstance(value, dict):
        return {key: replace_texts(item, pattern, by) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_texts(item, pattern, by) for item in value]
    return value


def references(table: str, key: int, doc: dict[str, Any], member_id: int) -> list[str]:
    """The fields of a stored document that name `member_id` (the member's own record: its table)."""
    if table == "members":
        return ["members"] if key == member_id else []
    found = [name for name in MEMBER_FIELDS.get(table, ()) if doc.get(name) == member_id]
    if table in OWN_TABLES and doc.get(OWN_TABLES[table]) == member_id:
        found.append(OWN_TABLES[table])
    found += [name for name in MEMBER_LISTS.get(table, ()) if member_id in (doc.get(name) or [])]
    if table == "meetings" and str(member_id) in (doc.get("attendance") or {}):
        found.append("attendance")
    if table == "notes" and (doc.get("context") or {}).get("speaker_id") == member_id:
        found.append("context")
    if table == "board_items" and any(m.get("member_id") == member_id for m in doc.get("merged") or []):
        found.append("merged")
    return found


# -- the transformations -------------------------------------------------------------------------------

Transform = Callable[[str, int, dict[str, Any]], "dict[str, Any] | None"]


@dataclass
class Forget:
    """Forget one member in every stored document: None removes the document, a changed copy replaces it."""

    person: Person
    former: str  # "a former member", in the language of the moment
    joined: str = ""  # the member's joined date: their attendance counts from it
    today: str = "9999-12-31"  # meetings after today are not attended yet: nothing to count
    pattern: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.pattern = self.person.pattern()

    def __call__(self, table: str, key: int, doc: dict[str, Any]) -> dict[str, Any] | None:
        member_id = self.person.member_id
        if table == "members" and key == member_id:
            return None
        if table in OWN_TABLES and doc.get(OWN_TABLES[table]) == member_id:
            return None
        new = copy.deepcopy(doc)
        if table == "meetings":
            self._meeting(new)
        if table == "discussion_states":
            self._speaking_order(new)
        for name in MEMBER_FIELDS.get(table, ()):
            if new.get(name) == member_id:
                new[name] = None if (table, name) in NOBODY_FIELDS else FORMER_MEMBER
        for name in MEMBER_LISTS.get(table, ()):
            if isinstance(new.get(name), list):
                new[name] = [i for i in new[name] if i != member_id]
        if table == "evaluations" and doc.get("member_id") == member_id:
            new["member_id"], new["anonymous"] = None, True
            if isinstance(new.get("counted"), dict):
                new["counted"]["anonymous"] = True
        if table == "notes":
            if doc.get("owner_id") == member_id:
                new["owner_name"] = self.former
            if isinstance(context := new.get("context"), dict) and context.get("speaker_id") == member_id:
                context["speaker_id"] = FORMER_MEMBER
        if table == "board_items":
            for merged in new.get("merged") or []:
                if isinstance(merged, dict) and merged.get("member_id") == member_id:
                    merged["member_id"] = FORMER_MEMBER
        if table == schema.META_TABLE and isinstance(waiting := new.get(UNCONFIRMED_SETTING), list):
            new[UNCONFIRMED_SETTING] = [i for i in waiting if i != member_id] or None
        if self.pattern is not None:
            new = replace_texts(new, self.pattern, self.former)
        return new

    def _speaking_order(self, doc: dict[str, Any]) -> None:
        """A speaker before the current one leaves the order: the current one keeps the floor."""
        order, left = doc.get("order") or [], doc.get("left") or []
        speaking = [i for i in order if i not in left]
        member_id = self.person.member_id
        if member_id in speaking and speaking.index(member_id) < int(doc.get("position") or 0):
            doc["position"] = int(doc["position"]) - 1

    def _meeting(self, doc: dict[str, Any]) -> None:
        """Their presence at a meeting held while they were a member becomes one of its counts."""
        attendance = doc.get("attendance")
        if not isinstance(attendance, dict):
            return
        presence = attendance.pop(str(self.person.member_id), Presence.PRESENT.value)
        date = str(doc.get("date", ""))
        if date > self.today or (self.joined and self.joined > date):
            return
        counts = doc.setdefault("former_attendance", {})
        counts[presence] = counts.get(presence, 0) + 1


# -- applied to the open network, and to the data of a kept state ------------------------------------


def record_classes() -> dict[str, type]:
    from ln_tui.store.validation import record_classes as classes

    return classes()


def apply_to_store(
    store: NetworkStore, transform: Transform, *, write: bool = True, removed: Counter[str] | None = None
) -> Counter[str]:
    """Apply `transform` to every record (and the settings) of the open network, in one save;
    the count of records changed or removed, by table (removed ones counted in `removed` instead,
    when given). `write=False`: only count (for the question asked before)."""
    changed: Counter[str] = Counter()
    with store.batch():
        for table, cls in record_classes().items():
            repo: Repo[Any] = store.repo(cls)
            for record in repo.all():
                key = record.id or 0
                doc = to_record(record)
                new = transform(table, key, doc)
                if new == doc:
                    continue
                (removed if new is None and removed is not None else changed)[table] += 1
                if not write:
                    continue
                if new is None:
                    repo.remove(key)
                else:
                    repo.update(from_record(cls, new, key))
        waiting = store.setting(UNCONFIRMED_SETTING)
        if isinstance(waiting, list):
            new_meta = transform(schema.META_TABLE, 1, {UNCONFIRMED_SETTING: waiting})
            if new_meta is not None and new_meta.get(UNCONFIRMED_SETTING) != waiting and write:
                store.set_setting(UNCONFIRMED_SETTING, new_meta.get(UNCONFIRMED_SETTING))
    return changed


def apply_to_data(data: schema.Data, transform: Transform) -> int:
    """Apply `transform` to every document of a file's data, in place; how many changed."""
    changed = 0
    for table, docs in data.items():
        for key in list(docs):
            new = transform(table, int(key), docs[key])
            if new == docs[key]:
                continue
            changed += 1
            if new is None:
                del docs[key]
            else:
                docs[key] = new
    return changed


# -- the kept states ------------------------------------------------------------------------------------------


@dataclass
class KeptStates:
    rewritten: list[Path] = field(default_factory=list)  # copies that held the name, rewritten
    left: list[Path] = field(default_factory=list)  # copies that hold it and could not be rewritten


def copies_of(path: Path) -> list[Path]:
    """The files ln-tui keeps beside a network: FILE.bak.1-5, FILE.bak, FILE.vN.bak, the
    FILE.replaced-* and FILE.damaged-* of a restore, the NAME.mine-* copies of a conflict."""
    stem, suffix = (path.stem, path.suffix) if path.suffix else (path.name, "")
    found = set(path.parent.glob(f"{glob_escape(path.name)}.*")) | set(
        path.parent.glob(f"{glob_escape(stem)}.mine-*{glob_escape(suffix)}")
    )
    return sorted(p for p in found if p.is_file() and not p.is_symlink() and not p.name.endswith(".lock"))


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def rewrite_copies(
    path: Path, needles: list[str], transform_for: Callable[[schema.Data], Transform | None]
) -> KeptStates:
    """Rewrite every copy of the network that holds one of `needles` (as typed or as JSON writes
    it) with the transform `transform_for` makes for its data; list those that cannot be read."""
    result = KeptStates()
    wanted = [n for n in needles if n.strip()]
    for copy_path in copies_of(path):
        try:
            payload = copy_path.read_bytes()
        except OSError:
            continue
        if not holds_any(payload, wanted):
            continue
        try:
            data = schema.parse(payload)
        except schema.InvalidNetwork:
            result.left.append(copy_path)
            continue
        transform = transform_for(data)
        if transform is not None:
            apply_to_data(data, transform)
        new = json_bytes(data)
        try:
            write_atomic(copy_path, new)
        except OSError:
            result.left.append(copy_path)
            continue
        if holds_any(new, wanted):
            result.left.append(copy_path)
        else:
            result.rewritten.append(copy_path)
    return result


def holds_any(payload: bytes, needles: list[str]) -> bool:
    lowered = payload.lower()
    for needle in needles:
        for form in (needle, json.dumps(needle)[1:-1], json.dumps(needle, ensure_ascii=False)[1:-1]):
            if form.lower().encode() in lowered:
                return True
    return False


# -- forgetting a member ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forgotten:
    """Who was forgotten, how many records of each table changed, and what became of the kept states."""

    name: str
    changed: Counter[str]
    kept_states: KeptStates


def find_members(store: NetworkStore, typed: str) -> list[Member]:
    """The members `typed` names: the same name or e-mail (case aside), else those whose name holds it."""
    wanted = " ".join(typed.split()).casefold()
    members = store.members.all()
    exact = [m for m in members if " ".join(m.name.split()).casefold() == wanted or m.email.casefold() == wanted]
    return exact or [m for m in members if wanted and wanted in m.name.casefold()]


def forgetting(store: NetworkStore, member: Member, today: str) -> Forget:
    return Forget(Person.of(member, store.members.all()), _("a former member"), member.joined, today)


def what_forgetting_does(store: NetworkStore, member: Member, today: str) -> tuple[list[str], list[str]]:
    """What forgetting `member` keeps as "a former member" and what it removes whole (their own
    check-ins and goal reviews), one line per kind of record each (for the question asked first)."""
    removed: Counter[str] = Counter()
    changed = apply_to_store(store, forgetting(store, member, today), write=False, removed=removed)
    changed.pop("members", None)
    removed.pop("members", None)
    return (
        [count_text(table, count) for table, count in sorted(changed.items())],
        [count_text(table, count) for table, count in sorted(removed.items())],
    )


def what_forgetting_changes(store: NetworkStore, member: Member, today: str) -> list[str]:
    """What forgetting `member` keeps as "a former member", one line per kind of record."""
    return what_forgetting_does(store, member, today)[0]


def forget_member(store: NetworkStore, member: Member, today: str) -> Forgotten:
    """Forget `member` in the open network, then in its kept states."""
    forget = forgetting(store, member, today)
    changed = apply_to_store(store, forget)
    person = forget.person

    def same_transform(data: schema.Data) -> Transform | None:
        """In a kept state the member is found by name or e-mail (the same id may be someone else there)."""
        found = [
            int(key)
            for key, doc in data.get("members", {}).items()
            if str(doc.get("name", "")).strip().casefold() == person.name.casefold()
            or (person.email and str(doc.get("email", "")).strip().casefold() == person.email.casefold())
        ]
        transforms = [
            Forget(
                Person(key, person.name, person.email, person.first_name),
                forget.former,
                str(data["members"][str(key)].get("joined", "")),
                today,
            )
            for key in found
        ] or [Forget(Person(-1, person.name, person.email, person.first_name), forget.former)]

        return composed(list(transforms))

    kept = KeptStates()
    if store.save_state.saved:  # never a kept state rewritten for a change that is not on disk
        kept = rewrite_copies(store.path, [person.name, person.email], same_transform)
    return Forgotten(person.name, changed, kept)


# -- what the file holds about a member ---------------------------------------------------------------------------


def member_data(store: NetworkStore, member: Member) -> dict[str, Any]:
    """Every record of the network that names `member` (by id, name or e-mail), as stored."""
    person = Person.of(member, store.members.all())
    pattern = person.pattern()
    records: dict[str, list[dict[str, Any]]] = {}
    for table, cls in record_classes().items():
        if table == "members":
            continue
        repo: Repo[Any] = store.repo(cls)
        for record in repo.all():
            key = record.id or 0
            doc = to_record(record)
            fields = references(table, key, doc, person.member_id)
            if not fields and pattern is not None and any(pattern.search(text) for text in texts_in(doc)):
                fields = ["text"]
            if table == "meetings" and "text" not in fields:  # only what is about them, not the others' attendance
                doc = {k: v for k, v in doc.items() if k in {"date", "time", "title", "kind", *fields}}
                doc.pop("attendance", None)
            if fields:
                records.setdefault(table, []).append({"id": key, "names_them_in": fields, **doc})
    attendance = [
        {"meeting": m.id, "date": m.date, "title": m.title, "presence": m.presence(person.member_id).value}
        for m in sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
        if m.is_member(member)
    ]
    settings = {}
    if person.member_id in (store.setting(UNCONFIRMED_SETTING) or []):
        settings[UNCONFIRMED_SETTING] = True
    return {
        "member": {"id": person.member_id, **to_record(member)},
        "attendance": attendance,
        "records": records,
        "settings": settings,
    }


def member_markdown(data: dict[str, Any]) -> str:
    """`member_data` to read: the member, then each kind of record with each record's fields."""
    member = data["member"]
    lines = [
        "# " + _("What this network file holds about {name}").format(name=md_line(member.get("name", ""))),
        "",
        _("Every record that names them by their id, their name or their e-mail address, as stored."),
        "",
        "## " + _("Member"),
        "",
    ]
    lines += [f"- **{key}**: {md_value(value)}" for key, value in member.items()]
    if data["attendance"]:
        lines += ["", "## " + _("Attendance"), ""]
        lines += [
            f"- {md_line(a['date'])} {md_line(a['title'])}: {_(Presence(a['presence']).label)}"
            for a in data["attendance"]
        ]
    for table, records in data["records"].items():
        lines += ["", f"## {count_text(table, len(records))} (`{table}`)"]
        for record in records:
            lines += ["", f"### `{table}` #{record['id']}", ""]
            lines += [f"- **{key}**: {md_value(value)}" for key, value in record.items() if key != "id"]
    if data["settings"]:
        lines += ["", "## " + _("Settings"), ""]
        lines += [f"- **{key}**: {md_value(value)}" for key, value in data["settings"].items()]
    return "\n".join(lines) + "\n"


def md_line(text: str) -> str:
    from ln_tui.markdown_safe import md_escape

    return md_escape(" ".join(text.split()))


def md_value(value: Any) -> str:
    """A stored value as literal text in Markdown: strings escaped, the rest as JSON."""
    from ln_tui.markdown_safe import md_escape

    if isinstance(value, str):
        return "  \n  ".join(md_escape(line) for line in value.splitlines()) if value else "–"
    return "`" + json.dumps(value, ensure_ascii=False).replace("`", "'") + "`"


# -- at the close: keep only what the network learned ----------------------------------------------------------

# The tables kept, as they are or made anonymous; every other table's records go (a table added
# later holds personal data until it is listed here).
LEARNED_TABLES = {
    schema.META_TABLE,
    "profile",
    "meetings",  # dates, kinds and titles; attendance as counts; no roles
    "agenda_items",  # the programme, without the names of guests
    "agenda_templates",
    "meeting_clocks",
    "methods",
    "harvests",
    "evaluations",  # anonymous forms: the summary
    "expectation_reviews",
    "question_reviews",
    "board_items",  # only the kickoff's expectations and questions, which the summary reviews
    "pulse_answers",
    "external_inputs",  # sources, links and experts' remarks brought in: what the group learned from
}


def keep_learned(table: str, key: int, doc: dict[str, Any]) -> dict[str, Any] | None:
    """What is left of a document once only what the network learned is kept (after `Forget`)."""
    if table not in LEARNED_TABLES:
        return None
    new = copy.deepcopy(doc)
    if table == schema.META_TABLE:
        new.pop(CUE_SETTING, None)  # a cue to the speaker belongs to the meeting, not to what was learned
    if table == "board_items":
        if new.get("column") not in {"expectations", "questions"}:
            return None
        new.update(member_id=None, merged=[], room_voters=[], why="", learn="", offer="")
    if table == "agenda_items" and isinstance(new.get("external"), dict):
        new["external"].update(name="", organisation="")
    if table == "evaluations":
        new.update(member_id=None, anonymous=True)
        if isinstance(new.get("counted"), dict):
            new["counted"]["anonymous"] = True
    return new


def composed(transforms: list[Transform]) -> Transform:
    """The transforms one after the other (a removed document stays removed)."""

    def apply(table: str, key: int, doc: dict[str, Any]) -> dict[str, Any] | None:
        result: dict[str, Any] | None = doc
        for transform in transforms:
            if result is None:
                return None
            result = transform(table, key, result)
        return result

    return apply


def learned_only(members: list[Member], former: str, today: str) -> Transform:
    """Every member forgotten (their names gone from every text), then only what was learned kept."""
    forgets: list[Transform] = [Forget(Person.of(m, members), former, m.joined, today) for m in members]
    return composed([*forgets, keep_learned])


def members_in(data: schema.Data) -> list[Member]:
    return [
        Member(str(doc.get("name", "")), str(doc.get("email", "")), joined=str(doc.get("joined", "")), id=int(key))
        for key, doc in data.get("members", {}).items()
        if isinstance(doc, dict)
    ]


@dataclass(frozen=True)
class LearnedOnly:
    removed: Counter[str]
    kept_states: KeptStates


def what_keeping_learned_removes(store: NetworkStore, today: str) -> list[str]:
    """The records that go, one line per kind (for the question asked first)."""
    removed: Counter[str] = Counter()
    members = store.members.all()
    apply_to_store(store, learned_only(members, _("a former member"), today), write=False, removed=removed)
    lines = [
        ngettext("{count} member (name, e-mail address)", "{count} members (names, e-mail addresses)", n).format(
            count=n
        )
        for n in [removed.pop("members", 0)]
        if n
    ]
    return lines + [count_text(table, count) for table, count in sorted(removed.items())]


def keep_only_learned(store: NetworkStore, today: str) -> LearnedOnly:
    """Remove all personal data but the harvest and the anonymous summary, here and in the kept states."""
    members = store.members.all()
    former = _("a former member")
    removed: Counter[str] = Counter()
    apply_to_store(store, learned_only(members, former, today), removed=removed)
    if store.setting(CUE_SETTING) is not None:
        store.set_setting(CUE_SETTING, None)
    kept = KeptStates()
    if store.save_state.saved:
        needles = [text for m in members for text in (m.name, m.email)]
        kept = rewrite_copies(store.path, needles, lambda data: learned_only(members_in(data), former, today))
    return LearnedOnly(removed, kept)
