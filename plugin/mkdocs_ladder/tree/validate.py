"""The rules that span nodes: unique ids, parents that exist, and parents one level up.

These run after every file is loaded, so one run reports every problem in the tree
(:func:`mkdocs_ladder.check.check_directory` runs them, then the health rules); rules here never
see YAML, only loaded nodes and their marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from mkdocs_ladder.errors import Problem, Severity, did_you_mean
from mkdocs_ladder.tree.loader import LoadedNode, Owners
from mkdocs_ladder.tree.model import Level, Tree
from mkdocs_ladder.tree.names import LevelNames
from mkdocs_ladder.tree.yamlsafe import Mark


def _at(item: LoadedNode, mark: Mark, message: str, rule: str) -> Problem:
    return Problem(item.origin.path, mark.line, mark.col, Severity.ERROR, message, rule)


def _where(item: LoadedNode) -> str:
    """``PATH:LINE:COL`` of a node's id, for messages that point at a second place."""
    mark = item.mark("id")
    return f"{Problem(item.origin.path, mark.line, mark.col, Severity.ERROR, '').display_path()}:{mark.line}:{mark.col}"


def check_kinds(tree: Tree, kinds: Mapping[str, object]) -> list[Problem]:
    """Every node's ``kind`` is one of the site's kinds of work (the ``kinds`` option)."""
    listed = _Listed("kind", list(kinds), "a kind of work", "kinds", "unknown-kind")
    return [
        _not_listed(tree, node.id, listed, node.kind) for node in tree.nodes.values() if node.kind is not None and node.kind not in kinds
    ]


def check_scales(tree: Tree, horizons: Sequence[str], sizes: Mapping[str, float]) -> list[Problem]:
    """Every node's ``horizon`` is one of the site's horizons, and its ``value`` and ``effort``
    are sizes of the site's scale (the ``horizons`` and ``sizes`` options)."""
    problems = []
    scales = (
        _Listed("horizon", list(horizons), "a horizon", "horizons", "unknown-horizon"),
        _Listed("value", list(sizes), "a size", "sizes", "unknown-size"),
        _Listed("effort", list(sizes), "a size", "sizes", "unknown-size"),
    )
    for node in tree.nodes.values():
        for listed in scales:
            given = getattr(node, listed.field)
            if given is not None and given not in listed.known:
                problems.append(_not_listed(tree, node.id, listed, given))
    return problems


class _Listed(NamedTuple):
    """A field whose value must be one of the site's: which field, the values, and the words
    and rule of the error."""

    field: str
    known: list[str]
    what: str
    plural: str
    rule: str


def check_metric_ids(tree: Tree) -> list[Problem]:
    """Every metric a node names by ``metric`` is in the catalogue (``metrics.yaml``), with a
    did-you-mean at its line."""
    problems = []
    known = list(tree.catalogue.metrics) if tree.catalogue is not None else []
    for node in tree.nodes.values():
        for index, metric in enumerate(node.metrics):
            if metric.metric is None or metric.metric in known:
                continue
            path, line, col = tree.where(node.id, "metrics", index, "metric")
            if tree.catalogue is None:
                message = f"metric '{metric.metric}' is not in a catalogue: this tree has no metrics.yaml (docs/metrics.md)"
            else:
                message = (
                    f"metric '{metric.metric}' is not in the catalogue ({tree.catalogue.path.name}){did_you_mean(metric.metric, known)}"
                )
            problems.append(Problem(path, line, col, Severity.ERROR, message, "unknown-metric", node.id))
    return problems


def _not_listed(tree: Tree, node_id: str, listed: _Listed, given: str) -> Problem:
    """A value that is not one of the site's, at its line, with a did-you-mean (for the value
    as written, else in capitals) and the values allowed."""
    path, line, col = tree.where(node_id, listed.field)
    hint = did_you_mean(given, listed.known) or did_you_mean(given.upper(), listed.known)
    allowed = ", ".join(listed.known) or f"none (the {listed.plural} option is empty)"
    message = f"{listed.field} '{given}' is not {listed.what} of this site{hint}; the {listed.plural}: {allowed}"
    return Problem(path, line, col, Severity.ERROR, message, listed.rule, node_id)


