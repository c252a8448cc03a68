"""What was read of the catalogue's metrics: each metric's values, when they were read, and
why a build could not read them anew."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from mkdocs_ladder.errors import Problem, Severity
from mkdocs_ladder.tree.catalogue import Catalogue, MetricDefinition

Values = tuple[tuple[date, float], ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """One metric as this build has it: its dated values, in date order, when they were read
    (None: never), why they could not be read now (None: they were, or needed not be), whether
    this build read them, the rows skipped, and the cache entry that holds them."""

    values: Values
    read_at: datetime | None
    error: str | None = None
    fresh: bool = False
    skipped: int = 0
    entry: str | None = None

    @property
    def latest(self) -> tuple[date, float] | None:
        return self.values[-1] if self.values else None


@dataclass(slots=True)
class Measured:
    """Every metric of a catalogue, as read (:func:`~mkdocs_ladder.metrics.read.read_metrics`)."""

    catalogue: Catalogue
    readings: dict[str, Reading]
    now: datetime  # when this build read them

    def definition(self, metric_id: str) -> MetricDefinition | None:
        return self.catalogue.metrics.get(metric_id)

    def values(self, metric_id: str) -> Values:
        reading = self.readings.get(metric_id)
        return reading.values if reading is not None else ()

    def problems(self) -> list[Problem]:
        """What a build says of its reads, each at the metric's source in the catalogue: a
        metric never read is a warning (``--strict`` fails on it); older values shown because
        the source could not be read now, and rows skipped, are notes."""
        found = []
        for metric_id, reading in self.readings.items():
            source = self.catalogue.metrics[metric_id].source
            field = "query" if source.query else "file" if source.file else "connection"
            path, line, col = self.catalogue.where(metric_id, "source", field)
            if reading.error is not None and reading.read_at is None:
                message = f"metric '{metric_id}' has never been read: {reading.error}"
                found.append(Problem(path, line, col, Severity.WARNING, message, "metric-unread"))
            elif reading.error is not None and reading.read_at is not None:
                message = f"metric '{metric_id}' could not be read now ({reading.error}); showing the values read {age(reading.read_at, self.now)} ago, at {stamp(reading.read_at)}"
                found.append(Problem(path, line, col, Severity.NOTE, message, "metric-stale-read"))
            if reading.skipped:
                rows = "1 row had" if reading.skipped == 1 else f"{reading.skipped} rows had"
                message = f"metric '{metric_id}': {rows} no date or no finite number (text, NULL, NaN or infinity), and were skipped"
                found.append(Problem(path, line, col, Severity.NOTE, message, "metric-skipped-rows"))
        return found

    def summary(self) -> str:
        """One line for a build's log: how many metrics were read anew, the rest from the cache."""
        fresh = sum(1 for r in self.readings.values() if r.fresh)
        return f"metrics: {fresh} of {len(self.readings)} read anew, the others from the cache or not readable now"

    def cache_entries(self) -> list[str]:
        """The cache entries this read used: a build keeps them when it prunes the cache."""
        return [r.entry for r in self.readings.values() if r.entry is not None]

    def state(self) -> str:
        """What the pages depend on: each metric's values and whether it could be read (for
        the key of a cached site)."""
        digest = hashlib.sha256()
        for metric_id, reading in self.readings.items():
            stale = stamp(reading.read_at) if reading.error and reading.read_at else ""
            digest.update(f"{metric_id}\0{reading.values}\0{reading.error is not None}\0{stale}\n".encode())
        return digest.hexdigest()


def stamp(moment: datetime) -> str:
    """``2026-12-02 21:40 UTC``."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def age(then: datetime, now: datetime) -> str:
    """How long ago, in the largest whole unit: ``3 hours``, ``2 days``."""
    seconds = max(0, int((now - then).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
