"""Capital flows in the phrasings of market wraps: who bought or sold a net amount of which
company's shares, through which channel; a market's total flow has no company."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

PUB = "2025-11-21"
# (case, body, expected flows as (entity, channel word, amount, currency, streak))
ROWS = [
    (
        "mainland investors bought a net",
        "Mainland investors bought a net HK$623 mln of Lenovo shares.",
        [("lenovo", "southbound", 623e6, "HKD", None)],
    ),
    (
        "mainland investors sold a net",
        "Mainland investors sold a net HK$1.1 bn of Meituan shares.",
        [("meituan", "southbound", -1.1e9, "HKD", None)],
    ),
    (
        "foreigners sold a net, after a price",
        "Samsung SDI shares fell 3.2% to 312,500 won; foreigners sold a net 85.3 billion won "
        "of the stock.",
        [("samsung_sdi", "foreign", -85.3e9, "KRW", None)],
    ),
    (
        "net sellers ... worth",
        "Foreign investors were net sellers of Samsung SDI shares worth 85.3 billion won.",
        [("samsung_sdi", "foreign", -85.3e9, "KRW", None)],
    ),
    (
        "net buyers with a streak",
        "Foreign investors were net buyers of 1.1 trillion won of SK hynix, the sixth "
        "consecutive session of net foreign buying.",
        [("sk_hynix", "foreign", 1.1e12, "KRW", 6)],
    ),
    (
        "northbound, yuan",
        "Northbound investors bought a net 2.1 billion yuan of CATL shares.",
        [("catl", "northbound", 2.1e9, "CNY", None)],
    ),
    (
        "rupees in crore",
        "Foreign institutions net sold ₹5.4 billion of Reliance Industries shares.",
        [("reliance", "foreign", -5.4e9, "INR", None)],
    ),
    (
        "net southbound outflows",
        "Meituan saw net southbound outflows of HK$820 mln for a third straight session.",
        [("meituan", "southbound", -820e6, "HKD", 3)],
    ),
    (
        "offloaded a net",
        "Foreigners offloaded a net 400 billion won of Samsung Electronics shares.",
        [("samsung", "foreign", -400e9, "KRW", None)],
    ),
]


@pytest.mark.parametrize(("case", "body", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_flows(extract, case, body, expected) -> None:
    got = find(extract(body, published=PUB, title="Markets"), "capital_flow")
    assert len(got) == len(expected)
    for e, (entity, channel, amount, currency, streak) in zip(got, expected, strict=True):
        assert e["entity"] == entity
        assert channel in e["data"]["channel"].lower()
        assert e["data"]["net"]["amount"] == pytest.approx(amount)
        assert e["data"]["net"]["currency"] == currency
        assert e["data"].get("streak") == streak
        assert e["when"]["label"] == PUB


def test_a_flow_is_dated_by_the_session_not_by_news_late_the_day_before(extract) -> None:
    body = (
        "Lenovo Group rose 4.1% to close at HK$9.87. The PC maker said late on Thursday that "
        "revenue rose 15% to US$20.5 bn. Southbound investors were net buyers of HK$623 mln "
        "of Lenovo shares."
    )
    (f,) = find(extract(body, published=PUB, title="Markets"), "capital_flow")
    assert f["when"]["label"] == PUB


NEGATIVE = [
    (
        "a market's total",
        "Southbound trading through Stock Connect recorded net purchases of HK$6.9 bn, "
        "according to exchange data.",
    ),
    (
        "hedged",
        "Foreign investors could be net buyers of Samsung Electronics shares worth 1 trillion "
        "won, analysts said.",
    ),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_flows(extract, case, body) -> None:
    assert find(extract(body, published=PUB, title="Markets"), "capital_flow") == []
