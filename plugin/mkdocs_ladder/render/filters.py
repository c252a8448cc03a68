"""The choices of a page's owner, kind and tag filters, from the nodes it lists (the classes each
row carries are :func:`~.diagrams.facets`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mkdocs_ladder.render.text import anchor
from mkdocs_ladder.tree.model import Node, Owner


@dataclass(frozen=True, slots=True)
class Filters:
    """The choices of the owner, kind and tag filters on a page: (value, shown name) each."""

    owners: list[tuple[str, str]]
    kinds: list[tuple[str, str]]
    tags: list[tuple[str, str]]


def filters_for(nodes: Sequence[Node], owners: Mapping[str, Owner]) -> Filters:
    """The owners (by their display names), kinds and tags of ``nodes``, each once, in order."""
    names = sorted({n.owner for n in nodes if n.owner}, key=str.lower)
    return Filters(
        [(f"lf-{anchor('owner', name)}", owners[name].name if name in owners else name) for name in names],
        [(f"lf-kind-{kind}", kind) for kind in sorted({n.kind for n in nodes if n.kind})],
        [(f"lf-{anchor('tag', tag)}", tag) for tag in sorted({t for n in nodes for t in n.tags}, key=str.lower)],
    )
