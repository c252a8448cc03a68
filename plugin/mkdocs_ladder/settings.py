"""The one settings object: every option of ladder, its type, its default and what it does.

:class:`Settings` is built either from the MkDocs plugin's config (:mod:`.adapters.mkdocs.config`
derives its options from this model) or from the config file read without MkDocs (the CLI:
:func:`mkdocs_ladder.config_file.read_site_config`). Either way one model checks every value, so a wrong one gets the
same words from ``ladder check`` and from ``mkdocs build``, naming the option. Every default
lives here and nowhere else. Settings hold values and build nothing: :mod:`mkdocs_ladder.wiring`
makes the parts a build uses from them (page options, the diagram renderer and its cache, the
history reader, the health settings).

Options are the keys of the ``ladder`` entry under ``plugins:`` in mkdocs.yml. Each field's
docstring is its documentation (docs/plugin.md lists them all; a test keeps the two in step).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from mkdocs_ladder.errors import describe, did_you_mean, shorten
from mkdocs_ladder.health import LEVELS, OFF, RULES, unknown_rule
from mkdocs_ladder.labels import EN, Label
from mkdocs_ladder.tree.model import SLUG_PATTERN, Level, Node, text_as
from mkdocs_ladder.tree.names import english_plural
from mkdocs_ladder.tree.scalars import as_written
from mkdocs_ladder.tree.wording import wrong_type
from mkdocs_ladder.work.repositories import check_location
from mkdocs_ladder.work.trailers import DEFAULT_KEY, KEY_PATTERN


def _rule_id(value: str) -> str:
    if value not in RULES:
        raise PydanticCustomError("rule", unknown_rule(value))
    return value


def _off(value: object) -> object:
    """``false`` for a rule's level means ``off``."""
    return OFF if value is False else value


def _folder(value: str) -> str:
    """A folder of the site: slashes at its ends are dropped; it cannot climb out of the site."""
    folder = value.strip("/")
    if not folder or "\\" in folder or any(part in ("", ".", "..") for part in folder.split("/")):
        raise PydanticCustomError("folder", f"must be a folder of the site such as 'strategy', not '{shorten(value)}'")
    return folder


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "must not be empty")
    return value


def _level_key(value: str) -> str:
    if value not in (level.noun for level in Level):
        raise PydanticCustomError(
            "level",
            f"no level '{shorten(value)}'{did_you_mean(value, [lv.noun for lv in Level])}: the levels are mission, strategy and initiative",
        )
    return value


def _label_key(value: str) -> str:
    if value not in EN:
        raise PydanticCustomError("label", f"no label '{shorten(value)}'{did_you_mean(value, EN)} (docs/language.md lists them all)")
    return value


def _kind_id(value: str) -> str:
    if not re.match(SLUG_PATTERN, value):
        raise PydanticCustomError("kind", f"a kind's id must be a slug (lowercase letters, digits, '-' and '_'), not '{shorten(value)}'")
    return value


def _horizon_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}", value):
        raise PydanticCustomError(
            "horizon", f"a horizon's id must be short: letters, digits, '-', '_', '.' or '+' (such as 2027-Q1), not '{shorten(value)}'"
        )
    return value


def _horizons(value: object) -> object:
    """Horizons as a mapping (id: name), or as a list of ids, nearest first (each its own name)."""
    value = as_written(value)
    if not isinstance(value, list):
        return value
    items = [as_written(item) for item in value]
    for number, item in enumerate(items, 1):
        if not isinstance(item, str):
            raise PydanticCustomError("horizons", f"horizon {number} of the list must be an id such as 2027-Q1, not {describe(item)}")
    return dict(zip(items, items, strict=True))


def _size_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,15}", value):
        raise PydanticCustomError("size", f"a size must be short: letters, digits, '-', '_' or '+', not '{shorten(value)}'")
    return value


#: The fields a kind may require: everything an author writes beyond id, title and status.
KIND_FIELDS = tuple(name for name in Node.model_fields if name not in ("id", "title", "status", "kind", "waive"))


