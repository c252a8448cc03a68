"""What was delivered: each node's integrations across repositories, rolled up the tree, and the
figures that say whether work is integrated often (working small) or rarely (working too big).

A node's work is the integrations that link to it, and to any node below it: a strategy's work
holds its initiatives', the mission's holds everything that ladders up. An integration is
counted once per node, however many of its commits name the node or its children.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from mkdocs_ladder.errors import Nearest
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.work.git import Integration
from mkdocs_ladder.work.repositories import RepoWork


@dataclass(frozen=True, slots=True)
class Delivered:
    """One integration of one repository (named as the settings name it)."""

    repository: str
    integration: Integration

    def ladders_up(self, known: Mapping[str, object]) -> bool:
        """Whether it links to any node of ``known`` (a tree's nodes)."""
        return any(i in known for i in self.integration.ids)


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
    """A trailer that names no node: where it stands, and the closest id (None: none is close)."""

    repository: str
    sha: str
    id: str
    closest: str | None

    @property
    def hint(self) -> str:
        """`` (did you mean 'x'?)``, or ""."""
        return f" (did you mean '{self.closest}'?)" if self.closest else ""


def _rungs(tree: Tree, ids: tuple[str, ...], known: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """The nodes that ``ids`` name, and every node above them, each once (worked out once for
    each set of ids: most integrations name one node, and many the same)."""
    if (found := known.get(ids)) is None:
        found = known[ids] = tuple(dict.fromkeys(rung.id for node_id in ids if node_id in tree.nodes for rung in tree.ladder(node_id)))
    return found


def by_node(tree: Tree, work: Iterable[Delivered]) -> dict[str, list[Delivered]]:
    """Each node's work, its own and its descendants', in the order of ``work`` (oldest first,
    as :meth:`Work.delivered` gives it); every node has an entry."""
    found: dict[str, dict[tuple[str, str], Delivered]] = {node_id: {} for node_id in tree.nodes}
    known: dict[tuple[str, ...], tuple[str, ...]] = {}
    for delivered in work:
        for rung in _rungs(tree, delivered.integration.ids, known):
            found[rung].setdefault((delivered.repository, delivered.integration.sha), delivered)
    return {node_id: list(held.values()) for node_id, held in found.items()}


def commit_counts(tree: Tree, work: Iterable[Delivered]) -> dict[str, int]:
    """Each node's commits: those that link to it or to a node below it (a commit that names
    two of them counts once)."""
    counts = dict.fromkeys(tree.nodes, 0)
    known: dict[tuple[str, ...], tuple[str, ...]] = {}
    for delivered in work:
        integration = delivered.integration
        for commit in integration.commits:
            for rung in _rungs(tree, integration.ids_of(commit), known):
                counts[rung] += 1
    return counts


def figures(work: list[Delivered], commits: int, today: date, window_start: date) -> Figures:
    """The figures of a node's ``work`` (from :func:`by_node`) and its ``commits`` (from
    :func:`commit_counts`)."""
    if not work:
        return Figures(0, 0, None, None, 0.0, 0, None)
    days = [d.integration.day for d in work]
    span = max((today - max(days[0], window_start)).days, 7)
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    return Figures(len(work), commits, days[0], days[-1], round(len(work) * 7 / span, 2), max(gaps, default=0), (today - days[-1]).days)


def unknown_ids(tree: Tree, work: Iterable[Delivered]) -> list[UnknownId]:
    """Every id in a trailer that names no node (a typo, or a node since removed or renamed),
    with the commit that carries it and a did-you-mean; once per commit and id."""
    found: dict[tuple[str, str, str], UnknownId] = {}
    nearest = Nearest(tree.nodes)
    for delivered in work:
        for commit in delivered.integration.messages():
            for node_id in commit.ids:
                if node_id not in tree.nodes:
                    key = (delivered.repository, commit.sha, node_id)
                    found.setdefault(key, UnknownId(*key, nearest(node_id)))
    return list(found.values())


def linked_share(work: Iterable[Delivered], known: Mapping[str, object]) -> tuple[int, int]:
    """(integrations that link to a node of the tree, all integrations)."""
    total = linked = 0
    for delivered in work:
        total += 1
        linked += delivered.ladders_up(known)
    return linked, total


def unlinked(work: list[Delivered], known: Mapping[str, object], latest: int) -> list[Delivered]:
    """The ``latest`` integrations of ``work`` (oldest first) that link to no node of ``known``, newest first."""
    return [d for d in reversed(work) if not d.ladders_up(known)][:latest]


@dataclass(frozen=True, slots=True)
class Work:
    """What every repository gave over the window, from ``since`` to ``today``."""

    repositories: list[RepoWork]
    since: date
    today: date

    def delivered(self, repository: str | None = None) -> list[Delivered]:
        """Every integration in the window (of one repository, by name), oldest first."""
        found = [
            Delivered(r.source.name, i)
            for r in self.repositories
            if repository is None or r.source.name == repository
            for i in r.integrations
            if i.day >= self.since
        ]
        return sorted(found, key=lambda d: (d.integration.day, d.repository))

    def remote(self, repository: str) -> str | None:
        """Where the repository of that name is pushed (for links to its forge), if known."""
        return next((r.remote for r in self.repositories if r.source.name == repository), None)

    def cache_entries(self) -> list[str]:
        """The cache entries this read used: a build keeps them when it prunes the cache."""
        return [r.entry for r in self.repositories if r.entry is not None]

    def state(self) -> str:
        """What the pages depend on besides the tree: for the key of a cached site."""
        read = [f"{r.source} {r.tip} {r.warning} {r.shallow}" for r in self.repositories]
        return f"{self.since} {self.today} " + "|".join(read)


@dataclass(frozen=True, slots=True)
class Linked:
    """The work as it links to one tree: each node's (rolled up), the ids that name no node,
    and whether linking is in use at all (some trailer names some node)."""

    work: Work
    nodes: dict[str, list[Delivered]]
    commits: dict[str, int]
    unknown: list[UnknownId]
    in_use: bool

    def figures(self, node_id: str) -> Figures:
        return figures(self.nodes.get(node_id, []), self.commits.get(node_id, 0), self.work.today, self.work.since)

    def recent(self, node_id: str, days: int) -> int:
        """A node's integrations in the last ``days`` days (today included)."""
        start = self.work.today - timedelta(days=days - 1)
        return sum(1 for d in self.nodes.get(node_id, []) if d.integration.day >= start)


def link(tree: Tree, work: Work) -> Linked:
    """``work`` as it links to ``tree``."""
    delivered = work.delivered()
    nodes = by_node(tree, delivered)
    return Linked(work, nodes, commit_counts(tree, delivered), unknown_ids(tree, delivered), any(nodes.values()))


def weekly_share(work: list[Delivered], known: Mapping[str, object] | None, today: date, weeks: int) -> list[tuple[date, int, int]]:
    """(Monday, integrations that ladder up, all integrations) for each of the last ``weeks``
    weeks, oldest first; the last is the week of ``today`` (with ``known`` None, only the
    integrations are counted). ``work`` is oldest first (as
    :func:`by_node` and :meth:`Work.delivered` give it): it is read from its newest end, and only
    as far back as the weeks go."""
    mondays = week_starts(today, weeks)
    first = mondays[0] if mondays else today  # no weeks: nothing is counted, and none is listed
    linked, total = [0] * weeks, [0] * weeks
    for delivered in reversed(work):
        day = delivered.integration.day
        if day < first:
            break
        week = (day - first).days // 7
        if week < weeks:
            total[week] += 1
            if known is not None:
                linked[week] += delivered.ladders_up(known)
    return list(zip(mondays, linked, total, strict=True))


def weekly_counts(work: list[Delivered], today: date, weeks: int) -> list[tuple[date, int]]:
    """(Monday, integrations) for each of the last ``weeks`` weeks, oldest first."""
    return [(monday, total) for monday, _, total in weekly_share(work, None, today, weeks)]


@functools.lru_cache(maxsize=16)
def week_starts(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the last ``weeks`` weeks, oldest first, the last that of ``today``: the same
    for every node of a site, so worked out once."""
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    return tuple(first + timedelta(weeks=n) for n in range(weeks))
