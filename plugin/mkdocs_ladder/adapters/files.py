"""The route for site generators that run no MkDocs plugin (Zensical, for one): the pages as
Markdown files in a folder of the docs, written by ``ladder render``.

The folder is ladder's alone: a marker file says ladder wrote it, and a folder that holds
anything without that marker is refused, so no user's file is ever overwritten. The new pages
are written beside it first and swapped in whole, so a reader never sees half a render.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs_ladder.errors import UsageError
from mkdocs_ladder.publish import script, stylesheet
from mkdocs_ladder.render.pages import Site

RENDER_MARKER = ".ladder-render"  # marks a folder that `ladder render` wrote (and may replace)
STYLESHEET = "ladder.css"
SCRIPT = "ladder.js"


def check_target(out_dir: Path) -> None:
    """UsageError when ``out_dir`` holds anything that ``ladder render`` did not write."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / RENDER_MARKER).is_file():
        raise UsageError(f"{out_dir} is not empty and was not written by `ladder render`; ladder never overwrites a file")


def write_pages(site: Site, out_dir: Path, folder: str) -> int:
    """Write every page (``folder`` is the pages' folder in the site, which ``out_dir`` stands
    for), the stylesheet, the filters' script and the marker; the number of pages written. UsageError for a folder
    that is not ladder's."""
    check_target(out_dir)
    staging = out_dir.with_name(f".{out_dir.name}.ladder-tmp")
    shutil.rmtree(staging, ignore_errors=True)
    prefix = folder.strip("/") + "/"
    for page in site.pages:
        target = staging / page.src_uri.removeprefix(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    (staging / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    (staging / SCRIPT).write_text(script(), encoding="utf-8")
    (staging / RENDER_MARKER).write_text("written by `ladder render`; the whole folder is replaced on the next render\n")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)  # the new pages appear whole, or not at all
    return len(site.pages)
