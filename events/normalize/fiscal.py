"""Fiscal periods: "FY2026", "fiscal Q2 2024", "Q1 FY25", "1HFY25" -> calendar dates.

A fiscal year ending in month M is named by the calendar year in which it ends: with
M=9 (Apple, Siemens), FY2025 runs 2024-10-01..2025-09-30, its first quarter is
2024-10-01..2024-12-31 and its fourth 2025-07-01..2025-09-30. With M=3 (Toyota, Reliance,
Vodafone) FY26 / "fiscal year 2025-26" runs 2025-04-01..2026-03-31 and Q3 FY26 is
October-December 2025; with M=1 (Nvidia, Walmart, Dell) FY2026 ends in January 2026.
With M=12 fiscal equals calendar.

A few companies (Sony, SoftBank Group) name a fiscal year by the calendar year in which it
starts: Sony's FY2025 runs 2025-04-01..2026-03-31. `start_named=True` reads their labels.

"The year ending March 2026", "the financial year ended 31 March 2025", "the fiscal year
to September 2025" state the year end themselves: the month written wins over the
company's. Two-digit years are 20yy; "FY2025-26" and "FY2024/25" are the year ending in
the second. The company's own label comes back normalised: `FY2024`, `FY2024-Q2`,
`FY2024-H1`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from events.errors import NormalizationError
from events.values import When

from ._dates import add_months, as_day, when_of
from ._lexicon import LEADING_RELATION, MONTHS, ordinal_of

_FY = r"(?:FY|F\.Y\.|(?i:fiscal)(?:[\s-]+(?i:year))?|(?i:financial|business)[\s-]+(?i:year))"
# "2025", "25", "'25", "2024/25", "2025-26" (the dash only for consecutive years)
_YEAR = r"['\u2019]?(?P<y>\d{4}|\d{2})(?:(?P<sep>[/-])(?P<y2>\d{4}|\d{2}))?(?!\d)"
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_PART = (
    r"(?:F?Q(?P<q>[1-4])|F?(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<h2>[12])H"
    r"|(?:(?i:the)\s+)?(?P<ord>"
    + _ORD
    + r")[\s-]+(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half)))"
)
_MONTH_NAME = (
    r"(?i:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
    r"(?![A-Za-z])"
)
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"

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
    # the 2025 fiscal year, the 2024/25 financial year, the 2025-26 business year
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?P<y>\d{4})(?:(?P<sep>[/-])(?P<y2>\d{4}|\d{2}))?\s+"
        r"(?:(?i:fiscal)(?:\s+(?i:year))?|(?i:financial|business)\s+(?i:year))(?![\w])"
    ),
    # fiscal Q2, the fiscal second quarter (the year comes from the reference)
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?i:fiscal)[\s-]+" + _PART + r"(?![\w-])(?!\s+(?:of\s+)?\d)"
    ),
    # the fourth fiscal quarter, the second fiscal half (yearless)
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?P<ord>"
        + _ORD
        + r")\s+(?i:fiscal)[\s-]+(?P<unit>(?i:quarter|half))(?![\w-])(?!\s+(?:of\s+)?\d)"
    ),
    # FQ3, F2Q26, FQ2 2026, F3Q'25: broker shorthand for a fiscal quarter
    re.compile(
        r"(?<![\w])F(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)"
        r"(?:\s?['\u2019]?(?P<y>\d{4}|\d{2})(?!\d))?(?![\w-])"
    ),
    # the (fiscal) year ending March 2026, the financial year ended 31 March 2025, the year
    # to September 30, 2025, the fiscal year that ended in September: the year end is stated
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?:(?i:full)[\s-]+)?"
        r"(?:(?P<fw>(?i:fiscal|financial|business))[\s-]+)?(?P<eunit>(?i:year|twelve\s+months|12\s+months))"
        r"\s+(?:(?i:that|which)\s+)?(?P<ew>(?i:ending|ended|ends|to|through))"
        r"\s+(?:(?i:in|on)\s+)?"
        r"(?:(?P<eday>" + _DAY + r")\s+(?:(?i:of)\s+)?(?P<emon>" + _MONTH_NAME + r")"
        r"|(?P<emon2>" + _MONTH_NAME + r")(?:\s+(?P<eday2>" + _DAY + r")(?!\d))?)"
        r"(?:,?\s+(?P<y>\d{4})(?!\d))?"
    ),
    # this / last / next fiscal year (or quarter)
    re.compile(
        r"(?<![\w])(?:(?i:the)\s+)?(?P<rel>(?i:this|last|next|current|previous|prior|coming))"
        r"\s+(?i:fiscal)[\s-]+(?P<relunit>(?i:year|quarter))"
    ),
)


def _fy_start(fy: int, end_month: int) -> date:
    return date(fy, 1, 1) if end_month == 12 else date(fy - 1, end_month + 1, 1)


def _full_year(y: str, y2: str | None, sep: str | None = None) -> int:
    """ "2025" / "25" -> 2025; "2024/25" and "2025-26" name the year ending in the second.

    A dash joins only consecutive years: "fiscal 2025-2027" is a range, not a year.
    """
    year = int(y) if len(y) == 4 else 2000 + int(y)
    if y2:
        ending = int(y2) if len(y2) == 4 else (year // 100) * 100 + int(y2)
        if ending <= year:
            ending += 100 if len(y2) == 2 else 0
        if sep == "-" and ending != year + 1:
            raise ValueError("a dash joins consecutive fiscal years only")
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


def _label(fy: int, part: tuple[str, int] | None, end_month: int, start_named: bool) -> str:
    named = fy - 1 if start_named and end_month != 12 else fy
    return f"FY{named:04d}" if part is None else f"FY{named:04d}-{part[0]}{part[1]}"


def _period(fy: int, part: tuple[str, int] | None, end_month: int) -> tuple[date, date]:
    start = _fy_start(fy, end_month)
    if part is None:
        return start, add_months(start, 12) - timedelta(days=1)
    kind, n = part
    length = 3 if kind == "Q" else 6
    first = add_months(start, length * (n - 1))
    return first, add_months(first, length) - timedelta(days=1)


def _fy_of_day(day: date, end_month: int) -> int:
    return day.year if day.month <= end_month else day.year + 1


def _yearless(part: tuple[str, int], end_month: int, reference: date) -> int:
    """The fiscal year whose `part` starts latest but no more than 3 months ahead."""
    ref_index = reference.year * 12 + reference.month
    base = _fy_of_day(reference, end_month)
    for fy in (base + 1, base, base - 1, base - 2):
        start, _ = _period(fy, part, end_month)
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


def _month_of(name: str) -> int:
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS[key[:3]]


def _stated_end(m: re.Match[str], reference: date) -> tuple[When, str | None]:
    """ "the year ending March 2026": twelve months ending with the month written.

    Without a year, "ended" is the latest year end before the reference month; "ending",
    "to" and "through" take the nearer of that one and the next (the past on a tie):
    "the year to March" is the year just closed in May and the current one in November.
    The label is the fiscal year's (`FY2026`) when the text says fiscal / financial /
    business year, or says "year" with a year end other than December; "the twelve months
    to March 2026" and "the year ended December 31, 2024" are plain spans without one.
    """
    month = _month_of(m["emon"] or m["emon2"])
    if m["y"]:
        year = int(m["y"])
    else:
        ref_index = reference.year * 12 + reference.month
        past = reference.year if month < reference.month else reference.year - 1
        year = past
        if m["ew"].lower() != "ended" and (past + 1) * 12 + month - ref_index < ref_index - (
            past * 12 + month
        ):
            year = past + 1  # the coming year end is the nearer one
    end = add_months(date(year, month, 1), 1) - timedelta(days=1)
    start = add_months(end.replace(day=1), -11)
    fiscal = bool(m["fw"]) or (m["eunit"].lower() == "year" and month != 12)
    return when_of(start, end), (f"FY{year:04d}" if fiscal else None)


def fiscal_from_match(
    m: re.Match[str], end_month: int, reference: date, *, start_named: bool = False
) -> tuple[When, str | None]:
    """Calendar When and fiscal label for a match of one of FISCAL_PATTERNS.

    The label is None only for a span that states its own end without being a fiscal
    year ("the twelve months to March 2026").
    """
    g = m.groupdict()
    if g.get("eunit"):
        return _stated_end(m, reference)
    if g.get("rel"):
        fy, part = _relative(m, end_month, reference)
    else:
        part = _part_of(m)
        if g.get("y"):
            fy = _full_year(g["y"], g.get("y2"), g.get("sep"))
            if start_named and end_month != 12:
                fy += 1
        elif part is not None:
            fy = _yearless(part, end_month, reference)
        else:
            raise ValueError("no fiscal year")
        if part is None and (g.get("ord") or g.get("q") or g.get("h")):
            raise ValueError("no such fiscal part")
    start, end = _period(fy, part, end_month)
    return when_of(start, end), _label(fy, part, end_month, start_named)


def fiscal_to_when(
    label_text: str, fiscal_year_end_month: int, reference: date, *, start_named: bool = False
) -> tuple[When, str]:
    """A fiscal period phrase -> (calendar When, the company's own label such as FY2024-Q2).

    `fiscal_year_end_month` is the company's (the registry's `fiscal_year_end_month`);
    `start_named` is True for the few companies that name a fiscal year by the year it
    starts in (the registry's `fiscal_year_named_by == "start"`).
    """
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
                when, label = fiscal_from_match(
                    m, fiscal_year_end_month, reference, start_named=start_named
                )
            except (ValueError, KeyError, OverflowError) as exc:
                raise NormalizationError(f"not a valid fiscal period: {label_text!r}") from exc
            if label is None:
                break
            return when, label
    raise NormalizationError(f"not a fiscal period: {label_text!r}")
