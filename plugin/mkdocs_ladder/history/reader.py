"""The tree's history, read from the git repository that holds the strategy directory.

The commits that touched the directory are walked oldest first; of each, only the files it
changed are read, through the loader's own rules (:func:`~mkdocs_ladder.tree.loader.load_file`:
the same YAML safety rules and limits as today's files). A past version that is invalid (bad
YAML, an alias bomb, too large) is skipped for that commit: the file's previous state carries
on, and a note says so. Nodes are matched by id across files, so a node that moves keeps its
history. The working tree's uncommitted state counts as today.

What was read is kept in the cache (JSON, never pickle), keyed by the strategy directory's
place in the repository and the settings: a build reads only the commits since the last one
it saw, and a build with no new commit reads none. A cache whose last commit is no longer an
ancestor (a rewritten history) is read again from the start.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mkdocs_ladder import __version__
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.gcpause import paused_gc
from mkdocs_ladder.gitio import GitError, Repo, find_repo
from mkdocs_ladder.history import git
from mkdocs_ladder.history.model import History, NodeHistory, Snapshot, dumps, loads
from mkdocs_ladder.tree.loader import FileVersion, LoadedNode, first_error, level_of, load_file
from mkdocs_ladder.tree.model import Level, Tree
from mkdocs_ladder.tree.sources import GitSource, MemorySource, TooLarge

SHALLOW = (
    "the repository is a shallow clone, so its history is cut short; fetch all of it "
    "(`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout) to see the tree over time"
)
NO_REPOSITORY = "the strategy directory is not in a git repository"
FORMAT = 3  # of the cache entry: a change makes every old entry a miss (2: horizon, value and confidence are kept; 3: a parent's changes)

Files = dict[str, dict[str, Snapshot]]  # each file's nodes by id, as last read
Parsed = dict[tuple[str, Level], dict[str, Snapshot] | str]  # a file version's nodes (or its error), by blob id and level
Versions = Mapping[str, FileVersion]  # the files the loader read now, by path: reused for past versions with the same bytes


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """How far back to read, and where to keep what was read (None: no cache)."""

    days: int
    cache: DiskCache | None


@dataclass(frozen=True, slots=True)
class HistoryReader:
    """Reads the history of one strategy directory, as of ``today``; the repository that holds
    it is found once (:meth:`of`), and shared by the read, the cache entry and the site's key."""

    strategy_dir: Path
    options: HistoryOptions
    today: date
    repo: Repo | None  # None outside a repository

    @classmethod
    def of(cls, strategy_dir: Path, options: HistoryOptions, today: date) -> HistoryReader:
        return cls(strategy_dir, options, today, find_repo(strategy_dir))

    def __call__(self, tree: Tree | None, versions: Versions | None = None, revision: str | None = None) -> History:
        """The history up to ``revision`` (default: HEAD, then the working tree's ``tree`` as today).

        ``versions`` are the files that ``tree`` was loaded from, as the loader read them: a
        past version with the same bytes (most of a history's latest versions) is not parsed
        again. Never raises for what the repository holds: no repository, a shallow one, or git
        failing give a History that is not available, with the reason.
        """
        if self.repo is None:
            return History(False, NO_REPOSITORY, quiet=True)
        with paused_gc():
            return _read(self, self.repo, tree, versions or {}, revision)

    def cache_entry(self) -> str | None:
        """The name of this history's cache entry (None outside a repository)."""
        return cache_entry(self.repo, self.options) if self.repo is not None else None

    def state(self) -> str:
        """What the history depends on besides the files: for the key of a cached site."""
        if self.repo is None:
            return "no repository"
        try:
            return f"{git.is_shallow(self.repo)} {git.resolve(self.repo, 'HEAD')} {self.options.days}"
        except GitError as exc:
            return str(exc)


def cache_entry(repo: Repo, options: HistoryOptions) -> str:
    key = hashlib.sha256(f"{FORMAT}\0{__version__}\0{repo.prefix}\0{options.days}".encode()).hexdigest()
    return f"history-{key}.json.gz"


