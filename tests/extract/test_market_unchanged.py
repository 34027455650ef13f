"""Closes stated as 'unchanged/flat at', and a relative clause between the company and its
price move ('JD Logistics, which said ..., edged up 0.5% to HK$12.46')."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    ("Alibaba Health was unchanged at HK$5.62.", "alibaba_health", 5.62, "HKD"),
    ("Toyota stayed flat at 2,850 yen.", "toyota", 2850.0, "JPY"),
    (
        "JD Logistics, which said it would open 30 new overseas warehouses by the end of 2026, "
        "edged up 0.5% to HK$12.46.",
        "jd_logistics",
        12.46,
        "HKD",
    ),
    (
        "Siemens, whose chief executive spoke at a conference, rose 1.2% to EUR 230.50.",
        "siemens",
        230.5,
        "EUR",
    ),
]


@pytest.mark.parametrize(("body", "entity", "close", "currency"), ROWS)
def test_close(extract, body, entity, close, currency) -> None:
    got = find(extract(body, published="2025-11-21", title="Markets"), "stock_price")
    assert len(got) == 1 and got[0]["entity"] == entity, got
    assert got[0]["data"]["close"] == {"amount": close, "currency": currency}


def test_relative_clause_with_money_is_no_close(extract) -> None:
    body = "Tencent, which reported revenue of 193 billion yuan, said it would invest HK$5 billion."
    assert find(extract(body, published="2025-11-21", title="Markets"), "stock_price") == []
