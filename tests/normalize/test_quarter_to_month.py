"""'the quarter to December', 'the half-year to June': the three or six months ending with
that month; a fiscal part before it ('fiscal first quarter ended December 27') is left to
the fiscal rule."""

from __future__ import annotations

from datetime import date

import pytest

from events.normalize.periods import find_periods

ROWS = [
    ("in the quarter to December", date(2026, 2, 10), ("2025-10-01", "2025-12-31")),
    ("for the half-year to December", date(2026, 2, 10), ("2025-07-01", "2025-12-31")),
    ("in the quarter ended June 30, 2025", date(2025, 8, 1), ("2025-04-01", "2025-06-30")),
    ("the half year ending September", date(2025, 11, 20), ("2025-04-01", "2025-09-30")),
]


@pytest.mark.parametrize(("text", "ref", "span"), ROWS)
def test_quarter_or_half_to_a_month(text, ref, span) -> None:
    assert span in {(p.when.start, p.when.end) for p in find_periods(text, ref)}
