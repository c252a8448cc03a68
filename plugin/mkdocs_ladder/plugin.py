"""The MkDocs plugin: thin, events only; the work is in the core modules."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

from .config import LadderConfig


class LadderPlugin(BasePlugin[LadderConfig]):
    """Publishes the strategy tree as pages (filled in by issue 4)."""