def _kind_field(value: str) -> str:
    if value not in KIND_FIELDS:
        raise PydanticCustomError(
            "field", f"no field '{shorten(value)}'{did_you_mean(value, KIND_FIELDS)}: a kind may require {', '.join(KIND_FIELDS)}"
        )
    return value


def _placeholders(text: str | tuple[str, str]) -> set[str]:
    """The values a label's text takes by name (``{n}``); ValueError for a lone brace."""
    forms = (text,) if isinstance(text, str) else text
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name is not None}


def _one_or_two(value: object) -> object:
    """A label is a text, or [one, many] for a text with a count."""
    value = as_written(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and len(value) not in (1, 2):
        raise PydanticCustomError("label_forms", f"must be a text, or a list of two texts (one, many), not a list of {len(value)}")
    return value


Text = Annotated[str, BeforeValidator(as_written), AfterValidator(_not_blank)]


def _location(value: str) -> str:
    try:
        return check_location(value)
    except ValueError as exc:
        raise PydanticCustomError("location", str(exc)) from None


def _trailer_key(value: str) -> str:
    if not re.match(KEY_PATTERN, value):
        raise PydanticCustomError("trailer", f"a trailer key is a word of letters, digits and '-' (such as Ladder), not '{shorten(value)}'")
    return value


class RepositoryOption(BaseModel):
    """A repository whose work ladders up: ``app/``, or ``{location, branch, name}``."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    location: Annotated[str, BeforeValidator(as_written), AfterValidator(_location)]
    branch: Text | None = None  # a path: what is checked out; a URL: the remote's default branch
    name: Text | None = None  # what the pages call it (from its location when not given)


class WorkOption(BaseModel):
    """Where the work is read, and how a commit names a node."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    trailer: Annotated[str, AfterValidator(_trailer_key)] = DEFAULT_KEY
    own: bool = True  # the repository that holds the tree
    repositories: list[Annotated[RepositoryOption, BeforeValidator(text_as("location"))]] = Field(default_factory=list)


class MetricsOption(BaseModel):
    """How the catalogue's metrics are read (docs/metrics.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    timeout: float = Field(30.0, gt=0, le=3600)  # seconds a query may run
    max_rows: int = Field(10_000, ge=1, le=1_000_000)  # rows a query may return
    refresh_minutes: int = Field(60, ge=0)  # a database's values are reused this long


class LevelName(BaseModel):
    """A level's name: ``Pillar``, or ``{name: Pillar, plural: Pillars}``."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    name: Text
    plural: Text | None = None  # by the English rules when not given


class KindOfWork(BaseModel):
    """A kind of work: what it means, and the fields a node of that kind must fill."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    description: Text
    requires: list[Annotated[str, AfterValidator(_kind_field)]] = Field(default_factory=list)


#: The default horizons, nearest first, when ``horizons`` is not set: their names are labels (``horizon.<id>``).
DEFAULT_HORIZONS: tuple[str, ...] = ("now", "next", "later")
#: The default scale of ``value`` and ``effort``, smallest first: each size doubles the one before.
DEFAULT_SIZES: dict[str, float] = {"S": 1, "M": 2, "L": 4, "XL": 8}

#: The default taxonomy, when ``kinds`` is not set: its descriptions are labels (``kind.<id>``).
DEFAULT_KINDS: dict[str, tuple[str, ...]] = {"delivery": (), "experiment": ("hypothesis",), "learning": ("questions",), "enabling": ()}

Folder = Annotated[str, BeforeValidator(as_written), AfterValidator(_folder)]
RuleId = Annotated[str, AfterValidator(_rule_id)]
RuleLevel = Annotated[Literal["off", "note", "warning", "error"], BeforeValidator(_off)]
LevelKey = Annotated[str, AfterValidator(_level_key)]
LabelKey = Annotated[str, AfterValidator(_label_key)]
KindId = Annotated[str, AfterValidator(_kind_id)]
HorizonId = Annotated[str, BeforeValidator(as_written), AfterValidator(_horizon_id)]
SizeId = Annotated[str, AfterValidator(_size_id)]


class Settings(BaseModel):
    """Every option of ladder, with its default (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, use_attribute_docstrings=True)

    enabled: bool = True
    """Build the strategy pages; `false` switches the plugin off (for a quick build of the other docs)."""

    strategy_dir: Text = "strategy"
    """The strategy directory, relative to the folder holding the config file; `ladder check` reads it too."""

    path: Folder = "strategy"
    """The folder of the site the generated pages go to (`strategy/` and `strategy/<id>/`)."""

    nav_title: Text | None = None
    """The title of the nav section and of the overview page (unset: the label `nav.title`, "Strategy" in English)."""

    nav_initiatives: bool = False
    """Also list every initiative in the nav, under its strategy (for small trees)."""

    nav_max_strategies: int = Field(50, ge=0)
    """Past this many strategies the nav lists none of them (the overview leads to each): a theme renders the whole nav on every page, so a nav that grows with the tree grows the build with its square."""

    overview_max_nodes: int = Field(60, ge=1)
    """Past this many nodes the overview diagram shows the mission and the strategies with their initiative counts."""

    diagram_max_children: int = Field(60, ge=1)
    """Past this many children a node's diagram draws the first 8 (the active and those for now first), then one box per status for the rest, linking to the table of children."""

    dot_executable: Text = "dot"
    """Graphviz's `dot`: a name on `PATH`, or a path."""

    dot_timeout: float = Field(30.0, gt=0)
    """Seconds one diagram may take; a `dot` that hangs is killed and the build fails, naming the node."""

    health: dict[RuleId, RuleLevel] = Field(default_factory=dict)
    """Severity per health rule id: `off`, `note` (said, never fails a build, even `--strict`), `warning` or `error` (each rule has its own default)."""

    max_open_steps: int = Field(7, ge=0)
    """The most open steps an active initiative may have before it is too big (`initiative-too-big`)."""

    preview: bool = True
    """`mkdocs serve` and `ladder render --watch`: after an edit, make only the pages it touches anew; the others keep their nav until a full build (`false`: every page, every time)."""

    history: bool = True
    """Read the tree's history from git: the History sections and charts, the changes page, and the rules that need it (`false`: none of it)."""

    history_days: int = Field(730, ge=1)
    """How many days of history to read, back from today (two years)."""

    progress_days: int = Field(42, ge=1)
    """`no-recent-progress`: an active initiative older than this many days, with open steps, must have had a step done within them."""

    scope_creep_days: int = Field(90, ge=1)
    """`scope-creep`: how far back an initiative's open steps are compared (or from its creation, if younger)."""

    scope_creep_steps: int = Field(3, ge=1)
    """`scope-creep`: by how many open steps, at least, it must have grown."""

    scope_creep_growth: float = Field(0.5, ge=0)
    """`scope-creep`: by what fraction of its open steps then, at least, it must have grown (0.5: by half)."""

    stale_days: int = Field(120, ge=1)
    """`stale-review`: an active strategy or initiative unchanged for this many days."""

    integration_gap_days: int = Field(21, ge=1)
    """`infrequent-integration`: the most days an active initiative's work may go without an integration."""

    work_days: int = Field(90, ge=1)
    """`infrequent-integration` and `unlinked-work`: how many days back they look at the work."""

    linked_work_days: int = Field(30, ge=0)
    """`no-linked-work`: how old an active initiative may be with no commit linked to it."""

    linked_share: float = Field(0.5, ge=0, le=1)
    """`unlinked-work`: the share of a repository's integrations that must ladder up to a node (0.5: half)."""

    trend_days: int = Field(90, ge=7)
    """`off-track`: how many days of values, up to the latest, the trend is drawn through (least squares)."""

    outcome_days: int = Field(60, ge=0)
    """`output-without-outcome`: how long after work was marked done its metrics must have moved the right way."""

    stale_metric_days: int = Field(45, ge=1)
    """`stale-metric`: the most days a metric's latest value may be old."""

    metrics: MetricsOption = Field(default_factory=MetricsOption)
    """How the catalogue's metrics are read (docs/metrics.md): `timeout`, the seconds a query may run (`30`); `max_rows`, the rows it may return (`10000`); `refresh_minutes`, how long a database's values are reused before it is asked again (`60`; a file is read again when its bytes change)."""

    work: WorkOption = Field(default_factory=WorkOption)
    """The work delivered, read from git (docs/work.md): `trailer`, the commit trailer that links a commit to a node (`Ladder`); `own`, read the repository that holds the tree (`true`); `repositories`, more to read, each a path, an `https://`, `ssh://`, `file://` or `user@host:path` URL, or `{location, branch, name}`."""

    levels: dict[LevelKey, Annotated[LevelName, BeforeValidator(text_as("name"))]] = Field(default_factory=dict)
    """Your organisation's names for the levels, e.g. `{strategy: Pillar, initiative: Bet}` (or `{name: Bet, plural: Bets}`); ids, folders and the YAML keep theirs. Pages, diagrams, the nav and the command line's messages use them."""

    labels: dict[LabelKey, Annotated[list[Text], BeforeValidator(_one_or_two)]] = Field(default_factory=dict)
    """Your own words for any fixed text of the pages, by label (e.g. `view.learning: Discovery`); a text with a count takes `[one, many]`. The theme's `language` picks the built-in translation under them (English, German, French)."""

    @field_validator("labels")
    @classmethod
    def _labels_fill_in_what_ladder_gives(cls, labels: dict[str, list[str]]) -> dict[str, list[str]]:
        """A label may use the values its English text uses (``{n}``, ``{plural}``), and no other."""
        for key, forms in labels.items():
            given = _placeholders(EN[key])
            for form in forms:
                try:
                    used = _placeholders(form)
                except ValueError:
                    raise PydanticCustomError(
                        "label_text", f"'{key}': a lone brace in '{shorten(form)}'; write {{{{ or }}}} for a brace"
                    ) from None
                if unknown := sorted(used - given):
                    known = ", ".join(f"{{{name}}}" for name in sorted(given)) or "none"
                    raise PydanticCustomError("label_text", f"'{key}': ladder fills in no {{{unknown[0]}}} here (it fills in: {known})")
        return labels

    kinds: dict[KindId, Annotated[KindOfWork, BeforeValidator(text_as("description"))]] | None = None
    """Your taxonomy of work: each kind's id maps to its description, or to `{description, requires: [fields]}`. Unset: delivery, experiment (requires `hypothesis`), learning (requires `questions`) and enabling."""

    horizons: Annotated[dict[HorizonId, Text] | None, BeforeValidator(_horizons)] = None
    """Your horizons, nearest first: each id with its name on the pages (e.g. `{q1: Q1 2027, q2: Q2 2027}`), or a list of ids that are their own names (`[2027-Q1, 2027-Q2]`). Unset: now, next and later."""

    sizes: dict[SizeId, Annotated[float, Field(gt=0)]] | None = None
    """Your scale of `value` and `effort`, smallest first, each size with its number. Unset: S 1, M 2, L 4 and XL 8."""

    later_max_steps: int = Field(3, ge=0)
    """`over-planning`: the most steps work on the farthest horizon (`later`) may have before it is detail planned before its time."""

    max_now: int = Field(3, ge=1)
    """`too-much-now`: the most active initiatives on the nearest horizon (`now`) one owner may have."""

    big_effort: Text = "L"
    """`big-without-steps`: the size from which an effort is big (a size not on the scale: its upper half)."""

    big_min_steps: int = Field(3, ge=1)
    """`big-without-steps`: the fewest steps a big effort may have."""

    cache: bool = True
    """Keep the build's results (diagrams and the whole site of an unchanged tree) on disk between builds."""

    cache_dir: Text = ".cache/plugin/ladder"
    """Where, relative to the folder holding the config file."""

    cache_margin: float = Field(0.5, ge=0, le=10)
    """After each build the cache keeps what that build used, plus the most recently used other entries up to this fraction of that size; the rest is removed."""

    # --- values derived from the options ---------------------------------------------------------

    def level_names(self) -> dict[Level, tuple[str, str]]:
        """The organisation's names for the levels it renamed: (singular, plural)."""
        return {Level[key.upper()]: (given.name, given.plural or english_plural(given.name)) for key, given in self.levels.items()}

    def kind_requirements(self) -> dict[str, tuple[str, ...]]:
        """Each kind of work, with the fields it requires."""
        if self.kinds is None:
            return dict(DEFAULT_KINDS)
        return {kind: tuple(spec.requires) for kind, spec in self.kinds.items()}

    def horizon_ids(self) -> tuple[str, ...]:
        """The horizons' ids, nearest first."""
        return DEFAULT_HORIZONS if self.horizons is None else tuple(self.horizons)

    def size_scale(self) -> dict[str, float]:
        """Each size of ``value`` and ``effort``, smallest first, with its number."""
        return dict(DEFAULT_SIZES if self.sizes is None else self.sizes)

    def label_overrides(self) -> dict[str, Label]:
        """The labels given here, each as the catalogue holds a label (a text, or one and many)."""
        return {key: forms[0] if len(forms) == 1 else (forms[0], forms[1]) for key, forms in self.labels.items()}


class SettingsError(ValueError):
    """Options that are wrong: each as (option, what is wrong), in the order written."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"option '{option}': {text}" for option, text in problems))
        self.problems = problems


_NESTED: dict[str, type[BaseModel]] = {
    "levels": LevelName,
    "kinds": KindOfWork,
    "work": WorkOption,
}  # options whose values are mappings of their own


def _explain(exc: ValidationError) -> list[tuple[str, str]]:
    """pydantic's errors, worded for the person who wrote the config file."""
    found: list[tuple[str, str]] = []
    for err in exc.errors(include_url=False):
        loc = [str(part) for part in err["loc"] if part != "[key]"]
        option, inner = loc[0], loc[1:]
        kind, value, ctx = err["type"], err["input"], err.get("ctx") or {}
        keyed = kind in ("rule", "level", "label", "kind")  # an unknown key: the message names it
        where = f"'{'.'.join(part for part in inner if not part.startswith(('function-', 'list[')))}': " if inner and not keyed else ""
        nested = RepositoryOption if option == "work" and inner[:1] == ["repositories"] and len(inner) > 2 else _NESTED.get(option)
        if kind == "extra_forbidden" and inner and nested is not None:
            where = f"'{'.'.join(inner[:-1])}': " if len(inner) > 1 else ""
            text = f"no key '{inner[-1]}'{did_you_mean(inner[-1], nested.model_fields)}; it takes {', '.join(nested.model_fields)}"
        elif kind == "missing" and inner:
            where = f"'{'.'.join(inner[:-1])}': " if len(inner) > 1 else ""
            text = f"missing '{inner[-1]}'"
        elif kind in ("model_type", "model_attributes_type") and nested is not None:
            text = f"must be text or a mapping with {', '.join(nested.model_fields)}, not {describe(value)}"
        elif kind == "extra_forbidden":
            text = f"no such option{did_you_mean(option, Settings.model_fields)}"
        elif (wrong := wrong_type(err)) is not None:
            text = wrong
        elif kind == "literal_error":
            text = f"must be one of {', '.join(LEVELS)}, not {describe(value)}"
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal"):
            bound = ctx.get("ge", ctx.get("gt", ctx.get("le")))
            relation = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most"}[kind]
            text = f"must be {relation} {bound:g}, not {describe(value)}"
        else:
            text = str(err["msg"])
        found.append((option, where + text))
    return found


def parse_settings(options: Mapping[str, Any]) -> Settings:
    """The settings that ``options`` (a plugin entry's mapping) ask for; SettingsError naming
    every wrong option otherwise. A value of None (``option:`` with nothing after it) is the default."""
    given = {key: value for key, value in options.items() if value is not None}
    try:
        return Settings.model_validate(given)
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None


def options_table() -> list[tuple[str, str, str]]:
    """(option, default as written in YAML, what it does) for every option, in order: the docs' table."""
    rows = []
    for name, info in Settings.model_fields.items():
        default = info.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):  # a mapping of its own: its defaults, as YAML would write them
            default = default.model_dump()
            shown = "{" + ", ".join(f"{k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in default.items()) + "}"
        else:
            shown = (
                str(default).lower()
                if isinstance(default, bool)
                else "{}"
                if default == {}
                else "unset"
                if default is None
                else str(default)
            )
        rows.append((name, shown, re.sub(r"\s+", " ", info.description or "")))
    return rows
