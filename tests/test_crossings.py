"""The overview can be read: no edge crosses another on this project's own tree.

Crossings are counted from Graphviz's own layout (benchmarks/crossings.py: ``dot -Tjson``, each
edge's curves cut into straight pieces). With what an initiative also supports drawn as dashed
edges, this project's overview had 71 crossings; as a line in the box, none."""

from __future__ import annotations

import sys

from .sites import FIXTURES, REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from crossings import crossings, overview_crossings


def test_the_counter_counts_a_crossing_and_not_a_shared_end():
    # two layers of three, each joined to each: no drawing of it in layers is without a crossing
    assert crossings("digraph { a -> x; a -> y; a -> z; b -> x; b -> y; b -> z; c -> x; c -> y; c -> z }") >= 3
    assert crossings("digraph { a -> b; a -> c; b -> d; c -> d }") == 0


def test_this_projects_overview_has_no_crossing():
    nodes, found = overview_crossings(REPO / "strategy")
    assert nodes >= 20 and found == 0


def test_the_example_overview_has_no_crossing():
    assert overview_crossings(FIXTURES / "example" / "strategy")[1] == 0
