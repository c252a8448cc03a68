"""The Markdown of every generated page: an overview, and one page per node.

Pages live under one folder (``strategy/`` by default): the overview at ``strategy/index.md``
and each node at ``strategy/<id>/index.md``, so a node's URL is ``strategy/<id>/`` with
directory URLs and ``strategy/<id>/index.html`` without, and no id can collide with the
overview. Links between generated pages are written as final, relative URLs (they sit in
HTML blocks and SVG, which a site generator does not rewrite), computed for the URL style
the site uses, so they work under any ``site_url``.

The templates get author text only through the environment's ``finalize`` hook, which makes
every value inert (:func:`.text.inline`) unless it is already :class:`~markupsafe.Markup`
(sanitised HTML, SVG from :mod:`.svg`, URLs made here). Forgetting to escape is not possible.

Nothing here knows about MkDocs: :func:`render_site` returns plain data that any adapter
(the MkDocs plugin, ``ladder render``) can publish.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..model import Level, Node, Status, Tree
from .diagrams import STATUS_COLOURS, Diagram, node_diagram, overview_diagram
from .text import inline, markdown_html, theme_title


@dataclass(frozen=True, slots=True)
class PageOptions:
    """How the pages are laid out; the MkDocs plugin fills these from its config."""

    folder: str = "strategy"
    directory_urls: bool = True
    overview_max_nodes: int = 60
    diagram_max_children: int = 60
    overview_title: str = "Strategy"


@dataclass(frozen=True, slots=True)
class SitePage:
    """One generated page: where it goes, its Markdown, and what it shows."""

    src_uri: str
    markdown: str
    title: str
    node_id: str | None  # None for the overview
    level: Level | None
    parent: str | None = None


@dataclass(slots=True)
class Site:
    """Every generated page, overview first, then nodes in the tree's order."""

    pages: list[SitePage] = field(default_factory=list)

    @property
    def overview(self) -> SitePage:
        return self.pages[0]

    def by_node(self, node_id: str) -> SitePage:
        return next(p for p in self.pages if p.node_id == node_id)


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


def _front_matter_title(title: str) -> Markup:
    """The theme's title as a YAML scalar: JSON's double-quoted strings are valid YAML."""
    return Markup(json.dumps(theme_title(title)))


def _finalize(value: object) -> object:
    """Every value printed by a template is inert text unless it is Markup made by ladder."""
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return inline(value)


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("mkdocs_ladder", "render/templates"),
    autoescape=True,  # values are made inert by finalize first; this keeps macro output (Markup) whole
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.globals.update(Status=Status, Level=Level, STATUS_COLOURS=STATUS_COLOURS)


@dataclass(slots=True)
class _Links:
    """What a template needs to link from one page."""

    urls: Urls
    page: str | None

    def __call__(self, target: str | None) -> Markup:
        return self.urls.href(self.page, target)


def _status_counts(nodes: list[Node]) -> dict[Status, int]:
    return {status: sum(1 for n in nodes if n.status is status) for status in Status}


def plan_diagrams(tree: Tree, options: PageOptions) -> list[Diagram]:
    """Every diagram the site shows: the overview's first, then one per node."""
    urls = Urls(options)
    diagrams = [overview_diagram(tree, urls.linker(None), options.overview_max_nodes)]
    for node in tree.nodes.values():
        diagrams.append(node_diagram(tree, node, urls.linker(node.id), options.diagram_max_children))
    return diagrams


def render_site(tree: Tree, svgs: dict[str, str], options: PageOptions) -> Site:
    """The Markdown of every page, given each diagram's SVG by diagram name."""
    urls = Urls(options)
    site = Site()
    overview = _ENV.get_template("overview.md.j2").render(
        tree=tree,
        title=options.overview_title,
        meta_title=_front_matter_title(options.overview_title),
        link=_Links(urls, None),
        svg=Markup(svgs["overview"]),
        strategies=[(s, _status_counts(tree.children(s.id))) for s in tree.at(Level.STRATEGY)],
        total=_status_counts(list(tree.at(Level.INITIATIVE))),
    )
    site.pages.append(SitePage(urls.src_uri(None), overview, options.overview_title, None, None))
    template = _ENV.get_template("node.md.j2")
    for node in tree.nodes.values():
        level = tree.level(node.id)
        children = tree.children(node.id)
        markdown = template.render(
            node=node,
            meta_title=_front_matter_title(node.title),
            level=level,
            child_level=Level(level + 1) if level < Level.INITIATIVE else None,
            tree=tree,
            link=_Links(urls, node.id),
            svg=Markup(svgs[node.id]),
            why=markdown_html(node.why) if node.why else None,
            description=markdown_html(node.description) if node.description else None,
            children=children,
            counts=_status_counts(children),
            supports=[tree.nodes[s] for s in node.supports if s in tree.nodes and s != node.parent],
            supporters=tree.supporters(node.id),
            ladder=tree.ladder(node.id),
        )
        site.pages.append(SitePage(urls.src_uri(node.id), markdown, node.title, node.id, level, node.parent))
    return site
