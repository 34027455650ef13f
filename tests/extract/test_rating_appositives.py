"""Ratings: a rating set off after the firm ("Morgan Stanley, overweight, ...", "Jefferies
(Buy) ..."), scenario values that are not the target, and a company's own targets for a
metric that are no price target."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    (
        "commas around the rating, bull case before the base-case target",
        "ASML",
        "Morgan Stanley, overweight, sees upside to EUR 1,400 in its bull case but kept its "
        "EUR 1,150 base-case target unchanged.",
        {"firm": "Morgan Stanley", "rating": "overweight", "target": 1150.0, "currency": "EUR"},
    ),
    (
        "rating in brackets after the firm",
        "Apple",
        "Jefferies (Buy) lifted its target on Apple to $260 from $240.",
        {"firm": "Jefferies", "rating": "buy", "target": 260.0, "currency": "USD"},
    ),
    (
        "'rated neutral' between commas, Swiss francs",
        "Nestle",
        "UBS, rated neutral, cut its price target for Nestle to CHF 85.",
        {"firm": "UBS", "rating": "neutral", "target": 85.0, "currency": "CHF"},
    ),
    (
        "a bull-case value next to the price target",
        "Tesla",
        "Bernstein has a bull-case value of $500 and a $350 price target on Tesla.",
        {"firm": "Bernstein", "target": 350.0, "currency": "USD"},
    ),
    (
        "the firm opens the sentence and the company is the article's",
        "Walmart",
        "Evercore ISI raised its target to $125 from $115 and reiterated Outperform.",
        {"firm": "Evercore ISI", "rating": "buy", "target": 125.0, "currency": "USD"},
    ),
    (
        "dash-set rating, yen target",
        "Toyota",
        "Nomura - buy - raised its target price on Toyota to 3,600 yen.",
        {"firm": "Nomura", "rating": "buy", "target": 3600.0, "currency": "JPY"},
    ),
]


@pytest.mark.parametrize(("title", "body", "want"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_appositive_ratings(extract, title, body, want) -> None:
    got = find(extract(body, published="2026-01-29", title=title), "analyst_rating")
    assert len(got) == 1, got
    data = got[0]["data"]
    assert data["firm"] == want["firm"]
    assert data.get("rating") == want.get("rating")
    assert data["target_price"] == {"amount": want["target"], "currency": want["currency"]}


NOT_RATINGS = [
    "HSBC Holdings raised its 2025 target for banking net interest income on Tuesday, as "
    "Europe's largest bank conserves capital for its $13.6 billion plan to take Hang Seng Bank "
    "private.",
    "Goldman Sachs said its asset management unit was on track to reach its target of $10 "
    "billion in annual alternatives fundraising.",
    "Barclays cut its net interest income target for 2026 to 12.5 billion pounds.",
    "Goldman Sachs raised its gold price target to $4,900 an ounce.",
    "JPMorgan raised its year-end S&P 500 target to $7,000.",
    "UBS lifted its Brent target to $70 a barrel.",
]


@pytest.mark.parametrize("body", NOT_RATINGS)
def test_own_metric_target_is_no_rating(extract, body) -> None:
    events = extract(body, published="2025-10-28", title="Bank news")
    assert find(events, "analyst_rating") == [], events
