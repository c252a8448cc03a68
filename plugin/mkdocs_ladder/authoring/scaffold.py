"""New files for authors: ``ladder new`` (one node) and ``ladder init`` (a whole example).

Both write only files that do not exist yet, and open each with exclusive creation (``"x"``),
so not even a file that appears between the check and the write is overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from mkdocs_ladder.errors import did_you_mean
from mkdocs_ladder.settings import DEFAULT_HORIZONS, DEFAULT_SIZES
from mkdocs_ladder.tree.model import Level, Node, Timescale, Tree
from mkdocs_ladder.tree.names import LevelNames

ENGLISH_NAMES = LevelNames.english()  # a new file's comments are English, as its field names are

NEW_STATUS = "proposed"  # a fresh skeleton is a proposal: the "active" health rules wait for it


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; FileExistsError when it exists, whatever happens meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


@dataclass(frozen=True, slots=True)
class NewNode:
    """What ``ladder new`` is to write: the file and its text, or every reason it cannot."""

    path: Path
    text: str
    problems: list[str]


@dataclass(frozen=True, slots=True)
class Wanted:
    """The node an author asks ``ladder new`` for: its level and id, and the fields given."""

    level: Level
    node_id: str
    parent: str | None = None
    title: str | None = None
    owner: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The site's words a new file is written in: its kinds of work (each with the fields it
    requires), horizons, sizes, and the names of its levels."""

    kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    horizons: Sequence[str] = DEFAULT_HORIZONS
    sizes: Sequence[str] = tuple(DEFAULT_SIZES)
    names: LevelNames = ENGLISH_NAMES


def plan_new(tree: Tree, root: Path, wanted: Wanted, words: Vocabulary) -> NewNode:
    """A new node file for ``tree`` (read from ``root``): its path and text, or what is wrong
    (an id that is not a slug or exists already, a parent that names no node or sits at the
    wrong level, an unknown kind, a file that exists)."""
    parent = wanted.parent or ("mission" if wanted.level is Level.STRATEGY else None)
    problems = _id_problems(tree, wanted.node_id, wanted.title)
    if wanted.owner is not None and not wanted.owner.strip():
        problems.append("owner: must not be empty")
    if (kind := wanted.kind) is not None and kind not in words.kinds:
        problems.append(
            f"kind '{kind}' is not a kind of work of this site{did_you_mean(kind, list(words.kinds))}; the kinds: {', '.join(words.kinds)}"
        )
    problems += _parent_problems(tree, wanted.level, parent, words.names)
    path = root / wanted.level.folder / f"{wanted.node_id}.yaml"
    problems += [
        f"{existing} exists already; ladder never overwrites a file" for existing in (path, path.with_suffix(".yml")) if existing.exists()
    ]
    if problems or parent is None:
        return NewNode(path, "", problems)
    return NewNode(path, node_skeleton(replace(wanted, parent=parent), tree.nodes[parent].title, words), [])


def _id_problems(tree: Tree, node_id: str, title: str | None) -> list[str]:
    problems = []
    try:
        Node.model_validate({"id": node_id, "title": title or "x"})
    except ValidationError as exc:
        problems += [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)]
    if node_id in tree.nodes:
        where = tree.origins[node_id]
        problems.append(f"id '{node_id}' exists already ({os.path.relpath(where.path)}:{where.line})")
    return problems


def _parent_problems(tree: Tree, wanted: Level, parent: str | None, names: LevelNames) -> list[str]:
    above = Level(wanted - 1)
    if parent is None:
        return [f"{names.article(wanted)} needs --parent: the id of {names.article(Level.STRATEGY)}"]
    if parent not in tree.nodes:
        close = [n.id for n in tree.nodes.values() if tree.level(n.id) is above]
        return [f"parent '{parent}' names no node{did_you_mean(parent, close)}"]
    if tree.level(parent) is not above:
        return [
            f"parent '{parent}' is {names.article(tree.level(parent))}; {names.article(wanted)}'s parent must be {names.article(above)}"
        ]
    return []


