"""Deals in the phrasings of financial news: completions told in the passive, purchases of a
company's stock with the stake they give, bids given up, and contracts whose counterparty
is named after "to provide", placed by a customer, or only implied by the article."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ACQUISITIONS = [
    (
        "2025-11-14",
        "Nvidia earlier this month completed its $5 billion purchase of Intel common stock at "
        "$23.28 per share, giving it a stake of about 4%.",
        ("nvidia", None, {"target": "Intel", "stage": "completed", "stake_pct": 4.0}),
    ),
    (
        "2025-11-13",
        "The acquisition of Dotmatics, a provider of laboratory software, for $5.1 billion was "
        "closed in July. Siemens said the unit is now fully consolidated.",
        ("siemens", "2025-07", {"target": "Dotmatics", "stage": "completed"}),
    ),
    (
        "2025-11-13",
        "Siemens' €9 billion purchase of Altair Engineering was completed in March, the company "
        "said.",
        ("siemens", "2025-03", {"target": "Altair Engineering", "stage": "completed"}),
    ),
    (
        "2026-02-17",
        "The takeover of Orgain by Nestle was called off on Monday.",
        ("nestle", "2026-02-16", {"target": "Orgain", "stage": "terminated"}),
    ),
    (
        "2025-11-14",
        "Pfizer said on Thursday it had completed its acquisition of obesity drug developer "
        "Metsera. Novo Nordisk, which had made two rival offers, said last week it would not "
        "raise its bid and walked away from the contest.",
        ("novo_nordisk", "2025-11-03/2025-11-09", {"target": "Metsera", "stage": "terminated"}),
    ),
    (
        "2025-08-20",
        "Alibaba pulled out of the race for Sun Art Retail on Tuesday.",
        ("alibaba", "2025-08-19", {"target": "Sun Art Retail", "stage": "terminated"}),
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), ACQUISITIONS)
def test_acquisition_phrasings(extract, published, body, want) -> None:
    entity, when, data = want
    events = find(extract(body, published=published, title="Deals"), "acquisition", entity=entity)
    assert any(
        (when is None or e["when"]["label"] == when)
        and all(e["data"].get(k) == v for k, v in data.items())
        for e in events
    ), events


NO_ACQUISITION = [
    "Novo Nordisk could walk away from the contest, analysts said.",
    "Novo Nordisk has not walked away from its bid for Metsera.",
    "Microsoft bought 10 million Nvidia shares last quarter.",
    "Salesforce expects to close its $8 billion acquisition of Informatica next week, a person "
    "familiar with the matter said.",
    "The acquisition of Dotmatics could be completed in July if regulators agree.",
]


@pytest.mark.parametrize("body", NO_ACQUISITION)
def test_no_acquisition_from_talk(extract, body) -> None:
    assert find(extract(body, published="2025-11-14", title="Deals"), "acquisition") == []


CONTRACTS = [
    (
        "Amazon Web Services, the cloud unit of Amazon.com, signed a seven-year agreement worth "
        "$38 billion to provide OpenAI with computing capacity, the companies said on Monday.",
        ("amazon", "2025-11-10", "OpenAI", 38e9),
    ),
    (
        "Boeing said on Wednesday that Turkish Airlines had finalised an order for 50 787 "
        "Dreamliners, valued at about $20 billion at list prices.",
        ("boeing", "2025-11-12", "Turkish Airlines", 20e9),
    ),
    (
        "Airbus said IndiGo placed a firm order for 30 A350 jets on Tuesday.",
        ("airbus", "2025-11-11", "IndiGo", None),
    ),
    (
        "Nvidia won a contract from the U.S. Department of Energy to build seven supercomputers.",
        ("nvidia", "2025-11-14", "U.S. Department of Energy", None),
    ),
]


@pytest.mark.parametrize(("body", "want"), CONTRACTS)
def test_contract_counterparties(extract, body, want) -> None:
    entity, when, counterparty, amount = want
    (c,) = find(extract(body, published="2025-11-14", title="Deals"), "contract")
    assert (c["entity"], c["when"]["label"], c["data"]["counterparty"]) == (
        entity,
        when,
        counterparty,
    )
    assert (c["data"].get("amount") or {}).get("amount") == amount


def test_supply_contract_in_an_article_about_the_customer(extract) -> None:
    events = extract(
        "Mercedes-Benz Group delivered 441,500 cars in the third quarter. In better news, Chinese "
        "battery maker CATL won a contract to supply battery cells for the electric CLA from its "
        "plant in Debrecen, Hungary, the supplier confirmed on Thursday.",
        published="2025-11-03",
        title="Mercedes-Benz braces for a long winter",
    )
    (c,) = find(events, "contract")
    assert c["entity"] == "catl" and c["when"]["label"] == "2025-10-30"
    assert "Mercedes" in c["data"]["counterparty"]


NO_CONTRACT = [
    "Emirates could place an order for 20 Boeing 777X jets, people familiar said.",
    "Tesla signed a supply deal with a battery maker last week.",
    "CATL won a contract to supply battery cells from its plant in Debrecen.",
]


@pytest.mark.parametrize("body", NO_CONTRACT)
def test_no_contract_without_a_counterparty_or_when_hedged(extract, body) -> None:
    assert find(extract(body, published="2025-11-14", title="CATL"), "contract") == []
