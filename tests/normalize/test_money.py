"""Money in running text: currencies, scales, ranges, bounds, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.errors import NormalizationError
from events.normalize import MoneyMatch, find_money, parse_money
from events.values import Money


def M(amount: float, currency: str, amount_max: float | None = None, bound: str = "exact") -> Money:
    return Money(amount=amount, currency=currency, amount_max=amount_max, bound=bound)  # type: ignore[arg-type]


# (text, the matched span, the Money it reads as)
SINGLE = [
    ("a target price of HK$53.5, implying", "HK$53.5", M(53.5, "HKD")),
    ("valued at HKD 190.6 million, with", "HKD 190.6 million", M(1.906e8, "HKD")),
    ("an R&D budget of RMB 200 billion for", "RMB 200 billion", M(2e11, "CNY")),
    ("purchasing $13 million worth of shares", "$13 million", M(1.3e7, "USD")),
    ("advanced to €4.60.", "€4.60", M(4.6, "EUR")),
    ("a USD 6 billion impairment charge", "USD 6 billion", M(6e9, "USD")),
    ("raised US$1.2bn in", "US$1.2bn", M(1.2e9, "USD")),
    ("a £3m fine", "£3m", M(3e6, "GBP")),
    ("priced at ¥500 each", "¥500", M(500.0, "JPY")),
    ("JPY 3 billion", "JPY 3 billion", M(3e9, "JPY")),
    ("a 5 billion yen deal", "5 billion yen", M(5e9, "JPY")),
    ("paid CHF 12 per share", "CHF 12", M(12.0, "CHF")),
    ("EUR 5 apiece", "EUR 5", M(5.0, "EUR")),
    ("it costs 5 euros now", "5 euros", M(5.0, "EUR")),
    ("NT$30 billion in capex", "NT$30 billion", M(3e10, "TWD")),
    ("S$2.5 million", "S$2.5 million", M(2.5e6, "SGD")),
    ("A$3 billion", "A$3 billion", M(3e9, "AUD")),
    ("C$4.25", "C$4.25", M(4.25, "CAD")),
    ("R$5 billion", "R$5 billion", M(5e9, "BRL")),
    ("₹500 crore", "₹500 crore", M(5e9, "INR")),
    ("Rs 20 lakh", "Rs 20 lakh", M(2e6, "INR")),
    ("Rs. 1,200 crore", "Rs. 1,200 crore", M(1.2e10, "INR")),
    ("INR 5 billion", "INR 5 billion", M(5e9, "INR")),
    ("KRW 1,000 billion", "KRW 1,000 billion", M(1e12, "KRW")),
    ("₩500 billion", "₩500 billion", M(5e11, "KRW")),
    ("3 million yuan", "3 million yuan", M(3e6, "CNY")),
    ("2 billion renminbi", "2 billion renminbi", M(2e9, "CNY")),
    ("profit of Rmb3bn", "Rmb3bn", M(3e9, "CNY")),
    ("a stake worth $500K", "$500K", M(5e5, "USD")),
    ("a $2B deal", "$2B", M(2e9, "USD")),
    ("GBP 1.5 trillion", "GBP 1.5 trillion", M(1.5e12, "GBP")),
    ("$2.5 tn", "$2.5 tn", M(2.5e12, "USD")),
    ("$4 thousand", "$4 thousand", M(4e3, "USD")),
    ("CNY 7 mn", "CNY 7 mn", M(7e6, "CNY")),
    ("of HKD 38.00 that same day", "HKD 38.00", M(38.0, "HKD")),
    ("reached HKD 1.071 billion, marking", "HKD 1.071 billion", M(1.071e9, "HKD")),
    (
        "a market value of one trillion Hong Kong dollars",
        "one trillion Hong Kong dollars",
        M(1e12, "HKD"),
    ),
    ("ten million US dollars", "ten million US dollars", M(1e7, "USD")),
    ("a $5-million deal", "$5-million", M(5e6, "USD")),
    ("HK$ 5 a share", "HK$ 5", M(5.0, "HKD")),
    ("a loss of -$5 million", "-$5 million", M(-5e6, "USD")),
    ("starting price is set at RMB 229,900.", "RMB 229,900", M(229900.0, "CNY")),
    ("5 billion Swiss francs", "5 billion Swiss francs", M(5e9, "CHF")),
    ("100 million rupees", "100 million rupees", M(1e8, "INR")),
    ("SGD 3.2 billion", "SGD 3.2 billion", M(3.2e9, "SGD")),
    ("a dividend of 42 cents a share", "42 cents", M(0.42, "USD")),
    ("a final dividend of 5.5 pence", "5.5 pence", M(0.055, "GBP")),
    ("30-35 US cents", "30-35 US cents", M(0.3, "USD", 0.35)),
    # ranges
    ("Xiaomi's RMB 32-33 billion R&D expenditure", "RMB 32-33 billion", M(3.2e10, "CNY", 3.3e10)),
    (
        "prices ranging between HKD 38.04 and HKD 38.16 per share",
        "between HKD 38.04 and HKD 38.16",
        M(38.04, "HKD", 38.16),
    ),
    ("traded at HKD 38.04 to 38.16 all day", "HKD 38.04 to 38.16", M(38.04, "HKD", 38.16)),
    ("priced RMB 500-700 higher than", "RMB 500-700", M(500.0, "CNY", 700.0)),
    ("a $5 million to $6 million fee", "$5 million to $6 million", M(5e6, "USD", 6e6)),
    ("$1.2-1.5bn", "$1.2-1.5bn", M(1.2e9, "USD", 1.5e9)),
    ("32-33 billion yuan", "32-33 billion yuan", M(3.2e10, "CNY", 3.3e10)),
    ("HK$38.04\u201338.16", "HK$38.04\u201338.16", M(38.04, "HKD", 38.16)),  # en dash
    (
        "prices ranging from HKD 38.04 to HKD 38.16",
        "HKD 38.04 to HKD 38.16",
        M(38.04, "HKD", 38.16),
    ),
    # bounds in front
    ("volumes over $5m", "over $5m", M(5e6, "USD", bound="at_least")),
    ("more than $5m", "more than $5m", M(5e6, "USD", bound="at_least")),
    ("priced above RMB 150,000 constitute", "above RMB 150,000", M(1.5e5, "CNY", bound="at_least")),
    (
        "these inflows now exceed HKD 4.68 billion.",
        "exceed HKD 4.68 billion",
        M(4.68e9, "HKD", bound="at_least"),
    ),
    ("it exceeds HKD 4.68 billion", "exceeds HKD 4.68 billion", M(4.68e9, "HKD", bound="at_least")),
    ("exceeding $2bn", "exceeding $2bn", M(2e9, "USD", bound="at_least")),
    ("at least $1 billion", "at least $1 billion", M(1e9, "USD", bound="at_least")),
    ("no less than $1 billion", "no less than $1 billion", M(1e9, "USD", bound="at_least")),
    ("under $30", "under $30", M(30.0, "USD", bound="at_most")),
    ("less than €5", "less than €5", M(5.0, "EUR", bound="at_most")),
    ("below £2", "below £2", M(2.0, "GBP", bound="at_most")),
    ("up to $3 billion", "up to $3 billion", M(3e9, "USD", bound="at_most")),
    ("at most $3", "at most $3", M(3.0, "USD", bound="at_most")),
    ("no more than $3", "no more than $3", M(3.0, "USD", bound="at_most")),
    (
        "valued at approximately HKD 190.6 million",
        "approximately HKD 190.6 million",
        M(1.906e8, "HKD", bound="approx"),
    ),
    ("about $8 billion", "about $8 billion", M(8e9, "USD", bound="approx")),
    ("around $8 billion", "around $8 billion", M(8e9, "USD", bound="approx")),
    (
        "totaling roughly HKD 247 million",
        "roughly HKD 247 million",
        M(2.47e8, "HKD", bound="approx"),
    ),
    ("nearly $8 billion", "nearly $8 billion", M(8e9, "USD", bound="approx")),
    ("almost $8 billion", "almost $8 billion", M(8e9, "USD", bound="approx")),
    ("some $8 billion", "some $8 billion", M(8e9, "USD", bound="approx")),
    ("~$8 billion", "~$8 billion", M(8e9, "USD", bound="approx")),
    # bounds behind
    ("$5 million or more", "$5 million or more", M(5e6, "USD", bound="at_least")),
    ("$5 million or less", "$5 million or less", M(5e6, "USD", bound="at_most")),
]


@pytest.mark.parametrize(("text", "span", "money"), SINGLE, ids=[c[0] for c in SINGLE])
def test_find_money_reads_one_amount(text: str, span: str, money: Money) -> None:
    start = text.index(span)
    assert find_money(text) == [MoneyMatch(start, start + len(span), money)]


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi Group (01810.HK) and XIACY.US",
        "the 2026 delivery target of 550,000 units",
        "a 40% upside",
        "On January 8, 2026",
        "the SU7 and YU7 and XRING O1 on 3nm",
        "09.01.2026 - 09:46:04",
        "HK$ is the ticker symbol",
        "the company is committed to it",
        "they won the race",
        "",
    ],
)
def test_numbers_without_a_currency_are_not_money(text: str) -> None:
    assert find_money(text) == []


def test_two_amounts_from_one_to_another_are_a_change_not_a_range() -> None:
    text = "rising from last year's low of HKD 11.84 to HKD 36.25"
    assert find_money(text) == [
        MoneyMatch(31, 40, M(11.84, "HKD")),
        MoneyMatch(44, 53, M(36.25, "HKD")),
    ]


def test_target_raised_from_to_is_two_amounts() -> None:
    text = "raised its target from HK$50 to HK$55"
    assert [m.money for m in find_money(text)] == [M(50.0, "HKD"), M(55.0, "HKD")]


def test_and_without_between_is_two_amounts() -> None:
    text = "HKD 5 million and HKD 6 million"
    assert [(m.start, m.end) for m in find_money(text)] == [(0, 13), (18, 31)]


def test_a_backwards_range_is_two_amounts() -> None:
    text = "fell HK$40-HK$35 today"
    assert [m.money for m in find_money(text)] == [M(40.0, "HKD"), M(35.0, "HKD")]


def test_range_of_different_currencies_is_two_amounts() -> None:
    text = "HK$40 to US$5"
    assert [m.money for m in find_money(text)] == [M(40.0, "HKD"), M(5.0, "USD")]


def test_first_number_without_currency_is_left_out() -> None:
    text = "5 and 6 million euros"
    assert find_money(text) == [MoneyMatch(6, 21, M(6e6, "EUR"))]


def test_several_amounts_in_a_sentence_in_order() -> None:
    text = (
        "A single negative block trade of 6.5 million shares at HKD 38.02, totaling roughly "
        "HKD 247 million, indicated some profit-taking."
    )
    assert find_money(text) == [
        MoneyMatch(55, 64, M(38.02, "HKD")),
        MoneyMatch(75, 98, M(2.47e8, "HKD", bound="approx")),
    ]


def test_floats_are_exact_for_the_written_decimals() -> None:
    assert parse_money("HK$53.5").amount == 53.5
    assert parse_money("HKD 190.6 million").amount == 190600000.0
    assert parse_money("HKD 1.071 billion").amount == 1071000000.0
    assert parse_money("US$0.1 billion").amount == 100000000.0
    assert parse_money("$1,071").amount == 1071.0


def test_decimals_and_thousands_separators() -> None:
    assert parse_money("HKD 1.071").amount == 1.071
    assert parse_money("HKD 1,071").amount == 1071.0
    assert parse_money("₹1,00,000").amount == 100000.0


@pytest.mark.parametrize(
    ("text", "currency", "money"),
    [
        ("38.04", "HKD", M(38.04, "HKD")),
        ("38.04 to 38.16", "HKD", M(38.04, "HKD", 38.16)),
        ("5 million", "USD", M(5e6, "USD")),
        ("about 5 million", "USD", M(5e6, "USD", bound="approx")),
        ("HK$53.5", "USD", M(53.5, "HKD")),
    ],
)
def test_parse_money_with_default_currency(text: str, currency: str, money: Money) -> None:
    assert parse_money(text, default_currency=currency) == money


def test_default_currency_does_not_turn_years_percentages_or_durations_into_money() -> None:
    text = "in 2025 the price was 38.04 to 38.16 over 5 years, a 40% gain"
    assert find_money(text, default_currency="HKD") == [MoneyMatch(22, 36, M(38.04, "HKD", 38.16))]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "53.5", "HK$53.5 and HK$54", "price HK$53.5", "HK$53.5 target", "abc", "40%"],
)
def test_parse_money_rejects_anything_but_one_amount(text: str) -> None:
    with pytest.raises(NormalizationError):
        parse_money(text)


def test_parse_money_allows_surrounding_whitespace() -> None:
    assert parse_money("  RMB 200 billion \n") == M(2e11, "CNY")


def test_normalization_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not a money amount"):
        parse_money("no money here")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_money_never_raises_on_any_text(text: str) -> None:
    for m in find_money(text):
        assert 0 <= m.start < m.end <= len(text)


_PIECES = st.sampled_from(
    [
        "HK$",
        "$",
        "RMB",
        "USD",
        "€",
        "£",
        " ",
        "-",
        "to",
        "and",
        "between",
        "over",
        "about",
        "1",
        "53.5",
        "1,071",
        "0",
        "9" * 30,
        "million",
        "bn",
        "m",
        "k",
        "yuan",
        "euros",
        "%",
        "one",
        "twenty-five",
        "a dozen",
        ".",
        ",",
        "~",
        "(",
        "or more",
        "from",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join), st.sampled_from([None, "HKD"]))
def test_find_money_on_money_like_noise(text: str, default: str | None) -> None:
    previous_end = 0
    for m in find_money(text, default_currency=default):
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        if m.money.amount_max is not None:
            assert m.money.amount_max > m.money.amount
