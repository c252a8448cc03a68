"""A project, opened once: the settings of a site and what a check or a build of it is made of.

Every entry point opens one (the MkDocs plugin from MkDocs' config, ``ladder render`` and every
command from the site's config file) and takes what it needs from it: the health rules'
settings, the pages' options, the diagram renderer, the history reader, the work read from the
repositories (read once, when first asked for), the tree checked with all of them. Its
:meth:`Project.state` is everything a build depends on besides the tree's files, and the one
place the site cache's key and the preview's basis are made from. A new data source is one
more part here; a new adapter opens a project.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_ladder import wiring
from mkdocs_ladder.check import Checked, Said, check_directory, said_of
from mkdocs_ladder.config_file import SiteConfig
from mkdocs_ladder.health import HealthSettings
from mkdocs_ladder.metrics.model import Measured
from mkdocs_ladder.metrics.read import read_metrics
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.loader import load_catalogue
from mkdocs_ladder.tree.sources import DirectorySource
from mkdocs_ladder.work.model import Work
from mkdocs_ladder.work.read import read_work

if TYPE_CHECKING:
    from mkdocs_ladder.history.reader import HistoryReader
    from mkdocs_ladder.render.site import DiagramMode, PageOptions
    from mkdocs_ladder.render.svg import SvgRenderer


@dataclass(frozen=True)
class Project:
    """A site's settings, where its tree and its relative paths are, and how its pages are
    addressed and worded; the parts made from them are made once, when first asked for."""

    settings: Settings
    strategy_dir: Path
    base: Path  # where the relative paths of the settings start (the config file's folder)
    directory_urls: bool = True
    language: str | None = None  # the theme's language
    today: date | None = None  # the build date (None: SOURCE_DATE_EPOCH, else today)
    kept_renderer: SvgRenderer | None = field(default=None, compare=False, repr=False)  # serve's, kept when it fits

    @classmethod
    def of_site(cls, site: SiteConfig, directory: Path | None = None, directory_urls: bool | None = None) -> Project:
        """The project of a site's config file (``directory``, ``directory_urls``: the command
        line's choice over the config's)."""
        urls = site.directory_urls if directory_urls is None else directory_urls
        return cls(site.settings, directory or site.strategy_dir, site.base, urls, site.language)

    @cached_property
    def health(self) -> HealthSettings:
        health = wiring.health_settings(self.settings)
        return health if self.today is None else replace(health, today=self.today)

    @property
    def source(self) -> DirectorySource:
        return DirectorySource(self.strategy_dir)

    @cached_property
    def options(self) -> PageOptions:
        return wiring.page_options(self.settings, self.directory_urls, self.language)

    @cached_property
    def renderer(self) -> SvgRenderer:
        return wiring.renderer(self.settings, self.base, self.kept_renderer)

    @cached_property
    def history(self) -> HistoryReader | None:
        """What reads the tree's history (None with ``history: false``)."""
        return wiring.history_reader(self.settings, self.strategy_dir, self.base, self.health.today)

    @cached_property
    def work(self) -> Work | None:
        """The work of every repository, read once (None with ``history: false``, or with no
        repository to read)."""
        if not self.settings.history:
            return None
        today = self.health.today
        return read_work(wiring.work_sources(self.settings, self.strategy_dir), wiring.work_reading(self.settings, self.base, today), today)

    @cached_property
    def measured(self) -> Measured | None:
        """The catalogue's metrics, read once (None when the tree has no catalogue)."""
        return read_metrics(load_catalogue(self.source, []), wiring.metrics_reading(self.settings, self.strategy_dir, self.base))

    def check(self, *, history: bool = True) -> Checked:
        """The tree checked by every rule; with ``history``, those that read what lives outside
        the tree's files too: git (its history, the work) and the catalogue's metrics."""
        if not history:
            return check_directory(self.source, self.health)
        return check_directory(self.source, self.health, self.history, self.work, self.measured)

    def said(self) -> list[Said]:
        """What to tell the reader about the work read (a repository that cannot be read, an older copy)."""
        return said_of(None, self.work)

    def state(self, mode: DiagramMode) -> dict[str, object]:
        """Everything a build's pages depend on besides the tree's files: the options, the
        health settings, what the history and the work were read from, the diagrams' mode and
        Graphviz's version. The site cache's key and a preview's basis are made of it."""
        return {
            "options": asdict(self.options),
            "health": self.health.identity(),
            "history": self.history.state() if self.history else "off",
            "work": self.work.state() if self.work else "off",
            "metrics": self.measured.state() if self.measured else "off",
            "mode": mode.value,
            "graphviz": self.renderer.version(),
        }
