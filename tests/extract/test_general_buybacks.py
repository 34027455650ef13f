"""Buybacks in the phrasings of wires, results write-ups and exchange filings: executed
repurchases with share counts in several words ("1.2 mln Class A shares"), money owned by
another clause, two companies in one sentence, "spent ... on buybacks", periods carried
from "in the quarter", and what is not a buyback (pauses, hopes, rumours)."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

USD, HKD, EUR, GBP, JPY, CHF = "USD", "HKD", "EUR", "GBP", "JPY", "CHF"

# (published, body, entity, when label or None, expected data subset)
EXECUTED = [
    (
        "2025-11-21",
        "Tencent said it had repurchased 1.2 mln Class A shares on Thursday for HK$700 mln.",
        "tencent",
        "2025-11-20",
        {"shares": 1.2e6, "amount": (7e8, HKD)},
    ),
    (
        "2025-11-21",
        "Alibaba bought back 3.5 million ordinary shares on Wednesday at prices between HK$150 "
        "and HK$152.",
        "alibaba",
        "2025-11-19",
        {"shares": 3.5e6},
    ),
    (
        "2026-01-15",
        "At Apple, revenue rose 7% to $96.8 billion and the company repurchased $23.6 billion of "
        "stock in the quarter.",
        "apple",
        None,
        {"amount": (2.36e10, USD)},
    ),
    (
        "2026-02-05",
        "Siemens posted net income of EUR 2.1 billion, while it bought back EUR 1.0 billion of "
        "shares in the quarter.",
        "siemens",
        None,
        {"amount": (1e9, EUR)},
    ),
    (
        "2025-11-25",
        "Shell repurchased $3.5 billion of shares in the third quarter and BP bought back $750 "
        "million.",
        "shell",
        "2025-Q3",
        {"amount": (3.5e9, USD)},
    ),
    (
        "2025-11-25",
        "Shell repurchased $3.5 billion of shares in the third quarter and BP bought back $750 "
        "million.",
        "bp",
        "2025-Q3",
        {"amount": (7.5e8, USD)},
    ),
    (
        "2025-11-05",
        "Novartis spent CHF 2.9 billion on share repurchases in the third quarter.",
        "novartis",
        "2025-Q3",
        {"amount": (2.9e9, CHF)},
    ),
    (
        "2025-08-01",
        "Sony repurchased 18.5 million common shares for 50 billion yen in July.",
        "sony",
        "2025-07",
        {"shares": 1.85e7, "amount": (5e10, JPY)},
    ),
]


def _matches(event: dict, when: str | None, data: dict) -> bool:
    if when is not None and event["when"]["label"] != when:
        return False
    for key, want in data.items():
        got = event["data"].get(key)
        if got is None:
            return False
        if isinstance(want, tuple):
            if abs(got["amount"] - want[0]) > 1e-6 * want[0] or got["currency"] != want[1]:
                return False
        elif isinstance(want, float):
            value = got["value"] if isinstance(got, dict) else got
            if abs(value - want) > 1e-6 * want:
                return False
        elif got != want:
            return False
    return True


@pytest.mark.parametrize(("published", "body", "entity", "when", "data"), EXECUTED)
def test_executed_buyback_phrasings(extract, published, body, entity, when, data) -> None:
    events = extract(body, published=published, title="Company news")
    found = find(events, "share_buyback", entity=entity)
    assert any(_matches(e, when, data) for e in found), found
    # the money of another clause or company is never this buyback's amount
    other = [e for e in find(events, "share_buyback") if e["entity"] != entity]
    assert all(e["data"].get("amount") != found[0]["data"].get("amount") for e in other)


def test_quarter_buyback_dated_by_reporting_period(extract) -> None:
    body = (
        "Nvidia reported third-quarter revenue of $57 billion. The company repurchased "
        "$12.5 billion of its shares during the quarter."
    )
    found = find(extract(body, published="2025-11-20"), "share_buyback", entity="nvidia")
    assert found and found[0]["data"]["amount"]["amount"] == 1.25e10
    assert found[0]["when"]["label"] != "2025-11-20", found


def test_holding_company_buyback_not_given_to_the_holding(extract) -> None:
    body = (
        "The repurchase programme, funded by the sale of Tencent shares, continued in the "
        "half: Prosus bought back US$3.1 bn of its own shares."
    )
    found = find(extract(body, published="2025-11-25"), "share_buyback")
    assert [e["entity"] for e in found] == ["prosus"], found


NO_BUYBACK = [
    "Nestle paused its share buyback to cut debt after the acquisition.",
    "Analysts said Apple could buy back as much as $100 billion of stock next year.",
    "Shell is reportedly considering a $5 billion buyback, people familiar said.",
    "BP did not buy back any shares in the quarter.",
    "Investors hope Toyota will announce a buyback of 1 trillion yen.",
]


@pytest.mark.parametrize("body", NO_BUYBACK)
def test_no_buyback_from_pauses_hopes_and_rumours(extract, body) -> None:
    assert find(extract(body, published="2025-11-20"), "share_buyback") == []


def test_quarter_buyback_not_dated_by_the_compared_quarter(extract) -> None:
    body = (
        "For the fiscal fourth quarter ended Aug 31, Costco's revenue rose 8% to $86.2 bn. "
        "For the first quarter, it expects higher sales.\n\n"
        "Costco repurchased 0.2 mln shares for $0.2 bn during the quarter, less than in the "
        "prior quarter."
    )
    found = find(extract(body, published="2025-09-26"), "share_buyback", entity="costco")
    assert found and found[0]["when"]["label"] == "2025-06/2025-08", found
