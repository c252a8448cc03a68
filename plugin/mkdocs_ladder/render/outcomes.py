"""What the pages show of outcomes (:mod:`mkdocs_ladder.metrics`): a chart per metric on each
node's page, with its target, its date and the days the node's work was integrated and marked
done; the metric tree; each strategy's standing; how far done work moved its metrics; and how
often forecasts came true.

Every chart is an SVG with no script, named by a text alternative and followed by its figures
in a table (:mod:`.charts`); values reach the HTML only through :func:`.text.inline`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import graphviz
from markupsafe import Markup

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.metrics.model import Measured, Reading, stamp
from mkdocs_ladder.metrics.nodes import Outcome, by_metric, overall
from mkdocs_ladder.metrics.outcomes import Calibration, Move, Standing
from mkdocs_ladder.render.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, figures_table, svg_open
from mkdocs_ladder.render.diagrams import Diagram, _graph, _label
from mkdocs_ladder.render.text import anchor, inline
from mkdocs_ladder.tree.model import Level, Tree

#: The colours of a standing in the metric tree (fill, border): they read on light and dark pages.
STANDING_COLOURS = {
    Standing.MET: ("#dcfce7", "#15803d"),
    Standing.ON_TRACK: ("#dbeafe", "#1d4ed8"),
    Standing.OFF_TRACK: ("#fef3c7", "#b45309"),
    Standing.UNKNOWN: ("#f3f4f6", "#6b7280"),
}
#: The metric tree draws at most this many metrics of initiatives; the rest are one box with their count.
TREE_INITIATIVE_METRICS = 40


def shown(value: float, unit: str | None) -> str:
    """A value as the pages print it: four significant digits, and its unit."""
    return f"{value:,.4g}{f' {unit}' if unit else ''}"


def per_week(slope: float | None, unit: str | None) -> str | None:
    """The trend as a change per week, signed (None without one)."""
    return None if slope is None else f"{slope * 7:+,.3g}{f' {unit}' if unit else ''}"


@dataclass(frozen=True, slots=True)
class Marks:
    """What a metric's chart marks besides its values: the days the node's work was integrated,
    the day it was marked done, and the build date."""

    integrated: Sequence[date]
    done: date | None
    today: date


def _x_range(outcome: Outcome, marks: Marks) -> tuple[date, date]:
    days = [d for d, _ in outcome.values] + list(marks.integrated) + ([marks.done] if marks.done else [])
    last = max([marks.today, *([outcome.goal.by] if outcome.goal.by else []), *days])
    return min(days or [last]), last


def _value_range(numbers: list[float]) -> tuple[float, float]:
    """The value axis: the values and the target with a margin of 8% of their spread, from 0
    when they are all positive and the margin would cross it (a ratio near 1.2 keeps its
    detail; a count starts at 0 only when it is near it)."""
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    bottom = 0.0 if 0 <= low < pad else low - pad
    return bottom, high + pad


def outcome_chart(outcome: Outcome, marks: Marks, t: Labels) -> Markup:
    """A metric's values over time as the node's page shows them, with the target line, the
    target's date, and the node's work marked on the time axis; then its figures as a table."""
    first, last = _x_range(outcome, marks)
    low, high = _value_range([v for _, v in outcome.values] + ([outcome.goal.target] if outcome.goal.target is not None else []))
    span, days = high - low, max(1, (last - first).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - first).days / days, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - low) / span), 1)

    parts = [svg_open(_alt(outcome, marks, t)), f'<path class="ladder-chart__axis" d="M{LEFT} {TOP}V{y(low)}H{WIDTH - RIGHT}"/>']
    parts += [
        f'<text class="ladder-chart__label" x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end">{inline(f"{high:,.4g}")}</text>',
        f'<text class="ladder-chart__label" x="{LEFT - 4}" y="{y(low)}" text-anchor="end">{inline(f"{low:,.4g}")}</text>',
        f'<text class="ladder-chart__label" x="{LEFT}" y="{HEIGHT - 6}">{first.isoformat()}</text>',
        f'<text class="ladder-chart__label" x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">{last.isoformat()}</text>',
    ]
    if outcome.goal.target is not None:
        parts.append(f'<path class="ladder-chart__target" d="M{LEFT} {y(outcome.goal.target)}H{WIDTH - RIGHT}"/>')
    if outcome.goal.by is not None:
        parts.append(f'<path class="ladder-chart__deadline" d="M{x(outcome.goal.by)} {TOP}V{y(low)}"/>')
    base = y(low)
    parts += [f'<path class="ladder-chart__work" d="M{x(day)} {base}v-7"/>' for day in sorted(set(marks.integrated))]
    if marks.done is not None:
        parts.append(f'<path class="ladder-chart__done-mark" d="M{x(marks.done)} {TOP}V{base}"/>')
    if outcome.values:
        points = " ".join(f"{x(d)},{y(v)}" for d, v in outcome.values)
        parts.append(f'<polyline class="ladder-chart__line ladder-chart__value" points="{points}"/>')
        parts += [f'<circle class="ladder-chart__point" cx="{x(d)}" cy="{y(v)}" r="2"/>' for d, v in outcome.values[-60:]]
    parts.append("</svg>")
    return Markup("".join(parts)) + _legend(outcome, marks, t) + _figures(outcome, marks, t)


def _legend(outcome: Outcome, marks: Marks, t: Labels) -> Markup:
    keys = [("ladder-chart__value", outcome.definition.title)]
    if outcome.goal.target is not None:
        keys.append(("ladder-chart__key--target", t("outcome.target", value=shown(outcome.goal.target, outcome.definition.unit))))
    if outcome.goal.by is not None:
        keys.append(("ladder-chart__key--deadline", t("outcome.by", day=outcome.goal.by.isoformat())))
    if marks.integrated:
        keys.append(("ladder-chart__key--work", t("outcome.integrated")))
    if marks.done is not None:
        keys.append(("ladder-chart__key--done-mark", t("outcome.done", day=marks.done.isoformat())))
    return Markup('<div class="ladder-chart__legend">{}</div>').format(
        Markup("").join(Markup('<span class="ladder-chart__key {}">{}</span>').format(css, inline(text)) for css, text in keys)
    )


def _alt(outcome: Outcome, marks: Marks, t: Labels) -> str:
    """The chart's text alternative: its latest value, its target and date, and its work."""
    unit, title = outcome.definition.unit, outcome.definition.title
    if not outcome.values:
        said = t("outcome.alt_none", name=title)
    else:
        (first_day, first), (last_day, last) = outcome.values[0], outcome.values[-1]
        said = t(
            "history.metric_alt",
            name=title,
            first=shown(first, unit),
            first_day=first_day.isoformat(),
            last=shown(last, unit),
            last_day=last_day.isoformat(),
        )
    if outcome.goal.target is not None:
        said += "; " + t("history.target_alt", target=shown(outcome.goal.target, unit))
    if outcome.goal.by is not None:
        said += " " + t("outcome.by", day=outcome.goal.by.isoformat())
    if marks.integrated:
        said += "; " + t.count("outcome.integrated_alt", len(marks.integrated))
    if marks.done is not None:
        said += "; " + t("outcome.done", day=marks.done.isoformat())
    return said


