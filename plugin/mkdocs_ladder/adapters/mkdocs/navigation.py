"""Puts the "Strategy" section into MkDocs' navigation.

MkDocs' themes print nav titles as they are, unescaped, so every title set here is made
inert first (:func:`.render.text.theme_title`), as the generated pages' own titles are.

The section's entries are :func:`mkdocs_ladder.render.navigation.nav_items`'s. It is
appended after the user's own pages, or put where the user's explicit ``nav`` names the
overview page (``- Our strategy: strategy/index.md``), under the title given there.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_ladder.render.navigation import nav_items
from mkdocs_ladder.render.site import Site
from mkdocs_ladder.render.text import theme_title


def add_section(
    nav: Navigation, files: Files, site: Site, with_initiatives: bool, max_strategies: int = 50, reused: Mapping[str, str] | None = None
) -> None:
    """Insert the section into ``nav``, titled as the site's overview, and relink pages,
    parents, previous and next.

    Past ``max_strategies`` strategies the section lists none of them: every page renders the
    whole nav, so a nav that grows with the tree would grow the build with its square.
    ``reused``: pages a serve build copies as the last build wrote them (src_uri -> URL), which
    the nav links to (:mod:`.reuse`).
    """
    page: dict[str, StructureItem] = {
        p.src_uri: _Reused(theme_title(p.title), reused[p.src_uri]) if reused and p.src_uri in reused else _page(files, p.src_uri)
        for p in site.pages
    }
    overview = _page(files, site.overview.src_uri)
    children: list[StructureItem] = [overview]
    for item in nav_items(site, with_initiatives, max_strategies):
        below = [page[c.src_uri] for c in item.children]
        children.append(Section(theme_title(item.page.title), [page[item.page.src_uri], *below]) if below else page[item.page.src_uri])
    section = Section(theme_title(site.overview.title), children)
    if not _replace(nav.items, overview, section):
        nav.items.append(section)
    _relink(nav)


def _page(files: Files, src_uri: str) -> Page:
    """The page MkDocs made of a generated file (each was added in on_files)."""
    file = files.get_file_from_path(src_uri)
    if file is None or file.page is None:
        raise LookupError(f"ladder: {src_uri} is not among the site's pages (did another plugin remove it?)")
    return file.page


def _replace(items: list[StructureItem], overview: Page, section: Section) -> bool:
    """Put ``section`` where the user's nav lists the overview page; True when it did."""
    for index, item in enumerate(items):
        if item is overview:
            if overview.title:
                section.title = overview.title
            items[index] = section
            return True
        if isinstance(item, Section) and _replace(item.children, overview, section):
            return True
    return False


def _relink(nav: Navigation) -> None:
    """What MkDocs does after building a nav: the flat page list, parents, previous and next.
    A page a serve build reuses is a link in the nav (:mod:`.reuse`), and still the previous or
    next of its neighbours, as it is in a full build."""
    pages: list[Page] = []
    sequence: list[Page | Link] = []

    def walk(items: list[StructureItem], parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Page):
                pages.append(item)
                sequence.append(item)
            elif isinstance(item, _Reused):
                sequence.append(item)
            elif isinstance(item, Section):
                walk(item.children, item)

    walk(nav.items, None)
    for before, after in zip([None, *sequence], [*sequence, None], strict=True):
        if isinstance(before, Page):
            before.next_page = after  # type: ignore[assignment]  # a link has the url and title a theme reads
        if isinstance(after, Page):
            after.previous_page = before  # type: ignore[assignment]
    nav.pages = pages


class _Reused(Link):
    """A generated page that a serve build takes as the last build wrote it (:mod:`.reuse`)."""
