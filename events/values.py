"""Value types shared by every event: money, quantities and periods (`when`).

They are frozen msgspec Structs so that they encode to stable bytes (content-addressed
event ids depend on it) and decode back exactly.
"""

from __future__ import annotations

from typing import Literal

import msgspec

Bound = Literal["exact", "at_least", "at_most", "approx"]


class Money(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """An amount in an ISO 4217 currency: `HK$53.5` is Money(amount=53.5, currency="HKD")."""

    amount: float
    currency: str
    amount_max: float | None = None  # upper end of a range ("RMB 32-33 billion")
    bound: Bound = "exact"


class Quantity(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """A count, percentage or amount with its precision: "over 410,000 units"."""

    value: float
    unit: str = "units"  # units, shares, pct, pp, vehicles, stores... or a currency code
    value_max: float | None = None
    bound: Bound = "exact"


class When(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A valid-time period: ISO start and end days and a label.

    Labels: `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`, or an interval `A/B`.
    """

    start: str
    end: str
    label: str

    @classmethod
    def day(cls, iso: str) -> When:
        return cls(start=iso, end=iso, label=iso)
