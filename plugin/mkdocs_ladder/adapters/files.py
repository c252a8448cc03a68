"""The route for site generators that run no MkDocs plugin (Zensical, for one): the pages as
Markdown files in a folder of the docs, written by ``ladder render``.

The folder is ladder's alone: a marker file says ladder wrote it, and a folder that holds
anything without that marker is refused, so no user's file is ever overwritten. A render
writes only what changed: a page whose bytes are the same keeps its file and its modification
time (a generator's incremental build skips it), the pages of nodes that are gone are removed,
and each file is replaced whole (written beside it, then renamed over it). Everything is made
before the first file is touched, so a render that fails leaves the last good pages in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs_ladder.atomic import replace_file
from mkdocs_ladder.errors import UsageError
from mkdocs_ladder.publish import script, stylesheet
from mkdocs_ladder.render.feed import LLMS_MARKER
from mkdocs_ladder.render.navigation import nav_items
from mkdocs_ladder.render.site import Site

Entry = str | dict[str, "Entry | list[Entry]"]  # a navigation entry: a page, or {title: page or entries}
RENDER_MARKER = ".ladder-render"  # marks a folder that `ladder render` wrote (and may rewrite)
STYLESHEET = "ladder.css"
SCRIPT = "ladder.js"
_MARKER_TEXT = "written by `ladder render`: every file in this folder is ladder's, and is rewritten or removed by the next render\n"


@dataclass(frozen=True, slots=True)
class Written:
    """What a render did to its folder: files written, files left as they were, files removed."""

    pages: int
    written: int
    unchanged: int
    removed: int


def check_target(out_dir: Path) -> None:
    """UsageError when ``out_dir`` holds anything that ``ladder render`` did not write."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise UsageError(f"{out_dir} is not a folder of its own; ladder renders only into a real folder")
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / RENDER_MARKER).is_file():
        raise UsageError(f"{out_dir} is not empty and was not written by `ladder render`; ladder never overwrites a file")


def rendered_files(site: Site, folder: str) -> dict[str, bytes]:
    """Every file of a render by its path in the folder (``folder``: the pages' folder in the
    site, which the render's folder stands for)."""
    prefix = folder.strip("/") + "/"
    files = {page.src_uri.removeprefix(prefix): page.markdown.encode("utf-8") for page in site.pages}
    files |= {path.removeprefix(prefix): svg.encode("utf-8") for path, svg in site.diagram_files().items()}
    files |= {path.removeprefix(prefix): text.encode("utf-8") for path, text in site.files.items() if path.startswith(prefix)}
    files[STYLESHEET] = stylesheet().encode("utf-8")
    files[SCRIPT] = script().encode("utf-8")
    files[RENDER_MARKER] = _MARKER_TEXT.encode("utf-8")
    return files


def write_llms(docs: Path, text: str) -> str | None:
    """``llms.txt`` at the docs folder's root (the site's root), unless the folder holds one
    that ladder did not write; what to tell the author when it is left alone (else None)."""
    target = docs / "llms.txt"
    if target.is_symlink() or (target.exists() and LLMS_MARKER not in target.read_text(encoding="utf-8", errors="replace")):
        return f"ladder: note: {target} is your own, so ladder did not write its llms.txt there"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        replace_file(target, text.encode("utf-8"), ".tmp")
    return None


def write_pages(site: Site, out_dir: Path, folder: str) -> Written:
    """Bring ``out_dir`` to the render of ``site``: write what changed, remove what is gone.
    UsageError for a folder that is not ladder's, or a path that would lead out of it."""
    check_target(out_dir)
    files = rendered_files(site, folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    written = unchanged = 0
    for rel in (RENDER_MARKER, *sorted(set(files) - {RENDER_MARKER})):  # the marker first: a folder ladder starts is marked
        target = out_dir / rel
        if not target.parent.resolve().is_relative_to(root) or target.is_symlink():
            raise UsageError(f"{target} leads out of {out_dir} (a symbolic link?); ladder writes only inside its folder")
        try:
            if target.read_bytes() == files[rel]:
                unchanged += 1
                continue
        except OSError:
            pass  # not there yet (or unreadable): written below
        replace_file(target, files[rel])
        written += 1
    return Written(len(site.pages), written, unchanged, _remove_others(out_dir, set(files)))


def _remove_others(out_dir: Path, keep: set[str]) -> int:
    """Remove every file of the folder that the render does not hold (the pages of nodes that
    are gone), and the folders that leaves empty; never follows a link out of the folder."""
    removed = 0
    for current, folders, names in os.walk(out_dir, topdown=False):
        here = Path(current)
        for name in names:
            rel = (here / name).relative_to(out_dir).as_posix()
            if rel not in keep:
                (here / name).unlink()
                removed += 1
        for name in folders:
            path = here / name
            if path.is_symlink():
                path.unlink()
                removed += 1
            elif not any(path.iterdir()):
                path.rmdir()
    return removed


def navigation(site: Site, title: str, with_initiatives: bool, max_strategies: int) -> list[Entry]:
    """The strategy section of the navigation, as the plugin builds it (paths from the docs folder)."""
    entries: list[Entry] = [site.overview.src_uri]
    for item in nav_items(site, with_initiatives, max_strategies):
        if item.children:
            below: list[Entry] = [item.page.src_uri]
            below += [{c.title: c.src_uri} for c in item.children]
            entries.append({item.page.title: below})
        else:
            entries.append({item.page.title: item.page.src_uri})
    return [{title: entries}]
