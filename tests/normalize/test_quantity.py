"""Counts and percentages: units, bounds, ranges, nouns, and what is not a quantity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.errors import NormalizationError
from events.normalize import QuantityMatch, find_quantities, parse_percent, parse_quantity
from events.values import Quantity


def Q(
    value: float, unit: str = "units", value_max: float | None = None, bound: str = "exact"
) -> Quantity:
    return Quantity(value=value, unit=unit, value_max=value_max, bound=bound)  # type: ignore[arg-type]


# (text, matched span, Quantity, noun)
SINGLE = [
    (
        "Xiaomi repurchased 5 million B-shares on the exchange",
        "5 million",
        Q(5e6, "shares"),
        "B-shares",
    ),
    ("a delivery target of 550,000 units for", "550,000", Q(550000.0), "units"),
    (
        "compared to the over 410,000 units delivered",
        "over 410,000",
        Q(410000.0, bound="at_least"),
        "units",
    ),
    ("implying nearly 40% upside", "nearly 40%", Q(40.0, "pct", bound="approx"), "upside"),
    ("A block trade of 6.5 million shares at", "6.5 million", Q(6.5e6, "shares"), "shares"),
    ("with 240,000 pre-orders for the new YU7", "240,000", Q(240000.0, "orders"), "pre-orders"),
    ("Xiaomi has a team of 1,800 professionals.", "1,800", Q(1800.0, "employees"), "professionals"),
    ("Production milestone of 500,000 vehicles, setting", "500,000", Q(500000.0), "vehicles"),
    (
        "a total of 162 million shares have been bought back",
        "162 million",
        Q(1.62e8, "shares"),
        "shares",
    ),
    ("TVs and PCs account for 15-20%; tablets", "15-20%", Q(15.0, "pct", 20.0), None),
    (
        "a 2-2.5 percentage point gross margin expansion",
        "2-2.5 percentage point",
        Q(2.0, "pp", 2.5),
        None,
    ),
    ("margins widened 2-2.5 percentage points", "2-2.5 percentage points", Q(2.0, "pp", 2.5), None),
    ("by one percentage point annually", "one percentage point", Q(1.0, "pp"), None),
    ("a decline of 0.42% to HKD 38.00", "0.42%", Q(0.42, "pct"), None),
    ("increases his stake to 23.26% and", "23.26%", Q(23.26, "pct"), None),
    (
        "about 0.63% of the outstanding share capital",
        "about 0.63%",
        Q(0.63, "pct", bound="approx"),
        None,
    ),
    ("the 550,000-vehicle forecast", "550,000", Q(550000.0), "vehicle"),
    (
        "expand to over 1,000 Xiaomi Home stores",
        "over 1,000",
        Q(1000.0, "stores", bound="at_least"),
        "stores",
    ),
    (
        "an internal team of about 75 researchers working on",
        "about 75",
        Q(75.0, "employees", bound="approx"),
        "researchers",
    ),
    ("fewer than 30 models worldwide", "fewer than 30", Q(30.0, bound="at_most"), "models"),
    ("trained on 10 million video clips released", "10 million", Q(1e7), "video clips"),
    ("20 million annual passenger car sales", "20 million", Q(2e7), "annual passenger car sales"),
    ("a dozen stores", "a dozen", Q(12.0, "stores"), "stores"),
    ("twenty-five engineers", "twenty-five", Q(25.0, "employees"), "engineers"),
    ("three hundred stores", "three hundred", Q(300.0, "stores"), "stores"),
    ("12 million users", "12 million", Q(1.2e7, "users"), "users"),
    ("3,000 bookings", "3,000", Q(3000.0, "orders"), "bookings"),
    ("1.5 million ADSs", "1.5 million", Q(1.5e6, "shares"), "ADSs"),
    ("2 million H-shares", "2 million", Q(2e6, "shares"), "H-shares"),
    ("some 500 cars", "some 500", Q(500.0, bound="approx"), "cars"),
    (
        "at least 2,000 employees",
        "at least 2,000",
        Q(2000.0, "employees", bound="at_least"),
        "employees",
    ),
    ("up to 5 million shares", "up to 5 million", Q(5e6, "shares", bound="at_most"), "shares"),
    ("more than 6%", "more than 6%", Q(6.0, "pct", bound="at_least"), None),
    (
        "approximately 20% or more of revenue",
        "approximately 20% or more",
        Q(20.0, "pct", bound="at_least"),
        None,
    ),
    ("closing up 6.62% to", "6.62%", Q(6.62, "pct"), None),
    ("shares fell -0.42% today", "-0.42%", Q(-0.42, "pct"), None),
    ("rose +6.62% today", "+6.62%", Q(6.62, "pct"), None),
    ("30 per cent of revenue", "30 per cent", Q(30.0, "pct"), None),
    ("12 percent", "12 percent", Q(12.0, "pct"), None),
    ("a cut of 50 basis points", "50 basis points", Q(50.0, "bp"), None),
    ("80-90% of total industry profits", "80-90%", Q(80.0, "pct", 90.0), None),
    ("15% to 20% of sales", "15% to 20%", Q(15.0, "pct", 20.0), None),
    ("5k orders", "5k", Q(5000.0, "orders"), "orders"),
    ("1.2bn users", "1.2bn", Q(1.2e9, "users"), "users"),
    ("rising over 200% since", "over 200%", Q(200.0, "pct", bound="at_least"), None),
    ("2000 employees", "2000", Q(2000.0, "employees"), "employees"),
    ("issued 3.5 million new H shares at", "3.5 million", Q(3.5e6, "shares"), "shares"),
    ("open 200 new stores in the U.S.", "200", Q(200.0, "stores"), "stores"),
    ("revenue up 4% year over year", "4%", Q(4.0, "pct"), None),
    ("output rose 12.5% y/y in November", "12.5%", Q(12.5, "pct"), None),
    ("delivered 495,570 vehicles in", "495,570", Q(495570.0), "vehicles"),
]


@pytest.mark.parametrize(("text", "span", "quantity", "noun"), SINGLE, ids=[c[0] for c in SINGLE])
def test_find_quantities_reads_one(
    text: str, span: str, quantity: Quantity, noun: str | None
) -> None:
    start = text.index(span)
    assert find_quantities(text) == [QuantityMatch(start, start + len(span), quantity, noun)]


@pytest.mark.parametrize(
    "text",
    [
        "in 2025 and 2026",
        "On January 8, Xiaomi said",
        "January 5-6, 2026",
        "Xiaomi Group (01810.HK) and 1810.HK",
        "the SU7 and the YU7",
        "the upcoming Xiaomi 17 Ultra and the Xiaomi 15 Ultra",
        "the XRING O1 chip",
        "the XRing 01 chip",
        "the V6s-Plus motor",
        "3nm SoC design",
        "2025.01.03 11:42",
        "09.01.2026 - 09:46:04",
        "within 24 hours",
        "in just nine months",
        "BYD took 10 years to reach",
        "over the next five years",
        "the third quarter of 2025 and Q3 2025 and 3Q25 and 1H26",
        "FY2026 and FY24",
        "a target price of HK$53.5",
        "RMB 500-700 higher",
        "the one thing",
        "the sixth consecutive trading session",
        "2026-2030",
        "Xiaomi KYG9830T1067",
        "https://longbridge.com/en/news/283291402.md",
        "COVID-19 cases",
        "the S&P 500 index",
        "ranked No. 1 in China",
        "the Boeing 737 MAX",
        "a 2-for-1 stock split",
        "at 8:30 a.m.",
        "",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_money_in_the_same_sentence_is_skipped() -> None:
    text = "repurchased 5 million B-shares, valued at approximately HKD 190.6 million, at HKD 38.04"
    assert find_quantities(text) == [QuantityMatch(12, 21, Q(5e6, "shares"), "B-shares")]


def test_a_seed_sentence_in_full() -> None:
    text = (
        "Xiaomi has announced a 2026 delivery target of 550,000 units, a significant increase "
        "compared to the over 410,000 units delivered in 2025, which itself surpassed initial "
        "and subsequently raised targets."
    )
    assert find_quantities(text) == [
        QuantityMatch(47, 54, Q(550000.0), "units"),
        QuantityMatch(101, 113, Q(410000.0, bound="at_least"), "units"),
    ]


def test_from_to_is_a_change_not_a_range() -> None:
    text = "margin rose from 5% to 7% this year"
    assert [m.quantity for m in find_quantities(text)] == [Q(5.0, "pct"), Q(7.0, "pct")]


def test_percent_then_count_is_not_a_range() -> None:
    text = "up 5% to 10 million units"
    assert [m.quantity for m in find_quantities(text)] == [Q(5.0, "pct"), Q(1e7)]


@pytest.mark.parametrize(
    ("text", "span", "quantity", "noun"),
    [
        ("opened hundreds of stores", "hundreds", Q(200.0, "stores", bound="at_least"), "stores"),
        (
            "tens of thousands of employees",
            "tens of thousands",
            Q(2e4, "employees", bound="at_least"),
            "employees",
        ),
        ("dozens of models", "dozens", Q(24.0, bound="at_least"), "models"),
    ],
)
def test_plural_round_numbers_are_lower_bounds(
    text: str, span: str, quantity: Quantity, noun: str
) -> None:
    start = text.index(span)
    assert find_quantities(text) == [QuantityMatch(start, start + len(span), quantity, noun)]


def test_no_noun_when_a_function_word_follows() -> None:
    (m,) = find_quantities("grew to around 500 in 2025")
    assert m.noun is None and m.quantity == Q(500.0, bound="approx")


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("5 million B-shares", Q(5e6, "shares")),
        ("550,000 units", Q(550000.0)),
        ("over 410,000", Q(410000.0, bound="at_least")),
        ("6.5 million shares", Q(6.5e6, "shares")),
        ("240,000 pre-orders", Q(240000.0, "orders")),
        ("1,800 professionals", Q(1800.0, "employees")),
        ("500,000 vehicles", Q(500000.0)),
        ("162 million shares", Q(1.62e8, "shares")),
        ("  nearly 40%  ", Q(40.0, "pct", bound="approx")),
        ("a dozen stores", Q(12.0, "stores")),
    ],
)
def test_parse_quantity(text: str, quantity: Quantity) -> None:
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("0.63%", Q(0.63, "pct")),
        ("nearly 40%", Q(40.0, "pct", bound="approx")),
        ("2-2.5 percentage points", Q(2.0, "pp", 2.5)),
        ("2-2.5 percentage point", Q(2.0, "pp", 2.5)),
        ("one percentage point", Q(1.0, "pp")),
        ("15-20%", Q(15.0, "pct", 20.0)),
        ("23.26%", Q(23.26, "pct")),
        ("25 bps", Q(25.0, "bp")),
        ("3 pp", Q(3.0, "pp")),
    ],
)
def test_parse_percent(text: str, quantity: Quantity) -> None:
    assert parse_percent(text) == quantity


@pytest.mark.parametrize("text", ["", "550,000 units", "40", "HK$53.5", "40% and 50%", "abc"])
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(NormalizationError):
        parse_percent(text)


@pytest.mark.parametrize(
    "text", ["", "2025", "HK$53.5", "5 and 6", "units", "5 million shares sold"]
)
def test_parse_quantity_rejects(text: str) -> None:
    with pytest.raises(NormalizationError):
        parse_quantity(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_quantities_never_raises_on_any_text(text: str) -> None:
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)


_PIECES = st.sampled_from(
    [
        "over",
        "about",
        "nearly",
        "1",
        "40",
        "2025",
        "0.5",
        "1,071",
        "550,000",
        "9" * 40,
        "%",
        "percent",
        "percentage points",
        "bps",
        "million",
        "bn",
        "k",
        "-",
        "to",
        "and",
        "from",
        "units",
        "shares",
        "B-shares",
        "stores",
        "one",
        "twenty-five",
        "a dozen",
        "hundred",
        "HK$",
        "RMB",
        "January",
        "Q3",
        "years",
        "hours",
        "Xiaomi",
        "Ultra",
        ",",
        ".",
        "(",
        "+",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_find_quantities_on_number_like_noise(text: str) -> None:
    previous_end = 0
    for m in find_quantities(text):
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        if m.quantity.value_max is not None:
            assert m.quantity.value_max > m.quantity.value
