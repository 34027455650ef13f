"""Calendar arithmetic and `When` labels: the pieces every period reader builds on.

Labels are `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD` or an interval `A/B`
of two of those. `span_label` picks the most specific label for a run of days, so that
a fiscal quarter that happens to be a calendar quarter is labelled `2023-Q4` and the
middle of a year is `2025-05/2025-08`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from events.errors import NormalizationError
from events.values import When

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LABEL = re.compile(
    r"(?P<y>\d{4})(?:-(?:H(?P<h>[12])|Q(?P<q>[1-4])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?"
)


def as_day(value: date) -> date:
    """A datetime counts as its calendar day; anything else that is not a date is a bug."""
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
    return value


def parse_iso_date(text: str) -> date:
    """A strict ISO day `YYYY-MM-DD`; NormalizationError for anything else."""
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text):
        raise NormalizationError(f"not an ISO date (YYYY-MM-DD): {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise NormalizationError(f"not a valid date: {text!r}") from exc


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` without the weekday it also works out."""
    if not 1 <= month <= 12:
        return calendar.monthrange(year, month)[1]  # raises as it always did
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


def _pad(number: int, width: int) -> str:
    """`f"{number:0{width}d}"`: zfill is several times faster than a format spec."""
    return str(number).zfill(width)


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, _month_days(year, month))


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clipped to the month's end (Jan 31 + 1 month = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _month_days(year, month)))


def add_years(day: date, years: int) -> date:
    """Same day `years` later; Feb 29 becomes Feb 28 in a common year."""
    return add_months(day, 12 * years)


def when_of(start: date, end: date, label: str | None = None) -> When:
    """A When over [start, end] with the most specific label unless one is given."""
    if end < start:
        raise ValueError("period ends before it starts")
    return When(start=start.isoformat(), end=end.isoformat(), label=label or span_label(start, end))


def year_when(year: int) -> When:
    if not 1 <= year <= 9999:
        raise ValueError(f"year out of range: {year}")
    label = _pad(year, 4)
    return When(start=label + "-01-01", end=label + "-12-31", label=label)


def half_when(year: int, half: int) -> When:
    start = date(year, 1 if half == 1 else 7, 1)
    end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return When(start=start.isoformat(), end=end.isoformat(), label=f"{_pad(year, 4)}-H{half}")


def quarter_when(year: int, quarter: int) -> When:
    first = 3 * quarter - 2
    start = date(year, first, 1)
    end = month_end(year, first + 2)
    return When(start=start.isoformat(), end=end.isoformat(), label=f"{_pad(year, 4)}-Q{quarter}")


def month_when(year: int, month: int) -> When:
    start = date(year, month, 1)
    end = month_end(year, month)
    return When(
        start=start.isoformat(), end=end.isoformat(), label=f"{_pad(year, 4)}-{_pad(month, 2)}"
    )


def day_when(day: date) -> When:
    iso = day.isoformat()
    return When(start=iso, end=iso, label=iso)


def _unit_label(start: date, end: date) -> str | None:
    """The single-unit label (year, half, quarter, month, day) for [start, end], if any."""
    if start == end:
        return start.isoformat()
    if start.day != 1 or end != month_end(end.year, end.month) or start.year != end.year:
        return None
    y, m1, m2 = start.year, start.month, end.month
    if m1 == 1 and m2 == 12:
        return _pad(y, 4)
    if m2 - m1 == 5 and m1 in (1, 7):
        return f"{_pad(y, 4)}-H{1 if m1 == 1 else 2}"
    if m2 - m1 == 2 and m1 % 3 == 1:
        return f"{_pad(y, 4)}-Q{(m1 + 2) // 3}"
    if m1 == m2:
        return f"{_pad(y, 4)}-{_pad(m1, 2)}"
    return None


def span_label(start: date, end: date) -> str:
    """The most specific label for [start, end]: one unit, whole months, else days."""
    unit = _unit_label(start, end)
    if unit:
        return unit
    if start.day == 1 and end == month_end(end.year, end.month):
        return start.isoformat()[:7] + "/" + end.isoformat()[:7]
    return f"{start.isoformat()}/{end.isoformat()}"


def interval(first: When, last: When) -> When:
    """From the start of `first` to the end of `last`, labelled `A/B`."""
    if last.end < first.start:
        raise ValueError("interval ends before it starts")
    if first.label == last.label:
        return first
    head, tail = first.label.split("/")[0], last.label.split("/")[-1]
    return When(start=first.start, end=last.end, label=f"{head}/{tail}")


def _single_label(label: str) -> When:
    m = _LABEL.fullmatch(label)
    if not m:
        raise NormalizationError(f"not a period label: {label!r}")
    try:
        year = int(m["y"])
        if m["h"]:
            return half_when(year, int(m["h"]))
        if m["q"]:
            return quarter_when(year, int(m["q"]))
        if m["d"]:
            return day_when(date(year, int(m["m"]), int(m["d"])))
        if m["m"]:
            return month_when(year, int(m["m"]))
        return year_when(year)
    except ValueError as exc:
        raise NormalizationError(f"not a valid period label: {label!r}") from exc


def label_to_when(label: str) -> When:
    """The When a label names: "2025-Q3" -> 2025-07-01..2025-09-30; "A/B" spans A to B."""
    if not isinstance(label, str):
        raise NormalizationError(f"not a period label: {label!r}")
    if "/" in label:
        first, _, last = label.partition("/")
        a, b = _single_label(first), _single_label(last)
        if b.end < a.start:
            raise NormalizationError(f"period label ends before it starts: {label!r}")
        return When(start=a.start, end=b.end, label=label)
    return _single_label(label)


def clamp_to(when: When, reported: date) -> When:
    """A past fact cannot end after it was reported: end=min(end, reported), start<=end.

    When nothing changes the When is returned as is; otherwise the label becomes the
    day interval `start/end` (a single day when start and end meet).
    """
    end = min(date.fromisoformat(when.end), as_day(reported))
    start = min(date.fromisoformat(when.start), end)
    if start.isoformat() == when.start and end.isoformat() == when.end:
        return when
    label = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return When(start=start.isoformat(), end=end.isoformat(), label=label)


def nearest_year(month: int, reference: date, ahead_months: int = 3) -> int:
    """The year for a month (or month-day) written without one.

    News speaks mostly of the recent past: take the latest year in which the date is no
    more than `ahead_months` calendar months after the reference month. "December 30" in
    an article of 2026-01-09 is 2025-12-30; "January 8" is 2026-01-08; "April" in that
    article is the coming April 2026 (the brief's "~2 months" widened to three calendar
    months because "from April onward" in a January article means the coming April).
    """
    ref_index = reference.year * 12 + reference.month
    for year in (reference.year + 1, reference.year, reference.year - 1):
        if year * 12 + month - ref_index <= ahead_months:
            return year
    return reference.year - 1  # pragma: no cover - one of the three always qualifies


def week_start(day: date) -> date:
    """Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())
