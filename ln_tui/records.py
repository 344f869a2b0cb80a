"""Turning model dataclasses into TinyDB documents and back.

A record class is a dataclass with `TABLE` (its TinyDB table) and an
`id: int | None` field that holds the document id; the id is never stored in
the document itself. Field types may be str, int, float, bool, StrEnum, lists
and dicts of those, other dataclasses, and `X | None`.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar, Protocol, TypeVar, get_args, get_origin


class Record(Protocol):
    TABLE: ClassVar[str]
    id: int | None


R = TypeVar("R")


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name != "id")


@cache
def text_searchable(cls: type, field: str) -> bool:
    """Whether every stored `cls` holds `field` (it has no default) and no object within an object
    (every field a scalar, an enum, or a list or dict of those): then the documents holding a value
    in `field` can be found in a table's JSON text (`tables.UnparsedTable.documents_where`)."""

    def scalar(kind: Any) -> bool:
        if get_origin(kind) in (typing.Union, types.UnionType):
            return all(scalar(arg) for arg in get_args(kind))
        return kind in (str, int, float, bool, type(None)) or (isinstance(kind, type) and issubclass(kind, enum.Enum))

    def flat(kind: Any) -> bool:
        origin, args = get_origin(kind), get_args(kind)
        if origin in (typing.Union, types.UnionType):
            return all(flat(arg) for arg in args)
        if origin in (list, dict):
            return all(scalar(arg) for arg in args)
        return scalar(kind)

    required = {f.name for f in dataclasses.fields(cls) if f.default is f.default_factory is dataclasses.MISSING}
    return field in required and all(flat(kind) for _name, kind in _field_types(cls))


def to_record(obj: Any) -> dict[str, Any]:
    """The JSON-ready document of a dataclass (its `id` left out)."""
    return {name: _dump(getattr(obj, name)) for name, _ in _field_types(type(obj))}  # type: ignore[arg-type]  # a class is hashable; mypy does not see type[Any] as Hashable


def dump_value(value: Any) -> Any:
    """A field value as it is stored in a document."""
    return _dump(value)


