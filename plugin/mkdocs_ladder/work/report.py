"""``ladder work``'s answers, as data and as text: a node's work, or the summary by repository.

Commit subjects and trailer values come from anyone who can push: here they stay data (JSON
strings, or text lines that a terminal prints as they are); the pages make them inert.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from mkdocs_ladder.gitio import redact
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.work.model import Delivered, Work, by_node, commit_counts, figures, linked_share, unknown_ids, unlinked


def _integration(d: Delivered) -> dict[str, Any]:
    i = d.integration
    return {
        "date": i.day.isoformat(),
        "repository": d.repository,
        "commit": i.sha,
        "subject": i.subject,
        "commits": len(i.commits),
        "ids": list(i.ids),
    }


def node_report(tree: Tree, node_id: str, read: Work) -> dict[str, Any]:
    """A node's figures over the window (its descendants' work included) and its integrations, newest first."""
    delivered = read.delivered()
    work = by_node(tree, delivered)[node_id]
    shown = asdict(figures(work, commit_counts(tree, delivered)[node_id], read.today, read.since))
    shown = {key: value.isoformat() if isinstance(value, date) else value for key, value in shown.items()}
    return {"id": node_id, "title": tree.nodes[node_id].title, "since": read.since.isoformat(), "until": read.today.isoformat(),
            "figures": shown, "integrations": [_integration(d) for d in reversed(work)]}  # fmt: skip


def summary(tree: Tree, read: Work, latest: int = 10) -> dict[str, Any]:
    """For each repository: its integrations in the window, how many ladder up, the ids that
    name no node, the latest integrations that ladder up to nothing, and what went wrong."""
    repositories = []
    for r in read.repositories:
        work = read.delivered(r.source.name)
        linked, total = linked_share(work, tree.nodes)
        repositories.append({
            "name": r.source.name, "location": redact(r.source.location), "integrations": total, "linked": linked,
            "unknown_ids": [asdict(u) | {"hint": u.hint} for u in unknown_ids(tree, work)], "unlinked": [_integration(d) for d in unlinked(work, tree.nodes, latest)],
            "warning": r.warning, "note": r.note,
        })  # fmt: skip
    return {"since": read.since.isoformat(), "until": read.today.isoformat(), "repositories": repositories}


def node_text(report: dict[str, Any]) -> str:
    """A node's report as lines: its figures, then one line per integration."""
    f = report["figures"]
    lines = [
        f"{report['id']}: {report['title']}",
        (
            f"{MESSAGES.count('count.integrations', f['integrations'])} ({MESSAGES.count('count.commits', f['commits'])}) "
            f"from {report['since']} to {report['until']}; {f['per_week']} a week; "
            f"longest gap {f['longest_gap']} days; last {f['last'] or 'never'}"
        ),
        *(f"{i['date']}  {i['repository']}  {i['commit'][:10]}  {i['subject']}" for i in report["integrations"]),
    ]
    return "".join(f"{line}\n" for line in lines)


def summary_text(report: dict[str, Any]) -> str:
    """The summary as lines: a paragraph per repository."""
    lines = []
    for r in report["repositories"]:
        if r["warning"]:
            lines.append(f"{r['name']}: not read ({r['warning']})")
            continue
        share = f"{100 * r['linked'] // r['integrations']}%" if r["integrations"] else "-"
        window = f"from {report['since']} to {report['until']}"
        lines.append(f"{r['name']}: {MESSAGES.count('count.integrations', r['integrations'])} {window}, {r['linked']} ladder up ({share})")
        lines += [f"  unknown id '{u['id']}' in {u['sha'][:10]}{u['hint']}" for u in r["unknown_ids"]]
        lines += [f"  not linked: {i['date']}  {i['commit'][:10]}  {i['subject']}" for i in r["unlinked"]]
    return "".join(f"{line}\n" for line in lines)
