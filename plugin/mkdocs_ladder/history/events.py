"""The tree's history as dated events: nodes added, status changes, steps done, metrics moved.

One derivation serves the changes page, ``ladder history`` and each node's timeline, so they
always agree. Events come newest first within a span of days.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mkdocs_ladder.history.model import History, NodeHistory, Value
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.tree.model import Level

KINDS = ("added", "status", "parent", "step", "metric", "plan", "removed")


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to one node on one day."""

    day: date
    kind: str  # one of KINDS
    node: str
    title: str  # the node's title as history last knew it
    what: str = ""  # the step's title or the metric's name
    before: Value | None = None  # a status or a metric's value before
    after: Value | None = None  # and after
    level: Level = Level.INITIATIVE  # the node's level, as history last knew it

    def line(self, with_node: bool = True) -> str:
        """The event as a line of ``ladder history``: the date, what happened, to which node."""
        what = {
            "added": f"added ({self.after})",
            "status": f"status {self.before} -> {self.after}",
            "parent": f"parent {_shown(self.before)} -> {_shown(self.after)}",
            "step": f"step done: {self.what}",
            "metric": f"{self.what}: {self.before} -> {self.after}",
            "plan": f"{self.what}: {_shown(self.before)} -> {_shown(self.after)}",
            "removed": "removed",
        }[self.kind]
        return f"{self.day.isoformat()}  {self.node + ': ' if with_node else ''}{what}"

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "node": self.node,
            "title": self.title,
            "what": self.what or None,
            "before": self.before,
            "after": self.after,
            "level": self.level.noun,
        }


def node_events(past: NodeHistory) -> list[Event]:
    """Everything that happened to one node, oldest first."""
    of = functools.partial(Event, node=past.id, title=past.title, level=past.level)
    found = [of(past.created, "added", after=past.statuses[0][1] if past.statuses else None)]
    for (_, before), (day, after) in itertools.pairwise(past.statuses):
        found.append(of(day, "status", before=before, after=after))
    found += [of(day, "parent", before=before, after=after) for day, before, after in past.moves]
    found += [of(s.done, "step", what=s.title) for s in past.steps if s.done is not None and s.removed is None]
    for name, values in past.metrics.items():
        for (_, old), (day, new) in itertools.pairwise(values):
            found.append(of(day, "metric", what=name, before=old, after=new))
    for name, planned in past.plans.items():
        if planned[0][0] > past.created:  # given after the node was made: a change from nothing
            found.append(of(planned[0][0], "plan", what=name, before=None, after=planned[0][1]))
        for (_, was), (day, now) in itertools.pairwise(planned):
            found.append(of(day, "plan", what=name, before=was, after=now))
    if past.removed is not None:
        found.append(of(past.removed, "removed"))
    return sorted(found, key=lambda e: (e.day, KINDS.index(e.kind)))


def renamed(history: History, current: Collection[str]) -> dict[str, str]:
    """Each removed node that lives on under another id, and that id: on the day it left, a node
    of the same level and title appeared, and is among the ``current`` ids (followed through
    several renames). A node removed with no such heir is not in the answer: it was removed."""
    appeared: dict[tuple[date, Level, str], list[str]] = {}
    for past in history.nodes.values():
        appeared.setdefault((past.created, past.level, past.title), []).append(past.id)
    heirs = {}
    for past in history.nodes.values():
        found = [i for i in appeared.get((past.removed, past.level, past.title), []) if i != past.id] if past.removed else []
        if len(found) == 1:
            heirs[past.id] = found[0]
    answer = {}
    for old in heirs:
        seen, new = {old}, heirs[old]
        while new in heirs and new not in current and new not in seen:
            seen.add(new)
            new = heirs[new]
        if new in current:
            answer[old] = new
    return answer


def _shown(value: Value | None) -> str:
    return "none" if value is None else str(value)


def deprioritised(event: Event, horizons: Sequence[str]) -> bool | None:
    """Whether a change of horizon moves the work farther off (``now`` to ``later``: True) or
    nearer (False); None for any other event, or a horizon not among ``horizons``."""
    if event.kind != "plan" or event.what != "horizon" or event.before not in horizons or event.after not in horizons:
        return None
    return horizons.index(str(event.after)) > horizons.index(str(event.before))


def recent(history: History, until: date, days: int) -> list[Event]:
    """Every event of the last ``days`` days up to ``until``, newest first."""
    since = until - timedelta(days=days)
    found = [e for past in history.nodes.values() for e in node_events(past) if since < e.day <= until]
    return sorted(found, key=lambda e: (-e.day.toordinal(), KINDS.index(e.kind), e.node, e.what))


def by_week(events: list[Event]) -> list[tuple[date, list[Event]]]:
    """Events grouped by the Monday of their ISO week, newest week first."""
    weeks: dict[date, list[Event]] = {}
    for event in events:
        weeks.setdefault(event.day - timedelta(days=event.day.weekday()), []).append(event)
    return sorted(weeks.items(), reverse=True)


def changes_text(events: list[Event], weeks: int, until: date) -> str:
    """``ladder history``'s recent changes: a count, then a line per event, newest first."""
    lines = [f"{MESSAGES.count('count.changes', len(events))} in the last {weeks} weeks (to {until.isoformat()})"]
    return "".join(f"{line}\n" for line in lines + [event.line() for event in events])


def node_text(past: NodeHistory) -> str:
    """``ladder history ID``: the node, when it was created, changed and removed, and its events."""
    removed = f", removed {past.removed.isoformat()}" if past.removed else ""
    lines = [
        f"{past.id}: {past.title} ({past.level.noun})",
        f"created {past.created.isoformat()}, last changed {past.changed.isoformat()}{removed}",
    ]
    return "".join(f"{line}\n" for line in lines + [event.line(with_node=False) for event in node_events(past)])
