"""Results over a span written as months to a month ("the six months to September")."""

from __future__ import annotations

import pytest

ROWS = [
    (
        "Prosus said core headline earnings rose 21% to US$3.5 bn in the six months to September.",
        "2025-11-24",
        "prosus",
        "2025-04/2025-09",
    ),
    (
        "Lenovo said revenue for the three months to September rose 15% to US$20.5 bn.",
        "2025-11-21",
        "lenovo",
        "2025-Q3",
    ),
    (
        "Reliance Industries said net profit for the nine months to December rose 8% to "
        "Rs 52,000 crore.",
        "2026-01-20",
        "reliance",
        "2025-04/2025-12",
    ),
]


@pytest.mark.parametrize(("body", "published", "entity", "label"), ROWS)
def test_months_to(extract, body, published, entity, label) -> None:
    got = [e for e in extract(body, published=published) if e["type"] == "operating_result"]
    assert got
    assert all(e["entity"] == entity and e["when"]["label"] == label for e in got)
