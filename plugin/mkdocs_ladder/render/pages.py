"""The Markdown of every generated page: an overview, one page per node, and the views (where
and how: :mod:`.site`; the roadmap's, the work's and the history's sections: :mod:`.roadmap`,
:mod:`.delivery`, :mod:`.timeline`).

The templates get author text only through the environment's ``finalize`` hook, which makes
every value inert (:func:`.text.inline`) unless it is already :class:`~markupsafe.Markup`
(sanitised HTML, SVG from :mod:`.svg`, URLs made here). Forgetting to escape is not possible.

Nothing here knows about MkDocs: :func:`render_site` returns plain data that any adapter
(the MkDocs plugin, ``ladder render``) can publish.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import jinja2
from markupsafe import Markup

from mkdocs_ladder.errors import Problem, Severity
from mkdocs_ladder.health import RULES, build_date
from mkdocs_ladder.history.events import renamed
from mkdocs_ladder.history.model import History, done_days
from mkdocs_ladder.labels import Labels
from mkdocs_ladder.metrics.model import Measured
from mkdocs_ladder.metrics.nodes import Outcome, calibration, measured_moves, overall, tree_outcomes
from mkdocs_ladder.metrics.outcomes import Standing
from mkdocs_ladder.render.delivery import WEEKS, integrations_table, recent_counts, repositories, work_html, work_section
from mkdocs_ladder.render.diagrams import (
    STATUS_COLOURS,
    Diagram,
    Statements,
    drawn_children,
    facets,
    kind_marks,
    node_diagram,
    overview_diagram,
)
from mkdocs_ladder.render.feed import FEED_FILE, FeedPlace, atom_feed, llms_txt
from mkdocs_ladder.render.filters import filters_for
from mkdocs_ladder.render.outcomes import (
    Marks,
    calibration_rows,
    measured_values,
    metric_anchor,
    metric_rows,
    metric_tree_diagram,
    shown,
    shown_outcomes,
    standing_badge,
)
from mkdocs_ladder.render.roadmap import roadmap_view
from mkdocs_ladder.render.site import (
    ALT,
    CHART_SLOT,
    DIAGRAM_FILE,
    LINKED,
    SLOT,
    DiagramMode,
    PageOptions,
    Site,
    SitePage,
    Urls,
)
from mkdocs_ladder.render.svg import legible_width
from mkdocs_ladder.render.text import anchor, code_spans, first_upper, inline, markdown_html, theme_title, url
from mkdocs_ladder.render.timeline import CHANGES_WEEKS, changes, plan_change, recently_done, timeline
from mkdocs_ladder.render.value import value_html
from mkdocs_ladder.tree.model import VIEWS, Level, Node, Status, Tree, leading
from mkdocs_ladder.tree.reads import Noted, Query, RecordingTree, answer, noting
from mkdocs_ladder.work.model import Linked


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
_ENV.filters["first_upper"] = first_upper
_ENV.filters["href"] = url
_ENV.filters["code_spans"] = code_spans


@dataclass(slots=True)
class _Links:
    """What a template needs to link from one page."""

    urls: Urls
    page: str | None

    def __call__(self, target: str | None) -> Markup:
        return self.urls.href(self.page, target)


class _Fragments:
    """Small pieces of HTML that tables repeat on every row, made once (Jinja macro calls are dear)."""

    def __init__(self, urls: Urls, tree: Tree, labels: Labels, kinds: Mapping[str, str]):
        self.urls = urls
        self.tree = tree
        self.owners = tree.owners or {}
        self._owner_links: dict[tuple[bool, str], Markup] = {}
        self._badges = {
            status: Markup('<span class="ladder-status ladder-status--{}">{}</span>').format(status.value, labels.status(status))
            for status in Status
        }
        self.marks = marks = kind_marks(kinds)  # each kind's mark, for the legends too
        self._kinds = {
            kind: Markup(
                '<span class="ladder-kind ladder-kind--{}" title="{}"><span class="ladder-kind__mark" aria-hidden="true">{}</span> {}</span>'
            ).format(kind, description, marks[kind], kind)
            for kind, description in kinds.items()
        }
        self._facets: dict[str, str] = {}

    def badge(self, status: Status) -> Markup:
        return self._badges[status]

    def badge_of(self, value: object) -> Markup:
        """The badge of a status as history recorded it (text)."""
        return self._badges[Status(value)] if isinstance(value, str) and value in Status._value2member_map_ else inline(value)

    def kind(self, kind: str | None) -> Markup:
        """A kind of work's mark and name, its description on hover ("" for none)."""
        return self._kinds.get(kind, inline(kind)) if kind else Markup("")

    def facets(self, node: Node) -> str:
        """The classes the owner, kind and tag filters read on a row (see :func:`.diagrams.facets`)."""
        if node.id not in self._facets:
            self._facets[node.id] = " ".join(facets(self.tree, node))
        return self._facets[node.id]

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


