"""Operating results in the phrasings of earnings news: one row per class of phrasing.

Each row is (article title, publication day, body, expected results as (entity, when
label, metric or None, value, unit)); a row's body may have several sentences so that
periods carried from headings and earlier sentences are exercised too.
"""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    # headline metrics with their own verbs
    (
        "adjusted earnings with 'beat estimates'",
        "Apple",
        "2025-08-01",
        "Apple beat estimates with second-quarter adjusted earnings of $23.4 billion on Thursday.",
        [("apple", "2025-Q2", "adjusted_net_income", 23.4e9, "USD")],
    ),
    (
        "came in at",
        "Toyota",
        "2025-08-07",
        "Toyota's operating profit came in at 1.17 trillion yen in the April-June quarter.",
        [("toyota", "2025-Q2", "operating_income", 1.17e12, "JPY")],
    ),
    (
        "swung to a loss: negative value",
        "Nestle",
        "2025-07-24",
        "Nestle swung to a net loss of 1.2 billion Swiss francs in the first half.",
        [("nestle", "2025-H1", "net_income", -1.2e9, "CHF")],
    ),
    (
        "swung to a profit, period carried from the sentence before",
        "Shell",
        "2025-07-31",
        "Shell's second-quarter adjusted earnings came in at $4.26 billion. "
        "Its chemicals business swung to a profit of $0.21 billion.",
        [
            ("shell", "2025-Q2", "adjusted_net_income", 4.26e9, "USD"),
            ("shell", "2025-Q2", "net_income", 0.21e9, "USD"),
        ],
    ),
    (
        "cash flow from operations",
        "Microsoft",
        "2025-07-31",
        "Cash flow from operations jumped to $42.6 billion in the fourth quarter of fiscal "
        "2025 from $37.2 billion a year earlier, Microsoft said.",
        [("microsoft", "2025-Q2", "operating_cash_flow", 42.6e9, "USD")],
    ),
    (
        "'negative' keeps its sign",
        "Intel",
        "2025-07-25",
        "In the second quarter, Intel's free cash flow was negative $2.2 billion.",
        [("intel", "2025-Q2", "free_cash_flow", -2.2e9, "USD")],
    ),
    (
        "RPO",
        "Oracle",
        "2025-06-12",
        "Oracle's remaining performance obligations swelled to $138 billion in the quarter "
        "ended May 31.",
        [("oracle", "2025-03/2025-05", "rpo", 138e9, "USD")],
    ),
    (
        "EBIT spelt out, a margin that shrank",
        "BMW",
        "2025-08-01",
        "BMW's earnings before interest and taxes fell 32% to 2.1 billion euros in the second "
        "quarter, and its group margin shrank to 6.2% from 7.9%.",
        [
            ("bmw", "2025-Q2", "operating_income", 2.1e9, "EUR"),
            ("bmw", "2025-Q2", "margin", 6.2, "pct"),
        ],
    ),
    (
        "non-GAAP EPS, growth before the level",
        "Nvidia",
        "2025-08-28",
        "For the second quarter of fiscal 2026, Nvidia's total revenue rose 56% year on year "
        "to $46.7 billion. Non-GAAP EPS was $1.05.",
        [
            ("nvidia", "2025-05/2025-07", "revenue", 46.7e9, "USD"),
            ("nvidia", "2025-05/2025-07", "eps", 1.05, "USD"),
        ],
    ),
    (
        "a segment's revenue in brackets and 'up ... to'",
        "Microsoft",
        "2025-07-31",
        "Microsoft Cloud revenue (Azure and other services) grew 27% to $46.7 billion in the "
        "June quarter, with Intelligent Cloud revenue up 26% to $29.9 billion.",
        [
            ("microsoft", "2025-Q2", "revenue", 46.7e9, "USD"),
            ("microsoft", "2025-Q2", "revenue", 29.9e9, "USD"),
        ],
    ),
    # lists: one event per item
    (
        "two metrics, 'respectively'",
        "Alphabet",
        "2025-07-24",
        "Alphabet's revenue and operating income rose to $96.4 billion and $31.3 billion, "
        "respectively, in the second quarter.",
        [
            ("alphabet", "2025-Q2", "revenue", 96.4e9, "USD"),
            ("alphabet", "2025-Q2", "operating_income", 31.3e9, "USD"),
        ],
    ),
    (
        "two divisions, 'respectively'",
        "Samsung",
        "2025-07-31",
        "Samsung's memory and foundry units posted operating profits of 3.1 trillion won and "
        "1.2 trillion won, respectively, in the second quarter.",
        [
            ("samsung", "2025-Q2", "operating_income", 3.1e12, "KRW"),
            ("samsung", "2025-Q2", "operating_income", 1.2e12, "KRW"),
        ],
    ),
    (
        "two named businesses, margins 'respectively'",
        "Siemens",
        "2025-08-07",
        "Digital Industries and Smart Infrastructure achieved profit margins of 14.5% and "
        "18.3%, respectively, in the third quarter of fiscal 2025.",
        [
            ("siemens", "2025-Q2", "margin", 14.5, "pct"),
            ("siemens", "2025-Q2", "margin", 18.3, "pct"),
        ],
    ),
    (
        "two companies, 'respectively'",
        "EV makers",
        "2025-11-03",
        "NIO and XPeng delivered 40,397 and 42,013 vehicles, respectively, in October.",
        [
            ("nio", "2025-10", None, 40397.0, "units"),
            ("xpeng", "2025-10", None, 42013.0, "units"),
        ],
    ),
    (
        "one metric, two periods",
        "SAP",
        "2025-07-22",
        "SAP said cloud revenue grew 28% to 5.1 billion euros in the second quarter, and to "
        "9.8 billion euros for the first half.",
        [
            ("sap", "2025-Q2", "revenue", 5.1e9, "EUR"),
            ("sap", "2025-H1", "revenue", 9.8e9, "EUR"),
        ],
    ),
    # periods from headings, from "for the year", from the article's reporting period
    (
        "a heading names the period; a bracketed prior-year figure is not it",
        "Siemens",
        "2025-11-13",
        "**Q4 FY2025 highlights**\n\n- Revenue rose 5% to 21.4 billion euros (Q4 FY2024: "
        "20.8 billion euros).\n- Orders came in at 24.3 billion euros.\n\n**Fiscal year 2025**"
        "\n\nFor the fiscal year, net income climbed to 10.4 billion euros. Free cash flow was "
        "10.8 billion euros.",
        [
            ("siemens", "2025-Q3", "revenue", 21.4e9, "EUR"),
            ("siemens", "2025-Q3", "orders", 24.3e9, "EUR"),
            ("siemens", "2024-10/2025-09", "net_income", 10.4e9, "EUR"),
            ("siemens", "2024-10/2025-09", "free_cash_flow", 10.8e9, "EUR"),
        ],
    ),
    (
        "'for the year' after a quarter",
        "Novartis",
        "2026-02-04",
        "Net sales rose 9% to $13.9 billion in the fourth quarter, and to $54.5 billion for "
        "the full year 2025. Core operating income for the year reached $22.3 billion.",
        [
            ("novartis", "2025-Q4", "revenue", 13.9e9, "USD"),
            ("novartis", "2025", "revenue", 54.5e9, "USD"),
            ("novartis", "2025", "operating_income", 22.3e9, "USD"),
        ],
    ),
    (
        "the period the article reports on, several sentences back",
        "Oracle",
        "2025-12-11",
        "Oracle's fiscal second quarter (ended November 30) was mixed. Investors focused on "
        "spending. The stock fell after hours. Management spoke about demand. Analysts asked "
        "about debt. Financing was the main topic of the call.\n\nThe quarter. Total revenue "
        "rose 14% to $16.06bn.",
        [("oracle", "2025-09/2025-11", "revenue", 16.06e9, "USD")],
    ),
    (
        "a fiscal label next to the calendar span",
        "Reliance",
        "2026-01-17",
        "Reliance Industries reported consolidated net profit of Rs 18,540 crore for the "
        "October-December quarter (Q3 FY26).",
        [("reliance", "2025-Q4", "net_income", 1.854e11, "INR")],
    ),
    (
        "a count stated passively, the base period is not its period",
        "BYD",
        "2025-12-02",
        "BYD sold 480,186 vehicles in November. Overseas, 131,935 vehicles were shipped "
        "abroad, more than double the level of November 2024.",
        [
            ("byd", "2025-11", None, 480186.0, "units"),
            ("byd", "2025-11", None, 131935.0, "units"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_result_phrasings(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    seen = {
        (
            e["entity"],
            e["when"]["label"],
            e["data"]["metric"],
            round(e["data"]["value"], 4),
            e["data"].get("unit", "units"),
        )
        for e in got
    }
    for entity, when, metric, value, unit in expected:
        hits = {
            s
            for s in seen
            if s[0] == entity
            and s[1] == when
            and (metric is None or s[2] == metric)
            and abs(s[3] - value) <= abs(value) * 1e-6
            and s[4] == unit
        }
        assert hits, f"missing {(entity, when, metric, value, unit)} in {sorted(seen)}"
    assert len(got) == len(expected), sorted(seen)


def test_fiscal_label_kept(extract) -> None:
    events = extract(
        "Reliance Industries reported consolidated net profit of Rs 18,540 crore for the "
        "October-December quarter (Q3 FY26).",
        published="2026-01-17",
        title="Reliance",
    )
    (r,) = find(events, "operating_result")
    assert r["data"]["fiscal_period"] == "FY2026-Q3"


def test_respectively_items_become_segments(extract) -> None:
    events = extract(
        "Earnings at the upstream and integrated gas divisions came in at $1.81 billion and "
        "$2.12 billion, respectively, in the second quarter.",
        published="2025-07-31",
        title="Shell",
    )
    segments = {e["data"]["segment"]: e["data"]["value"] for e in find(events, "operating_result")}
    assert segments == {"upstream": 1.81e9, "integrated_gas": 2.12e9}


NEGATIVE = [
    ("consensus", "Analysts had on average expected profit of $5.09 billion for the quarter."),
    (
        "acquisition price",
        "The acquisition of an R&D software maker for $5.1 billion closed in July.",
    ),
    (
        "insider sales",
        "SALES TOTAL ABOUT $41 MLN AND WERE MADE UNDER A RULE 10B5-1 TRADING PLAN ADOPTED IN 2025",
    ),
    (
        "aside about a peer",
        "SK Hynix, which reported a record quarterly profit of 11.4 trillion won, rose.",
    ),
    ("hedged", "Revenue could fall to $20 billion in the third quarter if tariffs rise."),
    ("forecast", "Apple expects revenue of $94 billion in the third quarter."),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_results(extract, case, body) -> None:
    events = extract(body, published="2025-07-31", title="Apple")
    assert find(events, "operating_result") == [], case
