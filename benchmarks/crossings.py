"""Edge crossings of a laid-out diagram, counted from Graphviz's own layout.

    python benchmarks/crossings.py [STRATEGY_DIR ...]     # the overview of each tree

``dot -Tjson`` gives each edge as the cubic Bézier curves Graphviz drew; each curve is cut into
16 straight pieces, and two edges cross where a piece of one meets a piece of the other (edges
that share a box meet there, and that is not counted). Invisible edges (the ones that wrap a
long column) are left out: a reader sees none of them.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

Point = tuple[float, float]
PIECES = 16


def _bezier(points: list[Point]) -> list[Point]:
    """A curve of cubic Bézier segments (3n+1 points) as a polyline."""
    line = [points[0]]
    for start in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[start : start + 4]
        for step in range(1, PIECES + 1):
            t = step / PIECES
            u = 1 - t
            line.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return line


def _meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether the pieces ab and cd cross (touching ends do not count)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def edges(source: str, dot: str = "dot") -> list[tuple[frozenset[int], list[Point]]]:
    """Each visible edge of ``source`` as laid out: its two ends and its polyline."""
    laid = json.loads(subprocess.run([dot, "-Tjson"], input=source, capture_output=True, text=True, check=True).stdout)
    found = []
    for edge in laid.get("edges", []):
        if edge.get("style") == "invis":
            continue
        curve = [op for op in edge.get("_draw_", []) if op.get("op") == "b"]
        if curve:
            found.append((frozenset((edge["tail"], edge["head"])), _bezier([tuple(p) for p in curve[0]["points"]])))
    return found


def crossings(source: str, dot: str = "dot") -> int:
    """How many times two edges of the laid-out diagram cross."""
    count = 0
    for (ends_a, line_a), (ends_b, line_b) in itertools.combinations(edges(source, dot), 2):
        if ends_a & ends_b:
            continue
        count += sum(_meet(a, b, c, d) for a, b in itertools.pairwise(line_a) for c, d in itertools.pairwise(line_b))
    return count


def overview_crossings(strategy_dir: Path) -> tuple[int, int]:
    """(nodes, crossings) of the overview diagram of the tree in ``strategy_dir``."""
    from mkdocs_ladder import wiring
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.render.pages import plan_diagrams
    from mkdocs_ladder.settings import Settings

    checked = check_directory(strategy_dir)
    assert checked.tree is not None, [p.text() for p in checked.problems][:5]
    overview = plan_diagrams(checked.tree, wiring.page_options(Settings(), True), only=())[0]
    return len(checked.tree.nodes), crossings(overview.source)


if __name__ == "__main__":
    for folder in sys.argv[1:] or ["strategy"]:
        nodes, found = overview_crossings(Path(folder))
        print(json.dumps({"tree": folder, "nodes": nodes, "crossings": found}))
