"""What a change does to the tree, for a pull request: ``ladder diff BASE [HEAD]``.

Two checked trees go in (from :mod:`.sources`, usually two git revisions); out comes a
:class:`TreeDiff`: nodes added, removed, renamed (a new id for the same node, or a new title),
re-parented, status and owner changes, steps completed, and the health warnings the change
introduces or clears. It prints as Markdown for a pull-request comment, or as JSON.

Health warnings are matched by rule and node, not by their wording, so a warning whose
message only counts days does not show as cleared and introduced again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mkdocs_ladder.check import Checked, HistoryFor, check_directory
from mkdocs_ladder.errors import Problem, Severity
from mkdocs_ladder.health import HealthSettings
from mkdocs_ladder.history import HistoryOptions, HistoryReader
from mkdocs_ladder.labels import MESSAGES
from mkdocs_ladder.metrics.model import Measured
from mkdocs_ladder.render.text import github
from mkdocs_ladder.tree.model import Level, Metric, Node, Tree
from mkdocs_ladder.tree.names import LevelNames
from mkdocs_ladder.tree.sources import GitSource
from mkdocs_ladder.work.model import Work


@dataclass(frozen=True, slots=True)
class NodeRef:
    id: str
    title: str
    level: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Move:
    id: str
    title: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class StepsDone:
    id: str
    title: str
    completed: list[str]
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class MetricChange:
    """A metric a node names anew, or whose target or date it changes (``before``: None when new)."""

    id: str
    title: str
    metric: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class HealthWarning:
    id: str
    rule: str
    message: str


@dataclass(slots=True)
class TreeDiff:
    base: str
    head: str
    added: list[NodeRef] = field(default_factory=list)
    removed: list[NodeRef] = field(default_factory=list)
    renamed: list[Move] = field(default_factory=list)  # before/after are ids
    retitled: list[Move] = field(default_factory=list)  # before/after are titles
    reparented: list[Move] = field(default_factory=list)
    status: list[Move] = field(default_factory=list)
    owner: list[Move] = field(default_factory=list)
    steps_completed: list[StepsDone] = field(default_factory=list)
    catalogue_added: list[str] = field(default_factory=list)  # metric ids the catalogue gained
    catalogue_removed: list[str] = field(default_factory=list)
    metrics_added: list[MetricChange] = field(default_factory=list)
    metrics_retargeted: list[MetricChange] = field(default_factory=list)
    health_introduced: list[HealthWarning] = field(default_factory=list)
    health_cleared: list[HealthWarning] = field(default_factory=list)
    base_errors: int = 0
    head_errors: int = 0

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in _SECTIONS)

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"empty": self.empty}


_SECTIONS = (
    "added",
    "removed",
    "renamed",
    "retitled",
    "reparented",
    "status",
    "owner",
    "steps_completed",
    "catalogue_added",
    "catalogue_removed",
    "metrics_added",
    "metrics_retargeted",
    "health_introduced",
    "health_cleared",
)


def _ref(tree: Tree, node: Node) -> NodeRef:
    return NodeRef(node.id, node.title, tree.level(node.id).noun, node.parent)


def _warnings(checked: Checked) -> dict[tuple[str, str, int], Problem]:
    """Each health finding by node, rule and place among that rule's findings at that node (the
    mission may hold several of one rule: one per repository, or per unknown id)."""
    found: dict[tuple[str, str, int], Problem] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for p in checked.problems:
        if p.configurable and p.node is not None:
            found[p.node, p.rule, seen[p.node, p.rule]] = p
            seen[p.node, p.rule] += 1
    return found


def _errors(checked: Checked) -> int:
    return sum(1 for p in checked.problems if p.severity is Severity.ERROR)


@dataclass(frozen=True, slots=True)
class Read:
    """What both sides of a diff are checked with besides their files: the work and the metrics read."""

    work: Work | None = None
    measured: Measured | None = None


def diff_revisions(
    root: Path, base: str, head: str | None, health: HealthSettings, history_days: int | None, read: Read | None = None
) -> TreeDiff:
    """What the tree in ``root`` went through from git revision ``base`` to ``head`` (None: the
    working tree), each side checked with its own history (``history_days`` None: none read)
    and with the same work and metrics read (``read``), as each side's tree names them."""
    read = read or Read()
    reader = HistoryReader.of(root, HistoryOptions(history_days or 1, None), health.today)

    def history_at(revision: str | None) -> HistoryFor | None:
        return None if history_days is None else (lambda tree, versions: reader(tree, versions, revision))

    before = check_directory(GitSource.of(root, base), health, history_at(base), read.work, read.measured)
    after = check_directory(GitSource.of(root, head) if head else root, health, history_at(head), read.work, read.measured)
    return diff_trees(before, after, base, head or "working tree")