_CHANGE_KINDS = ("added", "status", "parent", "step", "metric", "plan", "removed")


def _status_counts(nodes: list[Node]) -> dict[Status, int]:
    return {status: sum(1 for n in nodes if n.status is status) for status in Status}


@dataclass(slots=True)
class _Rollup:
    """What a strategy's (or the whole tree's) initiatives add up to."""

    counts: dict[Status, int]
    steps_done: int
    steps: int
    warnings: int
    recent: int  # steps done in the last 30 days (0 without history)


def _rollup(
    initiatives: list[Node], warnings: dict[str, list[Problem]], extra: Sequence[str] = (), recent: dict[str, int] | None = None
) -> _Rollup:
    return _Rollup(
        _status_counts(initiatives),
        sum(n.steps_done for n in initiatives),
        sum(len(n.steps) for n in initiatives),
        sum(len(warnings.get(i, [])) for i in [*(n.id for n in initiatives), *extra]),
        sum((recent or {}).get(n.id, 0) for n in initiatives),
    )


def _kinds_in(kinds: Mapping[str, str], nodes: Iterable[Node]) -> list[str]:
    """The kinds of work among ``nodes`` (a diagram's boxes), in the site's order: its legend."""
    found = {n.kind for n in nodes}
    return [kind for kind in kinds if kind in found]


def _supports_both_ways(tree: Tree, node: Node) -> list[Node]:
    """The nodes a node's diagram shows through ``supports``, both ways."""
    return [tree.nodes[s] for s in node.supports if s in tree.nodes] + tree.supporters(node.id)


def _learning(tree: Tree) -> dict[str, object]:
    """The learning page: open questions by strategy, then node (a strategy first, then its
    initiatives; the mission's under "elsewhere"), and the answered ones with their answers."""

    def asked(nodes: list[Node]) -> list[tuple[Node, list[str]]]:
        return [(n, qs) for n in nodes if (qs := [q.question for q in n.questions if q.answer is None])]

    groups = [(strategy, found) for strategy in tree.at(Level.STRATEGY) if (found := asked([strategy, *tree.children(strategy.id)]))]
    elsewhere = asked([tree.mission, *(n for n in tree.at(Level.INITIATIVE) if n.parent not in tree.nodes)])
    answered = [(n, q.question, markdown_html(q.answer)) for n in tree.nodes.values() for q in n.questions if q.answer is not None]
    return {
        "groups": groups,
        "elsewhere": elsewhere,
        "answered": answered,
        "open_count": sum(len(qs) for _, found in groups for _, qs in found) + sum(len(qs) for _, qs in elsewhere),
    }


def plan_diagrams(
    tree: Tree, options: PageOptions, only: Collection[str] | None = None, reads: dict[str, set[Query]] | None = None
) -> list[Diagram]:
    """Every diagram the site shows: the overview's first, then one per node (``only``: the
    overview's and those of these nodes). With ``reads``, what each node's diagram asked of
    the tree is noted there, by node (:mod:`~mkdocs_ladder.tree.reads`)."""
    urls = Urls(options)
    dot = Statements(tree, options.labels, list(options.kinds), next(iter(options.horizons), None))
    diagrams = [overview_diagram(tree, urls.linker(None), options.overview_max_nodes, dot)]
    for node in tree.nodes.values():
        if only is None or node.id in only:
            if reads is None:
                diagrams.append(node_diagram(tree, node, urls.linker(node.id), options.diagram_max_children, dot))
                continue
            noted = reads.setdefault(node.id, {("node", node.id)})
            with noting(noted):
                diagrams.append(node_diagram(RecordingTree(tree, noted), node, urls.linker(node.id), options.diagram_max_children, dot))
    return diagrams


