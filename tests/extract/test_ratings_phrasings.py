"""Analyst ratings in the phrasings of broker notes and market reports, one row per class."""

from __future__ import annotations

import msgspec
import pytest

from events.articles import parse_article
from tests.extract.conftest import find

# (case, title, body, firm, rating, action, target, previous target)
ROWS = [
    (
        "reiterated with a capital, no 'rating' noun",
        "Oracle",
        "Jefferies reiterated Buy on Oracle with a $400 target.",
        "Jefferies",
        "buy",
        "maintain",
        400.0,
        None,
    ),
    (
        "maintained a quoted rating word",
        "Reliance",
        "Nuvama Institutional Equities cut its target price on Reliance to Rs 1,690 from "
        "Rs 1,715 but maintained a 'buy', citing weaker refining margins.",
        "Nuvama",
        "buy",
        "maintain",
        1690.0,
        1715.0,
    ),
    (
        "upgraded to X from Y, a firm with initials",
        "Nvidia",
        "DA Davidson upgraded Nvidia to Buy from Neutral with a $215 price target.",
        "DA Davidson",
        "buy",
        "upgrade",
        215.0,
        None,
    ),
    (
        "initiated coverage at Sell, a two-word firm not cut short",
        "Tesla",
        "Rothschild Redburn initiated coverage of Tesla at Sell with a $190 target.",
        "Rothschild & Co Redburn",
        "sell",
        "initiate",
        190.0,
        None,
    ),
    (
        "initiated at Underperform",
        "Intel",
        "BMO Capital Markets initiated Intel at Underperform with a price target of $18.",
        "BMO Capital Markets",
        "sell",
        "initiate",
        18.0,
        None,
    ),
    (
        "kept Overweight, euro target",
        "SAP",
        "Barclays kept Overweight on SAP and trimmed its price target to EUR 290 from EUR 310.",
        "Barclays",
        "overweight",
        "maintain",
        290.0,
        310.0,
    ),
    (
        "remains Neutral, yen target",
        "Sony",
        "Mizuho remains Neutral on Sony with a target price of 3,900 yen.",
        "Mizuho",
        "neutral",
        "maintain",
        3900.0,
        None,
    ),
    (
        "downgraded to Hold, HK dollars",
        "Xiaomi",
        "Guggenheim downgraded Xiaomi to Hold from Buy and cut its target to HK$48 from HK$62.",
        "Guggenheim",
        "hold",
        "downgrade",
        48.0,
        62.0,
    ),
]


@pytest.mark.parametrize(
    ("title", "body", "firm", "rating", "action", "target", "previous"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_rating_phrasings(extract, title, body, firm, rating, action, target, previous) -> None:
    (r,) = find(extract(body, published="2025-12-11", title=title), "analyst_rating")
    d = r["data"]
    assert (d["firm"], d.get("rating"), d.get("action", "maintain")) == (firm, rating, action)
    assert d["target_price"]["amount"] == target
    assert (d.get("previous_target") or {}).get("amount") == previous
    assert r["when"]["label"] == "2025-12-11"


def _note(body: str, publisher: str) -> list[dict]:
    from events.entities import default_registry
    from events.extract import default_extractor

    text = (
        f'---\ntitle: "Oracle first take"\ndatetime: "2025-12-11T06:15:00-05:00"\n'
        f'publisher: "{publisher}"\n---\n\n{body}\n'
    )
    art = parse_article(text.encode(), "note.md").article
    events = default_extractor().extract(art, default_registry())
    return [msgspec.to_builtins(e) for e in events]


def test_a_notes_own_header_is_the_publishers_call() -> None:
    events = _note(
        "**Oracle Corp. (ORCL) | Rating: BUY (unchanged) | Price target: $330 (from $400)**\n\n"
        "We keep our Buy rating but cut our price target to $330 from $400.",
        "Example Securities Equity Research",
    )
    (r,) = find(events, "analyst_rating")
    d = r["data"]
    assert r["entity"] == "oracle" and d["firm"] == "Example Securities"
    assert d["rating"] == "buy" and d.get("action", "maintain") == "maintain"
    assert d["target_price"]["amount"] == 330.0 and d["previous_target"]["amount"] == 400.0


def test_we_in_a_news_story_is_not_a_firm() -> None:
    events = _note(
        '"We keep our Buy rating on Oracle," a fund manager said.', "Example Business Daily"
    )
    assert find(events, "analyst_rating") == []


NEGATIVE = [
    ("keeps hold of a stake", "Goldman Sachs keeps hold of its stake in Oracle, a filing showed."),
    ("sell-off", "Morgan Stanley said the sell-off in Oracle had gone too far."),
    ("no firm", "Investors reiterated Buy calls on Oracle on social media."),
    ("hedged", "UBS could initiate coverage of Oracle at Buy if the deal closes."),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_ratings(extract, case, body) -> None:
    assert find(extract(body, published="2025-12-11", title="Oracle"), "analyst_rating") == []
