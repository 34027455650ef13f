"""Fiscal calendars of every year end, stated year ends, and year-to-date intervals.

Example sentences are our own; each table row is (text, fiscal year end month, reference,
expected When label, expected company label).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events.errors import NormalizationError
from events.normalize import find_periods, fiscal_to_when, label_to_when

NOV13 = date(2025, 11, 13)
DEC2 = date(2025, 12, 2)
JAN17 = date(2026, 1, 17)
MAY20 = date(2025, 5, 20)

# --- every year end: the fiscal year is named by the calendar year it ends in -------------

YEAR_ENDS = [
    # September (Siemens, Apple, Disney, Infineon): fiscal 2025 = Oct 2024 - Sep 2025
    ("fiscal 2025", 9, "2024-10/2025-09", "FY2025"),
    ("fiscal year 2025", 9, "2024-10/2025-09", "FY2025"),
    ("the fourth quarter of fiscal 2025", 9, "2025-Q3", "FY2025-Q4"),
    ("Q4 FY2025", 9, "2025-Q3", "FY2025-Q4"),
    ("Q4 FY25", 9, "2025-Q3", "FY2025-Q4"),
    ("4QFY25", 9, "2025-Q3", "FY2025-Q4"),
    ("fiscal fourth quarter of 2025", 9, "2025-Q3", "FY2025-Q4"),
    ("the second quarter of fiscal 2026", 9, "2026-Q1", "FY2026-Q2"),
    ("the first half of fiscal 2026", 9, "2025-10/2026-03", "FY2026-H1"),
    ("FY2024/25", 9, "2024-10/2025-09", "FY2025"),
    # March (Toyota, Honda, Reliance, Vodafone): FY26 = Apr 2025 - Mar 2026
    ("FY26", 3, "2025-04/2026-03", "FY2026"),
    ("Q3 FY26", 3, "2025-Q4", "FY2026-Q3"),
    ("Q3FY26", 3, "2025-Q4", "FY2026-Q3"),
    ("3QFY26", 3, "2025-Q4", "FY2026-Q3"),
    ("Q1 FY2025-26", 3, "2025-Q2", "FY2026-Q1"),
    ("financial year 2025-26", 3, "2025-04/2026-03", "FY2026"),
    ("FY 2025-26", 3, "2025-04/2026-03", "FY2026"),
    ("the 2025-26 financial year", 3, "2025-04/2026-03", "FY2026"),
    ("H1 FY26", 3, "2025-04/2025-09", "FY2026-H1"),
    ("fiscal year ending March 2026", 3, "2025-04/2026-03", "FY2026"),
    # May (Oracle, Nike): fiscal 2026 = Jun 2025 - May 2026; Q2 = Sep-Nov 2025
    ("fiscal 2026", 5, "2025-06/2026-05", "FY2026"),
    ("fiscal Q2 2026", 5, "2025-09/2025-11", "FY2026-Q2"),
    ("FQ2 FY26", 5, "2025-09/2025-11", "FY2026-Q2"),
    ("F2Q26", 5, "2025-09/2025-11", "FY2026-Q2"),
    # June (Microsoft): fiscal 2026 = Jul 2025 - Jun 2026; Q1 = Jul-Sep 2025
    ("fiscal 2026", 6, "2025-07/2026-06", "FY2026"),
    ("the first quarter of fiscal 2026", 6, "2025-Q3", "FY2026-Q1"),
    # August (Costco): fiscal 2026 = Sep 2025 - Aug 2026
    ("fiscal 2026", 8, "2025-09/2026-08", "FY2026"),
    ("fiscal Q1 2026", 8, "2025-09/2025-11", "FY2026-Q1"),
    # January (Nvidia, Walmart, Dell): fiscal 2026 = Feb 2025 - Jan 2026
    ("fiscal 2026", 1, "2025-02/2026-01", "FY2026"),
    ("the third quarter of fiscal 2026", 1, "2025-08/2025-10", "FY2026-Q3"),
    # December: fiscal equals calendar
    ("FY2025", 12, "2025", "FY2025"),
    ("Q3 FY25", 12, "2025-Q3", "FY2025-Q3"),
    # a stated year end wins over the company's
    ("the fiscal year ended September 30, 2025", 3, "2024-10/2025-09", "FY2025"),
    ("the financial year ended 31 March 2025", 12, "2024-04/2025-03", "FY2025"),
    ("the year ending March 2026", 12, "2025-04/2026-03", "FY2026"),
    ("for the year to June 2025", 9, "2024-07/2025-06", "FY2025"),
]


@pytest.mark.parametrize(
    ("text", "month", "label", "fiscal"), YEAR_ENDS, ids=[f"{r[0]}|{r[1]}" for r in YEAR_ENDS]
)
def test_fiscal_year_ends(text: str, month: int, label: str, fiscal: str) -> None:
    when, company_label = fiscal_to_when(text, month, NOV13)
    assert (when.label, company_label) == (label, fiscal)
    assert label_to_when(when.label) == when


# --- companies that name a fiscal year by the year it starts in (Sony, SoftBank) ----------

START_NAMED = [
    ("FY2025", 3, "2025-04/2026-03", "FY2025"),
    ("Q2 FY2025", 3, "2025-Q3", "FY2025-Q2"),
    ("fiscal 2025", 3, "2025-04/2026-03", "FY2025"),
    ("this fiscal year", 3, "2025-04/2026-03", "FY2025"),
    ("FY2025", 12, "2025", "FY2025"),  # a calendar fiscal year has nothing to shift
    ("the fiscal year ending March 2026", 3, "2025-04/2026-03", "FY2026"),  # stated end
]


@pytest.mark.parametrize(("text", "month", "label", "fiscal"), START_NAMED)
def test_start_named_fiscal_years(text: str, month: int, label: str, fiscal: str) -> None:
    when, company_label = fiscal_to_when(text, month, NOV13, start_named=True)
    assert (when.label, company_label) == (label, fiscal)


# --- yearless and relative fiscal phrases --------------------------------------------------

YEARLESS = [
    # (text, month, reference, label, fiscal label)
    ("the fourth fiscal quarter", 9, NOV13, "2025-Q3", "FY2025-Q4"),
    ("fiscal Q3", 5, DEC2, "2025-12/2026-02", "FY2026-Q3"),
    ("FQ3", 5, DEC2, "2025-12/2026-02", "FY2026-Q3"),
    ("the current fiscal year", 3, NOV13, "2025-04/2026-03", "FY2026"),
    ("last fiscal year", 9, NOV13, "2024-10/2025-09", "FY2025"),
    ("the fiscal year that ended in September", 9, NOV13, "2024-10/2025-09", "FY2025"),
    ("the year to March", 3, NOV13, "2025-04/2026-03", "FY2026"),  # the nearer year end
    ("the year to March", 3, MAY20, "2024-04/2025-03", "FY2025"),
    ("the year ended March", 3, date(2026, 2, 10), "2024-04/2025-03", "FY2025"),
]


@pytest.mark.parametrize(("text", "month", "reference", "label", "fiscal"), YEARLESS)
def test_yearless_fiscal_phrases(
    text: str, month: int, reference: date, label: str, fiscal: str
) -> None:
    when, company_label = fiscal_to_when(text, month, reference)
    assert (when.label, company_label) == (label, fiscal)


@pytest.mark.parametrize(
    "text",
    [
        "fiscal 2025-2027",  # a range of years, not one year
        "the twelve months to March 2026",  # a trailing span, not a fiscal year
        "the year ended December 31, 2024",  # a calendar year
        "year to date",
    ],
)
def test_not_fiscal_periods(text: str) -> None:
    with pytest.raises(NormalizationError):
        fiscal_to_when(text, 3, NOV13)


# --- find_periods in running text ----------------------------------------------------------

IN_TEXT = [
    # (reference, sentence, mention, label, fiscal label)
    (
        date(2025, 11, 7),
        "Mazda now expects an operating profit of 50 billion yen for the year ending March "
        "2026, down from 150 billion yen.",
        "for the year ending March 2026",
        "2025-04/2026-03",
        "FY2026",
    ),
    (
        date(2025, 5, 14),
        "Profit for the financial year ended 31 March 2025 rose 9%.",
        "for the financial year ended 31 March 2025",
        "2024-04/2025-03",
        "FY2025",
    ),
    (
        date(2025, 11, 20),
        "In the fiscal year to September 2025, orders rose 4%.",
        "In the fiscal year to September 2025",
        "2024-10/2025-09",
        "FY2025",
    ),
    (
        date(2026, 1, 20),
        "Infosys raised its revenue forecast for FY 2025-26.",
        "for FY 2025-26",
        "2026",  # without the company's year end: calendar reading, company label kept
        "FY2026",
    ),
    (
        date(2025, 6, 2),
        "Revenue over the twelve months to March 2025 was flat.",
        "over the twelve months to March 2025",
        "2024-04/2025-03",
        None,
    ),
    (
        date(2025, 3, 1),
        "Net income for the year ended December 31, 2024 doubled.",
        "for the year ended December 31, 2024",
        "2024",
        None,
    ),
]


@pytest.mark.parametrize(("reference", "sentence", "mention", "label", "fiscal"), IN_TEXT)
def test_stated_year_ends_in_text(
    reference: date, sentence: str, mention: str, label: str, fiscal: str | None
) -> None:
    found = find_periods(sentence, reference)
    hits = [p for p in found if sentence[p.start : p.end] == mention]
    assert hits, [sentence[p.start : p.end] for p in found]
    assert (hits[0].when.label, hits[0].fiscal) == (label, fiscal)
    assert len(found) == 1, "the month of the year end is no period of its own"


# --- January to a month: intervals from January 1, not the last month ---------------------

FROM_JANUARY = [
    # (reference, sentence, mention, label)
    (
        DEC2,
        "From January to November, the carmaker sold 3.1 million cars.",
        "From January to November",
        "2025-01/2025-11",
    ),
    (
        DEC2,
        "Between January and November, exports doubled.",
        "Between January and November",
        "2025-01/2025-11",
    ),
    (DEC2, "January-November sales rose 8%.", "January-November", "2025-01/2025-11"),
    (DEC2, "Jan-Nov sales rose 8%.", "Jan-Nov", "2025-01/2025-11"),
    (DEC2, "Jan. through Nov. shipments were flat.", "Jan. through Nov.", "2025-01/2025-11"),
    (
        date(2026, 1, 9),
        "From January to November, output fell.",
        "From January to November",
        "2025-01/2025-11",
    ),
    (
        JAN17,
        "Sales from November to January were weak.",
        "from November to January",
        "2025-11/2026-01",
    ),
    (
        DEC2,
        "In the first eleven months, deliveries reached 4 million.",
        "In the first eleven months",
        "2025-01/2025-11",
    ),
    (
        DEC2,
        "In the first 11 months of 2024, deliveries fell.",
        "In the first 11 months of 2024",
        "2024-01/2024-11",
    ),
    (
        date(2025, 10, 20),
        "In the first nine months, revenue grew.",
        "In the first nine months",
        "2025-01/2025-09",
    ),
    (
        date(2026, 1, 9),
        "In the first eleven months, deliveries reached 4 million.",
        "In the first eleven months",
        "2025-01/2025-11",
    ),
    (
        DEC2,
        "Year-to-date through November, deliveries rose 12%.",
        "Year-to-date through November",
        "2025-01/2025-11",
    ),
    (
        DEC2,
        "Sales so far this year, through the end of October, are up.",
        "so far this year, through the end of October",
        "2025-01/2025-10",
    ),
    (
        DEC2,
        "Deliveries YTD as of November 30 reached 4 million.",
        "YTD as of November 30",
        "2025-01/2025-11",
    ),
    (
        DEC2,
        "Since January through November, the index gained 20%.",
        "Since January through November",
        "2025-01/2025-11",
    ),
]


@pytest.mark.parametrize(("reference", "sentence", "mention", "label"), FROM_JANUARY)
def test_from_january_intervals(reference: date, sentence: str, mention: str, label: str) -> None:
    found = find_periods(sentence, reference)
    assert [(sentence[p.start : p.end], p.when.label) for p in found] == [(mention, label)]
    assert label_to_when(label).start == found[0].when.start


def test_year_to_date_alone_runs_to_the_reference_day() -> None:
    (p,) = find_periods("Shares have gained 30% year to date.", DEC2)
    assert (p.when.start, p.when.end) == ("2025-01-01", "2025-12-02")


@given(st.integers(1, 12), st.integers(1, 12), st.dates(date(2001, 1, 1), date(2098, 12, 31)))
def test_month_intervals_never_run_backwards(a: int, b: int, reference: date) -> None:
    names = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]  # fmt: skip
    text = f"from {names[a - 1]} to {names[b - 1]}"
    found = find_periods(text, reference)
    assert len(found) == 1
    start, end = date.fromisoformat(found[0].when.start), date.fromisoformat(found[0].when.end)
    assert start <= end and (end - start).days < 366
    assert start.month == a and end.month == b


@given(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), st.integers(2000, 2090))
def test_every_fiscal_quarter_lies_inside_its_year(month: int, year: int) -> None:
    fy, _ = fiscal_to_when(f"FY{year}", month, NOV13)
    for q in range(1, 5):
        when, label = fiscal_to_when(f"Q{q} FY{year}", month, NOV13)
        assert label == f"FY{year}-Q{q}"
        assert fy.start <= when.start <= when.end <= fy.end
    last, _ = fiscal_to_when(f"Q4 FY{year}", month, NOV13)
    assert last.end == fy.end
