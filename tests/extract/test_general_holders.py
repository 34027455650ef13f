"""Insider trades and share consolidations in the phrasings of financial news and of brief
lines in capitals: promoter entities, trades over two days, amounts in the next bullet,
reverse splits told as "1 new share for every 2 existing shares"."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

INSIDERS = [
    (
        "2026-02-05",
        "Nvidia",
        "* NVIDIA CORP CEO JENSEN HUANG SOLD 225,000 SHARES ON FEB 2 AND FEB 3 AT WEIGHTED "
        "AVERAGE PRICES BETWEEN $179.62 AND $184.30 - SEC FILING\n"
        "* SALES TOTAL ABOUT $41 MLN AND WERE MADE UNDER A TRADING PLAN",
        (
            "nvidia",
            "2026-02-02/2026-02-03",
            {"person": "Jensen Huang", "direction": "sell", "amount": 41e6, "price": 179.62},
        ),
    ),
    (
        "2026-01-17",
        "Reliance",
        "Earlier this week, a promoter group entity, Example Commercials LLP, bought 12 lakh "
        "shares of RIL in the open market on January 13, taking the promoter group's holding "
        "to 50.39%, according to exchange data.",
        (
            "reliance",
            "2026-01-13",
            {
                "person": "Example Commercials LLP",
                "role": "promoter",
                "direction": "buy",
                "shares": 1.2e6,
                "stake_after_pct": 50.39,
            },
        ),
    ),
    (
        "2026-01-17",
        "Tesla",
        "Tesla director Kimbal Musk sold 75,000 shares on January 12 and 13 for about $30 million.",
        ("tesla", "2026-01-12/2026-01-13", {"person": "Kimbal Musk", "amount": 30e6}),
    ),
]


def _value(x):
    if isinstance(x, dict):
        return x.get("amount", x.get("value"))
    return x


@pytest.mark.parametrize(("published", "title", "body", "want"), INSIDERS)
def test_insider_trade_phrasings(extract, published, title, body, want) -> None:
    entity, when, data = want
    (t,) = find(extract(body, published=published, title=title), "insider_trade")
    assert (t["entity"], t["when"]["label"]) == (entity, when)
    for key, value in data.items():
        assert _value(t["data"].get(key)) == value, (key, t["data"])


NO_INSIDER = [
    "* PROSUS SOLD 3.2 MILLION TENCENT HOLDINGS SHARES AT HK$612.0 EACH IN A BLOCK TRADE ON "
    "THURSDAY - TERM SHEET",
    "Controlling shareholder Example Holdings could sell 10 million Tesla shares, people "
    "familiar said.",
]


@pytest.mark.parametrize("body", NO_INSIDER)
def test_no_insider_trade_from_block_trades_or_talk(extract, body) -> None:
    assert find(extract(body, published="2026-02-05", title="Markets"), "insider_trade") == []


SPLITS = [
    (
        "Vodafone Group proposed a share consolidation of 1 new ordinary share for every 2 "
        "existing ordinary shares on Thursday.",
        ("vodafone", 2, 1),
    ),
    (
        "VODAFONE GROUP PLC - PROPOSES SHARE CONSOLIDATION OF 1 NEW ORDINARY SHARE FOR EVERY 2 "
        "EXISTING ORDINARY SHARES",
        ("vodafone", 2, 1),
    ),
    (
        "Lucid said every 10 existing shares will be consolidated into one share.",
        ("lucid", 10, 1),
    ),
    ("BP announced a 1-for-5 share consolidation.", ("bp", 5, 1)),
]


@pytest.mark.parametrize(("body", "want"), SPLITS)
def test_share_consolidation_is_a_reverse_split(extract, body, want) -> None:
    (s,) = find(extract(body, published="2026-02-05", title="Splits"), "stock_split")
    assert (s["entity"], s["data"]["ratio_from"], s["data"]["ratio_to"]) == want
    assert s["when"]["label"] == "2026-02-05"


def test_consolidated_accounts_are_no_split(extract) -> None:
    events = extract(
        "Siemens said Dotmatics is now fully consolidated, and consolidated revenue rose 5%.",
        published="2026-02-05",
    )
    assert find(events, "stock_split") == []
