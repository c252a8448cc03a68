"""Find a strategy directory's YAML files and turn each into typed nodes, with their marks.

A strategy directory holds ``mission.yaml``, ``strategies/*.yaml`` and ``initiatives/*.yaml``
(``.yml`` too). A level file holds one node (a mapping, whose id defaults to the file's stem)
or a list of nodes (each with its own id). This module reads each file safely
(:mod:`.yamlsafe`), checks each node against the model (:mod:`.model`) and words every
failure for the author, at the line it concerns. Rules that span files (ids, parents,
levels) are :mod:`.validate`'s.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from mkdocs_ladder.errors import Problem, Severity, UsageError, describe, did_you_mean, shorten
from mkdocs_ladder.gcpause import paused_gc
from mkdocs_ladder.tree.catalogue import METRICS_STEM, Catalogue, MetricDefinition, MetricSource
from mkdocs_ladder.tree.model import SLUG_PATTERN, Level, Link, Metric, Node, Origin, Owner, Question, Status, Step, Timescale, text_as
from mkdocs_ladder.tree.sources import MAX_FILE_BYTES, DirectorySource, Source, TooLarge
from mkdocs_ladder.tree.wording import EXPECTED, wrong_type
from mkdocs_ladder.tree.yamlsafe import Document, Mark, YamlProblem, decode, parse_yaml

#: The most nodes a tree may have: far above any real organisation's (the benchmark builds
#: 10,000 initiatives), low enough that a hostile pull request cannot stall CI with millions.
MAX_NODES = 50_000
YAML_SUFFIXES = (".yaml", ".yml")
MISSION_STEM = "mission"
OWNERS_STEM = "owners"


@dataclass(slots=True)
class LoadedNode:
    """A node that passed the model, with its level and where each of its values was written."""

    node: Node
    level: Level
    origin: Origin
    marks: dict[tuple[str | int, ...], Mark]
    valid: bool = True  # False: the node failed the model and takes part in tree rules only
    set_aside: frozenset[str] = frozenset()  # the fields that failed the model (each has its error)

    def mark(self, *path: str | int) -> Mark:
        """The mark of a value (its key's line), else the node's start."""
        return self.marks.get(path) or Mark(self.origin.line, self.origin.col)


@dataclass(slots=True)
class Owners:
    """The owners file: who may own work, and where each entry was written."""

    entries: dict[str, Owner]
    path: Path
    marks: dict[str, Mark]


@dataclass(frozen=True, slots=True)
class FileVersion:
    """What one version of a file gave the loader, known by git's object id of its bytes:
    its valid nodes, or its first error. History reuses the working tree's versions for the
    past commits that hold the same bytes, instead of parsing them again."""

    blob: str
    level: Level
    nodes: tuple[LoadedNode, ...]
    error: str | None  # "line N: message" of the first error, when the version is invalid


@dataclass(slots=True)
class Loaded:
    nodes: list[LoadedNode]
    problems: list[Problem]
    files: int
    owners: Owners | None = None
    truncated: bool = False  # stopped at MAX_NODES: the tree rules would only report noise
    versions: dict[str, FileVersion] = field(default_factory=dict)  # each node file's version, by path
    unread: frozenset[str] = frozenset()  # the names of the node files that could not be read (the ids they likely hold)
    catalogue: Catalogue | None = None  # the metrics file, when there is one


def blob_id(data: bytes) -> str:
    """git's object id of a file's bytes (what ``git hash-object`` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def first_error(problems: list[Problem]) -> str | None:
    """A file version's first error, as history notes it when it skips the version."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return f"line {errors[0].line}: {errors[0].message}" if errors else None


def _error(path: Path, mark: Mark, message: str, rule: str = "format") -> Problem:
    return Problem(path, mark.line, mark.col, Severity.ERROR, message, rule)


def discover(source: Source) -> tuple[list[tuple[str, Level]], list[Problem]]:
    """The files to read, each with its level, in sorted path order; and the files left aside."""
    problems: list[Problem] = []
    names = []
    for rel in source.files():  # every link out is reported, whatever it is named; none is followed
        if source.outside(rel):
            problems.append(
                _error(source.root / rel, Mark(1, 1), "symbolic link leads outside the strategy directory; it is not read", "outside-link")
            )
        else:
            names.append(rel)
    missions = [f"{MISSION_STEM}{suffix}" for suffix in YAML_SUFFIXES if f"{MISSION_STEM}{suffix}" in names]
    if not missions:
        raise UsageError(f"{source.root}: no {MISSION_STEM}.yaml here; is this a strategy directory? (`ladder init` makes one)")
    files = [(missions[0], Level.MISSION)]
    folders = {level.folder: level for level in (Level.STRATEGY, Level.INITIATIVE)}
    known = {MISSION_STEM, OWNERS_STEM, METRICS_STEM, *folders}
    unknown: set[str] = set()
    for rel in names:
        top, _, rest = rel.partition("/")
        if rest and top in folders and rel.endswith(YAML_SUFFIXES):
            files.append((rel, folders[top]))
        elif not rest and top.endswith(YAML_SUFFIXES) and top.rsplit(".", 1)[0] in known:
            continue
        elif top not in known:
            unknown.add(top)
    for top in sorted(unknown):
        if "." not in top or top.endswith(YAML_SUFFIXES):  # folders and YAML files: likely a typo
            problems.append(
                Problem(
                    source.root / top,
                    1,
                    1,
                    Severity.WARNING,
                    f"not read: a strategy directory holds {MISSION_STEM}.yaml, {OWNERS_STEM}.yaml, {METRICS_STEM}.yaml, "
                    f"{Level.STRATEGY.folder}/ and {Level.INITIATIVE.folder}/",
                    "unknown-file",
                )
            )
    return sorted(files), problems


def level_of(rel: str) -> Level | None:
    """The level of the nodes that a file of the strategy directory holds, by where it sits;
    None for a file that holds no nodes (the owners file, anything unknown)."""
    top, _, rest = rel.partition("/")
    if not rest:
        return Level.MISSION if top in (f"{MISSION_STEM}{suffix}" for suffix in YAML_SUFFIXES) else None
    folders = {level.folder: level for level in (Level.STRATEGY, Level.INITIATIVE)}
    return folders.get(top) if rel.endswith(YAML_SUFFIXES) else None


def load_file(source: Source, rel: str, level: Level) -> tuple[list[LoadedNode], list[Problem]]:
    """The valid nodes of one file and its problems, under the same rules as a whole tree
    (history reads each past version of a file this way)."""
    path = source.root / rel
    document, found, _ = read_document(source, rel)
    problems = [_error(path, mark, message) for mark, message in found]
    nodes: list[LoadedNode] = []
    if document is not None:
        for item in _node_mappings(path, level, document, problems):
            loaded = _load_node(path, level, item, problems)
            if loaded is not None and loaded.valid:
                nodes.append(loaded)
    return nodes, problems


def read_document(source: Source, rel: str) -> tuple[Document | None, list[tuple[Mark, str]], str | None]:
    """One file of ``source``, read under the size, encoding and YAML safety rules, and the git
    object id of its bytes (None when they could not be read)."""
    try:
        data = source.read(rel)
    except TooLarge:
        return None, [(Mark(1, 1), f"file is larger than {MAX_FILE_BYTES // 1024} KiB; split it into smaller files")], None
    except OSError as exc:
        return None, [(Mark(1, 1), f"file could not be read: {exc.strerror or exc}")], None
    try:
        text = decode(data)
    except YamlProblem as exc:
        return None, [(exc.mark, exc.message)], blob_id(data)
    result = parse_yaml(text)
    return result.document, result.problems, blob_id(data)


def load(source: Source | Path) -> Loaded:
    """Read every file of a strategy directory; report every problem, raise none."""
    if isinstance(source, Path):
        source = DirectorySource(source)
    with paused_gc():
        return _load(source)


def _load(source: Source) -> Loaded:
    files, problems = discover(source)
    nodes: list[LoadedNode] = []
    versions: dict[str, FileVersion] = {}
    unread: set[str] = set()
    for rel, level in files:
        path = source.root / rel
        document, found, blob = read_document(source, rel)
        if document is None:
            unread.add(path.stem)
        first_problem, first_node = len(problems), len(nodes)
        problems += [_error(path, mark, message) for mark, message in found]
        if document is not None:
            for item in _node_mappings(path, level, document, problems):
                if len(nodes) >= MAX_NODES:  # stop reading: the tree cannot be published anyway
                    problems.append(
                        _error(path, item[1], f"the tree has more than {MAX_NODES} nodes; ladder reads at most that many", "limit")
                    )
                    return Loaded(nodes, problems, len(files), None, truncated=True)
                loaded = _load_node(path, level, item, problems)
                if loaded is not None:
                    nodes.append(loaded)
        if blob is not None:  # what load_file would give for these bytes
            versions[rel] = FileVersion(blob, level, tuple(n for n in nodes[first_node:] if n.valid), first_error(problems[first_problem:]))
    owners = _load_owners(source, problems)
    catalogue = load_catalogue(source, problems)
    count = len(files) + (owners is not None) + (catalogue is not None)
    return Loaded(nodes, problems, count, owners, versions=versions, unread=frozenset(unread), catalogue=catalogue)


def _mapping_file(source: Source, stem: str, what: str, problems: list[Problem]) -> tuple[Path, Document | None] | None:
    """A file of the strategy directory that maps ids to entries (``owners.yaml``,
    ``metrics.yaml``): its path, and its document when it could be read and holds a mapping
    (its problems added to ``problems``); None when there is no such file."""
    names = [f"{stem}{suffix}" for suffix in YAML_SUFFIXES if f"{stem}{suffix}" in source.files()]
    if not names:
        return None
    path = source.root / names[0]
    if source.outside(names[0]):  # reported by discover()
        return path, None
    document, found, _ = read_document(source, names[0])
    problems += [_error(path, mark, message) for mark, message in found]
    if document is not None and not isinstance(document.data, dict):
        problems.append(_error(path, document.start, f"file must hold a mapping from {what}, not {describe(document.data)}"))
        return path, None
    return path, document


def _load_owners(source: Source, problems: list[Problem]) -> Owners | None:
    """``owners.yaml``: a mapping from owner id to ``{name, url}`` (or just a display name)."""
    found = _mapping_file(source, OWNERS_STEM, "owner id to its name and url", problems)
    if found is None:
        return None
    path, document = found
    owners = Owners({}, path, {})
    if document is None:
        return owners
    for key, value in document.data.items():
        mark = document.marks[(key,)]
        owners.marks[key] = mark
        try:
            owners.entries[key] = Owner.model_validate(text_as("name")(value))
        except ValidationError as exc:
            marks = {k[1:]: m for k, m in document.marks.items() if len(k) > 1 and k[0] == key}
            for loc, message in _explain(exc, None, Owner):
                problems.append(_error(path, _mark_for(loc, marks, mark), f"{message} (owner '{shorten(key)}')"))
    return owners


def load_catalogue(source: Source, problems: list[Problem]) -> Catalogue | None:
    """``metrics.yaml``: a mapping from metric id to its definition (None when there is none);
    its problems are added to ``problems``, each at its line."""
    found = _mapping_file(source, METRICS_STEM, "metric id to its definition", problems)
    if found is None:
        return None
    path, document = found
    catalogue = Catalogue({}, path)
    if document is None:
        return catalogue
    for key, value in document.data.items():
        mark = document.marks[(key,)]
        marks = {k[1:]: m for k, m in document.marks.items() if k and k[0] == key}
        catalogue.marks[str(key)] = {(): mark, **marks}
        if not isinstance(key, str) or not _SLUG_KEY.fullmatch(key):
            problems.append(_error(path, mark, f"metric id '{shorten(str(key))}' must be a slug: lowercase letters, digits, '-' and '_'"))
            continue
        try:
            catalogue.metrics[key] = MetricDefinition.model_validate(value)
        except ValidationError as exc:
            for loc, message in _explain(exc, None, MetricDefinition):
                problems.append(_error(path, _mark_for(loc, marks, mark), f"{message} (metric '{key}')"))
    return catalogue


_SLUG_KEY = re.compile(SLUG_PATTERN)


def _node_mappings(path: Path, level: Level, doc: Document, problems: list[Problem]) -> Iterator[_Item]:
    """Each node mapping of a file, with its start, its marks re-rooted at it, and whether it is alone."""
    data = doc.data
    if isinstance(data, dict):
        yield _Item(data, doc.start, doc.marks, True)
        return
    if level is Level.MISSION or not isinstance(data, list):
        expected = "one mapping (the mission)" if level is Level.MISSION else "a mapping (one node) or a list of mappings"
        problems.append(_error(path, doc.start, f"file must hold {expected}, not {describe(data)}"))
        return
    per_item: dict[int, dict[tuple[str | int, ...], Mark]] = {}
    for key, mark in doc.marks.items():
        if len(key) > 1 and isinstance(key[0], int):  # a list file's marks start with the item's index
            per_item.setdefault(key[0], {})[key[1:]] = mark
    for index, item in enumerate(data):
        start = doc.marks[(index,)]
        if not isinstance(item, dict):
            problems.append(_error(path, start, f"item {index + 1} of the list must be a mapping (a node), not {describe(item)}"))
            continue
        yield _Item(item, start, per_item.get(index, {}), False)


class _Item(NamedTuple):
    """One node's mapping as a file holds it: where it starts, each value's mark, and whether
    it is the file's only node (its id may then come from the file's name)."""

    data: dict[str, Any]
    start: Mark
    marks: dict[tuple[str | int, ...], Mark]
    alone: bool


def _load_node(path: Path, level: Level, item: _Item, problems: list[Problem]) -> LoadedNode | None:
    data, start, marks, alone = dict(item.data), item.start, item.marks, item.alone
    id_from_stem = False
    if level is Level.MISSION:
        if "id" in data and data["id"] != MISSION_STEM:
            problems.append(_error(path, marks[("id",)], f"the mission's id is always '{MISSION_STEM}', not '{shorten(str(data['id']))}'"))
            return None
        data.setdefault("id", MISSION_STEM)
    elif alone and "id" not in data:
        data["id"] = path.stem
        id_from_stem = True
    elif "id" not in data:
        problems.append(_error(path, start, "missing required field 'id' (each node of a list needs its own id)"))
        return None
    origin = Origin(path, start.line, start.col)
    try:
        return LoadedNode(Node.model_validate(data), level, origin, marks)
    except ValidationError as exc:
        for loc, message in _explain(exc, path if id_from_stem else None):
            problems.append(_error(path, _mark_for(loc, marks, start), message))
        bad = frozenset(str(err["loc"][0]) for err in exc.errors() if err["loc"])
        partial = _without_bad_fields(data, bad)
        return LoadedNode(partial, level, origin, marks, valid=False, set_aside=bad) if partial is not None else None


def _without_bad_fields(data: dict[str, Any], bad: frozenset[str]) -> Node | None:
    """The node with its failing fields set aside, so the tree rules can still judge its links.

    Reporting every problem in one pass means a node with a bad ``status`` must still have its
    ``parent`` checked; without a valid id it cannot take part at all.
    """
    if "id" in bad:
        return None
    kept = {k: v for k, v in data.items() if k not in bad and k in Node.model_fields}
    kept.setdefault("title", "(invalid)")
    try:
        return Node.model_validate(kept)
    except ValidationError:
        return None


def _mark_for(loc: tuple[str | int, ...], marks: dict[tuple[str | int, ...], Mark], start: Mark) -> Mark:
    """The mark of the longest prefix of ``loc`` that was written; else the node's start."""
    for end in range(len(loc), 0, -1):
        mark = marks.get(loc[:end])
        if mark is not None:
            return mark
    return start


# --- wording pydantic's errors for an author ---------------------------------------------------

_ITEM_SHAPE = {
    "steps": "text or a mapping with 'title' and 'done'",
    "links": "a mapping with 'title' and 'url'",
    "metrics": "a mapping with 'metric' (or 'name'), 'target', 'by', 'current' and 'unit'",
    "questions": "text (an open question) or a mapping with 'question' and 'answer'",
}
_OURS = ("slug", "empty", "multiline", "url_scheme", "date", "measure", "size", "confidence")  # the model's own wording
_SUBMODELS: dict[str, type[BaseModel]] = {"links": Link, "steps": Step, "metrics": Metric, "questions": Question}
_NESTED: dict[str, type[BaseModel]] = {"source": MetricSource}  # a mapping in a mapping (the catalogue's)


def _label(loc: tuple[str | int, ...]) -> str:
    """``links[0].url``: the JSON-path spelling that editors and schema tools use."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(exc: ValidationError, id_file: Path | None, top: type[BaseModel] = Node) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each error's location and wording; ``id_file`` is the file whose name gave the id, if any."""
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        field = _label(loc)
        leaf = loc[-1] if loc else ""
        if kind == "extra_forbidden":
            model = _SUBMODELS.get(str(loc[0])) if len(loc) > 2 else _NESTED.get(str(loc[0])) if len(loc) == 2 else top
            choices = list((model or top).model_fields)
            yield loc, f"unknown field '{shorten(str(leaf))}'{did_you_mean(str(leaf).lower(), choices)}"
        elif kind == "missing":
            where = f" in {_label(loc[:-1])}" if len(loc) > 1 else ""
            yield loc[:-1], f"missing required field '{leaf}'{where}"
        elif kind == "enum" and loc == ("status",):
            allowed = ", ".join(s.value for s in Status)
            value = str(err["input"])
            yield loc, f"status '{shorten(value)}' is not one of: {allowed}{did_you_mean(value.lower(), [s.value for s in Status])}"
        elif kind == "enum" and loc == ("direction",):
            value = str(err["input"])
            yield loc, f"direction '{shorten(value)}' is not one of: higher, lower{did_you_mean(value.lower(), ['higher', 'lower'])}"
        elif kind == "enum" and loc == ("timescale",):
            scales = [t.value for t in Timescale]
            value = str(err["input"])
            yield loc, f"timescale '{shorten(value)}' is not one of: {', '.join(scales)}{did_you_mean(value.lower(), scales)}"
        elif kind in EXPECTED:
            expected = None
            if len(loc) == 2 and isinstance(loc[1], int) and loc[0] in _ITEM_SHAPE:
                expected = _ITEM_SHAPE[str(loc[0])]
            elif kind == "list_type" and loc[0] in _ITEM_SHAPE:
                expected = f"a list of {loc[0]}"
            yield loc, f"'{field}' {wrong_type(err, expected)}"
        elif kind == "slug" and loc == ("id",) and id_file is not None:
            yield (
                loc,
                (
                    f"file name '{shorten(id_file.stem)}' is not a valid id: rename the file or set 'id' "
                    "(lowercase letters, digits, '-' and '_', at most 64 characters)"
                ),
            )
        else:
            yield loc, f"'{field}' {err['msg']}" if kind in _OURS else f"'{field}': {err['msg']}"
