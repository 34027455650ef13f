"""Banks that are also research firms (Goldman Sachs, HSBC, JPMorgan) as the company when
they act on themselves, as the firm when they research others; and sentences that state two
dividends ("its regular dividend of 375 won ... a special dividend of 1,500 won")."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

BANK_ACTS = [
    ("HSBC declared an interim dividend of $0.10 per share.", "dividend", "hsbc_holdings"),
    (
        "HSBC's profit rose 10% to $9.1 billion in the third quarter.",
        "operating_result",
        "hsbc_holdings",
    ),
    (
        "Goldman Sachs bought back $3.5 billion of its common stock on Monday.",
        "share_buyback",
        "goldman_sachs_group",
    ),
    (
        "At JPMorgan, revenue rose 7% to $46.8 billion and the bank repurchased $7.9 billion of "
        "stock on Tuesday.",
        "share_buyback",
        "jpmorgan_chase",
    ),
]


@pytest.mark.parametrize(("body", "type_", "entity"), BANK_ACTS)
def test_bank_acting_on_itself_is_the_company(extract, body, type_, entity) -> None:
    found = find(extract(body, published="2026-01-15"), type_)
    assert found and all(e["entity"] == entity for e in found), found


BANK_RESEARCH = [
    ("Goldman Sachs raised its price target on Apple to $300.", "apple"),
    ("JPMorgan analysts upgraded Tesla to overweight with a $400 target.", "tesla"),
    ("Analyst Jane Doe of HSBC kept a buy rating on Xiaomi with a HK$60 target.", "xiaomi"),
]


@pytest.mark.parametrize(("body", "entity"), BANK_RESEARCH)
def test_bank_researching_others_stays_the_firm(extract, body, entity) -> None:
    events = extract(body, published="2026-01-15")
    ratings = find(events, "analyst_rating")
    assert ratings and all(e["entity"] == entity for e in ratings), ratings


TWO_DIVIDENDS = [
    (
        "On top of its regular quarterly dividend of 375 won per share, SK hynix will pay a "
        "special dividend of 1,500 won per share.",
        "sk_hynix",
        {("regular", 375.0), ("special", 1500.0)},
    ),
    (
        "Samsung Electronics will pay a year-end dividend of 370 won per share plus a special "
        "dividend of 1,000 won.",
        "samsung",
        {("regular", 370.0), ("special", 1000.0)},
    ),
    (
        "BP declared a special dividend of $0.21 and a regular interim dividend of $0.10 per "
        "share.",
        "bp",
        {("special", 0.21), ("regular", 0.1)},
    ),
]


@pytest.mark.parametrize(("body", "entity", "want"), TWO_DIVIDENDS)
def test_two_dividends_in_one_sentence(extract, body, entity, want) -> None:
    found = find(extract(body, published="2026-01-29"), "dividend", entity=entity)
    assert {(e["data"]["kind"], e["data"]["per_share"]["amount"]) for e in found} == want
