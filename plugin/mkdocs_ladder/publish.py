"""From a checked tree to a site's pages: the one pipeline the plugin and ``ladder render`` share."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from . import sitecache
from .errors import Problem
from .health import HealthSettings
from .render.pages import PageOptions, Site, plan_diagrams, render_site
from .render.svg import SvgRenderer
from .sources import Source
from .validate import Checked, check_directory

RENDER_MARKER = ".ladder-render"  # marks a folder that `ladder render` wrote (and may replace)


def build_site(checked: Checked, options: PageOptions, renderer: SvgRenderer, inline: bool = True) -> Site:
    """Every page, diagrams drawn; ``checked`` must hold a valid tree. Raises RenderError.

    ``inline=False`` leaves diagram slots in the pages, for :meth:`Site.fill` on the final HTML.
    """
    assert checked.tree is not None
    svgs = renderer.render(plan_diagrams(checked.tree, options))
    return render_site(checked.tree, svgs, options, [p for p in checked.problems if p.configurable], inline)


def stylesheet() -> str:
    """The stylesheet the pages need (the plugin adds it to extra_css itself)."""
    return files("mkdocs_ladder").joinpath("render/assets/ladder.css").read_text(encoding="utf-8")


@dataclass(slots=True)
class Published:
    """Every problem of the tree, and its pages when it has no error."""

    problems: list[Problem]
    site: Site | None
    from_cache: bool = False


def publish(source: Source, options: PageOptions, health: HealthSettings, renderer: SvgRenderer) -> Published:
    """Check the tree and make its pages (diagrams as slots, for ``Site.fill``), reusing the
    whole result of an unchanged tree from the renderer's cache folder. Raises RenderError
    (``dot`` missing, crashing or hanging) before anything is written anywhere but the cache.
    """
    key = sitecache.site_key(source, options, health, renderer.version()) if renderer.cache_dir else None
    if key is not None:
        hit = sitecache.load(renderer.cache_dir, key)  # type: ignore[arg-type]
        if hit is not None:
            problems, pages, diagram_keys = hit
            svgs = renderer.cached(diagram_keys)
            if svgs is not None:
                return Published(problems, Site(pages=pages, diagrams=svgs, inline=False), from_cache=True)
    checked = check_directory(source, health)
    if checked.tree is None:
        return Published(checked.problems, None)
    site = build_site(checked, options, renderer, inline=False)
    if key is not None:
        sitecache.store(renderer.cache_dir, key, checked.problems, site, renderer.keys)  # type: ignore[arg-type]
    return Published(checked.problems, site)
