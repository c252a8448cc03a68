"""DOT to inline SVG: few ``dot`` processes, a content cache, and SVG fit for a page.

Starting ``dot`` costs about 20 ms, while one process lays out a stream of graphs at well
under a millisecond each; so the diagrams that are not cached go through one process per
core, many graphs each. Each result is cached under a hash of its DOT source, its text
alternative and the Graphviz version: in memory (so ``mkdocs serve`` redraws only what a
save changed) and, when a :class:`~mkdocs_ladder.cache.DiskCache` is given, on disk (so CI
can keep it between builds).

The SVG that dot writes is then made fit for a page: comments, Graphviz's ``<title>``
elements (``%3``, ``node1``: they would show as tooltips and land in the search index) and
every ``id`` attribute (two diagrams on one page must share none) are removed.

A batch that fails or hangs is retried one graph at a time, so the error names the diagram
(and so the node) that broke ``dot``: the first such diagram in the order given, whatever the
number of cores. A hung ``dot`` is killed after ``timeout`` seconds.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape

from mkdocs_ladder.cache import DiskCache
from mkdocs_ladder.render.diagrams import Diagram

INSTALL_HINT = (
    "Graphviz's `dot` was not found: ladder needs it to draw the diagrams. Install Graphviz "
    "(Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`; "
    "Fedora: `sudo dnf install graphviz`; Windows: `winget install graphviz`) or set the "
    "plugin's `dot_executable` option to its path."
)
_CLEAN = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<title>.*?</title>", re.S)
_ID = re.compile(r'\s(?:id|xml:space)="[^"]*"')
_BLANK = re.compile(r"\n\s*\n")
_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)pt"')
FORMAT = 2  # what clean_svg makes of dot's SVG: a change to it changes every cache key
LEGIBLE_SCALE = 0.75  # 11 pt labels (14.7 px, a text box about 17 px tall) drawn no smaller than 3/4
_MIN_BATCH = 8  # below this many graphs a second process costs more than it saves
_MAX_BATCH = 200  # above this, one batch's output (held several times while split and cleaned) costs memory, not time


class RenderError(Exception):
    """A diagram could not be drawn; the message says which one and what to do."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a render made: each diagram's SVG and its cache key, by diagram name, and how many
    went through ``dot`` (the others came from the cache)."""

    svgs: dict[str, str]
    keys: dict[str, str]
    drawn: int


class SvgRenderer:
    """Renders diagrams through ``dot``, caching each by its source and Graphviz's version.

    The renderer keeps, in memory, the SVGs of its last render only: ``mkdocs serve`` redraws
    just what a save changed, and memory does not grow with every save.
    """

    def __init__(self, executable: str, cache: DiskCache | None, timeout: float, jobs: int | None = None):
        self.executable = executable
        self.cache = cache
        self.timeout = timeout
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._memory: dict[str, str] = {}
        self._version: str | None = None

    def same_as(self, other: SvgRenderer) -> bool:
        """Whether ``other`` would draw and cache exactly as this one does."""
        return (self.executable, self.cache, self.timeout, self.jobs) == (other.executable, other.cache, other.timeout, other.jobs)

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
        return hashlib.sha256(f"{FORMAT}\n{self.version()}\n{diagram.alt}\n{diagram.source}".encode()).hexdigest()

    def _cached(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        data = self.cache.read(entry_name(key)) if self.cache is not None else None
        if data is None:
            return None
        try:
            svg = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        self._memory[key] = svg
        return svg

    def cached(self, keys: dict[str, str]) -> dict[str, str] | None:
        """SVGs by diagram name from their cache keys (as in :attr:`Drawn.keys`); None if any is missing."""
        found: dict[str, str] = {}
        for name, key in keys.items():
            svg = self._cached(key)
            if svg is None:
                return None
            found[name] = svg
        self._keep_only(set(keys.values()))
        return found

    def _store(self, key: str, svg: str) -> None:
        self._memory[key] = svg
        if self.cache is not None:
            self.cache.write(entry_name(key), svg.encode("utf-8"))

    def _keep_only(self, keys: set[str]) -> None:
        self._memory = {key: svg for key, svg in self._memory.items() if key in keys}

    # --- rendering --------------------------------------------------------------------------------

    def render(self, diagrams: Iterable[Diagram]) -> Drawn:
        """Each diagram's SVG, ready to inline, by diagram name; RenderError naming the first
        diagram (in the order given) that ``dot`` cannot draw."""
        diagrams = list(diagrams)
        keys = {d.name: self._key(d) for d in diagrams}
        missing: dict[str, Diagram] = {}  # by key: diagrams that look the same are drawn once
        for diagram in diagrams:
            if self._cached(keys[diagram.name]) is None:
                missing.setdefault(keys[diagram.name], diagram)
        todo = list(missing.values())
        if todo:
            chunks = self._chunks(todo)
            with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
                results = list(pool.map(self._run_chunk, chunks))
            failures = [failure for _, failure in results if failure is not None]
            if failures:
                order = {d.name: index for index, d in enumerate(todo)}
                raise min(failures, key=lambda f: order[f[0].name])[1]
            for chunk, (svgs, _) in zip(chunks, results, strict=True):
                for diagram, svg in zip(chunk, svgs, strict=True):
                    self._store(keys[diagram.name], _with_alt(svg, diagram.alt))
        self._keep_only(set(keys.values()))
        return Drawn({d.name: self._memory[keys[d.name]] for d in diagrams}, keys, len(todo))  # one copy of each SVG, shared

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

    def _run_chunk(self, chunk: list[Diagram]) -> tuple[list[str], tuple[Diagram, RenderError] | None]:
        """The chunk's SVGs; or, when one cannot be drawn, the first such diagram and its error."""
        svgs: list[str] = []
        for start in range(0, len(chunk), _MAX_BATCH):
            batch = chunk[start : start + _MAX_BATCH]
            code, out, _ = self._run([d.source for d in batch], self.timeout + 0.05 * len(batch))
            parts = out.split("</svg>")[:-1]
            if code == 0 and len(parts) == len(batch):
                svgs += [clean_svg(part + "</svg>") for part in parts]
                continue
            for diagram in batch:  # find the diagram that broke dot, and name it
                try:
                    svgs.append(self._run_one(diagram))
                except RenderError as exc:
                    return svgs, (diagram, exc)
        return svgs, None

    def _run_one(self, diagram: Diagram) -> str:
        code, out, err = self._run([diagram.source], self.timeout)
        if code != 0 or "</svg>" not in out:
            detail = err.splitlines()[-1] if err else f"exit code {code}"
            raise RenderError(f"Graphviz could not draw the diagram of '{diagram.name}': {detail}")
        return clean_svg(out)


def entry_name(key: str) -> str:
    """The cache entry of a diagram's SVG."""
    return f"{key}.svg"


def clean_svg(svg: str) -> str:
    """dot's SVG without its prolog, comments, titles and ids, and without blank lines; and a
    floor under its width (:func:`legible_width`)."""
    svg = _CLEAN.sub("", svg)
    svg = _ID.sub("", svg)
    svg = _BLANK.sub("\n", svg).strip()
    floor = legible_width(svg)
    style = f' style="min-width:{floor}px"' if floor else ""
    return svg.replace("<svg ", f'<svg class="ladder-svg"{style} ', 1)


def legible_width(svg: str) -> int | None:
    """The narrowest a diagram may be drawn, in CSS pixels: ``LEGIBLE_SCALE`` of its own width.

    A page fits a diagram to its column (``max-width: 100%``) down to this floor, and past it
    the diagram keeps its size and scrolls in its own box: a label, 11 pt at full size, never
    comes out under 11 CSS pixels tall. None when the SVG gives no width in points."""
    found = _WIDTH.search(svg)
    return round(float(found.group(1)) * 4 / 3 * LEGIBLE_SCALE) if found else None


def _with_alt(svg: str, alt: str) -> str:
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt, quote=True)}" ', 1)
