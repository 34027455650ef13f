"""Hard negatives: hedges, boilerplate, comparisons, analysts' numbers, duplicates."""

from __future__ import annotations

from tests.extract.conftest import find


def test_hypothetical_and_hedged_talk_is_not_a_fact(extract) -> None:
    events = extract(
        "Analysts said Tesla could buy back $5 billion of stock if margins recover. "
        "Tesla might cut prices again, and it may sell its stake in a supplier. "
        "If the deal closed, Tesla would become the largest shareholder.",
        title="Tesla outlook",
    )
    assert events == []


def test_denials_emit_nothing(extract) -> None:
    events = extract(
        "Chief Executive Elon Musk has not sold any Tesla stock since 2022. "
        "Tesla has not issued a delivery target for 2026.",
        title="Tesla",
    )
    assert events == []


def test_analysts_estimates_are_not_guidance_or_results(extract) -> None:
    events = extract(
        "Analysts polled by LSEG expect Microsoft revenue of $80.3 billion for the quarter. "
        "The consensus estimate for Microsoft's full-year earnings per share is $15.20.",
        title="Microsoft preview",
    )
    assert find(events, "guidance") == [] and find(events, "operating_result") == []


def test_related_news_and_ads_emit_nothing(extract) -> None:
    body = (
        "BYD shares closed 1.2% higher at HK$98.50 on Monday.\n\n"
        "## Related News & Research\n\n"
        "- [Citi upgrades Alibaba to Buy, raises target to HK$160](https://example.com/1)\n"
        "- [Tencent repurchased 1.1 million shares for HK$600 million](https://example.com/2)\n\n"
        "Ad\n\nBYD Stock: Buy or Sell?! New BYD Analysis from December 1 delivers the answer:\n"
        "BYD: Buy or sell? Read more here..."
    )
    events = extract(body, published="2025-12-02", title="BYD")
    assert [e["type"] for e in events] == ["stock_price"]


def test_a_fact_of_another_company_goes_to_that_company(extract) -> None:
    events = extract(
        "Xiaomi delivered 40,000 electric vehicles in October. "
        "Rival BYD delivered 440,000 vehicles in October, up 12%. "
        "Several automakers, such as General Motors and Ford, are scaling back EV programs.",
        published="2025-11-03",
        title="Xiaomi deliveries",
    )
    by_entity = {e["entity"]: e["data"]["value"] for e in find(events, "operating_result")}
    assert by_entity == {"xiaomi": 40_000, "byd": 440_000}


def test_unknown_company_facts_are_not_given_to_the_topic(extract) -> None:
    events = extract(
        "Samsung Electronics posted an operating profit of 12.2 trillion won in the third quarter. "
        "LG Display, which reported a record quarterly operating profit of 11.4 trillion won, "
        "closed up 1.9%.",
        published="2025-10-30",
        title="Samsung",
    )
    assert [e["data"]["value"] for e in find(events, "operating_result")] == [12.2e12]


def test_one_fact_stated_twice_is_one_event(extract) -> None:
    events = extract(
        "In a live broadcast, Lei Jun set a delivery target of 300,000 vehicles for Xiaomi's "
        "electric vehicles in 2025. Xiaomi's EV business is racing towards the goal of "
        "300,000 units this year.",
        published="2025-01-03",
        title="Xiaomi",
    )
    guidance = find(events, "guidance")
    assert len(guidance) == 1 and guidance[0]["data"]["value"] == 300_000


def test_intraday_and_after_hours_prices_are_not_closes(extract) -> None:
    events = extract(
        "Nvidia shares fell 3.2% to $180.64 in extended trading after closing up 2.9% at $186.60 "
        "on Wednesday. The stock had risen as much as 5% to $190.10 at one point during the "
        "session.",
        title="Nvidia",
    )
    closes = find(events, "stock_price")
    assert [e["data"]["close"]["amount"] for e in closes] == [186.60]
    assert closes[0]["when"]["label"] == "2025-11-19"
