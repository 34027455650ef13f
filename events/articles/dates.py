"""Dates as news prints them: bylines, ISO stamps and the full dates inside a body.

Only full dates (day, month and year) count: "November 2025" or "2026" cannot date an
article. Dotted dates are day-first (`09.01.2026`) unless the year leads (`2025.01.03`);
slashed dates are accepted only year-first, since `01/09/2026` is ambiguous. An impossible
day (`31.02.2026`) is not a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import frozen

from events.articles.text import lower_like_ignorecase

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*(?:-|\u2013|\u2014|to|and|&)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<y>\d{4})"
# The patterns that open with a number say that no digit (or dot...) comes before it with a
# lookbehind placed after the number's first digit rather than in front of it: a pattern
# that starts with a digit lets the regex engine skip to the digits of a body, where one
# that starts with a lookbehind is tried at every character.
_LONE_YEAR = r"(?P<y>\d(?<![\d.\-/]\d)\d{3})"  # `(?<![\d.\-/])` + _YEAR
_LONE_DAY = r"(?P<d>\d(?<![\d.]\d)\d?)(?:st|nd|rd|th)?"  # `(?<![\d.])` + _DAY
_MONTH_FIRST = rf"\b{_MONTH}\s+{_DAY}{_DAY2},?\s+{_YEAR}(?!\d)"  # January 5-6, 2026
_MONTH_FIRST_PATTERN = re.compile(_MONTH_FIRST, re.IGNORECASE)
_MONTH_FIRST_LOWER = re.compile(_MONTH_FIRST)  # for lowercased text: lower_like_ignorecase
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
    for pattern in (
        rf"{_LONE_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d\-])",  # 2026-01-09
        rf"{_LONE_YEAR}[./](?P<m>\d{{1,2}})[./](?P<d>\d{{1,2}})(?![\d./])",  # 2025.01.03
        rf"{_LONE_DAY}\.(?P<m>\d{{1,2}})\.{_YEAR}(?!\d|\.\d)",  # 09.01.2026
        _MONTH_FIRST_PATTERN,
        rf"{_LONE_DAY}{_DAY2}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)",  # 9 January 2026
        # 2026年1月9日, with `(?<!\d)` before the year
        r"(?P<y>\d(?<!\d\d)\d{3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
    )
)
# How long the first run of digits of a match of each of _DATE_PATTERNS is: a year's 4
# or a day's 1 or 2 (what follows them cannot be a digit).
_FIRST_RUN_LENGTHS = ((4,), (4,), (1, 2), (1, 2), (1, 2), (4,))
_SEPARATOR = r"(?:T|\s*(?:[-\u2013\u2014|,\u00b7\u2022@]|at\b)?\s*)"
_TIME = re.compile(
    _SEPARATOR
    + r"(?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    + r"(?:\s*(?P<ampm>[ap])\.?m\.?(?![A-Za-z]))?",
    re.IGNORECASE,
)
# Abbreviations that name one zone; CST and IST are left out because they name several.
_ZONES: dict[str, int | str] = {
    "Z": 0,
    "UTC": 0,
    "GMT": 0,
    "ET": "America/New_York",
    "EST": -300,
    "EDT": -240,
    "CT": "America/Chicago",
    "CDT": -300,
    "PT": "America/Los_Angeles",
    "PST": -480,
    "PDT": -420,
    "CET": 60,
    "CEST": 120,
    "MEZ": 60,
    "MESZ": 120,
    "BST": 60,
    "HKT": 480,
    "SGT": 480,
    "JST": 540,
    "KST": 540,
}
_ZONE = re.compile(
    r"\s*(?:(?P<name>" + "|".join(_ZONES) + r")|(?:UTC|GMT)?(?P<offset>[+-]\d{2}:?\d{2}))"
    r"(?![A-Za-z\d])"
)
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_YEARS = range(1900, 2101)
_DIGITS = re.compile(r"\d\d*")  # not `\d+`, which the engine tries at every character


@frozen
class Stamp:
    """A date found in text, with the UTC moment when a time and a zone came with it."""

    day: date
    moment: datetime | None
    end: int  # offset just past the stamp in the text it was matched in
    timed: bool = False  # a time of day was read (even when its zone was not)

    @property
    def moment_iso(self) -> str | None:
        """The moment as `YYYY-MM-DDTHH:MM:SSZ`, the form Article.published_at stores."""
        if self.moment is None:
            return None
        return self.moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def match_stamp(text: str, pos: int = 0) -> Stamp | None:
    """The date (and time, and zone) starting exactly at `pos`, if there is one."""
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text, pos)
        if match is None or match.groupdict().get("d2") is not None:  # a range dates no single day
            continue
        day = _day(match)
        if day is not None:
            return _with_time(text, day, match.end())
    return None


def parse_stamp(value: str) -> Stamp | None:
    """A whole string that is one date or timestamp (front matter, --published)."""
    value = value.strip()
    if _ISO_STAMP.fullmatch(value):
        return _iso_stamp(value)
    stamp = match_stamp(value)
    if stamp is None or stamp.end != len(value):
        return None
    return stamp


def parse_iso(value: str) -> Stamp | None:
    """An ISO 8601 date or timestamp only (the form --published takes)."""
    value = value.strip()
    return _iso_stamp(value) if _ISO_STAMP.fullmatch(value) else None


def find_dates(text: str) -> list[date]:
    """Every full date written in the text; both ends of a range like "January 5-6, 2026"."""
    found: list[date] = []
    lower = lower_like_ignorecase(text)
    # Every date pattern but one starts at a run of digits, and that one (January 5, 2026)
    # at the word before the run of its day: finding the runs once, each pattern is only
    # tried there instead of at every character, and only at runs as long as its first.
    runs = [(match.start(), match.end() - match.start()) for match in _DIGITS.finditer(text)]
    dense = len(runs) > len(text) // 16  # tables of figures: scanning costs less than runs
    for pattern, lengths in zip(_DATE_PATTERNS, _FIRST_RUN_LENGTHS, strict=True):
        subject = text
        month_first = pattern is _MONTH_FIRST_PATTERN
        if month_first and lower is not None:
            pattern, subject = _MONTH_FIRST_LOWER, lower
        if dense:
            matches = pattern.finditer(subject)
        else:
            starts = [start for start, length in runs if length in lengths]
            if month_first:
                starts = sorted({w for run in starts if (w := _word_before(subject, run)) >= 0})
            matches = _finditer_at(pattern, subject, starts)
        for match in matches:
            found.extend(day for day in (_day(match), _day(match, "d2")) if day is not None)
    return found


def _finditer_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds when no match starts outside the sorted `starts`."""
    done = 0
    for start in starts:
        if start >= done:
            match = pattern.match(text, start)
            if match is not None:
                yield match
                done = match.end()


