"""From a checked tree to a site's pages: the one pipeline the plugin and ``ladder render`` share."""

from __future__ import annotations

from importlib.resources import files

from .render.pages import PageOptions, Site, plan_diagrams, render_site
from .render.svg import SvgRenderer
from .validate import Checked

RENDER_MARKER = ".ladder-render"  # marks a folder that `ladder render` wrote (and may replace)


def build_site(checked: Checked, options: PageOptions, renderer: SvgRenderer) -> Site:
    """Every page, diagrams drawn; ``checked`` must hold a valid tree. Raises RenderError."""
    assert checked.tree is not None
    svgs = renderer.render(plan_diagrams(checked.tree, options))
    return render_site(checked.tree, svgs, options, [p for p in checked.problems if p.configurable])


def stylesheet() -> str:
    """The stylesheet the pages need (the plugin adds it to extra_css itself)."""
    return files("mkdocs_ladder").joinpath("render/assets/ladder.css").read_text(encoding="utf-8")
