"""The tree's history as dated events: nodes added, status changes, steps done, metrics moved.

One derivation serves the changes page, ``ladder history`` and each node's timeline, so they
always agree. Events come newest first within a span of days.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from mkdocs_ladder.history.model import History, NodeHistory, Value
from mkdocs_ladder.labels import MESSAGES

KINDS = ("added", "status", "step", "metric", "removed")


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

    def line(self, with_node: bool = True) -> str:
        """The event as a line of ``ladder history``: the date, what happened, to which node."""
        what = {
            "added": f"added ({self.after})",
            "status": f"status {self.before} -> {self.after}",
            "step": f"step done: {self.what}",
            "metric": f"{self.what}: {self.before} -> {self.after}",
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
        }


def node_events(past: NodeHistory) -> list[Event]:
    """Everything that happened to one node, oldest first."""
    found = [Event(past.created, "added", past.id, past.title, after=past.statuses[0][1] if past.statuses else None)]
    for (_, before), (day, after) in itertools.pairwise(past.statuses):
        found.append(Event(day, "status", past.id, past.title, before=before, after=after))
    found += [Event(s.done, "step", past.id, past.title, s.title) for s in past.steps if s.done is not None and s.removed is None]
    for name, values in past.metrics.items():
        for (_, old), (day, new) in itertools.pairwise(values):
            found.append(Event(day, "metric", past.id, past.title, name, old, new))
    if past.removed is not None:
        found.append(Event(past.removed, "removed", past.id, past.title))
    return sorted(found, key=lambda e: (e.day, KINDS.index(e.kind)))


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
