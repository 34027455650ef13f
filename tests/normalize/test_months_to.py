"""'The three/six/nine months to September': the months that end with the month named."""

from __future__ import annotations

from datetime import date

import pytest

from events.normalize.periods import find_periods

REF = date(2025, 11, 21)
ROWS = [
    ("in the three months to September", "2025-Q3"),
    ("for the six months to September", "2025-04/2025-09"),
    ("the nine months to September 2025", "2025-01/2025-09"),
    ("the six months ended September 30", "2025-04/2025-09"),
    ("in the three months through June", "2025-Q2"),
    ("three months ended Sept. 30, 2025", "2025-Q3"),
    ("in the three months to December", "2024-Q4"),
    ("the 12 months to March 2026", "2025-04/2026-03"),
]


@pytest.mark.parametrize(("text", "label"), ROWS, ids=[r[0] for r in ROWS])
def test_months_to(text, label) -> None:
    assert [p.when.label for p in find_periods(text, REF)] == [label]
