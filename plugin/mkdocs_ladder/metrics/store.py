"""A metric's values as last read, kept in the cache with the time they were read (JSON,
gzipped; never pickle), so that an unchanged source is not read again, and a source that
cannot be reached still has values to show. An entry never holds a connection's URL."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from mkdocs_ladder import __version__
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.metrics.sources import Rows

FORMAT = 1  # of the cache entry: a change makes every old entry a miss


@dataclass(frozen=True, slots=True)
class Stored:
    """What an entry holds: when the values were read, what the source's files were then (a
    digest; "" for a database), and the values."""

    read_at: datetime
    fingerprint: str
    rows: Rows


def entry_name(metric_id: str, identity: str) -> str:
    """The entry of one metric read from one source (``identity``: what was read, and how)."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{metric_id}\0{identity}".encode()).hexdigest()
    return f"metric-{digest[:32]}.json.gz"


def dumps(stored: Stored) -> bytes:
    data = {
        "format": FORMAT,
        "read_at": stored.read_at.isoformat(),
        "fingerprint": stored.fingerprint,
        "values": [[d.isoformat(), v] for d, v in stored.rows.values],
        "skipped": stored.rows.skipped,
    }
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode(), compresslevel=1)


def loads(raw: bytes) -> Stored:
    """What :func:`dumps` wrote; ValueError (or KeyError, TypeError) for anything else."""
    data = json.loads(gzip.decompress(raw))
    if data["format"] != FORMAT:
        raise ValueError("another format")
    read_at = datetime.fromisoformat(data["read_at"])
    values = tuple((date.fromisoformat(d), float(v)) for d, v in data["values"])
    return Stored(read_at if read_at.tzinfo else read_at.replace(tzinfo=UTC), str(data["fingerprint"]), Rows(values, int(data["skipped"])))


def load(cache: DiskCache | None, name: str) -> Stored | None:
    """The entry, or None when there is none (or it cannot be read: a miss)."""
    raw = cache.read(name) if cache is not None else None
    if raw is None:
        return None
    try:
        return loads(raw)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
