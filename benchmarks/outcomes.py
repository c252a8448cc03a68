"""This project's own outcomes, as the data files its site reads (strategy/metrics.yaml):

    python benchmarks/outcomes.py

* ``outcomes/linked-commits.csv``: each day, the share (%) of that day's commits whose message
  links a node (a ``Ladder:`` trailer, by ladder's own rules), from git;
* ``outcomes/test-functions.csv``: each day, the test functions in ``tests/`` at that day's last
  commit (``git grep``), from git;
* ``outcomes/suggestion-share.csv``: each day, the share (%) of the linked commits up to it for
  which `ladder suggest`'s first suggestion would have been right (docs/work.md), from git;
* ``outcomes/cold-over-plain.csv`` and ``outcomes/metrics-over-off.csv``: the benchmarks'
  ratios (a cold build of 2,000 initiatives over plain MkDocs; the same with 200 metrics over
  none), one row a day, the day's row replaced by the results in ``benchmarks/out/`` when they
  are there (``bash benchmarks/run``, ``python benchmarks/metrics.py``).

Run it after a benchmark, or before a release; commit what it writes. Every figure is a
measurement of this repository: nothing here is typed by hand but the ratios that
docs/performance.md recorded before this script existed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "outcomes"
sys.path.insert(0, str(ROOT / "plugin"))

from mkdocs_ladder.work.trailers import linked_ids  # noqa: E402


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def linked_share() -> dict[date, float]:
    """Each day's share of commits (merges left out) whose message links a node."""
    days: dict[date, list[bool]] = defaultdict(list)
    for record in git("log", "--no-merges", "--format=%ad%x00%B%x01", "--date=short").split("\x01"):
        if "\x00" in record:
            day, message = record.strip("\n").split("\x00", 1)
            days[date.fromisoformat(day)].append(bool(linked_ids(message)))
    return {day: round(100 * sum(found) / len(found), 1) for day, found in sorted(days.items())}


def test_functions() -> dict[date, float]:
    """The test functions in tests/ at each day's last commit."""
    last: dict[date, str] = {}
    for line in git("log", "--format=%ad %H", "--date=short", "--reverse").splitlines():
        day, sha = line.split()
        last[date.fromisoformat(day)] = sha
    found = {}
    for day, sha in sorted(last.items()):
        grep = subprocess.run(
            ["git", "-C", str(ROOT), "grep", "-c", "-E", r"^\s*def test_", sha, "--", "tests/"], capture_output=True, text=True
        )
        found[day] = float(sum(int(line.rsplit(":", 1)[1]) for line in grep.stdout.splitlines() if line))
    return found


def suggestion_share() -> dict[date, float]:
    """Each day, the share (%) of this repository's linked commits, up to that day, for which
    `ladder suggest`'s first suggestion, made from the history before each, was right."""
    from mkdocs_ladder.work.linked import linked_changes
    from mkdocs_ladder.work.suggest import replay

    days = [date.fromisoformat(d) for d in git("log", "--no-merges", "--reverse", "--format=%ad", "--date=short").split()]
    linked = [day for day, message in zip(days, _messages(), strict=True) if linked_ids(message)]
    changes = linked_changes(ROOT, "Ladder", None)
    found = {}
    for day in sorted(set(linked)):
        upto = [c for c, d in zip(changes, linked, strict=True) if d <= day]
        replayed = replay(upto)
        found[day] = round(100 * replayed.share(replayed.suggest), 1)
    return found


def _messages() -> list[str]:
    return [m.strip("\n") for m in git("log", "--no-merges", "--reverse", "--format=%B%x01").split("\x01")[:-1]]


def read_csv(path: Path) -> dict[date, float]:
    if not path.exists():
        return {}
    rows = path.read_text().splitlines()[1:]
    return {date.fromisoformat(d): float(v) for d, v in (row.split(",") for row in rows if row)}


def write_csv(path: Path, values: dict[date, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("date,value\n" + "".join(f"{d.isoformat()},{v:g}\n" for d, v in sorted(values.items())))


def ratio_of(result: Path, top: str, bottom: str) -> tuple[date, float] | None:
    """A ratio of medians from a benchmark's JSON results, dated by the file."""
    if not result.exists():
        return None
    data = json.loads(result.read_text())
    figures = data.get("at_n", data)
    if top not in figures or bottom not in figures:
        return None
    day = date.fromtimestamp(result.stat().st_mtime)
    return day, round(figures[top]["seconds"] / figures[bottom]["seconds"], 3)


def main() -> None:
    write_csv(OUT / "linked-commits.csv", linked_share())
    write_csv(OUT / "test-functions.csv", test_functions())
    write_csv(OUT / "suggestion-share.csv", suggestion_share())
    for name, result, top, bottom in (
        ("cold-over-plain.csv", ROOT / "benchmarks" / "out" / "results-n2000.json", "ladder cold", "plain"),
        ("metrics-over-off.csv", ROOT / "benchmarks" / "out" / "metrics-n2000.json", "metrics cold", "metrics off"),
    ):
        values = read_csv(OUT / name)
        found = ratio_of(result, top, bottom)
        if found is not None:
            values[found[0]] = found[1]
        write_csv(OUT / name, values)
    for path in sorted(OUT.glob("*.csv")):
        rows = path.read_text().splitlines()
        print(f"{path.relative_to(ROOT)}: {len(rows) - 1} rows, the latest {rows[-1] if len(rows) > 1 else 'none'}")


if __name__ == "__main__":
    main()
