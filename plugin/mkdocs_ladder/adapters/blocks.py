"""The lines of a generator's config that ladder keeps for ``ladder render``: the strategy
pages' navigation, and the stylesheet and script that the pages need.

A generator with no plugin (Zensical) takes its navigation from its config, and with no
navigation it lists every page: at thousands of initiatives that alone costs minutes and
gigabytes. So the config holds, inside its own lists, blocks between two comments that ladder
writes and nothing else does::

    nav = [
      {"Home" = "index.md"},
      # ladder: begin nav
      ...what ladder writes...
      # ladder: end nav
    ]

Every byte outside the blocks stays as the author wrote it; a config without a block is left
alone (``ladder render`` says how to add one). The navigation is bounded as the plugin's is:
the overview, the mission and the strategies in their ladder order (none past
``nav_max_strategies``), initiatives only with ``nav_initiatives``, and the views.
``zensical.toml`` (TOML inline values) and ``mkdocs.yml`` (YAML list items) are both written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from mkdocs_ladder.adapters.files import SCRIPT, STYLESHEET, Entry
from mkdocs_ladder.atomic import replace_file

BLOCKS = ("nav", "css", "js")
_BEGIN = re.compile(r"^(?P<indent>[ \t]*)# ladder: begin (?P<name>[a-z]+)\b.*$", re.M)


@dataclass(frozen=True, slots=True)
class Filled:
    """A config with ladder's blocks filled in: its new text, and the blocks it has not."""

    text: str
    missing: tuple[str, ...]


def assets(folder: str) -> dict[str, list[Entry]]:
    """The stylesheet and the script, as paths from the docs folder."""
    return {"css": [f"{folder.strip('/')}/{STYLESHEET}"], "js": [f"{folder.strip('/')}/{SCRIPT}"]}


def _toml(value: Entry | list[Entry]) -> str:
    """An inline TOML value (JSON's string escapes are TOML's)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()) + "}"


def _lines(entries: Sequence[Entry], indent: str, toml: bool) -> list[str]:
    if toml:
        return [f"{indent}{_toml(entry)}," for entry in entries]
    dumped = yaml.safe_dump(list(entries), allow_unicode=True, default_flow_style=False, sort_keys=False, width=10_000)
    return [f"{indent}{line}" for line in dumped.splitlines()]


def fill(text: str, blocks: dict[str, list[Entry]], toml: bool) -> Filled:
    """``text`` with each block's lines replaced by ``blocks``' entries (at the begin comment's
    indentation); ValueError for a block that is begun and never ended."""
    found: set[str] = set()
    out: list[str] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        match = _BEGIN.match(line)
        index += 1
        if match is None or match["name"] not in blocks:
            continue
        name = match["name"]
        end = next((i for i in range(index, len(lines)) if re.match(rf"^[ \t]*# ladder: end {name}\b", lines[i])), None)
        if end is None:
            raise ValueError(f"'# ladder: begin {name}' has no '# ladder: end {name}' after it")
        out += _lines(blocks[name], match["indent"], toml)
        index = end
        found.add(name)
    return Filled("\n".join(out), tuple(name for name in blocks if name not in found))


def update(config: Path, blocks: dict[str, list[Entry]]) -> tuple[bool, tuple[str, ...]]:
    """Fill ladder's blocks in the config file; (whether the file changed, the blocks it lacks).
    The file is rewritten only when its blocks changed, and replaced whole."""
    text = config.read_text(encoding="utf-8")
    filled = fill(text, blocks, config.suffix == ".toml")
    if filled.text != text:
        replace_file(config, filled.text.encode("utf-8"))
        return True, filled.missing
    return False, filled.missing


def how_to_add(name: str, toml: bool) -> str:
    """The lines an author adds to the config so that ``ladder render`` keeps block ``name``."""
    key = {"nav": "nav", "css": "extra_css", "js": "extra_javascript"}[name]
    if toml:
        return f"{key} = [\n  # ladder: begin {name}\n  # ladder: end {name}\n]"
    return f"{key}:\n  # ladder: begin {name}\n  # ladder: end {name}"
