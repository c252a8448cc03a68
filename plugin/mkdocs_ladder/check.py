"""The check pipeline: a strategy directory read, its tree rules, its kinds of work, its history
and its health, in one pass that reports every problem.

Every adapter reaches it through :meth:`~mkdocs_ladder.project.Project.check` (``ladder
check``, the MkDocs plugin, ``ladder render``, :mod:`.publish`), and ``ladder diff`` for each
revision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs_ladder.errors import Problem, Severity, has_errors, sort_problems
from mkdocs_ladder.gcpause import paused_gc
from mkdocs_ladder.health import HealthSettings, Seen, check_health
from mkdocs_ladder.history.model import History
from mkdocs_ladder.metrics.model import Measured
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.loader import FileVersion, load
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.tree.sources import Source
from mkdocs_ladder.tree.validate import build_tree, check_kinds, check_metric_ids, check_scales
from mkdocs_ladder.wiring import health_settings
from mkdocs_ladder.work.model import Linked, Work, link


@dataclass(slots=True)
class Checked:
    """The outcome of checking a strategy directory: a tree when it is valid, and every problem."""

    tree: Tree | None
    problems: list[Problem]
    files: int
    partial: Tree | None = None  # the nodes that loaded, even when the tree has errors (for diff)
    history: History | None = None  # what the history reader gave, for a tree without errors
    linked: Linked | None = None  # the work read, as it links to a tree without errors
    work: Work | None = None  # the work read, whatever the tree
    measured: Measured | None = None  # the catalogue's metrics, as read

    @property
    def ok(self) -> bool:
        return self.tree is not None

    def said(self) -> list[Said]:
        """What to tell the reader about what was read besides the tree: history that is not
        available (unless it is off), a repository that could not be read (which ``--strict``
        fails on), an older copy of one or a shallow clone."""
        return said_of(self.history, self.work)


def said_of(history: History | None, work: Work | None) -> list[Said]:
    """What :meth:`Checked.said` says, for a history and a work read."""
    found = []
    if history is not None and not history.available and not history.quiet:
        found.append(Said(Severity.WARNING, f"no history is available, so its rules were skipped: {history.reason}", strict=False))
    for repository in work.repositories if work is not None else []:
        if repository.warning:
            found.append(Said(Severity.WARNING, repository.warning, strict=True))
        elif repository.note:
            found.append(Said(Severity.NOTE, repository.note, strict=False))
    return found


@dataclass(frozen=True, slots=True)
class Said:
    """A line about what was read besides the tree; ``strict``: ``--strict`` fails on it."""

    severity: Severity
    text: str
    strict: bool

    def line(self) -> str:
        return f"ladder: {self.severity}: {self.text}"


#: Reads a tree's history, given the tree and the file versions it was loaded from.
HistoryFor = Callable[[Tree, Mapping[str, FileVersion]], "History"]


def check_directory(
    root: Path | Source,
    health: HealthSettings | None = None,
    history: HistoryFor | None = None,
    work: Work | None = None,
    measured: Measured | None = None,
) -> Checked:
    """Load and validate a strategy directory, then apply the health rules to a valid tree.

    Without ``health``, the rules run as the default settings set them. ``history`` reads the
    tree's history (given the tree as it is now) for the rules that need it; without it, or
    when it finds none, those rules are skipped. ``work`` is what the repositories delivered
    (:func:`~mkdocs_ladder.work.read.read_work`); without it, the rules that read it are skipped.
    ``measured`` is the catalogue's metrics as read (:func:`~mkdocs_ladder.metrics.read.read_metrics`):
    what its reads say is reported at each metric, and without it the rules of outcomes are skipped.
    """
    with paused_gc():  # millions of short-lived objects, no cycles: see gcpause
        return _check(root, health or _default_health(), history, work, measured)


def _check(
    root: Path | Source, health: HealthSettings, history: HistoryFor | None, work: Work | None, measured: Measured | None
) -> Checked:
    loaded = load(root)
    if loaded.truncated:
        return Checked(None, sort_problems(loaded.problems), loaded.files, None, work=work)
    tree, problems = build_tree(loaded.nodes, loaded.owners, health.names, loaded.unread)
    tree.catalogue = loaded.catalogue
    problems = loaded.problems + problems + check_kinds(tree, health.kinds) + check_scales(tree, health.horizons, health.sizes)
    problems += check_metric_ids(tree) + (measured.problems() if measured is not None else [])
    past = linked = None
    if not has_errors(problems):
        past = history(tree, loaded.versions) if history is not None else None
        linked = link(tree, work) if work is not None else None
        problems += check_health(tree, health, Seen(past, linked, measured))
    problems = sort_problems(problems)
    return Checked(tree if not has_errors(problems) else None, problems, loaded.files, tree, past, linked, work, measured)


def _default_health() -> HealthSettings:
    """The health rules as the default settings set them."""
    return health_settings(Settings())
