"""The MkDocs plugin: thin, events only; the work is in the core.

* ``on_config``: load and validate the tree, render every diagram and page. All of it runs
  before MkDocs cleans ``site_dir``, so a bad tree, a missing ``dot`` or a diagram that hangs
  fails the build with the last good site left as it was.
* ``on_files``: add the generated pages in memory (``File.generated``), never in ``docs_dir``.
* ``on_nav``: add the "Strategy" section.
* ``on_post_page``: put each diagram's SVG into its page's finished HTML (see ``Site.fill``).
* ``on_serve``: watch the strategy directory, so saving a YAML file rebuilds the site.

What one event hands to the next (the settings, the site) is kept on the plugin, as MkDocs'
events give no other way; each is set in ``on_config`` and only read afterwards.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_ladder.adapters.mkdocs.config import LadderConfig, as_ladder_reads
from mkdocs_ladder.adapters.mkdocs.navigation import add_section
from mkdocs_ladder.adapters.mkdocs.reuse import Served, TemplateCode
from mkdocs_ladder.adapters.mkdocs.search import read_index, tag_ids, write_index
from mkdocs_ladder.errors import Severity, UsageError
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.preview import Preview, update
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import Published, publish, script, stylesheet
from mkdocs_ladder.render.site import Site, SitePage
from mkdocs_ladder.render.svg import RenderError, SvgRenderer
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.terminal import printable

log = get_plugin_logger(__name__)


class _Printable(logging.Filter):
    """Every line the plugin logs, with its control characters shown as escapes
    (:func:`~mkdocs_ladder.terminal.printable`): a commit message or a YAML value cannot act on
    the terminal or the CI log it lands in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = printable(record.getMessage(), lines=True), None
        return True


log.logger.addFilter(_Printable())
CSS_URI = "assets/ladder/ladder.css"
JS_URI = "assets/ladder/ladder.js"


class LadderPlugin(BasePlugin[LadderConfig]):  # type: ignore[no-untyped-call]  # MkDocs' BasePlugin.__init_subclass__ has no annotations
    """Publishes the strategy tree: a page per node, an overview, the nav and the diagrams."""

    def __init__(self) -> None:
        super().__init__()
        self.command: str | None = None  # "build", "serve" or "gh-deploy"; None when MkDocs is driven as a library
        self.settings = Settings()
        self.strategy_dir: Path | None = None
        self.renderer: SvgRenderer | None = None  # kept across `mkdocs serve` rebuilds: its diagrams in memory
        self.last_good: Site | None = None
        self.site: Site | None = None
        # `mkdocs serve` only: what a build keeps for the next (see reuse and preview), and
        # the node pages this build reuses (src_uri -> URL).
        self.preview: Preview | None = None
        self.served = Served()
        self.reused: dict[str, str] = {}
        self.generated: dict[str, SitePage] = {}  # this build's pages, by src_uri
        self.ids_by_url: dict[str, str] = {}  # the node pages this build wrote: URL -> node id
        self.template_code = TemplateCode()
        self.site_dir: str | None = None  # serve's site_dir, for on_shutdown

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object across `mkdocs serve` rebuilds, and with it
        # the renderer's diagrams in memory (a rebuild redraws only what changed) and the last
        # good pages.
        self.command = command

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        """The options as ladder reads YAML (1.2's scalars: ``nav_title: No`` is text), not as
        MkDocs did (1.1: false). They are read again from the config file; a value the file does
        not hold as written (an ``!ENV`` tag, an ``INHERIT``ed entry) keeps MkDocs' reading."""
        return super().load_config(as_ladder_reads(options, config_file_path), config_file_path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.settings = self.config.settings()
        self.site = None
        if not self.settings.enabled:
            return config
        base = Path(config.config_file_path or ".").resolve().parent
        language = config.theme.get("language") if config.theme is not None else None
        project = Project(
            self.settings,
            base / self.settings.strategy_dir,
            base,
            config.use_directory_urls,
            language if isinstance(language, str) else None,
            kept_renderer=self.renderer,
        )
        self.strategy_dir, self.renderer = project.strategy_dir, project.renderer
        try:
            serving = self.command == "serve" and self.settings.preview
            self.site, renewed, self.preview = _build(project, (self.preview, _config_of(config)) if serving else None)
            self.reused = self.served.unchanged(self.site) if renewed is not None else {}
            self.generated = {page.src_uri: page for page in self.site.pages}
            self.ids_by_url = {}
        except PluginError:
            # While serving, a bad save must not take the pages away: MkDocs' server would hold
            # every request until the tree is fixed. The errors are logged; the last good pages stay.
            if self.command != "serve" or self.last_good is None:
                raise
            log.warning("ladder: serving the last good strategy pages until the errors above are fixed")
            self.site = self.last_good
        self.last_good = self.site
        config.extra_css.append(CSS_URI)
        config.extra_javascript.append(JS_URI)  # the owner, kind and tag filters (without it, everything is shown)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return files
        if self.reused:  # site_dir is empty now: the pages' folder of the last build comes back
            self.served.restore(config.site_dir, posixpath.dirname(self.site.overview.src_uri), self.generated)
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"ladder: docs/{page.src_uri} exists, and ladder generates that page; "
                    "move the file or set the plugin's `path` option to another folder"
                )
            if page.src_uri not in self.reused:  # a page reused is the last build's files (see reuse)
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        kept = {name for uri in self.reused for name in self.served.files_of(uri)}
        for path, svg in self.site.diagram_files().items():  # what each page's link opens on its own
            if path not in kept:
                files.append(File.generated(config, path, content=svg))
        for path, text in self.site.files.items():  # the changes' feed, and llms.txt unless the docs hold their own
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=text))
        files.append(File.generated(config, CSS_URI, content=stylesheet()))
        files.append(File.generated(config, JS_URI, content=script()))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.site is not None:
            add_section(nav, files, self.site, self.settings.nav_initiatives, self.settings.nav_max_strategies, self.reused)
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # The diagrams go into the finished HTML: no Markdown, raw-HTML or search parser reads them.
        if self.site is None:
            return output
        # A build writes each page once and can let its diagrams go; serve rebuilds keep them.
        made = self.generated.get(page.file.src_uri)
        if made is not None and made.node_id is not None:
            self.ids_by_url[page.url] = made.node_id
        if self.preview is not None and made is not None:
            self.served.keep(page, made, self.site)
        return with_feed_link(self.site.fill(output, release=self.command != "serve"), self.site, page.url)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if self.preview is not None:  # serving: the theme's templates compiled once, not once per build
            env.bytecode_cache = self.template_code
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs empties site_dir: the files of the pages this build reuses, moved aside.
        self.site_dir = config.site_dir
        self.reused = self.served.stash(config.site_dir, self.reused)

    def on_shutdown(self) -> None:
        # A build that failed after moving site_dir aside left the copy beside it: serve ends, and so does it.
        if self.site_dir is not None and self.command == "serve":  # only serve ever moves it
            self.served.drop_stash(self.site_dir)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.served.drop_stash(config.site_dir)
        if self.site is None or (index := read_index(config.site_dir)) is None:
            return
        tagged = tag_ids(index, self.ids_by_url)  # a search for an id lists its page first (see search)
        if self.preview is not None:
            self.served.merge_search(index["docs"], self.reused)
        if tagged or self.reused:
            write_index(config.site_dir, index)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer | None:
        if self.strategy_dir is not None:
            server.watch(str(self.strategy_dir))
        return server


