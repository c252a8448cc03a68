"""From a checked tree to a site's pages: the one pipeline the plugin and ``ladder render`` share."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files

from mkdocs_ladder import sitecache
from mkdocs_ladder.cache import DiskCache, Pruned
from mkdocs_ladder.check import Checked
from mkdocs_ladder.errors import Problem
from mkdocs_ladder.gcpause import paused_gc
from mkdocs_ladder.history.model import History
from mkdocs_ladder.history.reader import HistoryReader
from mkdocs_ladder.project import Project
from mkdocs_ladder.render import svg as svg_cache
from mkdocs_ladder.render.pages import Contents, outcome_diagrams, plan_diagrams, render_site
from mkdocs_ladder.render.site import DiagramMode, Site
from mkdocs_ladder.render.svg import Drawn
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.tree.reads import Query
from mkdocs_ladder.work.model import Work


@dataclass(frozen=True, slots=True)
class Built:
    """A checked tree's pages, and the rendered diagrams they hold."""

    site: Site
    drawn: Drawn


def build_site(
    checked: Checked,
    project: Project,
    mode: DiagramMode = DiagramMode.INLINE,
    only: Collection[str] | None = None,
    known: Mapping[str, str] | None = None,
    record: bool = False,
) -> Built:
    """Every page of ``project``, diagrams drawn, in ``mode`` (see
    :class:`~.render.pages.DiagramMode`); ``checked`` must hold a valid tree. With ``only``, the
    overview, the views and the pages of these nodes, their diagrams drawn and the other nodes'
    taken from ``known`` (a preview); with ``record``, what each node's page and diagram asked
    is kept on the site (:mod:`.tree.reads`), for a preview's next build. Raises RenderError."""
    if checked.tree is None:
        raise ValueError("build_site needs a valid tree")
    options = project.options
    reads: dict[str, set[Query]] | None = {} if record else None
    planned = plan_diagrams(checked.tree, options, only, reads) + outcome_diagrams(
        checked.tree, checked.measured, options, project.health.today
    )
    drawn = project.renderer.render(planned)
    svgs = {name: svg for name, svg in (known or {}).items() if name in checked.tree.nodes} | drawn.svgs
    with paused_gc():  # thousands of pages of short-lived strings and no cycles: see gcpause
        site = render_site(contents(checked, project), svgs, options, mode, only, reads)
    return Built(site, drawn)


def contents(checked: Checked, project: Project) -> Contents:
    """What the pages of a valid checked tree show: its health findings (the configurable ones),
    its history and the work linked to it, as of the project's build date."""
    if checked.tree is None:
        raise ValueError("only a valid tree has pages")
    return Contents(
        checked.tree,
        [p for p in checked.problems if p.configurable],
        checked.history,
        checked.linked,
        project.health.today,
        checked.measured,
    )


def stylesheet() -> str:
    """The stylesheet the pages need (the plugin adds it to extra_css itself)."""
    return files("mkdocs_ladder").joinpath("render/assets/ladder.css").read_text(encoding="utf-8")


def script() -> str:
    """The script of the owner, kind and tag filters (the plugin adds it to extra_javascript);
    without it the pages show everything."""
    return files("mkdocs_ladder").joinpath("render/assets/ladder.js").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Published:
    """Every problem of the tree; its pages when it has no error; whether they came whole from
    the cache; and what pruning the cache left (None without a cache, or when nothing was built)."""

    problems: list[Problem]
    site: Site | None
    from_cache: bool = False
    pruned: Pruned | None = None
    history: History | None = None  # what was read of the history (None from the cache, or when off)
    tree: Tree | None = None  # the tree checked (None from the cache, or with errors)


def publish(project: Project, mode: DiagramMode = DiagramMode.SLOT, record: bool = False) -> Published:
    """Check the tree and make its pages (diagrams as slots, for ``Site.fill``), reusing the
    whole result of an unchanged tree (and unchanged work) from the renderer's cache, then
    prune that cache to what this build used (see :mod:`.cache`); ``record``: see
    :func:`build_site` (a site from the cache holds no record). Raises RenderError (``dot``
    missing, crashing or hanging) before anything is written anywhere but the cache.
    """
    renderer = project.renderer
    cache = renderer.cache
    key = sitecache.site_key(project.source, project.state(mode)) if cache is not None else None
    kept = read_entries(project.history, project.work) + (project.measured.cache_entries() if project.measured else [])
    if cache is not None and key is not None:
        hit = sitecache.load(cache, key)
        if hit is not None:
            problems, pages, diagram_keys, charts, files = hit
            svgs = renderer.cached(diagram_keys)
            if svgs is not None:
                site = Site(pages=pages, diagrams=svgs, charts=charts, mode=mode, files=files)
                return Published(problems, site, from_cache=True, pruned=prune(cache, diagram_keys, key, kept))
    checked = project.check()
    if checked.tree is None:
        return Published(checked.problems, None, history=checked.history)
    built = build_site(checked, project, mode, record=record)
    pruned = None
    if cache is not None and key is not None:
        sitecache.store(cache, key, checked.problems, built.site, built.drawn.keys)
        pruned = prune(cache, built.drawn.keys, key, kept)
    return Published(checked.problems, built.site, pruned=pruned, history=checked.history, tree=checked.tree)


def read_entries(history: HistoryReader | None, work: Work | None) -> list[str]:
    """The cache entries of what a build read besides the tree (its history, each repository's
    work): pruning keeps them."""
    return ([name] if history is not None and (name := history.cache_entry()) else []) + (work.cache_entries() if work else [])


def prune(cache: DiskCache, diagram_keys: dict[str, str], site_key: str | None = None, others: Sequence[str] = ()) -> Pruned:
    """Prune the cache to what a build used: its diagrams, its whole result when it stored one,
    and ``others`` (the history it read)."""
    used = [svg_cache.entry_name(k) for k in diagram_keys.values()] + list(others)
    return cache.prune([*used, sitecache.entry_name(site_key)] if site_key else used)