def outcome_diagrams(tree: Tree, measured: Measured | None, options: PageOptions, today: date) -> list[Diagram]:
    """The metric tree's diagram, for the metrics page (none without a catalogue)."""
    if measured is None:
        return []
    outcomes = tree_outcomes(tree, measured, today, options.trend_days)
    return [metric_tree_diagram(tree, outcomes, str(Urls(options).href("metrics", "metrics")), options.labels)]


@dataclass(frozen=True, slots=True)
class _Context:
    """What every page builder reads: the tree, the options, the history as shown, and what the
    templates share. Made once per site by :func:`_context`."""

    tree: Tree
    options: PageOptions
    svgs: Mapping[str, str]
    mode: DiagramMode
    urls: Urls
    warnings: dict[str, list[Problem]]
    common: dict[str, object]  # what every template gets
    history: History | None  # None: history is off or quiet, and no page mentions it
    note: str | None  # why the history shown is not available
    recent: dict[str, int] | None  # steps done in the last 30 days, by node
    today: date
    linked: Linked | None = None  # None: no work was read, and no page mentions it
    integrations: dict[str, int] | None = None  # integrations in the last 30 days, by node (None: no column)
    health: Sequence[Problem] = ()  # the findings the pages show (no notes)
    measured: Measured | None = None  # the catalogue's metrics as read (None: no catalogue, and no page mentions it)
    outcomes: Mapping[str, list[Outcome]] = field(default_factory=dict)  # each node's metrics of the catalogue
    done: Mapping[str, date] = field(default_factory=dict)  # the day each done node was marked done (from history)

    @property
    def labels(self) -> Labels:
        return self.options.labels


@dataclass(frozen=True, slots=True)
class Contents:
    """What the pages show: a valid tree, its health findings, its history (None: history is
    off, and no page mentions it), the work linked to it (None: none was read) and the build
    date (None: :func:`~mkdocs_ladder.health.build_date`)."""

    tree: Tree
    health: Sequence[Problem] = ()
    history: History | None = None
    linked: Linked | None = None
    today: date | None = None
    measured: Measured | None = None  # the catalogue's metrics, as read (None: no catalogue)


def _context(what: Contents, svgs: Mapping[str, str], options: PageOptions, mode: DiagramMode) -> _Context:
    tree, history, work, today = what.tree, what.history, what.linked, what.today or build_date()
    # A note is said by `ladder check` and in the build's log, not on the pages: what it notes
    # (a trailer that names no node) has a page of its own, strategy/work/.
    health = [p for p in what.health if p.severity is not Severity.NOTE]
    shown = history if history is not None and not history.quiet else None
    note = shown.reason if shown is not None and not shown.available else None
    recent = recently_done(tree, shown, today) if shown is not None and shown.available else None
    urls = Urls(options)
    warnings: dict[str, list[Problem]] = {}
    for problem in health:
        if problem.node:
            warnings.setdefault(problem.node, []).append(problem)
    fx = _Fragments(urls, tree, options.labels, options.kinds)
    common = {
        "tree": tree,
        "warnings": warnings,
        "owners": tree.owners or {},
        "anchor": anchor,
        "rules": RULES,
        "fx": fx,
        "diagram_file": DIAGRAM_FILE,
        "t": options.labels,
        "kinds": options.kinds,
        "marks": fx.marks,
    }
    measured = what.measured
    outcomes = tree_outcomes(tree, measured, today, options.trend_days) if measured is not None else {}
    done = done_days(shown, {n.id: n.status.value for n in tree.nodes.values()}) if shown is not None and note is None else {}
    integrations = recent_counts(tree, work)
    return _Context(
        tree, options, svgs, mode, urls, warnings, common, shown, note, recent, today, work, integrations, health, measured, outcomes, done
    )


