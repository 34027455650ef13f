"""The phrases `find_periods` knows, one compiled regex and one small reader each.

Each reader turns a match into a `Cand` (candidate) or None. Candidates are raw: the
pipeline in `periods.py` then keeps the longest non-overlapping ones, applies "the end
of" / "mid-" / "late", lends years to yearless mentions, joins "from A to B" and reads
the preposition in front.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from events.values import When

from ._dates import (
    add_months,
    add_years,
    day_when,
    half_when,
    month_end,
    month_when,
    nearest_year,
    quarter_when,
    span_label,
    week_start,
    when_of,
    year_when,
)
from ._lexicon import MONTHS, WEEKDAYS, ordinal_of, split_words
from ._numbers import NUM, WORDNUM, decimal_of
from .fiscal import FISCAL_PATTERNS, fiscal_from_match


@dataclass(slots=True)
class Cand:
    """One period mention before selection and context rules."""

    start: int
    end: int
    base: When
    kind: str  # year, half, quarter, month, day, days, relative, fiscal, interval
    year: int | None = None  # the year this mention states, lent to yearless neighbours
    rebuild: Callable[[int], When] | None = None  # yearless: the same mention in a given year
    modifier: str | None = None  # end, start, mid, early, late (from the words in front)
    fiscal: str | None = None
    joined: bool = False  # "from A to B" / "between A and B": the span holds the preposition
    endish: bool = False  # "the end of 2025", "late 2026", "year-end": "by" widens it
    parent: When | None = None  # what "by" widens an end-ish mention to


Reader = Callable[[re.Match[str], date], "Cand | list[Cand] | None"]


class Rule(NamedTuple):
    """A phrase pattern, its reader, and what to check around it.

    Most rules are tried only where a digit run, "Q1"/"H1" or a month name starts (one
    cheap scan finds those anchors); the rest are scanned only when one of their words
    occurs. A sentence then costs a few full regex scans instead of forty.
    """

    pattern: re.Pattern[str]
    reader: Reader
    words: tuple[str, ...] = ()  # scan rules: one must occur (lowercase: in any case)
    month: bool = False  # a month name must occur in the text
    after: str = ""  # digit rules: the character after the digits must be one of these
    also: tuple[str, ...] = ()  # scan rules: and one of these must occur too (lowercase)
    the: bool = False  # a "the" just in front belongs to the mention
    weekday: bool = False  # a weekday just in front belongs to the mention


# ---------------------------------------------------------------------------- lexicon


def _month_trie(upper: bool) -> str:
    """A prefix tree ("Jan(?:uary|\\.)?|...") scans far faster than fifty alternatives."""
    parts = []
    for full in split_words(
        "january february march april may june july august september october november december"
    ):
        head, rest = full[:3].title(), full[3:]
        if upper:
            head, rest = head.upper(), rest.upper()
        if not rest:
            parts.append(head)
        elif full == "september":
            t = "T" if upper else "t"
            parts.append(f"{head}(?:{rest}|{t}\\.?|\\.)?")
        else:
            parts.append(f"{head}(?:{rest}|\\.)?")
    return "|".join(parts)


MONTH = "(?:" + _month_trie(False) + "|" + _month_trie(True) + r")(?![A-Za-z])"
_WEEKDAY_FULL = "(?:" + "|".join(f"{w.title()}|{w.upper()}" for w in WEEKDAYS) + r")(?![A-Za-z])"
_WEEKDAY_ANY = (
    r"(?:" + _WEEKDAY_FULL + r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?![A-Za-z]))"
)
# Read backwards from a match: "Monday, January 5", "last Monday", "the third quarter".
WEEKDAY_BEFORE = re.compile(r"(?<![\w-])" + _WEEKDAY_ANY + r",?\s+(?:the\s+)?$")
_WEEKDAY_REL = re.compile(r"(?<![\w-])(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+$")
THE_BEFORE = re.compile(r"(?<![\w-])[Tt]he\s+$")
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d])"
_YEAR = r"\d{4}(?![\d])(?![.,]\d)"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." -> 9)."""
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS[key[:3]]


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def year_of_phrase(phrase: str, reference: date) -> int:
    """2025 -> 2025; "last year" -> reference year - 1; "the year" -> reference year."""
    p = phrase.lower()
    if p[:4].isdigit():
        return int(p[:4])
    if any(w in p for w in ("last", "previous", "prior", "past")):
        return reference.year - 1
    if "next" in p or "coming" in p:
        return reference.year + 1
    return reference.year


# ---------------------------------------------------------------------------- readers


def _day_cand(m: re.Match[str], y: int, mo: int, d: int) -> Cand:
    return Cand(m.start(), m.end(), day_when(date(y, mo, d)), "day", year=y)


