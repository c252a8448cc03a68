"""The typed nodes of a strategy ladder, and the tree they form.

:class:`Node` is the schema of what an author writes in YAML (it is also what ``ladder schema``
exports for editors); :class:`Tree` is the validated whole, with the links between levels
resolved. Neither knows about YAML files, MkDocs or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mkdocs_ladder.errors import describe, shorten
from mkdocs_ladder.tree.scalars import as_written

if TYPE_CHECKING:
    from mkdocs_ladder.tree.catalogue import Catalogue

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
#: The site's own pages beside the nodes' (``strategy/health/``, ...): no node may take their names.
VIEWS = ("roadmap", "changes", "health", "learning", "owners", "tags", "work", "metrics")
RESERVED_IDS = VIEWS
_SLUG = re.compile(SLUG_PATTERN)
ALLOWED_URL_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop ASCII tab/newline anywhere in a URL and trim control characters and spaces at
# its ends, so "java\nscript:" is a javascript: URL to them; the scheme is judged on that view.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


class Level(IntEnum):
    """How far below the mission a node sits."""

    MISSION = 0
    STRATEGY = 1
    INITIATIVE = 2

    @property
    def noun(self) -> str:
        return self.name.lower()

    @property
    def folder(self) -> str:
        """The folder of the strategy directory that holds this level's files."""
        return {0: "", 1: "strategies", 2: "initiatives"}[self.value]


class Status(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Work not yet finished: proposed, active or paused (neither done nor dropped)."""
        return self not in (Status.DONE, Status.DROPPED)


#: The order of statuses in a long list of nodes: what is under way first, what is over last.
_LEADING = {Status.ACTIVE: 0, Status.PROPOSED: 1, Status.PAUSED: 2, Status.DONE: 3, Status.DROPPED: 4}


def leading(nodes: Iterable[Node], nearest: str | None = None) -> list[Node]:
    """``nodes`` in the order every long list and diagram shows them: the active first, then the
    proposed, the paused, the done and the dropped; within each, the work for the ``nearest``
    horizon first; otherwise in the tree's order."""
    return sorted(nodes, key=lambda node: (_LEADING[node.status], node.horizon != nearest))


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise _fail(
            "slug",
            f"must be a slug, not '{shorten(value)}': lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit, at most 64 characters",
        )
    return value


def _node_id(value: str) -> str:
    _slug(value)
    if value in RESERVED_IDS:
        raise _fail("slug", f"must not be '{value}': the site has a page of that name ({', '.join(RESERVED_IDS)} are reserved)")
    return value


def _one_line(value: str) -> str:
    if not value.strip():
        raise _fail("empty", "must not be empty")
    if "\n" in value.strip() or "\r" in value.strip():
        raise _fail("multiline", "must be one line")
    return value.strip()


def _safe_url(value: str) -> str:
    if not value.strip():
        raise _fail("empty", "must not be empty")
    seen = _URL_IGNORED.sub("", value)
    match = _SCHEME.match(seen)
    if match and match.group(1).lower() not in ALLOWED_URL_SCHEMES:
        raise _fail(
            "url_scheme",
            f"uses the scheme '{match.group(1).lower()}:', which is not allowed: use http:, https:, mailto: or a relative path",
        )
    if not match and seen.startswith(("//", "\\\\", "/\\", "\\/")):
        raise _fail("url_scheme", "starts with '//', which points at another host: write it with https:")
    return value.strip()


_DATE_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}.*")


def _iso_date(value: Any) -> Any:
    """A date is written ``2026-05-01`` (YAML 1.2 reads it as text, quoted or not); a ``date``
    is accepted too, nothing else."""
    if isinstance(value, datetime) or (isinstance(value, str) and _DATE_TIME.fullmatch(value.strip())):
        raise _fail("date", f"has a time ('{value}'); write a date as YYYY-MM-DD")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _fail("date", f"is not a real date ('{value}'); write it as YYYY-MM-DD") from None
    if isinstance(value, date):
        return value
    raise _fail("date", f"is not a date ('{shorten(str(value))}'); write it as YYYY-MM-DD")


