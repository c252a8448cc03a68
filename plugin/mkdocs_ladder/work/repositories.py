"""Which repositories' work ladders up, and how each is reached, safely.

A repository is a **local path** (the repository that holds the tree, a monorepo's siblings, a
CI workspace), read where it is, or a **git URL**, fetched into the cache folder as a partial
clone that holds commits and no file contents, and brought up to date on each read. When a
fetch fails, the last fetched copy is used, and a note gives its age; a path that is no
repository, or a URL never fetched, is a warning that names it, and the rest builds.

Only paths, ``https://``, ``ssh://``, ``file://`` and ``user@host:path`` are accepted
(:func:`check_location`). A value never reaches git where it could be read as an option, and
git may use no transport but those (``protocol.allow``), so ``ext::`` and the like never run.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.gitio import GitError, is_shallow, redact, run_git
from mkdocs_ladder.work import store
from mkdocs_ladder.work.git import Integration
from mkdocs_ladder.work.trailers import DEFAULT_KEY

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SCP = re.compile(r"^[A-Za-z0-9._~-]+@[A-Za-z0-9][A-Za-z0-9.-]*:\S+$")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
URL_SCHEMES = ("https", "ssh", "file")
#: git may speak these transports and no other, whatever a URL or a config asks.
_PROTOCOLS = ("-c", "protocol.allow=never", *(arg for scheme in URL_SCHEMES for arg in ("-c", f"protocol.{scheme}.allow=always")))
WORK_REF = "refs/ladder/work"  # where a fetched repository's branch is kept
FETCHED = "ladder-fetched"  # a clone's stamp: its time is when the copy was last brought up to date
SHALLOW = "fetch all of it (`fetch-depth: 0` with actions/checkout, or `git fetch --unshallow`)"


def check_location(text: str) -> str:
    """``text`` as a repository's location; ValueError, saying why, for anything else."""
    value = text.strip()
    if not value:
        raise ValueError("must not be empty")
    if value.startswith("-"):
        raise ValueError(f"'{value}' starts with '-', which git would read as an option")
    if "::" in value:
        raise ValueError(f"'{value}' names a git transport helper ('::'); use https://, ssh://, user@host:path or a path")
    if match := _SCHEME.match(value):
        if match.group(1).lower() not in URL_SCHEMES:
            raise ValueError(f"the scheme '{match.group(1)}://' is not allowed; use https://, ssh://, file://, user@host:path or a path")
        return value
    if _SCP.match(value) or _DRIVE.match(value) or ":" not in value.split("/")[0]:
        return value
    raise ValueError(f"'{value}' is neither a path nor a URL git is allowed to use (https://, ssh://, file://, user@host:path)")


def is_url(location: str) -> bool:
    return bool(_SCHEME.match(location) or _SCP.match(location))


@dataclass(frozen=True, slots=True)
class Repository:
    """One repository to read: its name on the pages, where it is, and its branch (None: for
    a path, what is checked out; for a URL, the remote's default branch)."""

    name: str
    location: str
    branch: str | None = None


@dataclass(frozen=True, slots=True)
class RepoWork:
    """What one repository gave: its integrations in the window, and what to tell the reader
    (``warning``: it could not be read at all; ``note``: read from an older copy)."""

    source: Repository
    integrations: list[Integration] = field(default_factory=list)
    warning: str | None = None
    note: str | None = None
    tip: str | None = None  # the branch's commit that was read (None: no commit, or not read)
    shallow: bool = False  # a shallow clone: its history is cut short, so nothing was read
    entry: str | None = None  # its cache entry (:mod:`.store`), when it was read with a cache
    remote: str | None = None  # where it is pushed (a URL's location; a path's ``origin``): links to its forge

    @property
    def available(self) -> bool:
        """Whether its work was read (it may have none)."""
        return self.warning is None and not self.shallow


