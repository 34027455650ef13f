"""Research firms beyond the big banks (US boutiques, Korea, Japan, India, Brazil, Australia,
the Nordics) and rating words beyond buy/hold/sell, mapped to the contract's ratings with the
firm's own word kept."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

PUB = "2025-11-20"
# (case, body, (entity, firm substring, rating, target, currency, previous target))
ROWS = [
    (
        "Telsey, kept an Outperform rating",
        "Telsey Advisory lifted its target on Walmart to $120 from $110 and kept an Outperform "
        "rating.",
        ("walmart", "Telsey", "buy", 120.0, "USD", 110.0),
    ),
    (
        "KBW upgrade to Outperform from Market Perform",
        "Keefe, Bruyette & Woods upgraded Goldman Sachs Group to Outperform from Market Perform "
        "with a $1,050 target.",
        ("goldman_sachs_group", "Keefe", "buy", 1050.0, "USD", None),
    ),
    (
        "Kiwoom, won",
        "Kiwoom Securities raised its target price on SK hynix to 1.1 million won from 950,000 "
        "won and kept its Buy rating.",
        ("sk_hynix", "Kiwoom", "buy", 1.1e6, "KRW", 950000.0),
    ),
    (
        "Korea Investment, Samsung",
        "Korea Investment & Securities maintained a Buy rating on Samsung Electronics with a "
        "target price of 180,000 won.",
        ("samsung", "Korea Investment", "buy", 180000.0, "KRW", None),
    ),
    (
        "Okasan, yen",
        "Okasan Securities kept a Neutral rating on Toyota Motor with a target price of 3,000 yen.",
        ("toyota", "Okasan", "neutral", 3000.0, "JPY", None),
    ),
    (
        "Ambit, rupees, Sell",
        "Ambit Capital reiterated a Sell rating on Reliance Industries with a target price of "
        "Rs 1,200.",
        ("reliance", "Ambit", "sell", 1200.0, "INR", None),
    ),
    (
        "Jarden, Australian dollars",
        "Jarden kept an Overweight rating on Xiaomi with a target price of HK$60.",
        ("xiaomi", "Jarden", "overweight", 60.0, "HKD", None),
    ),
    (
        "the bank's rated company named with a firm alias",
        "Analyst Mike Mayo of Wells Fargo kept an Overweight rating on JPMorgan Chase and "
        "trimmed his price target to $345 from $352.",
        ("jpmorgan_chase", "Wells Fargo", "overweight", 345.0, "USD", 352.0),
    ),
]


@pytest.mark.parametrize(("case", "body", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_firms(extract, case, body, expected) -> None:
    entity, firm, rating, target, currency, previous = expected
    got = find(extract(body, published=PUB, title="Analysts"), "analyst_rating")
    assert len(got) == 1, got
    (e,) = got
    d = e["data"]
    assert e["entity"] == entity
    assert firm in d["firm"]
    assert d.get("rating") == rating
    assert d["target_price"]["amount"] == pytest.approx(target)
    assert d["target_price"]["currency"] == currency
    assert (d.get("previous_target") or {}).get("amount") == previous
