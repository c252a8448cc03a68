"""The caches: the disk cache's entries and pruning, the whole-result cache of a site, builds
that share a cache folder, and the bound on a folder that CI keeps between builds."""

from __future__ import annotations

import dataclasses
import gzip
import os
import shutil
import subprocess
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from mkdocs_ladder import sitecache, wiring
from mkdocs_ladder.cache import STALE_TMP_SECONDS, DiskCache
from mkdocs_ladder.errors import Problem, Severity
from mkdocs_ladder.health import HealthSettings
from mkdocs_ladder.project import Project
from mkdocs_ladder.publish import publish
from mkdocs_ladder.render.site import DiagramMode, PageOptions, Site, SitePage
from mkdocs_ladder.settings import Settings
from mkdocs_ladder.tree.model import Level

from .conftest import write_files
from .sites import BIN, BUILD_EPOCH, copy_fixture, run_build, with_options

DAY = 86_400


def folder_size(folder: Path) -> int:
    """The bytes of every file directly in ``folder``."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


# --- entries ----------------------------------------------------------------------------------------


def test_an_entry_is_read_back_and_a_missing_one_is_a_miss(tmp_path):
    cache = DiskCache(tmp_path / "c", 0.5)
    assert cache.read("a.svg") is None  # no folder yet
    cache.write("a.svg", b"<svg/>")
    assert cache.read("a.svg") == b"<svg/>"
    assert cache.read("b.svg") is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["a.svg"]  # no temporary file left


@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", "x.tmp", "a\\b"])
def test_an_entry_name_is_never_a_path(tmp_path, name):
    with pytest.raises(ValueError, match="not a cache entry name"):
        DiskCache(tmp_path, 0.5).write(name, b"x")


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    cache = DiskCache(tmp_path / "file" / "cache", 0.5)
    cache.write("a.svg", b"x")  # no error
    assert cache.read("a.svg") is None


# --- pruning ----------------------------------------------------------------------------------------


def entries(folder: Path, sizes: dict[str, int], ages: dict[str, float], now: float) -> None:
    folder.mkdir(exist_ok=True)
    for name, size in sizes.items():
        path = folder / name
        path.write_bytes(b"x" * size)
        os.utime(path, (now - ages[name], now - ages[name]))


def test_prune_keeps_what_was_used_and_a_margin_of_the_most_recently_used(tmp_path):
    now = 1_000_000.0
    sizes = {"used1": 600, "used2": 400, "recent": 300, "older": 150, "oldest": 100, "ancient": 50}
    ages = {"used1": 9 * DAY, "used2": 1, "recent": 10, "older": 20, "oldest": 30, "ancient": 40}
    entries(tmp_path, sizes, ages, now)
    pruned = DiskCache(tmp_path, 0.5).prune(["used1", "used2", "never-written"], now=now)
    # used: 1000 bytes, so a margin of 500: recent (300) and older (150) fit, oldest (100) does not,
    # and neither does ancient, though it would fit alone: the margin keeps the most recent run.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older", "recent", "used1", "used2"]
    assert (pruned.kept, pruned.kept_bytes, pruned.removed, pruned.removed_bytes) == (4, 1450, 2, 150)
    assert (tmp_path / "used1").stat().st_mtime == now  # a used entry is young again


def test_a_margin_of_zero_keeps_only_what_was_used(tmp_path):
    now = time.time()
    entries(tmp_path, {"a": 10, "b": 10}, {"a": 0, "b": 0}, now)
    DiskCache(tmp_path, 0).prune(["a"], now=now)
    assert [p.name for p in tmp_path.iterdir()] == ["a"]


def test_a_dead_builds_temporary_file_goes_once_it_is_old_and_a_live_ones_stays(tmp_path):
    now = time.time()
    entries(tmp_path, {"tmpdead.tmp": 5, "tmplive.tmp": 5}, {"tmpdead.tmp": STALE_TMP_SECONDS + 1, "tmplive.tmp": 1}, now)
    (tmp_path / "a-folder").mkdir()
    DiskCache(tmp_path, 0).prune([], now=now)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "tmplive.tmp"]


def test_pruning_a_folder_that_is_not_there_does_nothing(tmp_path):
    assert DiskCache(tmp_path / "none", 0.5).prune(["a"]).kept == 0


def test_readers_never_see_half_an_entry_while_others_write_and_prune(tmp_path):
    """Writers replace entries with large values while pruning with no margin; readers only
    ever see a whole value or a miss."""
    values = {f"e{i}.svg": bytes([65 + i]) * 400_000 for i in range(6)}
    stop = threading.Event()
    seen: list[bytes | None] = []
    errors: list[BaseException] = []

    def write_and_prune(offset: int) -> None:
        cache = DiskCache(tmp_path, 0)
        try:
            for round_ in range(40):
                names = list(values)[(round_ + offset) % 6 :][:3]
                for name in names:
                    cache.write(name, values[name])
                cache.prune(names)
        except BaseException as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)

    def read() -> None:
        cache = DiskCache(tmp_path, 0)
        while not stop.is_set():
            for name in values:
                seen.append(cache.read(name))

    writers = [threading.Thread(target=write_and_prune, args=(n,)) for n in range(2)]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in writers + readers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in readers:
        thread.join()
    assert errors == []
    whole = [value for value in seen if value is not None]
    assert whole and all(value in values.values() for value in whole)


# --- the whole result of a site ----------------------------------------------------------------------


def site_and_problems() -> tuple[list[Problem], Site]:
    problems = [Problem(Path("/s/strategy/a.yaml"), 3, 1, Severity.WARNING, "no owner", "missing-owner", "a", configurable=True)]
    pages = [
        SitePage("strategy/index.md", "# O\n", "Strategy", None, None, kind="overview"),
        SitePage("strategy/a/index.md", "# A\n", "A", "a", Level.STRATEGY, "mission"),
    ]
    return problems, Site(pages=pages, charts={"a~0": '<svg class="ladder-chart__svg"></svg><details></details>'})


def test_a_site_result_is_stored_and_read_back_whole(tmp_path):
    cache = DiskCache(tmp_path, 0.5)
    problems, site = site_and_problems()
    sitecache.store(cache, "k1", problems, site, {"overview": "d1", "a": "d2"})
    assert sitecache.load(cache, "k1") == (problems, site.pages, {"overview": "d1", "a": "d2"}, site.charts, site.files)
    assert sitecache.load(cache, "other") is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not gzip",
        gzip.compress(b"{not json"),
        gzip.compress(b"[]"),
        gzip.compress(b'{"problems": [], "pages": [{}], "diagrams": {}}'),
        gzip.compress(b"x" * 10)[:-4],
    ],
)
def test_a_damaged_site_result_is_a_miss(tmp_path, damage):
    (tmp_path / sitecache.entry_name("k")).write_bytes(damage)
    assert sitecache.load(DiskCache(tmp_path, 0.5), "k") is None


BASE_OPTIONS = wiring.page_options(Settings(), directory_urls=True)
BASE_HEALTH = dataclasses.replace(wiring.health_settings(Settings()), today=date(2026, 6, 1))


def key(
    root: Path, options: PageOptions = BASE_OPTIONS, health: HealthSettings = BASE_HEALTH, graphviz: str = "dot 2.43", history: str = "off"
) -> str:
    """The site cache's key of a project with these parts (as a project holds them once made)."""
    project = Project(Settings(history=False), root, root.parent)
    project.__dict__.update(options=options, health=health)
    return sitecache.site_key(project.source, {**project.state(DiagramMode.SLOT), "graphviz": graphviz, "history": history})


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    return copy_fixture("example", tmp_path / "p") / "strategy"