def _iso(m: re.Match[str], ref: date) -> Cand:
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


def _dmy(m: re.Match[str], ref: date) -> Cand:
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


def _slashed(m: re.Match[str], ref: date) -> Cand:
    """US order M/D/Y unless the first number cannot be a month."""
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    mo, d = (a, b) if a <= 12 else (b, a)
    return _day_cand(m, y, mo, d)


def _days_in(mo: int, d1: int, d2: int | None, year: int | None, ref: date) -> When:
    y = year if year is not None else nearest_year(mo, ref)
    first = date(y, mo, d1)
    if d2 is None:
        return day_when(first)
    last = date(y, mo, d2)
    return when_of(first, last, f"{first.isoformat()}/{last.isoformat()}")


def _month_day(m: re.Match[str], ref: date) -> Cand:
    mo = month_number(m["mon"])
    d1 = _day_number(m["d"])
    d2 = _day_number(m["d2"]) if m["d2"] else None
    if d2 is not None and d2 <= d1:
        raise ValueError("day range runs backwards")
    year = int(m["y"]) if m["y"] else None
    when = _days_in(mo, d1, d2, year, ref)
    cand = Cand(m.start(), m.end(), when, "day", year=year)
    if year is None:
        cand.rebuild = lambda y: _days_in(mo, d1, d2, y, ref)
    return cand


def _cross_month(m: re.Match[str], ref: date) -> Cand:
    mo1, mo2 = month_number(m["mon"]), month_number(m["mon2"])
    d1, d2 = _day_number(m["d"]), _day_number(m["d2"])
    y2 = int(m["y"]) if m["y"] else nearest_year(mo2, ref)
    y1 = y2 if (mo1, d1) <= (mo2, d2) else y2 - 1
    first, last = date(y1, mo1, d1), date(y2, mo2, d2)
    when = when_of(first, last, f"{first.isoformat()}/{last.isoformat()}")
    return Cand(m.start(), m.end(), when, "day", year=int(m["y"]) if m["y"] else None)


def _month_year(m: re.Match[str], ref: date) -> Cand:
    y = int(m["y"])
    return Cand(m.start(), m.end(), month_when(y, month_number(m["mon"])), "month", year=y)


def _month_range(m: re.Match[str], ref: date) -> Cand:
    mo1, mo2 = month_number(m["mon"]), month_number(m["mon2"])
    y2 = int(m["y"])
    y1 = y2 if mo1 <= mo2 else y2 - 1
    when = when_of(date(y1, mo1, 1), month_end(y2, mo2))
    return Cand(m.start(), m.end(), when, "month", year=y2)


_BARE_MONTH_CONTEXT = re.compile(
    r"(?i:(?<![\w])(?:in|on|since|from|by|until|till|through|before|after|during|between|"
    r"early|mid|late|end\s+of|beginning\s+of|start\s+of|and|or|to|of|starting|"
    r"throughout|last|next|this|for|at|as\s+of)|[-\u2013])\s*$"
)


# "Jan-Nov", "Jan. through Nov.": a month that opens a range of months is a month.
_MONTH_RANGE_AFTER = re.compile(r"\s*(?:[-\u2013]|\s(?:to|through|until)\s)\s*" + MONTH)


def _bare_month(m: re.Match[str], ref: date) -> Cand | None:
    """A month without day or year: the nearest one (see `nearest_year`)."""
    name = m["mon"].rstrip(".")
    text = m.string
    ambiguous = (len(name) <= 4 and name.lower() not in ("june", "july")) or name.lower() in (
        "may",
        "march",
    )  # abbreviations, "May" and "March" are also plain words: only after "in", "since"...
    if (
        ambiguous
        and not _BARE_MONTH_CONTEXT.search(text, max(0, m.start() - 12), m.start())
        and not _MONTH_RANGE_AFTER.match(text, m.end())
    ):
        return None
    mo = month_number(name)
    y = nearest_year(mo, ref)
    return Cand(
        m.start(), m.end(), month_when(y, mo), "month", rebuild=lambda yy: month_when(yy, mo)
    )


_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?i:units?|vehicles?|cars?|shares?|stores?|employees?|people|orders?|users?|"
    r"customers?|workers?|staff|jobs|stocks?|items?|pieces?)\b"
)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹₩]|\b[A-Z]{3}|\bRmb|\bRs\.?)\s?$")


def _year(m: re.Match[str], ref: date) -> Cand | None:
    text = m.string
    start = m.start("y")
    if _COUNT_NOUN_AFTER.match(text, m.end()) or _MONEY_BEFORE.search(
        text, max(0, start - 5), start
    ):
        return None
    y = int(m["y"])
    return Cand(m.start(), m.end(), year_when(y), "year", year=y)


