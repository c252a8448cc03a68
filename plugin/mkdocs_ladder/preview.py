"""A preview that follows the author: after an edit, only the pages the edit touches are made
again (``mkdocs serve``, ``ladder render --watch``).

A full build makes every page. A preview keeps what its last build made (:class:`Preview`) and,
for the next, checks the whole tree again (every rule sees every node) but renders only:

* the overview and the views (health, owners, tags, learning, changes, work), always;
* the page of every node whose page shows something that changed (:func:`touched`).

A node *changed* when it was added, removed or edited, when its health findings changed, or
when its box in a diagram changed (a strategy's box carries its initiatives' owners, kinds and
tags, for the filters). A page shows a node when its diagram draws the node's box (the node,
its ladder up to the mission, its children, what it supports with their ladders, what
supports it) or its text counts it (every node below it, for the roll-ups).

Anything else starts a full build: the first build, other settings, another owners file or
history, a tree with errors, or an edit that touches more than half of the pages. What a
preview makes is checked against a full build by the tests: the pages it renders are the
same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from mkdocs_ladder.check import Checked
from mkdocs_ladder.errors import Problem
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import Published, build_site, publish
from mkdocs_ladder.render.diagrams import facets
from mkdocs_ladder.render.site import DiagramMode, Site, Urls
from mkdocs_ladder.tree.model import Tree

MOST = 0.5  # past this share of the node pages touched, a full build costs no more


@dataclass(frozen=True, slots=True)
class Preview:
    """What a preview keeps of its last build: the tree, its findings and its pages, and what
    else they were made from (``basis``: when it differs, the next build is a full one)."""

    tree: Tree
    problems: list[Problem]
    site: Site
    basis: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Update:
    """A preview's build: what :func:`~.publish.publish` gives, the pages made anew (None: all of
    them, a full build) and what to keep for the next."""

    published: Published
    renewed: frozenset[str] | None
    kept: Preview | None


def touched(old: Tree, new: Tree, old_problems: Sequence[Problem], new_problems: Sequence[Problem]) -> set[str]:
    """The nodes of ``new`` whose page shows something that changed between the two trees."""
    changed = _changed(old, new, old_problems, new_problems)
    if not changed:
        return set()
    return {node_id for node_id in new.nodes if node_id in changed or (_shown(old, node_id) | _shown(new, node_id)) & changed}


def _changed(old: Tree, new: Tree, old_problems: Sequence[Problem], new_problems: Sequence[Problem]) -> set[str]:
    found = set(old.nodes.keys() ^ new.nodes.keys())
    found |= {i for i in old.nodes.keys() & new.nodes.keys() if old.nodes[i] != new.nodes[i] or _box(old, i) != _box(new, i)}
    return found | {node for node, *_ in _findings(old_problems) ^ _findings(new_problems) if node}  # one without a node: on the views


def _box(tree: Tree, node_id: str) -> tuple[object, ...]:
    node = tree.nodes[node_id]
    return (tree.level(node_id), tuple(facets(tree, node)))


def _findings(problems: Sequence[Problem]) -> set[tuple[str, str, str, str]]:
    return {(p.node or "", p.rule, str(p.severity), p.message) for p in problems}


def _shown(tree: Tree, node_id: str) -> set[str]:
    """The nodes a node's page shows (an empty set for a node not in ``tree``)."""
    if node_id not in tree.nodes:
        return set()
    node = tree.nodes[node_id]
    shown = {n.id for n in tree.ladder(node_id)} | {n.id for n in tree.supporters(node_id)}
    for target in node.supports:
        if target in tree.nodes:
            shown |= {n.id for n in tree.ladder(target)}
    below = [node_id]
    while below:  # the node's children are drawn; all below it are counted
        children = [c.id for n in below for c in tree.children(n)]
        shown.update(children)
        below = children
    return shown


def update(previous: Preview | None, project: Project, mode: DiagramMode = DiagramMode.SLOT, context: object = None,
           keep: bool = True) -> Update:  # fmt: skip
    """The next build of a preview: the pages an edit touched, made anew, and every other page
    as ``previous`` made it; or a full build (:func:`~.publish.publish`) when ``previous``
    cannot serve (``context``: anything else the pages were made from, such as the site's config
    file: when it changed, a full build; ``keep``: whether a full build keeps what the next
    needs). The cache is neither written nor pruned by a partial build."""
    basis = (project.state(mode), context)
    if previous is not None and previous.basis == basis:
        checked = project.check()
        if checked.tree is not None and checked.tree.owners == previous.tree.owners:
            renewed = touched(previous.tree, checked.tree, previous.problems, checked.problems)
            if len(renewed) <= MOST * len(checked.tree.nodes):
                site = _partial(previous.site, checked, project, renewed)
                published = Published(checked.problems, site, history=checked.history)
                return Update(published, frozenset(renewed), Preview(checked.tree, checked.problems, site, basis))
    published = publish(project, mode)
    if published.site is None:
        return Update(published, None, previous)
    if not keep:
        return Update(published, None, None)
    tree = published.tree or project.check().tree  # a site from the cache: its tree, for the next
    kept = Preview(tree, published.problems, published.site, basis) if tree is not None else None
    return Update(published, None, kept)


def _partial(previous: Site, checked: Checked, project: Project, renewed: Collection[str]) -> Site:
    """Every page: those of ``renewed``, the overview and the views made anew, the others as in
    ``previous``, in the new tree's order."""
    if checked.tree is None:
        raise ValueError("a preview needs a valid tree")
    made = build_site(checked, project, previous.mode, only=renewed, known=previous.diagrams).site
    fresh = {page.src_uri: page for page in made.pages}
    kept = {page.src_uri: page for page in previous.pages}
    urls = Urls(project.options)
    order = [made.overview.src_uri, *(urls.src_uri(node_id) for node_id in checked.tree.nodes)]
    views = [page for page in made.pages[1:] if page.node_id is None]
    return Site([fresh.get(uri) or kept[uri] for uri in order] + views, made.diagrams, {**previous.charts, **made.charts}, previous.mode)
