"""Insider trades in prose and in filing briefs: the day of the trade, not the day of a side
clause ("who became chairman on January 1"); the person by surname or pronoun after the
full name; share counts written "1,000 of the company's shares"; the amount from the next
bullet ("TRANSACTION VALUED AT ...") or worked out from shares and average price."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

# (published, body, entity, person substring, direction, when, shares, amount)
TRADES = [
    (
        "2026-02-11",
        "Spotify shares rose. Co-founder Daniel Ek, who became executive chairman on January 1, "
        "sold 75,000 shares on Friday for about $36.6 mln, according to a filing.",
        "spotify",
        "Ek",
        "sell",
        "2026-02-06",
        75000.0,
        (3.66e7, "USD"),
    ),
    (
        "2025-11-21",
        "Chief executive Lei Jun, who took the helm in 2010, bought 2 million shares on Tuesday "
        "for HK$80 mln, Xiaomi said.",
        "xiaomi",
        "Lei Jun",
        "buy",
        "2025-11-18",
        2e6,
        (8e7, "HKD"),
    ),
    (
        "2026-01-29",
        "Samsung Electronics reported results. CEO Jun Young-hyun bought 5,000 of the company's "
        "shares on Monday at 150,000 won each, a regulatory filing showed.",
        "samsung",
        "Jun",
        "buy",
        "2026-01-26",
        5000.0,
        None,
    ),
    (
        "2025-11-25",
        "Chief executive Fabricio Bloisi said Prosus expects growth.\n\nBloisi added to his "
        "stake last week: a filing showed he bought 50,000 Prosus shares on Nov 18 at an "
        "average price of EUR 51.95, worth about EUR 2.6 mln.",
        "prosus",
        "Bloisi",
        "buy",
        "2025-11-18",
        50000.0,
        (2.6e6, "EUR"),
    ),
    (
        "2025-08-08",
        "BRIEF-Microsoft CFO sells shares\n\n* MICROSOFT CORP - CFO AMY HOOD SOLD 10,000 SHARES "
        "ON AUG 5 AT AVERAGE PRICE OF $520.00\n* MICROSOFT - TRANSACTION VALUED AT ABOUT $5.2 "
        "MLN; HOOD DIRECTLY OWNS 400,000 SHARES AFTER SALE",
        "microsoft",
        "Hood",
        "sell",
        "2025-08-05",
        10000.0,
        (5.2e6, "USD"),
    ),
    (
        "2025-08-08",
        "Nvidia CEO Jensen Huang sold 75,000 shares on Wednesday at an average price of $180, "
        "a filing showed.",
        "nvidia",
        "Huang",
        "sell",
        "2025-08-06",
        75000.0,
        (1.35e7, "USD"),
    ),
]


@pytest.mark.parametrize(
    ("published", "body", "entity", "person", "direction", "when", "shares", "amount"), TRADES
)
def test_insider_trade_phrasings(
    extract, published, body, entity, person, direction, when, shares, amount
) -> None:
    found = find(extract(body, published=published), "insider_trade", entity=entity)
    assert found, found
    e = found[0]
    assert person in e["data"]["person"]
    assert e["data"]["direction"] == direction
    assert e["when"]["label"] == when
    assert e["data"]["shares"]["value"] == shares
    if amount is not None:
        got = e["data"]["amount"]
        assert abs(got["amount"] - amount[0]) <= 0.01 * amount[0] and got["currency"] == amount[1]


NO_TRADE = [
    "CEO Tim Cook could sell 100,000 shares under a trading plan, analysts said.",
    "Elon Musk has not sold any Tesla shares since 2022, he said on X.",
    "Investors sold 3 million Apple shares on Monday, exchange data showed.",
]


@pytest.mark.parametrize("body", NO_TRADE)
def test_no_insider_trade_from_plans_denials_or_investors(extract, body) -> None:
    assert find(extract(body, published="2025-11-20"), "insider_trade") == []