def _year_range(m: re.Match[str], ref: date) -> Cand | None:
    """ "2026-2030", "2026-30", "2026 through 2030" ("from 2026 to 2030" is joined later).

    "2025-12" is December 2025 (an ISO month), not 2025-2012 nor 2025-2112.
    """
    y1 = int(m["y"])
    raw = m["y2"]
    if len(raw) == 2 and 1 <= int(raw) <= 12:
        return None
    y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
    if y2 <= y1:
        return None
    when = when_of(date(y1, 1, 1), date(y2, 12, 31), f"{y1:04d}/{y2:04d}")
    return Cand(m.start(), m.end(), when, "interval", year=y2)


def _iso_month(m: re.Match[str], ref: date) -> Cand:
    y = int(m["y"])
    return Cand(m.start(), m.end(), month_when(y, int(m["m"])), "month", year=y)


def _short_year(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("y"):
        return int(g["y"])
    if g.get("yy"):
        return 2000 + int(g["yy"])
    return None


def _unit_cand(m: re.Match[str], ref: date, kind: str, n: int, year: int | None) -> Cand:
    build = (lambda y: quarter_when(y, n)) if kind == "quarter" else (lambda y: half_when(y, n))
    if year is not None:
        return Cand(m.start(), m.end(), build(year), kind, year=year)
    first_month = 3 * n - 2 if kind == "quarter" else 6 * n - 5
    return Cand(m.start(), m.end(), build(nearest_year(first_month, ref)), kind, rebuild=build)


def _quarter_short(m: re.Match[str], ref: date) -> Cand:
    return _unit_cand(m, ref, "quarter", int(m["q"]), _short_year(m))


def _half_short(m: re.Match[str], ref: date) -> Cand:
    return _unit_cand(m, ref, "half", int(m["h"]), _short_year(m))


def _phrase_year(m: re.Match[str], ref: date) -> int | None:
    g = m.groupdict()
    if g.get("y"):
        return int(g["y"])
    if g.get("yr"):
        return year_of_phrase(g["yr"], ref)
    return None


def _previous_quarter(ref: date, shift: int) -> When:
    index = ref.year * 4 + (ref.month - 1) // 3 + shift
    return quarter_when(index // 4, index % 4 + 1)


def _quarter_words(m: re.Match[str], ref: date) -> Cand | None:
    word = m["ord"].lower()
    year = _phrase_year(m, ref)
    if word in ("last", "final"):
        if year is None and word == "last":
            return Cand(m.start(), m.end(), _previous_quarter(ref, -1), "relative")
        return _unit_cand(m, ref, "quarter", 4, year)
    return _unit_cand(m, ref, "quarter", ordinal_of(word), year)


_HALF_WORDS = {"first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2, "latter": 2, "back": 2}


def _half_words(m: re.Match[str], ref: date) -> Cand:
    return _unit_cand(m, ref, "half", _HALF_WORDS[m["ord"].lower()], _phrase_year(m, ref))


def _first_months(m: re.Match[str], ref: date) -> Cand | None:
    n = int(decimal_of(m["n"]))
    if not 1 <= n <= 12:
        return None
    year = _phrase_year(m, ref)

    def build(y: int) -> When:
        return when_of(date(y, 1, 1), month_end(y, n))

    if year is not None:
        return Cand(m.start(), m.end(), build(year), "interval", year=year)
    # Yearless: the year whose n-th month is nearest (see `nearest_year`), so that "the
    # first eleven months" in a December article is January-November of that year.
    return Cand(m.start(), m.end(), build(nearest_year(n, ref)), "interval", rebuild=build)


_SPAN_MONTHS = {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9}


_PART_BEFORE = re.compile(
    r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th|fiscal|financial|latest|same)[\s-]*$",
    re.IGNORECASE,
)


def _months_to(m: re.Match[str], ref: date) -> Cand | None:
    """ "the three months to September", "six months ended September 30, 2025", "the quarter
    to December", "the half-year to June": the n months
    that end with the month named (in the nearest such year not after the reference)."""
    if m["unit"] and _PART_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # "its fiscal first quarter ended December 27": the fiscal part's rule
    # "the quarter to December", "the half-year ended June 30"
    unit = (m["unit"] or "").lower()
    n = _SPAN_MONTHS[m["n"].lower()] if not unit else 3 if unit == "quarter" else 6
    mo = month_number(m["mon"])
    y = int(m["y"]) if m["y"] else nearest_year(mo, ref, ahead_months=0)
    start = add_months(date(y, mo, 1), -(n - 1))
    return Cand(m.start(), m.end(), when_of(start, month_end(y, mo)), "interval", year=y)


def _ytd_through(m: re.Match[str], ref: date) -> Cand | None:
    """ "year to date through November", "so far this year, through the end of October":
    January 1 to the end of the month (or the day) named, in the nearest such year."""
    mo = month_number(m["mon"])
    y = int(m["y"]) if m["y"] else nearest_year(mo, ref, ahead_months=0)
    last = date(y, mo, _day_number(m["d"])) if m["d"] else month_end(y, mo)
    return Cand(m.start(), m.end(), when_of(date(y, 1, 1), last), "interval", year=y)


def _coordinated(m: re.Match[str], ref: date) -> list[Cand] | None:
    """ "the first and second half of 2026" -> one mention per ordinal, both in 2026."""
    kind = "quarter" if m["unit"].lower().startswith("quarter") else "half"
    year = year_of_phrase(m["yr"], ref)
    n1, n2 = ordinal_of(m["o1"]), ordinal_of(m["o2"])
    limit = 4 if kind == "quarter" else 2
    if not (1 <= n1 <= limit and 1 <= n2 <= limit):
        return None
    build = quarter_when if kind == "quarter" else half_when
    return [
        Cand(m.start(), m.end("o1"), build(year, n1), kind, year=year),
        Cand(m.start("o2"), m.end(), build(year, n2), kind, year=year),
    ]


def _year_words(m: re.Match[str], ref: date) -> Cand:
    """mid-year, year-end, the end / beginning of the year, year-to-date, earlier this year."""
    y = int(m["wy"]) if m["wy"] else ref.year
    if m["mid"]:
        return Cand(m.start(), m.end(), when_of(date(y, 5, 1), date(y, 8, 31)), "year", year=y)
    if m["yend"]:
        return Cand(
            m.start(), m.end(), day_when(date(y, 12, 31)), "day", endish=True, parent=year_when(y)
        )
    if m["ystart"]:
        return Cand(m.start(), m.end(), day_when(date(y, 1, 1)), "day")
    return Cand(m.start(), m.end(), when_of(date(ref.year, 1, 1), ref), "days")


def _earlier_later(m: re.Match[str], ref: date) -> Cand:
    unit = m["u"].lower()
    if unit == "year":
        first, last = date(ref.year, 1, 1), date(ref.year, 12, 31)
    elif unit == "quarter":
        q = quarter_when(ref.year, (ref.month - 1) // 3 + 1)
        first, last = date.fromisoformat(q.start), date.fromisoformat(q.end)
    elif unit == "week":
        first = week_start(ref)
        last = first + timedelta(days=6)
    else:
        first, last = date(ref.year, ref.month, 1), month_end(ref.year, ref.month)
    if m["el"].lower() == "earlier":
        return Cand(m.start(), m.end(), when_of(first, ref), "days")
    return Cand(m.start(), m.end(), when_of(ref, last), "days")


def _unit_when(unit: str, ref: date, shift: int) -> When:
    if unit == "year":
        return year_when(ref.year + shift)
    if unit == "quarter":
        return _previous_quarter(ref, shift)
    if unit == "month":
        d = add_months(date(ref.year, ref.month, 1), shift)
        return month_when(d.year, d.month)
    first = week_start(ref) + timedelta(days=7 * shift)
    last = first + timedelta(days=6)
    return when_of(first, last, f"{first.isoformat()}/{last.isoformat()}")


def _rolling(ref: date, unit: str, n: int, back: bool) -> When:
    if unit in ("year", "decade"):
        other = add_years(
            ref,
            -n * (10 if unit == "decade" else 1) if back else n * (10 if unit == "decade" else 1),
        )
    elif unit in ("month", "quarter"):
        months = n * (3 if unit == "quarter" else 1)
        other = add_months(ref, -months if back else months)
    else:
        days = n * (7 if unit == "week" else 1)
        other = ref - timedelta(days=days) if back else ref + timedelta(days=days)
    first, last = (other, ref) if back else (ref, other)
    return when_of(first, last, f"{first.isoformat()}/{last.isoformat()}")


def _relative_unit(m: re.Match[str], ref: date) -> Cand:
    """this/last/next year (quarter, month, week); "the past year" is the last 12 months."""
    rel = m["rel"].lower()
    unit = m["u"].lower()
    the = THE_BEFORE.search(m.string, max(0, m.start() - 4), m.start())
    if the and rel in ("past", "last") and unit != "quarter":
        return Cand(m.start(), m.end(), _rolling(ref, unit, 1, back=True), "relative")
    shift = {
        "this": 0,
        "current": 0,
        "last": -1,
        "previous": -1,
        "prior": -1,
        "past": -1,
        "next": 1,
        "coming": 1,
    }[rel]
    when = _unit_when(unit, ref, shift)
    year = ref.year + shift if unit == "year" else None
    return Cand(m.start(), m.end(), when, "year" if unit == "year" else "relative", year=year)


_DIR_BACK = {"past", "last", "previous", "prior"}


def _n_units(m: re.Match[str], ref: date) -> Cand | None:
    """ "the next five years", "the past four years", "the previous five-year period"."""
    unit = m["u"].lower().rstrip("s")
    if not m["n"] and unit != "decade":
        return None  # "last year", "the past year": see _relative_unit
    n = int(decimal_of(m["n"])) if m["n"] else 1
    if n < 1:
        return None
    back = m["dir"].lower() in _DIR_BACK
    return Cand(m.start(), m.end(), _rolling(ref, unit, n, back), "relative")


def _ago(m: re.Match[str], ref: date) -> Cand:
    word = m["n"].lower()
    n = 1 if word in ("a", "an") else int(decimal_of(word))
    unit = m["u"].lower().rstrip("s")
    if unit == "year":
        return Cand(m.start(), m.end(), year_when(ref.year - n), "year", year=ref.year - n)
    if unit == "month":
        d = add_months(date(ref.year, ref.month, 1), -n)
        return Cand(m.start(), m.end(), month_when(d.year, d.month), "month", year=d.year)
    days = n * (7 if unit == "week" else 1)
    return Cand(m.start(), m.end(), day_when(ref - timedelta(days=days)), "day")


def _deictic(m: re.Match[str], ref: date) -> Cand:
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(0).lower()]
    return Cand(m.start(), m.end(), day_when(ref + timedelta(days=shift)), "day")


def _weekday(m: re.Match[str], ref: date) -> Cand:
    """The most recent such weekday on or before the reference ("last": strictly before)."""
    target = WEEKDAYS[m["wd"].lower()]
    before = _WEEKDAY_REL.search(m.string, max(0, m.start() - 6), m.start())
    rel = before["rel"].lower() if before else ""
    start = before.start() if before else m.start()
    back = (ref.weekday() - target) % 7
    if rel == "next":
        ahead = (target - ref.weekday()) % 7 or 7
        day = ref + timedelta(days=ahead)
    elif rel == "last" and back == 0:
        day = ref - timedelta(days=7)
    else:
        day = ref - timedelta(days=back)
    return Cand(start, m.end(), day_when(day), "day")


def _is_trading_day(day: date) -> bool:
    return day.weekday() < 5 and not (day.month == 1 and day.day == 1)


def _nth_trading_day(first: date, last: date, n: int, from_end: bool) -> date | None:
    """The nth trading day of [first, last] (counted back from `last` when `from_end`),
    found by walking the days one by one instead of listing the whole span."""
    span = range((last - first).days + 1)
    days = (
        (last - timedelta(days=i) for i in span)
        if from_end
        else (first + timedelta(days=i) for i in span)
    )
    for day in days:
        if _is_trading_day(day):
            n -= 1
            if n == 0:
                return day
    return None


def _trading_day(m: re.Match[str], ref: date) -> Cand | None:
    """The Nth trading day: weekdays other than January 1 (no exchange holiday calendar)."""
    if m["mon"]:
        mo = month_number(m["mon"])
        y = int(m["my"]) if m["my"] else nearest_year(mo, ref)
        first, last = date(y, mo, 1), month_end(y, mo)
    else:
        y = int(m["y"]) if m["y"] else year_of_phrase(m["yp"], ref)
        first, last = date(y, 1, 1), date(y, 12, 31)
    word = m["ord"].lower()
    from_end = word in ("last", "final")
    n = 1 if from_end else ordinal_of(word)
    day = _nth_trading_day(first, last, n, from_end) if n >= 1 else None
    if day is None:
        return None
    return Cand(m.start(), m.end(), day_when(day), "day", year=y)


def _fiscal(m: re.Match[str], ref: date) -> Cand:
    """Without the company's fiscal calendar a fiscal label is read as calendar periods;
    a phrase that states its year end ("the year ending March 2026") is placed exactly."""
    when, label = fiscal_from_match(m, 12, ref)
    year = int(when.end[:4])
    return Cand(m.start(), m.end(), when, "fiscal", year=year, fiscal=label)


# ---------------------------------------------------------------------------- table

_WORDN = r"(?:" + NUM + r"|" + WORDNUM + r")"
_FIRST_N = r"(?:three|six|nine|four|five|seven|eight|ten|eleven|two|\d{1,2})"
_YTD = (
    r"(?:[Yy]ear[\s-]to[\s-]date|YTD|[Ss]o\s+far\s+this\s+year|[Tt]his\s+year\s+so\s+far"
    r"|[Ss]ince\s+January(?:\s+1)?|(?:[Ss]ince|[Ff]rom)\s+the\s+(?:start|beginning)\s+of\s+the\s+year)"
)
_ORD4C = r"(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)"
_YEAR_PHRASE_C = (
    r"(?:\d{4}(?!\d)|(?:[Tt]he\s+)?(?:this|last|next|current|previous|prior|coming|past)\s+year"
    r"|the\s+year)(?![\w-])"
)


# Any of these lets the fiscal readers run ("FY" and the "FQ3" / "F2Q26" shorthands only
# as written; "year to" / "year end" for "the year to March 2026", "the year ending ...").
_FISCAL_WORDS = (
    "fiscal",
    "financial year",
    "business year",
    "year end",
    "year to",
    "year that",
    "year which",
    "year through",
    "months to",
    "months end",
    "FY",
    "F.Y.",
    "FQ",
    "F1Q",
    "F2Q",
    "F3Q",
    "F4Q",
)


def _r(pattern: str, reader: Reader, **gates: object) -> Rule:
    return Rule(re.compile(pattern), reader, **gates)  # type: ignore[arg-type]


# Rules tried with `match` where a four-digit run starts.
DIGIT4_RULES: tuple[Rule, ...] = (
    _r(
        r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])",
        _iso,
        after="-",
    ),
    _r(
        r"(?<![\w.])(?P<y>\d{4})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])",
        _iso,
        after="./",
    ),
    _r(
        r"(?<![\w.,$€£¥₹₩#/])(?<!\d-)(?P<y>(?:1[89]|2[01])\d{2})(?![\w])(?![.,]\d)(?!-\d)(?!/\d)"
        r"(?!\s*(?:%|[Pp]er\s?cent|[Pp]ercent))",
        _year,
    ),
    _r(
        r"(?<![\w.,$€£¥₹₩#/-])(?P<y>(?:1[89]|2[01])\d{2})(?:\s*[-\u2013]\s*|\s+through\s+)"
        r"(?P<y2>(?:1[89]|2[01])\d{2}|\d{2})(?![\w])(?![.,]\d)",
        _year_range,
        after=" -\u2013",
    ),
    _r(
        r"(?<![\w.-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\w-])(?![.,]\d)",
        _iso_month,
        after="-",
    ),
    _r(r"(?<![\w])(?P<y>\d{4})\s?-?\s?Q(?P<q>[1-4])(?![\w])", _quarter_short, after=" -Q"),
    _r(r"(?<![\w])(?P<y>\d{4})\s?-?\s?H(?P<h>[12])(?![\w])", _half_short, after=" -H"),
    _r(
        r"(?<![\w])(?P<y>\d{4})\s+(?P<ord>" + _ORD4C + r")[\s-]+[Qq]uarter(?![\w-])",
        _quarter_words,
        the=True,
        after=" ",
    ),
)

