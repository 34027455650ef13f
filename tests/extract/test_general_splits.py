"""Stock splits and reverse splits in wire prose and filing briefs in capitals: the day the
board decided, the effective date (not the record date), "split each share into four",
"consolidate every five shares into one", past splits named in passing, and hypothetical
or rumoured splits that emit nothing."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

# (published, title, body, entity, when, ratio_from, ratio_to, effective)
SPLITS = [
    (
        "2025-08-08",
        "BRIEFS",
        "BRIEF-Toyota Motor announces five-for-one stock split\n\n* TOYOTA MOTOR CORP - BOARD "
        "RESOLVED ON THURSDAY TO SPLIT EACH COMMON SHARE INTO FIVE SHARES\n* TOYOTA MOTOR - "
        "RECORD DATE SEPT 30, 2025; SPLIT EFFECTIVE OCT 1, 2025",
        "toyota",
        "2025-08-07",
        1,
        5,
        "2025-10-01",
    ),
    (
        "2025-08-08",
        "BRIEFS",
        "BRIEF-Honda proposes 1-for-10 share consolidation\n\n* HONDA MOTOR CO - TO CONSOLIDATE "
        "EVERY TEN COMMON SHARES INTO ONE SHARE, SUBJECT TO SHAREHOLDER APPROVAL\n* HONDA - "
        "CONSOLIDATION EXPECTED TO TAKE EFFECT ON NOV 1, 2025",
        "honda",
        "2025-08-08",
        10,
        1,
        "2025-11-01",
    ),
    (
        "2025-11-25",
        "Market report",
        "Sony shares, which were split five-for-one in October, closed 2.1% higher on Monday.",
        "sony",
        "2025-10",
        1,
        5,
        None,
    ),
    (
        "2025-06-12",
        "Company news",
        "Xiaomi said on Tuesday it would split each of its shares into ten, effective "
        "Oct 1, with a record date of Sept 30.",
        "xiaomi",
        "2025-06-10",
        1,
        10,
        "2025-10-01",
    ),
    (
        "2025-06-12",
        "Company news",
        "Nio will consolidate every four shares into one, the company said on Wednesday.",
        "nio",
        "2025-06-11",
        4,
        1,
        None,
    ),
]


@pytest.mark.parametrize(
    ("published", "title", "body", "entity", "when", "ratio_from", "ratio_to", "effective"),
    SPLITS,
)
def test_split_phrasings(
    extract, published, title, body, entity, when, ratio_from, ratio_to, effective
) -> None:
    found = find(extract(body, published=published, title=title), "stock_split", entity=entity)
    assert len(found) == 1, found
    e = found[0]
    assert (e["data"]["ratio_from"], e["data"]["ratio_to"]) == (ratio_from, ratio_to)
    assert e["when"]["label"] == when
    assert e["data"].get("effective") == effective


NO_SPLIT = [
    "A 10-for-1 split, some retail investors argue, would make Microsoft stock more accessible.",
    "Meta could split its stock 5-for-1 if the shares keep rising, analysts said.",
    "Investors are hoping Alphabet announces a 20-for-1 split at its results.",
    "Is Costco the next candidate for a 4-for-1 stock split?",
    "Shares of Broadcom are rumoured to be heading for a 10-for-1 split.",
]


@pytest.mark.parametrize("body", NO_SPLIT)
def test_no_split_from_hypotheses_or_rumours(extract, body) -> None:
    assert find(extract(body, published="2025-11-20"), "stock_split") == []
