"""Closing prices in the phrasings of market reports and live blogs, one row per class."""

from __future__ import annotations

import msgspec
import pytest

from events.articles import parse_article
from tests.extract.conftest import find

# (case, title, published, body, expected closes as (entity, when, amount, currency,
# change_pct, note))
ROWS = [
    (
        "finished up, no 'shares'",
        "Hong Kong close",
        "2026-01-15",
        "Tencent Holdings finished up 0.3% at HK$631.5.",
        [("tencent", "2026-01-15", 631.5, "HKD", 0.3, None)],
    ),
    (
        "ended down, no 'shares'",
        "Hong Kong close",
        "2026-01-15",
        "Alibaba Group ended down 1.1% at HK$148.20 in Hong Kong.",
        [("alibaba", "2026-01-15", 148.2, "HKD", -1.1, None)],
    ),
    (
        "settled higher in euros",
        "Frankfurt close",
        "2025-11-14",
        "Siemens settled 0.8% higher at 231.40 euros.",
        [("siemens", "2025-11-14", 231.4, "EUR", 0.8, None)],
    ),
    (
        "at a record, new Taiwan dollars",
        "Taipei close",
        "2026-01-15",
        "TSMC's Taipei-listed shares closed up 1.9% at a record NT$1,715.",
        [("tsmc", "2026-01-15", 1715.0, "TWD", 1.9, "record_high")],
    ),
    (
        "to a fresh record high of",
        "Tokyo close",
        "2025-10-27",
        "Sony shares jumped 4.2% to a fresh record high of 4,550 yen on Monday.",
        [("sony", "2025-10-27", 4550.0, "JPY", 4.2, "record_high")],
    ),
    (
        "two companies, 'respectively'",
        "Tokyo close",
        "2025-11-07",
        "Shares of Toyota and Honda closed up 1.2% and down 3.4% at 3,084 yen and 1,512.5 "
        "yen, respectively, on Friday.",
        [
            ("toyota", "2025-11-07", 3084.0, "JPY", 1.2, None),
            ("honda", "2025-11-07", 1512.5, "JPY", -3.4, None),
        ],
    ),
    (
        "a day that dates something else is not the close's day",
        "London close",
        "2025-10-30",
        "BP shares gained 0.9% to 438.5p ahead of the company's own results on Tuesday.",
        [("bp", "2025-10-30", 4.385, "GBP", 0.9, None)],
    ),
    (
        "'Wednesday's close' earlier in the paragraph does not date the close",
        "Live blog",
        "2026-01-15",
        "A block of 15 million Meituan shares changed hands at HK$96.20 apiece, a 3.5% discount "
        "to Wednesday's close. Meituan shares fell 2.8% to HK$96.85 at the close.",
        [("meituan", "2026-01-15", 96.85, "HKD", -2.8, None)],
    ),
    (
        "a live blog's earlier entry does not date a later one",
        "Live blog",
        "2026-01-15",
        "11:50 HKT - Tencent block\n\nTencent shares traded at a discount on Wednesday, "
        "dealers said.\n\n10:20 HKT - CATL update\n\nCATL said output would rise. Its "
        "Shenzhen-listed shares closed down 2.4% at 352.80 yuan.",
        [("catl", "2026-01-15", 352.8, "CNY", -2.4, None)],
    ),
    (
        "a day carried within the paragraph",
        "Rivian",
        "2025-10-03",
        "Rivian delivered 13,201 vehicles in the third quarter, the company said on Thursday. "
        "Rivian shares closed 4.1% higher at $14.62.",
        [("rivian", "2025-10-02", 14.62, "USD", 4.1, None)],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_close_phrasings(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "stock_price")
    seen = sorted(
        (
            e["entity"],
            e["when"]["label"],
            e["data"]["close"]["amount"],
            e["data"]["close"]["currency"],
            e["data"].get("change_pct"),
            e["data"].get("note"),
        )
        for e in got
    )
    assert seen == sorted(expected)


def test_block_trade_in_capitals_names_whose_shares() -> None:
    from events.entities import default_registry
    from events.extract import default_extractor
    from tests.extract.conftest import article

    art = article(
        "PROSUS SOLD 3.2 MILLION TENCENT HOLDINGS SHARES AT HK$612.0 EACH IN A BLOCK TRADE ON "
        "THURSDAY - TERM SHEET",
        "2026-02-05",
        "Briefs",
    )
    events = [msgspec.to_builtins(e) for e in default_extractor().extract(art, default_registry())]
    (b,) = find(events, "block_trade")
    assert b["entity"] == "tencent" and b["when"]["label"] == "2026-02-05"
    assert b["data"]["price"] == {"amount": 612.0, "currency": "HKD"}
    assert abs(b["data"]["amount"]["amount"] - 3.2e6 * 612.0) < 1.0


def test_a_notes_header_close_with_its_day() -> None:
    from events.entities import default_registry
    from events.extract import default_extractor

    text = (
        '---\ntitle: "Oracle first take"\ndatetime: "2025-12-11T06:15:00-05:00"\n'
        'publisher: "Example Securities Equity Research"\n---\n\n'
        "**Oracle Corp. (ORCL) | Rating: BUY | Price target: $330 | Close 12/10: $223.01**\n"
    )
    art = parse_article(text.encode(), "note.md").article
    events = [msgspec.to_builtins(e) for e in default_extractor().extract(art, default_registry())]
    (c,) = find(events, "stock_price")
    assert c["entity"] == "oracle" and c["when"]["label"] == "2025-12-10"
    assert c["data"]["close"] == {"amount": 223.01, "currency": "USD"}


NEGATIVE = [
    (
        "dividend per share",
        "COSTCO - BOARD APPROVED INCREASE IN QUARTERLY DIVIDEND TO $1.47 PER SHARE",
    ),
    ("intraday", "Toyota Motor edged up 0.8% to 3,361 yen by the midday break, at one point."),
    ("target", "Jefferies raised its target on Apple to $300, and the shares rose 2%."),
    ("revenue that 'ended'", "Apple's services revenue ended the quarter at $27.4 billion."),
    ("hedged", "Tesla shares may rise to $500, Wedbush said."),
    ("an old close", "Tesla ended 2024 at $403.84 and closed at a record $480 in December 2024."),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_closes(extract, case, body) -> None:
    assert find(extract(body, published="2025-11-07", title="Markets"), "stock_price") == []
