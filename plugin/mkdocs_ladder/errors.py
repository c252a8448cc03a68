"""The one problem type that every check reports, and the formats it is printed in.

Every error or warning that ladder finds, whether a YAML syntax error or a tree rule,
ends up as a :class:`Problem` with a file, a 1-based line and column, a severity and a
stable rule id, so that the CLI, the MkDocs plugin and CI annotations all say the same
thing about the same place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something wrong at one place in one file."""

    path: Path
    line: int
    col: int
    severity: Severity
    message: str
    rule: str = "format"
    node: str | None = None  # the node it concerns, for pages that show it beside that node
    configurable: bool = False  # a health rule, whose id the text always shows

    def display_path(self, cwd: Path | None = None) -> str:
        """The path relative to the working directory (as editors and CI expect)."""
        try:
            return os.path.relpath(self.path, cwd or Path.cwd())
        except ValueError:  # another drive on Windows
            return str(self.path)

    def text(self, cwd: Path | None = None) -> str:
        """``PATH:LINE:COL: severity: MESSAGE``, then ``[rule-id]`` for warnings and health rules."""
        suffix = f" [{self.rule}]" if self.severity is Severity.WARNING or self.configurable else ""
        return f"{self.display_path(cwd)}:{self.line}:{self.col}: {self.severity}: {self.message}{suffix}"


def shorten(text: str, limit: int = 60) -> str:
    """Quote-sized text for a message: one line, at most ``limit`` characters."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by file, then line and column, as the issue asks: one pass, in reading order."""
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.col, p.message))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class LadderError(Exception):
    """A tree that cannot be published; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.text() for p in self.problems))


class UsageError(Exception):
    """The command was pointed at something that is not a strategy tree at all."""
