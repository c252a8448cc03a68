"""Reading every metric of a catalogue, once per build: side by side, each from the cache when
its source is unchanged (a file's bytes) or was read within the refresh interval (a database),
and from its last values when its source cannot be read now."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.metrics import store
from mkdocs_ladder.metrics.model import Measured, Reading
from mkdocs_ladder.metrics.sources import Limits, Rows, SourceError, files_of, read_database, read_files
from mkdocs_ladder.tree.catalogue import Catalogue, MetricSource, connection_variable

MAX_READERS = 8  # reads that wait on a database or a file at once


@dataclass(frozen=True, slots=True)
class MetricsReading:
    """How the metrics are read: where file paths start (the repository's top), the cache,
    the limits of a query, how long a database's values are reused, the time of the read and
    the environment the connections' URLs are taken from."""

    top: Path
    cache: DiskCache | None
    limits: Limits
    refresh: timedelta
    now: datetime
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)


def read_metrics(catalogue: Catalogue | None, reading: MetricsReading) -> Measured | None:
    """Every metric of ``catalogue`` (None when there is none, or it holds no metric)."""
    if catalogue is None or not catalogue.metrics:
        return None
    items = list(catalogue.metrics.items())
    with ThreadPoolExecutor(max_workers=min(MAX_READERS, len(items))) as pool:  # each read waits on a file or a server
        found = list(pool.map(lambda item: read_one(item[0], item[1].source, reading), items))
    return Measured(catalogue, {metric_id: got for (metric_id, _), got in zip(items, found, strict=True)}, reading.now)


def read_one(metric_id: str, source: MetricSource, reading: MetricsReading) -> Reading:
    """One metric: from the cache when that suffices, else read (and stored); when the read
    fails, the last values read, with the reason."""
    try:
        identity, fingerprint = _identity(source, reading)
    except SourceError as exc:
        return Reading((), None, str(exc))
    name = store.entry_name(metric_id, identity)
    stored = store.load(reading.cache, name)
    if stored is not None and _still_good(stored, fingerprint, reading):
        return Reading(stored.rows.values, stored.read_at, skipped=stored.rows.skipped, entry=name)
    try:
        rows = _read(source, reading)
    except SourceError as exc:
        if stored is None:
            return Reading((), None, str(exc))
        return Reading(stored.rows.values, stored.read_at, str(exc), skipped=stored.rows.skipped, entry=name)
    if reading.cache is not None:
        reading.cache.write(name, store.dumps(store.Stored(reading.now, fingerprint, rows)))
    return Reading(rows.values, reading.now, fresh=True, skipped=rows.skipped, entry=name if reading.cache else None)


def _still_good(stored: store.Stored, fingerprint: str, reading: MetricsReading) -> bool:
    """A file source's entry holds while its files are as they were; a database's, for the refresh interval."""
    if fingerprint:
        return stored.fingerprint == fingerprint
    return timedelta(0) <= reading.now - stored.read_at < reading.refresh


def _identity(source: MetricSource, reading: MetricsReading) -> tuple[str, str]:
    """What the entry is of (the source as written, and for a database its URL without the
    password, hashed), and a digest of the files it reads ("" for a database)."""
    if source.file is not None:
        digest = hashlib.sha256()
        for path in files_of(source, reading.top):
            digest.update(f"{path.relative_to(reading.top)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return f"file\0{source.file}\0{source.query}", digest.hexdigest()
    url = _url(source, reading)
    return f"db\0{source.connection}\0{source.query}\0{_without_password(url)}", ""


def _read(source: MetricSource, reading: MetricsReading) -> Rows:
    if source.file is not None:
        return read_files(source, reading.top, reading.limits)
    return read_database(_url(source, reading), source.query or "", reading.limits)


def _url(source: MetricSource, reading: MetricsReading) -> str:
    variable = connection_variable(source.connection or "")
    url = reading.environ.get(variable, "").strip()
    if not url:
        raise SourceError(f"connection '{source.connection}' has no URL: set the environment variable {variable}")
    return url


def _without_password(url: str) -> str:
    """A URL's digest without its password: the entry's name never depends on a secret."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.username or ''}@{parts.hostname or ''}:{parts.port or ''}{parts.path}"
    except ValueError:
        host = "unparsed"
    return hashlib.sha256(host.encode()).hexdigest()
