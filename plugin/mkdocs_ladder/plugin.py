"""The MkDocs plugin: thin, events only; the work is in the core modules.

* ``on_config``: load and validate the tree, render every diagram and page. All of it runs
  before MkDocs cleans ``site_dir``, so a bad tree, a missing ``dot`` or a diagram that hangs
  fails the build with the last good site left as it was.
* ``on_files``: add the generated pages in memory (``File.generated``), never in ``docs_dir``.
* ``on_nav``: add the "Strategy" section.
* ``on_post_page``: put each diagram's SVG into its page's finished HTML (see ``Site.fill``).
* ``on_serve``: watch the strategy directory, so saving a YAML file rebuilds the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .config import LadderConfig
from .errors import Severity, UsageError
from .navigation import add_section
from .publish import publish, stylesheet
from .render.pages import Site
from .render.svg import RenderError, SvgRenderer
from .settings import health_settings, page_options, renderer_for
from .sources import DirectorySource

log = get_plugin_logger(__name__)
CSS_URI = "assets/ladder/ladder.css"


class LadderPlugin(BasePlugin[LadderConfig]):
    """Publishes the strategy tree: a page per node, an overview, the nav and the diagrams."""

    def __init__(self) -> None:
        super().__init__()
        self.command: str | None = None  # "build", "serve" or "gh-deploy"; None when MkDocs is driven as a library
        self.renderer: SvgRenderer | None = None
        self.last_good: Site | None = None
        self.site: Site | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object across `mkdocs serve` rebuilds, and with it
        # the in-memory diagram cache (a rebuild redraws only the diagrams that changed) and
        # the last good pages.
        self.command = command

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
            if self.command != "serve" or self.last_good is None:
                raise
            log.warning("ladder: serving the last good strategy pages until the errors above are fixed")
            self.site = self.last_good
        self.last_good = self.site
        config.extra_css.append(CSS_URI)
        return config

    def _build(self, config: MkDocsConfig, base: Path) -> Site:
        """Load, validate and render everything; raises PluginError before anything is written."""
        options = dict(self.config)
        try:
            health = health_settings(options)
            self.renderer = renderer_for(options, base, self.renderer)
            result = publish(DirectorySource(self.strategy_dir), page_options(options, config.use_directory_urls), health, self.renderer)
        except (UsageError, ValueError, RenderError) as exc:
            raise PluginError(f"ladder: {exc}") from None
        for problem in result.problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.text())
        if result.site is None:
            errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
            raise PluginError(f"ladder: the strategy tree has {errors} error{'s' * (errors != 1)}; nothing was built")
        if result.from_cache:
            log.debug("ladder: the tree is unchanged since a cached build; its pages were reused")
        return result.site

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
        files.append(File.generated(config, CSS_URI, content=stylesheet()))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.site is not None:
            add_section(nav, files, self.site, self.config.nav_title, self.config.nav_initiatives, self.config.nav_max_strategies)
        return nav

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str | None:  # type: ignore[no-untyped-def]
        # The diagrams go into the finished HTML: no Markdown, raw-HTML or search parser reads them.
        if self.site is None:
            return output
        # A build writes each page once and can let its diagrams go; serve rebuilds keep them.
        return self.site.fill(output, release=self.command != "serve")

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        if self.config.enabled:
            server.watch(str(self.strategy_dir))
        return server
