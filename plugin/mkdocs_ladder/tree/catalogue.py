"""The catalogue of metrics (``metrics.yaml`` in the strategy directory): each metric's id,
title, unit, direction, description and where its values are read from.

A metric is read from a file of the repository (CSV, JSON or Parquet, optionally through a
query that an embedded DuckDB runs over it), or from a SQL database by a named connection
whose URL comes from the environment, never from a file (:mod:`mkdocs_ladder.metrics`). This
module holds the shapes alone: what an author writes, checked like every other file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from mkdocs_ladder.errors import shorten
from mkdocs_ladder.tree.model import Line, Slug, Text, _fail, _Strict
from mkdocs_ladder.tree.yamlsafe import Mark

METRICS_STEM = "metrics"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
FILE_SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson", ".parquet")


class Direction(StrEnum):
    """Which way is better."""

    HIGHER = "higher"
    LOWER = "lower"


def _repository_path(value: str) -> str:
    """A path (or glob) inside the repository: relative, no ``..``, no URL, a known suffix."""
    text = value.strip()
    if _SCHEME.match(text) or text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text):
        raise _fail("path", f"must be a path inside the repository, relative to its top, not '{shorten(text)}'")
    if ".." in PurePosixPath(text.replace("\\", "/")).parts:
        raise _fail("path", f"must not leave the repository ('..' in '{shorten(text)}')")
    if not text.lower().endswith(FILE_SUFFIXES):
        raise _fail("path", f"must name a {', '.join(FILE_SUFFIXES)} file, not '{shorten(text)}'")
    return text


RepositoryPath = Annotated[str, AfterValidator(_repository_path)]


class MetricSource(_Strict):
    """Where a metric's dated values come from: a file (``file``, with an optional ``query``
    over it, which sees it as the table ``data``), or a database (``connection`` and ``query``)."""

    file: RepositoryPath | None = Field(
        None, description="A CSV, JSON or Parquet file (or a glob of them), relative to the repository's top."
    )
    connection: Slug | None = Field(
        None, description="A named connection: its URL is read from the environment variable LADDER_CONNECTION_<NAME>."
    )
    query: Text | None = Field(None, description="SQL that returns the columns date and value: over `data` (the file), or in the database.")

    @model_validator(mode="after")
    def _one_place(self) -> MetricSource:
        if self.file is not None and self.connection is not None:
            raise _fail("source", "reads a file or a connection, not both")
        if self.file is None and self.connection is None:
            raise _fail("source", "names no place to read: give 'file' (a file of the repository) or 'connection' with a 'query'")
        if self.connection is not None and not (self.query or "").strip():
            raise _fail("source", "a connection needs a 'query' that returns the columns date and value")
        return self

    @property
    def kind(self) -> str:
        """What is read: ``database``, ``query`` (over a file) or ``file``."""
        return "database" if self.connection else "query" if self.query else "file"


class MetricDefinition(_Strict):
    """One metric of the catalogue."""

    title: Line
    unit: Line | None = None
    direction: Direction = Field(Direction.HIGHER, description="Which way is better: higher or lower.")
    description: Text | None = Field(None, description="Markdown: what it measures, and why it matters.")
    source: MetricSource


@dataclass(slots=True)
class Catalogue:
    """The catalogue file: its metrics by id, in the file's order, and where each was written
    (each metric's marks re-rooted at it: ``()`` is its id's line)."""

    metrics: dict[str, MetricDefinition]
    path: Path
    marks: dict[str, dict[tuple[str | int, ...], Mark]] = field(default_factory=dict)

    def where(self, metric_id: str, *path: str | int) -> tuple[Path, int, int]:
        """The file, line and column of a metric's value (the longest part written), else of its id."""
        marks = self.marks.get(metric_id, {})
        for end in range(len(path), -1, -1):
            mark = marks.get(tuple(path[:end]))
            if mark is not None:
                return self.path, mark.line, mark.col
        return self.path, 1, 1


def connection_variable(name: str) -> str:
    """The environment variable that holds a named connection's URL (``warehouse`` ->
    ``LADDER_CONNECTION_WAREHOUSE``): a pull request names a connection, never which variable."""
    return "LADDER_CONNECTION_" + re.sub(r"[^A-Z0-9]", "_", name.upper())
