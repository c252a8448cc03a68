"""The diagrams' layout, as pure functions of the tree (no Graphviz, no site): left to right, a
rank is a column; long columns of siblings wrap into at most two (a node's children) or three
(the overview's strategies) columns; the overview draws the whole tree only up to its limit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_ladder.check import check_directory
from mkdocs_ladder.render.diagrams import COLUMN, node_diagram, overview_diagram, per_column, wrap_pairs
from mkdocs_ladder.tree.model import Level, Tree
from mkdocs_ladder.tree.sources import MemorySource


def tree_of(strategies: int, initiatives: int, statuses: dict[int, str] | None = None, supports: dict[str, str] | None = None) -> Tree:
    """A tree of ``strategies`` strategies with ``initiatives`` initiatives each (active, or of
    the status ``statuses`` gives their number; each of ``supports`` also supporting a node)."""
    files = {"mission.yaml": b"title: The mission\nstatus: active\n"}
    for s in range(strategies):
        files[f"strategies/s{s}.yaml"] = f"title: Strategy {s}\nparent: mission\nstatus: active\n".encode()
        for i in range(initiatives):
            also = f"supports: [{supports[f's{s}-i{i}']}]\n" if f"s{s}-i{i}" in (supports or {}) else ""
            status = (statuses or {}).get(i, "active")
            files[f"initiatives/s{s}-i{i}.yaml"] = f"title: Initiative {s}.{i}\nparent: s{s}\nstatus: {status}\n{also}".encode()
    checked = check_directory(MemorySource(Path("/virtual/strategy"), files))
    assert checked.tree is not None, checked.problems
    return checked.tree


def href(node_id: str | None) -> str:
    return f"../{node_id}/" if node_id else "../"


def invisible(source: str) -> list[tuple[str, str]]:
    return re.findall(r'^\s*"?([\w-]+)"? -> "?([\w-]+)"? \[dir=none style=invis\]', source, re.M)


@pytest.mark.parametrize(
    ("count", "most", "expected"),
    [
        (0, 2, 0),
        (1, 2, 1),
        (12, 2, 12),
        (13, 2, 7),
        (24, 2, 12),
        (25, 2, 13),
        (60, 2, 30),
        (13, 3, 7),
        (25, 3, 9),
        (36, 3, 12),
        (100, 3, 34),
    ],
)
def test_a_column_holds_twelve_then_the_siblings_spread_over_few_columns(count, most, expected):
    assert per_column(count, most) == expected


def test_wrap_pairs_put_each_box_beside_the_one_a_column_above_it():
    ids = [f"n{i}" for i in range(15)]
    pairs = wrap_pairs(ids, 2)
    assert pairs == [(f"n{i}", f"n{i + 8}") for i in range(7)]
    assert wrap_pairs(ids[:COLUMN], 2) == []  # one column: nothing to wrap


def test_every_diagram_runs_left_to_right():
    tree = tree_of(2, 3)
    assert "rankdir=LR" in overview_diagram(tree, href).source
    assert all("rankdir=LR" in node_diagram(tree, node, href).source for node in tree.nodes.values())


def test_a_strategy_with_few_initiatives_draws_one_column_and_with_many_two():
    few, many = tree_of(1, 12), tree_of(1, 20)
    assert invisible(node_diagram(few, few.nodes["s0"], href).source) == []
    ids = [child.id for child in many.children("s0")]
    assert invisible(node_diagram(many, many.nodes["s0"], href).source) == [(ids[i], ids[i + 10]) for i in range(10)]


def test_past_its_limit_a_strategy_draws_its_leading_work_then_a_box_per_status():
    """61 initiatives over a limit of 60: the first eight in the leading order (active, then for
    now; here the active ones are every fifth, 13 of them) are drawn, then one box for each status's rest."""
    statuses = {i: "active" if i % 5 == 0 else "done" for i in range(61)}
    tree = tree_of(1, 61, statuses)
    source = node_diagram(tree, tree.nodes["s0"], href, max_children=60).source
    drawn = re.findall(r'^\s*"?(s0-i\d+)"? \[', source, re.M)
    active = [child.id for child in tree.children("s0") if child.status.value == "active"]  # in the tree's order (by file name)
    assert len(active) == 13 and drawn == active[:8]
    assert re.findall(r'label="(\+\d+ \w+)\\n', source) == ["+5 active", "+48 done"]


def test_a_strategy_draws_its_own_work_before_what_supports_it_from_elsewhere():
    """Graphviz orders a rank's boxes as it first meets them: the own initiatives first."""
    tree = tree_of(2, 3, supports={"s1-i0": "s0", "s1-i1": "s0"})
    source = node_diagram(tree, tree.nodes["s0"], href).source
    order = list(re.findall(r'^\s*"?(s\d-i\d)"? \[', source, re.M))
    assert order == ["s0-i0", "s0-i1", "s0-i2", "s1-i0", "s1-i1"]


def test_the_overview_draws_the_whole_tree_up_to_its_limit_then_strategies_with_counts():
    small = tree_of(3, 4)  # 16 nodes
    whole = overview_diagram(small, href, max_nodes=60).source
    assert "s2-i3" in whole and "4 initiatives" not in whole
    large = tree_of(10, 20)  # 211 nodes: strategies alone, with their counts, wrapped in columns of 10 at most
    alone = overview_diagram(large, href, max_nodes=60).source
    assert "s0-i0" not in alone and len(re.findall(r'label="Strategy \d+\\n20 initiatives"', alone)) == 10
    assert invisible(alone) == []  # ten strategies: one column
    huge = tree_of(40, 1)  # 81 nodes: 40 strategies in three columns of 14
    ids = [node.id for node in huge.at(Level.STRATEGY)]
    assert invisible(overview_diagram(huge, href, max_nodes=60).source) == [(ids[i], ids[i + 14]) for i in range(26)]


def test_the_whole_overview_wraps_each_strategys_initiatives_apart():
    tree = tree_of(2, 14)  # 31 nodes
    pairs = invisible(overview_diagram(tree, href, max_nodes=60).source)
    ids = [[child.id for child in tree.children(f"s{s}")] for s in range(2)]
    assert pairs == [(ids[s][i], ids[s][i + 7]) for s in range(2) for i in range(7)]
