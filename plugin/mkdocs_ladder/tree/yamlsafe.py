"""Read one YAML file into plain Python data, with a ``line:col`` mark for every key and item.

PyYAML alone is not enough for a file that anyone can change in a pull request: it keeps the
last of two duplicate keys without a word, expands aliases (an "alias bomb" of a few hundred
bytes becomes gigabytes), constructs whatever an explicit tag asks for, and forgets where each
value came from. So this module composes the document itself from PyYAML's event stream
(libyaml's C parser when it is installed) and applies the safety rules while parsing, before
anything is built:

* anchors, aliases and explicit tags are refused at the event that carries them;
* a duplicate key is reported at the second key, and the first one is kept;
* nesting, scalar length and the number of values are bounded;
* keys are taken as the text the author wrote (``yes:`` is the key ``"yes"``, not ``True``);
* plain values are read by YAML 1.2's core schema, as editors read them (:mod:`.scalars`).

The result is a :class:`Document`: the data, and a dict from each value's path (a tuple of
keys and list indexes from the root) to the :class:`Mark` of its key, or of the item itself
in a list. Nothing here knows about strategies; it only reads YAML safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from mkdocs_ladder.errors import shorten
from mkdocs_ladder.tree.scalars import plain

try:  # libyaml: several times faster, and ``ladder check`` runs on every pull request
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - exercised only where libyaml is missing
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]  # the pure-Python twin of the same API

MAX_DEPTH = 16
MAX_SCALAR_CHARS = 100_000
MAX_VALUES = 200_000
EMPTY = "file is empty: it must hold a node (a mapping) or a list of nodes"  # no document, or comments only

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(slots=True)
class Document:
    """What one file holds: plain data, and where each value of it was written."""

    data: Any
    start: Mark
    marks: dict[Path_, Mark] = field(default_factory=dict)


class YamlProblem(Exception):
    """A file that cannot be read at all; the mark says where reading stopped."""

    def __init__(self, mark: Mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass(slots=True)
class _Finding:
    mark: Mark
    message: str


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


def decode(data: bytes) -> str:
    """UTF-8 text (a UTF-8 byte-order mark is allowed and dropped), or a problem at the bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(Mark(1, 1), "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(Mark(line, col), f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None


def _offset_to_mark(text: str, offset: int) -> Mark:
    """libyaml reports reader errors as a byte offset into the UTF-8 encoding of the text."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    return Mark(line, len(before) - (before.rfind("\n") + 1) + 1)


#: libyaml (0.2.5 with PyYAML 6.0.4 and later) stops nesting deeper than 1,000 levels itself, and
#: its scanner reads ahead of the events: a deep flow collection reaches that limit before the
#: composer reaches its own. Both are the one limit to an author, worded the same.
_LIBYAML_NESTING = "maximum nesting depth"


TAB = "a tab: YAML indents with spaces only, so replace the tab with spaces"


def _tab_at(text: str, line: int, column: int, problem: str) -> Mark | None:
    """The tab a syntax error is owed to: one in the line's indentation, or where the error
    stands, or any on the line when the parser says it met a tab."""
    lines = text.splitlines()
    if line >= len(lines) or "\t" not in lines[line]:
        return None
    found = lines[line]
    indentation = found[: len(found) - len(found.lstrip(" \t"))]
    if "\t" in indentation or found[column : column + 1] == "\t" or "tab" in problem:
        return Mark(line + 1, found.index("\t") + 1)
    return None


def _syntax_problem(text: str, exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        where = Mark(mark.line + 1, mark.column + 1)
        tab = _tab_at(text, mark.line, mark.column, str(getattr(exc, "problem", "")))
        if tab is not None:
            return YamlProblem(tab, TAB)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if _LIBYAML_NESTING in problem:
            return YamlProblem(where, f"nesting is deeper than {MAX_DEPTH} levels")
        context = getattr(exc, "context", None)
        detail = f"{problem} ({context})" if context else problem
        return YamlProblem(where, f"YAML syntax error: {detail}")
    position = getattr(exc, "position", 0) or 0
    reason = getattr(exc, "reason", None) or str(exc)
    character = getattr(exc, "character", None)
    what = f" (character #x{ord(character) if isinstance(character, str) else character:04x})" if character is not None else ""
    return YamlProblem(_offset_to_mark(text, position), f"YAML syntax error: {reason}{what}")


class _Composer:
    """Builds plain data from events, one value at a time, with the rules in the module docstring."""

    def __init__(self, source: Any):
        self.source = source
        self.marks: dict[Path_, Mark] = {}
        self.findings: list[_Finding] = []
        self.values = 0

    def document(self) -> Document:
        src = self.source
        src.get_event()  # StreamStart
        if src.check_event(yaml.StreamEndEvent):
            raise YamlProblem(Mark(1, 1), EMPTY)
        src.get_event()  # DocumentStart
        start = _mark(src.peek_event())
        data = self.value((), 0)
        src.get_event()  # DocumentEnd
        if not src.check_event(yaml.StreamEndEvent):
            raise YamlProblem(_mark(src.peek_event()), "file holds more than one YAML document ('---'); keep one per file")
        return Document(data, start, self.marks)

    def value(self, path: Path_, depth: int) -> Any:
        event = self.source.get_event()
        kind = type(event)
        if kind is not yaml.ScalarEvent and kind is not yaml.SequenceStartEvent and kind is not yaml.MappingStartEvent:
            raise YamlProblem(_mark(event), f"YAML aliases (*{event.anchor}) are not allowed: write the value out")
        if event.anchor is not None:
            raise YamlProblem(_mark(event), f"YAML anchors (&{event.anchor}) are not allowed: write the value out")
        if event.tag is not None and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(_mark(event), f"YAML tags ({shorten(tag)}) are not allowed: values are plain text, numbers, dates and lists")
        if depth > MAX_DEPTH:
            raise YamlProblem(_mark(event), f"nesting is deeper than {MAX_DEPTH} levels")
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlProblem(_mark(event), f"file holds more than {MAX_VALUES} values; split it into smaller files")
        if kind is yaml.ScalarEvent:
            return self.scalar(event)
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            source, marks = self.source, self.marks
            while not source.check_event(yaml.SequenceEndEvent):
                item_path = (*path, len(items))
                marks[item_path] = _mark(source.peek_event())
                items.append(self.value(item_path, depth + 1))
            source.get_event()
            return items
        return self.mapping(path, depth)

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not self.source.check_event(yaml.MappingEndEvent):
            key_event = self.source.get_event()
            key_mark = _mark(key_event)
            if not isinstance(key_event, yaml.ScalarEvent):
                kind = "an alias" if isinstance(key_event, yaml.AliasEvent) else "a list or mapping"
                raise YamlProblem(key_mark, f"a key must be plain text, not {kind}")
            if key_event.anchor is not None or (key_event.tag is not None and key_event.tag != "!"):
                raise YamlProblem(key_mark, "YAML anchors and tags are not allowed on keys")
            key = key_event.value
            if len(key) > 200:
                raise YamlProblem(key_mark, "a key is longer than 200 characters")
            value_path = (*path, key)
            if key in result:
                first = self.marks[value_path]
                self.findings.append(_Finding(key_mark, f"duplicate key '{key}' (first at line {first.line}); the first value is kept"))
                self.value((*path, "\0duplicate"), depth + 1)
                self.marks.pop((*path, "\0duplicate"), None)
                continue
            self.marks[value_path] = key_mark
            result[key] = self.value(value_path, depth + 1)
        self.source.get_event()
        return result

    def scalar(self, event: Any) -> Any:
        text = event.value
        if len(text) > MAX_SCALAR_CHARS:
            raise YamlProblem(_mark(event), f"a value is longer than {MAX_SCALAR_CHARS} characters")
        if not event.implicit[0]:  # quoted or block text is always a string: no resolving needed
            return text
        return plain(text)  # YAML 1.2's core schema, as editors read it


@dataclass(slots=True)
class ReadResult:
    """A document (or ``None`` when the file could not be read) and what was found on the way."""

    document: Document | None
    problems: list[tuple[Mark, str]]


def parse_yaml(text: str) -> ReadResult:
    """Parse YAML text under the safety rules; never raises for bad content."""
    source = _EventSource(text)
    composer = _Composer(source)
    try:
        document = composer.document()
    except YamlProblem as exc:
        return ReadResult(None, [(f.mark, f.message) for f in composer.findings] + [(exc.mark, exc.message)])
    except yaml.YAMLError as exc:
        problem = _syntax_problem(text, exc)
        return ReadResult(None, [(f.mark, f.message) for f in composer.findings] + [(problem.mark, problem.message)])
    except RecursionError:
        return ReadResult(None, [(Mark(1, 1), "nesting is too deep")])
    finally:
        source.dispose()
    return ReadResult(document, [(f.mark, f.message) for f in composer.findings])
