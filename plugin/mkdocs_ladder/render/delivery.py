"""What the pages show of the work delivered (:mod:`..work`): a node's Work section and the
work page, as plain data and ready charts (:mod:`.charts`) for the templates.

Commit subjects, trailer values and repository names come from anyone who can push: they reach
the templates as plain text, which the environment's ``finalize`` makes inert, and the charts
only through :func:`.text.inline`. A commit's link is made here, from a remote that names a
forge (:mod:`..work.forges`), or there is none.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.render.charts import Series, bar_chart, figures_table, line_chart
from mkdocs_ladder.render.text import first_upper, inline, url
from mkdocs_ladder.render.timeline import RECENT_DAYS, Chart
from mkdocs_ladder.tree.model import Level, Node, Tree
from mkdocs_ladder.work.forges import commit_url
from mkdocs_ladder.work.model import Delivered, Figures, Linked, UnknownId, linked_share, unlinked, weekly_counts, weekly_share

WEEKS = 26  # the charts: the last 26 weeks
LATEST = 10  # the integrations listed: the last ten


@dataclass(frozen=True, slots=True)
class Shown:
    """One integration as a page lists it: its subject is the author's text, as written."""

    day: date
    repository: str
    subject: str
    short: str  # the commit's short id
    url: str | None  # its page on its forge, or None
    commits: int


@dataclass(frozen=True, slots=True)
class WorkSection:
    """A node's Work section."""

    figures: Figures
    latest: list[Shown]
    chart: Chart
    days: int  # the window, in days


@dataclass(frozen=True, slots=True)
class RepositoryView:
    """A repository on the work page: its share of linked work, week by week."""

    name: str
    warning: str | None
    total: int
    linked: int
    chart: Chart | None
    unknown: list[tuple[UnknownId, str | None]]  # each with its commit's link
    unlinked: list[Shown]


def shown(linked: Linked, delivered: Delivered) -> Shown:
    i = delivered.integration
    remote = linked.work.remote(delivered.repository)
    return Shown(i.day, delivered.repository, i.subject, i.sha[:10], commit_url(remote, i.sha), len(i.commits))


def integrations_table(items: list[Shown], label: str, t: Labels, with_repository: bool = True) -> Markup:
    """Integrations as a table: date, repository, subject (as text), the commit (a link to its
    forge, or its short id) and how many commits it holds. Made here rather than in a template:
    at thousands of pages, a template's macro cost more than the rest of the Work section."""
    rows = []
    for item in items:
        short = f"<code>{inline(item.short)}</code>"
        commit = f'<a href="{url(item.url)}" rel="noopener noreferrer">{short}</a>' if item.url else short
        where = f"<td>{inline(item.repository)}</td>" if with_repository else ""
        rows.append(
            f"<tr><td>{_time(item.day)}</td>{where}<td>{inline(item.subject)}</td><td>{commit}</td>"
            f'<td class="ladder-count">{item.commits}</td></tr>\n'
        )
    return Markup(
        f'<div class="ladder-table ladder-integrations" role="region" aria-label="{inline(label)}" tabindex="0">\n'
        f"<table>\n{_table_head(t, with_repository)}\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>"
    )


@functools.lru_cache(maxsize=16)
def _table_head(t: Labels, with_repository: bool) -> str:
    """The head of :func:`integrations_table`: the same on every page."""
    repository = f"<th>{inline(t('work.repository'))}</th>" if with_repository else ""
    return (
        f"<thead><tr><th>{inline(first_upper(t('history.date')))}</th>{repository}<th>{inline(t('work.subject'))}</th>"
        f'<th>{inline(t("work.commit"))}</th><th class="ladder-count">{inline(first_upper(t("work.commits")))}</th></tr></thead>'
    )


@functools.lru_cache(maxsize=4096)
def _time(day: date) -> str:
    """A date as a ``<time>`` element: the same days recur on thousands of pages."""
    text = inline(day.isoformat())
    return f'<time datetime="{text}">{text}</time>'


def work_html(section: WorkSection, level: Level, t: Labels) -> Markup:
    """A node's Work section as HTML: its figures, its chart with its table, and its latest
    integrations; or a line that says no commit links to it. Every value goes through
    :func:`.text.inline`; every fixed word is a label. Made here rather than in a template, as
    :func:`integrations_table` is: it is on every one of thousands of pages."""
    f = section.figures
    if not f.integrations or f.first is None or f.last is None:
        return Markup(
            f'<div class="ladder-work">\n<p class="ladder-empty">{inline(t("work.none", level=t.level(level), days=section.days))}</p>\n</div>'
        )
    values = (
        inline(f.integrations),
        inline(f.commits),
        inline(f"{f.per_week:g}"),
        inline(t.count("count.days", f.longest_gap)),
        _time(f.first),
        f"{_time(f.last)} ({inline(t.count('work.days_ago', f.days_since or 0))})",
    )
    listed = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>\n" for name, value in zip(_figure_names(t), values, strict=True))
    chart, latest = _work_words(t)
    return Markup(
        f'<div class="ladder-work">\n<dl class="ladder-work__figures">\n{listed}</dl>\n'
        f'<figure class="ladder-chart" data-search-exclude><figcaption>{chart}</figcaption>'
        f"{section.chart.svg}{section.chart.table}</figure>\n"
        f'<p class="ladder-work__label">{latest}</p>\n{integrations_table(section.latest, t("work.latest"), t)}\n</div>'
    )


