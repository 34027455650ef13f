"""Normalisation: money, quantities, periods and durations read out of news text.

Every `find_*` reader takes a sentence (or any text), never raises, and returns matches
with character offsets into that text, in text order. Every `parse_*` / `resolve_*`
function takes a phrase that must be exactly one value and raises `NormalizationError`
otherwise.
"""

from __future__ import annotations

from .durations import DurationMatch, find_durations
from .fiscal import fiscal_to_when
from .money import MoneyMatch, find_money, parse_money
from .periods import (
    PeriodMatch,
    clamp_to,
    find_periods,
    label_to_when,
    parse_iso_date,
    resolve_period,
)
from .quantity import QuantityMatch, find_quantities, parse_percent, parse_quantity

__all__ = [
    "DurationMatch",
    "MoneyMatch",
    "PeriodMatch",
    "QuantityMatch",
    "clamp_to",
    "find_durations",
    "find_money",
    "find_periods",
    "find_quantities",
    "fiscal_to_when",
    "label_to_when",
    "parse_iso_date",
    "parse_money",
    "parse_percent",
    "parse_quantity",
    "resolve_period",
]
