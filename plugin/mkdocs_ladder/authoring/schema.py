"""JSON Schemas of the files an author writes, generated from the typed model.

Editors with the YAML language server read them for completion and inline errors. A node
file holds one node (whose ``id`` may come from the file name) or a list of nodes (each
with an ``id``); the owners file maps owner ids to a display name and a link.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from mkdocs_ladder.tree.catalogue import MetricDefinition
from mkdocs_ladder.tree.model import SLUG_PATTERN, Node, Owner

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def node_file_schema(
    kinds: Mapping[str, str] | None = None, horizons: Mapping[str, str] | None = None, sizes: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """The schema of ``mission.yaml``, ``strategies/*.yaml`` and ``initiatives/*.yaml``;
    ``kinds`` (id -> description), ``horizons`` (id -> name) and ``sizes`` (size -> number) are
    the values an editor offers for ``kind``, ``horizon``, ``value`` and ``effort``."""
    node = Node.model_json_schema(ref_template="#/$defs/{model}")
    offered = {
        "kind": kinds,
        "horizon": horizons,
        **({"value": _numbered(sizes), "effort": _numbered(sizes)} if sizes is not None else {}),
    }
    for name, values in offered.items():
        if values is not None:
            described = node["properties"][name].get("description", "")
            node["properties"][name] = {
                "description": described,
                "anyOf": [*({"const": k, "description": d} for k, d in values.items()), {"type": "null"}],
            }
    defs = node.pop("$defs", {})
    defs["Node"] = node
    single = copy.deepcopy(node)
    single["required"] = [name for name in single.get("required", []) if name != "id"]
    single["title"] = "One node (its id defaults to the file name)"
    defs["NodeFile"] = single
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "ladder: a mission, strategy or initiative file",
        "description": "One node, or a list of nodes each with its own id.",
        "anyOf": [
            {"$ref": "#/$defs/NodeFile"},
            {"type": "array", "items": {"$ref": "#/$defs/Node"}},
        ],
        "$defs": defs,
    }


def _numbered(sizes: Mapping[str, float]) -> dict[str, str]:
    return {size: f"{number:g} on the site's scale" for size, number in sizes.items()}


def owners_file_schema() -> dict[str, Any]:
    """The schema of ``owners.yaml``: owner id -> display name, or {name, url}."""
    owner = Owner.model_json_schema(ref_template="#/$defs/{model}")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "ladder: the owners file",
        "type": "object",
        "additionalProperties": {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/Owner"}]},
        "$defs": {"Owner": owner},
    }


def metrics_file_schema() -> dict[str, Any]:
    """The schema of ``metrics.yaml``: metric id -> its title, unit, direction, description and source."""
    metric = MetricDefinition.model_json_schema(ref_template="#/$defs/{model}")
    defs = metric.pop("$defs", {})
    defs["MetricDefinition"] = metric
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "ladder: the catalogue of metrics",
        "type": "object",
        "propertyNames": {"pattern": SLUG_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/MetricDefinition"},
        "$defs": defs,
    }
