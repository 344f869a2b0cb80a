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
    return {name: _dump(getattr(obj, name)) for name, _ in _field_types(type(obj))}


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
    kwargs = {
        name: _load(hint, document[name]) for name, hint in _field_types(cls) if name in document
    }
    if any(f.name == "id" for f in dataclasses.fields(cls)):  # type: ignore[arg-type]
        kwargs["id"] = id
    return cls(**kwargs)


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _load(options[0], value) if len(options) == 1 else value
    if origin in (list, tuple):
        (item,) = get_args(hint)[:1] or (Any,)
        return [_load(item, v) for v in value]
    if origin is dict:
        key_type, item = get_args(hint) or (str, Any)
        return {(int(k) if key_type is int else k): _load(item, v) for k, v in value.items()}
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint(value)
        if dataclasses.is_dataclass(hint):
            return from_record(hint, value)
        if hint is float and isinstance(value, int):
            return float(value)
    return value
