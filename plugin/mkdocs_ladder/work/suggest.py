"""Which node a change most likely serves, from the repository's own history: ``ladder suggest``.

The history is every commit whose message links a node (:mod:`.trailers`), with the paths it
touched and its author. For a change (its paths, its author, its branch), each node scores:

* **where**: for each path, the deepest folder (or the file) that linked commits touched; of
  its latest :data:`KEPT` linked commits, each counts ``DECAY ** k`` for the ``k``-th newest
  (a team that switched to another initiative in its folder is followed after a commit or
  two), shared among the ids it names; each path's scores add up to 1, and the paths' mean is
  the node's "where" score;
* **who**: the author's own latest linked commits, counted the same way (people work on one
  thing at a time more often than not);
* **lately**: the node the latest linked commit anywhere names;
* **file**: a node whose own file the change edits (``strategy/initiatives/<id>.yaml``: a step
  marked done, a new status), shared among the node files it edits;
* **branch**: an id the branch name holds, as a part of it (``onboarding/fix-copy``,
  ``feat/onboarding``): it wins outright.

Done and dropped work is not offered (the caller passes the ids to offer). Each suggestion says
why in one line. :func:`replay` measures the rule on a history: for each linked commit, would
the first suggestion, made from the history before it, have been right?
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

KEPT = 12  # the latest linked commits kept per folder and per author
#: The weight of each older linked commit, relative to the next newer, and what each signal
#: weighs: chosen on generated histories of six teams (docs/work.md, "Suggestions"), where an
#: author's own latest commits were the strongest signal and a folder's told a newcomer apart.
DECAY = 0.2
WEIGHTS = {"where": 1.0, "who": 2.0, "lately": 0.5, "file": 4.0, "branch": 10.0}
#: A node's own file: a change that edits it (a step marked done, a status) most likely serves it.
NODE_FILE = re.compile(r"(?:^|/)(?:strategies|initiatives)/([a-z0-9][a-z0-9_-]{0,63})\.ya?ml$")


@dataclass(frozen=True, slots=True)
class LinkedChange:
    """A commit that links nodes: its order in the history, its author, the ids and its paths."""

    order: int
    author: str
    ids: tuple[str, ...]
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A node a change likely serves: its id, its score and the reason, in one line."""

    id: str
    score: float
    reason: str


def prefixes(path: str) -> list[str]:
    """Where a path sits, deepest first: the file, then each folder (``a/b/c.py``, ``a/b/``, ``a/``)."""
    parts = path.strip("/").split("/")
    return ["/".join(parts)] + ["/".join(parts[:end]) + "/" for end in range(len(parts) - 1, 0, -1)]