# Rules tried where a one- or two-digit run starts.
DIGIT12_RULES: tuple[Rule, ...] = (
    _r(r"(?<![\w.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])", _dmy, after="."),
    _r(
        r"(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])",
        _slashed,
        after="/",
    ),
    _r(
        r"(?<![\w.,:/-])(?P<d>"
        + _DAY
        + r")(?:\s*(?:-|\u2013)\s*(?P<d2>"
        + _DAY
        + r"))?\s+(?:of\s+)?"
        r"(?P<mon>" + MONTH + r")(?:,?\s+(?P<y>" + _YEAR + r"))?",
        _month_day,
        weekday=True,
        month=True,
        after="snrt -\u2013",  # "5th", "5 May", "5-6 May"
    ),
    _r(
        r"(?<![\w])(?P<q>[1-4])Q\s?(?P<y>\d{4})?(?P<yy>(?<=Q)\d{2})?(?![\w])",
        _quarter_short,
        after="Q",
    ),
    _r(
        r"(?<![\w])(?P<h>[12])H\s?(?:(?P<y>\d{4})|(?P<yy>\d{2}))(?![\w])",
        _half_short,
        after="H",
    ),
)

# Rules tried where "Q1".."Q4" or "H1", "H2" starts, by its letter.
QH_RULES: dict[str, tuple[Rule, ...]] = {
    "Q": (
        _r(
            r"(?<![\w])Q(?P<q>[1-4])(?:\s*(?:[-/]|of)?\s*(?P<y>\d{4})(?!\d)|['\u2019](?P<yy>\d{2}))?"
            r"(?![\w])",
            _quarter_short,
        ),
    ),
    "H": (
        _r(
            r"(?<![\w])H(?P<h>[12])(?:\s*(?:[-/]|of)?\s*(?P<y>\d{4})(?!\d)|['\u2019](?P<yy>\d{2}))?"
            r"(?![\w])",
            _half_short,
        ),
    ),
}

