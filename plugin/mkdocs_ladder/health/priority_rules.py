"""Health rules on priorities, horizons and time scales (the ``horizon``, ``value``, ``effort``
and ``timescale`` fields): detail planned before its time, too much at once, value spread thin,
big efforts with no small steps, and rungs of a ladder skipped.

The first horizon of the site (``now`` by default) is the nearest, its last (``later``) the
farthest; a size's weight is its number on the site's scale (S 1, M 2, L 4, XL 8 by default).
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_ladder.health.base import Finding, HealthSettings, Seen, active_initiative
from mkdocs_ladder.tree.model import Level, Node, Timescale, Tree


def _initiative(tree: Tree, node: Node) -> bool:
    return tree.level(node.id) is Level.INITIATIVE


def over_planning(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too small: detail planned before its time. An initiative on the farthest horizon
    (``later``) with more steps than ``later_max_steps`` (3), or with a due date, is analysed
    too early; keep it an intent until it comes nearer."""
    horizons = settings.horizons
    if not (_initiative(tree, node) and node.status.is_open and len(horizons) > 1 and node.horizon == horizons[-1]):
        return
    if len(node.steps) > settings.limits.later_max_steps:
        yield (
            ("steps",),
            f"'{node.horizon}' work already has {len(node.steps)} steps (more than {settings.limits.later_max_steps}): detail planned before its time",
        )
    if node.due is not None:
        yield ("due",), f"'{node.horizon}' work already has a due date ({node.due.isoformat()}): detail planned before its time"


def too_much_now(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big: too much in parallel. An owner with more than ``max_now`` (3) active
    initiatives on the nearest horizon (``now``) delivers none of them incrementally; said once
    per owner, at the first of them."""
    nearest = settings.horizons[0] if settings.horizons else None
    if not (active_initiative(tree, node) and node.owner and node.horizon == nearest):
        return
    mine = [n for n in tree.owned(node.owner) if active_initiative(tree, n) and n.horizon == nearest]
    if len(mine) > settings.limits.max_now and mine[0].id == node.id:
        yield (
            ("horizon",),
            f"'{node.owner}' has {len(mine)} active '{nearest}' initiatives (more than {settings.limits.max_now}): too much in parallel",
        )


def low_value_load(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """The 20/80 question, asked in CI: on a strategy, the initiatives in the lower half by
    value (open ones with a value, below the middle one's) hold more than half of the open steps."""
    if tree.level(node.id) is not Level.STRATEGY:
        return
    sized = sorted(
        (settings.sizes[n.value], n.id, n.open_steps)
        for n in tree.children(node.id)
        if n.status.is_open and n.value is not None and n.value in settings.sizes
    )
    total = sum(steps for _, _, steps in sized)
    middle = sized[len(sized) // 2][0] if sized else 0.0
    held = sum(steps for weight, _, steps in sized if weight < middle)  # the lower half: below the middle value, ties kept above
    if len(sized) >= 2 and total and 2 * held > total:
        yield (), f"the lower half of its initiatives by value holds {held} of {total} open steps: effort goes where the value is not"


def big_without_steps(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big: an active initiative whose effort is ``big_effort`` (L) or more has
    fewer than ``big_min_steps`` (3) steps: a big effort with no small steps."""
    if not active_initiative(tree, node) or node.effort is None or node.effort not in settings.sizes:
        return
    if settings.sizes[node.effort] >= _big(settings) and len(node.steps) < settings.limits.big_min_steps:
        yield (
            ("effort",),
            f"effort {node.effort} with {len(node.steps)} steps (fewer than {settings.limits.big_min_steps}): a big effort with no small steps",
        )


def _big(settings: HealthSettings) -> float:
    """The weight from which an effort is big: ``big_effort``'s, or the upper half of the scale's."""
    if settings.limits.big_effort in settings.sizes:
        return settings.sizes[settings.limits.big_effort]
    weights = sorted(settings.sizes.values())
    return weights[len(weights) // 2] if weights else float("inf")


def unsized_now(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Work on the nearest horizon (``now``) with no ``value`` or ``effort``, when the site
    sizes its work (some node has a size): nobody can weigh it against the rest."""
    nearest = settings.horizons[0] if settings.horizons else None
    if not (_initiative(tree, node) and node.status.is_open and node.horizon == nearest):
        return
    missing = [name for name in ("value", "effort") if getattr(node, name) is None]
    if missing and tree.sized:
        yield ("horizon",), f"'{nearest}' work has no {' or '.join(missing)}: size it, as the rest of the tree is"


_RUNGS = list(Timescale)


def skipped_rung(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Cutler's "1s and 3s": each rung of a ladder lives about one time scale shorter than the
    one above it. A node whose ``timescale`` is two or more rungs below its parent's skips a rung
    that nothing draws (off by default)."""
    parent = tree.nodes.get(node.parent or "")
    if node.timescale is None or parent is None or parent.timescale is None:
        return
    gap = _RUNGS.index(parent.timescale) - _RUNGS.index(node.timescale)
    if gap >= 2:
        skipped = ", ".join(t.value for t in _RUNGS[_RUNGS.index(node.timescale) + 1 : _RUNGS.index(parent.timescale)])
        yield (
            ("timescale",),
            f"timescale {node.timescale.value} under a parent of {parent.timescale.value}: the rung of {skipped} is skipped",
        )
