"""Small charts of the tree over time, as inline SVG: no script, no library, cheap enough for
thousands of pages (each is a few string joins).

Every chart is an image with a text alternative (``role="img"`` and ``aria-label``) followed
by the same figures as a table in a ``<details>`` element, so a screen reader, a search engine
and a reader without images get them too. Colours come from CSS classes (``ladder.css``):
lines that read on Material's light and slate schemes, axes and labels in the text colour.
Nothing here reads author text except through :func:`.text.inline`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from mkdocs_ladder.render.text import inline

WIDTH, HEIGHT = 560, 170
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 10, 24


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: its CSS class, its name in the legend, and its points."""

    css: str
    name: str
    points: list[tuple[date, float]]
    step: bool = True  # a step line (a count that holds until it changes), else straight segments


def _number(value: float) -> str:
    return f"{value:g}"


def _coordinate(value: float) -> float:
    """A tenth of a pixel is all a chart needs; whole numbers print without ``.0``."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def _scale(first: date, last: date, top: float) -> tuple[Callable[[date], float], Callable[[float], float]]:
    span = max(1, (last - first).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return _coordinate(LEFT + plot_w * (day - first).days / span)

    def y(value: float) -> float:
        return _coordinate(TOP + plot_h * (1 - value / top) if top else TOP + plot_h)

    return x, y


def svg_open(label: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The chart's opening tag: an image named by its text alternative."""
    return (
        f'<svg class="ladder-chart__svg" viewBox="0 0 {width} {height}" role="img" aria-label="{inline(label)}" '
        'preserveAspectRatio="xMinYMin meet">'
    )


@dataclass(frozen=True, slots=True)
class Target:
    """A line chart's target: its value, the word that names it and the unit after the value."""

    value: float
    word: str = "target"
    unit: str = ""


def line_chart(
    series: list[Series],
    until: date,
    label: str,
    target: Target | None = None,
    ceiling: float | None = None,
) -> Markup:
    """A chart of ``series`` up to ``until``, with an optional dashed target line; the axis
    reaches ``ceiling`` at least (100 for a share)."""
    points = [p for s in series for p in s.points]
    first = min(d for d, _ in points)
    values = [v for _, v in points] + [v for v in (target.value if target else None, ceiling) if v is not None]
    low = min(0.0, *values)
    top = max(values) - low or 1.0
    x, y = _scale(first, until, top)
    parts = [svg_open(label)]
    base = y(0 - low)
    parts.append(f'<path class="ladder-chart__axis" d="M{LEFT} {TOP}V{base}H{WIDTH - RIGHT}"/>')
    parts.append(f'<text class="ladder-chart__label" x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end">{_number(top + low)}</text>')
    parts.append(f'<text class="ladder-chart__label" x="{LEFT - 4}" y="{base}" text-anchor="end">{_number(low)}</text>')
    parts.append(f'<text class="ladder-chart__label" x="{LEFT}" y="{HEIGHT - 6}">{first.isoformat()}</text>')
    parts.append(f'<text class="ladder-chart__label" x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">{until.isoformat()}</text>')
    if target is not None:
        parts.append(f'<path class="ladder-chart__target" d="M{LEFT} {y(target.value - low)}H{WIDTH - RIGHT}"/>')
    for line in series:
        ordered = sorted(line.points)
        d = f"M{x(ordered[0][0])} {y(ordered[0][1] - low)}"
        for day, value in ordered[1:]:
            d += f"H{x(day)}V{y(value - low)}" if line.step else f"L{x(day)} {y(value - low)}"
        d += f"H{x(until)}"
        parts.append(f'<path class="ladder-chart__line {line.css}" d="{d}"/>')
    parts.append("</svg>")
    legend = "".join(f'<span class="ladder-chart__key {s.css}">{inline(s.name)}</span>' for s in series)
    if target is not None:
        shown = f"{target.word} {_number(target.value)}{target.unit}"
        legend += f'<span class="ladder-chart__key ladder-chart__key--target">{inline(shown)}</span>'
    return Markup("".join(parts) + f'<div class="ladder-chart__legend">{legend}</div>')


def bar_chart(bars: list[tuple[str, int]], label: str) -> Markup:
    """Labelled bars (a count per month), with the count above each."""
    top = max((n for _, n in bars), default=0) or 1
    slots = max(1, len(bars))
    parts = [svg_open(label), _AXIS]
    for index, (name, count) in enumerate(bars):
        if count:
            parts.append(_bar(slots, index, count, top))
        if name:  # a bar may go unnamed, so that the names of many stay legible
            parts.append(_bar_name(slots, index, name))
    parts.append("</svg>")
    return Markup("".join(parts))


_AXIS = f'<path class="ladder-chart__axis" d="M{LEFT} {HEIGHT - BOTTOM}H{WIDTH - RIGHT}"/>'


@functools.lru_cache(maxsize=8192)
def _bar(slots: int, index: int, count: int, top: int) -> str:
    """One bar and its count: the same few recur in thousands of charts, so each is made once."""
    slot, plot_h = (WIDTH - LEFT - RIGHT) / slots, HEIGHT - TOP - BOTTOM
    h = round(plot_h * count / top, 1)
    left, middle = round(LEFT + index * slot + slot * 0.15, 1), round(LEFT + index * slot + slot / 2, 1)
    return (
        f'<rect class="ladder-chart__bar" x="{left}" y="{round(TOP + plot_h - h, 1)}" width="{round(slot * 0.7, 1)}" height="{h}"/>'
        f'<text class="ladder-chart__label" x="{middle}" y="{round(TOP + plot_h - h - 3, 1)}" text-anchor="middle">{count}</text>'
    )


@functools.lru_cache(maxsize=1024)
def _bar_name(slots: int, index: int, name: str) -> str:
    slot = (WIDTH - LEFT - RIGHT) / slots
    middle = round(LEFT + index * slot + slot / 2, 1)
    return f'<text class="ladder-chart__label" x="{middle}" y="{HEIGHT - 6}" text-anchor="middle">{inline(name)}</text>'


@functools.lru_cache(maxsize=4096, typed=True)
def _cell(value: object) -> str:
    """A table cell: the same dates and counts recur on thousands of pages, so each is made once."""
    return f"<td>{inline(value)}</td>"


def _cells(row: tuple[object, ...]) -> str:
    return "<tr>" + "".join(_cell(c) if isinstance(c, (str, int, float)) else f"<td>{inline(c)}</td>" for c in row) + "</tr>"


_PLAIN = frozenset((str, int, float))


@functools.lru_cache(maxsize=8192)
def _row(row: tuple[object, ...], types: tuple[type, ...]) -> str:
    """A row of plain values: a week's date and count recur on thousands of pages, so each is
    made once (``types`` in the key: ``1``, ``1.0`` and ``True`` are equal, and print apart)."""
    return _cells(row)


def figures_table(header: tuple[str, ...], rows: list[tuple[object, ...]], summary: str = "Figures") -> Markup:
    """The chart's figures as a table in a ``<details>`` element: its text alternative in full."""
    head = "".join(f"<th>{inline(h)}</th>" for h in header)
    body = "".join(_row(row, types) if _PLAIN.issuperset(types := tuple(map(type, row))) else _cells(row) for row in rows)
    return Markup(
        f'<details class="ladder-chart__figures"><summary>{inline(summary)}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )
