"""A strategy tree shaped like a real one: what ladder must show well at hundreds of initiatives.

    python benchmarks/realistic.py OUT_DIR --initiatives 700 [--history 60]

Tried on a real public tree of about 700 initiatives under 25 strategies, ladder met what a
tidy synthetic tree never has; this makes trees with the same properties, for the browser
tests and the benchmark:

* **strategies of long-tailed sizes**: the k-th largest has about 1/k of the largest's
  initiatives (the largest about a fifth of all; the smallest one or two);
* **supports across strategies**: about four initiatives in ten also support another strategy;
* **real text**: titles of 2 to 120 characters, some shared by two nodes; ``why`` as Markdown
  with links, code and lists;
* **many findings of one rule**: seven in ten initiatives have no metric, so about a third of
  all initiatives (the active ones) are findings of ``initiative-without-metrics``;
* **a git history** (``--history N``): N commits, one a day up to the benchmark's date, that add
  the tree strategy by strategy and then mark steps done.

A fixed seed: the same tree every time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
from datetime import date, timedelta
from pathlib import Path

import yaml

WORDS = [
    "storage",
    "network",
    "scheduling",
    "security",
    "release",
    "testing",
    "docs",
    "onboarding",
    "api",
    "client",
    "server",
    "cache",
    "metrics",
    "tracing",
    "logging",
    "upgrade",
    "windows",
    "arm64",
    "gpu",
    "memory",
    "quota",
    "policy",
    "identity",
    "audit",
    "billing",
    "search",
    "mobile",
    "offline",
    "sync",
    "export",
    "import",
    "migration",
    "performance",
    "latency",
    "reliability",
    "accessibility",
    "localization",
]
TEAMS = [f"sig-{w}" for w in WORDS[:30]]
STATUSES = ["active"] * 5 + ["proposed"] * 2 + ["done"] * 2 + ["paused", "dropped"]
EPOCH_DAY = date(2026, 6, 1)  # the benchmark's build date (SOURCE_DATE_EPOCH 1780272000)


def strategy_sizes(initiatives: int, strategies: int) -> list[int]:
    """Long-tailed sizes that add up to ``initiatives``: the k-th about 1/k of the first."""
    weights = [1 / (k + 1) for k in range(strategies)]
    sizes = [max(1, int(initiatives * w / sum(weights))) for w in weights]
    sizes[0] += initiatives - sum(sizes)
    return sizes


def _title(rng: random.Random) -> str:
    length = rng.choice([2, 3, 4, 5, 6, 8, 10, 14, 18])
    text = " ".join(rng.choice(WORDS) for _ in range(length)).capitalize()
    return text[:120].rstrip()


def _why(rng: random.Random, strategy: str) -> str:
    parts = [
        f"Serves **{strategy}**: {' '.join(rng.choice(WORDS) for _ in range(12))}.",
        f"See [the proposal](https://example.com/proposals/{rng.randrange(1000, 9999)}) and `{rng.choice(WORDS)}_{rng.choice(WORDS)}`.",
    ]
    if rng.random() < 0.4:
        parts.append("\n".join(f"- {' '.join(rng.choice(WORDS) for _ in range(5))}" for _ in range(rng.randrange(2, 5))))
    return "\n\n".join(parts) + "\n"


def realistic_tree(root: Path, initiatives: int = 700, seed: int = 28) -> dict[str, dict[str, object]]:
    """Write the tree under ``root`` (a strategy directory); the nodes' fields, by path."""
    rng = random.Random(seed)
    count = max(3, round(initiatives / 28))
    sizes = strategy_sizes(initiatives, count)
    files: dict[str, dict[str, object]] = {
        "mission.yaml": {"title": "Make every team's work ladder up to one mission", "owner": "steering"}
    }
    strategies = [f"s{k:02d}" for k in range(count)]
    for k, sid in enumerate(strategies):
        files[f"strategies/{sid}.yaml"] = {"title": f"SIG {WORDS[k % len(WORDS)].capitalize()}: {_title(rng)}"[:120], "parent": "mission",
                                           "owner": TEAMS[k % len(TEAMS)], "status": "active", "why": _why(rng, "the mission")}  # fmt: skip
    titles: list[str] = []
    number = 0
    for k, (sid, size) in enumerate(zip(strategies, sizes, strict=True)):
        for _ in range(size):
            title = rng.choice(titles) if titles and rng.random() < 0.04 else _title(rng)  # some titles shared
            titles.append(title)
            fields: dict[str, object] = {
                "title": title,
                "parent": sid,
                "owner": TEAMS[(k + rng.randrange(3)) % len(TEAMS)],
                "status": rng.choice(STATUSES),
                "why": _why(rng, sid),
                "steps": [{"title": _title(rng)[:60], "done": rng.random() < 0.5} for _ in range(rng.randrange(1, 7))],
            }
            if rng.random() < 0.4:
                fields["supports"] = [rng.choice([s for s in strategies if s != sid])]
            if rng.random() < 0.3:
                fields["metrics"] = [{"name": f"{rng.choice(WORDS)} {rng.choice(WORDS)}", "target": rng.randrange(10, 100)}]
            if rng.random() < 0.5:
                fields |= {"horizon": rng.choice(["now", "next", "later"]), "value": rng.choice(["S", "M", "L", "XL"])}
            files[f"initiatives/i{number:04d}.yaml"] = fields
            number += 1
    for rel, fields in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=200))
    return files


def with_history(project: Path, strategy_dir: str, commits: int) -> None:
    """Make ``project`` a git repository whose ``commits`` commits, one a day up to the
    benchmark's date, add the tree a part at a time (the last commit holds all of it)."""
    files = sorted(str(p.relative_to(project)) for p in (project / strategy_dir).rglob("*.yaml"))
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Realistic", "GIT_AUTHOR_EMAIL": "r@example.com",
           "GIT_COMMITTER_NAME": "Realistic", "GIT_COMMITTER_EMAIL": "r@example.com"}  # fmt: skip
    per = max(1, -(-len(files) // commits))
    for n in range(commits):
        chunk = files[n * per : (n + 1) * per] if n < commits - 1 else files[n * per :]
        if chunk:
            subprocess.run([*git, "add", "--", *chunk], check=True)
        stamp = f"{(EPOCH_DAY - timedelta(days=commits - n)).isoformat()}T12:00:00+00:00"
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", f"Tree, part {n + 1}"], check=True,
                       env={**env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--initiatives", type=int, default=700)
    parser.add_argument("--history", type=int, default=0, help="commits of history (0: none)")
    args = parser.parse_args()
    realistic_tree(args.out / "strategy", args.initiatives)
    if args.history:
        with_history(args.out, "strategy", args.history)


if __name__ == "__main__":
    main()
