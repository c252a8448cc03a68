"""What a page builder asks of a tree, noted as it asks, and answered again on another tree.

A preview (:mod:`mkdocs_ladder.preview`) makes anew only the pages an edit touches. Which pages
those are is not written down anywhere: each page builder is given a :class:`RecordingTree`,
which notes every question it asks (a node, its level, its children, its ladder, who supports
it, the nodes at a level...), and after an edit a page is touched when one of its questions has
another answer in the new tree (:func:`answer`). A builder that starts to show something new
asks for it, so the preview follows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

from mkdocs_ladder.tree.model import Level, Node, Origin, Owner, Tree

#: A question: what was asked, and of which node, level or owner ("" for the whole tree).
Query = tuple[str, str]
V = TypeVar("V")

#: The questions of the page being made, for the helpers that keep what they worked out across
#: pages (a box's DOT, a row's filter classes): they note their question on each use.
NOTING: ContextVar[set[Query] | None] = ContextVar("ladder_noting", default=None)


@contextmanager
def noting(reads: set[Query]) -> Iterator[None]:
    """The ``with`` block's questions (those :func:`note` is given) noted in ``reads``."""
    token = NOTING.set(reads)
    try:
        yield
    finally:
        NOTING.reset(token)


def note(query: Query) -> None:
    """Note ``query`` for the page being made, if one is being recorded."""
    if (reads := NOTING.get()) is not None:
        reads.add(query)


class Noted(Mapping[str, V]):
    """A mapping of the tree (its nodes, their levels) that notes each key asked for; going
    through all of it is a question about the whole tree."""

    def __init__(self, real: Mapping[str, V], reads: set[Query], kind: str):
        self._real, self._reads, self._kind = real, reads, kind

    def __getitem__(self, key: str) -> V:
        self._reads.add((self._kind, key))
        return self._real[key]

    def __iter__(self) -> Iterator[str]:
        self._reads.add(("all", ""))
        return iter(self._real)

    def __len__(self) -> int:
        self._reads.add(("all", ""))
        return len(self._real)


class RecordingTree(Tree):
    """A tree that answers as ``real`` does, and notes each question in ``reads``."""

    __slots__ = ("_real", "reads")

    def __init__(self, real: Tree, reads: set[Query]):
        self._real = real
        self.reads = reads

    def _asked(self, kind: str, key: str = "") -> Tree:
        """The real tree, once the question is noted."""
        self.reads.add((kind, key))
        return self._real

    @property
    def nodes(self) -> Mapping[str, Node]:  # type: ignore[override]
        return Noted(self._real.nodes, self.reads, "node")

    @property
    def levels(self) -> Mapping[str, Level]:  # type: ignore[override]
        return Noted(self._real.levels, self.reads, "level")

    @property
    def origins(self) -> Mapping[str, Origin]:  # type: ignore[override]
        return Noted(self._real.origins, self.reads, "origin")

    @property
    def owners(self) -> dict[str, Owner] | None:  # type: ignore[override]
        return self._asked("owners").owners

    @property
    def owners_path(self) -> Path | None:  # type: ignore[override]
        return self._asked("owners").owners_path

    @property
    def sized(self) -> bool:  # type: ignore[override]
        return self._asked("sized").sized

    @property
    def mission(self) -> Node:
        return self._asked("at", Level.MISSION.name).mission

    def at(self, level: Level) -> Iterator[Node]:
        return self._asked("at", level.name).at(level)

    def level(self, node_id: str) -> Level:
        return self._asked("level", node_id).level(node_id)

    def children(self, node_id: str) -> list[Node]:
        return self._asked("children", node_id).children(node_id)

    def owned(self, owner: str) -> list[Node]:
        return self._asked("owned", owner).owned(owner)

    def supporters(self, node_id: str) -> list[Node]:
        return self._asked("supporters", node_id).supporters(node_id)

    def ladder(self, node_id: str) -> list[Node]:
        return self._asked("ladder", node_id).ladder(node_id)

    def where(self, node_id: str, *path: str | int) -> tuple[Path, int, int]:
        return self._asked("origin", node_id).where(node_id, *path)

    def counts(self) -> dict[Level, int]:
        return self._asked("counts").counts()


def answer(tree: Tree, query: Query) -> object:
    """What ``tree`` answers to a question noted by :class:`RecordingTree` (None where the
    question names a node the tree does not hold)."""
    kind, key = query
    if kind == "node":
        return tree.nodes.get(key)
    if kind == "level":
        return tree.levels.get(key)
    if kind == "origin":
        return (tree.origins.get(key), tree.marks.get(key))
    if kind in ("children", "supporters", "ladder"):
        return getattr(tree, kind)(key) if key in tree.nodes else None
    if kind == "owned":
        return tree.owned(key)
    if kind == "at":
        return list(tree.at(Level[key]))
    if kind == "owners":
        return (tree.owners, tree.owners_path)
    if kind == "sized":
        return tree.sized
    if kind == "counts":
        return tree.counts()
    if kind == "all":
        return tree.nodes
    raise ValueError(f"no such question: {query}")
