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


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_results_bullets(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    for want in expected:
        assert find(got, "operating_result", **want), (want, [g["data"] for g in got])


def test_outlook_bullets_are_not_results(extract) -> None:
    body = "## Outlook for fiscal year 2026\n\n- Revenue: about €15.5bn\n- Net income: €1.9bn"
    got = find(extract(body, published="2025-11-12", title="Infineon"), "operating_result")
    assert got == [], got