def _diagram(ctx: _Context, name: str) -> Markup:
    """A diagram as the page shows it, in the site's :class:`DiagramMode`."""
    if ctx.mode is DiagramMode.LINKED:
        alt = ALT.search(ctx.svgs[name])  # already an escaped attribute value
        floor = legible_width(ctx.svgs[name])
        return Markup(
            LINKED.format(file=DIAGRAM_FILE, alt=alt.group(1) if alt else "", style=f' style="min-width:{floor}px"' if floor else "")
        )
    return Markup(ctx.svgs[name] if ctx.mode is DiagramMode.INLINE else SLOT.format(name=name))


def _slotted(ctx: _Context, key: str, html: Markup) -> tuple[Markup, dict[str, str]]:
    """A section of charts and tables as the page holds it, and the HTML its slot stands for.

    In the page, unless the diagrams are slots: then a slot too, that :meth:`Site.fill` fills in the final
    HTML, so no Markdown or search parser reads its charts, tables and lists (at thousands of
    pages, that parsing cost more than reading the history)."""
    if ctx.mode is not DiagramMode.SLOT:  # pages that stand alone (inline, or linked diagrams) hold it whole
        return html, {}
    return Markup(CHART_SLOT.format(key=key)), {key: str(html)}


def _history_section(ctx: _Context, node: Node, level: Level) -> tuple[Markup | None, dict[str, str]]:
    """A node's History section (None without history), and the HTML its slot stands for (:func:`_slotted`)."""
    made = (
        timeline(ctx.tree, node, ctx.history, ctx.today, ctx.labels, ctx.options.horizons)
        if ctx.history is not None and ctx.note is None
        else None
    )
    if made is None:
        return None, {}
    html = Markup(_ENV.get_template("history.html.j2").render(timeline=made, level=level, fx=ctx.common["fx"], t=ctx.labels))
    return _slotted(ctx, f"{node.id}~history", html)


def _work_section(ctx: _Context, node: Node, level: Level) -> tuple[Markup | None, dict[str, str]]:
    """A node's Work section (None when no work was read, or no trailer names any node), and
    the HTML its slot stands for (:func:`_slotted`)."""
    if ctx.linked is None or not ctx.linked.in_use:
        return None, {}
    return _slotted(ctx, f"{node.id}~work", work_html(work_section(ctx.tree, node, ctx.linked, ctx.labels), level, ctx.labels))


def _outcomes_section(ctx: _Context, node: Node) -> tuple[Markup | None, dict[str, str]]:
    """A node's Outcomes section: a chart per metric of the catalogue it names (None: it names
    none), and the HTML its slot stands for (:func:`_slotted`)."""
    found = ctx.outcomes.get(node.id)
    if not found or ctx.measured is None:
        return None, {}
    integrated = [d.integration.day for d in ctx.linked.nodes.get(node.id, [])] if ctx.linked is not None else []
    marks = Marks(integrated, ctx.done.get(node.id), ctx.today)
    html = _ENV.get_template("outcomes.html.j2").render(
        items=shown_outcomes(found, ctx.measured, marks, ctx.labels),
        t=ctx.labels,
        metrics_href=ctx.urls.href(node.id, "metrics"),
        anchor_of=metric_anchor,
        badge=lambda standing: standing_badge(standing, ctx.labels),
        shown=shown,
    )
    return _slotted(ctx, f"{node.id}~outcomes", Markup(html))


def _latest(ctx: _Context, node: Node) -> dict[str, str]:
    """The latest value of each metric of the catalogue that a node names, as its table shows it."""
    return {o.metric: shown(o.values[-1][1], o.definition.unit) for o in ctx.outcomes.get(node.id, []) if o.values}


def _measured_block(ctx: _Context, page: str | None) -> Markup:
    """Done work beside how far its metrics moved after it was done (the 20/80 view, measured)."""
    rows = measured_values(ctx.tree, measured_moves(ctx.outcomes, ctx.done))
    return Markup(_ENV.get_template("measured.html.j2").render(**ctx.common, rows=rows, shown=LIST_SHOWN, link=_Links(ctx.urls, page)))