def build_tree(
    items: list[LoadedNode], owners: Owners | None = None, names: LevelNames | None = None, unread: frozenset[str] = frozenset()
) -> tuple[Tree, list[Problem]]:
    """Apply the tree rules to loaded nodes; the tree holds the nodes that passed the id rule.
    ``names``: the levels' names in messages (English by default); ``unread``: the ids of the
    files that could not be read (a link to one is not an error of its own: the file's is)."""
    names = names or LevelNames.english()
    problems: list[Problem] = []
    first: dict[str, LoadedNode] = {}
    for item in sorted(items, key=lambda i: (str(i.origin.path), i.origin.line)):
        node_id = item.node.id
        if node_id in first:
            problems.append(
                _at(item, item.mark("id"), f"duplicate id '{node_id}': first defined at {_where(first[node_id])}", "duplicate-id")
            )
        else:
            first[node_id] = item

    by_level: dict[Level, list[str]] = {level: [] for level in Level}
    for node_id, item in first.items():
        by_level[item.level].append(node_id)

    for item in first.values():
        problems += _parent_rules(item, first, by_level, names, unread)

    ordered = sorted(first.values(), key=lambda i: (i.level, str(i.origin.path), i.origin.line))
    tree = Tree(
        nodes={i.node.id: i.node for i in ordered},
        levels={i.node.id: i.level for i in ordered},
        origins={i.node.id: i.origin for i in ordered},
        marks={i.node.id: _kept_marks(i) for i in ordered},
        owners=owners.entries if owners is not None else None,
        owners_path=owners.path if owners is not None else None,
    )
    return tree, problems


def _kept_marks(item: LoadedNode) -> dict[tuple[str | int, ...], tuple[int, int]]:
    """The marks a valid tree keeps: its fields' and its waivers' (all that later rules point at).

    Every nested value has a mark while loading; keeping them all for a tree of thousands of
    nodes would hold tens of megabytes that nothing reads.
    """
    return {path: (m.line, m.col) for path, m in item.marks.items() if len(path) == 1 or path[0] in ("waive", "metrics")}


def _parent_rules(
    item: LoadedNode, known: dict[str, LoadedNode], by_level: dict[Level, list[str]], names: LevelNames, unread: frozenset[str]
) -> list[Problem]:
    node, level = item.node, item.level
    problems: list[Problem] = []
    if level is Level.MISSION:
        for name in ("parent", "supports"):
            if getattr(node, name):
                problems.append(_at(item, item.mark(name), f"the mission has no '{name}': it is the top of the ladder", "parent"))
        return problems
    wanted = Level(level - 1)
    if node.parent is None and "parent" not in item.set_aside:  # an invalid parent has its own error
        problems.append(
            _at(
                item,
                item.mark(),
                f"missing required field 'parent': the id of the {names.noun(wanted)} this {names.noun(level)} serves",
                "parent",
            )
        )
    refs = ([("parent", node.parent, ("parent",))] if node.parent else []) + [
        ("supports", target, ("supports", index)) for index, target in enumerate(node.supports)
    ]
    seen: set[str] = set()
    for field, target, path in refs:
        mark = item.mark(*path)
        if target in seen:
            problems.append(_at(item, mark, f"'{target}' is named twice among parent and supports", "parent"))
            continue
        seen.add(target)
        if target not in known and target in unread:
            continue  # its file has a syntax error, which is said where it is
        if target not in known:
            problems.append(_at(item, mark, f"{field} '{target}' names no node{did_you_mean(target, by_level[wanted])}", "parent"))
        elif known[target].level is not wanted:
            actual = known[target].level
            problems.append(
                _at(
                    item,
                    mark,
                    f"{field} '{target}' is {names.article(actual)}; {names.article(level)}'s {field} must be {names.article(wanted)}",
                    "parent",
                )
            )
    return problems
