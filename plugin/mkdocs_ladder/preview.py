"""A preview that follows the author: after an edit, only the pages the edit touches are made
again (``mkdocs serve``, ``ladder render --watch``).

A full build makes every page. A preview's builds are *recorded*: each node's page and diagram
is made from a tree that notes every question asked of it, and from findings, history, work and
counts that note each key looked up (:mod:`~mkdocs_ladder.tree.reads`). For the next build, the
whole tree is checked again (every rule sees every node), each question is asked again in the
new context (:func:`~mkdocs_ladder.render.pages.page_answer`), and only these are made anew:

* the overview and the views (health, owners, tags, learning, changes, work), always;
* the page of every node that is new, or one of whose questions has another answer
  (:func:`touched`).

Nothing here says what a page shows: what a page builder asks is what counts, so a builder
that starts to show something new is followed. Anything else starts a full build: the first
build, one whose site came whole from the cache (it holds no record: its first edit is a full
build, then previews follow), other settings, another owners file or history, a tree with
errors, or an edit that touches more than half of the pages. The tests check the preview
against a full build over random sequences of edits: the pages are the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from mkdocs_ladder.check import Checked
from mkdocs_ladder.errors import Problem
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import Published, build_site, contents, publish
from mkdocs_ladder.render.pages import context_of, page_answer
from mkdocs_ladder.render.site import DiagramMode, Site, Urls
from mkdocs_ladder.tree.model import Tree

MOST = 0.5  # past this share of the node pages touched, a full build costs no more


@dataclass(frozen=True, slots=True)
class Preview:
    """What a preview keeps of its last build: the tree, its findings and its pages, recorded
    (:attr:`Site.reads`), and what else they were made from (``basis``: when it differs, the
    next build is a full one)."""

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


def touched(previous: Site, now: object, nodes: Collection[str]) -> set[str]:
    """The nodes (of ``nodes``, the new tree's) whose page must be made anew: those the
    recorded ``previous`` build has no page of, and those one of whose questions is answered
    otherwise in the context ``now`` than in the previous build's."""
    questions = set().union(*previous.reads.values()) if previous.reads else set()
    changed = {q for q in questions if page_answer(previous.context, q) != page_answer(now, q)}
    return {node_id for node_id in nodes if node_id not in previous.reads or not previous.reads[node_id].isdisjoint(changed)}


def update(previous: Preview | None, project: Project, mode: DiagramMode = DiagramMode.SLOT, context: object = None,
           keep: bool = True) -> Update:  # fmt: skip
    """The next build of a preview: the pages an edit touched, made anew, and every other page
    as ``previous`` made it; or a full build (:func:`~.publish.publish`) when ``previous``
    cannot serve (``context``: anything else the pages were made from, such as the site's config
    file: when it changed, a full build; ``keep``: whether a full build keeps what the next
    needs). The cache is neither written nor pruned by a partial build."""
    basis = (project.state(mode), context)
    if previous is not None and previous.basis == basis and previous.site.context is not None:
        checked = project.check()
        if checked.tree is not None and checked.tree.owners == previous.tree.owners:
            renewed = touched(previous.site, context_of(contents(checked, project), project.options, mode), checked.tree.nodes)
            if len(renewed) <= MOST * len(checked.tree.nodes):
                site = _partial(previous.site, checked, project, renewed)
                published = Published(checked.problems, site, history=checked.history)
                return Update(published, frozenset(renewed), Preview(checked.tree, checked.problems, site, basis))
    published = publish(project, mode, record=keep)
    if published.site is None:
        return Update(published, None, previous)
    if not keep or published.tree is None:  # a site from the cache holds no record: the next build is a full one
        return Update(published, None, None)
    return Update(published, None, Preview(published.tree, published.problems, published.site, basis))


def _partial(previous: Site, checked: Checked, project: Project, renewed: Collection[str]) -> Site:
    """Every page: those of ``renewed``, the overview and the views made anew, the others as in
    ``previous``, in the new tree's order; what each page asked, for the next."""
    if checked.tree is None:
        raise ValueError("a preview needs a valid tree")
    made = build_site(checked, project, previous.mode, only=renewed, known=previous.diagrams, record=True).site
    fresh = {page.src_uri: page for page in made.pages}
    kept = {page.src_uri: page for page in previous.pages}
    urls = Urls(project.options)
    order = [made.overview.src_uri, *(urls.src_uri(node_id) for node_id in checked.tree.nodes)]
    views = [page for page in made.pages[1:] if page.node_id is None]
    pages = [fresh.get(uri) or kept[uri] for uri in order] + views
    site = Site(
        pages, made.diagrams, {**previous.charts, **made.charts}, previous.mode, files=made.files
    )  # the feed and llms.txt: whole, anew
    site.reads = {node_id: reads for node_id, reads in previous.reads.items() if node_id in checked.tree.nodes} | made.reads
    site.context = made.context
    return site