def _standings(ctx: _Context) -> dict[str, Standing] | None:
    """Each strategy's standing across its metrics, for those that name one (None: the tree has no catalogue)."""
    if ctx.measured is None:
        return None
    return {s.id: overall(ctx.outcomes[s.id]) for s in ctx.tree.at(Level.STRATEGY) if s.id in ctx.outcomes}


#: The strategies the overview's table shows as the page opens; past it, the largest first, and
#: the rest one click away with their count.
OVERVIEW_ROWS = 12


def _largest_first(rows: list[tuple[Node, _Rollup]]) -> list[tuple[Node, _Rollup]]:
    """The strategies' rows in the tree's order, or, when they are more than the table shows,
    the strategies with the most initiatives first."""
    return rows if len(rows) <= OVERVIEW_ROWS else sorted(rows, key=lambda row: -sum(row[1].counts.values()))


def overview_page(ctx: _Context) -> SitePage:
    """The overview: the mission, the strategies with their roll-ups, the whole diagram."""
    tree, options, title = ctx.tree, ctx.options, ctx.options.overview_title
    strategies = list(tree.at(Level.STRATEGY))
    whole = len(tree.nodes) <= options.overview_max_nodes  # the overview diagram shows every node
    markdown = _ENV.get_template("overview.md.j2").render(
        **ctx.common,
        title=title,
        meta_title=_front_matter_title(title),
        link=_Links(ctx.urls, None),
        svg=_diagram(ctx, "overview"),
        strategies=_largest_first([(s, _rollup(tree.children(s.id), ctx.warnings, [s.id], ctx.recent)) for s in strategies]),
        shown_rows=OVERVIEW_ROWS,
        total=_rollup(list(tree.at(Level.INITIATIVE)), ctx.warnings, [s.id for s in strategies] + [tree.mission.id], ctx.recent),
        recent=ctx.recent,
        integrations=ctx.integrations,
        with_changes=ctx.history is not None,
        with_work=ctx.linked is not None,
        standings=_standings(ctx),
        badge=lambda standing: standing_badge(standing, ctx.labels),
        measured_block=_measured_block(ctx, None) if ctx.measured is not None else None,
        filters=filters_for([*strategies, *tree.at(Level.INITIATIVE)], tree.owners or {}),
        kinds_shown=_kinds_in(options.kinds, tree.nodes.values() if whole else [tree.mission, *strategies]),
        diagram_links=[(s, tree.children(s.id)) for s in strategies] if whole else [],
        value_block=value_html(
            list(tree.at(Level.INITIATIVE)),
            options.sizes,
            ctx.labels,
            _Links(ctx.urls, None),
            ctx.labels.level(Level.INITIATIVE, plural=True),
        ),
    )
    return SitePage(ctx.urls.src_uri(None), markdown, title, None, None, kind="overview")


#: The rows of a node's table of children, and the items of its list of supporters, shown as the
#: page opens; the rest is one click away, with its count (a strategy of 400 initiatives made a
#: page 40 screens tall).
LIST_SHOWN = 12


