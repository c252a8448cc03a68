"""The whole result of an unchanged tree, kept between builds: problems, pages, diagram keys.

Most merges do not touch the strategy directory, yet CI rebuilds the site on every one. When
no input changed since a build, its result is exactly the same, so it is read back instead of
made again. The key is a SHA-256 of every input: each file's path and bytes, ladder's version
and its own files (an editable install keeps its version as its templates change), Graphviz's version, the page and health options and the build date (health rules depend on
it). Anything else misses, and the build runs in full (the per-diagram cache still helps).

Stored as gzipped JSON in the build's :class:`~mkdocs_ladder.cache.DiskCache` (never pickle:
a cache folder restored in CI must not be able to run code); diagrams are referenced by their
keys in the per-diagram cache, not copied.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from mkdocs_ladder import __version__
from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.errors import Problem, Severity
from mkdocs_ladder.render.site import Site, SitePage
from mkdocs_ladder.tree.model import Level
from mkdocs_ladder.tree.sources import Source, TooLarge

#: The files ladder's pages are made by: its code, templates, styles and script.
_CODE = (".py", ".j2", ".css", ".js")


@functools.cache
def code_fingerprint(package: Path = Path(__file__).parent) -> str:
    """A hash of the files under ``package`` (ladder's own, by default) that make its pages: read
    once per process (about a millisecond)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE and p.is_file()):
        digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def site_key(source: Source, state: Mapping[str, object]) -> str:
    """A hash of every input of a build: ladder's version and files, ``state`` (everything
    besides the tree's files: :meth:`~mkdocs_ladder.project.Project.state`) and each file's path
    and bytes."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"ladder": __version__, "code": code_fingerprint(), **state}, sort_keys=True).encode())
    for rel in source.files():
        if source.outside(rel):
            digest.update(f"\0link\0{rel}".encode())
            continue
        try:
            data = source.read(rel)
        except TooLarge:  # such a tree has an error, and a tree with errors is never stored
            data = b"\0too large"
        except OSError:
            data = b"\0unreadable"
        digest.update(f"\0{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def entry_name(key: str) -> str:
    """The cache entry of a whole result."""
    return f"site-{key}.json.gz"


def load(cache: DiskCache, key: str) -> tuple[list[Problem], list[SitePage], dict[str, str], dict[str, str], dict[str, str]] | None:
    """(problems, pages, diagram name -> diagram cache key, charts by slot, other files by
    path), or None on a miss or a bad entry."""
    raw = cache.read(entry_name(key))
    if raw is None:
        return None
    try:
        data = json.loads(gzip.decompress(raw))
        problems = [
            Problem(Path(p["path"]), p["line"], p["col"], Severity(p["severity"]), p["message"], p["rule"], p["node"], p["configurable"])
            for p in data["problems"]
        ]
        pages = [
            SitePage(
                p["src_uri"],
                p["markdown"],
                p["title"],
                p["node_id"],
                Level(p["level"]) if p["level"] is not None else None,
                p["parent"],
                p["kind"],
            )
            for p in data["pages"]
        ]
        return problems, pages, dict(data["diagrams"]), dict(data["charts"]), dict(data["files"])
    except (OSError, ValueError, KeyError, TypeError, EOFError):  # gzip's BadGzipFile is an OSError
        return None


def store(cache: DiskCache, key: str, problems: list[Problem], site: Site, diagram_keys: dict[str, str]) -> None:
    """Write the result (atomically: see :mod:`.cache`); a cache that cannot be written only costs time."""
    data = {
        "problems": [
            {
                "path": str(p.path),
                "line": p.line,
                "col": p.col,
                "severity": str(p.severity),
                "message": p.message,
                "rule": p.rule,
                "node": p.node,
                "configurable": p.configurable,
            }
            for p in problems
        ],
        "pages": [
            {
                "src_uri": p.src_uri,
                "markdown": p.markdown,
                "title": p.title,
                "node_id": p.node_id,
                "level": int(p.level) if p.level is not None else None,
                "parent": p.parent,
                "kind": p.kind,
            }
            for p in site.pages
        ],
        "diagrams": diagram_keys,
        "charts": site.charts,
        "files": site.files,
    }
    cache.write(entry_name(key), gzip.compress(json.dumps(data).encode(), compresslevel=1))
