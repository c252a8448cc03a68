"""Health rules: where a valid tree shows working too big or too small.

"Think big, work small" fails in two ways: work too big (no small steps, no measure, no
incremental delivery) and work too small (work that connects to no strategy, strategies nobody
works on). Each rule here catches one sign of either, on a tree that already passed the format
rules. Every rule has a stable id; its severity (``off``, ``note``, ``warning``, ``error``) is set per
rule in the plugin's config, and a node can waive a rule in its YAML with the reason why::

    waive:
      initiative-without-metrics: a one-off migration; done is the measure

A rule reports at the line of the value it concerns (``due:`` for an overdue initiative),
else where the node begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.health.base import INACTIVE, Finding, HealthSettings, Seen, active_initiative
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.tree.model import Level, Node, Status, Tree


def strategy_without_work(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """A vision with no work: an active strategy that no active initiative serves (as parent
    or through ``supports``) is a promise nobody is keeping."""
    if tree.level(node.id) is Level.STRATEGY and node.status is Status.ACTIVE:
        serving = tree.children(node.id) + tree.supporters(node.id)
        if not any(n.status is Status.ACTIVE for n in serving):
            yield (
                (),
                f"active {settings.names.noun(Level.STRATEGY)} has no active {settings.names.noun(Level.INITIATIVE)}: a vision with no work",
            )


def initiative_without_why(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Work that cannot say how it serves its strategy is busy work: every active initiative
    says, in ``why``, what it does for its parent."""
    if active_initiative(tree, node) and not (node.why or "").strip():
        yield (), f"active {settings.names.noun(Level.INITIATIVE)} has no 'why': say how it serves '{node.parent}'"


