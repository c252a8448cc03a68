"""Health rules that read the work itself: the integrations of the repositories, as they link
to the tree (:mod:`mkdocs_ladder.work`).

Working too big shows as work integrated rarely; working too small as work that ladders up to
nothing. The rules that concern the whole organisation's work (a repository's share of linked
work, a trailer that names no node) are reported at the mission: every tree has one, it is
what all work should ladder up to, its file and line are where a pull request's reviewer sees
the finding, and its ``waive:`` is where an organisation says, with a reason, why it accepts it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

from mkdocs_ladder.health.base import Finding, HealthSettings, Seen, active_initiative
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.tree.model import Level, Node, Tree
from mkdocs_ladder.work.model import linked_share


def infrequent_integration(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big, infrequent integration: an active initiative with linked work, where
    the longest gap between its integrations in the last ``work_days`` (90), or the time since
    the last one, exceeds ``integration_gap_days`` (21)."""
    work = seen.work.nodes.get(node.id, []) if seen.work else []
    if not work or not active_initiative(tree, node):
        return
    start = settings.today - timedelta(days=settings.limits.work_days)
    days = [d.integration.day for d in work if d.integration.day >= start]
    gaps = [(b - a, a, b) for a, b in itertools.pairwise(days)]
    longest = max(gaps, default=None)
    since_last = (settings.today - work[-1].integration.day).days
    limit = settings.limits.integration_gap_days
    advice = "working too big; integrate smaller steps more often"
    if longest is not None and longest[0].days > limit:
        gap, first, second = longest
        yield (
            (),
            f"{gap.days} days passed between two integrations ({first.isoformat()} to {second.isoformat()}; limit {limit}): {advice}",
        )
    elif since_last > limit:
        yield (
            (),
            f"the last integration was {MESSAGES.count('count.days', since_last)} ago ({work[-1].integration.day.isoformat()}; limit {limit}): {advice}",
        )


def no_linked_work(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Work nobody can see: an active initiative older than ``linked_work_days`` (30) that no
    commit of any repository links to, while linking is in use (some trailer names some node)."""
    past = seen.history.of(node.id) if seen.history else None
    if past is None or seen.work is None or not seen.work.in_use or not active_initiative(tree, node):
        return
    age = (settings.today - past.created).days
    if age > settings.limits.linked_work_days and not seen.work.nodes.get(node.id):
        yield (
            (),
            (
                f"no commit links to this {settings.names.noun(Level.INITIATIVE)} ({age} days old): "
                f"say which work delivers it with a `Ladder: {node.id}` trailer, or change its status"
            ),
        )


def unlinked_work(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too small: less than ``linked_share`` (half) of a repository's integrations in
    the last ``work_days`` (90) ladder up to a node, while linking is in use. Reported at the
    mission, which all work should ladder up to, once per repository."""
    if seen.work is None or not seen.work.in_use or tree.level(node.id) is not Level.MISSION:
        return
    start = settings.today - timedelta(days=settings.limits.work_days)
    for repository in seen.work.work.repositories:
        work = [d for d in seen.work.work.delivered(repository.source.name) if d.integration.day >= start]
        linked, total = linked_share(work, tree.nodes)
        if total and linked < settings.limits.linked_share * total:
            yield (
                (),
                (
                    f"repository '{repository.source.name}': {linked} of {total} integrations in the last {settings.limits.work_days} days "
                    f"({100 * linked // total}%) ladder up to a node (at least {settings.limits.linked_share:.0%}): working too small; "
                    "link the work to what it serves, or name the strategy it serves"
                ),
            )


def unknown_work_id(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:  # noqa: ARG001  # every rule takes the same arguments
    """A commit's trailer names no node: a typo, or a node since removed or renamed. A past
    commit cannot be edited, so this is a note by default, which never fails a build; it is
    reported at the mission, once per commit and id, with a did-you-mean."""
    if seen.work is None or tree.level(node.id) is not Level.MISSION:
        return
    for unknown in seen.work.unknown:
        yield (
            (),
            f"commit {unknown.sha[:10]} of repository '{unknown.repository}' links to '{unknown.id}', which names no node{unknown.hint}",
        )
