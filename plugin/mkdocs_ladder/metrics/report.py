"""What ``ladder metrics`` prints: every metric with its source and the age of its last read,
or one metric's values, trend, targets and standings; as plain data (JSON) and as text. The
pages show the same figures, made by the same functions (:mod:`.nodes`, :mod:`.outcomes`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from mkdocs_ladder.metrics.model import Measured, age, stamp
from mkdocs_ladder.metrics.nodes import Outcome, by_metric, overall
from mkdocs_ladder.metrics.outcomes import Standing


def _source(measured: Measured, metric_id: str) -> dict[str, str | None]:
    source = measured.catalogue.metrics[metric_id].source
    return {"kind": source.kind, "file": source.file, "connection": source.connection}


def metric_summary(measured: Measured, metric_id: str, named: list[Outcome]) -> dict[str, object]:
    """One metric as data: its definition, source, read, latest value, trend and standing."""
    definition = measured.catalogue.metrics[metric_id]
    reading = measured.readings[metric_id]
    latest = reading.latest
    return {
        "id": metric_id,
        "title": definition.title,
        "unit": definition.unit,
        "direction": definition.direction.value,
        "source": _source(measured, metric_id),
        "read_at": reading.read_at.isoformat() if reading.read_at else None,
        "read_age_seconds": int((measured.now - reading.read_at).total_seconds()) if reading.read_at else None,
        "error": reading.error,
        "values": len(reading.values),
        "latest": {"date": latest[0].isoformat(), "value": latest[1]} if latest else None,
        "trend_per_week": round(named[0].slope * 7, 6) if named and named[0].slope is not None else None,
        "standing": (overall(named) if named else Standing.UNKNOWN).value,
        "nodes": [o.node for o in named],
    }


def metrics_report(measured: Measured, outcomes: Mapping[str, list[Outcome]]) -> list[dict[str, object]]:
    """Every metric of the catalogue, in its order."""
    named = by_metric(outcomes)
    return [metric_summary(measured, metric_id, named.get(metric_id, [])) for metric_id in measured.catalogue.metrics]


def metric_detail(measured: Measured, outcomes: Mapping[str, list[Outcome]], metric_id: str) -> dict[str, object]:
    """One metric: its summary, every value, and each node's target, date and standing."""
    named = by_metric(outcomes).get(metric_id, [])
    return {
        **metric_summary(measured, metric_id, named),
        "all_values": [{"date": d.isoformat(), "value": v} for d, v in measured.readings[metric_id].values],
        "targets": [
            {
                "node": o.node,
                "target": o.goal.target,
                "by": o.goal.by.isoformat() if o.goal.by else None,
                "standing": o.standing.value,
            }
            for o in named
        ],
    }


def _read_text(row: Mapping[str, object], now: datetime) -> str:
    read_at = row["read_at"]
    if not isinstance(read_at, str):
        return f"never read: {row['error']}"
    said = f"read {age(datetime.fromisoformat(read_at), now)} ago ({stamp(datetime.fromisoformat(read_at))})"
    return said + (f"; could not be read now: {row['error']}" if row["error"] else "")


def _value_text(row: Mapping[str, object]) -> str:
    latest = row["latest"]
    unit = f" {row['unit']}" if row["unit"] else ""
    if not isinstance(latest, dict):
        return "no value"
    return f"{latest['value']:g}{unit} on {latest['date']}"


def report_text(rows: list[dict[str, object]], now: datetime) -> str:
    """The metrics as lines: id, latest value, standing, source and the read."""
    lines = []
    for row in rows:
        source = row["source"]
        where = (
            source["connection"]
            if isinstance(source, dict) and source["connection"]
            else source["file"]
            if isinstance(source, dict)
            else ""
        )
        kind = source["kind"] if isinstance(source, dict) else ""
        lines.append(f"{row['id']}: {_value_text(row)} · {row['standing']} · {kind} {where} · {_read_text(row, now)}")
    return "\n".join(lines) if lines else "no metrics"


def detail_text(detail: dict[str, object], now: datetime) -> str:
    """One metric as lines: its summary, its trend, each target, then every value."""
    unit = f" {detail['unit']}" if detail["unit"] else ""
    lines = [f"{detail['id']}: {detail['title']} ({detail['direction']} is better)", f"latest: {_value_text(detail)}"]
    trend = detail["trend_per_week"]
    lines.append(f"trend: {trend:+g}{unit} a week" if isinstance(trend, float) else "trend: too few values")
    lines.append(f"standing: {detail['standing']} · {_read_text(detail, now)}")
    for target in detail["targets"] if isinstance(detail["targets"], list) else []:
        by = f" by {target['by']}" if target["by"] else ""
        shown = f"{target['target']:g}{unit}" if isinstance(target["target"], float) else "none"
        lines.append(f"target of {target['node']}: {shown}{by} · {target['standing']}")
    values = detail["all_values"] if isinstance(detail["all_values"], list) else []
    lines += [f"  {v['date']}  {v['value']:g}{unit}" for v in values]
    return "\n".join(lines)
