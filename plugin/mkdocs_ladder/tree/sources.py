"""Where a strategy directory's files come from: the working tree, or a git revision.

The loader asks a source for the relative paths it holds and for each file's bytes, so the
same rules read ``strategy/`` on disk (``ladder check``, the plugin) and ``strategy/`` as it
was at a commit (``ladder diff``, through git itself, so a shallow CI clone with the base
fetched is enough).

The working-tree source reads only inside its directory: a symbolic link that leads out of
it is reported, never followed, and no path outside the directory is ever opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from mkdocs_ladder.errors import UsageError

MAX_FILE_BYTES = 1024 * 1024


class TooLarge(Exception):
    """A file over the size limit; it is refused before it is read whole."""


class Source(Protocol):
    """A strategy directory's files, by relative POSIX path."""

    root: Path  # where problems say the files are

    def files(self) -> list[str]:
        """Every file's relative path, hidden ones (``.name``) left out, sorted."""

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        """The file's bytes; :class:`TooLarge` past ``limit``."""

    def outside(self, rel: str) -> bool:
        """Whether ``rel`` is a link that leads out of the directory (and must not be read)."""


@dataclass
class DirectorySource:
    """A strategy directory on disk."""

    root: Path
    _real_root: Path = field(init=False)

    def __post_init__(self) -> None:
        if not self.root.is_dir():
            raise UsageError(f"{self.root}: no such directory (`ladder init` starts a strategy tree here)")
        self._real_root = self.root.resolve()
        self._links: set[str] | None = None  # known once files() has walked the folder
        self._files: list[str] | None = None

    def files(self) -> list[str]:
        """Walked once: a source is a snapshot for one check or build (the loader, the owners
        file and the site cache's key all ask)."""
        if self._files is not None:
            return self._files
        found: list[str] = []
        links: set[str] = set()

        def walk(folder: str, prefix: str) -> None:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    rel = prefix + entry.name
                    if entry.is_symlink():  # never followed while walking; judged by outside()
                        links.add(rel)
                        found.append(rel)
                    elif entry.is_dir():
                        walk(entry.path, rel + "/")
                    else:
                        found.append(rel)

        walk(str(self.root), "")
        self._links = links
        self._files = sorted(found)
        return self._files

    def outside(self, rel: str) -> bool:
        """Only links can lead out: folders are walked without following links."""
        if self._links is not None and rel not in self._links:
            return False
        return not (self.root / rel).resolve().is_relative_to(self._real_root)

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        if self.outside(rel):  # the loader never asks; this is the last line of defence
            raise PermissionError(f"{rel} leads outside {self.root}")
        with (self.root / rel).open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(rel)
        return data


@dataclass
class MemorySource:
    """Files held in memory (past versions read from git), under the same size limit."""

    root: Path
    contents: dict[str, bytes]

    def files(self) -> list[str]:
        return sorted(self.contents)

    def outside(self, rel: str) -> bool:  # noqa: ARG002 - the Source protocol's signature
        return False  # links are never handed over (see history.git)

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        data = self.contents[rel]
        if len(data) > limit:
            raise TooLarge(rel)
        return data


@dataclass
class GitSource:
    """A strategy directory as it was at a git revision, read with git itself."""

    repo: Path
    revision: str
    prefix: str  # the strategy directory, relative to the repository's top
    root: Path = field(init=False)
    _blobs: dict[str, tuple[str, str, int]] = field(init=False, default_factory=dict)  # rel -> (mode, sha, size)
    _contents: dict[str, bytes] | None = field(init=False, default=None)

    @classmethod
    def of(cls, directory: Path, revision: str) -> GitSource:
        """The strategy ``directory`` as it was at ``revision`` of the repository that holds it
        (asked from the working directory when the directory is gone from the working tree)."""
        from mkdocs_ladder.gitio import find_repo, toplevel

        where = directory if directory.is_dir() else Path.cwd()
        repo = find_repo(directory, where)
        if repo is None:
            top = toplevel(where)
            raise UsageError(f"{where}: not inside a git repository" if top is None else f"{directory}: not inside the repository {top}")
        return cls(repo.top, revision, repo.prefix)

    def __post_init__(self) -> None:
        self.prefix = self.prefix.strip("/")
        self.root = self.repo / self.prefix
        listing = self._git("ls-tree", "-r", "-z", "--long", "--full-tree", self.revision, "--", self.prefix + "/")
        for record in listing.split(b"\0"):
            if not record:
                continue
            meta, path = record.decode("utf-8", errors="replace").split("\t", 1)
            mode, kind, sha, size = meta.split()
            rel = path[len(self.prefix) + 1 :] if self.prefix else path
            if kind == "blob" and not any(part.startswith(".") for part in rel.split("/")):
                self._blobs[rel] = (mode, sha, int(size) if size.isdigit() else 0)

    def _git(self, *args: str) -> bytes:
        from mkdocs_ladder.gitio import GitError, run_git

        try:
            return run_git(self.repo, *args)
        except GitError as exc:
            raise UsageError(f"git {exc.command} {self.revision}: {exc.detail}") from None

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def outside(self, rel: str) -> bool:
        return self._blobs[rel][0] == "120000"  # a link is never followed in a revision

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
        if self._blobs[rel][2] > limit:
            raise TooLarge(rel)
        if self._contents is None:
            self._contents = self._read_all(limit)
        return self._contents[rel]

    def _read_all(self, limit: int) -> dict[str, bytes]:
        """Every small blob, read with git in one go (see :mod:`mkdocs_ladder.gitio`)."""
        from mkdocs_ladder.gitio import GitError, read_blobs

        wanted = {rel: sha for rel, (mode, sha, size) in self._blobs.items() if size <= limit and mode != "120000"}
        try:
            blobs = read_blobs(self.repo, wanted.values(), limit)
        except GitError as exc:
            raise UsageError(f"git {exc.command} {self.revision}: {exc.detail}") from None
        return {rel: data for rel, sha in wanted.items() if (data := blobs.get(sha)) is not None}
