"""pydantic's errors, worded for the person who wrote the YAML: one table and one phrasing,
for the node files (:mod:`.loader`) and the settings (:mod:`mkdocs_ladder.settings`) alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic_core import ErrorDetails

from mkdocs_ladder.errors import describe
from mkdocs_ladder.tree.scalars import bool_hint

#: What a value of each pydantic type is, in an author's words.
EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "int_type": "a whole number",
    "float_type": "a number",
}


def hint(kind: str, value: Any) -> str:
    """What to write instead: ``yes`` for a boolean says "write true"; true, a number or a date
    for text says "quote it" (a number read from YAML never gets here: it is taken as written)."""
    if kind == "bool_type":
        return bool_hint(value)
    if kind == "string_type" and isinstance(value, (bool, int, float, date)):
        return " (quote it)"
    return ""


def wrong_type(err: ErrorDetails, expected: str | None = None) -> str | None:
    """``must be true or false, not text ('yes') (write true)`` for an error of a value's type
    (``expected`` words what the field takes, when the type alone does not say it); None for
    any other error."""
    kind = err["type"]
    if kind not in EXPECTED:
        return None
    value = err["input"]
    return f"must be {expected or EXPECTED[kind]}, not {describe(value)}{hint(kind, value)}"
