"""The extractor interface: replaceable, extendable, explainable, deterministic."""

from __future__ import annotations

import re

from events.extract import Extractor, RuleExtractor, default_extractor, default_rules, rule
from events.extract.rules.base import Draft
from events.model import MilestoneData
from tests.extract.conftest import article


def test_default_extractor_is_an_extractor() -> None:
    ex = default_extractor()
    assert isinstance(ex, Extractor)
    assert (ex.name, ex.version) == ("rules", "1.1.0")


def test_events_name_their_rule_and_evidence_points_into_the_body(extractor, registry) -> None:
    a = article(
        "Xiaomi shares closed 2.7% higher at HK$41.18 in Hong Kong.", published="2025-11-27"
    )
    (event,) = extractor.extract(a, registry)
    assert event.extractor is not None and event.extractor.rule == "market.close"
    assert event.extractor.name == "rules" and event.extractor.version == "1.1.0"
    ev = event.evidence
    assert ev is not None and a.body[ev.start : ev.end] == ev.text
    (why,) = extractor.explain(a, registry)
    assert why.rule == "market.close" and "HK$41.18" in why.evidence


def test_extraction_is_deterministic(extractor, registry) -> None:
    a = article(
        "Xiaomi shares closed 2.7% higher at HK$41.18 in Hong Kong.", published="2025-11-27"
    )
    first = [e.id for e in extractor.extract(a, registry)]
    assert first == [e.id for e in extractor.extract(a, registry)]


def test_a_user_rule_extends_the_shipped_set(registry) -> None:
    @rule("user.recall", r"\brecall(?:ed|s)?\b", keywords=("recall",))
    def recall(view, m: re.Match[str]) -> Draft:
        return Draft(
            "milestone",
            MilestoneData(kind="recall", description=view.text),
            view.ctx.published_when,
            anchor=m.start(),
        )

    a = article("Ford recalled about 500,000 SUVs over a faulty camera.", published="2025-12-22")
    assert default_extractor().extract(a, registry) == []
    ex = RuleExtractor(rules=[*default_rules(), recall], version="1.0.0+recall")
    events = ex.extract(a, registry)
    assert [(e.type, e.entity, e.extractor.rule) for e in events] == [
        ("milestone", "ford", "user.recall")
    ]


def test_a_rule_set_can_be_replaced(registry) -> None:
    ex = RuleExtractor(rules=[], name="nothing")
    a = article(
        "Xiaomi shares closed 2.7% higher at HK$41.18 in Hong Kong.", published="2025-11-27"
    )
    assert ex.extract(a, registry) == []
