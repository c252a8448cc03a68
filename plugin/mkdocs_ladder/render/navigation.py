"""The strategy section of a site's navigation, as plain data: what the MkDocs plugin puts into
MkDocs' nav (:mod:`mkdocs_ladder.adapters.mkdocs.navigation`) and what ``ladder render`` writes
into a generator's config (:func:`mkdocs_ladder.adapters.files.navigation`), made once.

The section holds the overview (as its index page), the mission, the strategies and the views;
initiatives only when the ``nav_initiatives`` option asks for them, since a theme renders the
whole nav on every page. Past ``max_strategies`` strategies it lists none of them (the overview
leads to each): a nav that grows with the tree would grow the build with its square.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_ladder.render.site import Site, SitePage
from mkdocs_ladder.tree.model import VIEWS, Level


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry after the overview: a page, and the pages listed under it (a strategy's
    initiatives, when the nav lists them)."""

    page: SitePage
    children: tuple[SitePage, ...] = ()


def nav_items(site: Site, with_initiatives: bool, max_strategies: int) -> list[NavItem]:
    """The section's entries after the overview, in the site's order: the mission, the
    strategies, the views."""
    strategies = sum(1 for p in site.pages if p.level is Level.STRATEGY)
    by_parent: dict[str | None, list[SitePage]] = {}  # initiatives by their strategy, gathered once
    if with_initiatives:
        for p in site.pages:
            if p.level is Level.INITIATIVE:
                by_parent.setdefault(p.parent, []).append(p)
    items = []
    for page in site.pages:
        if page.level is Level.MISSION or page.kind in VIEWS:
            items.append(NavItem(page))
        elif page.level is Level.STRATEGY and strategies <= max_strategies:
            items.append(NavItem(page, tuple(by_parent.get(page.node_id, []))))
    return items