def test_the_key_is_the_same_for_the_same_inputs(strategy):
    assert key(strategy) == key(strategy)


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(PageOptions)])
def test_the_key_changes_with_each_page_option(strategy, field):
    value = getattr(BASE_OPTIONS, field)
    if field == "labels":
        other = wiring.labels_for(Settings(labels={"node.why": "Because"}), "en")
    elif field in ("kinds", "horizons", "sizes"):
        other = {**value, "spike": "A timeboxed look"}
    else:
        other = (not value) if isinstance(value, bool) else (value + 1 if isinstance(value, int) else value + "x")
    assert key(strategy, dataclasses.replace(BASE_OPTIONS, **{field: other})) != key(strategy)


@pytest.mark.parametrize(
    "health",
    [
        dataclasses.replace(BASE_HEALTH, levels={"missing-owner": "off"}),
        dataclasses.replace(BASE_HEALTH, limits=Settings(max_open_steps=3)),
        dataclasses.replace(BASE_HEALTH, limits=Settings(stale_days=7)),
        dataclasses.replace(BASE_HEALTH, today=BASE_HEALTH.today.replace(day=2)),
    ],
    ids=["levels", "max_open_steps", "stale_days", "date"],
)
def test_the_key_changes_with_each_health_setting_and_the_date(strategy, health):
    assert key(strategy, health=health) != key(strategy)


