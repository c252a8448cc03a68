"""What the pages show of the tree over time, made from its history (:mod:`..history`).

Each function returns plain data and ready charts (:mod:`.charts`) for the templates: a node's
timeline and burn-up, a strategy's burn-up across its initiatives and the initiatives it got
done each month, the changes of the last weeks, and the steps done lately per strategy.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

from mkdocs_ladder.history.events import Event, by_week, recent
from mkdocs_ladder.history.model import History, NodeHistory, StepHistory, burnup
from mkdocs_ladder.render.charts import Series, bar_chart, figures, line_chart
from mkdocs_ladder.tree.model import Level, Node, Status, Tree

CHANGES_WEEKS = 12  # the changes page: the last twelve weeks, week by week
RECENT_DAYS = 30  # the overview's column: steps done in the last thirty days
MONTHS = 12  # a strategy's initiatives done per month: the last twelve months


@dataclass(frozen=True, slots=True)
class Chart:
    svg: Markup
    table: Markup


@dataclass(slots=True)
class Timeline:
    """A node's History section."""

    created: date
    changed: date
    statuses: list[tuple[date, str, str]]  # (day, before, after)
    created_before: bool = False  # it existed when the read began: created on or before that day
    changed_before: bool = False
    burnup: Chart | None = None
    metrics: list[tuple[str, Chart]] = field(default_factory=list)
    done_per_month: Chart | None = None  # a strategy's


def _burnup(steps: list[StepHistory], until: date, label: str) -> Chart | None:
    points = burnup(steps, until)
    if not points:
        return None
    done, total = points[-1][1], points[-1][2]
    alt = f"{label}: {done} of {total} steps done on {until.isoformat()}, from {points[0][1]} of {points[0][2]} on {points[0][0].isoformat()}"
    svg = line_chart([Series("ladder-chart__total", "steps in all", [(d, t) for d, _, t in points]),
                      Series("ladder-chart__done", "steps done", [(d, n) for d, n, _ in points])], until, alt)
    return Chart(svg, figures(("date", "steps done", "steps in all"), [(d.isoformat(), n, t) for d, n, t in points]))


def _numeric(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _metric_charts(node: Node, past: NodeHistory, until: date) -> list[tuple[str, Chart]]:
    charts = []
    for metric in node.metrics:
        values = [(d, v) for d, raw in past.metrics.get(metric.name, []) if (v := _numeric(raw)) is not None]
        if len(values) < 2:
            continue
        target = _numeric(metric.target)
        unit = f" {metric.unit}" if metric.unit else ""
        alt = (f"{metric.name} over time: {values[0][1]:g}{unit} on {values[0][0].isoformat()}, "
               f"{values[-1][1]:g}{unit} on {values[-1][0].isoformat()}" + (f"; target {target:g}{unit}" if target is not None else ""))
        svg = line_chart([Series("ladder-chart__value", metric.name, values, step=False)], until, alt, target, unit)
        charts.append((metric.name, Chart(svg, figures(("date", metric.name), [(d.isoformat(), f"{v:g}{unit}") for d, v in values]))))
    return charts


def _done_per_month(initiatives: list[NodeHistory], until: date) -> Chart | None:
    months: list[date] = []
    month = until.replace(day=1)
    for _ in range(MONTHS):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    months.reverse()
    counts = dict.fromkeys(months, 0)
    for past in initiatives:
        done = [d for d, status in past.statuses if status == Status.DONE.value]
        if done and past.statuses[-1][1] == Status.DONE.value and done[-1].replace(day=1) in counts:
            counts[done[-1].replace(day=1)] += 1
    if not any(counts.values()):
        return None
    bars = [(m.strftime("%b"), n) for m, n in counts.items()]
    alt = f"Initiatives done per month, {months[0].strftime('%B %Y')} to {months[-1].strftime('%B %Y')}: {sum(counts.values())} in all"
    return Chart(bar_chart(bars, alt), figures(("month", "initiatives done"), [(m.strftime("%Y-%m"), n) for m, n in counts.items()]))


def timeline(tree: Tree, node: Node, history: History, today: date) -> Timeline | None:
    """A node's History section, or None when history does not know the node."""
    past = history.of(node.id)
    if past is None:
        return None
    statuses = [(day, before, after) for (_, before), (day, after) in itertools.pairwise(past.statuses)]
    result = Timeline(past.created, past.changed, statuses, past.created == history.cut, past.changed == history.cut)
    level = tree.level(node.id)
    if level is Level.INITIATIVE and node.steps:
        result.burnup = _burnup(past.steps, today, f"Steps of {node.title}")
    elif level is Level.STRATEGY:
        children = [h for c in tree.children(node.id) if (h := history.of(c.id)) is not None]
        result.burnup = _burnup([s for h in children for s in h.steps], today, f"Steps of the initiatives of {node.title}")
        result.done_per_month = _done_per_month(children, today)
    result.metrics = _metric_charts(node, past, today)
    return result


def recently_done(tree: Tree, history: History, today: date) -> dict[str, int]:
    """Steps done in the last RECENT_DAYS days, by initiative id."""
    since = today - timedelta(days=RECENT_DAYS)
    return {n.id: len(past.steps_done(since, today)) for n in tree.at(Level.INITIATIVE) if (past := history.of(n.id)) is not None}


def changes(history: History, today: date) -> list[tuple[date, list[Event]]]:
    """The last CHANGES_WEEKS weeks of events, by week, newest first."""
    return by_week(recent(history, today, CHANGES_WEEKS * 7))
