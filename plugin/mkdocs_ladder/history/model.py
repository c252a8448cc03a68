"""What the tree's history keeps of each node, and how each new state of a node is recorded.

A node is known by its id, wherever it is written, so a node moved between files or folders
keeps its history. For each node: the day it first appeared, every status change, every step
(known by its title: when it first appeared, when it was marked done, when it left), every
change of a metric's ``current`` value, and the day its content last changed. Days are UTC
calendar days. Nothing here reads git or YAML: :mod:`.reader` feeds it states.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mkdocs_ladder.tree.model import Level, Node

Value = float | int | str
#: The fields whose every change is an event of their own: when a node is for, and how much it is worth and how sure.
PLANNED = ("horizon", "value", "confidence")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What history compares of a node from one state to the next."""

    title: str
    parent: str | None
    level: Level
    status: str
    steps: tuple[tuple[str, bool], ...]
    metrics: tuple[tuple[str, Value | None], ...]
    digest: str  # of the whole node as written: any change to it is a change
    plans: tuple[tuple[str, Value | None], ...] = ()  # horizon, value and confidence (PLANNED)

    @classmethod
    def of(cls, node: Node, level: Level) -> Snapshot:
        return cls(
            node.title,
            node.parent,
            level,
            node.status.value,
            tuple((s.title, s.done) for s in node.steps),
            tuple((m.key, m.current) for m in node.metrics),
            hashlib.sha256(json.dumps(node.model_dump(), sort_keys=True, default=str).encode()).hexdigest()[:16],
            tuple((name, getattr(node, name)) for name in PLANNED),
        )

    def as_json(self) -> list[Any]:
        return [
            self.title,
            self.parent,
            int(self.level),
            self.status,
            [list(s) for s in self.steps],
            [list(m) for m in self.metrics],
            self.digest,
            [list(p) for p in self.plans],
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Snapshot:
        title, parent, level, status, steps, metrics, digest, plans = data
        return cls(
            title,
            parent,
            Level(level),
            status,
            tuple((t, bool(d)) for t, d in steps),
            tuple((n, v) for n, v in metrics),
            digest,
            tuple((n, v) for n, v in plans),
        )


@dataclass(slots=True)
class StepHistory:
    title: str
    added: date
    done: date | None = None  # the day it was marked done (None: open)
    removed: date | None = None  # the day it left the node (None: still there)

    def present_on(self, day: date) -> bool:
        return self.added <= day and (self.removed is None or self.removed > day)

    def done_on(self, day: date) -> bool:
        return self.done is not None and self.done <= day and self.present_on(day)


def burnup(steps: list[StepHistory], until: date | None = None) -> list[tuple[date, int, int]]:
    """(day, steps done, steps in all) on each day something changed (up to ``until``), oldest
    first: one node's steps, or a strategy's initiatives' together."""
    days = sorted({d for s in steps for d in (s.added, s.done, s.removed) if d is not None and (until is None or d <= until)})
    return [(d, sum(1 for s in steps if s.done_on(d)), sum(1 for s in steps if s.present_on(d))) for d in days]


@dataclass(slots=True)
class NodeHistory:
    """Everything history knows of one node."""

    id: str
    title: str
    level: Level
    parent: str | None
    created: date
    changed: date
    statuses: list[tuple[date, str]] = field(default_factory=list)  # its status when it appeared, then each change
    steps: list[StepHistory] = field(default_factory=list)
    metrics: dict[str, list[tuple[date, Value]]] = field(default_factory=dict)  # each metric's `current`, each change
    removed: date | None = None
    plans: dict[str, list[tuple[date, Value | None]]] = field(default_factory=dict)  # each of PLANNED as first given, then each change
    moves: list[tuple[date, str | None, str | None]] = field(default_factory=list)  # each change of parent: (day, before, after)

    # --- questions the rules and pages ask ----------------------------------------------------

    def open_steps_on(self, day: date) -> int:
        return sum(1 for s in self.steps if s.present_on(day) and not s.done_on(day))

    def steps_added(self, after: date, until: date) -> int:
        """Steps that first appeared after ``after``, up to ``until``."""
        return sum(1 for s in self.steps if after < s.added <= until)

    def steps_done(self, after: date, until: date) -> list[StepHistory]:
        """Steps marked done after ``after``, up to ``until`` (and not removed since)."""
        return [s for s in self.steps if s.done is not None and after < s.done <= until and s.removed is None]

    def burnup(self, until: date | None = None) -> list[tuple[date, int, int]]:
        """The node's steps over time (see :func:`burnup`)."""
        return burnup(self.steps, until)

    def last_state(self) -> Snapshot:
        """The node as history last knew it (for a node that comes back after it was removed)."""
        steps = tuple((s.title, s.done is not None) for s in self.steps if s.removed is None)
        metrics = tuple((name, values[-1][1]) for name, values in self.metrics.items())
        plans = tuple((name, values[-1][1]) for name, values in self.plans.items())
        return Snapshot(self.title, self.parent, self.level, self.statuses[-1][1], steps, metrics, digest="", plans=plans)

    # --- recording -------------------------------------------------------------------------------

    def record(self, before: Snapshot, after: Snapshot, day: date) -> None:
        """The node went from ``before`` to ``after`` on ``day``."""
        if after.parent != before.parent:
            self.moves.append((day, before.parent, after.parent))
        self.title, self.parent, self.level = after.title, after.parent, after.level
        if after.digest != before.digest:
            self.changed = day
        if after.status != before.status:
            self.statuses.append((day, after.status))
        self._record_steps(dict(after.steps), day)
        self._record_metrics(after.metrics, day)
        self._record_plans(after.plans, day)

    def _record_plans(self, plans: tuple[tuple[str, Value | None], ...], day: date) -> None:
        """Each of PLANNED, when it is first given and whenever it changes (to nothing, too)."""
        for name, value in plans:
            values = self.plans.get(name)
            if values is None:
                if value is not None:
                    self.plans[name] = [(day, value)]
            elif values[-1][1] != value:
                if values[-1][0] == day and len(values) > 1:
                    values[-1] = (day, value)  # the day's last value
                    if values[-1][1] == values[-2][1]:
                        values.pop()  # and back as it was: no change that day
                else:
                    values.append((day, value))

    def _record_steps(self, now: dict[str, bool], day: date) -> None:
        known = {s.title: s for s in self.steps}
        for title, done in now.items():
            step = known.get(title)
            if step is None:
                self.steps.append(StepHistory(title, day, day if done else None))
                continue
            if step.removed is not None:  # back again
                step.removed = None
            if done and step.done is None:
                step.done = day
            elif not done:
                step.done = None
        for step in self.steps:
            if step.title not in now and step.removed is None:
                step.removed = day

    def _record_metrics(self, metrics: tuple[tuple[str, Value | None], ...], day: date) -> None:
        for name, value in metrics:
            if value is None:
                continue
            values = self.metrics.setdefault(name, [])
            if values and values[-1][0] == day:
                values[-1] = (day, value)  # the day's last value
            elif not values or values[-1][1] != value:
                values.append((day, value))

    @classmethod
    def start(cls, node_id: str, snap: Snapshot, day: date) -> NodeHistory:
        history = cls(node_id, snap.title, snap.level, snap.parent, day, day, [(day, snap.status)])
        history._record_steps(dict(snap.steps), day)
        history._record_metrics(snap.metrics, day)
        history._record_plans(snap.plans, day)
        return history

    def describe(self) -> dict[str, Any]:
        """The node's history as self-describing data (``ladder history ID --format json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level.noun,
            "parent": self.parent,
            "created": self.created.isoformat(),
            "changed": self.changed.isoformat(),
            "removed": _iso(self.removed),
            "statuses": [{"date": d.isoformat(), "status": s} for d, s in self.statuses],
            "steps": [
                {"title": s.title, "added": s.added.isoformat(), "done": _iso(s.done), "removed": _iso(s.removed)} for s in self.steps
            ],
            "metrics": {name: [{"date": d.isoformat(), "value": v} for d, v in values] for name, values in self.metrics.items()},
            "plans": {name: [{"date": d.isoformat(), "value": v} for d, v in values] for name, values in self.plans.items()},
            "moves": [{"date": d.isoformat(), "from": a, "to": b} for d, a, b in self.moves],
        }

    # --- JSON ------------------------------------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "level": int(self.level),
            "parent": self.parent,
            "created": self.created.isoformat(),
            "changed": self.changed.isoformat(),
            "removed": self.removed.isoformat() if self.removed else None,
            "statuses": [[d.isoformat(), s] for d, s in self.statuses],
            "steps": [[s.title, s.added.isoformat(), _iso(s.done), _iso(s.removed)] for s in self.steps],
            "metrics": {name: [[d.isoformat(), v] for d, v in values] for name, values in self.metrics.items()},
            "plans": {name: [[d.isoformat(), v] for d, v in values] for name, values in self.plans.items()},
            "moves": [[d.isoformat(), a, b] for d, a, b in self.moves],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NodeHistory:
        return cls(
            data["id"],
            data["title"],
            Level(data["level"]),
            data["parent"],
            date.fromisoformat(data["created"]),
            date.fromisoformat(data["changed"]),
            [(date.fromisoformat(d), s) for d, s in data["statuses"]],
            [StepHistory(t, date.fromisoformat(a), _day(d), _day(r)) for t, a, d, r in data["steps"]],
            {name: [(date.fromisoformat(d), v) for d, v in values] for name, values in data["metrics"].items()},
            _day(data["removed"]),
            {name: [(date.fromisoformat(d), v) for d, v in values] for name, values in data["plans"].items()},
            [(date.fromisoformat(d), a, b) for d, a, b in data["moves"]],
        )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(slots=True)
class History:
    """The history of every node, or why there is none.

    ``available`` is False outside a git repository, in a shallow clone, or with history
    switched off; ``reason`` then says which, for the pages and the command line.
    """

    available: bool
    reason: str = ""
    quiet: bool = False  # not available, and the pages need not say so (no repository: history is simply off)
    nodes: dict[str, NodeHistory] = field(default_factory=dict)
    head: str | None = None  # the last commit read
    commits: int = 0  # commits read in all (from the cache and now)
    read: int = 0  # commits this read walked (the others came from the cache)
    cut: date | None = (
        None  # where the read began, when older commits exist: a node's `created` or `changed` of that day means "on or before"
    )
    notes: list[str] = field(default_factory=list)  # what was skipped and why, for a debug log

    def of(self, node_id: str) -> NodeHistory | None:
        return self.nodes.get(node_id) if self.available else None


def done_days(history: History | None, statuses: Mapping[str, str]) -> dict[str, date]:
    """The day each node that is done now was last marked done (``statuses``: each node's
    status now), from its history; nodes without history are left out."""
    found = {}
    for node_id, status in statuses.items():
        past = history.of(node_id) if history is not None else None
        if status == "done" and past is not None:
            days = [day for day, was in past.statuses if was == "done"]
            if days:
                found[node_id] = days[-1]
    return found


def dumps(history: History, files: dict[str, dict[str, Snapshot]], since: date) -> bytes:
    """The history read so far, with the state of every file, as JSON (the history cache)."""
    return json.dumps(
        {
            "head": history.head,
            "commits": history.commits,
            "since": since.isoformat(),
            "cut": _iso(history.cut),
            "files": {rel: {node_id: snap.as_json() for node_id, snap in nodes.items()} for rel, nodes in files.items()},
            "nodes": [n.as_json() for n in history.nodes.values()],
        },
        separators=(",", ":"),
    ).encode()


def loads(raw: bytes) -> tuple[History, dict[str, dict[str, Snapshot]], date]:
    """What :func:`dumps` wrote; ValueError (or KeyError, TypeError) when it is not that."""
    data = json.loads(raw)
    files = {rel: {node_id: Snapshot.from_json(s) for node_id, s in nodes.items()} for rel, nodes in data["files"].items()}
    nodes = {n["id"]: NodeHistory.from_json(n) for n in data["nodes"]}
    history = History(True, nodes=nodes, head=data["head"], commits=data["commits"], cut=_day(data["cut"]))
    return history, files, date.fromisoformat(data["since"])
