"""Short names of banks that are also research firms (registry aliases and entities):
the bank when it acts on itself, the firm when it rates another company."""

from __future__ import annotations

import pytest

from events.entities import default_registry
from tests.extract.conftest import find

SHORT_NAMES = [
    ("HSBC", "hsbc_holdings"),
    ("JPMorgan", "jpmorgan_chase"),
    ("J.P. Morgan", "jpmorgan_chase"),
    ("Goldman Sachs", "goldman_sachs_group"),
    ("Goldman", "goldman_sachs_group"),
    ("Morgan Stanley", "morgan_stanley"),
    ("Citi", "citigroup"),
    ("Citigroup", "citigroup"),
    ("Bank of America", "bank_of_america"),
    ("BofA", "bank_of_america"),
    ("UBS", "ubs_group"),
    ("Barclays", "barclays"),
]


@pytest.mark.parametrize(("name", "slug"), SHORT_NAMES)
def test_short_name_resolves_to_the_bank(name, slug) -> None:
    assert default_registry().resolve(name).slug == slug


OWN_ACTS = [
    ("BofA raised its quarterly dividend to $0.28 per share.", "dividend", "bank_of_america"),
    (
        "Citigroup bought back $5 billion of its stock in the fourth quarter.",
        "share_buyback",
        "citigroup",
    ),
    (
        "UBS reported a net profit of $2.4 billion for the third quarter.",
        "operating_result",
        "ubs_group",
    ),
    ("Barclays declared a final dividend of 5.6 pence per share.", "dividend", "barclays"),
    (
        "Morgan Stanley posted fourth-quarter net income of $4.4 billion.",
        "operating_result",
        "morgan_stanley",
    ),
    (
        "J.P. Morgan reported net income of $14.1 billion for the fourth quarter.",
        "operating_result",
        "jpmorgan_chase",
    ),
    (
        "HSBC Holdings expects banking NII of $43 bn in 2025.",
        "guidance",
        "hsbc_holdings",
    ),
]


@pytest.mark.parametrize(("body", "type_", "entity"), OWN_ACTS)
def test_bank_acting_on_itself(extract, body, type_, entity) -> None:
    found = find(extract(body, published="2026-01-15", title="Bank news"), type_)
    assert found and all(e["entity"] == entity for e in found), found


RATINGS = [
    (
        "Morgan Stanley raised its price target on Apple to $300 from $280.",
        "apple",
        "Morgan Stanley",
    ),
    ("Citi upgraded Tesla to buy with a $450 target.", "tesla", "Citi"),
    ("Bank of America analysts cut Nike to underperform with a $55 price target.", "nike", "BofA"),
    ("UBS kept its buy rating on Nestle with a CHF 95 target.", "nestle", "UBS"),
    (
        "Barclays analyst Tom Smith downgraded BMW to underweight with a EUR 70 target.",
        "bmw",
        "Barclays",
    ),
    ("JPMorgan raised its price target on Nvidia to $250.", "nvidia", "JPMorgan"),
]


@pytest.mark.parametrize(("body", "entity", "firm"), RATINGS)
def test_bank_rating_another_company_stays_the_firm(extract, body, entity, firm) -> None:
    events = extract(body, published="2026-01-15", title="Analyst moves")
    ratings = find(events, "analyst_rating")
    assert ratings and all(e["entity"] == entity for e in ratings), ratings
    assert all(e["data"]["firm"] == firm for e in ratings), ratings
    assert not [e for e in events if e["type"] != "analyst_rating"], events


BANK_RATES_BANK = [
    (
        "Goldman Sachs upgraded Morgan Stanley to buy with a $180 target.",
        "morgan_stanley",
        "Goldman Sachs",
    ),
    ("Citi cut UBS to neutral from buy.", "ubs_group", "Citi"),
    (
        "Barclays analysts raised their price target on HSBC to 1,100 pence.",
        "hsbc_holdings",
        "Barclays",
    ),
    ("HSBC raised its price target on Barclays to 400 pence.", "barclays", "HSBC"),
]


@pytest.mark.parametrize(("body", "entity", "firm"), BANK_RATES_BANK)
def test_bank_rating_another_bank(extract, body, entity, firm) -> None:
    ratings = find(extract(body, published="2026-01-15", title="Analyst moves"), "analyst_rating")
    assert len(ratings) == 1, ratings
    assert ratings[0]["entity"] == entity and ratings[0]["data"]["firm"] == firm, ratings


def test_rating_word_after_to_without_other_keywords(extract) -> None:
    ratings = find(
        extract("Jefferies cut Apple to hold from buy.", published="2026-01-15"), "analyst_rating"
    )
    assert [(r["entity"], r["data"]["rating"], r["data"]["action"]) for r in ratings] == [
        ("apple", "hold", "downgrade")
    ]
