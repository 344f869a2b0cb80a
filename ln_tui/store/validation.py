"""Meaning, not only shape: every stored record checked against its dataclass (RELIABILITY 14).

A file can be valid JSON and a TinyDB database and still hold a member whose name is 42
or a role no screen knows; opening it would crash the app. Each such record is named
with its table, id and field, what it holds and what it should hold.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

from ln_tui.i18n import _
from ln_tui.records import document_problems, shown_value
from ln_tui.store import schema


@cache
def record_classes() -> dict[str, type]:
    """Every record class by its table: those of `ln_tui.model` and of each step's `model` module."""
    import ln_tui

    modules = [importlib.import_module("ln_tui.model")]
    for info in pkgutil.iter_modules(ln_tui.__path__):
        if info.ispkg and info.name != "screens":
            try:
                modules.append(importlib.import_module(f"ln_tui.{info.name}.model"))
            except ModuleNotFoundError:
                continue
    classes: dict[str, type] = {}
    for module in modules:
        for value in vars(module).values():
            table = getattr(value, "TABLE", None)
            if isinstance(value, type) and isinstance(table, str) and value.__module__ == module.__name__:
                classes[table] = value
    return classes


def problems(data: schema.Data) -> list[str]:
    """Every record ln-tui could not use, one sentence each (empty: all is well)."""
    return [message for _table, _key, message in _findings(data)]


def without_bad_records(data: schema.Data) -> schema.Data:
    """The data with the records `problems` names left out (for a read-only look)."""
    bad: dict[str, set[str]] = {}
    for table, key, _message in _findings(data):
        bad.setdefault(table, set()).add(key)
    return {
        table: {key: doc for key, doc in docs.items() if key not in bad.get(table, set())}
        for table, docs in data.items()
    }


def _findings(data: schema.Data) -> list[tuple[str, str, str]]:
    classes = record_classes()
    findings = data.duplicates() if isinstance(data, schema.WithDuplicates) else []
    for table, docs in data.items():
        seen: dict[int, str] = {}
        for key in docs:
            number = int(key)
            if number in seen:
                findings.append(
                    (
                        table,
                        key,
                        _("{table}: the id {key} is the id {id} again").format(
                            table=table, key=shown_value(key), id=number
                        ),
                    )
                )
            seen.setdefault(number, key)
        cls = classes.get(table)
        if cls is None:
            continue
        for key, document in docs.items():
            findings += [
                (table, key, f"{table} #{key}: {problem}") for problem in document_problems(cls, _as_dict(document))
            ]
    return findings


def _as_dict(document: Any) -> dict[str, Any]:
    return document if isinstance(document, dict) else {}
