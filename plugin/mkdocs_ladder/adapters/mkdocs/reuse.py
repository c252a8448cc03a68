"""``mkdocs serve`` after an edit: the pages that did not change, as the last build wrote them.

:mod:`mkdocs_ladder.preview` makes anew only the node pages an edit touched. Of every generated
page, the plugin then builds through MkDocs only those whose digest (:meth:`Site.fingerprint`:
their Markdown and what their slots hold) differs from what the last build wrote; the user's
own pages are built as always. Each other page keeps the files the last build wrote for it
(its HTML and its ``diagram.svg``): before MkDocs empties ``site_dir``, it is moved aside
(:meth:`Served.stash`), and once MkDocs has emptied it, the pages' folder is moved back
(:meth:`Served.restore`), for MkDocs to write the pages it builds over their old files. No
Markdown, template or search parser reads them again, and nothing is copied. In the nav such a page is a link; in the search index it has its entries of the
last build. What it shows is what a full build would make, except its nav, which follows at
the next full build (a restart, a change to ``mkdocs.yml``, or an edit that touches more than
half of the pages).
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.pages import Page

from mkdocs_ladder.render.site import DIAGRAM_FILE, Site, SitePage

STASH_SUFFIX = ".ladder-stash"  # beside site_dir, on the same disk: a move, not a copy


@dataclass(frozen=True, slots=True)
class Written:
    """A generated page as the last build wrote it: where, its URL, and the digest of what it showed."""

    dest_uri: str
    url: str
    fingerprint: str


@dataclass(slots=True)
class Served:
    """What ``mkdocs serve`` keeps between builds: each generated page as written, and each
    page's search entries (by URL)."""

    pages: dict[str, Written] = field(default_factory=dict)  # by src_uri
    search: dict[str, list[Any]] = field(default_factory=dict)

    def keep(self, page: Page, made: SitePage, site: Site) -> None:
        """Note a generated page this build wrote."""
        self.pages[page.file.src_uri] = Written(page.file.dest_uri, page.file.url, site.fingerprint(made))

    def unchanged(self, site: Site) -> dict[str, str]:
        """The generated pages whose digest is as the last build wrote them: src_uri -> URL. The
        overview is always built: the nav hangs the whole section on it."""
        return {
            page.src_uri: built.url
            for page in site.pages[1:]
            if (built := self.pages.get(page.src_uri)) is not None and built.fingerprint == site.fingerprint(page)
        }

    def files_of(self, src_uri: str) -> list[str]:
        """The files a page's build wrote: its HTML and its diagram beside it."""
        dest = self.pages[src_uri].dest_uri
        return [dest, posixpath.join(posixpath.dirname(dest), DIAGRAM_FILE)]

    def stash(self, site_dir: str, reused: dict[str, str]) -> dict[str, str]:
        """Move the last build's files aside before MkDocs empties ``site_dir``; the pages whose
        files are all there (those the build may skip): src_uri -> URL."""
        stash = Path(site_dir + STASH_SUFFIX)
        shutil.rmtree(stash, ignore_errors=True)
        if not reused or not Path(site_dir).is_dir():
            return {}
        Path(site_dir).replace(stash)
        Path(site_dir).mkdir()
        return {uri: url for uri, url in reused.items() if all((stash / name).is_file() for name in self.files_of(uri))}

    def restore(self, site_dir: str, folder: str, current: Collection[str]) -> None:
        """After MkDocs emptied ``site_dir``: the pages' folder of the last build, moved back
        whole (MkDocs then writes the pages it builds over their old files), without the
        files of pages that are gone."""
        stash, target = Path(site_dir + STASH_SUFFIX), Path(site_dir) / folder
        if not (stash / folder).is_dir() or target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        (stash / folder).replace(target)
        wanted = {posixpath.dirname(self.pages[uri].dest_uri) for uri in current if uri in self.pages}
        for entry in target.iterdir():
            if entry.is_dir() and posixpath.join(folder, entry.name) not in wanted:
                shutil.rmtree(entry)

    def drop_stash(self, site_dir: str) -> None:
        shutil.rmtree(Path(site_dir + STASH_SUFFIX), ignore_errors=True)

    def merge_search(self, docs: list[Any], reused: dict[str, str]) -> None:
        """Put the last build's search entries of the ``reused`` pages into ``docs`` (the index
        the search plugin just wrote), then keep every page's entries for the next build."""
        for url in reused.values():
            docs += self.search.get(url, [])
        self.search = {}
        for entry in docs:
            location = str(entry.get("location", "")) if isinstance(entry, dict) else ""
            self.search.setdefault(location.split("#")[0], []).append(entry)


class TemplateCode(jinja2.BytecodeCache):
    """The theme's templates, compiled once per ``mkdocs serve`` rather than once per build
    (MkDocs makes the theme's environment anew for every build). Jinja checks each template's
    source against what was compiled, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