def _figures(outcome: Outcome, marks: Marks, t: Labels) -> Markup:
    """The values, the integrations and the day done, as rows of one table by date."""
    unit = outcome.definition.unit
    rows: list[tuple[object, ...]] = [(d.isoformat(), shown(v, unit), "") for d, v in outcome.values]
    rows += [(d.isoformat(), "", t("outcome.integrated")) for d in sorted(set(marks.integrated))]
    if marks.done is not None:
        rows.append((marks.done.isoformat(), "", t("outcome.done", day=marks.done.isoformat())))
    rows.sort(key=lambda row: str(row[0]))
    return figures_table((t("history.date"), outcome.definition.title, t("outcome.work")), rows, t("history.figures"))


def standing_badge(standing: Standing, t: Labels) -> Markup:
    return Markup('<span class="ladder-standing ladder-standing--{}">{}</span>').format(standing.value, t(f"standing.{standing.value}"))


@dataclass(frozen=True, slots=True)
class Shown:
    """A node's outcome as its page shows it: the outcome, its chart, its latest value, its
    trend per week, its description and, when its source could not be read now, the line
    that says how old its values are."""

    outcome: Outcome
    chart: Markup
    latest: str | None
    latest_day: str | None
    trend: str | None
    stale: str | None


def stale_line(reading: Reading | None, t: Labels) -> str | None:
    """What a page says of a metric its build could not read: when the values shown were read
    (a time, not an age: a page says the same whenever it is read), or that it was never read
    (None: it was read, or needed not be). The build's log and ``ladder metrics`` give the age."""
    if reading is None or reading.error is None:
        return None
    return t("outcome.stale", at=stamp(reading.read_at)) if reading.read_at else t("outcome.never")