@dataclass(frozen=True, slots=True)
class Reading:
    """How repositories are read: paths start at ``base``, clones of URLs are kept under
    ``clones``, the window starts on ``since``, commits link by the trailer ``key``, and what
    was read is kept in ``cache`` and continued (:mod:`.store`)."""

    base: Path
    clones: Path
    since: date
    key: str = DEFAULT_KEY
    cache: DiskCache | None = None


def name_of(location: str) -> str:
    """A repository's name on the pages, from its location: ``…/acme/app.git`` is ``app``."""
    tail = re.split(r"[/:\\]", location.rstrip("/\\"))[-1]
    return tail.removesuffix(".git") or location


def read(source: Repository, reading: Reading, now: float | None = None) -> RepoWork:
    """The integrations of ``source`` in the window: a path read where it is, a URL from its
    partial clone (fetched anew first)."""
    if not is_url(source.location):
        top = reading.base / source.location
        return replace(_read_at(source, top, source.branch or "HEAD", reading, str(top)), remote=_origin(top))
    now = time.time() if now is None else now
    clone = clone_of(source.location, reading.clones)
    stamp = clone / FETCHED
    note = _fetch(source, clone, now)
    if note is not None and not stamp.is_file():
        return RepoWork(source, warning=f"work: repository '{source.name}' ({redact(source.location)}) cannot be fetched: {note}")
    found = replace(_read_at(source, clone, WORK_REF, reading, redact(source.location)), remote=source.location)
    if note is None or found.warning is not None:
        return found
    days = int((now - stamp.stat().st_mtime) // 86400)
    said = f"work: repository '{source.name}' could not be fetched ({note}); its copy of {days} days ago is used"
    return replace(found, note=said)


def _read_at(source: Repository, top: Path, branch: str, reading: Reading, where: str) -> RepoWork:
    try:
        if is_shallow(top):
            said = f"work: repository '{source.name}' ({where}) is a shallow clone, so its work is not read: {SHALLOW}"
            return RepoWork(source, note=said, shallow=True)
        tip, found = store.read(top, branch, reading.since, reading.key, reading.cache)
    except GitError as exc:
        return RepoWork(source, warning=f"work: repository '{source.name}' ({where}) cannot be read: {exc.reason}")
    entry = store.entry_name(top.resolve(), branch, reading.key) if reading.cache is not None else None
    return RepoWork(source, found, tip=tip, entry=entry)


def _origin(top: Path) -> str | None:
    """The URL of a local repository's ``origin`` remote, if it has one."""
    try:
        return run_git(top, "config", "--get", "remote.origin.url").decode().strip() or None
    except GitError:
        return None


def clone_of(location: str, cache: Path) -> Path:
    """Where the partial clone of a URL is kept, under the cache folder."""
    return cache / hashlib.sha256(location.encode()).hexdigest()[:16]


def prune_clones(cache: Path, sources: list[Repository]) -> list[Path]:
    """Remove the clones of repositories no longer read (the cache stays bounded); what went."""
    wanted = {clone_of(s.location, cache) for s in sources if is_url(s.location)}
    gone = [path for path in sorted(cache.iterdir()) if path.is_dir() and path not in wanted] if cache.is_dir() else []
    for path in gone:
        shutil.rmtree(path, ignore_errors=True)
    return gone


def _fetch(source: Repository, clone: Path, now: float) -> str | None:
    """Bring the partial clone of ``source`` up to date; what went wrong, or None."""
    try:
        if not (clone / "HEAD").is_file():
            clone.mkdir(parents=True, exist_ok=True)
            run_git(clone, "init", "-q", "--bare")
            run_git(clone, "config", "remote.origin.url", source.location)
        ref = f"refs/heads/{source.branch}" if source.branch else "HEAD"
        run_git(clone, *_PROTOCOLS, "fetch", "-q", "--no-tags", "--filter=blob:none", "origin", f"+{ref}:{WORK_REF}")
    except GitError as exc:
        return exc.reason
    stamp = clone / FETCHED
    stamp.touch()
    os.utime(stamp, (now, now))  # when the copy was last brought up to date
    return None
