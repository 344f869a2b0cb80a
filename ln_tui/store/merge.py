"""Three-way merge of a network's records: what this seat last read or wrote (base), the file now
(theirs: another seat's or another program's save) and this seat's memory (ours).

Record by record and field by field, as local-first software merges:
- added on both sides: all kept; an add of ours whose id another side took meanwhile gets a new id;
- changed on one side only: the change is taken;
- the same field changed on both: ours is the later save and wins; the value it replaced is named
  (`Replaced`) so that the seat who wrote it can be told and put it back;
- a list changed on both: the elements each side added are all kept, those one side removed go
  (two seats voting at once both count);
- changed on one side, deleted on the other: the record is kept, and named (`kept`).
No Textual, no files: plain JSON values in, plain JSON values out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Table = dict[str, Doc]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a record or field that is not there


@dataclass(frozen=True)
class Replaced:
    """A field both sides changed: `theirs` (on disk) was replaced by `ours` (the later save)."""

    table: str
    key: str
    field: str
    theirs: Any
    ours: Any


@dataclass
class TableMerge:
    table: Table
    replaced: list[Replaced] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # ids edited on one side and deleted on the other
    moved: dict[str, str] = field(default_factory=dict)  # our add's old id -> its new id


def merge_value(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value, and whether a change of theirs was replaced by ours."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    if isinstance(ours, dict) and isinstance(theirs, dict):
        start = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        conflict = False
        for key in {**theirs, **ours}:
            value, clash = merge_value(start.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING))
            conflict |= clash
            if value is not MISSING:
                merged[key] = value
        return merged, conflict
    if isinstance(ours, list) and isinstance(theirs, list) and isinstance(base, list):
        if _same_elements(ours, base) or _same_elements(theirs, base):  # a reorder on one side: that order
            return (
                (ours, True)
                if _same_elements(ours, base) and _same_elements(theirs, base)
                else (
                    _merge_lists(base, ours, theirs),
                    False,
                )
            )
        return _merge_lists(base, ours, theirs), False
    return ours, True


def _keyed(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _same_elements(one: list[Any], other: list[Any]) -> bool:
    return sorted(map(_keyed, one)) == sorted(map(_keyed, other))


def _merge_lists(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Theirs, less what ours removed, plus what ours added, in theirs' order then ours'; when one
    side only reordered, the other side's additions and removals follow its order."""
    base_keys = {_keyed(x) for x in base}
    removed = base_keys - {_keyed(x) for x in ours}
    removed_by_them = base_keys - {_keyed(x) for x in theirs}
    if _same_elements(theirs, base):  # they reordered: keep ours, in their order where it can be
        order = {key: index for index, key in enumerate(map(_keyed, theirs))}
        kept = [x for x in ours if _keyed(x) in order]
        kept.sort(key=lambda x: order[_keyed(x)])
        return kept + [x for x in ours if _keyed(x) not in order]
    result = [x for x in theirs if _keyed(x) not in removed]
    present = {_keyed(x) for x in result}
    for x in ours:
        key = _keyed(x)
        if key not in present and key not in base_keys and key not in removed_by_them:
            result.append(x)
            present.add(key)
    return result


def merge_doc(table: str, key: str, base: Doc, ours: Doc, theirs: Doc, into: TableMerge) -> Doc:
    """A record changed on both sides, merged field by field."""
    merged: Doc = {}
    for name in {**theirs, **ours}:
        b, o, t = base.get(name, MISSING), ours.get(name, MISSING), theirs.get(name, MISSING)
        value, clash = merge_value(b, o, t)
        if clash:
            into.replaced.append(Replaced(table, key, name, None if t is MISSING else t, value))
        if value is not MISSING:
            merged[name] = value
    return merged


def merge_table(name: str, base: Table, ours: Table, theirs: Table) -> TableMerge:
    """One table merged three ways; the result keeps theirs' order, ours' new records after."""
    result = TableMerge({})
    colliding = []
    for key in {**theirs, **ours}:
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        if o == t:
            doc = o  # ours kept: the same, and its serialized form is cached
        elif o == b:
            doc = t
        elif t == b:
            doc = o
        elif b is MISSING:  # both added a record under this id: theirs keeps it, ours moves
            doc = t
            colliding.append(key)
        elif o is MISSING or t is MISSING:  # edited against a delete: the record stays
            doc = t if o is MISSING else o
            result.kept.append(key)
        else:
            doc = merge_doc(name, key, b, o, t, result)
        if doc is not MISSING:
            result.table[key] = doc
    if colliding:
        next_id = max((int(k) for k in (*result.table, *base)), default=0) + 1
        for key in sorted(colliding, key=int):
            result.table[str(next_id)] = ours[key]
            result.moved[key] = str(next_id)
            next_id += 1
    return result
