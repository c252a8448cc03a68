"""The work of one repository, read with git itself: its integrations, and what each links to.

An **integration** is a commit on the branch's first-parent line: a merge, a squash merge or a
direct commit, dated by the day it was committed there (UTC). The commits that a merge brings
in belong to that one integration, and add their links to it: a pull request of 12 commits,
each with a trailer, is one integration of that node, made of 12 commits. The merge commit
itself is no commit of the work (it only joins the branch); what its message links to counts
for the whole integration and each of its commits.

Two git processes read a window of any size: one ``git log`` of every commit the branch gained
since the window opened (with git's own parse of each message's trailers), and one
``git rev-list --first-parent`` of its integrations. What each merge brought in is worked out
here, oldest integration first: the commits reachable from a merge's other parents that no
earlier integration holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs_ladder.gitio import GitError, run_git, utc_day
from mkdocs_ladder.work.trailers import DEFAULT_KEY, linked_ids


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit: its id, its subject (as the author wrote it: untrusted text), and the ids
    its message links to."""

    sha: str
    subject: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Integration:
    """A commit on the first-parent line and the commits of its work: itself, or for a merge,
    the commits it brought in (``merge``: the merge commit, whose links count for all of them)."""

    sha: str
    day: date
    subject: str
    commits: tuple[Commit, ...]
    merge: Commit | None = None
    #: Every id that the merge or a commit of the integration links to, in order, each once
    #: (worked out once: every page and rule asks).
    ids: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", tuple(dict.fromkeys(i for commit in self.messages() for i in commit.ids)))

    def messages(self) -> tuple[Commit, ...]:
        """Every commit whose message was read: the merge's, then its work's."""
        return (self.merge, *self.commits) if self.merge is not None else self.commits

    def ids_of(self, commit: Commit) -> tuple[str, ...]:
        """What one commit of the work links to: its own ids, and its merge's."""
        return commit.ids + self.merge.ids if self.merge is not None else commit.ids


#: One record per commit, its fields ended by NUL (``-z`` ends each record with one more): git
#: prints a message up to its first NUL, so no field holds one, whatever the author wrote.
_FORMAT = "%H%x00%P%x00%ct%x00%s%x00%(trailers:key={key},valueonly,separator=%x1f,unfold)%x00%B"
_FIELDS = 6


def _window(top: Path, branch: str, since: date) -> list[str]:
    """The revisions of the branch's work since the window opened: the branch, less what its
    last integration before the window already held."""
    before = run_git(top, "rev-list", "--first-parent", "-n", "1", f"--until={since.isoformat()}T00:00:00Z", branch, "--")
    boundary = before.decode().strip()
    return [branch, f"^{boundary}"] if boundary else [branch]


def _records(out: bytes, key: str) -> dict[str, tuple[list[str], str, Commit]]:
    """Each commit of ``git log``'s output by id: its parents, its time and itself. Fields are
    taken by position, never by a marker that a message could hold."""
    fields = out.decode("utf-8", errors="replace").split("\0")
    if len(fields) % _FIELDS != 1:
        raise GitError("log", f"output of {len(fields)} fields, not whole records of {_FIELDS}")
    records = {}
    for sha, parent_ids, epoch, subject, trailers, body in zip(*(fields[i:-1:_FIELDS] for i in range(_FIELDS)), strict=True):
        ids = tuple(linked_ids(body, [t for t in trailers.split("\x1f") if t], key))
        records[sha] = (parent_ids.split(), epoch, Commit(sha, subject, ids))
    return records


def integrations(top: Path, branch: str, since: date, key: str = DEFAULT_KEY, after: str | None = None) -> list[Integration]:
    """The integrations of ``branch`` in the repository at ``top`` since ``since``, oldest first;
    with ``after`` (an earlier tip of the branch), only those made since that tip.
    GitError when git cannot read them (no such branch, not a repository)."""
    span = [branch, f"^{after}"] if after else _window(top, branch, since)
    records = _records(run_git(top, "log", "-z", f"--format={_FORMAT.format(key=key)}", *span, "--"), key)
    line = run_git(top, "rev-list", "--first-parent", "--reverse", *span, "--").decode().split()
    held: set[str] = set(line)  # each commit belongs to the first integration that holds it
    found = []
    for sha in line:
        parents, epoch, commit = records[sha]
        brought = [] if len(parents) > 1 else [commit]  # a merge only joins what it brings in
        stack = [p for p in parents[1:] if p in records and p not in held]
        while stack:
            side = stack.pop()
            if side in held:
                continue
            held.add(side)
            side_parents, _, side_commit = records[side]
            brought.append(side_commit)
            stack += [p for p in side_parents if p in records and p not in held]
        merge = commit if len(parents) > 1 else None
        found.append(Integration(sha, utc_day(epoch), commit.subject, tuple(brought), merge))
    return [i for i in found if i.day >= since]


def message_ids(message: str, key: str = DEFAULT_KEY) -> list[str]:
    """The ids a commit message links to, before it is committed (the ``commit-msg`` hook): git
    parses its trailers (``git interpret-trailers``), and the squash rule reads its lines."""
    parsed = run_git(Path.cwd(), "interpret-trailers", "--parse", "--unfold", stdin=message.encode()).decode()
    values = [line.split(":", 1)[1] for line in parsed.splitlines() if line.split(":", 1)[0].strip().lower() == key.lower()]
    return linked_ids(message, values, key)
