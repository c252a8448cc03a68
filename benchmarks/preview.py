"""Save-to-page latency of a preview, on both routes, at N initiatives (1,000 by default).

* **mkdocs serve**: `mkdocs serve` of the benchmark's ladder project (Material, the plugin).
* **ladder render --watch + zensical serve**: the same tree as a Zensical project, with
  `ladder render --watch` writing the pages and `zensical serve` serving them.

For each route the servers are started and the first build awaited; then, one after another,
``--edits`` initiatives each get a step marked done and a word added to their title. The
latency of an edit is the time from the moment the file is saved to the moment the served page
of that node holds the new title, fetched over HTTP every 20 ms; the same is timed for the page
of its strategy. Between edits the route is given a second to settle. Medians are printed,
with every edit's figures, and written to ``benchmarks/out/preview-nN.json``; with
``--preview-off`` the mkdocs route runs with the plugin's ``preview: false`` too, the baseline.

    bash benchmarks/run-preview            # N = 1000, 5 edits, both routes
    .venv/bin/python benchmarks/preview.py --n 200 --edits 3 --only mkdocs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  # the benchmark's tree and projects


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  # a local server of our own
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition, seconds: float, step: float = 0.02) -> float | None:
    """Seconds until ``condition()`` holds (None when it did not within ``seconds``)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(step)
    return None


def initiatives(project: Path, count: int) -> list[tuple[str, str]]:
    """``count`` initiatives spread over the tree, each with its strategy: (id, parent)."""
    files = sorted((project / "strategy" / "initiatives").glob("*.yaml"))
    chosen = [files[(index * 7919) % len(files)] for index in range(count)]
    found = []
    for path in chosen:
        parent = next(line.split(":", 1)[1].strip() for line in path.read_text().splitlines() if line.startswith("parent:"))
        found.append((path.stem, parent))
    return found


def edit(project: Path, node_id: str, word: str) -> None:
    """A step marked done (when there is one left) and ``word`` in the title: saved at once."""
    path = project / "strategy" / "initiatives" / f"{node_id}.yaml"
    text = path.read_text().replace("title: ", f"title: {word} ", 1).replace("done: false", "done: true", 1)
    path.write_text(text)


def measure(project: Path, base: str, edits: int, label: str) -> dict[str, object]:
    """Edit after edit, the seconds until the node's page and its strategy's page show it."""
    figures = []
    for index, (node_id, parent) in enumerate(initiatives(project, edits)):
        word = f"Edited{index}x{os.getpid()}"
        edit(project, node_id, word)
        saved = time.monotonic()
        page = wait_for(lambda node_id=node_id, word=word: word in (fetch(f"{base}/strategy/{node_id}/") or ""), 120)
        strategy = wait_for(lambda parent=parent, word=word: word in (fetch(f"{base}/strategy/{parent}/") or ""), 120)
        whole = time.monotonic() - saved
        figures.append({"node": node_id, "page_s": page, "strategy_s": None if strategy is None else whole})
        print(
            f"  {label:34s} edit {index}: page {page if page is None else round(page, 2)} s, strategy page {round(whole, 2)} s", flush=True
        )
        time.sleep(1.0)
    pages = [f["page_s"] for f in figures if f["page_s"] is not None]
    return {"edits": figures, "median_page_s": statistics.median(pages) if pages else None}


def serve_mkdocs(project: Path, edits: int, label: str) -> dict[str, object]:
    port = free_port()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        if wait_for(lambda: fetch(f"{base}/strategy/") is not None, 600, 0.5) is None:
            raise SystemExit(f"mkdocs serve did not start: see {project / 'serve.log'}")
        time.sleep(2.0)
        return measure(project, base, edits, label)
    finally:
        server.terminate()
        server.wait(timeout=60)


def serve_zensical(project: Path, edits: int, label: str) -> dict[str, object]:
    port = free_port()
    log = (project / "serve.log").open("w")
    subprocess.run([str(BIN / "ladder"), "render"], cwd=project, check=True, stdout=log, stderr=log)
    watcher = subprocess.Popen([str(BIN / "ladder"), "render", "--watch"], cwd=project, stdout=log, stderr=log)
    server = subprocess.Popen([str(BIN / "zensical"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        if wait_for(lambda: "<html" in (fetch(f"{base}/strategy/") or ""), 900, 0.5) is None:
            raise SystemExit(f"zensical serve did not start: see {project / 'serve.log'}")
        time.sleep(2.0)
        return measure(project, base, edits, label)
    finally:
        for process in (server, watcher):
            process.terminate()
            process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="initiatives (default 1000)")
    parser.add_argument("--edits", type=int, default=5, help="edits timed on each route (default 5)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder and results")
    parser.add_argument("--only", choices=["mkdocs", "zensical"], help="one route only")
    parser.add_argument("--preview-off", action="store_true", help="also time mkdocs serve with `preview: false`, the baseline")
    args = parser.parse_args()
    work = args.out / "preview" / f"n{args.n}"
    shutil.rmtree(work, ignore_errors=True)
    projects = bench.make_projects(work / "made", args.n)
    results: dict[str, object] = {"n": args.n, "edits": args.edits}
    routes = []
    if args.only in (None, "mkdocs"):
        routes.append(("mkdocs serve", "mkdocs", ""))
        if args.preview_off:
            routes.append(("mkdocs serve, preview: false", "mkdocs", "      preview: false\n"))
    if args.only in (None, "zensical"):
        routes.append(("ladder render --watch + zensical serve", "zensical", ""))
    for label, kind, extra in routes:
        project = work / label.split(",")[0].split()[0] / ("off" if extra else "on")
        if kind == "mkdocs":
            shutil.copytree(projects["ladder"], project, ignore=shutil.ignore_patterns(".cache", "site"))
            if extra:
                config = project / "mkdocs.yml"
                config.write_text(config.read_text().replace("  - ladder:\n", "  - ladder:\n" + extra))
            results[label] = serve_mkdocs(project, args.edits, label)
        else:
            results[label] = serve_zensical(bench.make_zensical_project(projects["ladder"], project), args.edits, label)
    print()
    for label, _, _ in routes:
        found = results[label]
        assert isinstance(found, dict)
        print(f"{label:40s} median save-to-page {found['median_page_s']} s")
    (args.out / f"preview-n{args.n}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
