"""'TRLN' (wire style) is a trillion, like 'trn' and 'tn'."""

from __future__ import annotations

import pytest

from events.normalize.money import find_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("3.2 TRLN YEN", 3.2e12, "JPY"),
        ("3.2 trln yen", 3.2e12, "JPY"),
        ("19.2 TRLN WON", 19.2e12, "KRW"),
    ],
)
def test_trln(text, amount, currency) -> None:
    found = find_money(text)
    assert found and abs(found[0].money.amount - amount) < 1e3, found
    assert found[0].money.currency == currency
