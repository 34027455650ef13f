"""Closes written as moves ("rose 2.7% to HK$54.30", "ended 2.9% lower at R1,162.50"), in
many markets' currencies, and the prices that are not closes."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

PUB = "2025-11-21"
# (case, body, expected closes as (entity, amount, currency, change_pct, listing))
ROWS = [
    ("rose to HK$", "Leapmotor rose 2.7% to HK$54.30.", [("leapmotor", 54.3, "HKD", 2.7, "HK")]),
    ("fell to HK$", "XPeng fell 5.1% to HK$73.45.", [("xpeng", 73.45, "HKD", -5.1, "HK")]),
    (
        "ended lower at rand",
        "Naspers ended 2.9% lower at R1,162.50 in Johannesburg.",
        [("naspers", 1162.5, "ZAR", -2.9, "ZA")],
    ),
    (
        "closed higher at rand on the JSE",
        "Naspers shares closed 3.4% higher at R1,162.50 on the JSE.",
        [("naspers", 1162.5, "ZAR", 3.4, "ZA")],
    ),
    ("slipped to, no change", "Lenovo slipped to HK$9.52.", [("lenovo", 9.52, "HKD", None, "HK")]),
    (
        "added to won",
        "Samsung Electronics added 1.2% to 158,400 won.",
        [("samsung", 158400.0, "KRW", 1.2, "KR")],
    ),
    ("won symbol", "SK hynix jumped 4.7% to ₩842,000.", [("sk_hynix", 842000.0, "KRW", 4.7, "KR")]),
    (
        "rupee symbol",
        "Reliance Industries fell 0.8% to ₹1,412.50 in Mumbai.",
        [("reliance", 1412.5, "INR", -0.8, "IN")],
    ),
    (
        "kronor in Stockholm",
        "Spotify's Stockholm-listed shares gained 2% to 6,420 kr.",
        [("spotify", 6420.0, "SEK", 2.0, "SE")],
    ),
    (
        "euros in Amsterdam",
        "ASML climbed 3.1% to EUR 1,012.40 in Amsterdam.",
        [("asml", 1012.4, "EUR", 3.1, "NL")],
    ),
    (
        "yen, down",
        "Toyota Motor slid 1.4% to 2,890 yen in Tokyo.",
        [("toyota", 2890.0, "JPY", -1.4, "JP")],
    ),
    (
        "second listing of the same company",
        "Prosus gained 2.9% to R1,062.80 in Johannesburg and 3.1% to EUR 53.40 in Amsterdam.",
        [("prosus", 1062.8, "ZAR", 2.9, "ZA"), ("prosus", 53.4, "EUR", 3.1, "NL")],
    ),
    (
        "rising ... to close at",
        "Lenovo Group was the best performer, rising 4.1% to close at HK$9.87.",
        [("lenovo", 9.87, "HKD", 4.1, "HK")],
    ),
    (
        "a day after a semicolon belongs to the next clause",
        "XPeng fell 5.1% to HK$73.45; on Monday it guided fourth-quarter deliveries of 125,000.",
        [("xpeng", 73.45, "HKD", -5.1, "HK")],
    ),
    ("dipped, US dollars", "Rivian dipped 0.6% to $14.18.", [("rivian", 14.18, "USD", -0.6, "US")]),
    (
        "rebounded, pence",
        "BP rebounded 1.9% to 438.5 pence in London.",
        [("bp", 4.385, "GBP", 1.9, "GB")],
    ),
]


@pytest.mark.parametrize(("case", "body", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_moves_are_closes(extract, case, body, expected) -> None:
    got = find(extract(body, published=PUB, title="Markets"), "stock_price")
    seen = sorted(
        (
            e["entity"],
            e["data"]["close"]["amount"],
            e["data"]["close"]["currency"],
            e["data"].get("change_pct"),
            e["data"].get("listing"),
        )
        for e in got
    )
    assert seen == sorted(expected)
    assert all(e["when"]["label"] == PUB for e in got)


NEGATIVE = [
    ("revenue rose to billions", "Tencent's revenue rose 15% to HK$20.5 billion."),
    ("scaled amount after a company", "Tesla rose 12% to $28.1 billion in revenue."),
    ("market value", "Nvidia's market value rose 3% to $4.5 trillion."),
    ("price target", "Jefferies raised its target on Apple 10% to $300."),
    ("hedged", "Apple could rise 20% to $300, analysts said."),
    ("product price", "Tesla cut the Model Y price 5% to $39,990."),
    ("intraday peak", "Leapmotor rose as much as 6% to HK$56.10 before paring gains."),
    ("midday", "Xiaomi shares were up 2% at HK$41.20 at the midday break."),
    ("index level", "The Hang Seng Index rose 1.2% to 25,220.02."),
    ("a metric between", "Meituan said orders rose 12% to 98 yuan per user."),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_closes(extract, case, body) -> None:
    assert find(extract(body, published=PUB, title="Markets"), "stock_price") == []


def test_billions_after_a_company_and_stock_are_not_a_close(extract) -> None:
    body = (
        "At JPMorgan Chase, managed revenue rose 7% to $46.8 billion and the bank repurchased "
        "$7.9 billion of stock in the quarter."
    )
    assert find(extract(body, published=PUB, title="Banks"), "stock_price") == []