def _measure(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _fail("measure", "must be a number or a short text")
    return value


_SIZE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,15}")
CONFIDENCE_WORDS = ("low", "medium", "high")


def _size(value: str) -> str:
    if not _SIZE.fullmatch(value):
        raise _fail("size", f"must be a size of the site's scale, such as S, M, L or XL, not '{shorten(value)}'")
    return value


def _confidence(value: Any) -> Any:
    """``low``, ``medium`` or ``high``, or a percentage: ``70`` or ``"70%"`` (kept as the number 70)."""
    text = value.strip().lower() if isinstance(value, str) else None
    if text in CONFIDENCE_WORDS:
        return text
    number = text[:-1].strip() if text and text.endswith("%") else value
    if isinstance(number, str) and re.fullmatch(r"\d{1,3}", number):
        number = int(number)
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= 100:
        return number
    raise _fail("confidence", f"must be low, medium or high, or a percentage from 0 to 100 (70 or '70%'), not {describe(value)}")


class Timescale(StrEnum):
    """How long a node lives (Cutler's "1s and 3s"): each rung of a ladder one step longer."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    QUARTERS = "quarters"
    YEARS = "years"


#: A number where text belongs is the text as written (``title: 2027``): editors read it as a
#: number, so the schema of each text field admits one (a slug, a whole number of 0 or more).
_SLUG_OR_NUMBER = [{"type": "string", "pattern": SLUG_PATTERN}, {"type": "integer", "minimum": 0}]
_SLUG_SCHEMA = WithJsonSchema({"anyOf": _SLUG_OR_NUMBER})
_AS_WRITTEN = BeforeValidator(as_written)  # a number written where text belongs is the text as written
#: Text: Markdown or any string (a number written here is taken as written: ``012`` is "012").
Text = Annotated[str, _AS_WRITTEN, WithJsonSchema({"type": ["string", "number"]})]
Slug = Annotated[str, _AS_WRITTEN, AfterValidator(_slug), _SLUG_SCHEMA]
NodeId = Annotated[
    str,
    _AS_WRITTEN,
    AfterValidator(_node_id),
    WithJsonSchema({"anyOf": _SLUG_OR_NUMBER, "not": {"enum": list(RESERVED_IDS)}}),
]
Line = Annotated[
    str, _AS_WRITTEN, AfterValidator(_one_line), WithJsonSchema({"type": ["string", "number"], "minLength": 1, "pattern": "\\S"})
]
Url = Annotated[
    str,
    _AS_WRITTEN,
    AfterValidator(_safe_url),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "description": "http:, https:, mailto: or a relative path",
            "pattern": "^\\s*(?:[Hh][Tt][Tt][Pp][Ss]?:|[Mm][Aa][Ii][Ll][Tt][Oo]:|(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//))",
        }
    ),
]
IsoDate = Annotated[date, PlainValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
Measure = Annotated[Any, PlainValidator(_measure), WithJsonSchema({"type": ["number", "string"]})]
Size = Annotated[
    str, _AS_WRITTEN, AfterValidator(_size), WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_+-]{0,15}$"})
]
Confidence = Annotated[
    str | int,
    PlainValidator(_confidence),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(CONFIDENCE_WORDS)},
                {"type": "integer", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": "^\\s*(100|[0-9]{1,2})\\s*%$"},
            ]
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        """``owner:`` with nothing after it means "not given" for any optional field."""
        if isinstance(data, dict):
            required = {name for name, f in cls.model_fields.items() if f.is_required()}
            return {k: v for k, v in data.items() if v is not None or k in required}
        return data


class Link(_Strict):
    """A link shown on the node's page."""

    title: Line
    url: Url


def text_as(key: str) -> Callable[[Any], Any]:
    """For a mapping that may be written as plain text: the text stands for its ``key``
    (``- write the linter`` is the step ``{title: write the linter}``)."""

    def from_text(value: Any) -> Any:
        value = as_written(value)
        return {key: value} if isinstance(value, str) else value

    return from_text


