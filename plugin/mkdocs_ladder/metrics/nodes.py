"""The catalogue's metrics as the tree's nodes name them: each node's outcomes (its metric, its
target and date, its values and where they stand), and what they add up to across the tree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mkdocs_ladder.metrics.model import Measured, Values
from mkdocs_ladder.metrics.outcomes import Calibration, Goal, Move, Standing, calibrate, moved_since, reached_by, standing, trend
from mkdocs_ladder.tree.catalogue import MetricDefinition
from mkdocs_ladder.tree.model import Node, Tree


@dataclass(frozen=True, slots=True)
class Outcome:
    """A metric of the catalogue as one node names it."""

    node: str
    index: int  # where the node lists it (``metrics[index]``)
    metric: str
    definition: MetricDefinition
    goal: Goal
    values: Values
    standing: Standing
    slope: float | None  # the recent trend, per day


def number(value: object) -> float | None:
    """A target written as a number (a text target has no line on a chart)."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def outcomes_of(node: Node, measured: Measured, today: date, days: int) -> list[Outcome]:
    """The node's metrics that the catalogue holds, each with its values and standing."""
    found = []
    for index, ref in enumerate(node.metrics):
        definition = measured.definition(ref.metric) if ref.metric else None
        if definition is None or ref.metric is None:
            continue
        values = measured.values(ref.metric)
        goal = Goal(number(ref.target), ref.by, definition.direction)
        found.append(
            Outcome(node.id, index, ref.metric, definition, goal, values, standing(values, goal, today, days), trend(values, days))
        )
    return found


def tree_outcomes(tree: Tree, measured: Measured, today: date, days: int) -> dict[str, list[Outcome]]:
    """Every node's outcomes, by node id (nodes that name no metric of the catalogue left out)."""
    return {node.id: found for node in tree.nodes.values() if (found := outcomes_of(node, measured, today, days))}


def by_metric(outcomes: Mapping[str, list[Outcome]]) -> dict[str, list[Outcome]]:
    """The outcomes by the metric they are of (each metric: the nodes that name it, in the tree's order)."""
    named: dict[str, list[Outcome]] = {}
    for listed in outcomes.values():
        for outcome in listed:
            named.setdefault(outcome.metric, []).append(outcome)
    return named


def overall(outcomes: list[Outcome]) -> Standing:
    """A node's standing across its metrics: off track when one is, else on track when one is
    or met, else unknown (all met: met)."""
    standings = {o.standing for o in outcomes}
    if Standing.OFF_TRACK in standings:
        return Standing.OFF_TRACK
    if standings == {Standing.MET}:
        return Standing.MET
    if standings & {Standing.ON_TRACK, Standing.MET}:
        return Standing.ON_TRACK
    return Standing.UNKNOWN


def calibration(tree: Tree, outcomes: Mapping[str, list[Outcome]], today: date) -> list[Calibration]:
    """Of the forecasts that came due (a target with a date on or before ``today``, on a node
    with a confidence), how many reached their target by their date, by confidence."""
    forecasts = []
    for node_id, found in outcomes.items():
        confidence = tree.nodes[node_id].confidence
        if confidence is None:
            continue
        for outcome in found:
            if outcome.goal.by is not None and outcome.goal.by <= today:
                reached = reached_by(outcome.values, outcome.goal)
                if reached is not None:
                    forecasts.append((confidence, reached))
    return calibrate(forecasts)


def measured_moves(outcomes: Mapping[str, list[Outcome]], done: Mapping[str, date]) -> list[tuple[str, Outcome, Move]]:
    """For work marked done (``done``: the day, by node id), how far each of its metrics moved
    after that day: (node id, outcome, move), in the tree's order."""
    found = []
    for node_id, listed in outcomes.items():
        day = done.get(node_id)
        if day is None:
            continue
        for outcome in listed:
            move = moved_since(outcome.values, day, outcome.goal.direction)
            if move is not None:
                found.append((node_id, outcome, move))
    return found
