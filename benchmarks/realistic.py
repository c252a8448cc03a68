"""A strategy tree shaped like a real one: what ladder must show well at hundreds of initiatives.

    python benchmarks/realistic.py OUT_DIR --initiatives 700 [--history 60 [--work 2000]]

Tried on a real public tree of about 700 initiatives under 25 strategies, ladder met what a
tidy synthetic tree never has; this makes trees with the same properties, for the browser
tests and the benchmark:

* **strategies of long-tailed sizes**: the k-th largest has about 1/k of the largest's
  initiatives (the largest about a fifth of all; the smallest one or two);
* **supports across strategies**: about four initiatives in ten also support another strategy;
* **real text**: titles of 2 to 120 characters, some shared by two nodes; ``why`` as Markdown
  with links, code and lists; ids as real trees name their nodes (``sig-storage``,
  ``0137-server-latency-gpu``: the words of the title, which many other titles share);
* **many findings of one rule**: seven in ten initiatives have no metric, so about a third of
  all initiatives (the active ones) are findings of ``initiative-without-metrics``;
* **a git history** (``--history N``): N commits, one a day up to the benchmark's date, that add
  the tree strategy by strategy; and (``--work M``) M integrations over the same days, most
  linked to an initiative by a trailer, one in ten by an id that names no node.

A fixed seed: the same tree every time.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from datetime import UTC, date, datetime, timedelta
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
    strategies = [f"sig-{WORDS[k % len(WORDS)]}" + (f"-{k // len(WORDS) + 1}" if k >= len(WORDS) else "") for k in range(count)]
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
            files[f"initiatives/{number:04d}-{'-'.join(title.lower().split()[:3])}.yaml"] = fields  # as a KEP is named
            number += 1
    for rel, fields in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=200))
    return files


def with_history(project: Path, strategy_dir: str, commits: int, work: int = 0, seed: int = 28) -> None:
    """Make ``project`` a git repository whose ``commits`` commits, one a day up to the
    benchmark's date, add the tree a part at a time (the last commit holds all of it); and
    ``work`` integrations more over the same days, each a commit to a team's folder: most name
    an initiative by a ``Ladder:`` trailer, one in ten an id that names no node (a real
    repository named 1,553 of them), one in six none. Written by ``git fast-import``: thousands
    of commits in a second."""
    rng = random.Random(seed)
    files = sorted(str(p.relative_to(project)) for p in (project / strategy_dir).rglob("*.yaml"))
    ids = [Path(f).stem for f in files if "/initiatives/" in f]
    per = max(1, -(-len(files) // commits))
    start = EPOCH_DAY - timedelta(days=commits)
    day_seconds = 86400
    moments: list[tuple[int, str, dict[str, bytes]]] = []
    for n in range(commits):
        chunk = files[n * per : (n + 1) * per] if n < commits - 1 else files[n * per :]
        moments.append((n * day_seconds + 43200, f"Tree, part {n + 1}", {f: (project / f).read_bytes() for f in chunk}))
    for k in range(work):
        roll = rng.random()
        trailer = f"\n\nLadder: kep-{rng.randrange(1000, 9999)}" if roll < 0.1 else "" if roll < 0.27 else f"\n\nLadder: {rng.choice(ids)}"
        team = rng.choice(TEAMS)
        moments.append(
            (rng.randrange(commits * day_seconds), f"{team}: change {k}{trailer}", {f"src/{team}/change-{k % 50}.txt": f"{k}\n".encode()})
        )
    moments.sort(key=lambda moment: moment[0])
    stream = bytearray()
    epoch = int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp())
    for mark, (offset, message, changed) in enumerate(moments, 1):
        who = f"Realistic <r@example.com> {epoch + offset} +0000"
        body = message.encode()
        stream += f"commit refs/heads/main\nmark :{mark}\nauthor {who}\ncommitter {who}\ndata {len(body)}\n".encode() + body + b"\n"
        if mark > 1:
            stream += f"from :{mark - 1}\n".encode()
        for path, content in changed.items():
            stream += f"M 100644 inline {path}\ndata {len(content)}\n".encode() + content + b"\n"
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run([*git, "reset", "-q", "--hard"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--initiatives", type=int, default=700)
    parser.add_argument("--history", type=int, default=0, help="commits of history (0: none)")
    parser.add_argument("--work", type=int, default=0, help="integrations with trailers, over the history's days")
    args = parser.parse_args()
    realistic_tree(args.out / "strategy", args.initiatives)
    if args.history:
        with_history(args.out, "strategy", args.history, args.work)


if __name__ == "__main__":
    main()