@functools.lru_cache(maxsize=16)
def _figure_names(t: Labels) -> tuple[str, ...]:
    """The names of a Work section's figures, as HTML: the same on every page."""
    names = (
        first_upper(t("work.integrations")),
        first_upper(t("work.commits")),
        t("work.per_week"),
        t("work.longest_gap"),
        t("work.first"),
        t("work.last"),
    )
    return tuple(inline(name) for name in names)


@functools.lru_cache(maxsize=16)
def _work_words(t: Labels) -> tuple[str, str]:
    """The chart's caption and the list's heading, as HTML."""
    return inline(t("work.chart", weeks=WEEKS)), inline(t("work.latest"))


@functools.lru_cache(maxsize=1024)
def _iso(day: date) -> str:
    return day.isoformat()


@functools.lru_cache(maxsize=1024)
def _week_label(monday: date, index: int) -> str:
    return monday.strftime("%m-%d") if index % 5 == 0 else ""  # a label every fifth week: the bars stay legible


def work_section(tree: Tree, node: Node, linked: Linked, t: Labels) -> WorkSection:
    """A node's Work section: its figures, its last integrations and its weekly chart."""
    work = linked.nodes.get(node.id, [])
    today = linked.work.today
    weeks = weekly_counts(work, today, WEEKS)
    total = sum(n for _, n in weeks)
    alt = t(
        "work.chart_alt",
        title=node.title,
        n=total,
        weeks=WEEKS,
        most=max(n for _, n in weeks),
        last=weeks[-1][1],
        day=weeks[-1][0].isoformat(),
    )
    chart = Chart(
        bar_chart([(_week_label(m, i), n) for i, (m, n) in enumerate(weeks)], alt),
        figures_table((t("work.week"), t("work.integrations")), [(_iso(m), n) for m, n in weeks], t("history.figures")),
    )
    latest = [shown(linked, d) for d in reversed(work[-LATEST:])]
    return WorkSection(linked.figures(node.id), latest, chart, (today - linked.work.since).days)


def recent_counts(tree: Tree, linked: Linked | None) -> dict[str, int] | None:
    """Each node's integrations in the last RECENT_DAYS days (None: no column, as linking is not in use)."""
    if linked is None or not linked.in_use:
        return None
    return {node_id: linked.recent(node_id, RECENT_DAYS) for node_id in tree.nodes}


def repositories(tree: Tree, linked: Linked, t: Labels) -> list[RepositoryView]:
    """The work page: every repository read, with its linked share and what ladders up to nothing."""
    views = []
    for repository in linked.work.repositories:
        name = repository.source.name
        if not repository.available:
            views.append(RepositoryView(name, repository.warning or repository.note, 0, 0, None, [], []))
            continue
        work = linked.work.delivered(name)
        linked_count, total = linked_share(work, tree.nodes)
        latest = [shown(linked, d) for d in unlinked(work, tree.nodes, LATEST)]
        unknown = [(u, commit_url(repository.remote, u.sha)) for u in linked.unknown if u.repository == name]
        views.append(RepositoryView(name, None, total, linked_count, _share_chart(name, work, tree, linked.work.today, t), unknown, latest))
    return views


def _share_chart(name: str, work: list[Delivered], tree: Tree, today: date, t: Labels) -> Chart | None:
    weeks = weekly_share(work, tree.nodes, today, WEEKS)
    points: list[tuple[date, float]] = [(monday, round(100 * linked / total)) for monday, linked, total in weeks if total]
    if not points:
        return None
    series_name = t("work.share_series")
    alt = t("work.share_alt", name=name, weeks=WEEKS, last=points[-1][1], day=points[-1][0].isoformat())
    svg = line_chart([Series("ladder-chart__done", series_name, points, step=False)], today, alt, ceiling=100)
    rows: list[tuple[object, ...]] = [(m.isoformat(), n, total, f"{round(100 * n / total)}%" if total else "") for m, n, total in weeks]
    header = (t("work.week"), t("work.linked"), t("work.integrations"), series_name)
    return Chart(svg, figures_table(header, rows, t("history.figures")))
