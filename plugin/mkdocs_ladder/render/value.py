"""Where the value is: on the overview and on each strategy's page, the open initiatives' value
against their effort (an inline SVG chart with its text alternative and a table, like the
other charts), the share of the expected value that the top fifth of them holds, and the small
bets with big value, listed first.

Sizes weigh what the site's scale says (S 1, M 2, L 4, XL 8 by default). Every value reaches
the HTML through :func:`.text.inline`; every fixed word is a label.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from mkdocs_ladder.labels import Labels
from mkdocs_ladder.render.charts import figures_table, svg_open
from mkdocs_ladder.render.text import inline
from mkdocs_ladder.tree.model import Node

BETS = 5  # the small bets listed
_W, _H, _LEFT, _BOTTOM, _TOP, _RIGHT = 360, 240, 56, 40, 10, 10


def top_fifth_share(weights: Sequence[float]) -> tuple[int, float]:
    """(how many make the top fifth, the share of the total they hold, 0 to 1): the 20/80 question."""
    ordered = sorted(weights, reverse=True)
    if not ordered or not sum(ordered):
        return 0, 0.0
    top = math.ceil(len(ordered) / 5)
    return top, sum(ordered[:top]) / sum(ordered)


def small_bets(nodes: Sequence[Node], sizes: Mapping[str, float]) -> list[Node]:
    """The open initiatives with a value and an effort, the most value for the least effort first."""
    sized = [n for n in nodes if n.status.is_open and n.value in sizes and n.effort in sizes]
    return sorted(sized, key=lambda n: (-sizes[str(n.value)] / sizes[str(n.effort)], -sizes[str(n.value)], n.title))


def value_html(nodes: Sequence[Node], sizes: Mapping[str, float], t: Labels, link: Callable[[str], str], plural: str) -> Markup | None:
    """The section, or None when none of ``nodes`` has a value."""
    valued = [n for n in nodes if n.status.is_open and n.value in sizes]
    if not valued:
        return None
    top, share = top_fifth_share([sizes[str(n.value)] for n in valued])
    parts = [
        f'<p class="ladder-value__share">{inline(t("value.share", plural=plural, top=top, n=len(valued), percent=round(100 * share)))}</p>'
    ]
    bets = small_bets(nodes, sizes)
    if bets:
        parts.append(_chart(bets, sizes, t, plural))
        items = "".join(
            f'<li><a href="{inline(link(n.id))}">{inline(n.title)}</a> · {inline(t("roadmap.sizes", value=n.value, effort=n.effort))}</li>'
            for n in bets[:BETS]
        )
        parts.append(f'<p class="ladder-value__label">{inline(t("value.bets"))}</p>\n<ol class="ladder-value__bets">{items}</ol>')
    return Markup('<div class="ladder-value">\n' + "\n".join(parts) + "\n</div>")


def _chart(bets: Sequence[Node], sizes: Mapping[str, float], t: Labels, plural: str) -> str:
    """Value (up) against effort (across), a disc for each cell with how many sit there."""
    scale = list(sizes)
    step_x = (_W - _LEFT - _RIGHT) / len(scale)
    step_y = (_H - _TOP - _BOTTOM) / len(scale)
    cells: dict[tuple[int, int], int] = {}
    for n in bets:
        key = (scale.index(str(n.effort)), scale.index(str(n.value)))
        cells[key] = cells.get(key, 0) + 1
    big = sum(1 for n in bets if sizes[str(n.value)] >= sizes[str(n.effort)] * 2)
    alt = t("value.chart_alt", n=len(bets), plural=plural, bets=big)
    svg = [
        svg_open(alt, _W, _H),
        f'<path class="ladder-chart__axis" d="M{_LEFT} {_TOP}V{_H - _BOTTOM}H{_W - _RIGHT}"/>',
    ]
    for index, size in enumerate(scale):
        x, y = _LEFT + step_x * (index + 0.5), _H - _BOTTOM - step_y * (index + 0.5)
        svg.append(f'<text class="ladder-chart__label" x="{x:.1f}" y="{_H - _BOTTOM + 14}" text-anchor="middle">{inline(size)}</text>')
        svg.append(f'<text class="ladder-chart__label" x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{inline(size)}</text>')
    svg.append(
        f'<text class="ladder-chart__label" x="{(_LEFT + _W - _RIGHT) / 2:.1f}" y="{_H - 6}" text-anchor="middle">{inline(t("value.effort"))}</text>'
    )
    svg.append(
        f'<text class="ladder-chart__label" x="12" y="{(_TOP + _H - _BOTTOM) / 2:.1f}" text-anchor="middle" transform="rotate(-90 12 {(_TOP + _H - _BOTTOM) / 2:.1f})">{inline(t("value.value"))}</text>'
    )
    for (ex, vy), count in sorted(cells.items()):
        x, y = _LEFT + step_x * (ex + 0.5), _H - _BOTTOM - step_y * (vy + 0.5)
        radius = min(step_x, step_y) * 0.2 * (1 + math.log2(count))
        r = min(radius, min(step_x, step_y) * 0.45)
        svg.append(f'<circle class="ladder-chart__bar" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>')
        svg.append(f'<text class="ladder-chart__label" x="{x + r + 3:.1f}" y="{y + 4:.1f}">{count}</text>')
    svg.append("</svg>")
    table = figures_table(
        (t("value.initiative"), t("value.value"), t("value.effort")),
        [(n.title, str(n.value), str(n.effort)) for n in bets],
        t("history.figures"),
    )
    return f'<figure class="ladder-chart ladder-value__chart" data-search-exclude><figcaption>{inline(t("value.chart"))}</figcaption>{"".join(svg)}{table}</figure>'
