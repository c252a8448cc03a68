"""A repository's integrations, kept in the cache and continued, as the history is.

An entry holds the branch's tip when it was read, the window's start and the integrations
since then (JSON, gzipped; never pickle). A later read asks git only for what the branch gained
since that tip, and drops what fell out of the window: a build with no new commit reads none.
An entry whose tip is no longer an ancestor (a rewritten branch), or whose window began later
than the one asked for, is read again from the start.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from pathlib import Path

from mkdocs_ladder import __version__
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.gitio import is_ancestor, resolve, run_git
from mkdocs_ladder.work.git import Commit, Integration, integrations

FORMAT = 2  # of the cache entry: a change makes every old entry a miss


def entry_name(where: Path, branch: str, key: str) -> str:
    """The cache entry of one branch of the repository at ``where``, read with trailer ``key``."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{where}\0{branch}\0{key}".encode()).hexdigest()
    return f"work-{digest[:32]}.json.gz"


def dumps(tip: str, since: date, found: list[Integration]) -> bytes:
    data = {
        "format": FORMAT,
        "tip": tip,
        "since": since.isoformat(),
        "integrations": [
            [i.sha, i.day.isoformat(), i.subject, [_commit(c) for c in i.commits], _commit(i.merge) if i.merge else None] for i in found
        ],
    }
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=1)


def _commit(commit: Commit) -> list[object]:
    return [commit.sha, commit.subject, list(commit.ids)]


def loads(raw: bytes) -> tuple[str, date, list[Integration]]:
    """What :func:`dumps` wrote; ValueError (or KeyError, TypeError) for anything else."""
    data = json.loads(gzip.decompress(raw))
    if data["format"] != FORMAT:
        raise ValueError("another format")
    found = [
        Integration(
            sha,
            date.fromisoformat(day),
            subject,
            tuple(Commit(c, s, tuple(ids)) for c, s, ids in commits),
            Commit(merge[0], merge[1], tuple(merge[2])) if merge else None,
        )
        for sha, day, subject, commits, merge in data["integrations"]
    ]
    return str(data["tip"]), date.fromisoformat(data["since"]), found


def read(top: Path, branch: str, since: date, key: str, cache: DiskCache | None) -> tuple[str | None, list[Integration]]:
    """The branch's tip and its integrations since ``since``, continued from the cache entry
    when there is one (and written back). A branch with no commit has none; GitError when git
    cannot read the branch."""
    tip = resolve(top, branch)
    if tip is None:
        if branch == "HEAD":
            run_git(top, "rev-parse", "--git-dir")  # GitError when it is no repository
            return None, []  # a repository with no commit yet
        integrations(top, branch, since, key)  # raises git's own reason for a missing branch
        return None, []
    name = entry_name(top.resolve(), branch, key)
    cached = _cached(cache, name, top, tip, since)
    if cached is None:
        found = integrations(top, tip, since, key)
    else:
        before, kept = cached
        found = [i for i in kept if i.day >= since] + (integrations(top, tip, since, key, after=before) if before != tip else [])
        if before == tip and len(found) == len(kept):
            return tip, found  # nothing new, nothing dropped: the entry stays as it is
    if cache is not None:
        cache.write(name, dumps(tip, since, found))
    return tip, found


def _cached(cache: DiskCache | None, name: str, top: Path, tip: str, since: date) -> tuple[str, list[Integration]] | None:
    """The entry's tip and integrations, when it can be continued to ``tip``."""
    raw = cache.read(name) if cache is not None else None
    if raw is None:
        return None
    try:
        before, began, kept = loads(raw)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
    if began > since or not is_ancestor(top, before, tip):
        return None
    return before, kept