# Rules tried where a month name starts.
MONTH_RULES: tuple[Rule, ...] = (
    _r(
        r"(?P<mon>" + MONTH + r")\s*(?P<d>" + _DAY + r")"
        r"(?:\s*(?:-|\u2013|to|through|and|&)\s*(?P<d2>" + _DAY + r"))?"
        r"(?:,?\s+(?P<y>" + _YEAR + r"))?",
        _month_day,
        weekday=True,
    ),
    _r(
        r"(?P<mon>" + MONTH + r")\s*(?P<d>" + _DAY + r")\s*(?:-|\u2013|to|through|until)\s*"
        r"(?P<mon2>" + MONTH + r")\s*(?P<d2>" + _DAY + r")(?:,?\s+(?P<y>" + _YEAR + r"))?",
        _cross_month,
        weekday=True,
    ),
    _r(r"(?P<mon>" + MONTH + r"),?\s+(?:of\s+)?(?P<y>" + _YEAR + r")", _month_year),
    _r(
        r"(?P<mon>" + MONTH + r")\s*(?:-|\u2013|to|through)\s*(?P<mon2>" + MONTH + r"),?\s+"
        r"(?P<y>" + _YEAR + r")",
        _month_range,
    ),
    _r(r"(?P<mon>" + MONTH + r")(?!\s*\d)", _bare_month),
)

