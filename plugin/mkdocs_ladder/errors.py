"""The one problem type that every check reports, and the formats it is printed in.

Every error or warning that ladder finds, whether a YAML syntax error or a tree rule,
ends up as a :class:`Problem` with a file, a 1-based line and column, a severity and a
stable rule id, so that the CLI, the MkDocs plugin and CI annotations all say the same
thing about the same place.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from mkdocs_ladder.terminal import printable


class Severity(StrEnum):
    """How much a problem weighs: an error fails the check; a warning fails it under
    ``--strict``; a note is said and never fails anything (a past commit cannot be edited)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


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
        suffix = f" [{self.rule}]" if self.severity is not Severity.ERROR or self.configurable else ""
        return printable(f"{self.display_path(cwd)}:{self.line}:{self.col}: {self.severity}: {self.message}{suffix}")


def shorten(text: str, limit: int = 60) -> str:
    """Quote-sized text for a message: one line, at most ``limit`` characters."""
    text = printable(text)  # one line: a line feed shows as \n
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Below the gap between any two different scores of pairs of fewer than 100,000 characters
#: together (at least 1e-10), above the rounding of a score in floating point (about 1e-16).
_EPSILON = 1e-12


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of ``choices`` closest to ``word``, or None when none is close: exactly what
    ``difflib.get_close_matches(word, choices, n=1)`` answers (the highest ratio, the larger
    string on a tie), sooner.

    difflib's ratio is ``2·M / (len(a) + len(b))``, where its matching blocks hold ``M``
    characters: one common subsequence of the two, so ``M`` is at most the longest one, and
    rapidfuzz's Indel ratio (``fuzz.ratio``, the same formula with the longest common
    subsequence, computed in C) bounds it from above. The choices are compared with difflib in
    order of that bound, best first, and the search stops at the first that cannot beat the best
    so far (a choice tied with it on its bound, and smaller, cannot either)."""
    from rapidfuzz import fuzz, process  # here, not above: most commands never suggest anything (27 ms)

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, bound, _ in process.extract(
        word, list(choices), scorer=fuzz.ratio, score_cutoff=max(0.0, 100 * (cutoff - _EPSILON)), limit=None
    ):
        if best is not None:
            if bound / 100 < best[0] - _EPSILON:
                break  # the rest are bounded lower still
            if bound / 100 <= best[0] + _EPSILON and choice < best[1]:
                continue
        matcher.set_seq1(choice)
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, choice) > best):
            best = (score, choice)
    return best[1] if best is not None else None


class Nearest:
    """:func:`closest` for many words against the same many choices (unknown ids in thousands
    of commits, against thousands of nodes), each word answered once."""

    def __init__(self, choices: Iterable[str]):
        self.choices = list(choices)
        self.answers: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word not in self.answers:
            self.answers[word] = closest(word, self.choices)
        return self.answers[word]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` with the closest of ``choices``, or "" when none is close."""
    near = closest(word, choices)
    return f" (did you mean '{near}'?)" if near else ""


def describe(value: object) -> str:
    """What an author wrote, in words: ``a number (42)``, ``text ('x')``, ``a list``."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"text ('{shorten(value, 40)}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by file, then line and column, as the issue asks: one pass, in reading order."""
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.col, p.message))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


class UsageError(Exception):
    """The command was pointed at something that is not a strategy tree at all."""


# --- formats ----------------------------------------------------------------------------------------

#: The rules that are not health rules: what each catches, for SARIF's rule list.
FORMAT_RULES = {
    "format": "A file or value that does not follow the format",
    "parent": "A parent or supports entry that names no node, or a node at the wrong level",
    "duplicate-id": "An id defined twice",
    "outside-link": "A symbolic link that leads outside the strategy directory",
    "unknown-file": "A file or folder in the strategy directory that ladder does not read",
    "waive": "A waiver that names no health rule",
    "unknown-kind": "A kind that is not one of the site's kinds of work (the kinds option)",
    "limit": "A tree over the size limits (nodes, file size, nesting, value length)",
    "unknown-horizon": "A horizon that is not one of the site's horizons (the horizons option)",
    "unknown-size": "A value or effort that is not a size of the site's scale (the sizes option)",
    "unknown-metric": "A metric id that is not in the catalogue (metrics.yaml)",
    "metric-unread": "A metric of the catalogue that has never been read",
    "metric-stale-read": "A metric whose source could not be read now: its last values are shown",
    "metric-skipped-rows": "Rows of a metric with no date or no finite number, skipped",
}
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
_GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}  # workflow commands' names


