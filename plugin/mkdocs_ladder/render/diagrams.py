"""What each diagram shows, as Graphviz DOT source.

A node's *ladder diagram* shows its ancestors up to the mission, the node itself highlighted,
its children, and its ``supports`` links (dashed) in both directions. The *overview* shows the
whole tree while it stays readable, each initiative beside its strategy and what else it
serves as a line in its box (drawn as edges they crossed the whole picture), and past
``overview_max_nodes`` the mission and the strategies with their initiative counts (each
strategy's own page then carries its initiatives).

Every label is escaped with the graphviz package (quotes, backslash sequences such as ``\\l``
and ``\\N``, and ``<...>`` HTML labels cannot break out), and every box links to its node's
page through a relative URL given by the caller, so the same source renders the same SVG
under any site URL. Sources are plain strings: rendering them is :mod:`.svg`'s job.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

import graphviz

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.render.text import anchor, plain_title
from mkdocs_ladder.tree.model import Level, Node, Status, Tree, leading
from mkdocs_ladder.tree.reads import note

#: Fill, border: pastel boxes with dark text read the same on Material's light and slate schemes.
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.PROPOSED: ("#ede9fe", "#6d28d9"),
    Status.ACTIVE: ("#dbeafe", "#1d4ed8"),
    Status.PAUSED: ("#fef3c7", "#b45309"),
    Status.DONE: ("#dcfce7", "#15803d"),
    Status.DROPPED: ("#e5e7eb", "#6b7280"),
}
TEXT_COLOUR = "#111827"
EDGE_COLOUR = "#94a3b8"
FONT = "Helvetica,Arial,sans-serif"
COLUMN = 12  # boxes of one rank in a column before the diagram wraps them into another
CHILD_COLUMNS = 2  # a node's children: beside the rungs above them, two columns at most
OVERVIEW_COLUMNS = 3  # the overview's strategies, beside the mission alone

Href = Callable[[str | None], str]  # node id (None: the overview) -> relative URL from the page
#: The mark of each kind of work, in the order of the site's kinds (then again from the start):
#: shapes that differ without colour, in a box's label and in the legend.
KIND_MARKS = ("●", "◆", "▲", "■", "★", "⬟", "✚", "⬢", "▼", "◐")


def kind_marks(kinds: Iterable[str]) -> dict[str, str]:
    """Each kind's mark."""
    return {kind: KIND_MARKS[index % len(KIND_MARKS)] for index, kind in enumerate(kinds)}


def facets(tree: Tree, node: Node) -> list[str]:
    """What the owner, kind and tag filters know a node by (as CSS classes): its own, and for a
    strategy also its initiatives' (a strategy shows where any of its work matches). The mission
    has none: it is always shown."""
    level = tree.level(node.id)
    if level is Level.MISSION:
        return []
    found: list[str] = []
    for item in [node, *(tree.children(node.id) if level is Level.STRATEGY else [])]:
        found += ([f"lf-{anchor('owner', item.owner)}"] if item.owner else []) + ([f"lf-kind-{item.kind}"] if item.kind else [])
        found += [f"lf-{anchor('tag', tag)}" for tag in item.tags]
    return ["ladder-facets", *dict.fromkeys(found)]


@dataclass(frozen=True, slots=True)
class Diagram:
    """One diagram to render: a stable name, its DOT source and a text alternative."""

    name: str
    source: str
    alt: str


def _label(title: str, extra: str = "", width: int = 26, lines: int = 3) -> str:
    """A wrapped, escaped label; marked as never an HTML-like label.

    graphviz.escape() marks its result as not HTML, but joining the wrapped lines makes a
    plain string again, and a plain string that starts with "<" and ends with ">" would be
    written unquoted as an HTML-like label (which can carry its own links). So the finished
    label is marked once more with nohtml().
    """
    title = plain_title(title)
    wrapped = textwrap.wrap(title, width) or [title]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    # cast, not str(): the result must stay graphviz's not-HTML str subclass, which str() would drop
    return cast(str, graphviz.nohtml("\\n".join(graphviz.escape(part) for part in [*wrapped, *([extra] if extra else [])])))