# Rules scanned over the whole text, each only when one of its words is in it.
SCAN_RULES: tuple[Rule, ...] = (
    _r(
        r"(?<![\w])(?P<ord>" + _ORD4C + r"|[Ff]inal|[Ll]ast)[\s-]+[Qq]uarter(?![\w-])"
        r"(?:,?\s+(?:of\s+)?(?P<yr>" + _YEAR_PHRASE_C + r"))?",
        _quarter_words,
        words=("quarter",),
        the=True,
    ),
    _r(
        r"(?<![\w])(?P<ord>[Ff]irst|[Ss]econd|1st|2nd|[Ll]atter|[Bb]ack|[Ff]ront)[\s-]+[Hh]alf"
        r"(?![\w])(?:[\s-]year)?(?:,?\s+(?:of\s+)?(?P<yr>" + _YEAR_PHRASE_C + r"))?",
        _half_words,
        words=("half",),
        the=True,
    ),
    _r(
        r"(?<![\w])(?:(?P<n>[Tt]hree|[Ss]ix|[Nn]ine|[369])[\s-]+months?|(?P<unit>[Qq]uarter"
        r"|[Hh]alf(?:[\s-]year)?))\s+(?:to|ended|ending|through"
        r"|until)\s+(?:the\s+end\s+of\s+)?(?P<mon>" + MONTH + r")(?:\s+(?P<d>\d{1,2})(?![\d]))?"
        r"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?",
        _months_to,
        words=("months", "quarter", "half"),
        month=True,
        the=True,
    ),
    _r(
        r"(?<![\w])[Ff]irst\s+(?P<n>" + _FIRST_N + r")\s+months"
        r"(?:\s+of\s+(?P<yr>" + _YEAR_PHRASE_C + r"))?",
        _first_months,
        words=("months",),
        also=("first",),
        the=True,
    ),
    _r(
        r"(?<![\w])(?P<o1>" + _ORD4C + r")\s+(?:and|&)\s+(?:the\s+)?(?P<o2>" + _ORD4C + r")"
        r"[\s-]+(?P<unit>[Qq]uarters?|[Hh]alves|[Hh]alf)(?:,?\s+(?:of\s+)?(?P<yr>"
        + _YEAR_PHRASE_C
        + r"))",
        _coordinated,
        words=("quarter", "half", "halves"),
        the=True,
    ),
    _r(
        r"(?<![\w-])(?:(?P<mid>[Mm]id[\s-]?year)|(?P<yend>[Yy]ear[\s-]end|(?:[Ee]nd|[Cc]lose)\s+of"
        r"\s+(?:the|this)\s+year)|(?P<ystart>(?:[Bb]eginning|[Ss]tart)\s+of\s+(?:the|this)\s+year)"
        r"|(?P<ytd>[Yy]ear[\s-]to[\s-]date|[Ss]o\s+far\s+this\s+year|[Tt]his\s+year\s+so\s+far)"
        r"|(?P<ytd2>YTD))(?:\s+(?P<wy>\d{4})(?!\d))?(?![\w-])",
        _year_words,
        words=("year", "ytd"),
        also=("mid", "end", "close", "beginning", "start", "date", "far", "ytd"),
        the=True,
    ),
    _r(
        r"(?<![\w-])" + _YTD + r",?\s+(?:through|thru|to|until|till|up\s+to|as\s+of|at)\s+"
        r"(?:the\s+end\s+of\s+)?(?P<mon>" + MONTH + r")(?:\s+(?P<d>" + _DAY + r"))?"
        r"(?:,?\s+(?P<y>" + _YEAR + r"))?",
        _ytd_through,
        words=("year", "ytd", "since", "from"),
        month=True,
        the=True,
    ),
    _r(
        r"(?<![\w-])(?P<el>[Ee]arlier|[Ll]ater)\s+this\s+(?P<u>year|quarter|month|week)(?![\w-])",
        _earlier_later,
        words=("earlier", "later"),
    ),
    _r(
        r"(?<![\w-])(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]revious|[Pp]rior|[Cc]urrent|[Cc]oming"
        r"|[Pp]ast)\s+(?P<u>year|quarter|month|week)(?![\w-])",
        _relative_unit,
        words=("year", "quarter", "month", "week"),
        also=("this", "last", "next", "previous", "prior", "current", "coming", "past"),
        the=True,
    ),
    _r(
        r"(?<![\w-])(?P<dir>[Nn]ext|[Pp]ast|[Ll]ast|[Cc]oming|[Pp]revious|[Pp]rior|[Ff]ollowing)"
        r"\s+(?:(?P<n>" + _WORDN + r")[\s-]+)?(?P<u>years?|months?|weeks?|days?|quarters?|decades?)"
        r"(?![\w-])(?:\s+period)?",
        _n_units,
        words=("year", "month", "week", "day", "quarter", "decade"),
        also=("next", "past", "last", "coming", "previous", "prior", "following"),
        the=True,
    ),
    _r(
        r"(?<![\w-])(?P<n>" + _WORDN + r"|[Aa]n?)\s+(?P<u>years?|months?|weeks?|days?)\s+ago"
        r"(?![\w])",
        _ago,
        words=("ago",),
    ),
    _r(
        r"(?<![\w-])(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)(?![\w-])",
        _deictic,
        words=("yesterday", "today", "tomorrow"),
    ),
    _r(
        r"(?<![\w-])(?P<wd>" + _WEEKDAY_FULL + r")",
        _weekday,
        words=("day",),
        also=tuple(WEEKDAYS),  # the full names only
    ),
    _r(
        r"(?<![\w])(?P<ord>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh"
        r"|[Ee]ighth|[Nn]inth|[Tt]enth|[Ll]ast|[Ff]inal|\d{1,2}(?:st|nd|rd|th))\s+trading\s+"
        r"(?:day|session)\s+(?:of|in)\s+(?:(?P<y>\d{4})(?!\d)|(?P<yp>(?:the|this|last|next)\s+year)"
        r"|(?P<mon>" + MONTH + r")(?:,?\s+(?P<my>\d{4}))?)",
        _trading_day,
        words=("trading",),
        the=True,
    ),
    *(Rule(pattern, _fiscal, words=_FISCAL_WORDS) for pattern in FISCAL_PATTERNS),
)


