"""Decision rules. Importing this package registers every built-in rule."""

from concord.model.rules import agreement, eu, majority, unsc
from concord.model.rules.base import (
    DecisionRule,
    Electorate,
    all_rules,
    get_rule,
    register,
    rule_names,
)

__all__ = [
    "DecisionRule",
    "Electorate",
    "agreement",
    "all_rules",
    "eu",
    "get_rule",
    "majority",
    "register",
    "rule_names",
    "unsc",
]
