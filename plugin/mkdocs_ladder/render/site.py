"""What a generated site is made of, whatever made it: the pages' options, each page, where
the diagrams are (:class:`DiagramMode`), the site's pages with their diagrams and charts, and
the URLs between pages.

Pages live under one folder (``strategy/`` by default): the overview at ``strategy/index.md``
and each node at ``strategy/<id>/index.md``, so a node's URL is ``strategy/<id>/`` with
directory URLs and ``strategy/<id>/index.html`` without, and no id can collide with the
overview. Links between generated pages are written as final, relative URLs (they sit in
HTML blocks and SVG, which a site generator does not rewrite), computed for the URL style
the site uses, so they work under any ``site_url``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from markupsafe import Markup

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.tree.model import Level


@dataclass(frozen=True, slots=True)
class PageOptions:
    """How the pages are laid out: made by :func:`mkdocs_ladder.wiring.page_options`."""

    folder: str
    directory_urls: bool
    overview_max_nodes: int
    diagram_max_children: int
    overview_title: str
    labels: Labels  # every fixed word of the pages
    kinds: Mapping[str, str]  # the kinds of work, with their descriptions
    horizons: Mapping[str, str] = field(default_factory=dict)  # the horizons, nearest first, with their names
    sizes: Mapping[str, float] = field(default_factory=dict)  # the scale of value and effort, smallest first, with each size's weight
    trailer: str = "Ladder"  # the key of the trailer that links a commit to a node
    trend_days: int = 90  # the days of values a metric's trend is drawn through (the rules' too)


@dataclass(frozen=True, slots=True)
class SitePage:
    """One generated page: where it goes, its Markdown, and what it shows."""

    src_uri: str
    markdown: str
    title: str
    node_id: str | None  # None for the overview and the views
    level: Level | None
    parent: str | None = None
    kind: str = "node"  # "overview", "node", or one of VIEWS


SLOT = '<div class="ladder-diagram__svg" data-ladder-diagram="{name}"></div>'
DIAGRAM_FILE = "diagram.svg"  # a linked diagram, beside its page
LINKED = '<div class="ladder-diagram__svg" data-ladder-svg="{file}"><img class="ladder-diagram__img" src="{file}" alt="{alt}"{style}></div>'
ALT = re.compile(r'aria-label="([^"]*)"')
CHART_SLOT = '<div class="ladder-chart__slot" data-ladder-chart="{key}"></div>'
SLOTS = re.compile(r'<div class="ladder-(diagram__svg|chart__slot)" data-ladder-(?:diagram|chart)="([a-z0-9_~-]+)"></div>')


class DiagramMode(Enum):
    """Where a page's diagrams are.

    * ``INLINE``: in the Markdown, so the files stand alone.
    * ``SLOT``: a slot that :meth:`Site.fill` replaces in the final HTML (the MkDocs plugin): no
      Markdown, HTML or search parser ever reads an SVG, and each SVG is held once.
    * ``LINKED``: a file beside each page (:data:`DIAGRAM_FILE`), shown by an image that the
      pages' script replaces by the SVG itself, clickable and themed (``ladder render``: a
      generator's Markdown parser never reads an SVG either, which at 1,000 pages cost Zensical a
      third of its build).
    """

    INLINE = "inline"
    SLOT = "slot"
    LINKED = "linked"


@dataclass(slots=True)
class Site:
    """Every generated page: the overview first, then nodes in the tree's order, then the views;
    the diagrams' SVG by name, and each node's History section by slot key (see
    :class:`DiagramMode`)."""

    pages: list[SitePage] = field(default_factory=list)
    diagrams: dict[str, str] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)  # each node's History section (charts and all), by slot key
    mode: DiagramMode = DiagramMode.INLINE
    #: What each node's page and diagram asked (a recorded build, for a preview), by node id.
    reads: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    context: object = None  # what a recorded build's pages were made in (see render.pages.page_answer)
    #: Other files the site holds, by their path in the docs: the changes' feed, llms.txt.
    files: dict[str, str] = field(default_factory=dict)

    def diagram_files(self) -> dict[str, str]:
        """Each diagram as a file of its own beside its page (:data:`DIAGRAM_FILE`), by its path
        in the docs: what a page's link opens on its own, full size; with ``linked``, also what
        the page shows. Its links are relative to its page's folder, as the page's are."""
        folder = posixpath.dirname(self.overview.src_uri)
        return {posixpath.join(folder, *([] if name == "overview" else [name]), DIAGRAM_FILE): svg for name, svg in self.diagrams.items()}

    def fill(self, html: str, release: bool = False) -> str:
        """``html`` with each diagram slot replaced by its SVG.

        ``release``: each page is built once, so its diagrams can be let go once placed.
        """
        if 'data-ladder-diagram="' not in html and 'data-ladder-chart="' not in html:
            return html

        def take(match: re.Match[str]) -> str:
            store = self.diagrams if match.group(1) == "diagram__svg" else self.charts
            return (store.pop if release else store.get)(match.group(2), match.group(0))

        return SLOTS.sub(take, html)

    def fingerprint(self, page: SitePage) -> str:
        """A digest of all that a page shows: its Markdown and what its slots hold (a preview
        reuses a page whose digest is as it was)."""
        digest = hashlib.sha256(page.markdown.encode())
        for kind, name in SLOTS.findall(page.markdown):
            digest.update((self.diagrams if kind == "diagram__svg" else self.charts).get(name, "").encode())
        return digest.hexdigest()

    @property
    def overview(self) -> SitePage:
        return self.pages[0]


class Urls:
    """Where pages go, and relative URLs between them for the site's URL style."""

    def __init__(self, options: PageOptions):
        self.folder = options.folder.strip("/")
        self.directory_urls = options.directory_urls

    def src_uri(self, node_id: str | None) -> str:
        return posixpath.join(self.folder, node_id, "index.md") if node_id else posixpath.join(self.folder, "index.md")

    def href(self, page: str | None, target: str | None) -> Markup:
        """From the page of node ``page`` (None: the overview) to that of ``target``."""
        up = "../" if page else ""
        path = f"{target}/" if target else ""
        leaf = "" if self.directory_urls else "index.html"
        return Markup(f"{up}{path}{leaf}" or "./")

    def linker(self, page: str | None) -> Callable[[str | None], str]:
        return lambda target: str(self.href(page, target))
