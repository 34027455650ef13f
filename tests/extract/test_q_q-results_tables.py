"""Results in text tables whose label gives the unit and whose header row gives the periods,
period-led summary lines, breakdowns by region, and guidance revised "up from its <month>
projection of"."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

TABLES = [
    (
        "euro millions, fiscal-year header, no leading pipe",
        "BMW",
        "2026-03-12",
        "## Key figures, BMW Group\n\nItem | FY 2025 | FY 2024 | Change\n"
        "Group revenue (EUR million) | 142,380 | 155,498 | -8.4%\n"
        "Group EBIT margin (%) | 6.3 | 8.0 | -1.7 pp\n"
        "Deliveries (units) | 2,450,804 | 2,554,183 | -4.0%\n"
        "Earnings per ordinary share (EUR) | 11.34 | 17.67 | -35.8%",
        "bmw",
        [
            {"metric": "revenue", "when": "2025", "value": 142380e6, "unit": "EUR"},
            {"metric": "deliveries", "when": "2025", "value": 2450804.0},
            {"metric": "eps", "when": "2025", "value": 11.34, "unit": "EUR"},
        ],
    ),
    (
        "dollar billions, quarter header with leading pipes and a separator",
        "Nvidia",
        "2026-02-26",
        "## Fourth-quarter summary\n\n| | Q4 FY2026 | Q4 FY2025 | Y/Y |\n|---|---|---|---|\n"
        "| Revenue ($ billion) | 68.1 | 39.3 | 73% |\n"
        "| Net income ($ billion) | 41.2 | 22.1 | 86% |",
        "nvidia",
        [
            {"metric": "revenue", "value": 68.1e9, "unit": "USD"},
            {"metric": "net_income", "value": 41.2e9, "unit": "USD"},
        ],
    ),
    (
        "yen billions, calendar quarter header, a loss in brackets",
        "Sony",
        "2025-11-11",
        "Key figures\n\nItem | Jul-Sep 2025 | Jul-Sep 2024\n"
        "Sales (billion yen) | 3,110 | 2,960\nOperating income (billion yen) | (12.5) | 380.2",
        "sony",
        [
            {"metric": "revenue", "when": "2025-Q3", "value": 3110e9, "unit": "JPY"},
            {"metric": "operating_income", "when": "2025-Q3", "value": -12.5e9, "unit": "JPY"},
        ],
    ),
]


@pytest.mark.parametrize(
    ("title", "published", "body", "entity", "expected"),
    [r[1:] for r in TABLES],
    ids=[r[0] for r in TABLES],
)
def test_results_tables(extract, title, published, body, entity, expected) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    for want in expected:
        assert find(got, "operating_result", entity=entity, **want), (
            want,
            [(g["when"]["label"], g["data"]) for g in got],
        )


NOT_RESULTS = [
    (
        "an outlook table",
        "## Outlook\n\nItem | FY 2026 | FY 2025\nGroup revenue (EUR million) | 150,000 | 142,380",
    ),
    (
        "forecast columns",
        "Item | 2026e | 2027e\nGroup revenue (EUR million) | 150,000 | 155,000",
    ),
    (
        "a header without periods",
        "Item | Low | High\nGroup revenue (EUR million) | 150,000 | 155,000",
    ),
    (
        "a row without a unit",
        "Item | FY 2025 | FY 2024\nGroup revenue | 150,000 | 155,000",
    ),
]


@pytest.mark.parametrize(("name", "body"), NOT_RESULTS, ids=[r[0] for r in NOT_RESULTS])
def test_tables_that_are_not_results(extract, name, body) -> None:
    got = extract(body, published="2026-03-12", title="BMW Group key figures")
    assert not find(got, "operating_result"), [(g["when"]["label"], g["data"]) for g in got]


LEADS = [
    (
        "Mercedes",
        "2025-10-29",
        "Mercedes-Benz reported its results on Wednesday. Third quarter: revenue of EUR 32.2 "
        "billion and an operating loss of EUR 120 million.",
        "mercedes",
        [
            {"metric": "revenue", "when": "2025-Q3", "value": 32.2e9},
            {"metric": "operating_income", "when": "2025-Q3", "value": -120e6},
        ],
    ),
    (
        "Nike",
        "2025-12-19",
        "Nike published its quarterly figures. Second quarter: revenue of $12.4 billion and "
        "net income of $0.8 billion.",
        "nike",
        [{"metric": "revenue", "value": 12.4e9}, {"metric": "net_income", "value": 0.8e9}],
    ),
]


@pytest.mark.parametrize(("title", "published", "body", "entity", "expected"), LEADS)
def test_period_led_summary_lines(extract, title, published, body, entity, expected) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    for want in expected:
        assert find(got, "operating_result", entity=entity, **want), (
            want,
            [(g["when"]["label"], g["data"]) for g in got],
        )


def test_period_led_outlook_is_not_a_result(extract) -> None:
    body = "Mercedes-Benz gave its outlook. Fourth quarter: revenue is expected at EUR 35 billion."
    got = extract(body, published="2025-10-29", title="Mercedes")
    assert not find(got, "operating_result")


BREAKDOWNS = [
    (
        "Toyota",
        "2026-01-29",
        "Toyota sold a record number of cars in 2025. Deliveries by region (units, 2025): "
        "Japan 1,501,234; North America 2,711,002; Europe 1,120,560.",
        "toyota",
        [1501234.0, 2711002.0, 1120560.0],
    ),
    (
        "BYD",
        "2026-01-02",
        "BYD published its annual figures for 2025. Sales by market (units): China 3,905,000; "
        "Overseas 1,045,000.",
        "byd",
        [3905000.0, 1045000.0],
    ),
]


@pytest.mark.parametrize(("title", "published", "body", "entity", "values"), BREAKDOWNS)
def test_breakdowns_by_region(extract, title, published, body, entity, values) -> None:
    got = find(extract(body, published=published, title=title), "operating_result")
    for value in values:
        assert find(got, "operating_result", entity=entity, value=value), (
            value,
            [(g["when"]["label"], g["data"]) for g in got],
        )


GUIDANCE = [
    (
        "Toyota",
        "2025-11-05",
        "Toyota now projects operating income of 3.4 trillion yen for the year, up from its "
        "August projection of 3.2 trillion yen.",
        "toyota",
        3.4e12,
        3.2e12,
    ),
    (
        "Siemens",
        "2025-11-13",
        "Siemens now projects revenue of EUR 80 billion for the year, down from its May "
        "projection of EUR 82 billion.",
        "siemens",
        80e9,
        82e9,
    ),
]


@pytest.mark.parametrize(("title", "published", "body", "entity", "value", "previous"), GUIDANCE)
def test_revised_up_from_earlier_projection(
    extract, title, published, body, entity, value, previous
) -> None:
    got = find(extract(body, published=published, title=title), "guidance", entity=entity)
    assert find(got, "guidance", value=value), [g["data"] for g in got]
    hit = find(got, "guidance", value=value)[0]
    assert hit["data"]["previous"]["value"] == pytest.approx(previous)
    assert hit["data"]["action"] == ("raised" if value > previous else "lowered")
    assert not find(got, "guidance", value=previous), "the earlier projection is not a target"
