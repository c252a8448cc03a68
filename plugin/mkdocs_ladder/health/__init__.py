"""Health: where a valid tree shows working too big or too small, by rule id.

Every rule has a stable id, a default severity, and can be set per rule in the settings or
waived per node with a reason. :mod:`.base` holds what the rules share, :mod:`.rules` the rules
that read the tree (and its history), :mod:`.work_rules` those that read the work linked to
it, and :mod:`.registry` every rule by id and the function that applies them.
"""

from mkdocs_ladder.health.base import LEVELS, OFF, HealthSettings, Rule, Seen, build_date
from mkdocs_ladder.health.registry import RULES, check_health, unknown_rule

__all__ = ["LEVELS", "OFF", "RULES", "HealthSettings", "Rule", "Seen", "build_date", "check_health", "unknown_rule"]