# Both open with what they find and look behind only then: a pattern that starts with a
# character (class) lets the regex engine skip ahead, one that starts with a lookbehind or
# a repeat is tried at every character.
def by_next_char(rules: tuple[Rule, ...]) -> dict[str, tuple[Rule, ...]]:
    """The rules worth trying at an anchor, by the character after it (" " for any space;
    "" for every other character): a year followed by "," needs two rules, not eight."""
    table = {
        c: tuple(r for r in rules if not r.after or c in r.after) for r in rules for c in r.after
    }
    table[""] = tuple(r for r in rules if not r.after)
    return table


DIGIT4_BY_NEXT = by_next_char(DIGIT4_RULES)
DIGIT12_BY_NEXT = by_next_char(DIGIT12_RULES)

DIGIT_RUN = re.compile(r"\d\d*")
QH_TOKEN = re.compile(r"[QH](?<![A-Za-z][QH])[1-4]")
MONTH_TOKEN = re.compile(MONTH)
SCAN_WORDS = frozenset(w for rule in SCAN_RULES for w in rule.words)


# A mention of a whole year that the "mid-", "the end of" words in front can narrow.
MODIFIABLE = frozenset({"year", "half", "quarter", "month", "interval", "fiscal"})


def modified(base: When, modifier: str, kind: str) -> When:
    """Apply "the end of" / "mid-" / "early" / "late" to a period."""
    start, end = date.fromisoformat(base.start), date.fromisoformat(base.end)
    if modifier == "end":
        return day_when(end)
    if modifier == "start":
        return day_when(start)
    if kind == "year" and start.month == 1 and end.month == 12 and start.year == end.year:
        y = start.year
        span = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[modifier]
        first, last = date(y, span[0], 1), month_end(y, span[1])
        return When(start=first.isoformat(), end=last.isoformat(), label=span_label(first, last))
    return base
