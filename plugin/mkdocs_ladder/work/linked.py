"""The commits of a repository that link nodes, with the paths they touched and their authors:
what :mod:`.suggest` learns from, read from git once and kept in the cache, continued from the
branch's tip as the work is (:mod:`.store`): a commit hook asks git only for what is new."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from mkdocs_ladder import __version__
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.gitio import GitError, is_ancestor, resolve, run_git
from mkdocs_ladder.work.suggest import LinkedChange, parse_log
from mkdocs_ladder.work.trailers import linked_ids

FORMAT = 1
LOG = ("log", "--no-merges", "--reverse", "--format=%x1e%H%x1f%ae%x1f%B%x1f", "--name-only")


def entry_name(top: Path, key: str) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{top}\0{key}".encode()).hexdigest()
    return f"linked-{digest[:32]}.json.gz"


def _read(top: Path, revisions: str, key: str, first: int) -> list[LinkedChange]:
    raw = run_git(top, *LOG, revisions).decode("utf-8", errors="replace")
    found: list[LinkedChange] = []
    for _, author, message, paths in parse_log(raw):
        ids = linked_ids(message, key=key)
        if ids:
            found.append(LinkedChange(first + len(found), author, tuple(ids), tuple(paths)))
    return found


def _dumps(tip: str, changes: list[LinkedChange]) -> bytes:
    data = {"format": FORMAT, "tip": tip, "changes": [[c.author, list(c.ids), list(c.paths)] for c in changes]}
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=1)


def _loads(raw: bytes) -> tuple[str, list[LinkedChange]]:
    data = json.loads(gzip.decompress(raw))
    if data["format"] != FORMAT:
        raise ValueError("another format")
    changes = [LinkedChange(n, str(a), tuple(ids), tuple(paths)) for n, (a, ids, paths) in enumerate(data["changes"])]
    return str(data["tip"]), changes


def linked_changes(top: Path, key: str, cache: DiskCache | None) -> list[LinkedChange]:
    """Every commit of HEAD's history that links a node, oldest first (none in a repository
    with no commit); continued from the cached tip when it is still an ancestor."""
    tip = resolve(top, "HEAD")
    if tip is None:
        return []
    name = entry_name(top.resolve(), key)
    before: str | None = None
    kept: list[LinkedChange] = []
    raw = cache.read(name) if cache is not None else None
    if raw is not None:
        try:
            before, kept = _loads(raw)
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            before, kept = None, []
    if before == tip:
        return kept
    if before is None or not _ancestor(top, before, tip):
        before, kept = None, []
    changes = kept + _read(top, f"{before}..{tip}" if before else tip, key, len(kept))
    if cache is not None:
        cache.write(name, _dumps(tip, changes))
    return changes


def _ancestor(top: Path, before: str, tip: str) -> bool:
    try:
        return is_ancestor(top, before, tip)
    except GitError:
        return False
