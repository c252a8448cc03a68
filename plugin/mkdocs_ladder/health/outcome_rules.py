"""Health rules that read outcomes: the catalogue's metrics, as read (:mod:`mkdocs_ladder.metrics`).

Working too big shows as a target that the recent trend will not reach; working too small as
a strategy judged by no outcome, and as output without outcome: work marked done whose metric
did not move the right way after it. A metric whose latest value is old says nothing either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from mkdocs_ladder.health.base import Finding, HealthSettings, Seen
from mkdocs_ladder.history.model import done_days
from mkdocs_ladder.metrics.nodes import Outcome, outcomes_of
from mkdocs_ladder.metrics.outcomes import Standing, moved_since, projected
from mkdocs_ladder.tree.model import Level, Node, Status, Tree


def _shown(value: float, unit: str | None) -> str:
    return f"{value:,.4g}{f' {unit}' if unit else ''}"


def no_outcome(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too small: an active strategy that names no metric of the catalogue, so no
    outcome tells whether its work moves anything. Applies once a tree has a catalogue
    (``metrics.yaml``)."""
    if tree.level(node.id) is Level.STRATEGY and node.status is Status.ACTIVE and not any(m.metric for m in node.metrics):
        noun = settings.names.noun(Level.STRATEGY)
        advice = "say which outcome it is judged by (metrics: [{metric: <id>, target: <value>, by: <date>}])"
        yield ((), f"this active {noun} names no metric of the catalogue: {advice}")


def _outcomes(node: Node, settings: HealthSettings, seen: Seen) -> list[Outcome]:
    if seen.measured is None:
        return []
    return outcomes_of(node, seen.measured, settings.today, settings.limits.trend_days)


def off_track(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Working too big: at the trend of the last ``trend_days`` (90) of a metric's values (a
    least-squares line through them, carried forward), an open node's target will not be
    reached by its date; or the date passed without it."""
    if not node.status.is_open:
        return
    for outcome in _outcomes(node, settings, seen):
        if outcome.standing is not Standing.OFF_TRACK or outcome.goal.target is None:
            continue
        unit, target = outcome.definition.unit, outcome.goal.target
        latest = outcome.values[-1]
        by = outcome.goal.by
        if by is not None and by < settings.today:
            said = f"its date {by.isoformat()} passed at {_shown(latest[1], unit)} ({latest[0].isoformat()})"
        elif by is not None:
            reach = projected(outcome.values, outcome.slope, by) or latest[1]
            said = f"at the trend of the last {settings.limits.trend_days} days it reaches {_shown(reach, unit)} by {by.isoformat()}"
        else:
            said = f"it moves the wrong way over the last {settings.limits.trend_days} days"
        yield (
            ("metrics", outcome.index),
            f"'{outcome.metric}' is off track for its target {_shown(target, unit)}: {said}; make the work smaller, or the target honest",
        )


def output_without_outcome(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """Output without outcome: work marked done more than ``outcome_days`` (60) ago whose
    metric has not moved the right way since the day it was done."""
    done = done_days(seen.history, {node.id: node.status.value}).get(node.id)
    if done is None or (settings.today - done).days < settings.limits.outcome_days:
        return
    for outcome in _outcomes(node, settings, seen):
        move = moved_since(outcome.values, done, outcome.goal.direction)
        if move is not None and not move.improved:
            unit = outcome.definition.unit
            yield (
                ("metrics", outcome.index),
                (
                    f"done on {done.isoformat()}, and '{outcome.metric}' has not moved the right way since: "
                    f"{_shown(move.before[1], unit)} then, {_shown(move.after[1], unit)} on {move.after[0].isoformat()}; "
                    "what did the work change?"
                ),
            )


def stale_metric(tree: Tree, node: Node, settings: HealthSettings, seen: Seen) -> Iterator[Finding]:
    """A metric that says nothing now: an open node's metric whose latest value is older than
    ``stale_metric_days`` (45)."""
    if not node.status.is_open:
        return
    limit = settings.today - timedelta(days=settings.limits.stale_metric_days)
    for outcome in _outcomes(node, settings, seen):
        if outcome.values and outcome.values[-1][0] < limit:
            day = outcome.values[-1][0]
            yield (
                ("metrics", outcome.index),
                (
                    f"the latest value of '{outcome.metric}' is from {day.isoformat()}, {(settings.today - day).days} days ago "
                    f"(limit {settings.limits.stale_metric_days}): is its source still written?"
                ),
            )
