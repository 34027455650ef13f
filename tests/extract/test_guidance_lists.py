"""Guidance classes: lists sharing one verb, previous values with their own marks, actual
growth figures and guided ranges that are not guidance, the day of the lead's statement.

Rows: (case, title, published, body, expected guidance as dicts of fields to check).
"""

from __future__ import annotations

import pytest

from tests.extract.conftest import find
from tests.extract.test_guidance_phrasings import _agrees

ROWS = [
    (
        "a list of five items after 'expects', values before and after their metric",
        "Spotify",
        "2026-02-10",
        "For the first quarter of 2026, Spotify expects 759 mln monthly active users, 293 mln "
        "subscribers, revenue of EUR 4.5 bn, a gross margin of 32.6% and operating income of "
        "EUR 660 mln.",
        [
            {"metric": "users", "period": "2026-Q1", "value": 759e6},
            {"metric": "subscribers", "period": "2026-Q1", "value": 293e6},
            {"metric": "revenue", "period": "2026-Q1", "value": 4.5e9, "unit": "EUR"},
            {"metric": "gross_margin", "period": "2026-Q1", "value": 32.6},
            {"metric": "operating_income", "period": "2026-Q1", "value": 660e6},
        ],
    ),
    (
        "a list in Swiss francs with a bare margin, the period after the list",
        "Nestle",
        "2026-02-12",
        "Nestle expects revenue of CHF 92 bn, operating profit of CHF 15 bn and a margin of 16% "
        "for 2026.",
        [
            {"metric": "revenue", "period": "2026", "value": 92e9, "unit": "CHF"},
            {"metric": "operating_income", "period": "2026", "value": 15e9, "unit": "CHF"},
            {"metric": "margin", "period": "2026", "value": 16.0, "unit": "pct"},
        ],
    ),
    (
        "a list with a range item, 'sees'",
        "Netflix",
        "2026-01-20",
        "Netflix sees first-quarter revenue of $12.1 billion to $12.3 billion and operating "
        "margin of 31.5%.",
        [
            {"metric": "revenue", "period": "2026-Q1", "value": 12.1e9, "value_max": 12.3e9},
            {"metric": "operating_margin", "period": "2026-Q1", "value": 31.5},
        ],
    ),
    (
        "January year-end: fiscal 2026 is Feb-Jan; 'it forecast in August' is not the period;"
        " 'compared with X previously' is the previous value",
        "Walmart",
        "2025-11-20",
        "Walmart now expects consolidated net sales for fiscal 2026 to grow 4.8% to 5.1%, up "
        "from the 3.75% to 4.75% it forecast in August, and adjusted EPS of $2.58 to $2.63, "
        "compared with $2.52 to $2.62 previously.",
        [
            {
                "metric": "revenue_growth",
                "period": "2025-02/2026-01",
                "value": 4.8,
                "action": "raised",
                "previous": 3.75,
            },
            {
                "metric": "eps",
                "period": "2025-02/2026-01",
                "value": 2.58,
                "value_max": 2.63,
                "action": "raised",
                "previous": 2.52,
            },
        ],
    ),
    (
        "the previous range 'it guided in May' is no new guidance and no period",
        "Walmart",
        "2025-08-21",
        "Walmart raised its fiscal 2026 EPS outlook to $2.52 to $2.62, from the $2.50 to $2.60 "
        "it guided in May.",
        [{"metric": "eps", "period": "2025-02/2026-01", "value": 2.52, "previous": 2.5}],
    ),
    (
        "an outlook without a day of its own takes the day the lead says the company spoke",
        "Spotify",
        "2026-02-11",
        "Spotify Technology delivered its most profitable quarter ever, the streaming group said "
        "on Tuesday.\n\nFor the first quarter of 2026, Spotify expects revenue of EUR 4.5 bn.",
        [{"when": "2026-02-10", "metric": "revenue", "value": 4.5e9}],
    ),
    (
        "'or better' is a floor, the previous value has its own 'around'",
        "HSBC",
        "2025-10-28",
        "HSBC Holdings now expects banking NII of $43 bn or better in 2025, up from its previous "
        "guidance of around $42 bn.",
        [
            {
                "metric": "net_interest_income",
                "period": "2025",
                "value": 43e9,
                "bound": "at_least",
                "action": "raised",
                "previous": 42e9,
            }
        ],
    ),
    (
        "'at least', up from a target of ... set in June (rand-listed, US$)",
        "Prosus",
        "2025-11-24",
        "Prosus now expects consolidated ecommerce aEBIT of at least US$1.1 bn for the full year "
        "to March 2026, up from a target of US$0.9 bn set in June.",
        [
            {
                "metric": "operating_income",
                "period": "2025-04/2026-03",
                "value": 1.1e9,
                "bound": "at_least",
                "action": "raised",
                "previous": 0.9e9,
            }
        ],
    ),
    (
        "'or more' in euros, fiscal year of September",
        "Siemens",
        "2025-11-13",
        "Siemens expects revenue of EUR 80 bn or more in fiscal 2026.",
        [{"period": "2025-10/2026-09", "value": 80e9, "bound": "at_least", "unit": "EUR"}],
    ),
    (
        "a range written in capitals with the currency twice",
        "NXP",
        "2025-08-08",
        "NXP - REAFFIRMS Q3 REVENUE GUIDANCE OF $3.05 BLN TO $3.25 BLN",
        [{"metric": "revenue", "value": 3.05e9, "value_max": 3.25e9, "action": "reiterated"}],
    ),
    (
        "'raising the floor' after the value marks a raise",
        "ASML",
        "2026-01-29",
        "ASML now expects full-year 2026 net sales of EUR 34-37bn, raising the floor from its "
        "October message.",
        [{"metric": "revenue", "period": "2026", "value": 34e9, "action": "raised"}],
    ),
    (
        "a return-on-equity target is a ratio, not growth",
        "JPMorgan",
        "2026-01-13",
        "JPMorgan Chase also reaffirmed its medium-term return on tangible common equity target "
        "of 17%.",
        [{"metric": "return_on_equity", "value": 17.0, "unit": "pct", "action": "reiterated"}],
    ),
    (
        "spending for a period is capex guidance; the period framed by the sentence before",
        "Infineon",
        "2025-11-12",
        "For fiscal year 2026, Infineon expects revenue to increase moderately. Investments are "
        "planned at around €2.2bn, and adjusted free cash flow is expected at around €1.4bn.",
        [
            {"metric": "capex", "period": "2025-10/2026-09", "value": 2.2e9, "bound": "approx"},
            {"metric": "free_cash_flow", "period": "2025-10/2026-09", "value": 1.4e9},
        ],
    ),
    (
        "'expects investments of' in dollars",
        "Tesla",
        "2026-01-29",
        "Tesla expects investments of more than $20 billion in 2026.",
        [{"metric": "capex", "period": "2026", "value": 20e9, "bound": "at_least"}],
    ),
    (
        "'this year' after the value is the target's year, not a speech time",
        "HSBC",
        "2025-10-28",
        "HSBC Holdings reiterated its target of a mid-teens return on tangible equity for each "
        "year from 2025 to 2027, and kept its guidance for target-basis cost growth of about 3% "
        "this year.",
        [{"metric": "expenses_growth", "period": "2025", "value": 3.0, "action": "reiterated"}],
    ),
    (
        "a bare quarter of a January year is its fiscal quarter to come",
        "Nvidia",
        "2025-08-27",
        "Nvidia expects third-quarter revenue of $54 billion, plus or minus 2%.",
        [{"metric": "revenue", "period": "2025-08/2025-10", "fiscal_period": "FY2026-Q3"}],
    ),
    (
        "a bare quarter of a September year (Apple), growth range",
        "Apple",
        "2025-07-31",
        "Apple expects fourth-quarter revenue to grow 10% to 12%.",
        [{"metric": "revenue_growth", "period": "2025-Q3", "fiscal_period": "FY2025-Q4"}],
    ),
    (
        "a December year keeps the calendar quarter",
        "Tesla",
        "2025-08-27",
        "Tesla expects third-quarter deliveries of 450,000 vehicles.",
        [{"period": "2025-Q3", "value": 450000.0}],
    ),
    (
        "a wire brief in capitals with TRLN",
        "Toyota",
        "2025-08-08",
        "TOYOTA CUTS FULL-YEAR OPERATING PROFIT FORECAST TO 3.2 TRLN YEN FROM 3.8 TRLN YEN",
        [
            {
                "metric": "operating_income",
                "period": "2025-04/2026-03",
                "value": 3.2e12,
                "unit": "JPY",
                "action": "lowered",
                "previous": 3.8e12,
            }
        ],
    ),
    (
        "'is seen at' in yen",
        "Toyota",
        "2025-11-05",
        "Operating profit is seen at 3.4 trillion yen for the year to March 2026, Toyota said.",
        [{"metric": "operating_income", "period": "2025-04/2026-03", "value": 3.4e12}],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"),
    [r[1:] for r in ROWS],
    ids=[r[0] for r in ROWS],
)
def test_guidance_classes(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "guidance")
    assert len(got) == len(expected), [g["data"] for g in got]
    for want in expected:
        assert any(_agrees(want, g) for g in got), (want, [g["data"] for g in got])


NEGATIVE = [
    (
        "a list of analysts' expectations",
        "Analysts expect 760 mln monthly active users, 295 mln subscribers and revenue of EUR 4.6 "
        "bn for the quarter.",
    ),
    (
        "a rumour with a list",
        "According to people familiar with the matter, ASML expects revenue of EUR 34 bn and "
        "operating income of EUR 12 bn.",
    ),
    ("'reportedly'", "ASML reportedly expects revenue of EUR 34 bn in 2026."),
    (
        "hedged list",
        "ASML could see revenue of EUR 34 bn and operating income of EUR 12 bn if orders hold.",
    ),
    (
        "an actual result against a guided range, up y/y",
        "Net sales were EUR 9.72bn, at the top end of the EUR 9.2-9.8bn guided range, up 4.9% "
        "y/y. Gross margin was 52.2%, 40bp better than guided.",
    ),
    (
        "a forecast range used as an adjective, down year-on-year",
        "Revenue came in at $4.1 billion, within the $4.0-4.2 billion forecast range, down 3% "
        "year-on-year.",
    ),
    (
        "investments made, a past fact",
        "Siemens made investments of EUR 2.2bn in 2025.",
    ),
    (
        "'than expected' comparison",
        "Operating profit of EUR 1.2 billion was higher than expected, up 8% from a year earlier.",
    ),
]


@pytest.mark.parametrize("body", [r[1] for r in NEGATIVE], ids=[r[0] for r in NEGATIVE])
def test_not_guidance(extract, body) -> None:
    assert find(extract(body, published="2026-01-29", title="ASML"), "guidance") == []
