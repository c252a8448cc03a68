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

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import jinja2
from markupsafe import Markup

from mkdocs_ladder.errors import Problem
from mkdocs_ladder.health import RULES, build_date
from mkdocs_ladder.history.model import History
from mkdocs_ladder.render.diagrams import STATUS_COLOURS, Diagram, Statements, node_diagram, overview_diagram
from mkdocs_ladder.render.text import inline, markdown_html, theme_title
from mkdocs_ladder.render.timeline import CHANGES_WEEKS, changes, recently_done, timeline
from mkdocs_ladder.tree.model import Level, Node, Owner, Status, Tree


@dataclass(frozen=True, slots=True)
class PageOptions:
    """How the pages are laid out: made by :meth:`mkdocs_ladder.settings.Settings.page_options`."""

    folder: str
    directory_urls: bool
    overview_max_nodes: int
    diagram_max_children: int
    overview_title: str


VIEWS = ("changes", "health", "owners", "tags")  # pages beside the nodes', at strategy/<view>/ (ids reserved in the model)


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


_SLOT = '<div class="ladder-diagram__svg" data-ladder-diagram="{name}"></div>'
_CHART_SLOT = '<div class="ladder-chart__slot" data-ladder-chart="{key}"></div>'
_SLOTS = re.compile(r'<div class="ladder-(diagram__svg|chart__slot)" data-ladder-(?:diagram|chart)="([a-z0-9_~-]+)"></div>')


@dataclass(slots=True)
class Site:
    """Every generated page: the overview first, then nodes in the tree's order, then the views.

    Diagrams are either inline in the Markdown (``ladder render``: the files must stand alone)
    or left as slots that :meth:`fill` replaces in the final HTML (the MkDocs plugin): then no
    Markdown, HTML or search parser ever reads an SVG, and each SVG is held once.
    """

    pages: list[SitePage] = field(default_factory=list)
    diagrams: dict[str, str] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)  # each node's History section (charts and all), by slot key
    inline: bool = True

    def fill(self, html: str, release: bool = False) -> str:
        """``html`` with each diagram slot replaced by its SVG.

        ``release``: each page is built once, so its diagrams can be let go once placed.
        """
        if 'data-ladder-diagram="' not in html and 'data-ladder-chart="' not in html:
            return html

        def take(match: re.Match[str]) -> str:
            store = self.diagrams if match.group(1) == "diagram__svg" else self.charts
            return (store.pop if release else store.get)(match.group(2), match.group(0))

        return _SLOTS.sub(take, html)

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


_BADGES = {status: Markup(f'<span class="ladder-status ladder-status--{status.value}">{status.value}</span>') for status in Status}


class _Fragments:
    """Small pieces of HTML that tables repeat on every row, made once (Jinja macro calls are dear)."""

    def __init__(self, urls: Urls, owners: dict[str, Owner]):
        self.urls = urls
        self.owners = owners
        self._owner_links: dict[tuple[bool, str], Markup] = {}

    @staticmethod
    def badge(status: Status) -> Markup:
        return _BADGES[status]

    @staticmethod
    def badge_of(value: object) -> Markup:
        """The badge of a status as history recorded it (text)."""
        return _BADGES[Status(value)] if isinstance(value, str) and value in Status._value2member_map_ else inline(value)

    def owner(self, name: str | None, page: str | None) -> Markup:
        """The owner's display name, linked to their entry on the owners page ("" when none)."""
        if not name:
            return Markup("")
        key = (page is None, name)  # every node page links the same way; the overview differently
        if key not in self._owner_links:
            shown = self.owners[name].name if name in self.owners else name
            href = Markup(self.urls.href(page, "owners")) + "#" + anchor("owner", name)
            self._owner_links[key] = Markup('<a class="ladder-owner-link" href="{}">{}</a>').format(href, inline(shown))
        return self._owner_links[key]


_CHANGE_KINDS = (("added", "Added"), ("status", "Status changes"), ("step", "Steps done"), ("metric", "Metrics moved"),
                 ("removed", "Removed"))


def _status_counts(nodes: list[Node]) -> dict[Status, int]:
    return {status: sum(1 for n in nodes if n.status is status) for status in Status}


def anchor(kind: str, text: str) -> Markup:
    """A stable HTML id for an owner or tag: readable, and unique even when slugs collide."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"
    return Markup(f"{kind}-{slug}-{hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:6]}")


@dataclass(slots=True)
class _Rollup:
    """What a strategy's (or the whole tree's) initiatives add up to."""

    counts: dict[Status, int]
    steps_done: int
    steps: int
    warnings: int
    recent: int  # steps done in the last 30 days (0 without history)


def _rollup(initiatives: list[Node], warnings: dict[str, list[Problem]], extra: Sequence[str] = (),
            recent: dict[str, int] | None = None) -> _Rollup:
    return _Rollup(
        _status_counts(initiatives),
        sum(n.steps_done for n in initiatives),
        sum(len(n.steps) for n in initiatives),
        sum(len(warnings.get(i, [])) for i in [*(n.id for n in initiatives), *extra]),
        sum((recent or {}).get(n.id, 0) for n in initiatives),
    )


def plan_diagrams(tree: Tree, options: PageOptions) -> list[Diagram]:
    """Every diagram the site shows: the overview's first, then one per node."""
    urls = Urls(options)
    dot = Statements(tree)
    diagrams = [overview_diagram(tree, urls.linker(None), options.overview_max_nodes, dot)]
    for node in tree.nodes.values():
        diagrams.append(node_diagram(tree, node, urls.linker(node.id), options.diagram_max_children, dot))
    return diagrams


