"""Guidance in the phrasings of company outlooks, one row per class of phrasing.

Rows: (case, title, published, body, expected guidance as dicts of the fields to check;
"when" is the event's label, the others are data fields).
"""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    (
        "capex forecast raised, with 'about' and a previous 'roughly'",
        "Oracle",
        "2025-12-11",
        "CFO Doug Kehring raised the fiscal 2026 capex forecast to about $50 billion from "
        "roughly $35 billion.",
        [
            {
                "when": "2025-12-11",
                "metric": "capex",
                "period": "2025-06/2026-05",
                "value": 50e9,
                "bound": "approx",
                "action": "raised",
                "previous": 35e9,
            }
        ],
    ),
    (
        "two ranges in one sentence, capital spending that 'would be'",
        "TSMC",
        "2026-01-15",
        "TSMC guided first-quarter revenue of $34.6 billion to $35.8 billion and said 2026 "
        "capital spending would be $52 billion to $56 billion.",
        [
            {"metric": "revenue", "period": "2026-Q1", "value": 34.6e9, "value_max": 35.8e9},
            {"metric": "capex", "period": "2026", "value": 52e9, "value_max": 56e9},
        ],
    ),
    (
        "output outlook with a range per day",
        "Shell",
        "2025-10-30",
        "For the fourth quarter, Shell expects integrated gas production of 910,000 to 970,000 "
        "barrels of oil equivalent per day.",
        [{"metric": "production", "period": "2025-Q4", "value": 910000.0, "value_max": 970000.0}],
    ),
    (
        "'is expected to be in a range of', base year not its period",
        "Siemens",
        "2025-11-13",
        "For fiscal 2026, Siemens expects comparable revenue growth of 6% to 8%. Basic EPS is "
        "expected to be in a range of EUR 10.40 to EUR 11.00, compared with EUR 10.53 in "
        "fiscal 2025.",
        [
            {"metric": "revenue_growth", "period": "2025-10/2026-09", "value": 6.0},
            {"metric": "eps", "period": "2025-10/2026-09", "value": 10.4, "value_max": 11.0},
        ],
    ),
    (
        "value before the metric, 'a goal he reiterated'",
        "Novartis",
        "2026-02-04",
        "Chief Executive Vas Narasimhan said the company still aims for 5% to 6% annual sales "
        "growth through 2030, a goal he reiterated on Wednesday.",
        [{"value": 5.0, "value_max": 6.0, "unit": "pct", "action": "reiterated"}],
    ),
    (
        "'reiterating its outlook' after the value",
        "AMD",
        "2025-11-06",
        "For the full year, AMD sees revenue growth of about 35%, it said, reiterating its "
        "outlook.",
        [{"metric": "revenue_growth", "value": 35.0, "bound": "approx", "action": "reiterated"}],
    ),
    (
        "capex range raised from a prior range",
        "Meta",
        "2025-10-30",
        "Meta said it expects 2026 capital expenditures of $70 billion to $72 billion, up from "
        "a prior range of $66 billion to $72 billion.",
        [
            {
                "metric": "capex",
                "period": "2026",
                "value": 70e9,
                "action": "raised",
                "previous": 66e9,
            }
        ],
    ),
    (
        "cut from a quoted bound",
        "Nestle",
        "2026-02-04",
        "Nestle on Tuesday lowered its medium-term target for the underlying trading operating "
        'profit margin to 16% to 17%, from "above 17%" previously.',
        [
            {
                "when": "2026-02-03",
                "metric": "operating_margin",
                "value": 16.0,
                "value_max": 17.0,
                "action": "lowered",
                "previous": 17.0,
            }
        ],
    ),
    (
        "a cut made months ago is dated to its month",
        "BYD",
        "2025-12-02",
        "Back in September, management had already cut the 2025 sales target to 4.6 million "
        "units from the original 5.5 million.",
        [{"when": "2025-09", "period": "2025", "value": 4.6e6, "action": "lowered"}],
    ),
    (
        "a reiteration dated by the sentence before",
        "Toyota",
        "2025-11-07",
        "Toyota on Wednesday raised its operating profit forecast for the current fiscal year "
        "to 3.4 trillion yen from 3.2 trillion yen. The carmaker reiterated its forecast for "
        "group sales of 11.2 million vehicles.",
        [
            {"when": "2025-11-05", "metric": "operating_income", "value": 3.4e12},
            {"when": "2025-11-05", "value": 11.2e6, "action": "reiterated"},
        ],
    ),
    (
        "last year's actual figure is not guidance",
        "Honda",
        "2025-11-07",
        "Honda now expects operating profit of 550 billion yen for the year ending March 2026, "
        "down from its previous forecast of 700 billion yen and well below the 1.21 trillion "
        "yen it earned last year.",
        [{"value": 550e9, "action": "lowered", "previous": 700e9}],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_guidance_phrasings(extract, title, published, body, expected) -> None:
    got = find(extract(body, published=published, title=title), "guidance")
    assert len(got) == len(expected), [g["data"] for g in got]
    for want in expected:
        assert any(_agrees(want, g) for g in got), (want, [g["data"] for g in got])


def _agrees(want: dict, event: dict) -> bool:
    data = event["data"]
    for key, value in want.items():
        if key == "when":
            got = event["when"]["label"]
        elif key == "previous":
            got = (data.get("previous") or {}).get("value")
        else:
            got = data.get(key, {"bound": "exact", "action": "new", "unit": "units"}.get(key))
        if isinstance(value, float):
            if not isinstance(got, (int, float)) or abs(got - value) > abs(value) * 1e-6:
                return False
        elif got != value:
            return False
    return True


NEGATIVE = [
    (
        "beat forecasts is a result",
        "Shell beat forecasts with third-quarter adjusted earnings of $5.43 billion on Thursday.",
    ),
    (
        "arithmetic about a target",
        "Reaching that target would require December sales of more than 420,000 units.",
    ),
    (
        "analysts' expectation in the passive",
        "Net profit is expected to be about 275 billion yen for the year, according to analysts.",
    ),
    ("a capex goal is a plan", "Shell aims to keep capital spending at $20 billion a year."),
    ("hedged", "Shell could raise its production forecast to 1 million barrels a day."),
    (
        "safe-harbour boilerplate",
        "Shell undertakes no obligation to update its outlook of revenue growth of 5%.",
    ),
]


@pytest.mark.parametrize(("case", "body"), NEGATIVE, ids=[c for c, _ in NEGATIVE])
def test_not_guidance(extract, case, body) -> None:
    assert find(extract(body, published="2025-11-07", title="Shell"), "guidance") == []
