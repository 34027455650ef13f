"""Plans and milestones in the phrasings of financial news: cost programmes, listings and
spin-offs, plans told to a newspaper "last week", regulatory approvals, production counts,
and section headings that only name what follows."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

PLANS = [
    (
        "2025-11-03",
        "Mercedes",
        'The group\'s "Next Level Performance" programme is meant to cut costs by 5 billion '
        "euros a year by 2027.",
        ("mercedes", "2025-11-03", {"value": 5e9, "unit": "EUR", "period": "2027"}),
    ),
    (
        "2025-11-03",
        "Mercedes",
        "Mercedes plans to reduce headcount in Germany by around 4,000 positions, a company "
        "spokesman told this newspaper last week.",
        ("mercedes", "2025-10-27/2025-11-02", {"value": 4000.0, "period": None}),
    ),
    (
        "2025-11-13",
        "Siemens",
        "Siemens intends to reduce its stake in Siemens Healthineers over time through a spin-off "
        "of a 30% stake to its shareholders.",
        ("siemens", "2025-11-13", {}),
    ),
    (
        "2026-01-17",
        "Reliance Industries",
        "Reliance Industries reported a profit. Chairman Mukesh Ambani reiterated on Friday that "
        "Jio Platforms would be listed in the first half of 2026.",
        ("reliance", "2026-01-16", {"period": "2026-H1"}),
    ),
    (
        "2026-01-17",
        "Honda",
        "Honda said in a statement on Tuesday that it plans to spin off its motorcycle unit.",
        ("honda", "2026-01-13", {}),
    ),
]


@pytest.mark.parametrize(("published", "title", "body", "want"), PLANS)
def test_plan_phrasings(extract, published, title, body, want) -> None:
    entity, when, data = want
    plans = find(extract(body, published=published, title=title), "plan", entity=entity)
    assert any(
        p["when"]["label"] == when and all(p["data"].get(k) == v for k, v in data.items())
        for p in plans
    ), plans


NO_PLAN = [
    "Reliance Industries could list Jio Platforms next year if markets allow, analysts said.",
    "The listing of Honda's rival was a success.",
    "Samsung said its Exynos processor will enter mass production in the second quarter of 2026.",
]


@pytest.mark.parametrize("body", NO_PLAN)
def test_no_plan_from_talk_or_launches(extract, body) -> None:
    assert find(extract(body, published="2026-01-17", title="Plans"), "plan") == []


MILESTONES = [
    (
        "2025-12-02",
        "BYD",
        "BYD sold 480,186 cars in November.\n\nProduction milestone\n\nOn Friday, the company "
        "celebrated the 14 millionth new energy vehicle to roll off its production lines.",
        ("byd", "2025-11-28", "production"),
    ),
    (
        "2026-02-04",
        "Toyota",
        "Toyota's 300 millionth vehicle rolled off the line at its Tsutsumi plant on Monday.",
        ("toyota", "2026-02-02", "production"),
    ),
    (
        "2026-02-04",
        "Roche",
        "Roche, which reported its annual results last Thursday, said on Monday that the U.S. "
        "Food and Drug Administration had approved giredestrant, its oral breast cancer pill.",
        ("roche", "2026-02-02", "permit"),
    ),
    (
        "2026-02-04",
        "Novartis",
        "Novartis said the European Commission approved its leukemia drug Scemblix on Tuesday.",
        ("novartis", "2026-02-03", "permit"),
    ),
    (
        "2026-02-04",
        "Pfizer",
        "Pfizer received FDA approval for its RSV vaccine in January.",
        ("pfizer", "2026-01", "permit"),
    ),
]


@pytest.mark.parametrize(("published", "title", "body", "want"), MILESTONES)
def test_milestone_phrasings(extract, published, title, body, want) -> None:
    entity, when, kind = want
    (m,) = find(extract(body, published=published, title=title), "milestone")
    assert (m["entity"], m["when"]["label"], m["data"]["kind"]) == (entity, when, kind)


NO_MILESTONE = [
    "Production milestone",
    "Novartis said regulators approved the acquisition of Avidity on Tuesday.",
    "Novartis hopes the FDA could approve Scemblix later this year.",
]


@pytest.mark.parametrize("body", NO_MILESTONE)
def test_no_milestone_from_headings_deals_or_hopes(extract, body) -> None:
    assert find(extract(body, published="2026-02-04", title="Pharma"), "milestone") == []


HEDGED = [
    "Disney is said to be weighing a spin-off of its ABC network.",
    "Disney could spin off ABC next year, people familiar with the matter said.",
    "Reliance is considering a listing of Jio Platforms in 2026.",
    "Boeing said Emirates might finalise an order for 50 777X jets next month.",
    "Novo Nordisk may walk away from the contest for Metsera.",
    "Analysts expect the acquisition of Metsera to be completed in the first quarter.",
    "The acquisition of Metsera, if it is completed, would be Pfizer's largest.",
    "BP is expected to keep its buyback at $750 million a quarter.",
    "Tesla is rumoured to be planning a spin-off of its energy unit in 2027.",
    "Apple will unveil the iPhone Fold if the hinge passes testing.",
]


@pytest.mark.parametrize("body", HEDGED)
def test_hedged_or_rumoured_corporate_talk_emits_nothing(extract, body) -> None:
    assert extract(body, published="2026-01-17", title="Rumours") == []