def render_site(tree: Tree, svgs: dict[str, str], options: PageOptions, health: Sequence[Problem] = (), inline: bool = True,
                history: History | None = None, today: date | None = None) -> Site:
    """The Markdown of every page, given each diagram's SVG, the tree's health findings and
    its history (None: history is off, and no page mentions it).

    With ``inline=False`` the pages hold slots for the diagrams, for :meth:`Site.fill`.
    """
    today = today or build_date()
    shown = history if history is not None and not history.quiet else None
    note = shown.reason if shown is not None and not shown.available else None
    recent = recently_done(tree, shown, today) if shown is not None and shown.available else None
    urls = Urls(options)
    warnings: dict[str, list[Problem]] = {}
    for problem in health:
        if problem.node:
            warnings.setdefault(problem.node, []).append(problem)
    common = {"tree": tree, "warnings": warnings, "owners": tree.owners or {}, "anchor": anchor, "rules": RULES,
              "fx": _Fragments(urls, tree.owners or {})}
    site = Site(diagrams=svgs, inline=inline)

    def diagram(name: str) -> Markup:
        return Markup(svgs[name] if inline else _SLOT.format(name=name))

    history_section = _ENV.get_template("history.html.j2")

    def history_block(node: Node, level: Level) -> Markup | None:
        """A node's History section: inline, or as a slot that :meth:`Site.fill` fills in the
        final HTML, so no Markdown or search parser reads its charts, tables and lists (at
        thousands of pages, that parsing cost more than reading the history)."""
        made = timeline(tree, node, shown, today) if shown is not None and note is None else None
        if made is None:
            return None
        html = Markup(history_section.render(timeline=made, level=level, fx=common["fx"]))
        if inline:
            return html
        key = f"{node.id}~{len(site.charts)}"
        site.charts[key] = str(html)
        return Markup(_CHART_SLOT.format(key=key))

    strategies = list(tree.at(Level.STRATEGY))
    overview = _ENV.get_template("overview.md.j2").render(
        **common,
        title=options.overview_title,
        meta_title=_front_matter_title(options.overview_title),
        link=_Links(urls, None),
        svg=diagram("overview"),
        strategies=[(s, _rollup(tree.children(s.id), warnings, [s.id], recent)) for s in strategies],
        total=_rollup(list(tree.at(Level.INITIATIVE)), warnings, [s.id for s in strategies] + [tree.mission.id], recent),
        recent=recent,
        with_changes=shown is not None,
    )
    site.pages.append(SitePage(urls.src_uri(None), overview, options.overview_title, None, None, kind="overview"))

    template = _ENV.get_template("node.md.j2")
    for node in tree.nodes.values():
        level = tree.level(node.id)
        children = tree.children(node.id)
        markdown = template.render(
            **common,
            node=node,
            meta_title=_front_matter_title(node.title),
            level=level,
            child_level=Level(level + 1) if level < Level.INITIATIVE else None,
            link=_Links(urls, node.id),
            svg=diagram(node.id),
            why=markdown_html(node.why) if node.why else None,
            description=markdown_html(node.description) if node.description else None,
            children=children,
            rollup=_rollup(children, warnings) if level is Level.STRATEGY else None,
            counts=_status_counts(children),
            supports=[tree.nodes[s] for s in node.supports if s in tree.nodes and s != node.parent],
            supporters=tree.supporters(node.id),
            ladder=tree.ladder(node.id),
            history_note=note,
            history_block=history_block(node, level),
        )
        site.pages.append(SitePage(urls.src_uri(node.id), markdown, node.title, node.id, level, node.parent))

    owned: dict[str, list[Node]] = {}
    tagged: dict[str, list[Node]] = {}
    for node in tree.nodes.values():
        if node.owner:
            owned.setdefault(node.owner, []).append(node)
        for tag in node.tags:
            tagged.setdefault(tag, []).append(node)
    by_rule = {rule: [p for p in health if p.rule == rule] for rule in RULES}
    views: dict[str, tuple[str, dict[str, object]]] = {}
    if shown is not None:
        weeks = changes(shown, today) if note is None else []
        grouped = [(monday, [(kind, heading, [e for e in events if e.kind == kind]) for kind, heading in _CHANGE_KINDS
                             if any(e.kind == kind for e in events)]) for monday, events in weeks]
        counts = {kind: sum(1 for _, events in weeks for e in events if e.kind == kind) for kind, _ in _CHANGE_KINDS}
        views["changes"] = ("Changes", {"weeks": grouped, "weeks_shown": CHANGES_WEEKS, "counts": counts, "history_note": note,
                                        "levels": {i: tree.level(i).noun for i in tree.nodes}})
    views |= {
        "health": ("Health", {"by_rule": {r: ps for r, ps in by_rule.items() if ps}, "total": len(health),
                              "waived": [(n, rule, reason) for n in tree.nodes.values() for rule, reason in n.waive.items()]}),
        "owners": ("Owners", {"owned": sorted(owned.items(), key=lambda item: item[0].lower()),
                              "unused": sorted(set(tree.owners or {}) - set(owned))}),
        "tags": ("Tags", {"tagged": sorted(tagged.items(), key=lambda item: item[0].lower())}),
    }
    for kind, (title, context) in views.items():
        markdown = _ENV.get_template(f"{kind}.md.j2").render(
            **common, **context, title=title, meta_title=_front_matter_title(title), link=_Links(urls, kind)
        )
        site.pages.append(SitePage(urls.src_uri(kind), markdown, title, None, None, kind=kind))
    return site
