"""What every health rule shares: its settings, what it reads besides the tree (:class:`Seen`),
the rule itself, and the levels a rule can be set to."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from mkdocs_ladder.errors import Severity
from mkdocs_ladder.tree.model import Level, Node, Status, Tree
from mkdocs_ladder.tree.names import LevelNames

if TYPE_CHECKING:
    from mkdocs_ladder.history.model import History
    from mkdocs_ladder.work.model import Linked

Finding = tuple[tuple[str | int, ...], str]  # (field path for the mark, message)
OFF = "off"
LEVELS = (OFF, Severity.NOTE.value, Severity.WARNING.value, Severity.ERROR.value)
INACTIVE = (Status.DONE, Status.PAUSED, Status.DROPPED)


@dataclass(frozen=True, slots=True)
class Seen:
    """What the rules read besides the tree: its history, and the work linked to it (None:
    not read, or not available)."""

    history: History | None = None
    work: Linked | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    default: str
    title: str
    check: Callable[[Tree, Node, HealthSettings, Seen], Iterator[Finding]]
    history: bool = False  # reads the tree's history: skipped when there is none
    work: bool = False  # reads the work linked to the tree: skipped when none was read

    @property
    def why(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


@dataclass(frozen=True, slots=True)
class HealthSettings:
    """Severity per rule id (``off``/``warning``/``error``), the step limit, and today's date.

    Made by :meth:`mkdocs_ladder.settings.Settings.health`, where the defaults are.
    """

    levels: dict[str, str]
    max_open_steps: int
    progress_days: int
    scope_creep_days: int
    scope_creep_steps: int
    scope_creep_growth: float
    stale_days: int
    integration_gap_days: int  # infrequent-integration: the longest gap allowed
    work_days: int  # infrequent-integration and unlinked-work: how far back they look
    linked_work_days: int  # no-linked-work: how old an initiative may be with no linked work
    linked_share: float  # unlinked-work: the share of a repository's integrations that must ladder up
    kinds: Mapping[str, tuple[str, ...]]  # each kind of work, with the fields it requires
    horizons: tuple[str, ...]  # the horizons' ids, nearest first
    sizes: Mapping[str, float]  # the scale of value and effort, smallest first, each with its number
    later_max_steps: int  # over-planning: the most steps work on the farthest horizon may have
    max_now: int  # too-much-now: the most active initiatives on the nearest horizon per owner
    big_effort: str  # big-without-steps: the size from which an effort is big
    big_min_steps: int  # big-without-steps: the fewest steps a big effort may have
    names: LevelNames  # the levels' names in messages
    today: date = field(default_factory=lambda: build_date())

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
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def active_initiative(tree: Tree, node: Node) -> bool:
    return tree.level(node.id) is Level.INITIATIVE and node.status is Status.ACTIVE
