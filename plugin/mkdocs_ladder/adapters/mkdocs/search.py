"""Each node's id in the site's search index, where the theme's search weighs it most.

Readers search for an id: people write it in trailers, in ``parent`` and in ``ladder work ID``.
An id is made of words (``sig-network``, ``0137-upgrade-billing-security``) that the search
splits at its separators (the hyphens) and finds in many titles, and Material's search ranks a
short title that holds them twice above the page whose id it is. It weighs a page's tags most (a
million, a title a thousand), and takes each tag as one word: so each entry of a node's page
gets the words of its id as tags (``sig``, ``network``). The page whose tags hold every word
searched for comes first; its result shows those words. When two ids hold every word searched
for (``sig-network`` and ``sig-network-2``), the one with no other word is the one asked for:
each node page's entries get a boost, slightly larger the fewer words its id has
(``1 + 0.05 / words``), which decides such a near tie (their scores were 0.02% apart) and never
a search that one of them matches by more words (the other word weighs tens of percent).

Done on the index the search plugin wrote (``search/search_index.json``), after it: the pages'
own tags, and the tags plugin, are not touched. An index of another shape is left as it is.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SEARCH_INDEX = Path("search") / "search_index.json"
#: The boost of a node page's entries is 1 + this / the number of words of its id (see above).
FEWER_WORDS = 0.05


def read_index(site_dir: str) -> dict[str, Any] | None:
    """The search index a build wrote, or None (no search plugin, or an index of another shape)."""
    path = Path(site_dir) / SEARCH_INDEX
    if not path.is_file():
        return None
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) and isinstance(index.get("docs"), list) else None


def write_index(site_dir: str, index: Mapping[str, Any]) -> None:
    (Path(site_dir) / SEARCH_INDEX).write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def id_words(node_id: str, separator: str) -> list[str]:
    """The words the search finds ``node_id`` by: it split at the index's ``separator`` (a
    JavaScript regular expression; Python reads the ones the themes write, and ``[\\s\\-]+`` stands
    in for one it cannot)."""
    return [word for word in _separator(separator).split(node_id.lower()) if word]


@functools.lru_cache(maxsize=8)
def _separator(separator: str) -> re.Pattern[str]:
    try:
        return re.compile(separator)
    except (re.error, TypeError):
        return re.compile(r"[\s\-]+")


def tag_ids(index: dict[str, Any], ids: Mapping[str, str]) -> int:
    """Add to each entry of the ``index`` whose page (its location before ``#``) is a node's
    page in ``ids`` (URL: node id) the words of that id, among its tags; how many entries were
    tagged."""
    config = index.get("config")
    separator = config.get("separator") if isinstance(config, dict) else None
    words: dict[str, list[str]] = {}
    tagged = 0
    for entry in index["docs"]:
        if not isinstance(entry, dict):
            continue
        node_id = ids.get(str(entry.get("location", "")).split("#")[0])
        if node_id is None:
            continue
        if node_id not in words:
            words[node_id] = id_words(node_id, separator if isinstance(separator, str) else r"[\s\-]+")
        tags = entry.get("tags")
        entry["tags"] = [*(tags if isinstance(tags, list) else []), *words[node_id]]
        boost = entry.get("boost")
        entry["boost"] = (boost if isinstance(boost, int | float) else 1) * (1 + FEWER_WORDS / max(1, len(words[node_id])))
        tagged += 1
    return tagged
