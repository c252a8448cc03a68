"""Benchmark ladder against its limit (plain MkDocs on the same pages) and a peer, in one run.

    python benchmarks/bench.py --n 2000            # the documented run (see docs/performance.md)
    python benchmarks/bench.py --n 100 --runs 1    # the small version the test suite runs

1. A synthetic tree of N initiatives over about N/20 strategies, with realistic fields (a
   fixed seed, so every run builds the same tree), one file per node.
2. Variants, each timed ``--runs`` times after a warm-up, alternating, median reported:
   * ladder cold: ``mkdocs build`` with the plugin and an empty diagram cache;
   * ladder warm: the same, with the cache of the previous build (an unchanged tree: the
     whole result is reused);
   * ladder edit: one initiative file changed since the cached build (the tree is checked
     and its pages made again; only the diagrams that show that node are drawn);
   * plain (the limit): ``mkdocs build`` of the very Markdown pages the plugin generates,
     dumped once to a docs folder, without diagrams and without the plugin;
   * peer: those pages with each diagram as a ``dot`` fence rendered by mkdocs-graphviz;
   * check: ``ladder check`` on the tree.
3. Peak memory (max RSS of the build process) of each; ladder cold and plain again at N/2 and
   2N (check at 2N too) for the growth rate.
3b. History (``--history-commits``, 300 by default): the same tree in a git repository whose
   commits, one a day, bring it from "no step done" to its final state; built cold with history
   on ("history cold") and with ``history: false`` ("history off"), and warm with history on
   (no new commit since the cached build).
3b'. Work (``--work-integrations``, 20,000 by default): the same tree beside three repositories
   that hold that many integrations in the window (made with ``git fast-import``; a fifth are
   merges of three commits, two thirds link to an initiative); built cold reading them ("work
   cold") and reading none ("work off", the baseline), and warm ("work warm").
3c. Zensical (unless ``--no-zensical``): the same tree and docs as ``ladder init --generator
   zensical`` sets them up, timed as ``ladder render`` followed by ``zensical build`` (one
   shell: its wall time, CPU seconds and the peak memory of either process). Cold: no caches,
   no rendered pages, no site; warm: as the last build left them. Compared with ladder cold and
   ladder warm.
4. A table, the figures as JSON, and one closing line:
   ``ratios: cold/plain=X warm/plain=X ladder/peer=X check/plain=X growth=X``.

Ratios, not seconds, are the result: they compare runs made on the same machine in the same
minutes. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
EPOCH = "1780272000"  # 2026-06-01: fixes "today" for the health rules, so every run builds the same site
WORDS = [
    "customer",
    "onboarding",
    "revenue",
    "churn",
    "pricing",
    "platform",
    "partner",
    "billing",
    "reliability",
    "latency",
    "search",
    "mobile",
    "analytics",
    "export",
    "import",
    "invoice",
    "report",
    "dashboard",
    "workflow",
    "automation",
    "identity",
    "security",
    "compliance",
    "accessibility",
    "localisation",
    "support",
    "feedback",
    "roadmap",
    "experiment",
    "activation",
    "retention",
    "expansion",
    "cost",
]
TEAMS = [f"team-{i:02d}" for i in range(30)]
STATUSES = ["active"] * 6 + ["proposed", "paused", "done", "dropped"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()


def yaml_str(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML scalar


def generate(root: Path, n: int, seed: int = 20261123) -> None:
    """A healthy tree of ``n`` initiatives over about n/20 strategies (so --strict builds pass)."""
    rng = random.Random(seed)
    strategies = max(1, n // 20)
    (root / "strategies").mkdir(parents=True)
    (root / "initiatives").mkdir()
    (root / "mission.yaml").write_text(f"title: {yaml_str(title(rng))}\nowner: team-00\nwhy: {yaml_str(sentence(rng, 20))}\n")
    (root / "owners.yaml").write_text("".join(f"{t}:\n  name: Team {t[-2:]}\n  url: mailto:{t}@example.com\n" for t in TEAMS))
    for s in range(strategies):
        (root / "strategies" / f"s{s:04d}.yaml").write_text(
            f"title: {yaml_str(title(rng))}\nparent: mission\nowner: {rng.choice(TEAMS)}\n"
            f"why: {yaml_str(sentence(rng, 25))}\ndescription: |\n  {sentence(rng, 40)}\n  {sentence(rng, 30)}\n"
            f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        )
    for i in range(n):
        strategy = i % strategies
        status = "active" if i < strategies else rng.choice(STATUSES)  # every strategy keeps active work
        steps = rng.randint(3, 8)
        done = rng.randint(max(0, steps - 7), steps)  # at most 7 open: the too-big rule stays quiet
        lines = [
            f"title: {yaml_str(title(rng))}",
            f"parent: s{strategy:04d}",
            f"owner: {rng.choice(TEAMS)}",
            f"status: {status}",
            f"why: |\n  {sentence(rng, 18)}\n  {sentence(rng, 14)}",
            (
                f"description: |\n  {sentence(rng, 30)} See [the design](https://example.com/{i}) and **{rng.choice(WORDS)}**.\n\n"
                f"  {sentence(rng, 35)}"
            ),
            "steps:",
            *[f"  - title: {yaml_str(sentence(rng, 6))}\n    done: {'true' if k < done else 'false'}" for k in range(steps)],
            "metrics:",
            *[
                f'  - name: {yaml_str(title(rng))}\n    target: {rng.randint(10, 99)}\n    current: {rng.randint(0, 99)}\n    unit: "%"'
                for _ in range(rng.randint(1, 3))
            ],
            "links:",
            f"  - title: Design doc\n    url: https://example.com/design/{i}",
            f"  - title: Tracker\n    url: https://example.com/issues/{i}",
            f"tags: [{', '.join(rng.sample(WORDS, rng.randint(1, 3)))}]",
        ]
        if rng.random() < 0.15 and strategies > 1:
            lines.append(f"supports: [s{(strategy + 1) % strategies:04d}]")
        if rng.random() < 0.5:
            lines.append(f"due: {(date(2026, 7, 1) + timedelta(days=rng.randint(0, 400))).isoformat()}")
        (root / "initiatives" / f"i{i:05d}.yaml").write_text("\n".join(lines) + "\n")


MKDOCS_HEAD = "site_name: Benchmark\ntheme:\n  name: material\n"
_DIAGRAM = re.compile(r'<div class="ladder-diagram" data-search-exclude>\n<svg .*?</svg>\n', re.S)


def make_projects(work: Path, n: int) -> dict[str, Path]:
    """The ladder project, and the plain and peer projects built from the pages it generates."""
    from mkdocs_ladder.check import check_directory
    from mkdocs_ladder.project import Project
    from mkdocs_ladder.publish import build_site, stylesheet
    from mkdocs_ladder.render.pages import plan_diagrams
    from mkdocs_ladder.settings import Settings
    from mkdocs_ladder.tree.model import Level

    ladder = work / "ladder"
    generate(ladder / "strategy", n)
    (ladder / "docs").mkdir()
    (ladder / "docs" / "index.md").write_text("# Benchmark\n")
    # history: false, as before history existed (the work folder may sit inside a git repository)
    (ladder / "mkdocs.yml").write_text(MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n      history: false\n")

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    checked = check_directory(ladder / "strategy")
    assert checked.tree is not None, [p.text() for p in checked.problems][:5]
    settings = Settings(cache=False)
    project = Project(settings, ladder / "strategy", work)
    options = project.options
    site = build_site(checked, project).site
    sources = {d.name: d.source for d in plan_diagrams(checked.tree, options)}
    # The same nav as the plugin's: overview, mission, strategies (up to nav_max_strategies), views.
    listed = {Level.MISSION} | ({Level.STRATEGY} if len(list(checked.tree.at(Level.STRATEGY))) <= settings.nav_max_strategies else set())
    nav = "nav:\n  - index.md\n  - Strategy:\n" + "".join(
        f"    - {p.src_uri}\n" for p in site.pages if p.level is None or p.level in listed
    )
    projects = {"ladder": ladder}
    for variant in ("plain", "peer"):
        root = work / variant
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Benchmark\n")
        (root / "docs" / "ladder.css").write_text(stylesheet())
        for page in site.pages:
            name = page.node_id or "overview"
            if variant == "plain":
                text = _DIAGRAM.sub("<div>\n", page.markdown, count=1)
            else:
                text = _DIAGRAM.sub(lambda _m, source=sources[name]: f"<div>\n\n```dot\n{source}```\n\n", page.markdown, count=1)
            target = root / "docs" / page.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        plugins = "plugins:\n  - search\n" + ("  - mkdocs_graphviz\n" if variant == "peer" else "")
        (root / "mkdocs.yml").write_text(MKDOCS_HEAD + "extra_css:\n  - ladder.css\n" + plugins + nav)
        projects[variant] = root
    return projects


def make_history_project(ladder: Path, root: Path, commits: int) -> Path:
    """The ladder project in a git repository with ``commits`` commits, one a day up to the
    benchmark's date: the first holds every initiative with no step done, and each later one
    brings a share of the initiatives to their final state (the last commit is the tree)."""
    shutil.copytree(ladder, root, ignore=shutil.ignore_patterns(".cache", "site"))
    # Both configs turn off the two rules that a synthetic history trips on most initiatives (they were
    # all written long ago): thousands of warnings would measure logging, not history.
    quiet = "      health: {no-recent-progress: 'off', stale-review: 'off'}\n"
    (root / "mkdocs.yml").write_text(MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n" + quiet)
    (root / "mkdocs-off.yml").write_text(MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n      history: false\n" + quiet)
    (root / ".gitignore").write_text(".cache/\nsite/\n")
    files = sorted((root / "strategy" / "initiatives").glob("*.yaml"))
    final = {f: f.read_text() for f in files}
    for f in files:
        f.write_text(final[f].replace("done: true", "done: false"))
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "config", "user.email", "bench@example.com"], check=True)
    subprocess.run([*git, "config", "user.name", "Bench"], check=True)
    start = datetime.fromtimestamp(int(EPOCH), tz=UTC).date() - timedelta(days=commits)
    groups = [files[i :: max(1, commits - 1)] for i in range(max(1, commits - 1))]
    for index in range(commits):
        if index:
            for f in groups[index - 1]:
                f.write_text(final[f])
        stamp = f"{(start + timedelta(days=index)).isoformat()}T12:00:00+00:00"
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run(
            [*git, "commit", "-q", "--allow-empty", "-m", f"day {index}"],
            check=True,
            env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
        )
    assert all(f.read_text() == final[f] for f in files)
    # Packed, as a clone (actions/checkout with fetch-depth: 0) holds it: 5,000 loose objects
    # made git log alone four times slower than in any repository a build meets in CI.
    subprocess.run([*git, "gc", "--quiet"], check=True)
    return root


def make_zensical_project(ladder: Path, root: Path) -> Path:
    """The ladder project for Zensical: the same tree and docs, ``zensical.toml`` as
    ``ladder init --generator zensical`` writes it, and the options in ``ladder.yml``."""
    from mkdocs_ladder.authoring.scaffold import ZENSICAL_CONFIG

    shutil.copytree(ladder, root, ignore=shutil.ignore_patterns(".cache", "site", "mkdocs.yml"))
    (root / "zensical.toml").write_text(ZENSICAL_CONFIG.replace('site_name = "Our strategy"', 'site_name = "Benchmark"'))
    (root / "ladder.yml").write_text("history: false\n")  # as the plugin's variants
    return root


WORK_REPOSITORIES = ("app", "api", "web")


def make_work_repository(root: Path, integrations: int, n: int, days: int, seed: int) -> None:
    """A repository of ``integrations`` on its main branch, spread over the ``days`` before the
    benchmark's date, made with ``git fast-import`` (seconds, not minutes): four in five are
    direct or squash commits, one in five a merge of three commits; two in three link to a
    random initiative (of ``n``) with a ``Ladder:`` trailer, one in fifty to an id that names no node."""
    rng = random.Random(seed)
    end = int(EPOCH) - 3600
    start = end - days * 86400
    out: list[str] = []
    mark = 0

    def commit(ref: str, when: int, message: str, parents: list[int]) -> int:
        nonlocal mark
        mark += 1
        data = message.encode()
        out.append(f"commit {ref}\nmark :{mark}\ncommitter Bench <bench@example.com> {when} +0000\ndata {len(data)}\n{message}\n")
        if parents:
            out.append(f"from :{parents[0]}\n" + "".join(f"merge :{p}\n" for p in parents[1:]))
        out.append(f"M 644 inline f{mark % 97}.txt\ndata 8\n{mark:07d}\n\n")
        return mark

    def message(subject: str) -> str:
        roll = rng.random()
        if roll < 0.02:
            return f"{subject}\n\nLadder: i{rng.randrange(n):05d}x\n"
        if roll < 0.67:
            return f"{subject}\n\nLadder: i{rng.randrange(n):05d}\n"
        return f"{subject}\n"

    tip = 0
    times = sorted(rng.randrange(start, end) for _ in range(integrations))
    for index, when in enumerate(times):
        parents = [tip] if tip else []
        if index % 5 == 4 and tip:
            side = tip
            for k in range(3):
                side = commit(f"refs/heads/topic{index}", when - 600 + k, message(f"Part {k} of change {index}"), [side])
            tip = commit("refs/heads/main", when, f"Merge pull request #{index}\n", [tip, side])
            out.append(f"reset refs/heads/topic{index}\nfrom 0000000000000000000000000000000000000000\n\n")
        else:
            tip = commit("refs/heads/main", when, message(f"Change {index}"), parents)
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input="".join(out).encode(), check=True)
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True)
    subprocess.run(["git", "-C", str(root), "gc", "--quiet"], check=True)


def make_work_project(ladder: Path, root: Path, n: int, integrations: int) -> Path:
    """The ladder project beside three repositories that hold ``integrations`` in all within the
    window, in a git repository of its own (one commit: its history costs next to nothing).
    ``mkdocs.yml`` reads the three; ``mkdocs-off.yml`` reads none, and is the baseline."""
    shutil.copytree(ladder, root / "site", ignore=shutil.ignore_patterns(".cache", "site"))
    for index, name in enumerate(WORK_REPOSITORIES):
        share = integrations // len(WORK_REPOSITORIES) + (1 if index < integrations % len(WORK_REPOSITORIES) else 0)
        make_work_repository(root / name, share, n, 700, 1000 + index)
    project = root / "site"
    # Both configs turn off the rules that a synthetic tree of long ago and random links trip on
    # most initiatives: thousands of warnings would measure logging, not the work read.
    quiet = "      health: {no-recent-progress: 'off', stale-review: 'off', infrequent-integration: 'off', no-linked-work: 'off'}\n"
    repositories = ", ".join(f"'../{name}'" for name in WORK_REPOSITORIES)
    (project / "mkdocs.yml").write_text(
        MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n" + quiet + f"      work: {{own: false, repositories: [{repositories}]}}\n"
    )
    (project / "mkdocs-off.yml").write_text(MKDOCS_HEAD + "plugins:\n  - search\n  - ladder:\n" + quiet + "      work: {own: false}\n")
    (project / ".gitignore").write_text(".cache/\nsite/\n")
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    stamp = f"{(datetime.fromtimestamp(int(EPOCH), tz=UTC).date() - timedelta(days=1)).isoformat()}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "Bench",
           "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}  # fmt: skip
    subprocess.run([*git, "commit", "-q", "-m", "The tree"], check=True, env=env)
    return project


def spawn_projects(work: Path, n: int) -> dict[str, Path]:
    """make_projects in a child process: this process stays small, because a child's peak RSS
    starts at its parent's (fork copies it), which would blur every memory figure."""
    subprocess.run([sys.executable, __file__, "--make-projects", str(work), "--n", str(n)], check=True)
    return {name: work / name for name in ("ladder", "plain", "peer")}


