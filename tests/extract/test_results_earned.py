"""Results named by the verb ("X earned $17.2 billion, or $54.80 a share"), levels after
"more than doubled to", and "the quarter to December" as a three-month span."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    (
        "earned, or per share: net income and EPS",
        "2026-01-20",
        "For the full year 2025, Toyota earned 4.8 trillion yen, or 365 yen per share.",
        [
            {"entity": "toyota", "metric": "net_income", "when": "2025", "value": 4.8e12},
            {"entity": "toyota", "metric": "eps", "when": "2025", "value": 365.0},
        ],
    ),
    (
        "earned with the period between the two values",
        "2026-01-21",
        "Netflix earned $2.9 billion in the fourth quarter, or $6.70 per diluted share.",
        [{"entity": "netflix", "metric": "net_income", "when": "2025-Q4", "value": 2.9e9}],
    ),
    (
        "earned ... respectively, one company each, the quarter to December",
        "2026-02-10",
        "Toyota and Honda earned 1.2 trillion yen and 300 billion yen, respectively, in the "
        "quarter to December.",
        [
            {"entity": "toyota", "metric": "net_income", "when": "2025-Q4", "value": 1.2e12},
            {"entity": "honda", "metric": "net_income", "when": "2025-Q4", "value": 3e11},
        ],
    ),
    (
        "a period set off between the metric and its verb does not count as distance",
        "2025-11-21",
        "Lenovo said that revenue for its fiscal second quarter, the three months to September, "
        "rose 15% y/y to US$20.5 bn.",
        [{"entity": "lenovo", "metric": "revenue", "when": "2025-Q3", "value": 20.5e9}],
    ),
    (
        "comparable sales growth is the figure itself, fiscal quarter of a January year",
        "2025-11-20",
        "For the fiscal third quarter ended Oct 31, Walmart U.S. comparable sales grew 4.5%, "
        "excluding fuel.",
        [
            {
                "entity": "walmart",
                "metric": "same_store_sales",
                "when": "2025-08/2025-10",
                "value": 4.5,
            }
        ],
    ),
    (
        "same-store sales that fell are negative",
        "2025-11-04",
        "Costco same-store sales fell 2% in October.",
        [{"entity": "costco", "metric": "same_store_sales", "when": "2025-10", "value": -2.0}],
    ),
    (
        "net income, or per share: EPS too (euros)",
        "2026-01-29",
        "ASML net income came to EUR 2.84bn, or EUR 7.35 per share, in the fourth quarter.",
        [
            {"entity": "asml", "metric": "net_income", "when": "2025-Q4", "value": 2.84e9},
            {"entity": "asml", "metric": "eps", "when": "2025-Q4", "value": 7.35},
        ],
    ),
    (
        "the year of a comparison base is not the result's period",
        "2026-01-29",
        "For full-year 2025, ASML reported net sales of EUR 32.7bn, up 16% from EUR 28.3bn in "
        "2024, and a gross margin of 52.8%.",
        [
            {"entity": "asml", "metric": "revenue", "when": "2025", "value": 32.7e9},
            {"entity": "asml", "metric": "gross_margin", "when": "2025", "value": 52.8},
        ],
    ),
    (
        "a full stop the sentence splitter kept ('y/y. Gross margin') does not carry 'guided'",
        "2026-01-29",
        "In the fourth quarter, ASML net sales were EUR 9.72bn, at the top of the guided range, "
        "up 4.9% y/y. Gross margin was 52.2%.",
        [
            {"entity": "asml", "metric": "revenue", "when": "2025-Q4", "value": 9.72e9},
            {"entity": "asml", "metric": "gross_margin", "when": "2025-Q4", "value": 52.2},
        ],
    ),
    (
        "segments with abbreviations in brackets, 'respectively'",
        "2025-11-12",
        "At Infineon, in the fourth quarter, the Automotive (ATV) and Power & Sensor Systems (PSS) "
        "segments "
        "generated revenue of €1,962m and €1,177m, respectively.",
        [
            {"entity": "infineon", "segment": "automotive", "value": 1962e6},
            {"entity": "infineon", "segment": "power_sensor_systems", "value": 1177e6},
        ],
    ),
    (
        "'swung to a loss of' is a negative net income (dollars)",
        "2025-11-01",
        "Intel swung to a loss of $16.6 billion in the third quarter.",
        [{"entity": "intel", "metric": "net_income", "when": "2025-Q3", "value": -16.6e9}],
    ),
    (
        "'reported a loss of ... for the third quarter'",
        "2025-11-05",
        "Rivian reported a loss of $1.1 billion for the third quarter.",
        [{"entity": "rivian", "metric": "net_income", "when": "2025-Q3", "value": -1.1e9}],
    ),
    (
        "'posted a loss of' in yen, fiscal half of a March year",
        "2025-11-06",
        "Nissan posted a loss of 221.9 billion yen in the first half.",
        [
            {
                "entity": "nissan",
                "metric": "net_income",
                "when": "2025-04/2025-09",
                "value": -221.9e9,
            }
        ],
    ),
    (
        "'more than doubled to' gives the level",
        "2026-01-29",
        "SK hynix operating profit more than doubled to 19.2 trillion won in the fourth quarter.",
        [{"entity": "sk_hynix", "metric": "operating_income", "when": "2025-Q4", "value": 1.92e13}],
    ),
]


@pytest.mark.parametrize(
    ("published", "body", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_results_named_by_verb(extract, published, body, expected) -> None:
    got = find(extract(body, published=published, title="Results"), "operating_result")
    assert len(got) == len(expected), [g["data"] for g in got]
    for want in expected:
        assert find(got, "operating_result", **want), (want, [g["data"] for g in got])


NEGATIVE = [
    "Bayer booked an impairment loss of EUR 3 billion in the third quarter.",
    "Analysts expect Intel to post a loss of $1 billion in the fourth quarter.",
    "Intel could swing to a loss of $1 billion.",
    "Lazard earned $5 million for advising Pfizer in the third quarter.",
    "Walmex reported third-quarter revenue of 261.2 bln pesos, up 4.6% y/y.",
    "Apple is expected to have earned $1.50 a share in the quarter.",
    "Analysts expect Tesla earned $0.50 per share in the quarter.",
    "Citigroup and Wells Fargo earned $3.9 billion and $5.4 billion, respectively.",
]


@pytest.mark.parametrize("body", NEGATIVE)
def test_not_results(extract, body) -> None:
    got = find(extract(body, published="2026-01-15", title="Results"), "operating_result")
    assert all(g["entity"] not in (None, "apple", "tesla") for g in got), got
    assert len(got) <= 1, got


NO_RESULT = [
    "Bayer booked an impairment loss of EUR 3 billion in the third quarter.",
    "Analysts expect Intel to post a loss of $1 billion in the fourth quarter.",
    "Intel could swing to a loss of $1 billion.",
    "Lazard earned $5 million for advising Pfizer in the third quarter.",
    "Walmex reported third-quarter revenue of 261.2 bln pesos, up 4.6% y/y.",
]


@pytest.mark.parametrize("body", NO_RESULT)
def test_no_result(extract, body) -> None:
    assert find(extract(body, published="2025-11-05", title="Results"), "operating_result") == []