class _TextOr(_Strict):
    """A mapping that may be written as plain text: the text is its ``TEXT_FIELD``."""

    TEXT_FIELD: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return text_as(cls.TEXT_FIELD)(data)


@dataclass(frozen=True, slots=True)
class _OrText:
    """In the JSON Schema, plain text (``described``) or the mapping (the model accepts both)."""

    described: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": ["string", "number"], "minLength": 1, "description": self.described}, handler(core_schema)]}


class Step(_TextOr):
    """One small, shippable step of an initiative; plain text means a step not yet done."""

    TEXT_FIELD = "title"

    title: Line
    done: StrictBool = False


class Metric(_Strict):
    """How success is measured: a metric of the catalogue (``metric``, read from where its
    values live), or a name typed by hand; and optionally a target, its date and where it
    stands now."""

    name: Line | None = Field(None, description="A metric typed by hand: its name (with `current` typed too).")
    metric: Slug | None = Field(None, description="The id of a metric of the catalogue (metrics.yaml), whose values are read.")
    target: Measure | None = None
    by: IsoDate | None = Field(None, description="YYYY-MM-DD: when the target is to be reached.")
    current: Measure | None = None
    unit: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Metric:
        if self.name is None and self.metric is None:
            raise _fail("metric_name", "names no metric: give 'metric' (an id of the catalogue) or 'name' (typed by hand)")
        return self

    @property
    def key(self) -> str:
        """What the metric is known by on its node: its catalogue id, else its name."""
        return self.metric or self.name or ""


class Question(_TextOr):
    """A question the work has to answer; with its ``answer`` once it is answered."""

    TEXT_FIELD = "question"

    question: Line
    answer: Text | None = Field(None, description="Markdown: what was learnt.")


QuestionEntry = Annotated[Question, _OrText("An open question.")]


StepEntry = Annotated[Step, _OrText("A step not done yet.")]


class Node(_Strict):
    """One mission, strategy or initiative, exactly as written in YAML."""

    id: NodeId = Field(description="Unique slug; defaults to the file name in a one-node file.")
    title: Line = Field(description="One line.")
    parent: Slug | None = Field(None, description="The id of a node one level up (not for the mission).")
    supports: list[Slug] = Field(default_factory=list, description="Further parents, at the parent's level.")
    why: Text | None = Field(None, description="Markdown: the reason that ties this node to its parent.")
    description: Text | None = Field(None, description="Markdown.")
    owner: Line | None = Field(None, description="A team or person.")
    kind: Slug | None = Field(None, description="The kind of work, from the site's taxonomy (the plugin's `kinds` option).")
    status: Status = Status.ACTIVE
    horizon: Line | None = Field(
        None, description="When the work is for: now, next or later, or one of the site's own horizons (the `horizons` option)."
    )
    value: Size | None = Field(
        None, description="The value expected, as a coarse size: S, M, L or XL, or the site's own scale (the `sizes` option)."
    )
    effort: Size | None = Field(None, description="The effort expected, on the same scale as value.")
    confidence: Confidence | None = Field(None, description="How sure the team is: low, medium or high, or a percentage (70 or '70%').")
    timescale: Timescale | None = Field(
        None, description="How long the node lives: days, weeks, months, quarters or years (rule skipped-rung)."
    )
    tags: list[Line] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    steps: list[StepEntry] = Field(default_factory=list, description="The small steps of an initiative.")
    metrics: list[Metric] = Field(default_factory=list, description="How success is measured.")
    due: IsoDate | None = Field(None, description="YYYY-MM-DD")
    hypothesis: Text | None = Field(None, description="Markdown: what an experiment expects to learn.")
    questions: list[QuestionEntry] = Field(
        default_factory=list, description="What the work has to learn: an open question, or {question, answer} once answered."
    )
    waive: dict[str, Line] = Field(
        default_factory=dict, description="Health rules that do not apply to this node, each with the reason why."
    )

    @property
    def parents(self) -> list[str]:
        """The parent first, then what the node also supports."""
        return ([self.parent] if self.parent else []) + [s for s in self.supports if s != self.parent]

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def open_steps(self) -> int:
        """The steps not done yet."""
        return len(self.steps) - self.steps_done


