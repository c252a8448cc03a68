"""The parts a check or a build is made of, made from the settings: the health rules' settings,
the pages' words and options, the disk cache, the diagram renderer, the history reader, and
the repositories whose work is read, and how.

:class:`~mkdocs_ladder.settings.Settings` holds values; this module builds from them, for the
pipelines (:mod:`.check`, :mod:`.publish`) and the adapters. Rendering and history are imported
by the functions that need them: ``ladder check`` does not pay for loading a page renderer.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.gitio import find_repo
from mkdocs_ladder.health import HealthSettings
from mkdocs_ladder.labels import Labels
from mkdocs_ladder.settings import DEFAULT_HORIZONS, DEFAULT_KINDS, Settings
from mkdocs_ladder.tree.names import LevelNames
from mkdocs_ladder.work.repositories import Reading, Repository, name_of

if TYPE_CHECKING:
    from mkdocs_ladder.history.reader import HistoryReader
    from mkdocs_ladder.metrics.read import MetricsReading
    from mkdocs_ladder.render.site import PageOptions
    from mkdocs_ladder.render.svg import SvgRenderer


def health_settings(settings: Settings) -> HealthSettings:
    """The health rules' levels and limits, the kinds of work, and the level names of the
    messages (today is the build date)."""
    return HealthSettings(
        levels=dict(settings.health),
        limits=settings,
        kinds=settings.kind_requirements(),
        horizons=settings.horizon_ids(),
        sizes=settings.size_scale(),
        names=LevelNames.english(settings.level_names()),
    )


def labels_for(settings: Settings, language: str | None) -> Labels:
    """The pages' words: the theme's language (English when ladder does not ship it), the level
    names and the labels the settings give on top."""
    return Labels.of(language, settings.level_names(), settings.label_overrides())


def kind_descriptions(settings: Settings, labels: Labels) -> dict[str, str]:
    """Each kind of work with its description (the default taxonomy's, in the pages' language)."""
    if settings.kinds is None:
        return {kind: labels(f"kind.{kind}") for kind in DEFAULT_KINDS}
    return {kind: spec.description for kind, spec in settings.kinds.items()}


def horizon_names(settings: Settings, labels: Labels) -> dict[str, str]:
    """Each horizon, nearest first, with its name (the default horizons', in the pages' language)."""
    if settings.horizons is None:
        return {horizon: labels(f"horizon.{horizon}") for horizon in DEFAULT_HORIZONS}
    return dict(settings.horizons)


def page_options(settings: Settings, directory_urls: bool, language: str | None = None) -> PageOptions:
    """How the pages are laid out and worded, for a site with or without directory URLs, in the
    theme's ``language``."""
    from mkdocs_ladder.render.site import PageOptions

    labels = labels_for(settings, language)
    return PageOptions(
        labels=labels,
        kinds=kind_descriptions(settings, labels),
        horizons=horizon_names(settings, labels),
        sizes=settings.size_scale(),
        folder=settings.path,
        directory_urls=directory_urls,
        overview_max_nodes=settings.overview_max_nodes,
        diagram_max_children=settings.diagram_max_children,
        overview_title=settings.nav_title or labels("nav.title"),
        trailer=settings.work.trailer,
        trend_days=settings.trend_days,
    )


def disk_cache(settings: Settings, base: Path) -> DiskCache | None:
    """The cache folder (relative paths start at ``base``), or None with ``cache: false``."""
    return DiskCache(base / settings.cache_dir, settings.cache_margin) if settings.cache else None


def renderer(settings: Settings, base: Path, current: SvgRenderer | None = None) -> SvgRenderer:
    """The diagram renderer the settings ask for; ``current`` is kept when it matches (``mkdocs
    serve`` keeps its in-memory diagrams between rebuilds)."""
    from mkdocs_ladder.render.svg import SvgRenderer

    wanted = SvgRenderer(settings.dot_executable, disk_cache(settings, base), settings.dot_timeout)
    return current if current is not None and current.same_as(wanted) else wanted


def history_reader(settings: Settings, strategy_dir: Path, base: Path, today: date) -> HistoryReader | None:
    """What reads the tree's history as of ``today`` (None with ``history: false``)."""
    from mkdocs_ladder.history.reader import HistoryOptions, HistoryReader

    if not settings.history:
        return None
    return HistoryReader.of(strategy_dir, HistoryOptions(settings.history_days, disk_cache(settings, base)), today)


def work_sources(settings: Settings, strategy_dir: Path) -> list[Repository]:
    """The repositories whose work is read: the one that holds the tree (unless ``own: false``),
    then those the settings name."""
    sources = []
    if settings.work.own and (repo := find_repo(strategy_dir)) is not None:
        sources.append(Repository(name_of(str(repo.top)), str(repo.top)))
    for option in settings.work.repositories:
        sources.append(Repository(option.name or name_of(option.location), option.location, option.branch))
    return sources


def metrics_reading(settings: Settings, strategy_dir: Path, base: Path) -> MetricsReading:
    """How the catalogue's metrics are read: file paths from the top of the repository that
    holds the tree (else the config file's folder), the cache, the limits, and the
    connections' URLs from the environment."""
    from mkdocs_ladder.metrics.read import MetricsReading
    from mkdocs_ladder.metrics.sources import Limits

    repo = find_repo(strategy_dir)
    top = repo.top if repo is not None else base
    option = settings.metrics
    return MetricsReading(
        top,
        disk_cache(settings, base),
        Limits(option.timeout, option.max_rows),
        timedelta(minutes=option.refresh_minutes),
        datetime.now(UTC),
        {name: value for name, value in os.environ.items() if name.startswith("LADDER_CONNECTION_")},
    )


def work_reading(settings: Settings, base: Path, today: date) -> Reading:
    """How the repositories are read: over the last ``history_days``, clones of URLs kept under
    the cache folder (``work/``), what was read cached and continued, as the history is."""
    since = today - timedelta(days=settings.history_days)
    return Reading(base, base / settings.cache_dir / "work", since, settings.work.trailer, disk_cache(settings, base))
