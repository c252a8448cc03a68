"""The roadmap page: a row per strategy and a column per horizon, each holding the initiatives of
that strategy for that horizon; then the due dates by quarter, finished work set apart."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.render.filters import filters_for
from mkdocs_ladder.tree.model import Level, Node, Tree, leading

#: What the roadmap shows as first opened, so that it stays a few screens tall at any size: the
#: strategies with the most work first, this many rows, and in each cell this many cards (the
#: active first); the rest of each is one click away, with its count.
SHOWN_ROWS = 8
SHOWN_CARDS = 3


def roadmap_view(tree: Tree, horizons: Mapping[str, str], labels: Labels) -> dict[str, object]:
    """What the roadmap's template shows, for the site's ``horizons`` (id: name, nearest first)."""
    initiatives = list(tree.at(Level.INITIATIVE))
    rows = []
    for strategy in tree.at(Level.STRATEGY):
        children = tree.children(strategy.id)
        cells = [(name, leading(n for n in children if n.horizon == horizon)) for horizon, name in horizons.items()]
        if any(cell for _, cell in cells):
            rows.append((strategy, cells))
    rows.sort(key=lambda row: -sum(len(cell) for _, cell in row[1]))  # the most work first (a stable sort: then the tree's order)
    quarters: dict[tuple[int, int], list[Node]] = {}
    dated = sorted(((n.due, n) for n in initiatives if n.due is not None), key=lambda pair: (pair[0], pair[1].title))
    for due, node in dated:
        if node.status.is_open:
            quarters.setdefault((due.year, (due.month - 1) // 3 + 1), []).append(node)
    return {
        "rows": rows,
        "columns": list(horizons.values()),
        "quarters": [(labels("roadmap.quarter", year=year, quarter=quarter), nodes) for (year, quarter), nodes in sorted(quarters.items())],
        "finished": [node for _, node in dated if not node.status.is_open],
        "filters": filters_for(initiatives, tree.owners or {}),
        "shown_rows": SHOWN_ROWS,
        "shown_cards": SHOWN_CARDS,
    }
