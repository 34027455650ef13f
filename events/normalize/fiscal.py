"""Fiscal periods: "FY2026", "fiscal Q2 2024", "Q1 FY25", "1HFY25" -> calendar dates.

A fiscal year ending in month M is named by the calendar year in which it ends: with
M=9 (Apple), FY2024 runs 2023-10-01..2024-09-30 and its first quarter is
2023-10-01..2023-12-31. With M=12 fiscal equals calendar. Two-digit years are 20yy.
The company's own label comes back normalised: `FY2024`, `FY2024-Q2`, `FY2024-H1`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from events.errors import NormalizationError
from events.values import When

from ._dates import add_months, as_day, when_of
from ._lexicon import LEADING_RELATION, ordinal_of

_FY = r"(?:FY|F\.Y\.|(?i:fiscal)(?:[\s-]+(?i:year))?)"
_YEAR = r"['\u2019]?(?P<y>\d{4}|\d{2})(?:/(?P<y2>\d{4}|\d{2}))?(?!\d)"
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_PART = (
    r"(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<h2>[12])H"
    r"|(?:(?i:the)\s+)?(?P<ord>"
    + _ORD
    + r")[\s-]+(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half)))"
)

# Each form is its own regex so that group names can repeat. Order does not matter:
# callers keep the longest match.
FISCAL_PATTERNS: tuple[re.Pattern[str], ...] = (
    # FY2026, FY 2026, FY26, fiscal 2025, fiscal year 2025, FY2024/25
    re.compile(r"(?<![\w])(?:(?i:the)\s+)?" + _FY + r"[\s-]?" + _YEAR),
    # Q1 FY2025, 1QFY25, first quarter of fiscal 2025, fiscal Q1 of FY2025
    re.compile(
        r"(?<![\w])(?:(?i:fiscal)\s+)?"
        + _PART
        + r"\s*(?:(?i:of)\s+)?(?:(?i:the)\s+)?"
        + _FY
        + r"[\s-]?"
        + _YEAR
    ),
    # fiscal Q2 2024, fiscal second quarter of 2024, fiscal first-quarter 2025
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?i:fiscal)[\s-]+" + _PART + r"[\s-]*(?:(?i:of)\s+)?" + _YEAR
    ),
    # the second fiscal quarter of 2024
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?P<ord>"
        + _ORD
        + r")\s+(?i:fiscal)[\s-]+(?P<unit>(?i:quarter|half))"
        r"\s+(?:(?i:of)\s+)?" + _YEAR
    ),
    # FY25 Q1, FY2025-Q1, fiscal 2024 second quarter
    re.compile(r"(?<![\w])" + _FY + r"[\s-]?" + _YEAR + r"[\s-]*" + _PART),
    # the 2025 fiscal year
    re.compile(r"(?<![\w])(?:(?i:the)\s+)?(?P<y>\d{4})\s+(?i:fiscal)(?:\s+(?i:year))?(?![\w])"),
    # fiscal Q2, the fiscal second quarter (the year comes from the reference)
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?i:fiscal)[\s-]+" + _PART + r"(?![\w-])(?!\s+(?:of\s+)?\d)"
    ),
    # this / last / next fiscal year (or quarter)
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?P<rel>(?i:this|last|next|current|previous|prior|coming))"
        r"\s+(?i:fiscal)[\s-]+(?P<relunit>(?i:year|quarter))"
    ),
)


def _fy_start(fy: int, end_month: int) -> date:
    return date(fy, 1, 1) if end_month == 12 else date(fy - 1, end_month + 1, 1)


def _full_year(y: str, y2: str | None) -> int:
    year = int(y) if len(y) == 4 else 2000 + int(y)
    if y2:
        ending = int(y2) if len(y2) == 4 else (year // 100) * 100 + int(y2)
        if ending <= year:
            ending += 100 if len(y2) == 2 else 0
        year = ending
    return year


def _part_of(m: re.Match[str]) -> tuple[str, int] | None:
    """("Q", n) or ("H", n) from whichever part group matched, None for a whole year."""
    g = m.groupdict()
    if g.get("q") or g.get("q2"):
        return "Q", int(g.get("q") or g.get("q2"))
    if g.get("h") or g.get("h2"):
        return "H", int(g.get("h") or g.get("h2"))
    if g.get("ord"):
        n = ordinal_of(g["ord"])
        kind = "Q" if g["unit"].lower() == "quarter" else "H"
        if (kind == "Q" and n > 4) or (kind == "H" and n > 2):
            return None
        return kind, n
    return None


def _period(fy: int, part: tuple[str, int] | None, end_month: int) -> tuple[date, date, str]:
    start = _fy_start(fy, end_month)
    if part is None:
        return start, add_months(start, 12) - timedelta(days=1), f"FY{fy:04d}"
    kind, n = part
    length = 3 if kind == "Q" else 6
    first = add_months(start, length * (n - 1))
    return first, add_months(first, length) - timedelta(days=1), f"FY{fy:04d}-{kind}{n}"


def _fy_of_day(day: date, end_month: int) -> int:
    return day.year if day.month <= end_month else day.year + 1


def _yearless(part: tuple[str, int], end_month: int, reference: date) -> int:
    """The fiscal year whose `part` starts latest but no more than 3 months ahead."""
    ref_index = reference.year * 12 + reference.month
    base = _fy_of_day(reference, end_month)
    for fy in (base + 1, base, base - 1, base - 2):
        start, _, _ = _period(fy, part, end_month)
        if start.year * 12 + start.month - ref_index <= 3:
            return fy
    return base - 2  # pragma: no cover


def _relative(
    m: re.Match[str], end_month: int, reference: date
) -> tuple[int, tuple[str, int] | None]:
    shift = {"last": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1}.get(
        m["rel"].lower(), 0
    )
    fy = _fy_of_day(reference, end_month)
    if m["relunit"].lower() == "year":
        return fy + shift, None
    start = _fy_start(fy, end_month)
    months = (reference.year * 12 + reference.month) - (start.year * 12 + start.month)
    index = months // 3 + shift
    fy += index // 4
    return fy, ("Q", index % 4 + 1)


def fiscal_from_match(m: re.Match[str], end_month: int, reference: date) -> tuple[When, str]:
    """Calendar When and fiscal label for a match of one of FISCAL_PATTERNS."""
    g = m.groupdict()
    if g.get("rel"):
        fy, part = _relative(m, end_month, reference)
    else:
        part = _part_of(m)
        if g.get("y"):
            fy = _full_year(g["y"], g.get("y2"))
        elif part is not None:
            fy = _yearless(part, end_month, reference)
        else:
            raise ValueError("no fiscal year")
        if part is None and (g.get("ord") or g.get("q") or g.get("h")):
            raise ValueError("no such fiscal part")
    start, end, label = _period(fy, part, end_month)
    return when_of(start, end), label


def fiscal_to_when(
    label_text: str, fiscal_year_end_month: int, reference: date
) -> tuple[When, str]:
    """A fiscal period phrase -> (calendar When, the company's own label such as FY2024-Q2)."""
    if not isinstance(fiscal_year_end_month, int) or not 1 <= fiscal_year_end_month <= 12:
        raise NormalizationError(f"fiscal year end month must be 1-12: {fiscal_year_end_month!r}")
    reference = as_day(reference)
    if not isinstance(label_text, str):
        raise NormalizationError(f"not a fiscal period: {label_text!r}")
    text = label_text[LEADING_RELATION.match(label_text).end() :].strip()
    for pattern in FISCAL_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            try:
                return fiscal_from_match(m, fiscal_year_end_month, reference)
            except (ValueError, OverflowError) as exc:
                raise NormalizationError(f"not a valid fiscal period: {label_text!r}") from exc
    raise NormalizationError(f"not a fiscal period: {label_text!r}")
