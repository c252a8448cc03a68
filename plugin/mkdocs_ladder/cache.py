"""A cache folder that CI can keep between builds, and that never grows without end.

Every entry is a file written whole or not at all (a temporary file, then an atomic rename),
so a reader never sees half an entry, whatever another build is doing in the same folder.
After each build the folder is pruned: every entry that build used is kept, and of the rest
the most recently used are kept while they add up to at most ``margin`` times the size of
what the build used; everything else goes. A build that shares the folder with another one
never fails because of it: an entry that vanishes is a miss (the work is done again), and a
prune that finds an entry gone moves on.

"Recently used" is the file's modification time: a prune sets it to now on every entry the
build used, so entries age by when a build last needed them, not when they were first drawn.
A temporary file left by a build that died is removed once it is an hour old.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs_ladder.atomic import replace_file

TMP_SUFFIX = ".tmp"
STALE_TMP_SECONDS = 3600  # a build writes an entry in well under this; older ones are a dead build's


@dataclass(frozen=True, slots=True)
class Pruned:
    """What a prune left and removed, in entries and bytes."""

    kept: int
    kept_bytes: int
    removed: int
    removed_bytes: int


@dataclass(frozen=True, slots=True)
class DiskCache:
    """A folder of named entries (``name`` is a file name, never a path)."""

    folder: Path
    margin: float

    def _path(self, name: str) -> Path:
        if "/" in name or "\\" in name or name.startswith(".") or name.endswith(TMP_SUFFIX):
            raise ValueError(f"not a cache entry name: {name!r}")
        return self.folder / name

    def read(self, name: str) -> bytes | None:
        """The entry's bytes, or None when it is missing or cannot be read (a miss)."""
        try:
            return self._path(name).read_bytes()
        except OSError:
            return None

    def write(self, name: str, data: bytes) -> None:
        """Store an entry atomically; a cache that cannot be written only costs time."""
        try:
            replace_file(self._path(name), data, TMP_SUFFIX)  # a reader sees the old entry, the new one, or none
        except OSError:
            return

    def prune(self, used: Iterable[str], now: float | None = None) -> Pruned:
        """Keep ``used`` and a margin of the most recently used others; remove the rest."""
        now = time.time() if now is None else now
        wanted = set(used)
        kept = kept_bytes = removed = removed_bytes = 0
        others: list[tuple[float, int, Path]] = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return Pruned(0, 0, 0, 0)
        for entry in entries:
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:  # another build removed it meanwhile
                continue
            if entry.name.endswith(TMP_SUFFIX):
                if now - stat.st_mtime > STALE_TMP_SECONDS and _unlink(entry.path):
                    removed, removed_bytes = removed + 1, removed_bytes + stat.st_size
                continue
            if entry.name in wanted:
                try:
                    os.utime(entry.path, (now, now))
                except OSError:
                    continue
                kept, kept_bytes = kept + 1, kept_bytes + stat.st_size
            else:
                others.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        allowance = self.margin * kept_bytes
        spent, full = 0, False
        for _, size, path in sorted(others, key=lambda item: (-item[0], item[2].name)):  # newest first
            full = full or spent + size > allowance  # from the first that does not fit, all older ones go
            if not full:
                spent += size
                kept, kept_bytes = kept + 1, kept_bytes + size
            elif _unlink(str(path)):
                removed, removed_bytes = removed + 1, removed_bytes + size
        return Pruned(kept, kept_bytes, removed, removed_bytes)


def _unlink(path: str) -> bool:
    try:
        Path(path).unlink()
    except OSError:  # gone already (another build pruned it), or not ours to remove
        return False
    return True
