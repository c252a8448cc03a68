"""What was delivered: each node's integrations across repositories, rolled up the tree, and the
figures that say whether work is integrated often (working small) or rarely (working too big).

A node's work is the integrations that link to it, and to any node below it: a strategy's work
holds its initiatives', the mission's holds everything that ladders up. An integration is
counted once per node, however many of its commits name the node or its children.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.work.git import Integration


@dataclass(frozen=True, slots=True)
class Delivered:
    """One integration of one repository (named as the settings name it)."""

    repository: str
    integration: Integration


@dataclass(frozen=True, slots=True)
class Figures:
    """A node's work over the window, as of ``today``.

    ``per_week`` counts from the first integration or the window's start, whichever is later,
    to today; ``longest_gap`` is the most days between two integrations in a row (0 with fewer
    than two); ``days_since`` is None without any integration.
    """

    integrations: int
    commits: int
    first: date | None
    last: date | None
    per_week: float
    longest_gap: int
    days_since: int | None


@dataclass(frozen=True, slots=True)
class UnknownId:
    """A trailer that names no node: where it stands, and the closest id (or "")."""

    repository: str
    sha: str
    id: str
    hint: str


def by_node(tree: Tree, work: Iterable[Delivered]) -> dict[str, list[Delivered]]:
    """Each node's work, its own and its descendants', oldest first; every node has an entry."""
    found: dict[str, dict[tuple[str, str], Delivered]] = {node_id: {} for node_id in tree.nodes}
    for delivered in work:
        for node_id in delivered.integration.ids:
            if node_id not in tree.nodes:
                continue
            for rung in tree.ladder(node_id):
                found[rung.id].setdefault((delivered.repository, delivered.integration.sha), delivered)
    return {node_id: sorted(held.values(), key=lambda d: (d.integration.day, d.repository)) for node_id, held in found.items()}


def figures(tree: Tree, node_id: str, work: list[Delivered], today: date, window_start: date) -> Figures:
    """The figures of ``work`` (a node's, from :func:`by_node`) for ``node_id``."""
    if not work:
        return Figures(0, 0, None, None, 0.0, 0, None)
    below = {node_id, *_descendants(tree, node_id)}
    days = [d.integration.day for d in work]
    commits = sum(sum(1 for c in d.integration.commits if below.intersection(c.ids)) for d in work)
    span = max((today - max(days[0], window_start)).days, 7)
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    return Figures(len(work), commits, days[0], days[-1], round(len(work) * 7 / span, 2), max(gaps, default=0), (today - days[-1]).days)


def _descendants(tree: Tree, node_id: str) -> list[str]:
    found, stack = [], [node_id]
    while stack:
        for child in tree.children(stack.pop()):
            found.append(child.id)
            stack.append(child.id)
    return found


def unknown_ids(tree: Tree, work: Iterable[Delivered]) -> list[UnknownId]:
    """Every id in a trailer that names no node (a typo, or a node since removed or renamed),
    with the commit that carries it and a did-you-mean; once per commit and id."""
    found: dict[tuple[str, str, str], UnknownId] = {}
    for delivered in work:
        for commit in delivered.integration.commits:
            for node_id in commit.ids:
                if node_id not in tree.nodes:
                    key = (delivered.repository, commit.sha, node_id)
                    found.setdefault(key, UnknownId(*key, did_you_mean(node_id, tree.nodes)))
    return list(found.values())


def linked_share(work: Iterable[Delivered], known: Mapping[str, object]) -> tuple[int, int]:
    """(integrations that link to a node of the tree, all integrations)."""
    total = linked = 0
    for delivered in work:
        total += 1
        linked += any(i in known for i in delivered.integration.ids)
    return linked, total