def initiative_without_steps(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big: an active initiative with no ``steps`` has no small, shippable pieces
    that show progress."""
    if active_initiative(tree, node) and not node.steps:
        yield (), f"active {settings.names.noun(Level.INITIATIVE)} has no steps: break it into small, shippable steps"


#: What ``ladder new`` writes where an author has yet to write (a value that starts with the word).
_TODO = re.compile(r"\s*TODO\b")


def unfinished(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """A file that ``ladder new`` wrote, with its TODOs left: a title, a why, a step, a metric or
    a question that still starts with TODO is a page that says so to every reader."""
    texts = {
        "title": [node.title],
        "why": [node.why or ""],
        "description": [node.description or ""],
        "hypothesis": [node.hypothesis or ""],
        "steps": [s.title for s in node.steps],
        "metrics": [m.key for m in node.metrics],
        "questions": [q.question for q in node.questions],
    }
    for field, values in texts.items():
        if any(_TODO.match(value) for value in values):
            yield (field,), f"'{field}' still starts with TODO: write what `ladder new` left for you"


def initiative_too_big(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big: more open steps than the limit (``max_open_steps``, 7 by default)
    means an initiative that should be split."""
    if active_initiative(tree, node):
        open_steps = node.open_steps
        if open_steps > settings.limits.max_open_steps:
            yield (
                ("steps",),
                f"active {settings.names.noun(Level.INITIATIVE)} has {open_steps} open steps (limit {settings.limits.max_open_steps}): working too big; split it",
            )


def initiative_without_metrics(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Without a metric nobody can tell whether the work worked: every active initiative
    names how its success is measured."""
    if active_initiative(tree, node) and not node.metrics:
        yield (), f"active {settings.names.noun(Level.INITIATIVE)} has no metrics: how will you know it worked?"


def initiative_overdue(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """A stale initiative: past its ``due`` date and neither ``done`` nor ``dropped``. Move
    the date, finish it or drop it, so the tree says what is really happening."""
    if tree.level(node.id) is Level.INITIATIVE and node.due and node.due < settings.today and node.status.is_open:
        days = (settings.today - node.due).days
        yield (
            ("due",),
            f"{node.status.value} {settings.names.noun(Level.INITIATIVE)} was due {node.due.isoformat()} ({MESSAGES.count('count.days', days)} ago)",
        )


def active_under_inactive(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Work that serves a strategy that is no longer pursued: an active initiative whose
    parent strategy is done, paused or dropped."""
    if active_initiative(tree, node) and node.parent in tree.nodes:
        parent = tree.nodes[node.parent]
        if parent.status in INACTIVE:
            yield (
                ("parent",),
                f"active {settings.names.noun(Level.INITIATIVE)} under {parent.status.value} {settings.names.noun(Level.STRATEGY)} '{parent.id}'",
            )


def missing_owner(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Work without an owner is nobody's: every node names the team or person who owns it."""
    if not node.owner:
        yield (), f"{settings.names.noun(tree.level(node.id))} has no owner"


def unknown_owner(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """When the tree has an owners file (``owners.yaml``), every owner must be in it: a typo
    in an owner's name would hide the work from that owner's page. An error by default."""
    if tree.owners is not None and node.owner and node.owner not in tree.owners:
        hint = did_you_mean(node.owner, tree.owners)
        yield ("owner",), f"owner '{node.owner}' is not in {tree.owners_path.name if tree.owners_path else 'owners.yaml'}{hint}"


def kind_requires(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """A kind of work asks for what makes it that kind: an experiment states its
    ``hypothesis``, learning work its ``questions`` (the ``kinds`` option says which fields
    each kind requires). An unknown kind is an error of the format (``unknown-kind``)."""
    for wanted in settings.kinds.get(node.kind or "", ()):
        value = getattr(node, wanted, None)
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            yield ("kind",), f"kind '{node.kind}' requires '{wanted}', and this {settings.names.noun(tree.level(node.id))} has none"


# --- rules that read the tree's history ----------------------------------------------------------


def no_recent_progress(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big, no incremental delivery: an active initiative with open steps, older
    than ``progress_days`` (42), with no step marked done in the last ``progress_days``."""
    past = seen.history.of(node.id) if seen.history else None
    open_steps = node.open_steps
    if past is None or not active_initiative(tree, node) or not open_steps:
        return
    since = settings.today - timedelta(days=settings.limits.progress_days)
    if past.created < since and not past.steps_done(since, settings.today):
        last = max((s.done for s in past.steps if s.done is not None and s.removed is None), default=None)
        when = f"the last on {last.isoformat()}" if last else "none yet"
        yield (
            ("steps",),
            (
                f"no step marked done in {settings.limits.progress_days} days ({when}; {open_steps} open): working too big; ship a smaller step"
            ),
        )


def scope_creep(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """The scope expands to fill the time: an active initiative whose open steps grew by at
    least ``scope_creep_steps`` (3) and ``scope_creep_growth`` (50%) over its state
    ``scope_creep_days`` (90) ago, or at its creation if younger, while fewer steps were done
    than added in that time."""
    past = seen.history.of(node.id) if seen.history else None
    if past is None or not active_initiative(tree, node):
        return
    then = max(settings.today - timedelta(days=settings.limits.scope_creep_days), past.created)
    before = past.open_steps_on(then)
    now = node.open_steps
    added, done = past.steps_added(then, settings.today), len(past.steps_done(then, settings.today))
    grew = now - before
    if grew >= settings.limits.scope_creep_steps and grew >= settings.limits.scope_creep_growth * before and done < added:
        yield (
            ("steps",),
            (
                f"open steps grew from {before} to {now} since {then.isoformat()} ({added} added, {done} done): "
                "the scope expands; split it, or cut it back"
            ),
        )


def stale_review(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Nobody has groomed it: an active strategy or initiative whose content has not changed
    in ``stale_days`` (120). Any change counts, a step done or a line of its why."""
    past = seen.history.of(node.id) if seen.history else None
    if past is None or tree.level(node.id) is Level.MISSION or node.status is not Status.ACTIVE:
        return
    days = (settings.today - past.changed).days
    if days >= settings.limits.stale_days:
        yield (), f"unchanged since {past.changed.isoformat()} ({days} days): review it, and change what is no longer true"