def _graph(name: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(name)
    # Left to right: a rank is a column of boxes, so a diagram is as wide as the ladder has
    # rungs (three or four boxes), however many siblings it shows; it grows down the page.
    graph.attr(rankdir="LR", bgcolor="transparent", nodesep="0.15", ranksep="0.3", fontname=FONT)
    graph.attr(
        "node",
        shape="box",
        style="rounded,filled",
        fontname=FONT,
        fontsize="11",
        color=EDGE_COLOUR,
        fontcolor=TEXT_COLOUR,
        margin="0.15,0.07",
    )
    graph.attr("edge", color=EDGE_COLOUR, arrowsize="0.6", dir="back")
    return graph


class Statements:
    """DOT statements for boxes and edges, each quoted once by the graphviz package.

    Relative links are the same from every node page (``../id/``), so a node's box reads the
    same in every diagram that shows it: with thousands of diagrams, quoting each box once
    instead of once per diagram is most of the cost of writing DOT.
    """

    def __init__(self, tree: Tree, labels: Labels | None = None, kinds: list[str] | None = None, nearest: str | None = "now"):
        self.tree = tree
        self.nearest = nearest  # the nearest horizon: its work is drawn first
        self.labels = labels or Labels.of()
        self.marks = kind_marks(kinds or [])
        self._scratch = graphviz.Digraph()
        self._cache: dict[tuple[str | bool, ...], str] = {}

    def box(self, node: Node, url: str, focus: bool = False, extra: str = "") -> str:
        note(("facets", node.id))  # a box shows the node's level and its filter classes (for a strategy, its initiatives')
        note(("level", node.id))
        key = (node.id, url, focus, extra)
        if key not in self._cache:
            fill, border = STATUS_COLOURS[node.status]
            level = self.tree.level(node.id)
            title = plain_title(node.title) + (f"\n{extra}" if extra else "")
            mark = self.marks.get(node.kind or "")
            about = [self.labels.level(level), self.labels.status(node.status), *([node.kind] if node.kind else [])]
            classes = [
                "ladder-node",
                f"ladder-id--{node.id}",
                f"ladder-node--{node.status.value}",
                f"ladder-level--{level.noun}",
                *([f"ladder-kind--{node.kind}"] if node.kind else []),
                *(["ladder-node--focus"] if focus else []),
                *facets(self.tree, node),
            ]
            attrs = {
                "label": _label(f"{mark} {node.title}" if mark else node.title, extra),
                "tooltip": graphviz.escape(f"{title} ({', '.join(about)})"),
                "fillcolor": fill,
                "color": border,
                "URL": url,
                "target": "_top",
                "class": " ".join(classes),
            }
            if focus:
                attrs.update(penwidth="2.5", fontsize="12")
            self._scratch.node(node.id, _attributes=attrs)
            self._cache[key] = self._scratch.body.pop()
        return self._cache[key]

    def edge(self, upper: Node | str, lower: Node | str, dashed: bool = False) -> str:
        """An edge drawn from the lower node up to what it serves (the arrow points up the ladder).

        Its classes name both ends' statuses and ids, so a page can hide the edges of hidden boxes.
        """
        top, bottom = (n.id if isinstance(n, Node) else n for n in (upper, lower))
        key = (top, bottom, dashed)
        if key not in self._cache:
            ends = [n for n in (upper, lower) if isinstance(n, Node)]
            touches = " ".join(sorted({f"ladder-edge--touches-{n.status.value}" for n in ends}))
            classes = f"ladder-edge{' ladder-edge--supports' if dashed else ''} {touches} ladder-end--{top} ladder-end--{bottom}".strip()
            self._scratch.edge(top, bottom, _attributes={"style": "dashed", "class": classes} if dashed else {"class": classes})
            self._cache[key] = self._scratch.body.pop()
        return self._cache[key]


def _box(graph: graphviz.Digraph, dot: Statements, node: Node, href: Href, *, focus: bool = False, extra: str = "") -> None:
    graph.body.append(dot.box(node, href(node.id), focus, extra))


def _edge(graph: graphviz.Digraph, dot: Statements, upper: Node | str, lower: Node | str, *, dashed: bool = False) -> None:
    graph.body.append(dot.edge(upper, lower, dashed))


def per_column(count: int, most_columns: int) -> int:
    """How many of ``count`` sibling boxes one column holds: all of them up to ``COLUMN``, then
    spread evenly over as few columns as keep each to ``COLUMN``, but never over
    ``most_columns`` (the diagram's width is what must stay legible; its height may grow)."""
    columns = min(most_columns, -(-count // COLUMN)) if count > COLUMN else 1
    return -(-count // columns) if count else 0


def wrap_pairs(ids: list[str], most_columns: int) -> list[tuple[str, str]]:
    """The invisible edges that wrap a long column of siblings into columns side by side: each
    box one column to the right of the box ``per_column`` places above it."""
    step = per_column(len(ids), most_columns)
    return [(ids[index - step], ids[index]) for index in range(step, len(ids))]


def _wrap(graph: graphviz.Digraph, ids: list[str], most_columns: int) -> None:
    for upper, lower in wrap_pairs(ids, most_columns):
        graph.edge(upper, lower, _attributes={"style": "invis", "dir": "none"})


#: Past this many nodes that support a node (and hang elsewhere), its diagram draws one box per
#: place they come from ("12 from SIG Storage"), this many places at most (the most first; the
#: rest one box), and its page lists them all.
SUPPORTERS_DRAWN = 8
#: Past a diagram's most children, it draws this many of them first (the active and those for
#: now, see :func:`~mkdocs_ladder.tree.model.leading`), then one box per status for the rest.
CHILDREN_LEADING = 8


def drawn_children(children: list[Node], max_children: int) -> list[Node]:
    """Which of a node's ``children`` (in :func:`~mkdocs_ladder.tree.model.leading` order) its
    diagram draws as boxes of their own: all of them, or past ``max_children`` the first few."""
    return children if len(children) <= max_children else children[: min(CHILDREN_LEADING, max_children)]


def _supporters_by_source(graph: graphviz.Digraph, dot: Statements, node: Node, supporters: list[Node], tree: Tree) -> None:
    """One dashed box per parent the supporters of ``node`` hang under, with their count, linked
    to the page's full list: the places with the most first, and past ``SUPPORTERS_DRAWN``
    places, one box for the rest."""
    by_source: dict[str, list[Node]] = {}
    for supporter in supporters:
        by_source.setdefault(supporter.parent or "", []).append(supporter)
    places = sorted(by_source.items(), key=lambda place: -len(place[1]))  # a stable sort: then the tree's order
    if len(places) > SUPPORTERS_DRAWN:
        rest = places[SUPPORTERS_DRAWN - 1 :]
        drawn = [(source, len(nodes), "") for source, nodes in places[: SUPPORTERS_DRAWN - 1]]
        drawn.append(("", sum(len(nodes) for _, nodes in rest), dot.labels.count("diagram.places", len(rest))))
    else:
        drawn = [(source, len(nodes), "") for source, nodes in places]
    for source, count, places_text in drawn:
        name = places_text or (plain_title(tree.nodes[source].title) if source in tree.nodes else source)
        label = dot.labels.count("diagram.from", count, source=name)
        box = f"{node.id}--from--{source or '--more'}"
        graph.node(box, _attributes={"label": _label(label), "URL": "#ladder-supporters", "target": "_top", "tooltip": graphviz.escape(label),
                                     "style": "dashed,rounded", "class": "ladder-node ladder-node--supporters"})  # fmt: skip
        graph.edge(node.id, box, _attributes={"style": "dashed", "class": "ladder-edge ladder-edge--supports"})


def _children_by_status(graph: graphviz.Digraph, dot: Statements, node: Node, children: list[Node], level: Level) -> None:
    """One box per status, with its count of ``children`` (at ``level``): the rest of them, after
    those drawn ("+12 active"), linked to the page's table."""
    words = dot.labels
    for status in Status:
        count = sum(1 for c in children if c.status is status)
        if count:
            fill, border = STATUS_COLOURS[status]
            box = f"{node.id}--{status.value}"
            shown = f"+{count}"
            graph.node(
                box,
                _attributes={
                    "label": graphviz.escape(f"{shown} {words.status(status)}")
                    + "\\n"
                    + graphviz.escape(words.level(level, plural=count != 1)),
                    "fillcolor": fill,
                    "color": border,
                    "URL": "#ladder-children",
                    "target": "_top",  # the table of children
                    "tooltip": graphviz.escape(f"{shown} {words.status(status)} {words.level(level, plural=True)}"),
                    "class": f"ladder-node ladder-node--{status.value}",
                },
            )
            _edge(graph, dot, node, box)


def node_diagram(tree: Tree, node: Node, href: Href, max_children: int = 60, dot: Statements | None = None) -> Diagram:
    """The ladder diagram of one node's page (``dot``: statements shared with other diagrams)."""
    dot = dot or Statements(tree)
    graph = _graph(node.id)
    shown: set[str] = set()

    def show(other: Node, focus: bool = False) -> None:
        if other.id not in shown:
            shown.add(other.id)
            _box(graph, dot, other, href, focus=focus)

    def climb(start: Node) -> None:
        """``start`` and its ancestors, with the solid edges between them."""
        path = tree.ladder(start.id)
        for upper, lower in itertools.pairwise(path):
            show(upper)
            show(lower)
            _edge(graph, dot, upper, lower)

    show(node, focus=True)
    climb(node)
    for target in node.supports:
        if target in tree.nodes and target != node.parent:
            climb(tree.nodes[target])
            _edge(graph, dot, tree.nodes[target], node, dashed=True)
    # Its own work first (Graphviz orders a rank's boxes as they are first met), then what
    # supports it from elsewhere.
    children = leading(tree.children(node.id), dot.nearest)
    drawn = drawn_children(children, max_children)
    for child in drawn:
        show(child)
        _edge(graph, dot, node, child)
    _wrap(graph, [c.id for c in drawn], CHILD_COLUMNS)
    if len(drawn) < len(children):  # one box per status for the rest keeps a large strategy's diagram readable
        _children_by_status(graph, dot, node, children[len(drawn) :], Level(tree.level(node.id) + 1))
    supporters = tree.supporters(node.id)
    if len(supporters) <= SUPPORTERS_DRAWN:
        for supporter in supporters:
            show(supporter)
            _edge(graph, dot, node, supporter, dashed=True)
    else:
        _supporters_by_source(graph, dot, node, supporters, tree)
    alt = f"{dot.labels('node.ladder')}: " + " > ".join(plain_title(n.title) for n in tree.ladder(node.id))
    return Diagram(node.id, graph.source, alt)


def overview_diagram(tree: Tree, href: Href, max_nodes: int = 60, dot: Statements | None = None) -> Diagram:
    """The whole tree, or past ``max_nodes`` the mission and strategies with their counts."""
    dot = dot or Statements(tree)
    graph = _graph("overview")
    mission = tree.mission
    whole = len(tree.nodes) <= max_nodes
    _box(graph, dot, mission, href)
    strategies: list[str] = []
    for strategy in tree.at(Level.STRATEGY):
        initiatives = tree.children(strategy.id)
        count = f"{len(initiatives)} {dot.labels.level(Level.INITIATIVE, plural=len(initiatives) != 1)}"
        _box(graph, dot, strategy, href, extra="" if whole else count)
        _edge(graph, dot, mission, strategy)
        strategies.append(strategy.id)
        if whole:
            for initiative in initiatives:
                also = [t for t in initiative.supports if t in tree.nodes and t != initiative.parent]
                _box(graph, dot, initiative, href, extra=dot.labels.count("diagram.also_serves", len(also)) if also else "")
                _edge(graph, dot, strategy, initiative)
            _wrap(graph, [i.id for i in initiatives], CHILD_COLUMNS)
    if not whole:  # strategies alone: no column of initiatives beside theirs
        _wrap(graph, strategies, OVERVIEW_COLUMNS)
    # What an initiative also serves is a line in its box, not an edge: across the whole tree,
    # such edges crossed most of the picture (71 crossings on this project's own tree; 0 now).
    # Its own page draws them.
    alt = f"{plain_title(mission.title)}: {len(strategies)} {dot.labels.level(Level.STRATEGY, plural=len(strategies) != 1)}"
    return Diagram("overview", graph.source, alt)
