"""Results laid out as press-release bullets and text tables ("Revenue: EUR 3,943m (Q4 FY2024:
EUR 3,919m)"), under a heading that names the period; bullets under an outlook heading are
targets, not results."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    (
        "fiscal quarter heading of a September year-end, euro bullets",
        "Infineon",
        "2025-11-12",
        "## Q4 FY 2025 at a glance\n\n- Revenue: €3,943m (Q4 FY2024: €3,919m)\n"
        "- Segment Result: €717m; Segment Result Margin: 18.2%\n- Net income: €289m",
        [
            {"metric": "revenue", "when": "2025-Q3", "value": 3943e6},
            {"metric": "operating_income", "when": "2025-Q3", "value": 717e6},
            {"metric": "operating_margin", "when": "2025-Q3", "value": 18.2},
            {"metric": "net_income", "when": "2025-Q3", "value": 289e6},
        ],
    ),
    (
        "full-year heading, dollars, a loss as a negative value",
        "Nvidia",
        "2026-02-26",
        "## Fiscal year 2026 at a glance\n\n- Revenue: $130.5 billion\n"
        "- Free cash flow: -$1.2 billion",
        [
            {"metric": "revenue", "when": "2025-02/2026-01", "value": 130.5e9},
            {"metric": "free_cash_flow", "when": "2025-02/2026-01", "value": -1.2e9},
        ],
    ),
    (
        "calendar year heading, Swiss francs, table-like row",
        "Nestle",
        "2026-02-19",
        "## FY 2025 at a glance\n\n* Net income: CHF 11.0 billion\n* Operating margin: 16.1%",
        [
            {"metric": "net_income", "when": "2025", "value": 11.0e9},
            {"metric": "operating_margin", "when": "2025", "value": 16.1},
        ],
    ),
]


ROWS += [
    (
        "bullets without a colon: 'up 2% to', 'of', a bare value",
        "Nestle",
        "2026-02-19",
        "## Full-year 2025 highlights\n\n- Revenue up 2% to CHF 91.4 billion\n"
        "- Net profit of CHF 11.0 billion\n- Operating margin 16.1%",
        [
            {"metric": "revenue", "when": "2025", "value": 91.4e9},
            {"metric": "net_income", "when": "2025", "value": 11.0e9},
            {"metric": "operating_margin", "when": "2025", "value": 16.1},
        ],
    ),
    (
        "a text table row under a quarter heading, dollars",
        "Netflix",
        "2026-01-21",
        "## Q4 2025 at a glance\n\n| Metric | Q4 2025 | Q4 2024 |\n|---|---|---|\n"
        "| Revenue | $12.1bn | $10.2bn |",
        [{"metric": "revenue", "when": "2025-Q4", "value": 12.1e9}],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_results_bullets(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    for want in expected:
        assert find(got, "operating_result", **want), (want, [g["data"] for g in got])


def test_planned_bullet_is_not_a_result(extract) -> None:
    body = (
        "## Full-year 2025 highlights\n\n- Capex of CHF 5 billion planned for 2026\n"
        "- Operating margin 16.1%"
    )
    got = find(extract(body, published="2026-02-19", title="Nestle"), "operating_result")
    assert [(g["data"]["metric"], g["when"]["label"]) for g in got] == [
        ("operating_margin", "2025")
    ]


def test_outlook_bullets_are_not_results(extract) -> None:
    body = "## Outlook for fiscal year 2026\n\n- Revenue: about €15.5bn\n- Net income: €1.9bn"
    got = find(extract(body, published="2025-11-12", title="Infineon"), "operating_result")
    assert got == [], got


FISCAL_QUARTERS = [
    # (published, body, expected `when` label, fiscal label)
    (
        "2025-08-08",
        "SoftBank Group posted first-quarter net income of 421.8 billion yen.",
        "2025-Q2",
        "FY2025-Q1",
    ),
    (
        "2025-08-08",
        "Toyota posted first-quarter operating profit of 1.17 trillion yen.",
        "2025-Q2",
        "FY2026-Q1",
    ),
    ("2025-08-08", "Sony posted Q1 operating profit of 340 billion yen.", "2025-Q2", "FY2025-Q1"),
    (
        "2025-08-21",
        "Walmart posted second-quarter revenue of $177 billion.",
        "2025-05/2025-07",
        "FY2026-Q2",
    ),
    ("2025-08-01", "Apple posted third-quarter revenue of $94 billion.", "2025-Q2", "FY2025-Q3"),
    (
        "2025-05-02",
        "Toyota posted fourth-quarter operating profit of 1.1 trillion yen.",
        "2025-Q1",
        "FY2025-Q4",
    ),
    (
        "2025-08-08",
        "Infineon posted third-quarter revenue of EUR 3.7 billion.",
        "2025-Q2",
        "FY2025-Q3",
    ),
    (
        "2025-07-30",
        "Microsoft posted fourth-quarter revenue of $76.4 billion.",
        "2025-Q2",
        "FY2025-Q4",
    ),
]


@pytest.mark.parametrize(("published", "body", "label", "fiscal"), FISCAL_QUARTERS)
def test_bare_quarter_of_non_december_year_is_fiscal(extract, published, body, label, fiscal):
    got = find(extract(body, published=published, title="Results"), "operating_result")
    assert len(got) == 1, got
    assert got[0]["when"]["label"] == label, got[0]["when"]
    assert got[0]["data"]["fiscal_period"] == fiscal


def test_bare_quarter_of_december_year_stays_calendar(extract) -> None:
    body = "Siemens Energy posted second-quarter revenue of EUR 10.4 billion."
    got = find(extract(body, published="2025-08-06", title="Results"), "operating_result")
    assert [g["when"]["label"] for g in got] in (["2025-Q2"], []), got


BRIEFS = [
    (
        "2025-08-08",
        "* SOFTBANK GROUP - Q1 NET INCOME ATTRIBUTABLE TO OWNERS OF THE PARENT 421.8 BLN YEN VS "
        "LOSS OF 174.3 BLN YEN YEAR AGO",
        {"entity": "softbank", "metric": "net_income", "when": "2025-Q2", "value": 421.8e9},
    ),
    (
        "2025-08-28",
        "* NVIDIA CORP - Q2 REVENUE $46.74 BLN VS $30.04 BLN",
        {"entity": "nvidia", "metric": "revenue", "when": "2025-05/2025-07", "value": 46.74e9},
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), BRIEFS)
def test_wire_brief_results(extract, published, body, want) -> None:
    got = find(extract(body, published=published, title="BRIEF"), "operating_result")
    assert len(got) == 1 and find(got, "operating_result", **want), got


@pytest.mark.parametrize(
    "body",
    [
        "* NVIDIA - SEES Q3 REVENUE $54 BLN",
        "* NVIDIA - Q2 EARNINGS PER SHARE VIEW $1.01 -- LSEG DATA",
    ],
)
def test_wire_brief_outlooks_are_not_results(extract, body) -> None:
    assert find(extract(body, published="2025-08-28", title="BRIEF"), "operating_result") == []
