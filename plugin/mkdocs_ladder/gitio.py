"""Running git, and reading many file versions from it at once: the plumbing that
``ladder diff`` (a revision's tree, :class:`~mkdocs_ladder.tree.sources.GitSource`) and the
history reader (:mod:`~mkdocs_ladder.history.git`) share.

Versions are read by id with one ``git cat-file --batch-check`` (sizes) and one ``--batch``
(contents) for the lot, and never a file over the limit the caller gives (the loader's, for the tree's files).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

_CREDENTIALS = re.compile(r"(://)[^/@\s]+@")


class GitError(Exception):
    """git could not be run, or said no: which command, git's last word, and all it said."""

    def __init__(self, command: str, detail: str, said: tuple[str, ...] = ()):
        super().__init__(f"git {command}: {detail}")
        self.command = command
        self.detail = detail
        self.said = said

    @property
    def reason(self) -> str:
        """git's own reason (its ``fatal:`` line, when it gave one), else its last word, with
        any credentials in a URL hidden (a token given to git by ``insteadOf`` never reaches a
        page or a log)."""
        return redact(next((line for line in self.said if line.startswith("fatal:")), self.detail))


def redact(text: str) -> str:
    """``text`` with the credentials of any URL in it hidden (``https://***@host/``)."""
    return _CREDENTIALS.sub(r"\1***@", text)


def run_git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """git's output for ``args`` in the repository at ``top``; GitError with its last word otherwise."""
    # What git says goes to a file, not a second pipe: with one pipe, its output is read in one
    # call (in C, without the GIL), where two pipes are polled in turn, a few hundred bytes at a
    # time (a 1.5 MB `git log` took 6,000 rounds of Python's loop).
    with tempfile.TemporaryFile() as said:
        try:
            done = subprocess.run(["git", "-C", str(top), *args], input=stdin, stdout=subprocess.PIPE, stderr=said, check=False)
        except OSError as exc:
            raise GitError(args[0], f"git could not be run: {exc}") from None
        if done.returncode != 0:
            said.seek(0)
            lines = said.read().decode(errors="replace").strip().splitlines()
            raise GitError(args[0], lines[-1] if lines else "failed", tuple(lines))
    return done.stdout


def resolve(top: Path, revision: str) -> str | None:
    """The commit a revision names, or None (none such, or a repository with no commit yet)."""
    try:
        return run_git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip() or None
    except GitError:
        return None


def is_ancestor(top: Path, older: str, newer: str) -> bool:
    """Whether ``older`` is ``newer`` or one of its ancestors (a history not rewritten since)."""
    try:
        run_git(top, "merge-base", "--is-ancestor", older, newer)
    except GitError:
        return False
    return True


def is_shallow(top: Path) -> bool:
    """Whether the repository is a shallow clone: its history is cut short."""
    return run_git(top, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


@dataclass(frozen=True, slots=True)
class Repo:
    """A git repository, and where a directory sits in it (POSIX, "" for its top)."""

    top: Path
    prefix: str

    def rel(self, path: str) -> str | None:
        """``path`` (from the repository's top) relative to the directory, else None."""
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1 :] if path.startswith(self.prefix + "/") else None


def toplevel(where: Path) -> Path | None:
    """The top of the repository that holds ``where``, or None outside one (or without git)."""
    try:
        return Path(run_git(where, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        return None


def find_repo(directory: Path, where: Path | None = None) -> Repo | None:
    """The repository that holds ``directory`` (asked from ``where``, by default the directory
    itself), or None when there is none or the directory is outside it."""
    top = toplevel(where or directory)
    if top is None:
        return None
    prefix = os.path.relpath(directory.resolve(), top.resolve()).replace(os.sep, "/")
    if prefix == ".." or prefix.startswith("../"):
        return None
    return Repo(top, "" if prefix == "." else prefix)


def read_blobs(top: Path, ids: Iterable[str], limit: int) -> dict[str, bytes | None]:
    """The bytes of each blob by id; None for one over ``limit`` bytes (or not a blob)."""
    wanted = list(dict.fromkeys(ids))
    result: dict[str, bytes | None] = dict.fromkeys(wanted)
    if not wanted:
        return result
    sizes = run_git(
        top, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)", stdin="".join(f"{blob}\n" for blob in wanted).encode()
    )
    small = [
        fields[0]
        for fields in (line.split() for line in sizes.decode().splitlines())
        if len(fields) == 3 and fields[1] == "blob" and int(fields[2]) <= limit
    ]
    if not small:
        return result
    out = run_git(top, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in small).encode())
    position = 0
    for blob in small:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        result[blob] = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return result


def utc_day(epoch: str | int) -> date:
    """A Unix time (git's ``%ct``, ``SOURCE_DATE_EPOCH``) as the day it fell on in UTC."""
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()