@dataclass(slots=True)
class Index:
    """The linked commits by the folders and files they touched, and by author: the latest
    :data:`KEPT` of each; and, by place, how many in all named each node (for the baseline of
    :func:`replay`)."""

    places: dict[str, deque[tuple[str, ...]]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    authors: dict[str, deque[tuple[str, ...]]] = field(default_factory=dict)
    latest: tuple[str, ...] = ()

    def add(self, change: LinkedChange) -> None:
        places = {prefix for path in change.paths for prefix in prefixes(path)}
        for place in places:
            self.places.setdefault(place, deque(maxlen=KEPT)).append(change.ids)
            self.counts.setdefault(place, Counter()).update(set(change.ids))
        self.authors.setdefault(change.author, deque(maxlen=KEPT)).append(change.ids)
        self.latest = change.ids

    @classmethod
    def of(cls, changes: Iterable[LinkedChange]) -> Index:
        index = cls()
        for change in changes:
            index.add(change)
        return index

    @classmethod
    def for_change(cls, changes: Sequence[LinkedChange], change: Change) -> Index:
        """What :func:`suggest` reads for ``change`` alone: the latest :data:`KEPT` linked
        commits of each of its paths' places and of its author, found newest first, so a
        commit hook reads a few hundred of a history of tens of thousands."""
        wanted = {prefix for path in change.paths for prefix in prefixes(path)}
        kept: dict[str, int] = dict.fromkeys(wanted, 0)
        mine = 0
        chosen = []
        for past in reversed(changes):
            if mine >= KEPT and all(n >= KEPT for n in kept.values()):
                break
            places = {prefix for path in past.paths for prefix in prefixes(path)} & wanted
            if past.author == change.author or any(kept[p] < KEPT for p in places):
                chosen.append(past)
                mine += past.author == change.author
                for place in places:
                    kept[place] += 1
        index = cls.of(reversed(chosen))
        index.latest = changes[-1].ids if changes else ()
        return index

    def place_of(self, path: str) -> str | None:
        """The deepest folder (or the file) of ``path`` that a linked commit touched."""
        return next((p for p in prefixes(path) if p in self.places), None)


def _recent(kept: Iterable[tuple[str, ...]], offered: Collection[str] | None) -> dict[str, float]:
    """The latest linked commits' ids, newest weighing most, as shares that add up to 1."""
    scores: dict[str, float] = {}
    for k, ids in enumerate(reversed(list(kept))):
        wanted = [i for i in ids if offered is None or i in offered]
        for node in wanted:
            scores[node] = scores.get(node, 0.0) + DECAY**k / len(wanted)
    total = sum(scores.values())
    return {node: score / total for node, score in scores.items()} if total else {}


def branch_ids(branch: str, offered: Collection[str]) -> list[str]:
    """The ids a branch name holds as a part of it (between ``/``, ``_``, ``.`` or its ends,
    or before a ``-`` that follows the id)."""
    found = []
    for node in offered:
        if re.search(rf"(?:^|[/_.]){re.escape(node)}(?:$|[/_.-])", branch):
            found.append(node)
    return sorted(found, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Change:
    """What a suggestion is asked for: the paths changed, the author and the branch ("" for none)."""

    paths: Sequence[str]
    author: str = ""
    branch: str = ""


def suggest(index: Index, change: Change, offered: Collection[str] | None = None, most: int = 5) -> list[Suggestion]:
    """The nodes ``change`` most likely serves, best first (``offered``: the ids that may be
    suggested; None: any)."""
    parts: dict[str, dict[str, float]] = {"where": {}, "who": {}, "lately": {}, "file": {}, "branch": {}}
    places = [place for path in change.paths if (place := index.place_of(path)) is not None]
    for place in places:
        for node, share in _recent(index.places[place], offered).items():
            parts["where"][node] = parts["where"].get(node, 0.0) + share / len(places)
    parts["who"] = _recent(index.authors.get(change.author, ()), offered) if change.author else {}
    parts["lately"] = _recent([index.latest], offered)
    edited = [m.group(1) for path in change.paths if (m := NODE_FILE.search(path)) and (offered is None or m.group(1) in offered)]
    parts["file"] = {node: edited.count(node) / len(edited) for node in edited}
    if change.branch and offered is not None:
        parts["branch"] = dict.fromkeys(branch_ids(change.branch, offered), 1.0)
    totals: dict[str, float] = {}
    for name, scores in parts.items():
        for node, score in scores.items():
            totals[node] = totals.get(node, 0.0) + WEIGHTS[name] * score
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:most]
    return [Suggestion(node, round(score, 4), _reason(node, parts, index, places, change)) for node, score in ranked]


def _reason(node: str, parts: dict[str, dict[str, float]], index: Index, places: list[str], change: Change) -> str:
    """Why a node is suggested, by what weighed most for it."""
    if node in parts["branch"]:
        return f"the branch '{change.branch}' names it"
    if parts["file"].get(node, 0.0) >= 0.5:
        return "the change edits its file"
    weighed = {name: WEIGHTS[name] * parts[name].get(node, 0.0) for name in ("where", "who", "lately", "file")}
    strongest = max(weighed, key=lambda name: weighed[name])
    if strongest == "where" and places:
        place = max(places, key=lambda p: (sum(1 for ids in index.places[p] if node in ids), len(p)))
        latest = list(index.places[place])
        return f"{sum(1 for ids in latest if node in ids)} of the latest {len(latest)} linked commits that touched {place}"
    if strongest == "file":
        return "the change edits its file, among others"
    if strongest == "who":
        mine = list(index.authors.get(change.author, ()))
        return f"{sum(1 for ids in mine if node in ids)} of your last {len(mine)} linked commits"
    return "the latest linked commit names it"


@dataclass(frozen=True, slots=True)
class Replayed:
    """How often each rule's first answer was right, over the linked commits of a history."""

    commits: int
    suggest: int
    last_linked: int  # baseline: the node the latest linked commit anywhere names
    most_in_folders: int  # baseline: the node linked most often in the change's folders

    def share(self, right: int) -> float:
        return right / self.commits if self.commits else 0.0


def replay(changes: Iterable[LinkedChange]) -> Replayed:
    """For each linked commit in order, whether the first suggestion (and each baseline), made
    from the history before it, names one of its ids; the first commit has no history and counts
    as missed by all."""
    index = Index()
    commits = right = last = most = 0
    for change in changes:
        commits += 1
        top = suggest(index, Change(change.paths, change.author), most=1)
        right += bool(top) and top[0].id in change.ids
        last += bool(set(index.latest) & set(change.ids))
        most += _most_in_folders(index, change.paths) in change.ids
        index.add(change)
    return Replayed(commits, right, last, most)


def _most_in_folders(index: Index, paths: Sequence[str]) -> str | None:
    counted: Counter[str] = Counter()
    for path in paths:
        place = index.place_of(path)
        if place is not None:
            counted.update(index.counts[place])
    return min(counted, key=lambda node: (-counted[node], node)) if counted else None


def parse_log(raw: str) -> list[tuple[str, str, str, list[str]]]:
    """``git log --format=%x1e%H%x1f%ae%x1f%B%x1f --name-only`` as (sha, author, message, paths)."""
    found = []
    for record in raw.split("\x1e")[1:]:
        sha, author, message, rest = record.split("\x1f", 3)
        found.append((sha, author.strip().lower(), message, [line for line in rest.splitlines() if line.strip()]))
    return found
