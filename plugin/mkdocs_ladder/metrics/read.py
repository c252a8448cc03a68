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
from mkdocs_ladder.metrics.sources import Databases, Limits, Rows, SourceError, files_of, read_database, read_files
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


@dataclass(frozen=True, slots=True)
class _Plan:
    """One metric before it is read: its source, its cache entry and what the entry holds, the
    digest of its files, and the reading when no read is needed (from the cache, or an error)."""

    metric_id: str
    source: MetricSource
    name: str = ""
    stored: store.Stored | None = None
    fingerprint: str = ""
    ready: Reading | None = None
    contents: dict[Path, bytes] = field(default_factory=dict)  # the files' bytes, read to make the fingerprint


def read_metrics(catalogue: Catalogue | None, reading: MetricsReading) -> Measured | None:
    """Every metric of ``catalogue`` (None when there is none, or it holds no metric): the
    databases side by side, while the files are read in one embedded database."""
    if catalogue is None or not catalogue.metrics:
        return None
    plans = [_plan(metric_id, definition.source, reading) for metric_id, definition in catalogue.metrics.items()]
    wanted = [p for p in plans if p.ready is None]
    queries = [p for p in wanted if p.source.connection is not None]
    files = [p for p in wanted if p.source.file is not None]
    read: dict[str, Rows | SourceError] = {}
    with (
        Databases(reading.limits, MAX_READERS) as databases,
        ThreadPoolExecutor(max_workers=max(1, min(MAX_READERS, len(queries)))) as pool,  # each waits on a server
    ):
        pending = {p.metric_id: pool.submit(_from_database, databases, p.source, reading) for p in queries}
        if files:
            contents = {path: data for p in files for path, data in p.contents.items()}
            read |= read_files([(p.metric_id, p.source) for p in files], reading.top, reading.limits, contents)
        read |= {metric_id: future.result() for metric_id, future in pending.items()}
    readings = {p.metric_id: p.ready if p.ready is not None else _done(p, read[p.metric_id], reading) for p in plans}
    return Measured(catalogue, readings, reading.now)


def _plan(metric_id: str, source: MetricSource, reading: MetricsReading) -> _Plan:
    contents: dict[Path, bytes] = {}
    try:
        identity, fingerprint = _identity(source, reading, contents)
    except SourceError as exc:
        return _Plan(metric_id, source, ready=Reading((), None, str(exc)))
    name = store.entry_name(metric_id, identity)
    stored = store.load(reading.cache, name)
    if stored is not None and _still_good(stored, fingerprint, reading):
        return _Plan(
            metric_id,
            source,
            name,
            stored,
            fingerprint,
            Reading(stored.rows.values, stored.read_at, skipped=stored.rows.skipped, entry=name),
        )
    return _Plan(metric_id, source, name, stored, fingerprint, contents=contents)


def _done(plan: _Plan, got: Rows | SourceError, reading: MetricsReading) -> Reading:
    """What a read gave (stored in the cache), or the last values read with the reason it failed."""
    if isinstance(got, SourceError):
        if plan.stored is None:
            return Reading((), None, str(got))
        return Reading(plan.stored.rows.values, plan.stored.read_at, str(got), skipped=plan.stored.rows.skipped, entry=plan.name)
    if reading.cache is not None:
        reading.cache.write(plan.name, store.dumps(store.Stored(reading.now, plan.fingerprint, got)))
    return Reading(got.values, reading.now, fresh=True, skipped=got.skipped, entry=plan.name if reading.cache else None)


def _from_database(databases: Databases, source: MetricSource, reading: MetricsReading) -> Rows | SourceError:
    try:
        return read_database(databases, _url(source, reading), source.query or "")
    except SourceError as exc:
        return exc


def _still_good(stored: store.Stored, fingerprint: str, reading: MetricsReading) -> bool:
    """A file source's entry holds while its files are as they were; a database's, for the refresh interval."""
    if fingerprint:
        return stored.fingerprint == fingerprint
    return timedelta(0) <= reading.now - stored.read_at < reading.refresh


def _identity(source: MetricSource, reading: MetricsReading, contents: dict[Path, bytes]) -> tuple[str, str]:
    """What the entry is of (the source as written, and for a database its URL without the
    password, hashed), and a digest of the files it reads ("" for a database); the files'
    bytes are kept in ``contents``, for the read."""
    if source.file is not None:
        digest = hashlib.sha256()
        for path in files_of(source, reading.top):
            digest.update(f"{path.relative_to(reading.top)}\0".encode())
            contents[path] = data = path.read_bytes()
            digest.update(hashlib.sha256(data).digest())
        return f"file\0{source.file}\0{source.query}", digest.hexdigest()
    url = _url(source, reading)
    return f"db\0{source.connection}\0{source.query}\0{_without_password(url)}", ""


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
