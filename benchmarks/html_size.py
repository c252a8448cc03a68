"""The size of a generated site's HTML, and how much of it is character references.

    python benchmarks/html_size.py --n 2000 --integrations 20000 OUT_DIR

Builds the benchmark's tree of N initiatives beside the work of its three repositories
(bench.py's ``make_work_project``: dates, commit links and subjects on the pages) with
``mkdocs build``, then counts the bytes of every page under ``strategy/`` and the numeric
character references in them. Run it with two versions of ladder (PYTHONPATH) to measure what a
change to escaping does to the pages. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import BIN, EPOCH, generate, make_work_project


def measure(site: Path) -> dict[str, int]:
    pages = sorted((site / "strategy").rglob("*.html"))
    text = [page.read_text(encoding="utf-8") for page in pages]
    references = [len(re.findall(r"&#\d+;", t)) for t in text]
    return {"pages": len(pages), "bytes": sum(len(t.encode()) for t in text), "references": sum(references)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--integrations", type=int, default=20000)
    args = parser.parse_args()
    ladder = args.out / "ladder"
    generate(ladder / "strategy", args.n)
    (ladder / "docs").mkdir(parents=True, exist_ok=True)
    (ladder / "docs" / "index.md").write_text("# Benchmark\n")
    project = make_work_project(ladder, args.out, args.n, args.integrations)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, check=True, env=env)
    print(json.dumps({"n": args.n, "integrations": args.integrations, **measure(project / "site")}))


if __name__ == "__main__":
    main()