def read_history(
    strategy_dir: Path,
    options: HistoryOptions,
    today: date,
    tree: Tree | None = None,
    revision: str | None = None,
    versions: Versions | None = None,
) -> History:
    """The history up to ``revision`` (default: HEAD, then the working tree's ``tree`` as today);
    see :class:`HistoryReader`."""
    return HistoryReader.of(strategy_dir, options, today)(tree, versions, revision)


def _read(reader: HistoryReader, repo: Repo, tree: Tree | None, versions: Versions, revision: str | None) -> History:
    """What :meth:`HistoryReader.__call__` reads, from ``repo``, the reader's repository."""
    strategy_dir, options, today = reader.strategy_dir, reader.options, reader.today
    known: Parsed = {}
    for version in versions.values():
        known.setdefault((version.blob, version.level), _snapshots(version.nodes, version.error))
    try:
        if git.is_shallow(repo):
            return History(False, SHALLOW)
        head = git.resolve(repo, revision or "HEAD")
        history, files = _committed(repo, head, options, today, revision is None, known)
    except GitError as exc:
        return History(False, f"git could not read the history: {exc}")
    if tree is not None and revision is None:
        working = _tree_files(tree, strategy_dir, versions, known)
        _apply(history, files, {rel: working.get(rel) for rel in {*files, *working}}, today)
    return history


def _committed(repo: Repo, head: str | None, options: HistoryOptions, today: date, use_cache: bool, known: Parsed) -> tuple[History, Files]:
    """The history up to ``head``, continued from the cache where it can be."""
    since = today - timedelta(days=options.days)
    cache = options.cache if use_cache else None
    name = cache_entry(repo, options)
    history, files = History(True), {}
    if cache is not None:
        raw = cache.read(name)
        if raw is not None:
            try:
                cached, cached_files, cached_since = loads(gzip.decompress(raw))
            except (OSError, ValueError, KeyError, TypeError, EOFError):
                cached = None
            if cached is not None and cached.head is not None and head is not None and git.is_ancestor(repo, cached.head, head):
                history, files, since = cached, cached_files, cached_since
    if head is None:  # no commit yet: everything is new today
        return history, files
    if history.head is None and (base := git.last_before(repo, head, since)) is not None:
        _baseline(repo, base, history, files, since)
    if history.head != head:
        parsed_blobs = dict(known)  # a version that recurs, or that the working tree holds, is parsed once
        for chunk in _chunks(git.commits(repo, head, since, after=history.head)):
            blobs = git.read_blobs(
                repo,
                [
                    blob
                    for commit in chunk
                    for rel, blob in commit.changed
                    if (level := level_of(rel)) is not None and (blob, level) not in parsed_blobs
                ],
            )
            for commit in chunk:
                changes: dict[str, dict[str, Snapshot] | None] = dict.fromkeys(commit.deleted)
                for rel, blob in commit.changed:
                    level = level_of(rel)
                    if level is None:
                        continue
                    if (blob, level) not in parsed_blobs:
                        parsed_blobs[blob, level] = _parse(rel, blobs.get(blob), level)
                    parsed = parsed_blobs[blob, level]
                    if isinstance(parsed, str):
                        history.notes.append(f"history: {rel} as of {commit.sha[:8]} ({commit.day}) is skipped: {parsed}")
                        continue  # the file's previous state carries on
                    changes[rel] = parsed
                _apply(history, files, changes, commit.day)
                history.commits += 1
                history.read += 1
        history.head = head
        if cache is not None:
            cache.write(name, gzip.compress(dumps(history, files, since), compresslevel=1))
    return history, files


BLOBS_AT_ONCE = 2000  # file versions read by one pair of git processes: few processes, bounded memory


def _chunks(commits: list[git.Change]) -> list[list[git.Change]]:
    """Consecutive commits, grouped so that each group changes at most BLOBS_AT_ONCE files."""
    chunks: list[list[git.Change]] = [[]]
    count = 0
    for commit in commits:
        if chunks[-1] and count + len(commit.changed) > BLOBS_AT_ONCE:
            chunks.append([])
            count = 0
        chunks[-1].append(commit)
        count += len(commit.changed)
    return [chunk for chunk in chunks if chunk]


