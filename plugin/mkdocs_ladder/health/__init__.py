"""Health: where a valid tree shows working too big or too small, by rule id.

Every rule has a stable id, a default severity, and can be set per rule in the settings or
waived per node with a reason. :mod:`.rules` holds the rules that read one snapshot of the tree.
"""

from mkdocs_ladder.health.rules import (
    LEVELS,
    OFF,
    RULES,
    HealthSettings,
    Rule,
    build_date,
    check_health,
    unknown_rule,
)

__all__ = ["LEVELS", "OFF", "RULES", "HealthSettings", "Rule", "build_date", "check_health", "unknown_rule"]
