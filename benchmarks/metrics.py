"""The cost of outcomes: a cold `mkdocs build` of N initiatives, with and without 200 metrics
(100 read from CSV files through DuckDB, 100 from a real PostgreSQL server), and a warm build
that reads nothing new. One run, alternating, medians; ratios, not seconds.

    python benchmarks/metrics.py --n 2000 --runs 2     # the documented run (docs/performance.md)
    python benchmarks/metrics.py --n 100 --runs 1      # the small version the test suite runs

Variants:
* metrics off: the tree with no catalogue (its hand-typed metrics only), an empty cache;
* metrics cold: the same tree with a catalogue of 200 metrics, each named by a node (every
  strategy names one, initiatives the rest), an empty cache;
* metrics warm: the same, with the cache of the previous build (files unchanged, and the
  database's values within `refresh_minutes`): the closing line says how many were read anew.

The closing line: ``ratios: metrics cold/off=X (cpu X) warm/off=X read anew on warm: N of M``.
The target (issue 29): cold/off at most 1.10, and nothing read anew on a warm build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench import BIN, MKDOCS_HEAD, generate, run
from tests.postgres import Server, start_server

FILES, QUERIES = 100, 100


def catalogue(files: int, queries: int) -> str:
    """The catalogue: ``files`` metrics from CSV files, ``queries`` from the database."""
    text = ""
    for k in range(files):
        text += f"f{k:03d}:\n  title: File metric {k}\n  unit: teams\n  source:\n    file: data/f{k:03d}.csv\n"
    for k in range(queries):
        text += (
            f"q{k:03d}:\n  title: Database metric {k}\n  unit: ms\n  direction: lower\n  source:\n    connection: warehouse\n"
            f"    query: select date_trunc('week', day)::date as date, avg(value) as value from events where metric = {k} group by 1\n"
        )
    return text


def add_metrics(project: Path, files: int, queries: int, seed: int = 29) -> None:
    """The catalogue, its CSV files, and a node naming each metric: the strategies first, then initiatives."""
    rng = random.Random(seed)
    strategy = project / "strategy"
    (strategy / "metrics.yaml").write_text(catalogue(files, queries))
    (project / "data").mkdir()
    for k in range(files):
        rows = "".join(f"2025-{1 + w // 5:02d}-{1 + (w % 5) * 6:02d},{100 + 3 * w + rng.randint(-5, 5)}\n" for w in range(60))
        (project / "data" / f"f{k:03d}.csv").write_text("date,value\n" + rows)
    ids = [f"f{k:03d}" for k in range(files)] + [f"q{k:03d}" for k in range(queries)]
    nodes = sorted((strategy / "strategies").glob("*.yaml")) + sorted((strategy / "initiatives").glob("*.yaml"))
    for metric, node in zip(ids, nodes, strict=False):
        text = node.read_text()
        ref = f"  - metric: {metric}\n    target: {rng.randint(50, 500)}\n    by: 2026-12-31\n"
        node.write_text(text.replace("metrics:\n", "metrics:\n" + ref, 1) if "metrics:\n" in text else text + "metrics:\n" + ref)


def fill_database(server: Server, queries: int) -> None:
    server.admin(
        "CREATE TABLE events (day date, metric int, value float8)",
        f"INSERT INTO events SELECT date '2025-06-01' + d, m, 200 - d * 0.1 + random() * 10 FROM generate_series(0, 364) d, generate_series(0, {queries - 1}) m",
        "ANALYZE events",
    )


def make(work: Path, n: int, server: Server) -> tuple[Path, Path]:
    """The project without metrics and the one with them."""
    off, on = work / "off", work / "on"
    generate(off / "strategy", n)
    (off / "docs").mkdir()
    (off / "docs" / "index.md").write_text("# Benchmark\n")
    (off / "mkdocs.yml").write_text(MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n      history: false\n")
    shutil.copytree(off, on)
    add_metrics(on, FILES, QUERIES)
    fill_database(server, QUERIES)
    return off, on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args()
    server = start_server()
    work = Path(tempfile.mkdtemp(prefix="ladder-metrics-bench-"))  # outside any git repository: file paths start at the project
    try:
        off, on = make(work, args.n, server)
        os.environ["LADDER_CONNECTION_WAREHOUSE"] = server.url()
        build = [str(BIN / "mkdocs"), "build", "-q"]
        table = {"metrics off": (off, True), "metrics cold": (on, True), "metrics warm": (on, False)}
        samples: dict[str, list[tuple[float, int, float]]] = {name: [] for name in table}
        for round_ in range(args.runs + 1):  # round 0 is the warm-up
            # off before the others, then after them: a machine slowing down weighs on both sides
            # alike (warm always follows the cold build whose cache it reuses)
            names = ["metrics cold", "metrics warm", "metrics off"] if round_ % 2 else ["metrics off", "metrics cold", "metrics warm"]
            for name in names:
                cwd, cold = table[name]
                if cold:
                    shutil.rmtree(cwd / ".cache", ignore_errors=True)
                elapsed, rss, cpu = run(build, cwd)
                if round_:
                    samples[name].append((elapsed, rss, cpu))
                print(f"  {name:13s} round {round_}: {elapsed:7.2f} s  {cpu:7.2f} cpu s  {rss / 1024:7.1f} MiB", flush=True)
        said = subprocess.run([*build[:-1], "-v"], cwd=on, capture_output=True, text=True, check=True).stderr
        anew = re.search(r"ladder: metrics: (\d+) of (\d+) read anew", said)
        results: dict[str, Any] = {
            name: {
                "seconds": statistics.median(s for s, _, _ in v),
                "cpu_seconds": statistics.median(c for _, _, c in v),
                "peak_mib": max(r for _, r, _ in v) / 1024,
            }
            for name, v in samples.items()
        }
        results["n"], results["metrics"] = args.n, {"files": FILES, "queries": QUERIES}
        results["warm_read_anew"] = [int(anew.group(1)), int(anew.group(2))] if anew else None
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"metrics-n{args.n}.json").write_text(json.dumps(results, indent=2))
        for name in table:
            r = results[name]
            print(f"| {name} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['peak_mib']:.0f} |")

        def ratio(top: str, figure: str = "seconds") -> float:
            return float(results[top][figure]) / float(results["metrics off"][figure])

        read = f"{anew.group(1)} of {anew.group(2)}" if anew else "unknown"
        print(
            f"ratios: metrics cold/off={ratio('metrics cold'):.3f} (cpu {ratio('metrics cold', 'cpu_seconds'):.3f}) warm/off={ratio('metrics warm'):.3f} read anew on warm: {read}"
        )
    finally:
        server.remove()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
