"""Extraction: articles in, dated events out.

`default_extractor()` is the shipped rule set; `RuleExtractor(rules=[...])` runs another;
anything that satisfies the `Extractor` protocol (a model of your own) can replace it.
"""

from events.extract.base import Extractor, extractor_ref, source_of
from events.extract.rule_extractor import Explanation, RuleExtractor, default_extractor
from events.extract.rules import Draft, Rule, default_rules, rule

__all__ = [
    "Draft",
    "Explanation",
    "Extractor",
    "Rule",
    "RuleExtractor",
    "default_extractor",
    "default_rules",
    "extractor_ref",
    "rule",
    "source_of",
]
