"""The benchmark script keeps working: a small run (N = 100). It asserts nothing about time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.mark.slow
def test_small_benchmark_runs_and_reports_every_figure(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--n",
            "100",
            "--runs",
            "1",
            "--history-commits",
            "12",
            "--work-integrations",
            "300",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"ratios: cold/plain=[\d.]+ warm/plain=[\d.]+ ladder/peer=[\d.]+ check/plain=[\d.]+ growth=[\d.]+ history/off=[\d.]+ \(cpu [\d.]+\) work/off=[\d.]+ \(cpu [\d.]+, paired [\d.]+\) zensical/ladder=[\d.]+ \(memory [\d.]+\)",
        last,
    ), last
    results = json.loads((tmp_path / "results-n100.json").read_text())
    assert set(results["at_n"]) == {
        "ladder cold",
        "ladder warm",
        "ladder edit",
        "plain",
        "peer",
        "check",
        "history cold",
        "history warm",
        "history off",
        "work cold",
        "work warm",
        "work off",
        "zensical cold",
        "zensical warm",
    }
    assert all(v["seconds"] > 0 and v["peak_mib"] > 0 and v["cpu_seconds"] > 0 for v in results["at_n"].values())
    assert all(v["rounds"] == [v["seconds"]] for v in results["at_n"].values())  # one timed round: its seconds are the median
    assert set(results["growth_runs"]) == {"50", "200"}
    assert {
        "cold/plain",
        "warm/plain",
        "ladder/peer",
        "check/plain",
        "memory cold/plain",
        "growth ladder",
        "growth check",
        "history/off",
        "history/off cpu",
        "history warm/warm",
        "work/off",
        "work/off cpu",
        "work/off paired",
        "zensical/ladder",
        "memory zensical/ladder",
    } <= set(results["ratios"])
    work = tmp_path / "work" / "n100"
    history = work / "history"
    log = subprocess.run(["git", "-C", str(history), "log", "--format=%cs"], capture_output=True, text=True, check=True).stdout.split()
    assert len(log) == 12 and log[0] == "2026-05-31"  # one commit a day, the last the day before the benchmark's date
    objects = subprocess.run(["git", "-C", str(history), "count-objects", "-v"], capture_output=True, text=True, check=True).stdout
    assert "count: 0" in objects.splitlines() and "packs: 1" in objects.splitlines()  # packed, as a clone is
    # the work variant's repositories: 300 integrations on their first-parent lines, a fifth of them merges
    counts = [
        subprocess.run(
            ["git", "-C", str(work / "work" / name), "rev-list", "--first-parent", "--count", "main"],
            capture_output=True,
            text=True,
            check=True,
        )
        for name in ("app", "api", "web")
    ]
    assert sum(int(c.stdout) for c in counts) == 300
    # the plain and peer projects hold the very pages the plugin generates
    assert (work / "plain" / "docs" / "strategy" / "i00001" / "index.md").is_file()
    assert "```dot" in (work / "peer" / "docs" / "strategy" / "i00001" / "index.md").read_text()


def run_script(name: str, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """A script of benchmarks/, run as its README says, that must succeed."""
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / name), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1780272000", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.mark.slow
def test_the_preview_benchmark_times_an_edit_on_both_routes(tmp_path):
    """benchmarks/preview.py on a small tree: real servers, one edit each; no figure is judged."""
    run_script("preview.py", "--n", "40", "--edits", "1", "--out", str(tmp_path))
    results = json.loads((tmp_path / "preview-n40.json").read_text())
    for route in ("mkdocs serve", "ladder render --watch + zensical serve"):
        (edit,) = results[route]["edits"]
        assert edit["page_s"] is not None and edit["strategy_s"] is not None, (route, edit)


@pytest.mark.slow
def test_the_metrics_benchmark_runs_and_reads_nothing_anew_when_warm(tmp_path):
    """benchmarks/metrics.py at N = 100, one round: its closing line, and a warm build that read
    none of its 200 metrics again (100 files, 100 from the PostgreSQL server it starts)."""
    last = run_script("metrics.py", "--n", "100", "--runs", "1", "--out", str(tmp_path), timeout=600).stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"ratios: metrics cold/off=[\d.]+ \(cpu [\d.]+\) warm/off=[\d.]+ read anew on warm: 0 of 200", last), last
    results = json.loads((tmp_path / "metrics-n100.json").read_text())
    assert results["warm_read_anew"] == [0, 200] and results["metrics"] == {"files": 100, "queries": 100}