def with_feed_link(html: str, site: Site, url: str) -> str:
    """The page with ``<link rel="alternate">`` to the changes' feed in its head (every page of
    the site, when there is a feed: with history)."""
    feed = next((path for path in site.files if path.endswith("/changes/feed.xml")), None)
    if feed is None or "</head>" not in html:
        return html
    title = escape(next((p.title for p in site.pages if p.kind == "changes"), "Changes"))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(get_relative_url(feed, url))}">'
    return html.replace("</head>", link + "</head>", 1)


def _build(project: Project, serving: tuple[Preview | None, object] | None = None) -> tuple[Site, frozenset[str] | None, Preview | None]:
    """Load, validate and render everything (``serving``: the last build's preview and the
    site's config, :func:`_config_of`; then only what an edit touched, when the preview can).
    The site, the node pages made anew (None: all) and the preview to keep. PluginError (with
    every problem logged) before anything is written but the cache."""
    for said in project.said():  # a repository that cannot be read fails `mkdocs build --strict`; the others are notes
        (log.warning if said.strict else log.info)(said.text if said.strict else f"{said.severity}: {said.text}")
    renewed: frozenset[str] | None = None
    kept: Preview | None = None
    try:
        if serving is None:
            result = publish(project)
        else:
            made = update(serving[0], project, context=serving[1])
            result, renewed, kept = made.published, made.renewed, made.kept
    except (UsageError, RenderError) as exc:
        raise PluginError(printable(f"ladder: {exc}")) from None
    _log(result)
    if project.measured is not None:
        log.info(f"ladder: {project.measured.summary()}")
    if result.site is None:
        errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
        raise PluginError(f"ladder: the strategy tree has {MESSAGES.count('count.errors', errors)}; nothing was built")
    if renewed is not None:
        log.info(f"ladder: {len(renewed)} node pages made anew, the others as the last build made them (their nav follows at a full build)")
    return result.site, renewed, kept


def _log(result: Published) -> None:
    """What a build says of its tree, its history and its cache."""
    if result.history is not None:
        for note in result.history.notes:
            log.debug(note)
        if not result.history.available:
            # Said once per build, at info: a shallow clone must not fail `mkdocs build --strict`.
            log.info(f"{'history is off' if result.history.quiet else 'warning: no history is available'}: {result.history.reason}")
    for problem in result.problems:  # a note is said at info: it never fails `mkdocs build --strict`
        {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.NOTE: log.info}[problem.severity](problem.text())
    if result.from_cache:
        log.debug("ladder: the tree is unchanged since a cached build; its pages were reused")
    if result.pruned is not None:
        pruned = result.pruned
        log.debug(
            "ladder: cache kept %d entries (%d bytes), removed %d (%d bytes)",
            pruned.kept,
            pruned.kept_bytes,
            pruned.removed,
            pruned.removed_bytes,
        )


def _config_of(config: MkDocsConfig) -> object:
    """What a preview's pages were made from besides the tree: the config file, where and as it is."""
    path = config.config_file_path
    return (path, Path(path).read_bytes() if path and Path(path).is_file() else None, config.site_dir, config.docs_dir)
