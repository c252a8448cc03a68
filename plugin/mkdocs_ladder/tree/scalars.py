"""Plain YAML scalars as YAML 1.2's core schema reads them, as editors do.

ladder's editor schema is used through yaml-language-server, which reads YAML 1.2; PyYAML reads
YAML 1.1, where ``yes``, ``No``, ``on`` and ``off`` are booleans, ``012`` is octal, ``1_000`` a
number and ``2026-05-01`` a date. Every file ladder reads (node files, ``owners.yaml``,
``ladder.yml``, the plugin's options in ``mkdocs.yml``) resolves a plain (unquoted) scalar by
:func:`plain` instead:

* only ``true`` and ``false``, in any case, are booleans;
* only ``null``, ``Null``, ``NULL``, ``~`` and nothing at all are null;
* numbers are 1.2's: ``12``, ``-3``, ``0o17``, ``0x1F``, ``1.5``, ``1e3``, ``.inf``, ``.nan``;
* everything else is text (``yes``, ``on``, ``1_000``, ``0b101``, ``1:30``, ``2026-05-01``).

A number keeps the text it was written as (:class:`Integer`, :class:`Real`), so that a field
of text takes it as written (:func:`as_written`): ``title: 012`` is the title "012". Quoted and
block scalars are always text. Nothing here imports a YAML library.
"""

from __future__ import annotations

import math
import re
from typing import Any

_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")

#: The booleans' texts, and what an author writes for them in YAML 1.1 (the hint of a bool field).
TRUE_WORDS = frozenset(("yes", "y", "on"))
FALSE_WORDS = frozenset(("no", "n", "off"))


class Integer(int):
    """A whole number read from a plain scalar, with the text it was written as."""

    text: str

    def __new__(cls, value: int, text: str) -> Integer:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return Integer, (int(self), self.text)

    def __str__(self) -> str:
        return self.text


class Real(float):
    """A number with a fraction (or ``.inf``, ``.nan``) read from a plain scalar, with its text."""

    text: str

    def __new__(cls, value: float, text: str) -> Real:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return Real, (float(self), self.text)

    def __str__(self) -> str:
        return self.text


def plain(text: str) -> Any:
    """A plain scalar's value by the YAML 1.2 core schema (see the module docstring)."""
    if text in _NULL:
        return None
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    if _INT.fullmatch(text):
        return Integer(int(text, 10), text)
    if _OCT.fullmatch(text):
        return Integer(int(text[2:], 8), text)
    if _HEX.fullmatch(text):
        return Integer(int(text[2:], 16), text)
    if _FLOAT.fullmatch(text):
        return Real(float(text), text)
    if _INF.fullmatch(text):
        return Real(-math.inf if text.startswith("-") else math.inf, text)
    if _NAN.fullmatch(text):
        return Real(math.nan, text)
    return text


def as_written(value: Any) -> Any:
    """For a field of text: a number read from YAML as the text it was written as."""
    return value.text if isinstance(value, (Integer, Real)) else value


def bool_hint(value: Any) -> str:
    """What to write instead, for text given to a field of true or false (``yes`` -> "write true")."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return " (write true)"
        if word in FALSE_WORDS:
            return " (write false)"
    return ""
