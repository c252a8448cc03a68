"""DOT to inline SVG: few ``dot`` processes, a content cache, and SVG fit for a page.

Starting ``dot`` costs about 20 ms, while one process lays out a stream of graphs at well
under a millisecond each; so the diagrams that are not cached go through one process per
core, many graphs each. Each result is cached under a hash of its DOT source and the
Graphviz version (and its text alternative, which is part of the cached SVG): in memory (so ``mkdocs serve`` re-renders only what changed) and, when a
cache directory is given, on disk (so CI can keep it between builds).

The SVG that dot writes is then made fit for a page: comments, Graphviz's ``<title>``
elements (``%3``, ``node1``: they would show as tooltips and land in the search index) and
every ``id`` attribute (two diagrams on one page must share none) are removed.

A batch that fails or hangs is retried one graph at a time, so the error names the diagram
(and so the node) that broke ``dot``; a hung ``dot`` is killed after ``timeout`` seconds.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from .diagrams import Diagram

INSTALL_HINT = (
    "Graphviz's `dot` was not found: ladder needs it to draw the diagrams. Install Graphviz "
    "(Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`; "
    "Fedora: `sudo dnf install graphviz`; Windows: `winget install graphviz`) or set the "
    "plugin's `dot_executable` option to its path."
)
_CLEAN = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<title>.*?</title>", re.S)
_ID = re.compile(r'\s(?:id|xml:space)="[^"]*"')
_BLANK = re.compile(r"\n\s*\n")
_MIN_BATCH = 8  # below this many graphs a second process costs more than it saves
_MAX_BATCH = 200  # above this, one batch's output (held several times while split and cleaned) costs memory, not time


class RenderError(Exception):
    """A diagram could not be drawn; the message says which one and what to do."""


class SvgRenderer:
    """Renders diagrams through ``dot``, caching each by its source and Graphviz's version."""

    def __init__(self, executable: str = "dot", cache_dir: Path | None = None, timeout: float = 30.0, jobs: int | None = None):
        self.executable = executable
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.memory: dict[str, str] = {}
        self._version: str | None = None
        self.rendered = 0  # diagrams that went through dot (not the cache), for tests and benchmarks
        self.keys: dict[str, str] = {}  # diagram name -> cache key, of the last render

    # --- Graphviz itself --------------------------------------------------------------------------

    def _command(self) -> str:
        found = shutil.which(self.executable)
        if found is None:
            raise RenderError(INSTALL_HINT)
        return found

    def version(self) -> str:
        """``dot -V``'s answer: part of every cache key, so a new Graphviz redraws everything."""
        if self._version is None:
            try:
                done = subprocess.run([self._command(), "-V"], capture_output=True, timeout=self.timeout, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise RenderError(f"could not run `{self.executable} -V`: {exc}") from None
            if done.returncode != 0:
                raise RenderError(f"`{self.executable} -V` failed: {done.stderr.decode(errors='replace').strip()}")
            self._version = (done.stderr or done.stdout).decode(errors="replace").strip()
        return self._version

    # --- the cache --------------------------------------------------------------------------------

    def _key(self, diagram: Diagram) -> str:
        return hashlib.sha256(f"{self.version()}\n{diagram.alt}\n{diagram.source}".encode()).hexdigest()

    def _cached(self, key: str) -> str | None:
        if key in self.memory:
            return self.memory[key]
        if self.cache_dir is not None:
            try:
                svg = (self.cache_dir / f"{key}.svg").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            self.memory[key] = svg
            return svg
        return None

    def cached(self, keys: dict[str, str]) -> dict[str, str] | None:
        """SVGs by diagram name from their cache keys (see :attr:`keys`); None if any is missing."""
        found = {name: self._cached(key) for name, key in keys.items()}
        if any(svg is None for svg in found.values()):
            return None
        self.keys = dict(keys)
        return found  # type: ignore[return-value]

    def _store(self, key: str, svg: str) -> None:
        self.memory[key] = svg
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.cache_dir, suffix=".tmp", delete=False) as tmp:
                tmp.write(svg)
            os.replace(tmp.name, self.cache_dir / f"{key}.svg")  # atomic: a reader never sees half a file
        except OSError:
            pass  # a cache that cannot be written only costs time

    # --- rendering --------------------------------------------------------------------------------

    def render(self, diagrams: Iterable[Diagram]) -> dict[str, str]:
        """Each diagram's SVG, ready to inline, by diagram name."""
        diagrams = list(diagrams)
        keys = self.keys = {d.name: self._key(d) for d in diagrams}
        missing = {keys[d.name]: d for d in diagrams if self._cached(keys[d.name]) is None}
        todo = list(missing.values())
        if todo:
            chunks = self._chunks(todo)
            with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
                for chunk, svgs in zip(chunks, pool.map(self._run_batch, chunks)):
                    for diagram, svg in zip(chunk, svgs):
                        self._store(keys[diagram.name], _with_alt(svg, diagram.alt))
            self.rendered += len(todo)
        return {d.name: self.memory[keys[d.name]] for d in diagrams}  # one copy of each SVG, shared

    def _chunks(self, todo: list[Diagram]) -> list[list[Diagram]]:
        """One chunk per core, each drawn in batches of at most _MAX_BATCH graphs."""
        count = min(self.jobs, max(1, len(todo) // _MIN_BATCH))
        return [todo[i::count] for i in range(count)]

    def _run(self, sources: list[str], timeout: float) -> tuple[int, str, str]:
        try:
            done = subprocess.run(
                [self._command(), "-Tsvg"], input="".join(sources).encode(), capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return -1, "", f"timed out after {timeout:g} s"
        except OSError as exc:
            return -1, "", str(exc)
        return done.returncode, done.stdout.decode("utf-8", errors="replace"), done.stderr.decode(errors="replace").strip()

    def _run_batch(self, chunk: list[Diagram]) -> list[str]:
        svgs: list[str] = []
        for start in range(0, len(chunk), _MAX_BATCH):
            svgs += self._run_one_batch(chunk[start : start + _MAX_BATCH])
        return svgs

    def _run_one_batch(self, batch: list[Diagram]) -> list[str]:
        code, out, _ = self._run([d.source for d in batch], self.timeout + 0.05 * len(batch))
        parts = out.split("</svg>")[:-1]
        if code == 0 and len(parts) == len(batch):
            return [clean_svg(part + "</svg>") for part in parts]
        return [self._run_one(d) for d in batch]  # find the diagram that broke dot, and name it

    def _run_one(self, diagram: Diagram) -> str:
        code, out, err = self._run([diagram.source], self.timeout)
        if code != 0 or "</svg>" not in out:
            detail = err.splitlines()[-1] if err else f"exit code {code}"
            raise RenderError(f"Graphviz could not draw the diagram of '{diagram.name}': {detail}")
        return clean_svg(out)


def clean_svg(svg: str) -> str:
    """dot's SVG without its prolog, comments, titles and ids, and without blank lines."""
    svg = _CLEAN.sub("", svg)
    svg = _ID.sub("", svg)
    svg = _BLANK.sub("\n", svg).strip()
    return svg.replace("<svg ", '<svg class="ladder-svg" ', 1)


def _with_alt(svg: str, alt: str) -> str:
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt, quote=True)}" ', 1)