def run(cmd: list[str], cwd: Path) -> tuple[float, int, float]:
    """Wall time, peak RSS (KiB) and CPU seconds (user and system) of the process.

    CPU seconds are the steadier figure on a shared machine, where another tenant's load can
    stretch wall time by a third between two runs of the same build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr.read().decode()[-3000:]}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def variants(projects: dict[str, Path], strict: bool) -> dict[str, tuple[list[str], Path, str]]:
    """name -> (command, folder, what to do first: "" / "cold" (empty the cache) / "edit" (change one file))."""
    build = [str(BIN / "mkdocs"), "build", "-q", *(["--strict"] if strict else [])]
    result = {
        "ladder cold": (build, projects["ladder"], "cold"),
        "ladder warm": (build, projects["ladder"], ""),
        "ladder edit": (build, projects["ladder"], "edit"),
        "plain": ([str(BIN / "mkdocs"), "build", "-q"], projects["plain"], ""),
        "check": ([str(BIN / "ladder"), "check", *(["--strict"] if strict else [])], projects["ladder"], ""),
    }
    if "peer" in projects:
        result["peer"] = ([str(BIN / "mkdocs"), "build", "-q"], projects["peer"], "")
    if "zensical" in projects:
        both = ["sh", "-c", f'"{BIN / "ladder"}" render >/dev/null && "{BIN / "zensical"}" build >/dev/null']
        result["zensical cold"] = (both, projects["zensical"], "zensical cold")
        result["zensical warm"] = (both, projects["zensical"], "")
    if "work" in projects:
        result["work cold"] = (build, projects["work"], "cold")
        result["work warm"] = (build, projects["work"], "")
        result["work off"] = ([*build, "-f", "mkdocs-off.yml"], projects["work"], "cold")
    if "history" in projects:
        result["history cold"] = (build, projects["history"], "cold")
        result["history warm"] = (build, projects["history"], "")
        result["history off"] = ([*build, "-f", "mkdocs-off.yml"], projects["history"], "cold")
    return result


def measure(projects: dict[str, Path], runs: int, names: list[str], strict: bool, alternate: bool = False) -> dict[str, dict[str, Any]]:
    """Each variant's median wall and CPU seconds, its peak memory, and its wall seconds round by
    round (``alternate``: every other round runs the variants in reverse order, so that a machine
    slowing down or speeding up during the run weighs on both sides of a pair alike)."""
    table = variants(projects, strict)
    samples: dict[str, list[tuple[float, int, float]]] = {name: [] for name in names}
    for round_ in range(runs + 1):  # round 0 is the warm-up
        for name in names[::-1] if alternate and round_ % 2 else names:
            cmd, cwd, first = table[name]
            if first == "cold":
                shutil.rmtree(cwd / ".cache", ignore_errors=True)
            elif first == "zensical cold":  # no caches, no rendered pages, no site
                for folder in (".cache", "site", "docs/strategy"):
                    shutil.rmtree(cwd / folder, ignore_errors=True)
            elif first == "edit":
                edited = cwd / "strategy" / "initiatives" / "i00001.yaml"
                edited.write_text(re.sub(r"^title: .*$", f"title: Edited in round {round_}", edited.read_text(), count=1, flags=re.M))
            elapsed, rss, cpu = run(cmd, cwd)
            if round_:
                samples[name].append((elapsed, rss, cpu))
            print(f"  {name:12s} round {round_}: {elapsed:7.2f} s  {cpu:7.2f} cpu s  {rss / 1024:7.1f} MiB", flush=True)
    return {
        name: {
            "seconds": statistics.median(s for s, _, _ in values),
            "peak_mib": max(r for _, r, _ in values) / 1024,
            "cpu_seconds": statistics.median(c for _, _, c in values),
            "rounds": [s for s, _, _ in values],
        }
        for name, values in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="initiatives (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each variant, after one warm-up (default 3)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out", help="work folder and results")
    parser.add_argument("--no-peer", action="store_true", help="leave out the peer (mkdocs-graphviz)")
    parser.add_argument("--no-growth", action="store_true", help="leave out the runs at N/2 and 2N")
    parser.add_argument("--strict", action="store_true", help="build and check with --strict")
    parser.add_argument("--history-commits", type=int, default=300, help="commits of the history variant (0: leave it out)")
    parser.add_argument("--no-zensical", action="store_true", help="leave out ladder render + zensical build")
    parser.add_argument(
        "--work-integrations", type=int, default=20000, help="integrations of the work variant, over 3 repositories (0: leave it out)"
    )
    parser.add_argument("--only", help="a comma-separated list of the variants to time (default: all), e.g. 'history cold,history off'")
    parser.add_argument(
        "--alternate",
        action="store_true",
        help="run the variants in reverse order every other round (for pairs of self-contained builds, such as 'work cold,work off')",
    )
    parser.add_argument("--make-projects", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_projects:
        make_projects(args.make_projects, args.n)
        return

    shutil.rmtree(args.out / "work", ignore_errors=True)
    results: dict[str, object] = {
        "n": args.n,
        "runs": args.runs,
        "strict": args.strict,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "graphviz": subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip(),
        },
    }
    print(f"== N = {args.n}")
    projects = spawn_projects(args.out / "work" / f"n{args.n}", args.n)
    if args.no_peer:
        projects.pop("peer")
    names = ["ladder cold", "ladder warm", "ladder edit", "plain", *([] if args.no_peer else ["peer"]), "check"]
    if not args.no_zensical:
        projects["zensical"] = make_zensical_project(projects["ladder"], args.out / "work" / f"n{args.n}" / "zensical")
        names += ["zensical cold", "zensical warm"]
    if args.history_commits:
        print(f"   (a history of {args.history_commits} commits)")
        projects["history"] = make_history_project(projects["ladder"], args.out / "work" / f"n{args.n}" / "history", args.history_commits)
        names += ["history cold", "history warm", "history off"]
    if args.work_integrations:
        print(f"   (3 repositories with {args.work_integrations} integrations)")
        projects["work"] = make_work_project(projects["ladder"], args.out / "work" / f"n{args.n}" / "work", args.n, args.work_integrations)
        names += ["work cold", "work warm", "work off"]
    if args.only:
        wanted = [name.strip() for name in args.only.split(",")]
        if unknown := [name for name in wanted if name not in names]:
            parser.error(f"--only: no variant {', '.join(map(repr, unknown))}; the variants: {', '.join(names)}")
        names = [name for name in names if name in wanted]
    main_figures = measure(projects, args.runs, names, args.strict, args.alternate)
    results["at_n"] = main_figures
    growth: dict[str, dict[str, dict[str, Any]]] = {}
    if not args.no_growth:
        for scale in (args.n // 2, args.n * 2):
            print(f"== N = {scale}")
            scaled = spawn_projects(args.out / "work" / f"n{scale}", scale)
            scaled.pop("peer")
            growth[str(scale)] = measure(scaled, args.runs, ["ladder cold", "plain", "check"], args.strict)
        results["growth_runs"] = growth

    f = main_figures
    nan = float("nan")

    def ratio(top: str, bottom: str, figure: str = "seconds") -> float:
        """A ratio of two variants' figures, or NaN when --only left either out."""
        return float(f[top][figure] / f[bottom][figure]) if top in f and bottom in f else nan

    def paired(top: str, bottom: str) -> float:
        """The median of the two variants' ratios round by round (each round's pair ran side by
        side, so a machine's drift over the run weighs less than on the ratio of the medians)."""
        if top not in f or bottom not in f:
            return nan
        return statistics.median(a / b for a, b in zip(f[top]["rounds"], f[bottom]["rounds"], strict=True))

    ratios = {
        "cold/plain": ratio("ladder cold", "plain"),
        "warm/plain": ratio("ladder warm", "plain"),
        "edit/plain": ratio("ladder edit", "plain"),
        "ladder/peer": ratio("ladder cold", "peer"),
        "check/plain": ratio("check", "plain"),
        "memory cold/plain": ratio("ladder cold", "plain", "peak_mib"),
    }
    if not args.no_zensical:
        ratios["zensical/ladder"] = ratio("zensical cold", "ladder cold")
        ratios["zensical/ladder cpu"] = ratio("zensical cold", "ladder cold", "cpu_seconds")
        ratios["zensical warm/ladder warm"] = ratio("zensical warm", "ladder warm")
        ratios["memory zensical/ladder"] = ratio("zensical cold", "ladder cold", "peak_mib")
    if args.history_commits:
        ratios["history/off"] = ratio("history cold", "history off")
        ratios["history/off cpu"] = ratio("history cold", "history off", "cpu_seconds")
        ratios["history warm/warm"] = ratio("history warm", "ladder warm")
        ratios["memory history/off"] = ratio("history cold", "history off", "peak_mib")
    if args.work_integrations:
        ratios["work/off"] = ratio("work cold", "work off")
        ratios["work/off cpu"] = ratio("work cold", "work off", "cpu_seconds")
        ratios["work/off paired"] = paired("work cold", "work off")
        ratios["work warm/warm"] = ratio("work warm", "ladder warm")
        ratios["memory work/off"] = ratio("work cold", "work off", "peak_mib")
    if growth:
        double = growth[str(args.n * 2)]
        ratios["growth ladder"] = double["ladder cold"]["seconds"] / f["ladder cold"]["seconds"] if "ladder cold" in f else nan
        ratios["growth plain"] = double["plain"]["seconds"] / f["plain"]["seconds"] if "plain" in f else nan
        ratios["growth check"] = double["check"]["seconds"] / f["check"]["seconds"] if "check" in f else nan
    results["ratios"] = ratios

    print(f"\n{'variant':14s} {'median s':>9s} {'cpu s':>9s} {'peak MiB':>9s}")
    for name, figures in f.items():
        print(f"{name:14s} {figures['seconds']:9.2f} {figures['cpu_seconds']:9.2f} {figures['peak_mib']:9.1f}")
    for scale, figures in growth.items():
        for name, fig in figures.items():
            print(f"{name + ' @' + scale:14s} {fig['seconds']:9.2f} {fig['peak_mib']:9.1f}")
    print()
    for name, value in ratios.items():
        print(f"{name:18s} {value:6.3f}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"results-n{args.n}{'-only' if args.only else ''}.json").write_text(json.dumps(results, indent=2))
    worst_growth = max(ratios.get("growth ladder", float("nan")), ratios.get("growth check", float("nan")))
    print(
        f"ratios: cold/plain={ratios['cold/plain']:.2f} warm/plain={ratios['warm/plain']:.2f} "
        f"ladder/peer={ratios['ladder/peer']:.2f} check/plain={ratios['check/plain']:.3f} growth={worst_growth:.2f}"
        f" history/off={ratios.get('history/off', nan):.2f} (cpu {ratios.get('history/off cpu', nan):.2f})"
        f" work/off={ratios.get('work/off', nan):.2f} (cpu {ratios.get('work/off cpu', nan):.2f}, paired {ratios.get('work/off paired', nan):.3f})"
        f" zensical/ladder={ratios.get('zensical/ladder', nan):.2f} (memory {ratios.get('memory zensical/ladder', nan):.2f})"
    )


if __name__ == "__main__":
    main()
