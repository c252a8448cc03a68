"""The git side of history: the repository that holds the strategy directory, the commits that
touched it, and the files each one changed, read with git itself.

One ``git log`` lists every commit (oldest first) with the files it changed under the
directory; one ``git cat-file --batch-check`` and one ``--batch`` read the versions of those
files, never a file larger than the loader would read today. Commits are those of the first
parent: the history of the branch as it was merged, each change dated by the commit that
brought it there (the committer date, as a UTC calendar date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mkdocs_ladder import gitio
from mkdocs_ladder.gitio import Repo, run_git, utc_day
from mkdocs_ladder.tree.sources import MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that touched the strategy directory: what it changed, and on which day."""

    sha: str
    day: date
    changed: tuple[tuple[str, str], ...]  # (path relative to the directory, blob id): added or modified files
    deleted: tuple[str, ...]  # paths that are gone, or that became a link or a submodule (never read)


def is_shallow(repo: Repo) -> bool:
    return gitio.is_shallow(repo.top)


def resolve(repo: Repo, revision: str) -> str | None:
    """The commit a revision names, or None (a repository with no commit yet)."""
    return gitio.resolve(repo.top, revision)


def is_ancestor(repo: Repo, older: str, newer: str) -> bool:
    return gitio.is_ancestor(repo.top, older, newer)


def last_before(repo: Repo, revision: str, day: date) -> str | None:
    """The last commit of ``revision``'s first-parent line made before ``day``, if any."""
    out = run_git(repo.top, "rev-list", "-1", "--first-parent", f"--before={day.isoformat()}T00:00:00Z", revision)
    return out.decode().strip() or None


_FILE_MODES = (b"100644", b"100755")  # a link (120000) or a submodule (160000) is never read


def commits(repo: Repo, until: str, since: date, after: str | None = None) -> list[Change]:
    """The commits up to ``until`` (after ``after``, when given) that touched the directory,
    committed on ``since`` or later, oldest first."""
    span = f"{after}..{until}" if after else until
    out = run_git(
        repo.top,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--no-renames",
        "-z",
        "--raw",
        "--no-abbrev",
        "--format=%x01%H %ct",
        f"--since={since.isoformat()}T00:00:00Z",
        span,
        "--",
        repo.prefix or ".",
    )
    found: list[Change] = []
    for record in out.split(b"\x01")[1:]:
        header, _, body = record.partition(b"\0")
        sha, epoch = header.decode().split()
        fields = body.lstrip(b"\n").split(b"\0")
        changed: list[tuple[str, str]] = []
        deleted: list[str] = []
        for meta, raw in zip(fields[0::2], fields[1::2], strict=False):  # ":old-mode new-mode old-id new-id status", path
            parts = meta.lstrip(b":").split()
            rel = repo.rel(raw.decode("utf-8", errors="replace"))
            if rel is None or len(parts) != 5:
                continue
            if parts[4][:1] != b"D" and parts[1] in _FILE_MODES:
                changed.append((rel, parts[3].decode()))
            else:
                deleted.append(rel)
        found.append(Change(sha, utc_day(epoch), tuple(changed), tuple(deleted)))
    return found


def read_blobs(repo: Repo, ids: Iterable[str], limit: int = MAX_FILE_BYTES) -> dict[str, bytes | None]:
    """The bytes of each blob; None for one over ``limit`` bytes, which the loader refuses as it
    refuses such a file today."""
    return gitio.read_blobs(repo.top, ids, limit)
