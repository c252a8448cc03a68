"""What every health rule shares: its settings, what it reads besides the tree (:class:`Seen`),
the rule itself, and the levels a rule can be set to."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from mkdocs_ladder.errors import Severity
from mkdocs_ladder.gitio import utc_day
from mkdocs_ladder.tree.model import Level, Node, Status, Tree
from mkdocs_ladder.tree.names import LevelNames

if TYPE_CHECKING:
    from mkdocs_ladder.history.model import History
    from mkdocs_ladder.metrics.model import Measured
    from mkdocs_ladder.work.model import Linked

Finding = tuple[tuple[str | int, ...], str]  # (field path for the mark, message)
OFF = "off"
LEVELS = (OFF, Severity.NOTE.value, Severity.WARNING.value, Severity.ERROR.value)
INACTIVE = (Status.DONE, Status.PAUSED, Status.DROPPED)


@dataclass(frozen=True, slots=True)
class Seen:
    """What the rules read besides the tree: its history, the work linked to it and the
    metrics read (None: not read, or not available)."""

    history: History | None = None
    work: Linked | None = None
    measured: Measured | None = None  # the catalogue's metrics, as read


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    default: str
    title: str
    check: Callable[[Tree, Node, HealthSettings, Seen], Iterator[Finding]]
    history: bool = False  # reads the tree's history: skipped when there is none
    work: bool = False  # reads the work linked to the tree: skipped when none was read
    metrics: bool = False  # reads the catalogue's metrics: skipped when none were read
    catalogue: bool = False  # applies to a tree with a catalogue of metrics only

    @property
    def why(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


class Limits(Protocol):
    """The thresholds the rules read, by the names of their options; the settings object is one
    (:class:`~mkdocs_ladder.settings.Settings` holds each value, its default and its meaning)."""

    @property
    def max_open_steps(self) -> int: ...  # initiative-too-big
    @property
    def progress_days(self) -> int: ...  # no-recent-progress
    @property
    def scope_creep_days(self) -> int: ...  # scope-creep
    @property
    def scope_creep_steps(self) -> int: ...
    @property
    def scope_creep_growth(self) -> float: ...
    @property
    def stale_days(self) -> int: ...  # stale-review
    @property
    def integration_gap_days(self) -> int: ...  # infrequent-integration
    @property
    def work_days(self) -> int: ...  # infrequent-integration, unlinked-work
    @property
    def linked_work_days(self) -> int: ...  # no-linked-work
    @property
    def linked_share(self) -> float: ...  # unlinked-work
    @property
    def trend_days(self) -> int: ...  # off-track
    @property
    def outcome_days(self) -> int: ...  # output-without-outcome
    @property
    def stale_metric_days(self) -> int: ...  # stale-metric
    @property
    def later_max_steps(self) -> int: ...  # over-planning
    @property
    def max_now(self) -> int: ...  # too-much-now
    @property
    def big_effort(self) -> str: ...  # big-without-steps
    @property
    def big_min_steps(self) -> int: ...


@dataclass(frozen=True, slots=True)
class HealthSettings:
    """Severity per rule id (``off``/``warning``/``error``), the rules' thresholds, the site's
    kinds, horizons and sizes, the levels' names, and today's date.

    Made by :func:`mkdocs_ladder.wiring.health_settings` from the settings, where the defaults are.
    """

    levels: dict[str, str]
    limits: Limits  # the rules' thresholds (the settings, where their defaults and meanings are)
    kinds: Mapping[str, tuple[str, ...]]  # each kind of work, with the fields it requires
    horizons: tuple[str, ...]  # the horizons' ids, nearest first
    sizes: Mapping[str, float]  # the scale of value and effort, smallest first, each with its number
    names: LevelNames  # the levels' names in messages
    today: date = field(default_factory=lambda: build_date())

    def identity(self) -> dict[str, object]:
        """Every value the rules read, as JSON: part of a cached site's key."""
        limits = {name: getattr(self.limits, name) for name, member in vars(Limits).items() if isinstance(member, property)}
        plain = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("limits", "today")}
        return {**asdict_of(plain), "limits": limits, "today": self.today.isoformat()}

    def level(self, rule: Rule, tree: Tree) -> str:
        if rule.id in self.levels:
            return self.levels[rule.id]
        if rule.id == "unknown-owner" and tree.owners is None:
            return OFF
        return rule.default


def build_date() -> date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` when set, so a rebuild gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return utc_day(epoch)
    return date.today()


def active_initiative(tree: Tree, node: Node) -> bool:
    return tree.level(node.id) is Level.INITIATIVE and node.status is Status.ACTIVE


def asdict_of(values: Mapping[str, object]) -> dict[str, object]:
    """``values`` with each dataclass among them as a dict (for JSON)."""
    return {key: asdict(value) if is_dataclass(value) and not isinstance(value, type) else value for key, value in values.items()}
