"""Reading the work of every repository a site names: side by side, each cached and continued,
and the clones of repositories no longer named removed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from mkdocs_ladder.gcpause import paused_gc
from mkdocs_ladder.work import repositories
from mkdocs_ladder.work.model import Work
from mkdocs_ladder.work.repositories import Reading, Repository


def read_work(sources: list[Repository], reading: Reading, today: date) -> Work | None:
    """The work of ``sources`` from ``reading.since`` to ``today`` (None when there is no
    repository to read). Clones of URLs no longer named are removed from ``reading.clones``."""
    if not sources:
        return None
    with paused_gc(), ThreadPoolExecutor(max_workers=min(8, len(sources))) as pool:  # each read waits on git: they run side by side
        found = list(pool.map(lambda source: repositories.read(source, reading), sources))
    repositories.prune_clones(reading.clones, sources)
    return Work(found, reading.since, today)
