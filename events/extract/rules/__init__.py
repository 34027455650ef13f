"""The shipped rule set, one module per event family.

`default_rules()` is what `RuleExtractor()` runs; extend it with your own `Rule` objects
(anything with `name` and `apply(view)`, or a function wrapped with `@rule(name, trigger)`).
"""

from __future__ import annotations

from events.extract.rules import (
    buyback,
    corporate,
    deals,
    guidance,
    insider,
    market,
    payouts,
    products,
    ratings,
    results,
)
from events.extract.rules.base import Draft, FunctionRule, Rule, rule

__all__ = ["Draft", "FunctionRule", "Rule", "default_rules", "rule"]

FAMILIES = (
    market,
    buyback,
    payouts,
    insider,
    ratings,
    guidance,
    results,
    products,
    corporate,
    deals,
)


def default_rules() -> list[Rule]:
    """Every shipped rule, family by family (order matters only for rules that share state)."""
    return [r for family in FAMILIES for r in family.RULES]
