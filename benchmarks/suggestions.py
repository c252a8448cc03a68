"""How good `ladder suggest` is, and how fast its hook is (issue 30). One run:

    .venv/bin/python benchmarks/suggestions.py            # both histories, and the hook at 20,000 integrations

1. Replays two histories: for each linked commit, would the first suggestion, made from the
   history before it, have been right? Beside two plain baselines on the same commits: "the
   node the latest linked commit names" and "the node linked most often in these folders".
   * this repository's own history (read from git);
   * a generated one (:func:`team_history`): six teams of three work side by side, each in its
     own folder, on one initiative at a time for 10 to 60 commits, then the next (one time in
     four back to the one before); 8% of commits touch only a shared folder, 17% touch it too,
     3% are a visit to another team's folder.
2. Times `ladder suggest --hook` (what pre-commit's prepare-commit-msg hook runs) in a
   repository of ``--integrations`` linked commits (``git fast-import``): the first run reads
   the history and caches it; the next ones read only what is new. Wall seconds, medians.

Nothing here asserts a time; the test suite replays the histories and checks the shares.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugin"))

from mkdocs_ladder.work.linked import linked_changes  # noqa: E402
from mkdocs_ladder.work.suggest import LinkedChange, Replayed, replay  # noqa: E402

BIN = Path(sys.executable).parent


def team_history(seed: int = 30, teams: int = 6, commits: int = 3000) -> list[LinkedChange]:
    """The generated history of :data:`__doc__`'s first part (a fixed seed: every run the same)."""
    rng = random.Random(seed)
    members = {t: [f"dev{t}{m}@example.com" for m in range(3)] for t in range(teams)}
    current = dict.fromkeys(range(teams), 0)
    left = {t: rng.randint(10, 60) for t in range(teams)}
    found = []
    for order in range(commits):
        team = rng.randrange(teams)
        if left[team] == 0:
            current[team] = max(0, current[team] - 1) if rng.random() < 0.25 else current[team] + 1
            left[team] = rng.randint(10, 60)
        left[team] -= 1
        own = [f"services/team-{team}/mod{rng.randrange(4)}/f{rng.randrange(6)}.py" for _ in range(rng.randint(1, 3))]
        shared = [f"libs/common/{rng.choice('abc')}.py"]
        roll = rng.random()
        if roll < 0.08:
            paths = shared
        elif roll < 0.25:
            paths = own + shared
        elif roll < 0.28:
            paths = [f"services/team-{rng.randrange(teams)}/mod{rng.randrange(4)}/f{rng.randrange(6)}.py"]
        else:
            paths = own
        found.append(LinkedChange(order, rng.choice(members[team]), (f"team{team}-initiative-{current[team]}",), tuple(paths)))
    return found


def shares(replayed: Replayed) -> dict[str, object]:
    return {
        "linked commits": replayed.commits,
        "suggest": [replayed.suggest, round(replayed.share(replayed.suggest), 3)],
        "the latest linked": [replayed.last_linked, round(replayed.share(replayed.last_linked), 3)],
        "most in these folders": [replayed.most_in_folders, round(replayed.share(replayed.most_in_folders), 3)],
    }


def hook_repository(root: Path, integrations: int, seed: int = 30) -> None:
    """A repository of ``integrations`` linked commits (the generated history's paths and
    authors), made with ``git fast-import``, and a strategy tree whose initiatives they name."""
    history = team_history(seed, commits=integrations)
    out, ids = [], sorted({i for c in history for i in c.ids})
    for mark, change in enumerate(history, start=1):
        message = f"Change {mark}\n\nLadder: {change.ids[0]}\n".encode()
        out.append(f"commit refs/heads/main\nmark :{mark}\ncommitter {change.author} <{change.author}> {1700000000 + mark * 60} +0000\n")
        out.append(f"data {len(message)}\n{message.decode()}\n" + (f"from :{mark - 1}\n" if mark > 1 else ""))
        out += [f"M 644 inline {path}\ndata 8\n{mark:07d}\n" for path in change.paths]
        out.append("\n")
    tree = {"strategy/mission.yaml": "title: Mission\n", "strategy/strategies/s.yaml": "title: S\nparent: mission\n"}
    tree |= {f"strategy/initiatives/{i}.yaml": f"title: {i}\nparent: s\n" for i in ids}
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input="".join(out).encode(), check=True)
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True)
    for rel, text in tree.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    (root / "services" / "team-2" / "mod1").mkdir(parents=True, exist_ok=True)
    (root / "services" / "team-2" / "mod1" / "new.py").write_text("change\n")
    subprocess.run(["git", "-C", str(root), "add", "services"], check=True)


def time_hook(root: Path, runs: int) -> dict[str, float]:
    """Wall seconds of ``ladder suggest --hook`` on a fresh message: the first run (the history
    read and cached), then the median of ``runs`` more."""
    env = {**os.environ, "PRE_COMMIT_COMMIT_MSG_SOURCE": "", "GIT_AUTHOR_EMAIL": "dev20@example.com"}
    subprocess.run(["git", "-C", str(root), "config", "user.email", "dev20@example.com"], check=True)
    seconds = []
    for _ in range(runs + 1):
        message = root / ".git" / "COMMIT_EDITMSG"
        message.write_text("\n# Please enter the commit message for your changes.\n")
        start = time.perf_counter()
        subprocess.run([str(BIN / "ladder"), "suggest", "--hook", str(message)], cwd=root, env=env, check=True)
        seconds.append(time.perf_counter() - start)
        assert "# Ladder: " in message.read_text(), message.read_text()
    return {"first": round(seconds[0], 3), "warm median": round(statistics.median(seconds[1:]), 3), "warm runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--integrations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    results: dict[str, object] = {
        "this repository": shares(replay(linked_changes(ROOT, "Ladder", None))),
        "six teams (generated)": shares(replay(team_history())),
    }
    with tempfile.TemporaryDirectory(prefix="ladder-suggest-") as work:
        root = Path(work) / "repo"
        hook_repository(root, args.integrations)
        results[f"hook at {args.integrations} integrations"] = time_hook(root, args.runs)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "suggestions.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
