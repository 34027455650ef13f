"""Periods: resolution against the article date, relations, labels, fiscal years, clamping."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from events.errors import NormalizationError
from events.normalize import (
    DurationMatch,
    PeriodMatch,
    clamp_to,
    find_durations,
    find_periods,
    fiscal_to_when,
    label_to_when,
    parse_iso_date,
    resolve_period,
)
from events.values import When

JAN9 = date(2026, 1, 9)  # a Friday
JAN3_2025 = date(2025, 1, 3)
NOV27 = date(2025, 11, 27)


def W(start: str, end: str, label: str) -> When:
    return When(start=start, end=end, label=label)


Y2025 = W("2025-01-01", "2025-12-31", "2025")
Y2026 = W("2026-01-01", "2026-12-31", "2026")

# (reference, text, matched span, When, relation)
SINGLE = [
    (JAN9, "On January 8, Xiaomi repurchased", "On January 8", When.day("2026-01-08"), "in"),
    (
        JAN9,
        "orders locked in before December 30",
        "before December 30",
        When.day("2025-12-30"),
        "before",
    ),
    (
        JAN9,
        "a call on January 5-6, 2026, during which",
        "on January 5-6, 2026",
        W("2026-01-05", "2026-01-06", "2026-01-05/2026-01-06"),
        "in",
    ),
    (JAN3_2025, "stated on January 3 that", "on January 3", When.day("2025-01-03"), "in"),
    (JAN9, "shares fell on Jan. 8 after", "on Jan. 8", When.day("2026-01-08"), "in"),
    (JAN9, "results due 8 January 2026.", "8 January 2026", When.day("2026-01-08"), ""),
    (JAN9, "filed 2026-01-08 with", "2026-01-08", When.day("2026-01-08"), ""),
    (
        NOV27,
        "during the third quarter of 2025, marking",
        "during the third quarter of 2025",
        W("2025-07-01", "2025-09-30", "2025-Q3"),
        "during",
    ),
    (JAN9, "(based on Q3 2025 data)", "Q3 2025", W("2025-07-01", "2025-09-30", "2025-Q3"), ""),
    (JAN9, "revenue in 3Q25 rose", "in 3Q25", W("2025-07-01", "2025-09-30", "2025-Q3"), "in"),
    (
        JAN3_2025,
        "In the third quarter of last year, more than half",
        "In the third quarter of last year",
        W("2024-07-01", "2024-09-30", "2024-Q3"),
        "in",
    ),
    (
        JAN9,
        "in the third quarter of last year",
        "in the third quarter of last year",
        W("2025-07-01", "2025-09-30", "2025-Q3"),
        "in",
    ),
    (
        JAN9,
        "persist in the first half of 2026, potentially",
        "in the first half of 2026",
        W("2026-01-01", "2026-06-30", "2026-H1"),
        "in",
    ),
    (
        JAN9,
        "targets for H1 2026 were",
        "for H1 2026",
        W("2026-01-01", "2026-06-30", "2026-H1"),
        "in",
    ),
    (JAN9, "guidance for 1H26 was", "for 1H26", W("2026-01-01", "2026-06-30", "2026-H1"), "in"),
    (
        date(2026, 3, 1),
        "in the second half of the year",
        "in the second half of the year",
        W("2026-07-01", "2026-12-31", "2026-H2"),
        "in",
    ),
    (
        JAN9,
        "following the mid-2025 launch of",
        "mid-2025",
        W("2025-05-01", "2025-08-31", "2025-05/2025-08"),
        "",
    ),
    (JAN9, "obtained a permit by the end of 2025.", "by the end of 2025", Y2025, "by"),
    (JAN9, "leverage by end-2025 and", "by end-2025", Y2025, "by"),
    (JAN9, "integrating its own chips by late 2026.", "by late 2026", Y2026, "by"),
    (
        JAN9,
        "a budget of RMB 200 billion for 2026-2030.",
        "for 2026-2030",
        W("2026-01-01", "2030-12-31", "2026/2030"),
        "in",
    ),
    (
        JAN9,
        "investing RMB 200 billion in R&D from 2026 to 2030, primarily",
        "from 2026 to 2030",
        W("2026-01-01", "2030-12-31", "2026/2030"),
        "during",
    ),
    (
        date(2025, 6, 1),
        "deliveries last year were",
        "last year",
        W("2024-01-01", "2024-12-31", "2024"),
        "",
    ),
    (JAN3_2025, "This year's delivery targets", "This year", Y2025, ""),
    (JAN9, "a launch next year", "next year", W("2027-01-01", "2027-12-31", "2027"), ""),
    (JAN9, "exports to Europe in 2027", "in 2027", W("2027-01-01", "2027-12-31", "2027"), "in"),
    (
        JAN9,
        "begin EV exports to Europe starting in 2027, viewing",
        "starting in 2027",
        W("2027-01-01", "2027-12-31", "2027"),
        "from",
    ),
    (
        JAN9,
        "a plan for research over the next five years. The",
        "over the next five years",
        W("2026-01-09", "2031-01-09", "2026-01-09/2031-01-09"),
        "during",
    ),
    (
        JAN9,
        "invested RMB 13.5 billion over the past four years in",
        "over the past four years",
        W("2022-01-09", "2026-01-09", "2022-01-09/2026-01-09"),
        "during",
    ),
    (
        JAN9,
        "the enhanced HAD released in November 2025 incorporated",
        "in November 2025",
        W("2025-11-01", "2025-11-30", "2025-11"),
        "in",
    ),
    (
        JAN9,
        "for orders locked in before November 30, 2025, for",
        "before November 30, 2025",
        When.day("2025-11-30"),
        "before",
    ),
    (
        JAN9,
        "rise until the fourth quarter of 2026.",
        "until the fourth quarter of 2026",
        W("2026-10-01", "2026-12-31", "2026-Q4"),
        "until",
    ),
    (
        JAN3_2025,
        "Xiaomi YU7 will also join in mid-year, helping",
        "in mid-year",
        W("2025-05-01", "2025-08-31", "2025-05/2025-08"),
        "in",
    ),
    (JAN9, "the stake at year-end was", "at year-end", When.day("2026-12-31"), "in"),
    (JAN9, "the year-end stake", "the year-end", When.day("2026-12-31"), ""),
    (JAN9, "in 2019-20", "in 2019-20", W("2019-01-01", "2020-12-31", "2019/2020"), "in"),
    (JAN9, "deliver the cars by year-end", "by year-end", Y2026, "by"),
    (JAN9, "revenue grew yesterday", "yesterday", When.day("2026-01-08"), ""),
    (JAN9, "the stock rose today", "today", When.day("2026-01-09"), ""),
    (JAN9, "the shares rose on Monday", "on Monday", When.day("2026-01-05"), "in"),
    (JAN9, "the shares rose on Friday", "on Friday", When.day("2026-01-09"), "in"),
    (JAN9, "the shares rose last Friday", "last Friday", When.day("2026-01-02"), ""),
    (JAN9, "the meeting is next Monday", "next Monday", When.day("2026-01-12"), ""),
    (
        JAN9,
        "the shares fell last week",
        "last week",
        W("2025-12-29", "2026-01-04", "2025-12-29/2026-01-04"),
        "",
    ),
    (
        JAN3_2025,
        "On the second trading day of 2025, Xiaomi",
        "On the second trading day of 2025",
        When.day("2025-01-03"),
        "in",
    ),
    (
        JAN3_2025,
        "the first trading day of 2025",
        "the first trading day of 2025",
        When.day("2025-01-02"),
        "",
    ),
    (
        JAN9,
        "Pre-orders for the updated model began in January, with",
        "in January",
        W("2026-01-01", "2026-01-31", "2026-01"),
        "in",
    ),
    (
        JAN9,
        "a market launch scheduled for April 2026.",
        "for April 2026",
        W("2026-04-01", "2026-04-30", "2026-04"),
        "in",
    ),
    (
        JAN9,
        "sales of the SU7 from April onward will be",
        "from April onward",
        W("2026-04-01", "2026-04-30", "2026-04"),
        "from",
    ),
    (
        JAN9,
        "a version released in June.",
        "in June",
        W("2025-06-01", "2025-06-30", "2025-06"),
        "in",
    ),
    (JAN9, "As of 2025, 91.26% of users", "As of 2025", Y2025, "in"),
    (
        JAN9,
        "a strategic business since 2023;",
        "since 2023",
        W("2023-01-01", "2023-12-31", "2023"),
        "since",
    ),
    (
        JAN9,
        "a plan to invest over ten years starting from 2021, having",
        "starting from 2021",
        W("2021-01-01", "2021-12-31", "2021"),
        "from",
    ),
    (
        JAN9,
        "the fourth quarter of 2026",
        "the fourth quarter of 2026",
        W("2026-10-01", "2026-12-31", "2026-Q4"),
        "",
    ),
    (JAN9, "09.01.2026 - 09:46:04", "09.01.2026", When.day("2026-01-09"), ""),
    (JAN9, "Wallstreetcn 2025.01.03 11:42", "2025.01.03", When.day("2025-01-03"), ""),
    (
        JAN9,
        "datetime: 2026-04-20T03:52:15.000Z",
        "2026-04-20T03:52:15.000Z",
        When.day("2026-04-20"),
        "",
    ),
    (JAN9, "the 2025 results", "2025", Y2025, ""),
    (JAN9, "a Q4'25 beat", "Q4'25", W("2025-10-01", "2025-12-31", "2025-Q4"), ""),
    (JAN9, "the 2025-Q3 numbers", "2025-Q3", W("2025-07-01", "2025-09-30", "2025-Q3"), ""),
    (JAN9, "the 2025-12 numbers", "2025-12", W("2025-12-01", "2025-12-31", "2025-12"), ""),
    (
        JAN9,
        "in early 2026",
        "in early 2026",
        W("2026-01-01", "2026-04-30", "2026-01/2026-04"),
        "in",
    ),
    (JAN9, "in late 2025", "in late 2025", W("2025-09-01", "2025-12-31", "2025-09/2025-12"), "in"),
    (JAN9, "at the end of 2025", "at the end of 2025", When.day("2025-12-31"), "in"),
    (JAN9, "at the beginning of 2026", "at the beginning of 2026", When.day("2026-01-01"), "in"),
    (JAN9, "by mid-2026", "by mid-2026", W("2026-05-01", "2026-08-31", "2026-05/2026-08"), "by"),
    (
        JAN9,
        "by the end of the third quarter of 2026",
        "by the end of the third quarter of 2026",
        W("2026-07-01", "2026-09-30", "2026-Q3"),
        "by",
    ),
    (
        JAN9,
        "at the end of the third quarter of 2026",
        "at the end of the third quarter of 2026",
        When.day("2026-09-30"),
        "in",
    ),
    (
        JAN9,
        "in the first nine months of 2025",
        "in the first nine months of 2025",
        W("2025-01-01", "2025-09-30", "2025-01/2025-09"),
        "in",
    ),
    (
        JAN9,
        "in the first six months of 2025",
        "in the first six months of 2025",
        W("2025-01-01", "2025-06-30", "2025-H1"),
        "in",
    ),
    (
        JAN9,
        "between January and March 2025",
        "between January and March 2025",
        W("2025-01-01", "2025-03-31", "2025-01/2025-03"),
        "during",
    ),
    (
        JAN9,
        "from Q1 2025 to Q3 2025",
        "from Q1 2025 to Q3 2025",
        W("2025-01-01", "2025-09-30", "2025-Q1/2025-Q3"),
        "during",
    ),
    (
        JAN9,
        "in Q1-Q3 2025",
        "in Q1-Q3 2025",
        W("2025-01-01", "2025-09-30", "2025-Q1/2025-Q3"),
        "in",
    ),
    (
        JAN9,
        "from December 2025 to February 2026",
        "from December 2025 to February 2026",
        W("2025-12-01", "2026-02-28", "2025-12/2026-02"),
        "during",
    ),
    (
        JAN9,
        "January 30 - February 2, 2026",
        "January 30 - February 2, 2026",
        W("2026-01-30", "2026-02-02", "2026-01-30/2026-02-02"),
        "",
    ),
    (JAN9, "Monday, January 5, 2026", "Monday, January 5, 2026", When.day("2026-01-05"), ""),
    (JAN9, "two years ago", "two years ago", W("2024-01-01", "2024-12-31", "2024"), ""),
    (JAN9, "three days ago", "three days ago", When.day("2026-01-06"), ""),
    (
        JAN9,
        "year-to-date",
        "year-to-date",
        W("2026-01-01", "2026-01-09", "2026-01-01/2026-01-09"),
        "",
    ),
    (
        JAN9,
        "earlier this year",
        "earlier this year",
        W("2026-01-01", "2026-01-09", "2026-01-01/2026-01-09"),
        "",
    ),
    (
        date(2026, 5, 20),
        "last quarter",
        "last quarter",
        W("2026-01-01", "2026-03-31", "2026-Q1"),
        "",
    ),
    (date(2026, 5, 20), "this month", "this month", W("2026-05-01", "2026-05-31", "2026-05"), ""),
    (date(2026, 5, 20), "next month", "next month", W("2026-06-01", "2026-06-30", "2026-06"), ""),
    (
        JAN9,
        "within the next two years",
        "within the next two years",
        W("2026-01-09", "2028-01-09", "2026-01-09/2028-01-09"),
        "by",
    ),
    (
        JAN9,
        "the past year",
        "the past year",
        W("2025-01-09", "2026-01-09", "2025-01-09/2026-01-09"),
        "",
    ),
    (JAN9, "after 2030", "after 2030", W("2030-01-01", "2030-12-31", "2030"), "after"),
    (JAN9, "prior to 2020", "prior to 2020", W("2020-01-01", "2020-12-31", "2020"), "before"),
    (JAN9, "through 2027", "through 2027", W("2027-01-01", "2027-12-31", "2027"), "until"),
    (JAN9, "the 2020-22 period", "2020-22", W("2020-01-01", "2022-12-31", "2020/2022"), ""),
    (JAN9, "on 1/9/2026", "on 1/9/2026", When.day("2026-01-09"), "in"),
    (JAN9, "on 31/12/2025", "on 31/12/2025", When.day("2025-12-31"), "in"),
]


@pytest.mark.parametrize(
    ("reference", "text", "span", "when", "relation"), SINGLE, ids=[c[1] for c in SINGLE]
)
def test_find_periods_resolves_one(
    reference: date, text: str, span: str, when: When, relation: str
) -> None:
    start = text.index(span)
    assert find_periods(text, reference) == [PeriodMatch(start, start + len(span), when, relation)]


@pytest.mark.parametrize(
    ("reference", "text", "span", "when", "relation"), SINGLE, ids=[c[1] for c in SINGLE]
)
def test_resolve_period_of_the_matched_span(
    reference: date, text: str, span: str, when: When, relation: str
) -> None:
    assert resolve_period(span, reference) == when


def test_the_second_half_takes_the_year_stated_earlier_in_the_sentence() -> None:
    text = (
        "the trend will persist in the first half of 2026, potentially slowing in the second half."
    )
    found = find_periods(text, JAN9)
    assert [(text[m.start : m.end], m.when.label, m.relation) for m in found] == [
        ("in the first half of 2026", "2026-H1", "in"),
        ("in the second half", "2026-H2", "in"),
    ]


def test_a_year_does_not_carry_across_sentences() -> None:
    text = "Sales rose in 2024. In the second half, margins fell."
    (first, second) = find_periods(text, date(2026, 1, 9))
    assert first.when.label == "2024"
    assert second.when.label == "2025-H2"  # nearest rule: July 2026 is too far ahead


def test_first_and_second_half_of_a_year() -> None:
    text = "scheduled for delivery in the first and second half of 2026 respectively."
    found = find_periods(text, JAN9)
    assert [(text[m.start : m.end], m.when.label) for m in found] == [
        ("in the first", "2026-H1"),
        ("second half of 2026", "2026-H2"),
    ]


def test_third_and_fourth_quarters() -> None:
    text = "the third and fourth quarters of 2025"
    assert [m.when.label for m in find_periods(text, JAN9)] == ["2025-Q3", "2025-Q4"]


def test_joining_an_interval_keeps_a_two_part_label() -> None:
    (m,) = find_periods("from last week to January 30", JAN9)
    assert m.when == W("2025-12-29", "2026-01-30", "2025-12-29/2026-01-30")
    assert m.relation == "during"


def test_yearless_mention_borrows_the_year_of_the_next_one_in_a_list() -> None:
    text = "in Q3 and Q4 2024"
    assert [m.when.label for m in find_periods(text, JAN9)] == ["2024-Q3", "2024-Q4"]


def test_every_period_in_a_seed_sentence_in_order() -> None:
    text = (
        "The company targets increasing the number of Xiaomi Home stores from around 500 in "
        "2025 to over 1,000 in 2026, while also expanding product categories."
    )
    found = find_periods(text, JAN9)
    assert [(m.start, m.end, m.when.label, m.relation) for m in found] == [
        (80, 87, "2025", "in"),
        (102, 109, "2026", "in"),
    ]


@pytest.mark.parametrize(
    ("reference", "text", "label"),
    [
        (JAN9, "January 8", "2026-01-08"),
        (JAN9, "December 30", "2025-12-30"),
        (JAN9, "March 15", "2026-03-15"),
        (JAN9, "May 2", "2025-05-02"),
        (date(2025, 12, 30), "January 2", "2026-01-02"),
        (date(2026, 7, 1), "December 1", "2025-12-01"),
        (date(2026, 7, 1), "October 1", "2026-10-01"),
        (JAN9, "in November", "2025-11"),
        (JAN9, "in April", "2026-04"),
        (JAN9, "in May", "2025-05"),
        (date(2026, 4, 20), "for May", "2026-05"),
        (JAN9, "in the fourth quarter", "2025-Q4"),
        (JAN9, "in the first quarter", "2026-Q1"),
        (JAN9, "in Q3", "2025-Q3"),
        (JAN9, "April 2026", "2026-04"),
        (JAN9, "this year", "2026"),
    ],
)
def test_yearless_dates_take_the_nearest_year(reference: date, text: str, label: str) -> None:
    assert resolve_period(text, reference).label == label


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi rushes towards a trillion",
        "in just nine months since its launch",
        "within 24 hours",
        "a year-on-year increase",
        "the SU7 and YU7",
        "01810.HK",
        "550,000 units",
        "HK$53.5",
        "31.02.2026",
        "2026-02-30",
        "the third model",
        "It may rise",
        "the new year",
        "5 million shares",
        "",
    ],
)
def test_not_periods(text: str) -> None:
    assert find_periods(text, JAN9) == []


@pytest.mark.parametrize(
    "text", ["", "soon", "in just nine months", "2025 and 2026", "January 8 was a Thursday"]
)
def test_resolve_period_rejects_non_periods(text: str) -> None:
    with pytest.raises(NormalizationError):
        resolve_period(text, JAN9)


def test_an_invalid_day_is_not_a_day() -> None:
    assert find_periods("February 30, 2026", JAN9) == [PeriodMatch(13, 17, Y2026, "")]


def test_a_datetime_reference_counts_as_its_day() -> None:
    from datetime import datetime

    assert find_periods("year-to-date", datetime(2026, 1, 9, 23, 59)) == [
        PeriodMatch(0, 12, W("2026-01-01", "2026-01-09", "2026-01-01/2026-01-09"), "")
    ]
    assert clamp_to(Y2026, datetime(2026, 1, 9, 8)) == W(
        "2026-01-01", "2026-01-09", "2026-01-01/2026-01-09"
    )


def test_a_reference_that_is_not_a_date_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        find_periods("in 2025", "2026-01-09")  # type: ignore[arg-type]


def test_extreme_years_do_not_crash() -> None:
    assert find_periods("0001-01-01 and 9999-12-31", JAN9) == [
        PeriodMatch(0, 10, When.day("0001-01-01"), ""),
        PeriodMatch(15, 25, When.day("9999-12-31"), ""),
    ]
    assert find_periods("next year", date(9999, 6, 1)) == []
    assert find_periods("last year", date(1, 6, 1)) == []
    assert find_periods("over the next five years", date(9998, 1, 1)) == []
    assert [m.when.label for m in find_periods("this year", date(9999, 6, 1))] == ["9999"]


# --- fiscal periods -----------------------------------------------------------------------

FISCAL = [
    ("FY2024", 9, W("2023-10-01", "2024-09-30", "2023-10/2024-09"), "FY2024"),
    ("fiscal Q1 2024", 9, W("2023-10-01", "2023-12-31", "2023-Q4"), "FY2024-Q1"),
    ("fiscal Q2 2024", 9, W("2024-01-01", "2024-03-31", "2024-Q1"), "FY2024-Q2"),
    ("FY2026", 12, Y2026, "FY2026"),
    ("FY24", 3, W("2023-04-01", "2024-03-31", "2023-04/2024-03"), "FY2024"),
    ("Q1 FY2025", 3, W("2024-04-01", "2024-06-30", "2024-Q2"), "FY2025-Q1"),
    ("fiscal 2025", 6, W("2024-07-01", "2025-06-30", "2024-07/2025-06"), "FY2025"),
    ("fiscal year 2025", 12, Y2025, "FY2025"),
    ("1QFY25", 3, W("2024-04-01", "2024-06-30", "2024-Q2"), "FY2025-Q1"),
    ("FY25 Q4", 3, W("2025-01-01", "2025-03-31", "2025-Q1"), "FY2025-Q4"),
    ("the first quarter of fiscal 2025", 9, W("2024-10-01", "2024-12-31", "2024-Q4"), "FY2025-Q1"),
    ("the second fiscal quarter of 2024", 9, W("2024-01-01", "2024-03-31", "2024-Q1"), "FY2024-Q2"),
    ("fiscal second half 2025", 6, W("2025-01-01", "2025-06-30", "2025-H1"), "FY2025-H2"),
    ("H1 FY2025", 1, W("2024-02-01", "2024-07-31", "2024-02/2024-07"), "FY2025-H1"),
    ("FY2024/25", 3, W("2024-04-01", "2025-03-31", "2024-04/2025-03"), "FY2025"),
    ("in fiscal Q2 2024", 12, W("2024-04-01", "2024-06-30", "2024-Q2"), "FY2024-Q2"),
    ("this fiscal year", 9, W("2025-10-01", "2026-09-30", "2025-10/2026-09"), "FY2026"),
    ("last fiscal year", 9, W("2024-10-01", "2025-09-30", "2024-10/2025-09"), "FY2025"),
    ("next fiscal year", 3, W("2026-04-01", "2027-03-31", "2026-04/2027-03"), "FY2027"),
    ("fiscal Q2", 9, W("2026-01-01", "2026-03-31", "2026-Q1"), "FY2026-Q2"),
    ("starting in fiscal 2025", 9, W("2024-10-01", "2025-09-30", "2024-10/2025-09"), "FY2025"),
    ("as of FY2025", 9, W("2024-10-01", "2025-09-30", "2024-10/2025-09"), "FY2025"),
]


@pytest.mark.parametrize(("text", "month", "when", "label"), FISCAL, ids=[f[0] for f in FISCAL])
def test_fiscal_to_when(text: str, month: int, when: When, label: str) -> None:
    assert fiscal_to_when(text, month, JAN9) == (when, label)


@pytest.mark.parametrize(
    ("text", "month"),
    [("2025", 9), ("Q3 2025", 9), ("FY2025", 13), ("FY2025", 0), ("fiscal", 9), ("", 9)],
)
def test_fiscal_to_when_rejects(text: str, month: int) -> None:
    with pytest.raises(NormalizationError):
        fiscal_to_when(text, month, JAN9)


def test_find_periods_reads_fiscal_labels_as_calendar_periods() -> None:
    text = "Apple's revenue in fiscal Q2 2024 and guidance for FY2026"
    found = find_periods(text, JAN9)
    assert found == [
        PeriodMatch(16, 33, W("2024-04-01", "2024-06-30", "2024-Q2"), "in", "FY2024-Q2"),
        PeriodMatch(47, 57, Y2026, "in", "FY2026"),
    ]
    again = fiscal_to_when(text[found[0].start : found[0].end], 9, JAN9)
    assert again == (W("2024-01-01", "2024-03-31", "2024-Q1"), "FY2024-Q2")


# --- labels, ISO dates, clamping ----------------------------------------------------------

LABELS = [
    ("2025", W("2025-01-01", "2025-12-31", "2025")),
    ("2025-Q3", W("2025-07-01", "2025-09-30", "2025-Q3")),
    ("2025-H1", W("2025-01-01", "2025-06-30", "2025-H1")),
    ("2025-H2", W("2025-07-01", "2025-12-31", "2025-H2")),
    ("2024-02", W("2024-02-01", "2024-02-29", "2024-02")),
    ("2025-07-08", When.day("2025-07-08")),
    ("2026/2030", W("2026-01-01", "2030-12-31", "2026/2030")),
    ("2026-01-05/2026-01-06", W("2026-01-05", "2026-01-06", "2026-01-05/2026-01-06")),
    ("2025-05/2025-08", W("2025-05-01", "2025-08-31", "2025-05/2025-08")),
    ("2025-Q1/2025-Q3", W("2025-01-01", "2025-09-30", "2025-Q1/2025-Q3")),
    ("0001", W("0001-01-01", "0001-12-31", "0001")),
    ("9999-Q4", W("9999-10-01", "9999-12-31", "9999-Q4")),
]


@pytest.mark.parametrize(("label", "when"), LABELS, ids=[x[0] for x in LABELS])
def test_label_to_when(label: str, when: When) -> None:
    assert label_to_when(label) == when


@pytest.mark.parametrize(
    "label",
    [
        "",
        "25",
        "2025-Q5",
        "2025-H3",
        "2025-13",
        "2025-02-30",
        "0000",
        "2026/2025",
        "2025/",
        "2025-1",
        "Q3 2025",
        "2025/2026/2027",
        "2025-07-08T00:00",
    ],
)
def test_label_to_when_rejects(label: str) -> None:
    with pytest.raises(NormalizationError):
        label_to_when(label)


@pytest.mark.parametrize("text", ["2026-01-08", "0001-01-01", "9999-12-31"])
def test_parse_iso_date(text: str) -> None:
    assert parse_iso_date(text).isoformat() == text


@pytest.mark.parametrize(
    "text", ["20260108", "2026-1-8", "2026-02-30", "08.01.2026", "2026-W02", " 2026-01-08", ""]
)
def test_parse_iso_date_is_strict(text: str) -> None:
    with pytest.raises(NormalizationError):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("when", "reported", "expected"),
    [
        (Y2026, date(2026, 1, 9), W("2026-01-01", "2026-01-09", "2026-01-01/2026-01-09")),
        (Y2025, date(2026, 1, 9), Y2025),
        (W("2027-01-01", "2027-12-31", "2027"), date(2026, 1, 9), When.day("2026-01-09")),
        (When.day("2026-01-09"), date(2026, 1, 9), When.day("2026-01-09")),
        (
            W("2026-01-05", "2026-01-06", "2026-01-05/2026-01-06"),
            date(2026, 1, 5),
            When.day("2026-01-05"),
        ),
    ],
)
def test_clamp_to(when: When, reported: date, expected: When) -> None:
    assert clamp_to(when, reported) == expected


# --- durations ----------------------------------------------------------------------------

DURATIONS = [
    (
        "delivered over 130,000 vehicles in just nine months since its launch",
        "in just nine months",
        270,
        None,
    ),
    ("240,000 pre-orders within 24 hours", "within 24 hours", 1, None),
    ("profitability in just two years of operation", "in just two years", 730, None),
    ("a top-five player within 15-20 years.", "within 15-20 years", 5475, 7300),
    ("BYD took 10 years to reach", "10 years", 3650, None),
    ("invest RMB 50 billion over ten years starting", "over ten years", 3650, None),
    ("within a year", "within a year", 365, None),
    ("in three weeks", "in three weeks", 21, None),
    ("for 36 hours", "for 36 hours", 2, None),
    ("after two quarters", "after two quarters", 182, None),
]


@pytest.mark.parametrize(
    ("text", "span", "days", "days_max"), DURATIONS, ids=[d[0] for d in DURATIONS]
)
def test_find_durations(text: str, span: str, days: int, days_max: int | None) -> None:
    start = text.index(span)
    assert find_durations(text) == [DurationMatch(start, start + len(span), days, span, days_max)]


@pytest.mark.parametrize(
    "text",
    [
        "over the next five years",
        "two years ago",
        "once a year",
        "the past four years",
        "in 2025",
        "a year-on-year gain",
        "",
    ],
)
def test_not_durations(text: str) -> None:
    assert find_durations(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_durations_never_raises_on_any_text(text: str) -> None:
    for m in find_durations(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end] and m.days >= 0


# --- laws ---------------------------------------------------------------------------------

_dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.text(), _dates)
def test_find_periods_never_raises_on_any_text(text: str, reference: date) -> None:
    for m in find_periods(text, reference):
        assert 0 <= m.start < m.end <= len(text)
        assert m.when.start <= m.when.end


_PIECES = st.sampled_from(
    [
        "in",
        "by",
        "the",
        "end",
        "of",
        "mid-",
        "late",
        "early",
        "from",
        "to",
        "between",
        "and",
        "-",
        "2025",
        "9999",
        "0001",
        "1900",
        "26",
        "Q3",
        "H1",
        "3Q25",
        "1H26",
        "FY2026",
        "fiscal",
        "January",
        "Jan.",
        "May",
        "8",
        "31",
        "30,",
        "February",
        "first",
        "second",
        "third",
        "half",
        "quarter",
        "quarters",
        "year",
        "last",
        "next",
        "this",
        "past",
        "five",
        "years",
        "ago",
        "Monday",
        "today",
        "year-end",
        "trading",
        "day",
        ".",
        ",",
        "31.02.2026",
        "2026-01-08",
        "12/31/2025",
        "onward",
        "months",
        "week",
        "decade",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=10).map(" ".join), _dates)
def test_find_periods_on_date_like_noise(text: str, reference: date) -> None:
    previous_end = 0
    for m in find_periods(text, reference):
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert m.when.start <= m.when.end
        assert label_to_when(m.when.label) == m.when
        assert m.relation in ("", "in", "by", "since", "from", "before", "after", "until", "during")


@st.composite
def labels(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 9999))
    kind = draw(st.sampled_from(["y", "h", "q", "m", "d"]))
    if kind == "y":
        return f"{year:04d}"
    if kind == "h":
        return f"{year:04d}-H{draw(st.integers(1, 2))}"
    if kind == "q":
        return f"{year:04d}-Q{draw(st.integers(1, 4))}"
    if kind == "m":
        return f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    return draw(st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))).isoformat()


@given(labels())
def test_labels_round_trip(label: str) -> None:
    when = label_to_when(label)
    assert when.label == label
    assert when.start <= when.end
    assert label_to_when(when.label) == when


@given(labels(), labels())
def test_interval_labels_round_trip(a: str, b: str) -> None:
    first, last = label_to_when(a), label_to_when(b)
    assume(first.start <= last.end and a != b)
    when = label_to_when(f"{a}/{b}")
    assert (when.start, when.end) == (first.start, last.end)
    assert label_to_when(when.label) == when


@given(st.tuples(_dates, _dates), _dates)
def test_clamp_never_ends_after_reported(days: tuple[date, date], reported: date) -> None:
    start, end = min(days), max(days)
    when = When(start=start.isoformat(), end=end.isoformat(), label=f"{start}/{end}")
    clamped = clamp_to(when, reported)
    assert clamped.end <= reported.isoformat()
    assert clamped.start <= clamped.end
    assert label_to_when(clamped.label) == clamped
    if end <= reported:
        assert clamped == when


@settings(deadline=None)
@given(labels(), _dates)
def test_resolve_period_reads_every_label_it_prints(label: str, reference: date) -> None:
    assert resolve_period(label, reference) == label_to_when(label)


@given(_dates, st.integers(1, 12), st.integers(1900, 2100))
def test_fiscal_years_span_twelve_months_ending_in_the_named_year(
    reference: date, month: int, year: int
) -> None:
    when, label = fiscal_to_when(f"FY{year}", month, reference)
    start, end = date.fromisoformat(when.start), date.fromisoformat(when.end)
    assert label == f"FY{year}"
    assert end.year == year and end.month == month and (end + timedelta(days=1)).day == 1
    assert start.day == 1 and (end - start).days in (364, 365)
    assert label_to_when(when.label) == when
