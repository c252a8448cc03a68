"""The plugin's options: a typed MkDocs ``Config`` (as mkdocs-material's tags plugin does), so
MkDocs validates them and reports a wrong option before the build starts. Their defaults are
:mod:`.settings`', which the CLI reads too."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .health import LEVELS
from .settings import DEFAULTS as D


class LadderConfig(Config):
    """Options of ``plugins: [ladder]``; every one is optional (see docs/plugin.md)."""

    enabled = c.Type(bool, default=True)
    #: The strategy directory, relative to the folder holding mkdocs.yml.
    strategy_dir = c.Type(str, default=D["strategy_dir"])
    #: The folder of the site that the generated pages go to (``strategy/`` and ``strategy/<id>/``).
    path = c.Type(str, default=D["path"])
    #: The title of the nav section and of the overview page.
    nav_title = c.Type(str, default=D["nav_title"])
    #: List every initiative in the nav under its strategy (for small trees).
    nav_initiatives = c.Type(bool, default=D["nav_initiatives"])
    #: Past this many strategies, the nav lists none of them (the overview leads to each): Material
    #: renders the whole nav on every page, so a nav that grows with the tree grows the build
    #: with its square.
    nav_max_strategies = c.Type(int, default=D["nav_max_strategies"])
    #: Past this many nodes, the overview diagram shows the mission and strategies with counts.
    overview_max_nodes = c.Type(int, default=D["overview_max_nodes"])
    #: Past this many children, a node's diagram shows one box per status instead.
    diagram_max_children = c.Type(int, default=D["diagram_max_children"])
    #: Graphviz's dot: a name on PATH or a path.
    dot_executable = c.Type(str, default=D["dot_executable"])
    #: Seconds one diagram may take before dot is killed and the build fails, naming the node.
    dot_timeout = c.Type((int, float), default=D["dot_timeout"])
    #: Severity per health rule: off, warning or error.
    health = c.DictOfItems(c.Choice(LEVELS), default={})
    #: The most open steps an active initiative may have before it is "too big".
    max_open_steps = c.Type(int, default=D["max_open_steps"])
    #: Keep rendered diagrams on disk between builds (in memory they are always kept during serve).
    cache = c.Type(bool, default=D["cache"])
    #: Where, relative to the folder holding mkdocs.yml.
    cache_dir = c.Type(str, default=D["cache_dir"])
