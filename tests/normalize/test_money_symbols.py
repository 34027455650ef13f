"""Currency symbols and words of markets beyond the big four: rand, kronor, won, rupees."""

from __future__ import annotations

import pytest

from events.normalize.money import find_money

ROWS = [
    ("at R1,162.50 in Johannesburg", [(1162.5, "ZAR")]),
    ("to R45.20", [(45.2, "ZAR")]),
    ("revenue of R3.5bn", [(3.5e9, "ZAR")]),
    ("R12 billion", [(12e9, "ZAR")]),
    ("to 265.40 kr in Stockholm", [(265.4, "SEK")]),
    ("at 312 kronor", [(312.0, "SEK")]),
    ("at 98.6 Norwegian kroner", [(98.6, "NOK")]),
    ("at 1,420 Danish kroner", [(1420.0, "DKK")]),
    ("worth 2.1 billion rand", [(2.1e9, "ZAR")]),
    ("to ₩158,400", [(158400.0, "KRW")]),
    ("to ₹1,412.50", [(1412.5, "INR")]),
    ("to S$52.10", [(52.1, "SGD")]),
    ("to A$41.20", [(41.2, "AUD")]),
    ("to C$210.50", [(210.5, "CAD")]),
    ("to R$36.40", [(36.4, "BRL")]),
    ("to MXN 55.20", [(55.2, "MXN")]),
    # not money: model names, R&D
    ("Rivian R2 deliveries start", []),
    ("the R1S and R1T", []),
    ("R&D 5.2", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_symbols(text, expected) -> None:
    got = [(round(m.money.amount, 2), m.money.currency) for m in find_money(text)]
    assert got == expected
