"""Product launches in the phrasings of financial news: names without digits, stages told in
the passive or in the next sentence, prices after "at", list-price cuts, and hedged talk."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

# (published, title, body, expected events as (entity, when, data subset))
LAUNCHES = [
    (
        "2025-10-02",
        "Hyundai",
        "Hyundai Motor opened pre-orders for the Inster, a compact electric crossover, in "
        "Germany on Tuesday.",
        [("hyundai", "2025-09-30", {"product": "Inster", "stage": "pre_order"})],
    ),
    (
        "2025-10-02",
        "Hyundai",
        "Hyundai Motor opened pre-orders for the Inster, a compact electric crossover, on "
        "Tuesday. Deliveries are scheduled to start in March 2026.",
        [
            ("hyundai", "2025-09-30", {"product": "Inster", "stage": "pre_order"}),
            ("hyundai", "2026-03", {"product": "Inster", "stage": "delivery", "planned": True}),
        ],
    ),
    (
        "2025-06-12",
        "Toyota",
        "Toyota said its Crown Sport hybrid sedan went on sale in the United States in May at "
        "$45,000.",
        [
            (
                "toyota",
                "2025-05",
                {
                    "product": "Crown Sport",
                    "stage": "launch",
                    "price": {"amount": 45000.0, "currency": "USD"},
                },
            )
        ],
    ),
    (
        "2025-06-12",
        "Sony",
        "Sony Group said its Bravia flagship television would be released in Europe in September.",
        [("sony", "2025-09", {"product": "Bravia", "stage": "launch", "planned": True})],
    ),
    (
        "2025-06-12",
        "Novartis",
        "Novartis cut the price of its heart drug Entresto to $550 from $650 on Monday.",
        [
            (
                "novartis",
                "2025-06-09",
                {
                    "product": "Entresto",
                    "stage": "price_change",
                    "price": {"amount": 550.0, "currency": "USD"},
                    "price_change": {"amount": -100.0, "currency": "USD"},
                },
            )
        ],
    ),
    (
        "2026-02-10",
        "Roche",
        "Roche said on Monday it would lower the German list price of its eye drug Vabysmo to "
        "EUR 850 per vial from April 1.",
        [
            (
                "roche",
                "2026-04-01",
                {
                    "product": "Vabysmo",
                    "stage": "price_change",
                    "price": {"amount": 850.0, "currency": "EUR"},
                    "planned": True,
                },
            )
        ],
    ),
    (
        "2025-06-12",
        "Apple",
        "Apple launched the Vision Air, a lightweight headset aimed at developers, on "
        "Wednesday at $1,999.",
        [
            (
                "apple",
                "2025-06-11",
                {
                    "product": "Vision Air",
                    "stage": "launch",
                    "price": {"amount": 1999.0, "currency": "USD"},
                },
            )
        ],
    ),
    (
        "2026-01-20",
        "Samsung",
        "Samsung Electronics said its Exynos mobile processor will enter mass production in "
        "the second quarter of 2026.",
        [("samsung", "2026-Q2", {"product": "Exynos", "stage": "launch", "planned": True})],
    ),
    (
        "2025-11-07",
        "Honda",
        "The new Civic hatchback went on sale in Japan in September at 4.2 million yen, and "
        "Honda said the N-Van, a small electric van based on its N-Box kei model, would be "
        "launched in Europe in 2026.",
        [
            ("honda", "2025-09", {"product": "Civic", "stage": "launch"}),
            ("honda", "2026", {"product": "N-Van", "stage": "launch", "planned": True}),
        ],
    ),
]


@pytest.mark.parametrize(("published", "title", "body", "want"), LAUNCHES)
def test_product_launch_phrasings(extract, published, title, body, want) -> None:
    events = find(extract(body, published=published, title=title), "product_launch")
    got = [(e["entity"], e["when"]["label"], e["data"]) for e in events]
    assert len(got) == len(want), got
    for entity, when, data in want:
        assert any(
            g[0] == entity and g[1] == when and all(g[2].get(k) == v for k, v in data.items())
            for g in got
        ), (entity, when, data, got)


NO_LAUNCH = [
    "Tesla could launch a cheaper car called Redwood next year if demand holds, people "
    "familiar with the matter said.",
    "Analysts expect the cheaper Tesla car to hit the market soon.",
    "Nuvama cut its target price on Reliance to Rs 1,690 from Rs 1,715.",
    "The German car market shrank in May. Deliveries are expected to recover in the second half.",
    "BYD plans to start series production at its new plant in Szeged, Hungary, in the first "
    "quarter of 2026.",
    "Apple is widely expected to unveil a cheaper MacBook this week, according to analysts.",
]


@pytest.mark.parametrize("body", NO_LAUNCH)
def test_no_launch_from_talk_or_qualifiers(extract, body) -> None:
    assert find(extract(body, published="2025-06-12", title="Autos"), "product_launch") == []


def test_mass_production_of_a_product_is_a_plan_when_the_company_plans_it(extract) -> None:
    events = extract(
        "Samsung said it plans to start mass production of its Exynos chips in the first half "
        "of 2026.",
        published="2025-10-30",
        title="Samsung",
    )
    assert find(events, "product_launch") == []
    (p,) = find(events, "plan")
    assert p["data"]["period"] == "2026-H1"