def _dump(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_record(value)
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def from_record(cls: type[R], document: dict[str, Any], id: int | None = None) -> R:
    """Build `cls` from a stored document; unknown keys are ignored, missing ones defaulted."""
    fields, has_id = _loading_plan(cls)  # type: ignore[arg-type]  # a class is hashable; mypy does not see type[R] as Hashable
    kwargs = {
        name: (value if load is None or value is None else load(value))
        for name, load in fields
        if (value := document.get(name, _MISSING)) is not _MISSING
    }
    if has_id:
        kwargs["id"] = id
    return cls(**kwargs)


_MISSING = object()
Loader = typing.Callable[[Any], Any]


@cache
def _loading_plan(cls: type) -> tuple[tuple[tuple[str, Loader | None], ...], bool]:
    """Per field: how a stored value becomes the field's value (None: as it is). Worked out
    once per class: a board opens by building a thousand items."""
    fields = tuple((name, _loader(hint)) for name, hint in _field_types(cls))
    return fields, any(f.name == "id" for f in dataclasses.fields(cls))


@cache
def _loader(hint: Any) -> Loader | None:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _loader(options[0]) if len(options) == 1 else None
    if origin in (list, tuple):
        (item,) = get_args(hint)[:1] or (Any,)
        load_item = _loader(item)
        if load_item is None:
            return list
        return lambda value: [None if v is None else load_item(v) for v in value]
    if origin is dict:
        key_type, item = get_args(hint) or (str, Any)
        load_value = _loader(item) or (lambda v: v)
        load_key = int if key_type is int else (lambda k: k)
        return lambda value: {load_key(k): (None if v is None else load_value(v)) for k, v in value.items()}
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint
        if dataclasses.is_dataclass(hint):
            return lambda value: from_record(hint, value)
        if hint is float:
            return float
    return None


# -- validation: what a stored document must hold to become its dataclass --------------------------
@dataclasses.dataclass(frozen=True)
class FieldProblem:
    """One field of a document that its dataclass cannot take, in words for the user."""

    field: str  # the field's name, with [key] or .name for what is inside it
    problem: str  # "is 42, it must be text" / "is missing, it must be text"

    def __str__(self) -> str:
        return f"{self.field} {self.problem}"


def shown_value(value: Any) -> str:
    """A stored value as JSON, cut short: what the file holds, readable in one line."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def document_problems(cls: type, document: dict[str, Any]) -> list[FieldProblem]:
    """What keeps `document` from becoming a `cls`: missing required fields, wrong types, unknown
    enum values (empty when it loads). Unknown keys are no problem: they are ignored."""
    if _document_loads(cls, document):  # the usual case, answered without building any message
        return []
    return named_problems(cls, document)


def named_problems(cls: type, document: dict[str, Any]) -> list[FieldProblem]:
    """`document_problems` worked out field by field, each problem in words (slower)."""
    problems: list[FieldProblem] = []
    for name, hint, required in _validation_plan(cls):
        if name not in document:
            if required:
                problems.append(FieldProblem(name, _missing(hint)))
            continue
        problems += _value_problems(name, document[name], hint)
    return problems


@cache
def _validation_plan(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """Per field: its name, its type and whether a document must hold it (it has no default)."""
    hints = dict(_field_types(cls))
    return tuple(
        (f.name, hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
        if f.name != "id"
    )


def _document_loads(cls: type, document: dict[str, Any]) -> bool:
    """Whether `document_problems(cls, document)` is empty: the same rules, as yes or no."""
    for name, types_taken, accepts, required in _acceptance_plan(cls):
        if name in document:
            value = document[name]
            if type(value) not in types_taken and not accepts(value):
                return False
        elif required:
            return False
    return True


# The exact types a field of a plain type takes as they are (the rest go through `_accepts`).
_PLAIN = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}


@cache
def _acceptance_plan(cls: type) -> tuple[tuple[str, frozenset[type], Callable[[Any], bool], bool], ...]:
    plan = []
    for name, hint, required in _validation_plan(cls):
        options = get_args(hint) if get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
        taken = [t for option in options for t in _PLAIN.get(option, ())]
        if type(None) in options:
            taken.append(type(None))
        plan.append((name, frozenset(taken), _accepts(hint), required))
    return tuple(plan)


@cache
def _accepts(hint: Any) -> Callable[[Any], bool]:
    """Whether `_checker(hint)` finds no problem in a value, without naming where or what: opening
    a year-scale network checks thousands of records, nearly always all sound."""
    origin = get_origin(hint)
    if hint is Any:
        return lambda value: True
    if origin in (typing.Union, types.UnionType):
        nullable = type(None) in get_args(hint)
        options = tuple(_accepts(a) for a in get_args(hint) if a is not type(None))
        if len(options) == 1:
            (only,) = options
            return lambda value: nullable if value is None else only(value)
        return lambda value: nullable if value is None else any(option(value) for option in options)
    if origin in (list, tuple):
        (item,) = get_args(hint)[:1] or (Any,)
        accepts_item = _accepts(item)
        return lambda value: isinstance(value, list) and all(accepts_item(v) for v in value)
    if origin is dict:
        key_type, item = get_args(hint) or (str, Any)
        accepts_value = _accepts(item)
        int_keys = key_type is int
        return lambda value: (
            isinstance(value, dict)
            and all((not int_keys or _is_int_text(k)) and accepts_value(v) for k, v in value.items())
        )
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        allowed = frozenset(member.value for member in hint)
        return lambda value: _hashable(value) and value in allowed
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record: type = hint
        return lambda value: isinstance(value, dict) and _document_loads(record, value)
    accepted: Callable[[Any], bool] | None = {
        bool: lambda value: value is True or value is False,
        int: lambda value: type(value) is int,
        float: lambda value: type(value) in (int, float),
        str: lambda value: type(value) is str,
    }.get(hint)
    return accepted or (lambda value: True)


def _missing(hint: Any) -> str:
    from ln_tui.i18n import _

    return _("is missing, it must be {expected}").format(expected=_expected(hint))


def _expected(hint: Any) -> str:
    """What a field of type `hint` must hold, in words."""
    from ln_tui.i18n import _

    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        words = " / ".join(_expected(option) for option in options)
        return _("{expected} or null").format(expected=words) if type(None) in get_args(hint) else words
    if origin in (list, tuple):
        return _("a list")
    if origin is dict:
        return _("a mapping")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _("one of {values}").format(values=", ".join(str(member.value) for member in hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _("a mapping")
    return {
        str: _("text"),
        int: _("a whole number"),
        float: _("a number"),
        bool: _("true or false"),
    }.get(hint, _("a value"))


def _value_problems(where: str, value: Any, hint: Any) -> list[FieldProblem]:
    return _checker(hint)(where, value)


Checker = typing.Callable[[str, Any], list[FieldProblem]]
_NONE: list[FieldProblem] = []


def _wrong(where: str, value: Any, hint: Any) -> list[FieldProblem]:
    from ln_tui.i18n import _

    return [
        FieldProblem(
            where, _("is {value}, it must be {expected}").format(value=shown_value(value), expected=_expected(hint))
        )
    ]


@cache
def _checker(hint: Any) -> Checker:
    """How a stored value is checked against a field type, worked out once per type: a year of
    board items and notes is checked on every open."""
    origin = get_origin(hint)
    if hint is Any:
        return lambda where, value: _NONE
    if origin in (typing.Union, types.UnionType):
        nullable = type(None) in get_args(hint)
        options = [_checker(a) for a in get_args(hint) if a is not type(None)]

        def check_union(where: str, value: Any) -> list[FieldProblem]:
            if value is None:
                return _NONE if nullable else _wrong(where, value, hint)
            found = _NONE
            for option in options:
                if not (found := option(where, value)):
                    return _NONE
            return found if len(options) == 1 else _wrong(where, value, hint)

        return check_union
    if origin in (list, tuple):
        (item,) = get_args(hint)[:1] or (Any,)
        check_item = _checker(item)

        def check_list(where: str, value: Any) -> list[FieldProblem]:
            if not isinstance(value, list):
                return _wrong(where, value, hint)
            return [p for index, v in enumerate(value) for p in check_item(f"{where}[{index}]", v)]

        return check_list
    if origin is dict:
        key_type, item = get_args(hint) or (str, Any)
        check_value = _checker(item)

        def check_dict(where: str, value: Any) -> list[FieldProblem]:
            if not isinstance(value, dict):
                return _wrong(where, value, hint)
            problems = []
            for key, v in value.items():
                if key_type is int and not _is_int_text(key):
                    from ln_tui.i18n import _

                    problems.append(
                        FieldProblem(
                            where,
                            _("has the key {key}, it must be {expected}").format(
                                key=shown_value(key), expected=_expected(int)
                            ),
                        )
                    )
                elif found := check_value(f"{where}[{shown_value(key)}]", v):
                    problems += found
            return problems

        return check_dict
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        allowed = frozenset(member.value for member in hint)
        return lambda where, value: _NONE if _hashable(value) and value in allowed else _wrong(where, value, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):

        def check_record(where: str, value: Any) -> list[FieldProblem]:
            if not isinstance(value, dict):
                return _wrong(where, value, hint)
            return [FieldProblem(f"{where}.{p.field}", p.problem) for p in document_problems(hint, value)]

        return check_record
    accepted = {
        bool: lambda value: value is True or value is False,
        int: lambda value: type(value) is int,
        float: lambda value: type(value) in (int, float),
        str: lambda value: type(value) is str,
    }.get(hint)
    if accepted is None:
        return lambda where, value: _NONE
    return lambda where, value: _NONE if accepted(value) else _wrong(where, value, hint)


def _hashable(value: Any) -> bool:
    return not isinstance(value, (list, dict))


def _is_int_text(key: Any) -> bool:
    try:
        int(key)
    except (TypeError, ValueError):
        return False
    return True
