"""The check pipeline: a strategy directory read, its tree rules, its kinds of work, its history
and its health, in one pass that reports every problem.

The one entry point for every adapter (``ladder check``, the MkDocs plugin, ``ladder diff``,
``ladder render``) and for :mod:`.publish`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs_ladder.errors import Problem, has_errors, sort_problems
from mkdocs_ladder.health import HealthSettings, check_health
from mkdocs_ladder.history.model import History
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.loader import FileVersion, load
from mkdocs_ladder.tree.model import Tree
from mkdocs_ladder.tree.sources import Source
from mkdocs_ladder.tree.validate import build_tree, check_kinds
from mkdocs_ladder.wiring import health_settings


@dataclass(slots=True)
class Checked:
    """The outcome of checking a strategy directory: a tree when it is valid, and every problem."""

    tree: Tree | None
    problems: list[Problem]
    files: int
    partial: Tree | None = None  # the nodes that loaded, even when the tree has errors (for diff)
    history: History | None = None  # what the history reader gave, for a tree without errors

    @property
    def ok(self) -> bool:
        return self.tree is not None


#: Reads a tree's history, given the tree and the file versions it was loaded from.
HistoryFor = Callable[[Tree, Mapping[str, FileVersion]], "History"]


def check_directory(root: Path | Source, health: HealthSettings | None = None, history: HistoryFor | None = None) -> Checked:
    """Load and validate a strategy directory, then apply the health rules to a valid tree.

    The one entry point for every adapter (the CLI, the MkDocs plugin, ``ladder diff``).
    Without ``health``, the rules run as the default settings set them. ``history`` reads the
    tree's history (given the tree as it is now) for the rules that need it; without it, or
    when it finds none, those rules are skipped.
    """
    health = health or _default_health()
    loaded = load(root)
    if loaded.truncated:
        return Checked(None, sort_problems(loaded.problems), loaded.files, None)
    tree, problems = build_tree(loaded.nodes, loaded.owners, health.names)
    problems = loaded.problems + problems + check_kinds(tree, health.kinds)
    past = None
    if not has_errors(problems):
        past = history(tree, loaded.versions) if history is not None else None
        problems += check_health(tree, health, past)
    problems = sort_problems(problems)
    return Checked(tree if not has_errors(problems) else None, problems, loaded.files, tree, past)


def _default_health() -> HealthSettings:
    """The health rules as the default settings set them."""
    return health_settings(Settings())