def diff_trees(base: Checked, head: Checked, base_label: str, head_label: str) -> TreeDiff:
    """Compare what each side could load (a side with errors is compared as far as it loaded)."""
    before, after = base.tree or base.partial, head.tree or head.partial
    result = TreeDiff(base_label, head_label, base_errors=_errors(base), head_errors=_errors(head))
    if before is None or after is None:
        return result
    gone = [n for i, n in before.nodes.items() if i not in after.nodes]
    new = [n for i, n in after.nodes.items() if i not in before.nodes]
    for old in list(gone):  # a new id for the same node: same level and title
        twin = next((n for n in new if n.title == old.title and after.level(n.id) is before.level(old.id)), None)
        if twin is not None:
            result.renamed.append(Move(twin.id, twin.title, old.id, twin.id))
            gone.remove(old)
            new.remove(twin)
    result.added = [_ref(after, n) for n in new]
    result.removed = [_ref(before, n) for n in gone]
    pairs = [(before.nodes[i], n) for i, n in after.nodes.items() if i in before.nodes]
    pairs += [(before.nodes[m.before], after.nodes[m.after]) for m in result.renamed if m.before and m.after]
    for old, now in pairs:
        if old.title != now.title:
            result.retitled.append(Move(now.id, now.title, old.title, now.title))
        if old.parent != now.parent:
            result.reparented.append(Move(now.id, now.title, old.parent, now.parent))
        if old.status is not now.status:
            result.status.append(Move(now.id, now.title, old.status.value, now.status.value))
        if old.owner != now.owner:
            result.owner.append(Move(now.id, now.title, old.owner, now.owner))
        was_done = {s.title for s in old.steps if s.done}
        completed = [s.title for s in now.steps if s.done and s.title not in was_done]
        if completed:
            result.steps_completed.append(StepsDone(now.id, now.title, completed, now.steps_done, len(now.steps)))
        _metric_changes(old, now, result)
    old_catalogue = before.catalogue.metrics if before.catalogue else {}
    new_catalogue = after.catalogue.metrics if after.catalogue else {}
    result.catalogue_added = [m for m in new_catalogue if m not in old_catalogue]
    result.catalogue_removed = [m for m in old_catalogue if m not in new_catalogue]
    if base.tree is not None and head.tree is not None:
        old_warnings, new_warnings = _warnings(base), _warnings(head)
        renamed: dict[str, str] = {}
        for move in result.renamed:
            if move.before is not None and move.after is not None:
                renamed[move.before] = move.after
        old_keys = {(renamed.get(node, node), rule, i): p for (node, rule, i), p in old_warnings.items()}
        result.health_introduced = [HealthWarning(k[0], k[1], p.message) for k, p in new_warnings.items() if k not in old_keys]
        result.health_cleared = [HealthWarning(k[0], k[1], p.message) for k, p in old_keys.items() if k not in new_warnings]
    return result


def _goal(metric: Metric) -> str:
    """A metric's target and date as the diff says them: ``500 by 2027-06-30``."""
    target = "no target" if metric.target is None else str(metric.target)
    return target + (f" by {metric.by.isoformat()}" if metric.by else "")


def _metric_changes(old: Node, now: Node, result: TreeDiff) -> None:
    """The metrics ``now`` names that ``old`` did not, and those whose target or date changed."""
    before = {m.key: m for m in old.metrics}
    for metric in now.metrics:
        was = before.get(metric.key)
        if was is None:
            result.metrics_added.append(MetricChange(now.id, now.title, metric.key, None, _goal(metric)))
        elif (was.target, was.by) != (metric.target, metric.by):
            result.metrics_retargeted.append(MetricChange(now.id, now.title, metric.key, _goal(was), _goal(metric)))