def shown_outcomes(outcomes: Sequence[Outcome], measured: Measured, marks: Marks, t: Labels) -> list[Shown]:
    """The node's outcomes, each ready for its page."""
    found = []
    for outcome in outcomes:
        reading = measured.readings.get(outcome.metric)
        latest = outcome.values[-1] if outcome.values else None
        stale = stale_line(reading, t)
        found.append(
            Shown(
                outcome,
                outcome_chart(outcome, marks, t),
                shown(latest[1], outcome.definition.unit) if latest else None,
                latest[0].isoformat() if latest else None,
                per_week(outcome.slope, outcome.definition.unit),
                stale,
            )
        )
    return found


# --- the metric tree ----------------------------------------------------------------------------


def metric_anchor(metric_id: str) -> str:
    return anchor("metric", metric_id)


def _metric_box(graph: graphviz.Digraph, outcome: Outcome, href: str, t: Labels) -> None:
    fill, border = STANDING_COLOURS[outcome.standing]
    latest = shown(outcome.values[-1][1], outcome.definition.unit) if outcome.values else t("outcome.no_value")
    arrow = "" if outcome.slope is None else "↑" if outcome.slope > 0 else "↓" if outcome.slope < 0 else "→"
    extra = f"{latest} {arrow} · {t(f'standing.{outcome.standing.value}')}"
    graph.node(
        f"m-{outcome.metric}",
        _label(outcome.definition.title, graphviz.escape(extra)),
        fillcolor=fill,
        color=border,
        URL=href + "#" + metric_anchor(outcome.metric),
        target="_top",
        tooltip=graphviz.escape(f"{outcome.definition.title}: {extra}"),
        _attributes={"class": f"ladder-metric ladder-standing--{outcome.standing.value}"},
    )


def metric_tree_diagram(tree: Tree, outcomes: Mapping[str, list[Outcome]], href: str, t: Labels) -> Diagram:
    """The metric tree: the mission's metrics, the strategies' under them and the initiatives'
    under those, each with its latest value, its trend and its standing; an edge from a node's
    metric up to each metric of the node it serves. Past :data:`TREE_INITIATIVE_METRICS`
    metrics of initiatives, the rest are one box with their count."""
    graph = _graph("metrics")
    drawn: dict[str, Outcome] = {}
    left = initiatives = 0
    for level in Level:
        for node in tree.at(level):
            for outcome in outcomes.get(node.id, []):
                if outcome.metric in drawn:
                    continue
                if level is Level.INITIATIVE:
                    if initiatives >= TREE_INITIATIVE_METRICS:
                        left += 1
                        continue
                    initiatives += 1
                drawn[outcome.metric] = outcome
                _metric_box(graph, outcome, href, t)
    edges: set[tuple[str, str]] = set()
    for node_id, listed in outcomes.items():
        parent = tree.nodes[node_id].parent
        for above in outcomes.get(parent, []) if parent else []:
            for outcome in listed:
                pair = (above.metric, outcome.metric)
                if pair[0] != pair[1] and pair[0] in drawn and pair[1] in drawn and pair not in edges:
                    edges.add(pair)
                    graph.edge(f"m-{pair[0]}", f"m-{pair[1]}")
    if left:
        graph.node("m-more", _label(t.count("outcome.more_metrics", left)), fillcolor="#f3f4f6", color="#6b7280")
    return Diagram("metrics", graph.source, t.count("outcome.tree_alt", len(drawn)))


