"""The MkDocs plugin: thin, events only; the work is in the core modules.

* ``on_config``: load and validate the tree, render every diagram and page. All of it runs
  before MkDocs cleans ``site_dir``, so a bad tree, a missing ``dot`` or a diagram that hangs
  fails the build with the last good site left as it was.
* ``on_files``: add the generated pages in memory (``File.generated``), never in ``docs_dir``.
* ``on_nav``: add the "Strategy" section.
* ``on_serve``: watch the strategy directory, so saving a YAML file rebuilds the site.
"""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .config import LadderConfig, health_settings
from .errors import Severity, UsageError
from .navigation import add_section
from .render.pages import PageOptions, Site, plan_diagrams, render_site
from .render.svg import RenderError, SvgRenderer
from .validate import check_directory

log = get_plugin_logger(__name__)
CSS_URI = "assets/ladder/ladder.css"


class LadderPlugin(BasePlugin[LadderConfig]):
    """Publishes the strategy tree: a page per node, an overview, the nav and the diagrams."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object across `mkdocs serve` rebuilds, and with it
        # the in-memory diagram cache (a rebuild redraws only the diagrams that changed) and
        # the last good pages.
        self.command = command
        self.renderer: SvgRenderer | None = None
        self.last_good: Site | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.site: Site | None = None
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path or ".").resolve().parent
        self.strategy_dir = base / self.config.strategy_dir
        try:
            self.site = self._build(config, base)
        except PluginError:
            # While serving, a bad save must not take the pages away: MkDocs' server would hold
            # every request until the tree is fixed. The errors are logged; the last good pages stay.
            if getattr(self, "command", None) != "serve" or self.last_good is None:
                raise
            log.warning("ladder: serving the last good strategy pages until the errors above are fixed")
            self.site = self.last_good
        self.last_good = self.site
        config.extra_css.append(CSS_URI)
        return config

    def _build(self, config: MkDocsConfig, base: Path) -> Site:
        """Load, validate and render everything; raises PluginError before anything is written."""
        try:
            checked = check_directory(self.strategy_dir, health_settings(dict(self.config)))
        except (UsageError, ValueError) as exc:
            raise PluginError(f"ladder: {exc}") from None
        for problem in checked.problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.text())
        if checked.tree is None:
            errors = sum(1 for p in checked.problems if p.severity is Severity.ERROR)
            raise PluginError(f"ladder: the strategy tree has {errors} error{'s' * (errors != 1)}; nothing was built")
        options = PageOptions(
            folder=self.config.path,
            directory_urls=config.use_directory_urls,
            overview_max_nodes=self.config.overview_max_nodes,
            diagram_max_children=self.config.diagram_max_children,
            overview_title=self.config.nav_title,
        )
        try:
            svgs = self._renderer(base).render(plan_diagrams(checked.tree, options))
        except RenderError as exc:
            raise PluginError(f"ladder: {exc}") from None
        return render_site(checked.tree, svgs, options, [p for p in checked.problems if p.configurable])

    def _renderer(self, base: Path) -> SvgRenderer:
        cache_dir = base / self.config.cache_dir if self.config.cache else None
        wanted = (self.config.dot_executable, cache_dir, float(self.config.dot_timeout))
        current = getattr(self, "renderer", None)
        if current is None or (current.executable, current.cache_dir, current.timeout) != wanted:
            self.renderer = SvgRenderer(*wanted)
        return self.renderer

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return files
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"ladder: docs/{page.src_uri} exists, and ladder generates that page; "
                    "move the file or set the plugin's `path` option to another folder"
                )
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        css = package_files("mkdocs_ladder").joinpath("render/assets/ladder.css").read_text(encoding="utf-8")
        files.append(File.generated(config, CSS_URI, content=css))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.site is not None:
            add_section(nav, files, self.site, self.config.nav_title, self.config.nav_initiatives)
        return nav

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        if self.config.enabled:
            server.watch(str(self.strategy_dir))
        return server