def _baseline(repo: Repo, base: str, history: History, files: Files, since: date) -> None:
    """The tree as it stood when the read begins (at ``base``, the last commit before ``since``):
    its nodes are known from ``since`` on, as having been written on or before it."""
    source = GitSource(repo.top, base, repo.prefix)
    changes: dict[str, dict[str, Snapshot] | None] = {}
    for rel in source.files():
        level = level_of(rel)
        if level is None or source.outside(rel):
            continue
        try:
            data: bytes | None = source.read(rel)
        except TooLarge:
            data = None
        parsed = _parse(rel, data, level)
        if isinstance(parsed, str):
            history.notes.append(f"history: {rel} as of {base[:8]} (before {since}) is skipped: {parsed}")
            continue
        changes[rel] = parsed
    _apply(history, files, changes, since)
    history.cut = since


def _parse(rel: str, data: bytes | None, level: Level) -> dict[str, Snapshot] | str:
    """A file version's nodes, or what is wrong with it."""
    if data is None:
        return "the file is larger than the loader reads, or not a plain file"
    nodes, problems = load_file(MemorySource(Path(), {rel: data}), rel, level)
    return _snapshots(nodes, first_error(problems))


def _snapshots(nodes: Sequence[LoadedNode], error: str | None) -> dict[str, Snapshot] | str:
    return error if error is not None else {item.node.id: Snapshot.of(item.node, item.level) for item in nodes}


def _tree_files(tree: Tree, strategy_dir: Path, versions: Versions, known: Parsed) -> Files:
    """The working tree's nodes by file, as history compares them: from the versions the tree
    was loaded from when they are given (a valid tree's files have no error)."""
    if versions:
        return {
            rel: parsed for rel, version in versions.items() if isinstance(parsed := known[version.blob, version.level], dict) and parsed
        }
    files: Files = {}
    root = strategy_dir.resolve()
    for node_id, node in tree.nodes.items():
        path = tree.origins[node_id].path.resolve()
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        files.setdefault(rel, {})[node_id] = Snapshot.of(node, tree.level(node_id))
    return files


def _apply(history: History, files: Files, changes: dict[str, dict[str, Snapshot] | None], day: date) -> None:
    """Files changed on ``day`` (None: deleted): record what that did to each node, by id."""
    before: dict[str, Snapshot] = {}
    for rel in changes:
        before.update(files.get(rel, {}))
    for rel, nodes in changes.items():
        if nodes is None:
            files.pop(rel, None)
        else:
            files[rel] = nodes
    after: dict[str, Snapshot] = {}
    for rel in changes:
        after.update(files.get(rel, {}))
    elsewhere: dict[str, Snapshot] | None = None  # nodes of the files this change did not touch, made when needed

    def untouched(node_id: str) -> Snapshot | None:
        nonlocal elsewhere
        if elsewhere is None:
            elsewhere = {i: s for rel, nodes in files.items() if rel not in changes for i, s in nodes.items()}
        return elsewhere.get(node_id)

    for node_id in {*before, *after}:
        old, new = before.get(node_id), after.get(node_id)
        if old is None or new is None:  # a node that left or joined the changed files may be written elsewhere too
            other = untouched(node_id)
            if new is None and other is not None:
                continue  # still written in a file this change did not touch
            old = old if old is not None else other
        _record(history, node_id, old, new, day)


def _record(history: History, node_id: str, old: Snapshot | None, new: Snapshot | None, day: date) -> None:
    known = history.nodes.get(node_id)
    if new is None:
        if known is not None and known.removed is None:
            known.removed = day
        return
    if known is None:
        history.nodes[node_id] = NodeHistory.start(node_id, new, day)
        return
    if old is None or known.removed is not None:  # back after it was removed
        known.removed = None
        old = known.last_state()
    if old != new:
        known.record(old, new, day)