def _yaml_text(value: str) -> str:
    """A one-line YAML scalar, quoted only when it has to be."""
    import json

    plain = value and value.strip() == value and value[0].isalnum() and not any(c in value for c in ":#'\"{}[],&*!|>%@`")
    return value if plain else json.dumps(value)


def node_skeleton(wanted: Wanted, parent_title: str, words: Vocabulary = Vocabulary()) -> str:
    """A valid node file with every field present or commented in, for an author to fill; its
    kind with the fields that kind requires written in."""
    level, kind = wanted.level, wanted.kind
    kinds = tuple(words.kinds)
    lines = [
        f"# {ENGLISH_NAMES.article(level).capitalize()} of the strategy tree. Every field is described in the format docs;",
        "# `ladder check` tells you exactly what is wrong and where.",
        f"title: {_yaml_text(wanted.title or f'TODO: the {level.noun} in one line')}",
        f"parent: {wanted.parent}",
        f"# supports: []            # further {ENGLISH_NAMES.plural(Level(level - 1))} this also serves",
        "why: |",
        f"  TODO: how this {level.noun} serves {parent_title}.",
        "# description: |",
        "#   Markdown: what it is, for a reader who knows nothing about it.",
        f"owner: {_yaml_text(wanted.owner)}"
        if wanted.owner
        else "# owner: a-team            # a team or person (an id of owners.yaml when it exists)",
        f"status: {NEW_STATUS}         # proposed, active, paused, done or dropped",
        f"kind: {kind}"
        if kind
        else f"# kind: {kinds[0] if kinds else 'delivery'}          # the kind of work: {', '.join(kinds) or 'see the kinds option'}",
        *_learning_lines(words.kinds.get(kind or "", ())),
        *_plan_lines(words, level),
        "# tags: [q3]",
        "# links:",
        "#   - title: Design doc",
        "#     url: https://example.com/design",
        "# waive:                    # a health rule that does not apply here, and why",
        "#   missing-owner: the whole company owns this",
    ]
    if level is Level.INITIATIVE:
        lines += [
            "steps:                     # small, shippable steps; `done: true` when shipped",
            '  - "TODO: the first small, shippable step"',
            "metrics:                   # how you will know it worked",
            '  - name: "TODO: what you measure"',
            "    # target: 40",
            "    # current: 31",
            '    # unit: "%"',
            "# due: 2027-03-31",
        ]
    return "\n".join(lines) + "\n"


def _learning_lines(requires: tuple[str, ...]) -> list[str]:
    """The hypothesis and the questions: written in when the kind requires them, else commented."""
    hypothesis = (
        ["hypothesis: |", "  TODO: what this work expects to learn, and how you will know."]
        if "hypothesis" in requires
        else ["# hypothesis: |             # what an experiment expects to learn", "#   We believe that ..."]
    )
    questions = (
        ["questions:", '  - "TODO: what must this work find out?"']
        if "questions" in requires
        else ["# questions:                # what the work has to learn; {question, answer} once answered", "#   - Who churns in week one?"]
    )
    return hypothesis + questions


def _plan_lines(words: Vocabulary, level: Level) -> list[str]:
    """Horizon, value, effort, confidence and time scale, commented in with the site's scales."""
    horizons, sizes = words.horizons, words.sizes
    scale = Timescale.WEEKS if level is Level.INITIATIVE else Timescale.QUARTERS
    return [
        f"# horizon: {horizons[0] if horizons else 'now'}             # when it is for: {', '.join(horizons)}",
        f"# value: {sizes[len(sizes) // 2] if sizes else 'M'}                 # the value expected: {', '.join(sizes)}",
        f"# effort: {sizes[0] if sizes else 'S'}                # the effort expected, on the same scale",
        "# confidence: medium        # low, medium or high, or a percentage",
        f"# timescale: {scale.value}          # how long it lives: {', '.join(t.value for t in Timescale)}",
    ]


