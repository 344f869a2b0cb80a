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