def _metric_lines(d: TreeDiff) -> list[str]:
    """The diff's metrics section: the catalogue's new and removed metrics, then the nodes'."""
    return (
        [f"- catalogue: `{m}` added" for m in d.catalogue_added]
        + [f"- catalogue: `{m}` removed" for m in d.catalogue_removed]
        + [f"- `{c.id}` {_q(c.title)} names `{c.metric}`: {_q(c.after)}" for c in d.metrics_added]
        + [f"- `{c.id}` {_q(c.title)} retargets `{c.metric}`: {_q(c.before)} → **{_q(c.after)}**" for c in d.metrics_retargeted]
    )


def _q(text: str | None) -> str:
    """Author text for a pull-request comment: shown as written, never as Markdown or HTML."""
    return github(text) if text is not None else "(none)"


def to_markdown(d: TreeDiff, names: LevelNames | None = None) -> str:
    """A summary fit for a pull-request comment (``names``: the levels' names, English by default)."""
    names = names or LevelNames.english()

    def level(noun: str) -> str:
        return names.noun(Level[noun.upper()]) if noun.upper() in Level.__members__ else noun

    lines = [f"### Strategy changes: `{d.base}` → `{d.head}`", ""]
    if d.head_errors:
        lines += [f"> **{MESSAGES.count('count.errors', d.head_errors)}** in the tree at `{d.head}`: run `ladder check`.", ""]
    if d.empty:
        lines.append("No changes to the strategy tree.")
        return "\n".join(lines) + "\n"
    counts = [
        (len(d.added), "added", "added"),
        (len(d.removed), "removed", "removed"),
        (len(d.renamed) + len(d.retitled), "renamed", "renamed"),
        (len(d.reparented), "re-parented", "re-parented"),
        (len(d.status), "status change", "status changes"),
        (len(d.owner), "owner change", "owner changes"),
        (sum(len(s.completed) for s in d.steps_completed), "step completed", "steps completed"),
        (len(d.catalogue_added) + len(d.metrics_added), "metric added", "metrics added"),
        (len(d.metrics_retargeted), "metric retargeted", "metrics retargeted"),
        (len(d.health_introduced), "health warning introduced", "health warnings introduced"),
        (len(d.health_cleared), "health warning cleared", "health warnings cleared"),
    ]
    lines += ["**" + " · ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n) + "**", ""]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"#### {title}", "", *items, ""])

    section("Added", [f"- {level(r.level)} `{r.id}` {_q(r.title)}" + (f" under `{r.parent}`" if r.parent else "") for r in d.added])
    section("Removed", [f"- {level(r.level)} `{r.id}` {_q(r.title)}" for r in d.removed])
    section(
        "Renamed",
        [f"- `{m.before}` → `{m.after}` ({_q(m.title)})" for m in d.renamed]
        + [f"- `{m.id}`: {_q(m.before)} → {_q(m.after)}" for m in d.retitled],
    )
    section("Re-parented", [f"- `{m.id}` {_q(m.title)}: `{m.before}` → `{m.after}`" for m in d.reparented])
    section("Status", [f"- `{m.id}` {_q(m.title)}: {m.before} → **{m.after}**" for m in d.status])
    section("Owner", [f"- `{m.id}` {_q(m.title)}: {_q(m.before)} → {_q(m.after)}" for m in d.owner])
    section(
        "Steps completed",
        [
            f"- `{s.id}` {_q(s.title)}: " + "; ".join(_q(t) for t in s.completed) + f" ({s.done} of {s.total} done)"
            for s in d.steps_completed
        ],
    )
    section("Metrics", _metric_lines(d))
    section(
        "Health",
        [f"- ⚠️ introduced: `{w.id}`: {_q(w.message)} `{w.rule}`" for w in d.health_introduced]
        + [f"- ✅ cleared: `{w.id}`: {_q(w.message)} `{w.rule}`" for w in d.health_cleared],
    )
    return "\n".join(lines).rstrip() + "\n"