def node_page(ctx: _Context, node: Node) -> tuple[SitePage, dict[str, str]]:
    """A node's page, and the HTML of its History slot (see :func:`_history_section`)."""
    tree = ctx.tree
    level = tree.level(node.id)
    history, charts = _history_section(ctx, node, level)
    work, work_charts = _work_section(ctx, node, level)
    outcomes, outcome_charts = _outcomes_section(ctx, node)
    nearest = next(iter(ctx.options.horizons), None)
    children = leading(tree.children(node.id), nearest)  # the order every list shows
    markdown = _ENV.get_template("node.md.j2").render(
        **ctx.common,
        node=node,
        trailer=ctx.options.trailer,
        meta_title=_front_matter_title(node.title),
        level=level,
        child_level=Level(level + 1) if level < Level.INITIATIVE else None,
        link=_Links(ctx.urls, node.id),
        svg=_diagram(ctx, node.id),
        why=markdown_html(node.why) if node.why else None,
        description=markdown_html(node.description) if node.description else None,
        children=children,
        shown_children=LIST_SHOWN,
        rollup=_rollup(children, ctx.warnings) if level is Level.STRATEGY else None,
        counts=_status_counts(children),
        supports=[tree.nodes[s] for s in node.supports if s in tree.nodes and s != node.parent],
        supporters=leading(tree.supporters(node.id), nearest),
        ladder=tree.ladder(node.id),
        history_note=ctx.note,
        history_block=history,
        work_block=work,
        outcomes_block=outcomes,
        latest=_latest(ctx, node),
        with_catalogue=ctx.measured is not None,
        integrations=ctx.integrations,
        hypothesis=markdown_html(node.hypothesis) if node.hypothesis else None,
        open_questions=[q.question for q in node.questions if q.answer is None],
        answered=[(q.question, markdown_html(q.answer)) for q in node.questions if q.answer is not None],
        filters=filters_for(children, tree.owners or {}) if level is Level.STRATEGY else None,
        kinds_shown=_kinds_in(
            ctx.options.kinds,
            [
                node,
                *tree.ladder(node.id),
                *drawn_children(children, ctx.options.diagram_max_children),
                *_supports_both_ways(tree, node),
            ],
        ),
        value_block=value_html(
            children, ctx.options.sizes, ctx.labels, _Links(ctx.urls, node.id), ctx.labels.level(Level.INITIATIVE, plural=True)
        )
        if level is Level.STRATEGY
        else None,
    )
    return SitePage(ctx.urls.src_uri(node.id), markdown, node.title, node.id, level, node.parent), charts | work_charts | outcome_charts


#: The changes of one kind in one week shown as the page opens; the rest is one click away, with
#: its count (a week in which a tree of hundreds of nodes was first committed added them all).
CHANGES_SHOWN = 8


def _changes_view(ctx: _Context) -> dict[str, object]:
    """The changes page: the history's events by week, then by kind."""
    labels = ctx.labels
    weeks = changes(ctx.history, ctx.today) if ctx.history is not None and ctx.note is None else []
    grouped = [
        (
            monday,
            [
                (kind, labels(f"changes.heading.{kind}"), [e for e in events if e.kind == kind])
                for kind in _CHANGE_KINDS
                if any(e.kind == kind for e in events)
            ],
        )
        for monday, events in weeks
    ]
    return {
        "weeks": grouped,
        "weeks_shown": CHANGES_WEEKS,
        "shown": CHANGES_SHOWN,
        "counts": {kind: sum(1 for _, events in weeks for e in events if e.kind == kind) for kind in _CHANGE_KINDS},
        "history_note": ctx.note,
        "renamed": renamed(ctx.history, ctx.tree.nodes) if ctx.history is not None and ctx.note is None else {},
        "plan": lambda event: plan_change(event, labels, ctx.options.horizons),
    }


def _health_view(tree: Tree, health: Sequence[Problem]) -> dict[str, object]:
    """The health page: the findings by rule, the worst first (errors, then the rules with the
    most findings), each rule's findings by what they say, each as one line with the nodes it
    is said of; then the waivers. Hundreds of findings of one rule are one sentence and a list."""
    by_rule: dict[str, dict[str, list[Node]]] = {}
    worst: dict[str, tuple[int, int]] = {}
    for problem in health:
        said = by_rule.setdefault(problem.rule, {}).setdefault(problem.message, [])
        if problem.node in tree.nodes:
            said.append(tree.nodes[problem.node])
        errors, count = worst.get(problem.rule, (0, 0))
        worst[problem.rule] = (errors + (problem.severity is Severity.ERROR), count + 1)
    order = sorted(by_rule, key=lambda rule: (-worst[rule][0], -worst[rule][1], list(RULES).index(rule) if rule in RULES else 0))
    return {
        "by_rule": {rule: (worst[rule][1], _said(by_rule[rule])) for rule in order},
        "shown": CHANGES_SHOWN * 2,  # the nodes a finding names as the page opens: the rest one click away
        "shown_lines": MESSAGES_SHOWN,  # the lines of a rule as the page opens: likewise
        "total": len(health),
        "waived": [(n, rule, reason) for n in tree.nodes.values() for rule, reason in n.waive.items()],
    }


#: Past this many different messages of one rule, those said of one node only share a line.
MESSAGES_SHOWN = 8


