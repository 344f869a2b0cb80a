"""Opening a network checks every record; the quick yes/no answer must agree with the one in words."""

from __future__ import annotations

import dataclasses
from typing import Any

from ln_tui.records import document_problems, named_problems, to_record
from ln_tui.store.validation import record_classes

# Values of every shape a hand edit could leave in a field.
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, 3, -1, 2.5, "", "text", "1", [], [1], ["a"], [None], [{"a": 1}],
    {}, {"1": 2}, {"x": "y"}, {"1": [1]}, {"1": None},
)  # fmt: skip


def sample(cls: type) -> dict[str, Any]:
    """A sound document of `cls`: its defaults, or a value each required field takes."""
    document: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name == "id":
            continue
        if field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING:
            continue
        document[field.name] = next((v for v in ODD_VALUES if not named_problems(cls, {**document, field.name: v})), "")
    return document


def test_the_quick_answer_agrees_with_the_named_problems_for_every_field_of_every_record() -> None:
    checked = 0
    for cls in record_classes().values():
        base = sample(cls)
        base = {**to_record(cls(**base)), **base}  # every field present, as the app writes it
        documents = [base, {}]
        for field in dataclasses.fields(cls):
            documents.append({k: v for k, v in base.items() if k != field.name})
            documents += [{**base, field.name: value} for value in ODD_VALUES]
        for document in documents:
            assert (document_problems(cls, document) == []) == (named_problems(cls, document) == []), (cls, document)
            checked += 1
    assert checked > 1000
