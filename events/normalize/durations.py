"""Durations: "in just nine months", "within 24 hours", "15-20 years".

A duration is a length of time, not a place on the calendar, so it is reported apart
from periods. Lengths are whole days with fixed conversions (documented, not calendar
exact): hour = 1/24 day rounded up, week = 7, month = 30, quarter = 91, year = 365,
decade = 3650. Spans that name a period ("over the next five years", "two years ago")
are left to `find_periods`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache

import msgspec

from ._lexicon import split_words
from ._numbers import CARDINALS, NUM, NUMBER_WORDS, WORDNUM, decimal_of, lone_num, word_set


class DurationMatch(msgspec.Struct, frozen=True):
    """A length of time found in a text; `days_max` is set for ranges ("15-20 years")."""

    start: int
    end: int
    days: int
    text: str
    days_max: int | None = None


_DAYS_PER = {
    "hour": Decimal(1) / Decimal(24),
    "hr": Decimal(1) / Decimal(24),
    "day": Decimal(1),
    "week": Decimal(7),
    "month": Decimal(30),
    "quarter": Decimal(91),
    "year": Decimal(365),
    "yr": Decimal(365),
    "decade": Decimal(3650),
}
_UNIT = r"(?P<unit>hours?|hrs?|days?|weeks?|months?|quarters?|years?|yrs?|decades?)"
_TAIL = r"(?![\w-]*\s+(?:ago|earlier|later|old)\b)(?![\w])"
_RANGE = r"(?:\s*(?:-|\u2013|to)\s*(?P<n2>" + NUM + r"|" + WORDNUM + r"))?"
# Digits first (fast to scan: `lone_num` opens with a digit); the number-word form only runs
# when a number word occurs.
_DIGITS = re.compile(r"(?P<n1>" + lone_num(r"[\w.,]") + r")" + _RANGE + r"[\s-]+" + _UNIT + _TAIL)
_WORDS = re.compile(
    r"(?P<n1>"
    + WORDNUM
    + r"|(?<![\w])(?:[Aa]\s+couple\s+of|[Aa]\s+few|[Aa]n?))"
    + _RANGE
    + r"[\s-]+"
    + _UNIT
    + _TAIL
)
_LEAD_BEFORE = re.compile(
    r"(?<![\w-])(?:[Ii]n|[Ww]ithin|[Oo]ver|[Ff]or|[Aa]fter)\s+(?:just\s+|only\s+|less\s+than\s+|"
    r"under\s+)?$|(?<![\w-])(?:[Jj]ust|[Oo]nly|[Nn]early|[Aa]lmost|[Aa]bout|[Ll]ess\s+than|"
    r"[Mm]ore\s+than)\s+$"
)
_PERIOD_BEFORE = re.compile(
    r"(?<![\w-])(?:next|past|last|coming|previous|prior|following|first|final|recent|"
    r"once|twice|per|every|each|Next|Past|Last|Previous|First)\s+$"
)
_UNIT_WORDS = frozenset(
    split_words(
        "hour hours hr hrs day days week weeks month months quarter quarters year years yr yrs "
        "decade decades"
    )
)
_A_WORDS = frozenset(("a", "an"))
# What a `_WORDS` match has just before the spaces in front of its unit: the last word of
# a number word, "a couple of", "a few", "a dozen", or a digit.
_UNIT_AT = re.compile(r"hour|hr|day|week|month|quarter|year|yr|decade")
_LAST_WORDS = frozenset([*CARDINALS, "dozen", "hundred", "of", "few", "a", "an"])
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _word_count_before_unit(text: str) -> bool:
    """Whether a unit ("years") follows spaces after a number word, "a", "few", "of" or
    anything but a letter: else the `_WORDS` scan, tried at every character, finds nothing."""
    for unit in _UNIT_AT.finditer(text):
        j = unit.start()
        while j > 0 and (text[j - 1] == "-" or text[j - 1].isspace()):
            j -= 1
        if j == unit.start():
            continue
        k = j
        while k > 0 and text[k - 1] in _ASCII_LETTERS:
            k -= 1
        if k == j or text[k:j].lower() in _LAST_WORDS:
            return True
    return False


def _days(numeral: str, unit: str) -> int:
    word = " ".join(numeral.lower().split())
    if word in ("a", "an"):
        count = Decimal(1)
    elif word.startswith("a couple"):
        count = Decimal(2)
    elif word.startswith("a few"):
        count = Decimal(3)
    else:
        count = decimal_of(numeral)
    per = _DAYS_PER[unit.lower().rstrip("s")]
    return math.ceil(count * per)


def _read(text: str, m: re.Match[str]) -> DurationMatch | None:
    start = m.start("n1")
    if _PERIOD_BEFORE.search(text, max(0, start - 12), start):
        return None
    lead = _LEAD_BEFORE.search(text, max(0, start - 24), start)
    if lead is None and m["n1"].lower() in ("a", "an"):
        return None  # "once a year", "a year" alone: frequency or filler, not a duration
    if lead:
        start = lead.start()
    days = _days(m["n1"], m["unit"])
    days_max = _days(m["n2"], m["unit"]) if m["n2"] else None
    if days_max is not None and days_max <= days:
        days_max = None
    return DurationMatch(start, m.end(), days, text[start : m.end()], days_max)


def find_durations(text: str) -> list[DurationMatch]:
    """Every duration in `text`, in order; the lead words ("in just", "within") included."""
    if not isinstance(text, str) or not text:
        return []
    return list(_durations_cached(text))


@lru_cache(maxsize=1024)
def _durations_cached(text: str) -> tuple[DurationMatch, ...]:
    return tuple(durations_in(text, word_set(text)))


def durations_in(text: str, words: frozenset[str]) -> list[DurationMatch]:
    """`find_durations` with the text's word set already computed (quantities share it)."""
    if _UNIT_WORDS.isdisjoint(words):
        return []
    found: list[DurationMatch] = []
    for m in _DIGITS.finditer(text):
        got = _read(text, m)
        if got is not None:
            found.append(got)
    if not (
        NUMBER_WORDS.isdisjoint(words) and _A_WORDS.isdisjoint(words)
    ) and _word_count_before_unit(text):
        for m in _WORDS.finditer(text):
            got = _read(text, m)
            if got is not None and all(got.end <= f.start or got.start >= f.end for f in found):
                found.append(got)
        found.sort(key=lambda d: d.start)
    return found
