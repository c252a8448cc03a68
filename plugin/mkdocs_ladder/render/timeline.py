"""What the pages show of the tree over time, made from its history (:mod:`..history`).

Each function returns plain data and ready charts (:mod:`.charts`) for the templates: a node's
timeline and burn-up, a strategy's burn-up across its initiatives and the initiatives it got
done each month, the changes of the last weeks, and the steps done lately per strategy.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

from mkdocs_ladder.history.events import Event, by_week, deprioritised, node_events, recent
from mkdocs_ladder.history.model import History, NodeHistory, StepHistory, burnup
from mkdocs_ladder.labels import Labels
from mkdocs_ladder.render.charts import Series, Target, bar_chart, figures_table, line_chart
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
    plans: list[PlanChange] = field(default_factory=list)  # each change of horizon, value or confidence


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A change of horizon, value or confidence, in the pages' words."""

    day: date
    what: str  # the field's name
    before: str
    after: str
    note: str | None  # deprioritised, or brought forward (a horizon's move)


def plan_change(event: Event, t: Labels, horizons: Mapping[str, str]) -> PlanChange:
    """An event of kind ``plan`` as the changes page and the History section say it."""

    def shown(value: object) -> str:
        return t("plan.none") if value is None else str(horizons.get(str(value), value) if event.what == "horizon" else value)

    moved = deprioritised(event, list(horizons))
    note = None if moved is None else t("changes.deprioritised") if moved else t("changes.brought_forward")
    return PlanChange(event.day, t(f"plan.{event.what}"), shown(event.before), shown(event.after), note)


def _burnup(steps: list[StepHistory], until: date, label: str, t: Labels) -> Chart | None:
    points = burnup(steps, until)
    if not points:
        return None
    done, total = points[-1][1], points[-1][2]
    alt = t(
        "history.burnup_alt",
        label=label,
        done=done,
        total=total,
        day=until.isoformat(),
        first_done=points[0][1],
        first_total=points[0][2],
        first_day=points[0][0].isoformat(),
    )
    done_name, total_name = t("history.done_series"), t("history.total_series")
    svg = line_chart(
        [
            Series("ladder-chart__total", total_name, [(d, n) for d, _, n in points]),
            Series("ladder-chart__done", done_name, [(d, n) for d, n, _ in points]),
        ],
        until,
        alt,
    )
    return Chart(
        svg, figures_table((t("history.date"), done_name, total_name), [(d.isoformat(), n, m) for d, n, m in points], t("history.figures"))
    )


def _numeric(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _metric_charts(node: Node, past: NodeHistory, until: date, t: Labels) -> list[tuple[str, Chart]]:
    charts = []
    for metric in node.metrics:
        if metric.metric is not None:  # read from its data: its chart is in the Outcomes section
            continue
        values = [(d, v) for d, raw in past.metrics.get(metric.key, []) if (v := _numeric(raw)) is not None]
        if len(values) < 2:
            continue
        target = _numeric(metric.target)
        unit = f" {metric.unit}" if metric.unit else ""
        alt = t(
            "history.metric_alt",
            name=metric.key,
            first=f"{values[0][1]:g}{unit}",
            first_day=values[0][0].isoformat(),
            last=f"{values[-1][1]:g}{unit}",
            last_day=values[-1][0].isoformat(),
        )
        if target is not None:
            alt += "; " + t("history.target_alt", target=f"{target:g}{unit}")
        line = Target(target, t("history.target"), unit) if target is not None else None
        svg = line_chart([Series("ladder-chart__value", metric.key, values, step=False)], until, alt, line)
        charts.append(
            (
                metric.key,
                Chart(
                    svg,
                    figures_table(
                        (t("history.date"), metric.key), [(d.isoformat(), f"{v:g}{unit}") for d, v in values], t("history.figures")
                    ),
                ),
            )
        )
    return charts


def _done_per_month(initiatives: list[NodeHistory], until: date, t: Labels) -> Chart | None:
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
    bars = [(t.month(m.month), n) for m, n in counts.items()]
    plural = t.level(Level.INITIATIVE, plural=True)
    alt = t(
        "history.done_per_month_alt",
        plural=plural,
        start=f"{t.month(months[0].month)} {months[0].year}",
        end=f"{t.month(months[-1].month)} {months[-1].year}",
        n=sum(counts.values()),
    )
    return Chart(
        bar_chart(bars, alt[:1].upper() + alt[1:]),
        figures_table(
            (t("history.month"), t("history.initiatives_done", plural=plural)),
            [(m.strftime("%Y-%m"), n) for m, n in counts.items()],
            t("history.figures"),
        ),
    )


def timeline(
    tree: Tree, node: Node, history: History, today: date, t: Labels, horizons: Mapping[str, str] | None = None
) -> Timeline | None:
    """A node's History section, or None when history does not know the node (``horizons``:
    the site's, nearest first, with their names)."""
    past = history.of(node.id)
    if past is None:
        return None
    statuses = [(day, before, after) for (_, before), (day, after) in itertools.pairwise(past.statuses)]
    result = Timeline(past.created, past.changed, statuses, past.created == history.cut, past.changed == history.cut)
    result.plans = [plan_change(e, t, horizons or {}) for e in node_events(past) if e.kind == "plan"]
    level = tree.level(node.id)
    if level is Level.INITIATIVE and node.steps:
        result.burnup = _burnup(past.steps, today, t("history.steps_of", title=node.title), t)
    elif level is Level.STRATEGY:
        children = [h for c in tree.children(node.id) if (h := history.of(c.id)) is not None]
        result.burnup = _burnup(
            [s for h in children for s in h.steps],
            today,
            t("history.steps_of_strategy", plural=t.level(Level.INITIATIVE, plural=True), title=node.title),
            t,
        )
        result.done_per_month = _done_per_month(children, today, t)
    result.metrics = _metric_charts(node, past, today, t)
    return result


def recently_done(tree: Tree, history: History, today: date) -> dict[str, int]:
    """Steps done in the last RECENT_DAYS days, by initiative id."""
    since = today - timedelta(days=RECENT_DAYS)
    return {n.id: len(past.steps_done(since, today)) for n in tree.at(Level.INITIATIVE) if (past := history.of(n.id)) is not None}


def changes(history: History, today: date) -> list[tuple[date, list[Event]]]:
    """The last CHANGES_WEEKS weeks of events, by week, newest first."""
    return by_week(recent(history, today, CHANGES_WEEKS * 7))