def _word_before(text: str, run: int) -> int:
    """Where the word starts that stands before `run` (then spaces, maybe after a full stop
    as in "Sept. 5"), or -1: the only place a month-first date with that day can start."""
    end = run
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == run:
        return -1
    if end > 0 and text[end - 1] == ".":
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start if start < end else -1


def _day(match: re.Match[str], day_group: str = "d") -> date | None:
    """The calendar date of a pattern match, or None when it names no real day."""
    groups = match.groupdict()
    if groups.get(day_group) is None:
        return None
    month = int(groups["m"]) if groups.get("m") else MONTHS[_month_name(groups["mon"])]
    year, day = int(groups["y"]), int(groups[day_group])
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_name(matched: str) -> str:
    """The MONTHS key of a month name the IGNORECASE patterns matched: they also take
    U+0130 and U+0131 for i and U+017F for s, which str.lower() does not make ASCII."""
    return matched.lower().replace("i\u0307", "i").translate(_FOLDED)


_FOLDED = str.maketrans({"\u0131": "i", "\u017f": "s"})


def _with_time(text: str, day: date, end: int) -> Stamp:
    """Extend a date with the time of day (and zone) that may follow it."""
    match = _TIME.match(text, end)
    clock = _clock(match) if match else None
    if match is None or clock is None:
        return Stamp(day=day, moment=None, end=end)
    zone_match = _ZONE.match(text, match.end())
    zone = _zone(zone_match, day) if zone_match else None
    end = zone_match.end() if zone_match and zone else match.end()
    moment = datetime.combine(day, clock, zone).astimezone(UTC) if zone else None
    return Stamp(day=day, moment=moment, end=end, timed=True)


def _clock(match: re.Match[str]) -> time | None:
    hour, minute, second = int(match["h"]), int(match["min"]), int(match["s"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _zone(match: re.Match[str], day: date) -> tzinfo | None:
    if match["offset"]:
        digits = match["offset"].replace(":", "")
        minutes = int(digits[1:3]) * 60 + int(digits[3:5])
        if minutes >= 24 * 60:
            return None
        return timezone(timedelta(minutes=-minutes if digits[0] == "-" else minutes))
    zone = _ZONES[match["name"]]
    if isinstance(zone, int):
        return timezone(timedelta(minutes=zone))
    try:
        return ZoneInfo(zone)
    except ZoneInfoNotFoundError:  # no tz database on this machine: keep the date only
        return None


def _iso_stamp(value: str) -> Stamp | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.year not in _YEARS:
        return None
    timed = len(value) > 10
    moment = parsed.astimezone(UTC) if timed and parsed.tzinfo else None
    return Stamp(day=parsed.date(), moment=moment, end=len(value), timed=timed)
