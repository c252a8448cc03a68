"""The validated tree as data: JSON, CSV or DOT, for spreadsheets, dashboards and other tools.

Every node comes with what a reader of the site sees about it: its resolved ladder (ids from
the mission down), its children, steps done of total, its initiatives by status (for the
mission and strategies), and the health rules it breaks.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mkdocs_ladder.errors import Problem
from mkdocs_ladder.render.diagrams import overview_diagram
from mkdocs_ladder.tree.model import Level, Node, Status, Tree


def rows(tree: Tree, health: list[Problem]) -> list[dict[str, Any]]:
    broken: dict[str, list[str]] = {}
    for problem in health:
        if problem.node:
            broken.setdefault(problem.node, []).append(problem.rule)
    below: dict[str, list[Node]] = {}  # each node's initiatives, through its ladder: one pass, not one per node
    for initiative in tree.at(Level.INITIATIVE):
        for step in tree.ladder(initiative.id)[:-1]:
            below.setdefault(step.id, []).append(initiative)
    result = []
    for node in tree.nodes.values():
        level = tree.level(node.id)
        under = below.get(node.id, [])
        result.append(
            {
                "id": node.id,
                "title": node.title,
                "level": level.noun,
                "parent": node.parent,
                "supports": list(node.supports),
                "ladder": [n.id for n in tree.ladder(node.id)],
                "children": [c.id for c in tree.children(node.id)],
                "status": node.status.value,
                "owner": node.owner,
                "kind": node.kind,
                "horizon": node.horizon,
                "value": node.value,
                "effort": node.effort,
                "confidence": node.confidence,
                "timescale": node.timescale.value if node.timescale else None,
                "tags": list(node.tags),
                "due": node.due.isoformat() if node.due else None,
                "steps_done": node.steps_done,
                "steps_total": len(node.steps),
                "initiatives": {s.value: sum(1 for n in under if n.status is s) for s in Status} if level is not Level.INITIATIVE else None,
                "metrics": [m.model_dump(mode="json") for m in node.metrics],
                "hypothesis": node.hypothesis,
                "questions": [q.model_dump() for q in node.questions],
                "open_questions": sum(1 for q in node.questions if q.answer is None),
                "warnings": broken.get(node.id, []),
                "file": tree.origins[node.id].path.as_posix(),
                "line": tree.origins[node.id].line,
            }
        )
    return result


def to_json(tree: Tree, health: list[Problem]) -> str:
    return json.dumps({"nodes": rows(tree, health)}, indent=2, default=str)


CSV_COLUMNS = [
    "id",
    "title",
    "level",
    "parent",
    "supports",
    "ladder",
    "status",
    "owner",
    "kind",
    "horizon",
    "value",
    "effort",
    "confidence",
    "timescale",
    "tags",
    "due",
    "open_questions",
    "steps_done",
    "steps_total",
    *(f"initiatives_{s.value}" for s in Status),
    "warnings",
    "file",
    "line",
]


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection: =, +, -, @, tab and
#: CR), and the full-width forms that some spreadsheets read the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs: text that could start a formula gets a leading ``'``
    (OWASP's rule), which spreadsheets show as text; the csv module quotes the rest."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else value


def to_csv(tree: Tree, health: list[Problem]) -> str:
    """One row per node; lists joined with ``;``; counts per status for the mission and
    strategies; every cell through :func:`cell`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(tree, health):
        flat = {key: ";".join(value) if isinstance(value, list) else value for key, value in row.items() if key in CSV_COLUMNS}
        for status in Status:
            flat[f"initiatives_{status.value}"] = row["initiatives"][status.value] if row["initiatives"] else ""
        writer.writerow({key: cell(value) for key, value in flat.items()})
    return out.getvalue()


def to_dot(tree: Tree) -> str:
    """The whole tree as Graphviz DOT, each box linking to ``<id>/`` (as from the overview page),
    indented with spaces (a terminal is shown no control character, a tab included)."""
    return overview_diagram(tree, lambda target: f"{target}/" if target else "./", max_nodes=len(tree.nodes)).source.replace("\t", "    ")