class Owner(_Strict):
    """A team or person who may own work, as listed in the tree's ``owners.yaml``."""

    name: Line = Field(description="The display name.")
    url: Url | None = Field(None, description="Where to reach them: http, https, mailto or a relative path.")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a node was written: its file and the line its mapping starts on."""

    path: Path
    line: int
    col: int


@dataclass(slots=True)
class Tree:
    """A validated ladder: every node, its level, where it was written and who hangs below it.

    Nodes keep a stable order: the mission, then strategies, then initiatives, each level in
    the order of their files' sorted paths, so every output built from a tree is deterministic.
    """

    nodes: dict[str, Node]
    levels: dict[str, Level]
    origins: dict[str, Origin]
    #: Where each value of each node was written: id -> (field path -> (line, col)).
    marks: dict[str, dict[tuple[str | int, ...], tuple[int, int]]] = field(default_factory=dict)
    #: The owners file's entries, or None when the tree has no owners file.
    owners: dict[str, Owner] | None = None
    owners_path: Path | None = None
    _children: dict[str, list[str]] = field(default_factory=dict)
    _supporters: dict[str, list[str]] = field(default_factory=dict)
    _owned: dict[str, list[str]] = field(default_factory=dict)
    sized: bool = False  # some node has a value or an effort (derived: set from the nodes)
    #: The catalogue of metrics (``metrics.yaml``), or None when the tree has none.
    catalogue: Catalogue | None = None

    def __post_init__(self) -> None:
        self._children = {node_id: [] for node_id in self.nodes}
        self._supporters = {node_id: [] for node_id in self.nodes}
        self._owned = {}
        self.sized = any(n.value is not None or n.effort is not None for n in self.nodes.values())
        for node in self.nodes.values():
            if node.owner:
                self._owned.setdefault(node.owner, []).append(node.id)
            if node.parent in self._children:
                self._children[node.parent].append(node.id)
            for target in node.supports:
                if target in self._supporters and target != node.parent:
                    self._supporters[target].append(node.id)

    @property
    def mission(self) -> Node:
        return next(self.at(Level.MISSION))

    def at(self, level: Level) -> Iterator[Node]:
        return (n for n in self.nodes.values() if self.levels[n.id] is level)

    def level(self, node_id: str) -> Level:
        return self.levels[node_id]

    def children(self, node_id: str) -> list[Node]:
        """Nodes whose ``parent`` is this node."""
        return [self.nodes[c] for c in self._children[node_id]]

    def owned(self, owner: str) -> list[Node]:
        """The nodes ``owner`` owns, in the tree's order."""
        return [self.nodes[n] for n in self._owned.get(owner, [])]

    def supporters(self, node_id: str) -> list[Node]:
        """Nodes that name this node in ``supports`` (and have another parent)."""
        return [self.nodes[c] for c in self._supporters[node_id]]

    def ladder(self, node_id: str) -> list[Node]:
        """The path from the mission down to the node, following ``parent``."""
        path = [self.nodes[node_id]]
        while path[-1].parent is not None and path[-1].parent in self.nodes and len(path) <= len(Level):
            path.append(self.nodes[path[-1].parent])
        return path[::-1]

    def where(self, node_id: str, *path: str | int) -> tuple[Path, int, int]:
        """The file, line and column of a node's value (its key's line), else of the node."""
        origin = self.origins[node_id]
        line, col = self.marks.get(node_id, {}).get(path, (origin.line, origin.col))
        return origin.path, line, col

    def counts(self) -> dict[Level, int]:
        result = dict.fromkeys(Level, 0)
        for level in self.levels.values():
            result[level] += 1
        return result
