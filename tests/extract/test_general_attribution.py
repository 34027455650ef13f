"""Which company a fact belongs to, and when it happened, in the phrasings of financial news:
unknown companies as subjects, days that name something else, and statements dated by
when they were made."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

UNKNOWN_SUBJECTS = [
    # (title, body, type that must not be given to a known company)
    (
        "BP",
        "BP reported on Tuesday. European peers Equinor and Eni reported results on Wednesday, "
        "with Equinor keeping its buyback at $1.2 billion a quarter.",
        "share_buyback",
    ),
    (
        "Disney",
        "Disney is close to naming a new chief executive. Shares of Snowflake, which is not part "
        "of our coverage, jumped after it forecast product revenue of $4.4 billion.",
        "guidance",
    ),
    (
        "Shell",
        "Shell reported on Thursday. Investors also watched Repsol, while Galp posted a profit "
        "of 400 million euros in the third quarter.",
        "operating_result",
    ),
]


@pytest.mark.parametrize(("title", "body", "type_"), UNKNOWN_SUBJECTS)
def test_facts_of_unknown_companies_go_nowhere(extract, title, body, type_) -> None:
    assert find(extract(body, published="2025-10-30", title=title), type_) == []


BUYBACKS = [
    (
        "Shell",
        "Shell beat forecasts with third-quarter profit of $5.43 billion on Thursday and kept the "
        "pace of its share repurchases at $3.5 billion for the next three months, the 16th "
        "straight quarter in which it has bought back at least $3 billion of stock.",
        ("shell", "2025-10-30", {"program_amount": {"amount": 3.5e9, "currency": "USD"}}),
    ),
    (
        "BP",
        "BP kept its quarterly buyback unchanged at $750 million on Tuesday.",
        ("bp", "2025-10-28", {"program_amount": {"amount": 7.5e8, "currency": "USD"}}),
    ),
    (
        "Apple",
        "Apple reported revenue of $102.5 billion and authorized an additional $110 billion for "
        "share repurchases.",
        ("apple", "2025-10-30", {"program_amount": {"amount": 1.1e11, "currency": "USD"}}),
    ),
]


@pytest.mark.parametrize(("title", "body", "want"), BUYBACKS)
def test_buyback_programme_amount_is_the_one_near_the_buyback(extract, title, body, want) -> None:
    (b,) = find(extract(body, published="2025-10-30", title=title), "share_buyback")
    entity, when, data = want
    assert (b["entity"], b["when"]["label"]) == (entity, when)
    assert all(b["data"].get(k) == v for k, v in data.items()), b["data"]


def test_hedged_buyback_pace_is_not_a_buyback(extract) -> None:
    events = extract(
        "BP could keep its buyback at $750 million, analysts said.", published="2025-10-30"
    )
    assert find(events, "share_buyback") == []


DAYS = [
    # a day that dates something else is not the day of the fact
    (
        "2025-10-30",
        "BP shares gained 0.9% to 438.5p ahead of the company's own results on Tuesday.",
        ("stock_price", "bp", "2025-10-30"),
    ),
    (
        "2026-01-15",
        "A block of 15 million Meituan shares changed hands at HK$96.20 apiece, a 3.5% discount "
        "to Wednesday's close, raising about HK$1.44 billion. Meituan shares fell 2.8% to HK$96.85 "
        "at the close.",
        ("stock_price", "meituan", "2026-01-15"),
    ),
    (
        "2026-01-15",
        "Xiaomi shares rose 3% to HK$40 on Wednesday.",
        ("stock_price", "xiaomi", "2026-01-14"),
    ),
    (
        "2026-01-15",
        "Xiaomi shares rose 3% before closing at HK$40 on Wednesday.",
        ("stock_price", "xiaomi", "2026-01-14"),
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), DAYS)
def test_day_of_a_market_fact(extract, published, body, want) -> None:
    type_, entity, when = want
    events = find(extract(body, published=published, title="Markets"), type_, entity=entity)
    assert [e["when"]["label"] for e in events] == [when]


BRIEFS = (
    "BRIEF-Costco raises quarterly dividend\n\n"
    "* BOARD APPROVED INCREASE IN QUARTERLY CASH DIVIDEND TO $1.47 PER SHARE FROM $1.30\n\n"
    "BRIEF-Spotify authorizes buyback\n\n"
    "* BOARD AUTHORIZED REPURCHASE OF UP TO AN ADDITIONAL $2.0 BILLION OF ORDINARY SHARES\n\n"
    "BRIEF-Acme Robotics authorizes buyback\n\n"
    "* BOARD AUTHORIZED REPURCHASE OF UP TO $500 MILLION OF SHARES"
)


def test_brief_bullets_belong_to_their_headings_company(extract) -> None:
    events = extract(BRIEFS, published="2026-02-05", title="Briefs")
    assert [e["entity"] for e in find(events, "dividend")] == ["costco"]
    buybacks = find(events, "share_buyback")
    assert [(e["entity"], e["data"]["program_amount"]["amount"]) for e in buybacks] == [
        ("spotify", 2e9)
    ]


SHORT_NAMES = [
    (
        "Novo Nordisk said on Tuesday that it would cut prices. CATL shares fell 2%. Novo shares "
        "closed 3% lower at 302.5 Danish crowns in Copenhagen on Wednesday.",
        "novo_nordisk",
    ),
    (
        "Toyota Motor raised its forecast. CATL shares fell 2%. Hermes shares closed 1.4% lower "
        "at 54.20 euros in Paris on Wednesday.",
        None,
    ),
    (
        "Toyota Motor raised its forecast. CATL shares fell 2%. Acme's shares closed 1.4% lower "
        "at 54.20 euros in Paris on Wednesday.",
        None,
    ),
]


@pytest.mark.parametrize(("body", "entity"), SHORT_NAMES)
def test_short_and_unknown_names_opening_a_sentence(extract, body, entity) -> None:
    events = extract(body, published="2026-02-05", title="Markets")
    closes = [
        e["entity"]
        for e in find(events, "stock_price")
        if e["data"]["close"]["amount"] in (302.5, 54.2)
    ]
    assert closes == ([entity] if entity else [])