# --- the metrics page's tables ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricRow:
    """A metric of the catalogue on the metrics page: its definition, its reading and standing,
    and the nodes that name it."""

    metric_id: str
    title: str
    unit: str | None
    direction: str
    description: Markup | None
    source: str  # file, query over a file, or database
    latest: str | None
    latest_day: str | None
    trend: str | None
    standing: Standing
    nodes: list[str]
    stale: str | None


def metric_rows(measured: Measured, outcomes: Mapping[str, list[Outcome]], t: Labels, describe: Callable[[str], Markup]) -> list[MetricRow]:
    """Every metric of the catalogue, in its order, with where it stands across the nodes that name it."""
    rows = []
    named = by_metric(outcomes)
    for metric_id, definition in measured.catalogue.metrics.items():
        reading = measured.readings.get(metric_id)
        values = reading.values if reading else ()
        found = named.get(metric_id, [])
        stale = stale_line(reading, t)
        rows.append(
            MetricRow(
                metric_id,
                definition.title,
                definition.unit,
                t(f"direction.{definition.direction.value}"),
                describe(definition.description) if definition.description else None,
                t(f"source.{definition.source.kind}"),
                shown(values[-1][1], definition.unit) if values else None,
                values[-1][0].isoformat() if values else None,
                per_week(found[0].slope, definition.unit) if found else None,
                overall(found) if found else Standing.UNKNOWN,
                [o.node for o in found],
                stale,
            )
        )
    return rows


def calibration_rows(rows: Sequence[Calibration]) -> list[tuple[str, int, int, int, str]]:
    """Each confidence: the forecasts due, those that came true, the share that did (percent)
    and the share stated ("" for a word)."""
    return [(r.confidence, r.due, r.reached, round(100 * r.share), f"{r.stated:.0f}%" if r.stated is not None else "") for r in rows]


@dataclass(frozen=True, slots=True)
class MeasuredValue:
    """Done work beside how far its metric moved after it: the 20/80 question, measured."""

    node: str
    title: str
    guessed: str | None  # the value that was expected (a size), if any
    metric: str
    before: str
    after: str
    change: str  # signed, in the metric's unit
    percent: str | None
    improved: bool


def measured_values(tree: Tree, moves: Sequence[tuple[str, Outcome, Move]]) -> list[MeasuredValue]:
    """Each move of done work's metrics, the largest improvement (as a share) first."""
    found = []
    for node_id, outcome, move in moves:
        unit = outcome.definition.unit
        share = move.share
        signed = share if share is not None else 0.0
        toward = signed if outcome.goal.direction.value == "higher" else -signed
        found.append(
            (
                -toward,
                MeasuredValue(
                    node_id,
                    tree.nodes[node_id].title,
                    tree.nodes[node_id].value,
                    outcome.definition.title,
                    shown(move.before[1], unit),
                    shown(move.after[1], unit),
                    f"{move.change:+,.4g}{f' {unit}' if unit else ''}",
                    f"{100 * share:+.0f}%" if share is not None else None,
                    move.improved,
                ),
            )
        )
    return [row for _, row in sorted(found, key=lambda item: item[0])]
