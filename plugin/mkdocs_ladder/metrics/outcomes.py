"""What a metric's values say: its recent trend, whether its target will be reached by its
date, how far it moved after work was done, and how often a team's forecasts came true.

The trend is the least-squares slope of the values of the last ``trend_days`` up to the
latest value (at least two values): a straight line through the recent past, carried forward
to the target's date. Pure functions of values and dates; nothing here reads a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from mkdocs_ladder.tree.catalogue import Direction

Values = Sequence[tuple[date, float]]


class Standing(StrEnum):
    """Where a metric stands against its target."""

    MET = "met"  # the latest value reached the target
    ON_TRACK = "on-track"  # at the recent trend, it will by the target's date
    OFF_TRACK = "off-track"  # at the recent trend, it will not (or the date passed)
    UNKNOWN = "unknown"  # no target, or too few values for a trend


def better(a: float, b: float, direction: Direction) -> bool:
    """``a`` is at least as good as ``b``."""
    return a >= b if direction is Direction.HIGHER else a <= b


def trend(values: Values, days: int) -> float | None:
    """The change per day of the values of the last ``days`` up to the latest (least squares);
    None for fewer than two values on different days."""
    if not values:
        return None
    start = values[-1][0] - timedelta(days=days)
    recent = [(float((d - start).days), v) for d, v in values if d >= start]
    if len(recent) < 2:
        return None
    mean_x = sum(x for x, _ in recent) / len(recent)
    mean_y = sum(y for _, y in recent) / len(recent)
    spread = sum((x - mean_x) ** 2 for x, _ in recent)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in recent) / spread


@dataclass(frozen=True, slots=True)
class Goal:
    """A node's target for a metric: the value, its date (None: no date) and the direction."""

    target: float | None
    by: date | None
    direction: Direction


def projected(values: Values, slope: float | None, day: date) -> float | None:
    """The value the recent trend reaches on ``day`` (None without values or a trend)."""
    if not values or slope is None:
        return None
    last_day, last = values[-1]
    return last + slope * (day - last_day).days


def standing(values: Values, goal: Goal, today: date, days: int) -> Standing:
    """Where the values stand against ``goal`` today (see :class:`Standing`)."""
    if goal.target is None or not values:
        return Standing.UNKNOWN
    if better(values[-1][1], goal.target, goal.direction):
        return Standing.MET
    if goal.by is not None and goal.by < today:
        return Standing.OFF_TRACK
    slope = trend(values, days)
    if slope is None:
        return Standing.UNKNOWN
    if goal.by is None:  # no date: on track while it moves the right way
        toward = slope > 0 if goal.direction is Direction.HIGHER else slope < 0
        return Standing.ON_TRACK if toward else Standing.OFF_TRACK
    reached = projected(values, slope, goal.by)
    return Standing.ON_TRACK if reached is not None and better(reached, goal.target, goal.direction) else Standing.OFF_TRACK


def value_on(values: Values, day: date) -> tuple[date, float] | None:
    """The last value on or before ``day``."""
    found = None
    for point in values:
        if point[0] > day:
            break
        found = point
    return found


@dataclass(frozen=True, slots=True)
class Move:
    """How far a metric moved after a day: its value then, its latest value, and whether that
    is the right way (no move is not)."""

    before: tuple[date, float]
    after: tuple[date, float]
    direction: Direction

    @property
    def change(self) -> float:
        return self.after[1] - self.before[1]

    @property
    def improved(self) -> bool:
        return self.change > 0 if self.direction is Direction.HIGHER else self.change < 0

    @property
    def share(self) -> float | None:
        """The change as a share of the value before (None from 0)."""
        return self.change / abs(self.before[1]) if self.before[1] else None


def moved_since(values: Values, day: date, direction: Direction) -> Move | None:
    """How the metric moved from its value on ``day`` (the last on or before it) to its latest
    value after it; None when there is no value on both sides."""
    before = value_on(values, day)
    if before is None or not values or values[-1][0] <= day:
        return None
    return Move(before, values[-1], direction)


def reached_by(values: Values, goal: Goal) -> bool | None:
    """Whether the value on the target's date reached the target (None: no target, no date, or
    no value by then)."""
    if goal.target is None or goal.by is None:
        return None
    then = value_on(values, goal.by)
    return None if then is None else better(then[1], goal.target, goal.direction)


def confidence_bucket(confidence: str | int) -> tuple[int, str]:
    """The row a confidence is counted in, and its order: low, medium, high, then a percentage
    by tens (``70`` -> ``70–79%``; 100 counts with the nineties)."""
    if isinstance(confidence, str):
        return {"low": 0, "medium": 1, "high": 2}.get(confidence, 3), confidence
    tens = min(90, confidence // 10 * 10)
    return 10 + tens, f"{tens}–{tens + 9 if tens < 90 else 100}%"


@dataclass(slots=True)
class Calibration:
    """One confidence's forecasts: how many came due, how many reached their target, and the
    mean percentage stated (None for a word)."""

    confidence: str
    due: int = 0
    reached: int = 0
    stated: float | None = None

    @property
    def share(self) -> float:
        return self.reached / self.due if self.due else 0.0


def calibrate(forecasts: Sequence[tuple[str | int, bool]]) -> list[Calibration]:
    """Each confidence's rows from ``(confidence, reached)`` pairs, in the order low, medium,
    high, then the percentages."""
    rows: dict[tuple[int, str], Calibration] = {}
    stated: dict[tuple[int, str], list[int]] = {}
    for confidence, reached in forecasts:
        key = confidence_bucket(confidence)
        row = rows.setdefault(key, Calibration(key[1]))
        row.due += 1
        row.reached += reached
        if isinstance(confidence, int):
            stated.setdefault(key, []).append(confidence)
    for key, given in stated.items():
        rows[key].stated = sum(given) / len(given)
    return [rows[key] for key in sorted(rows)]