def _said(by_message: dict[str, list[Node]]) -> list[tuple[str | None, list[tuple[Node, str]]]]:
    """A rule's findings as lines: each message with the nodes it is said of; past
    :data:`MESSAGES_SHOWN` messages, one line of the nodes whose message is theirs alone (each
    message on its link, and on its page)."""
    if len(by_message) <= MESSAGES_SHOWN:
        return [(message, [(node, message) for node in nodes]) for message, nodes in by_message.items()]
    shared = [(message, [(node, message) for node in nodes]) for message, nodes in by_message.items() if len(nodes) > 1]
    alone = [(node, message) for message, nodes in by_message.items() if len(nodes) <= 1 for node in nodes]
    return shared + ([(None, alone)] if alone else [])


def _owners_and_tags_views(tree: Tree) -> tuple[dict[str, object], dict[str, object]]:
    """The owners page (who owns what, and who owns nothing yet) and the tags page."""
    owned: dict[str, list[Node]] = {}
    tagged: dict[str, list[Node]] = {}
    for node in tree.nodes.values():
        if node.owner:
            owned.setdefault(node.owner, []).append(node)
        for tag in node.tags:
            tagged.setdefault(tag, []).append(node)
    owners = {
        "owned": sorted(owned.items(), key=lambda item: item[0].lower()),
        "unused": sorted(set(tree.owners or {}) - set(owned)),
        "status_counts": lambda nodes: _status_counts(nodes).items(),
    }
    return owners, {"tagged": sorted(tagged.items(), key=lambda item: item[0].lower())}


def _work_view(ctx: _Context) -> dict[str, object] | None:
    """The work page: each repository's share of work that ladders up (None: no work was read)."""
    if ctx.linked is None:
        return None
    return {
        "repositories": repositories(ctx.tree, ctx.linked, ctx.labels),
        "days": (ctx.linked.work.today - ctx.linked.work.since).days,
        "weeks": WEEKS,
        "in_use": ctx.linked.in_use,
        "table": integrations_table,
        "shown": LIST_SHOWN,
    }


def _metrics_view(ctx: _Context) -> dict[str, object] | None:
    """The metrics page: the metric tree, the catalogue with each metric's standing, done
    work's measured value, and the calibration of forecasts (None: the tree has no catalogue)."""
    if ctx.measured is None:
        return None
    return {
        "svg": _diagram(ctx, "metrics") if "metrics" in ctx.svgs else Markup(""),
        "rows": metric_rows(ctx.measured, ctx.outcomes, ctx.labels, markdown_html),
        "standings": list(Standing),
        "badge": lambda standing: standing_badge(standing, ctx.labels),
        "anchor_of": metric_anchor,
        "shown": LIST_SHOWN,
        "measured_block": _measured_block(ctx, "metrics"),
        "calibration": calibration_rows(calibration(ctx.tree, ctx.outcomes, ctx.today)),
    }


def view_pages(ctx: _Context, health: Sequence[Problem]) -> list[SitePage]:
    """The pages beside the nodes' (:data:`VIEWS`); the changes page only with history, the
    work page only with work read."""
    owners, tags = _owners_and_tags_views(ctx.tree)
    made = {
        "roadmap": roadmap_view(ctx.tree, ctx.options.horizons, ctx.labels),
        "changes": _changes_view(ctx) if ctx.history is not None else None,
        "work": _work_view(ctx),
        "metrics": _metrics_view(ctx),
        "health": _health_view(ctx.tree, health),
        "learning": _learning(ctx.tree),
        "owners": owners,
        "tags": tags,
    }
    pages = []
    for kind in VIEWS:
        context = made[kind]
        if context is None:
            continue
        title = ctx.labels(f"view.{kind}")
        markdown = _ENV.get_template(f"{kind}.md.j2").render(
            **ctx.common, **context, title=title, meta_title=_front_matter_title(title), link=_Links(ctx.urls, kind)
        )
        pages.append(SitePage(ctx.urls.src_uri(kind), markdown, title, None, None, kind=kind))
    return pages


def render_site(
    what: Contents,
    svgs: dict[str, str],
    options: PageOptions,
    mode: DiagramMode = DiagramMode.INLINE,
    only: Collection[str] | None = None,
    reads: dict[str, set[Query]] | None = None,
) -> Site:
    """The Markdown of every page, given what they show and each diagram's SVG, with the
    diagrams in ``mode``. With ``only``, the overview, the views and the pages of these nodes
    alone (:mod:`mkdocs_ladder.preview`). With ``reads``, what each node's page asks is noted
    there by node, and the site keeps the context it was made in (see :func:`page_answer`)."""
    ctx = _context(what, svgs, options, mode)
    pages = [overview_page(ctx)]
    charts: dict[str, str] = {}
    for node in what.tree.nodes.values():
        if only is None or node.id in only:
            page, made = node_page(ctx, node) if reads is None else _noting(ctx, node, reads.setdefault(node.id, {("node", node.id)}))
            pages.append(page)
            charts |= made
    site = Site(pages + view_pages(ctx, ctx.health), svgs, charts, mode, files=site_files(ctx))
    if reads is not None:
        site.reads, site.context = {k: frozenset(v) for k, v in reads.items()}, ctx
    return site


def _noting(ctx: _Context, node: Node, noted: set[Query]) -> tuple[SitePage, dict[str, str]]:
    """:func:`node_page`, with every question it asks of the tree and of the findings, the
    history, the work and the counts noted in ``noted``."""
    tree = RecordingTree(ctx.tree, noted)
    warnings = Noted(ctx.warnings, noted, "warnings")
    history = ctx.history and replace(ctx.history, nodes=Noted(ctx.history.nodes, noted, "history"))  # type: ignore[arg-type]
    recent = Noted(ctx.recent, noted, "recent") if ctx.recent is not None else None
    integrations = Noted(ctx.integrations, noted, "integrations") if ctx.integrations is not None else None
    common = {**ctx.common, "tree": tree, "warnings": warnings}
    asking = replace(ctx, tree=tree, warnings=warnings, common=common, history=history, recent=recent, integrations=integrations)  # type: ignore[arg-type]
    noted.add(("work", node.id))
    with noting(noted):
        return node_page(asking, node)


def site_files(ctx: _Context) -> dict[str, str]:
    """The files beside the pages: the changes' Atom feed (with history) and llms.txt, by path in the docs."""
    folder = ctx.urls.folder
    leaf = "" if ctx.options.directory_urls else "index.html"
    files = {"llms.txt": llms_txt(ctx.tree, ctx.labels, lambda node: posixpath.join(folder, *([node] if node else []), "") + leaf)}
    if ctx.history is not None and ctx.note is None:
        weeks = changes(ctx.history, ctx.today)
        place = FeedPlace(
            folder,
            f"{ctx.options.overview_title}: {ctx.labels('view.changes')}",
            lambda node: str(ctx.urls.href("changes", node or "changes")),
        )
        heirs = renamed(ctx.history, ctx.tree.nodes)
        files[posixpath.join(folder, "changes", FEED_FILE)] = atom_feed(weeks, ctx.tree, ctx.labels, place, heirs)
    return files


def context_of(what: Contents, options: PageOptions, mode: DiagramMode) -> object:
    """The context the pages of ``what`` are made in: what :func:`page_answer` answers from."""
    return _context(what, {}, options, mode)


def page_answer(context: object, query: Query) -> object:
    """What a page's question (noted by :func:`render_site`) is answered in ``context`` (a
    site's, or :func:`context_of`)."""
    if not isinstance(context, _Context):
        raise TypeError("not a page context")
    kind, key = query
    if kind == "warnings":  # what a page shows of a finding (not its file: the same tree may be read by another path)
        return [(p.rule, p.severity, p.message) for p in context.warnings.get(key, [])]
    if kind == "facets":
        return facets(context.tree, context.tree.nodes[key]) if key in context.tree.nodes else None
    if kind == "history":
        return context.history.nodes.get(key) if context.history is not None else None
    if kind == "recent":
        return context.recent.get(key) if context.recent is not None else None
    if kind == "integrations":
        return context.integrations.get(key) if context.integrations is not None else None
    if kind == "work":
        linked = context.linked
        return (linked.nodes.get(key), linked.commits.get(key)) if linked is not None else None
    return answer(context.tree, query)