def test_the_key_changes_with_graphviz_the_history_and_every_file(strategy):
    before = key(strategy)
    assert key(strategy, graphviz="dot 9") != before
    assert key(strategy, history="False abc123 730") != before
    mission = strategy / "mission.yaml"
    mission.write_text(mission.read_text() + "# a comment\n")
    edited = key(strategy)
    assert edited != before
    (strategy / "initiatives" / "more.yaml").rename(strategy / "initiatives" / "renamed.yaml")
    assert key(strategy) != edited


# --- real builds --------------------------------------------------------------------------------------


def big_tree(project: Path, initiatives: int) -> Path:
    strategies = max(1, initiatives // 20)
    files: dict[str, str | bytes] = {
        "docs/index.md": "# Home\n",
        "mkdocs.yml": "site_name: t\ntheme:\n  name: material\nplugins:\n  - search\n  - ladder\n",
        "strategy/mission.yaml": "title: Grow\nowner: board\n",
    }
    for s in range(strategies):
        files[f"strategy/strategies/s{s:03d}.yaml"] = f"title: Strategy number {s}\nparent: mission\nowner: team-{s % 7}\n"
    for i in range(initiatives):
        files[f"strategy/initiatives/i{i:04d}.yaml"] = (
            f"title: Initiative number {i}\nparent: s{i % strategies:03d}\nowner: team-{i % 7}\n"
            f"why: Because {i} matters to strategy {i % strategies}.\n"
            "steps:\n  - title: First\n    done: true\n  - Second\n  - Third\nmetrics:\n  - name: Count\n    target: 10\n"
        )
    return write_files(project, files)


@pytest.mark.slow
def test_twenty_builds_with_one_file_edits_on_different_days_keep_the_cache_bounded(tmp_path, monkeypatch):
    project = big_tree(tmp_path / "p", 200)
    cache = project / ".cache" / "plugin" / "ladder"
    sizes = []
    for day in range(20):
        if day:
            edited = project / "strategy" / "initiatives" / f"i{day * 7:04d}.yaml"
            edited.write_text(edited.read_text().replace("Initiative number", f"Initiative (edit {day}) number"))
        epoch = str(int(BUILD_EPOCH) + day * DAY)
        assert run_build(project, strict=True, env={"SOURCE_DATE_EPOCH": epoch}).ok
        sizes.append(folder_size(cache))
    assert max(sizes) <= 2 * sizes[0], sizes
    print(f"cache after build 1: {sizes[0]} bytes; largest: {max(sizes)}; after build 20: {sizes[-1]}")
    # What the last build used is all still there: the same build again is reused whole.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_EPOCH) + 19 * DAY))
    again = publish(Project(Settings(), project / "strategy", project))  # as the plugin asks
    assert again.from_cache and again.pruned is not None and again.pruned.removed == 0
    assert folder_size(cache) == sizes[-1]


@pytest.mark.slow
def test_builds_sharing_a_cache_folder_never_fail_because_of_each_other(tmp_path):
    shared = tmp_path / "shared-cache"
    projects = [with_options(copy_fixture("example", tmp_path / f"p{n}"), cache_dir=str(shared), cache_margin=0) for n in range(2)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    for round_ in range(4):
        source = projects[round_ % 2] / "strategy" / "initiatives" / "onboarding.yaml"
        source.write_text(source.read_text().replace("Self-serve onboarding", f"Self-serve onboarding {round_}", 1))
        running = [
            subprocess.Popen(
                [str(BIN / "mkdocs"), "build", "--strict"], cwd=p, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for p in projects
        ]
        outputs = [proc.communicate(timeout=300)[0] for proc in running]
        assert [proc.returncode for proc in running] == [0, 0], outputs
    assert not list(shared.glob("*.tmp"))


def test_the_key_changes_with_ladders_own_files_whatever_its_version(tmp_path):
    """An editable install keeps its version while its templates change: the whole site was read
    back from the cache as the old templates had made it."""
    package = tmp_path / "mkdocs_ladder"
    shutil.copytree(Path(sitecache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = sitecache.code_fingerprint(package)
    assert sitecache.code_fingerprint(package) == before
    (package / "render" / "templates" / "node.md.j2").write_text("# changed\n")
    sitecache.code_fingerprint.cache_clear()
    changed = sitecache.code_fingerprint(package)
    (package / "render" / "notes.txt").write_text("not code")  # nor a template, a style or the script
    sitecache.code_fingerprint.cache_clear()
    assert changed != before and sitecache.code_fingerprint(package) == changed
    assert before == sitecache.code_fingerprint()  # the same files as the installed package: the same hash