EXAMPLE_PROJECT: dict[str, str] = {
    "mkdocs.yml": """\
site_name: Our strategy
theme:
  name: material
  features:
    - navigation.indexes
  palette:
    - scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
plugins:
  - search
  - ladder
""",
    "docs/index.md": """\
# Our strategy

One mission, the strategies that serve it, and the small initiatives that serve each
strategy. The **Strategy** section is built from the YAML files in `strategy/`: change them
in a pull request, and `ladder check` tells you exactly what is wrong and where.
""",
    "strategy/mission.yaml": """\
title: Make small businesses twice as productive
owner: leadership
why: Our customers lose a day a week to admin; giving it back is why we exist.
""",
    "strategy/owners.yaml": """\
leadership: Leadership team
growth:
  name: Growth team
  url: mailto:growth@example.com
""",
    "strategy/strategies/win-the-mid-market.yaml": """\
title: Win the mid-market
parent: mission
owner: growth
why: Mid-market teams feel the admin burden most and can adopt us without a sales cycle.
""",
    "strategy/initiatives/self-serve-onboarding.yaml": """\
title: Self-serve onboarding
parent: win-the-mid-market
owner: growth
why: New accounts churn in their first week; a guided start gets them to first value in a day.
steps:
  - title: Sketch the wizard
    done: true
  - Ship the first screen
  - Measure activation
metrics:
  - name: Activation rate
    target: 40
    current: 31
    unit: "%"
tags: [onboarding]
""",
}
GITIGNORE = "site/\n.cache/\n"

ZENSICAL_CONFIG = """\
# Zensical's config. ladder's options live in ladder.yml: Zensical runs no third-party plugin
# and will validate this file. The lines between "# ladder: begin" and "# ladder: end" are
# written by `ladder render` (the strategy pages' navigation, stylesheet and script); the rest
# is yours.
[project]
site_name = "Our strategy"
docs_dir = "docs"
extra_css = [
  # ladder: begin css
  # ladder: end css
]
extra_javascript = [
  # ladder: begin js
  # ladder: end js
]
nav = [
  {"Home" = "index.md"},
  # ladder: begin nav
  # ladder: end nav
]

[project.theme]
features = ["navigation.indexes"]

[[project.theme.palette]]
scheme = "default"
toggle.icon = "material/brightness-7"
toggle.name = "Switch to dark mode"

[[project.theme.palette]]
scheme = "slate"
toggle.icon = "material/brightness-4"
toggle.name = "Switch to light mode"
"""

OPTIONS_FILE_TEXT = """\
# ladder's options: the same as the MkDocs plugin's (docs/plugin.md), kept in a file of their
# own so that no generator's config has to hold them. `ladder check` and `ladder render` read it.
# levels: {strategy: Pillar, initiative: Bet}
# health: {initiative-without-metrics: error}
history: true
"""

#: What `ladder init --generator zensical` writes instead of mkdocs.yml; the rendered pages stay out of git.
ZENSICAL_PROJECT: dict[str, str] = {
    "zensical.toml": ZENSICAL_CONFIG,
    "ladder.yml": OPTIONS_FILE_TEXT,
    **{rel: text for rel, text in EXAMPLE_PROJECT.items() if rel != "mkdocs.yml"},
}
ZENSICAL_GITIGNORE = GITIGNORE + "docs/strategy/\n"
GENERATORS = ("mkdocs", "zensical")


def init_project(root: Path, generator: str = "mkdocs") -> tuple[list[Path], list[Path]]:
    """Write the example project into ``root`` for ``generator`` (the MkDocs plugin, or Zensical
    with ``ladder render``): (written, kept) paths. Never overwrites.

    FileExistsError when the strategy tree itself exists: there is nothing to initialise.
    """
    if (root / "strategy" / "mission.yaml").exists() or (root / "strategy" / "mission.yml").exists():
        raise FileExistsError(root / "strategy" / "mission.yaml")
    written: list[Path] = []
    kept: list[Path] = []
    files = (
        {**ZENSICAL_PROJECT, ".gitignore": ZENSICAL_GITIGNORE} if generator == "zensical" else {**EXAMPLE_PROJECT, ".gitignore": GITIGNORE}
    )
    for rel, text in files.items():
        path = root / rel
        try:
            write_new(path, text)
            written.append(path)
        except FileExistsError:
            kept.append(path)
    return written, kept