def format_text(problem: Problem, colour: bool = False) -> str:
    """The text format; with ``colour``, the severity in red or yellow and the place in bold."""
    line = problem.text()
    if not colour:
        return line
    import click  # only the CLI asks for colour

    place, _, rest = line.partition(f" {problem.severity}: ")
    return f"{click.style(place, bold=True)} {click.style(str(problem.severity), fg=_COLOURS[problem.severity], bold=True)}: {rest}"


def _escape_data(text: str) -> str:
    """Workflow-command data: every control shown as an escape (:func:`.terminal.printable`: no
    CR or LF is left to encode), then ``%`` percent-encoded as actions/toolkit's escapeData does."""
    return printable(text).replace("%", "%25")


def _escape_property(text: str) -> str:
    """Workflow-command property values: also ``:`` and ``,`` (actions/toolkit's escapeProperty)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command, which annotates the pull request's diff at the line."""
    props = {
        "file": problem.display_path().replace("\\", "/"),
        "line": str(problem.line),
        "col": str(problem.col),
        "title": f"ladder: {problem.rule}",
    }
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in props.items())
    return f"::{_GITHUB[problem.severity]} {joined}::{_escape_data(problem.message)}"


def report(problems: list[Problem], fmt: str, rules: dict[str, str], version: str, colour: bool = False, title: str = "ladder") -> str:
    """Every problem in one of ``ladder check``'s formats (text, github, json, sarif), each line
    ended ("" when text or github has none). ``rules``: every rule id with its title; ``title``:
    the name of github's group of lines."""
    if fmt == "json":
        return json.dumps([as_json(p) for p in problems], indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(as_sarif(problems, rules, version), indent=2) + "\n"
    if fmt == "github" and problems:
        # GitHub shows only the first annotations of a step: the full list goes to the log too,
        # with workflow commands stopped around it (a file named "::error::x.yaml" starts a line).
        plain = [p.text() for p in problems]
        token = hashlib.sha256("\n".join(plain).encode()).hexdigest()  # no line can hold its own hash
        lines = [
            f"::group::{printable(title)}",
            f"::stop-commands::{token}",
            *plain,
            f"::{token}::",
            "::endgroup::",
            *map(format_github, problems),
        ]
        return "".join(f"{line}\n" for line in lines)
    return "".join(f"{format_text(problem, colour)}\n" for problem in problems)


def as_json(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.display_path().replace("\\", "/"),
        "line": problem.line,
        "column": problem.col,
        "severity": str(problem.severity),
        "rule": problem.rule,
        "message": problem.message,
    }


def as_sarif(problems: list[Problem], rules: dict[str, str], version: str) -> dict[str, object]:
    """A SARIF 2.1.0 log with one run, for code-scanning dashboards."""
    rule_ids = list(rules)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ladder",
                        "version": version,
                        "informationUri": "https://pypi.org/project/mkdocs-ladder/",
                        "rules": [{"id": rule_id, "shortDescription": {"text": rules[rule_id]}} for rule_id in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": problem.rule,
                        **({"ruleIndex": rule_ids.index(problem.rule)} if problem.rule in rules else {}),
                        "level": str(problem.severity),
                        "message": {"text": problem.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": problem.display_path().replace("\\", "/")},
                                    "region": {"startLine": problem.line, "startColumn": problem.col},
                                }
                            }
                        ],
                    }
                    for problem in problems
                ],
            }
        ],
    }
