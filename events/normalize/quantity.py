"""Counts and percentages: "5 million B-shares", "over 410,000 units", "nearly 40%".

A match covers the number with its bound words, scale and percent sign; the counted
noun after it is reported in `noun` (its surface form, "B-shares") and mapped to the
unit vocabulary (shares, units, stores, employees, orders, users) when known, else the
unit stays "units". Percentages have unit pct, percentage points pp, basis points bp
(kept as written, not converted).

Numbers that are something else are not quantities: money (`find_money`), dates and
periods (`find_periods`), durations ("24 hours", `find_durations`), years, tickers
("01810.HK"), clock times, and model names ("SU7", "3nm", "Xiaomi 17 Ultra",
"XRing 01"). Number words ("one", "a dozen") count only before a known noun, a scale
or "percent"/"percentage point", since "one" alone is rarely a figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import msgspec

from events.errors import NormalizationError
from events.values import Quantity

from ._lexicon import (
    STOPWORDS,
    TIME_UNIT,
    bound_after,
    bound_before,
    split_words,
    unit_of_noun,
)
from ._numbers import (
    NUM,
    NUMBER_WORDS,
    SCALE_ATTACHED,
    SCALE_WORD,
    WORDNUM,
    decimal_of,
    lone_num,
    scale_of,
    to_float,
    word_set,
)
from .durations import find_durations
from .money import find_money, range_allowed
from .periods import period_spans


class QuantityMatch(msgspec.Struct, frozen=True):
    """A count or percentage found in a text; `noun` is the counted thing if one follows."""

    start: int
    end: int
    quantity: Quantity
    noun: str | None


_SCALE = r"(?:[\s-]?" + SCALE_WORD + r"|" + SCALE_ATTACHED + r")"
_PCT = (
    r"(?:\s?(?P<pct>%)|\s?(?P<pctw>[Pp]er\s?cent|[Pp]ercent|pct)(?![\w])"
    r"|\s?(?P<pp>[Pp]ercentage[\s-]points?|pp|ppts?|pct\s+pts?)(?![\w])"
    r"|\s?(?P<bp>[Bb]asis[\s-]points?|bps|bp)(?![\w]))"
)
_NOT_BEFORE = (r"[\w.,:/$€£¥₹₩#@&]", r"\w-")  # not "COVID-19", "A-1", "01810.HK"
_LEAD = "".join(f"(?<!{x})" for x in _NOT_BEFORE)


def _quantity_pattern(first: str, second: str, lead: str = _LEAD) -> re.Pattern[str]:
    return re.compile(
        lead + r"(?P<n1>" + first + r")(?P<s1>" + _SCALE + r")?(?P<p1>\s?%)?"
        r"(?:(?P<conn>\s*[-\u2013\u2014~]\s*|\s+(?:to|and)\s+)(?P<n2>" + second + r")"
        r"(?P<s2>" + _SCALE + r")?)?(?:" + _PCT + r")?(?![\w])"
    )


# Digits first (fast to scan: `lone_num` is _LEAD + NUM opening with a digit); number words
# only when the text holds one.
_QTY = _quantity_pattern(lone_num(*_NOT_BEFORE), NUM, lead="")
_QTY_WORDS = _quantity_pattern(WORDNUM, NUM + "|" + WORDNUM)
# "hundreds of stores": a lower bound, the smallest number the plural can mean.
_VAGUE = re.compile(
    r"(?<![\w-])(?P<w>(?:[Tt]ens|[Hh]undreds)\s+of\s+(?:thousands|millions)|[Dd]ozens|[Hh]undreds"
    r"|[Tt]housands|[Mm]illions|[Bb]illions)\s+of(?![\w])"
)
_VAGUE_VALUES = {
    "dozens": 24.0,
    "hundreds": 200.0,
    "thousands": 2000.0,
    "millions": 2e6,
    "billions": 2e9,
    "tens of thousands": 2e4,
    "hundreds of thousands": 2e5,
    "tens of millions": 2e7,
    "hundreds of millions": 2e8,
}
_VAGUE_WORDS = frozenset(("dozens", "hundreds", "thousands", "millions", "billions"))
_DIGIT = re.compile(r"\d")
_YEARLIKE = re.compile(r"(?:1[89]|2[01])\d\d")
_TIME_AFTER = re.compile(r"[\s-]+" + TIME_UNIT + r"(?![\w])")
_TOKENS = re.compile(r"(?:\s+|-)([A-Za-z][A-Za-z0-9'\u2019]*(?:-[A-Za-z0-9]+)*)")
_HYPHEN_NOUN = re.compile(r"-([A-Za-z]+)(?![\w-])")
_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Za-z][\w&-]*[A-Z][\w&-]*|[A-Z][\w&-]*|No\.|no\.)\s$")
_MODEL_AFTER = re.compile(
    r"\s(?:Ultra|Pro|Max|Plus|Mini|Lite|SE|Air|Edge|Turbo|Neo|Fold|Flip|Prime|GT|Note)(?![\w])"
)
_FUNCTION_CAPS = frozenset(
    split_words(
        """The A An In On At By For Of To From With About Over Under Nearly Some Only Just
        All Around Approximately Roughly Almost Since After Before Until During And Or But
        Its Their His Her Our These Those Total Top Another Additional Up Down Than More
        Less Exactly Each Every Per As Between Within Below Above Estimated Q H FY"""
    )
)


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans that belong to money, periods or durations: never counted again here."""
    spans = [(m.start, m.end) for m in find_money(text)]
    spans += period_spans(text)
    spans += [(m.start, m.end) for m in find_durations(text)]
    return spans


def _is_head(word: str) -> bool:
    """A word that can end a counted noun phrase: a known noun or a plural."""
    return bool(unit_of_noun(word)) or (word.endswith("s") and not word.endswith("ss"))


def _noun_after(text: str, end: int) -> str | None:
    """The counted thing after a number.

    Up to four words before a function word; the head is the last known noun or plural
    among them ("annual passenger car sales", "researchers working" -> "researchers").
    A known noun comes back alone ("Xiaomi Home stores" -> "stores"); an unknown phrase
    keeps its lowercase words up to the head ("video clips").
    """
    hyphen = _HYPHEN_NOUN.match(text, end)
    if hyphen:
        return hyphen.group(1)
    words: list[str] = []
    pos = end
    while len(words) < 4:
        m = _TOKENS.match(text, pos)
        word = m.group(1) if m else ""
        if not m or word.lower() in STOPWORDS or (len(word) < 2 and not word.isupper()):
            break
        words.append(m.group(1))
        pos = m.end()
    heads = [i for i, w in enumerate(words) if _is_head(w)]
    if heads and unit_of_noun(words[heads[-1]]):
        return words[heads[-1]]
    cut = words[: heads[-1] + 1] if heads else words
    plain: list[str] = []
    for w in reversed(cut):
        if w != w.lower():
            break
        plain.insert(0, w)
    return " ".join(plain) or None


def _is_model_name(text: str, m: re.Match[str], noun_known: bool) -> bool:
    """ "Xiaomi 17 Ultra", "iPhone 16", "Model 3": a bare integer that names a product."""
    if noun_known or m["s1"] or m["n2"] or m["p1"] or m.group("pct") or m.group("pctw"):
        return False
    if m["pp"] or m["bp"] or not m["n1"][0].isdigit() or "," in m["n1"] or "." in m["n1"]:
        return False
    if _MODEL_AFTER.match(text, m.end()):
        return True
    before = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return bool(before) and before.group(1) not in _FUNCTION_CAPS


def _value(numeral: str, scale: str | None) -> Decimal:
    return decimal_of(numeral) * scale_of(scale.strip(" -") if scale else None)


def _unit_of(m: re.Match[str], noun: str | None) -> str:
    if m["pct"] or m["pctw"] or m["p1"]:
        return "pct"
    if m["pp"]:
        return "pp"
    if m["bp"]:
        return "bp"
    return (unit_of_noun(noun) if noun else None) or "units"


def _read(text: str, m: re.Match[str], excluded: list[tuple[int, int]]) -> QuantityMatch | None:
    """One regex match -> a QuantityMatch, or None when the number is something else."""
    if any(m.start("n1") < e and m.end() > s for s, e in excluded):
        return None
    n1 = m["n1"]
    is_pct = bool(m["pct"] or m["pctw"] or m["pp"] or m["bp"] or m["p1"])
    noun = None if m["pp"] or m["bp"] else _noun_after(text, m.end())
    known = bool(noun and unit_of_noun(noun))
    if not n1[0].isdigit() and not (is_pct or m["s1"] or known):
        return None
    if n1[0].isdigit() and len(n1) > 1 and n1[0] == "0" and n1[1] != ".":
        return None  # "XRing 01", "007": a name, not a count
    if _YEARLIKE.fullmatch(n1) and not (is_pct or known or m["s1"]):
        return None
    if not is_pct and (_TIME_AFTER.match(text, m.end()) or text.startswith("-for-", m.end())):
        return None  # "24 hours" is a duration, "2-for-1" a split ratio
    if _is_model_name(text, m, known):
        return None
    low = _value(n1, m["s1"] or m["s2"])
    sign = _signed(text, m.start())
    if sign in ("-", "\u2212"):
        low = -low
    high = _value(m["n2"], m["s2"] or m["s1"]) if m["n2"] else None
    trailing_pct = m["pct"] or m["pctw"] or m["pp"] or m["bp"]
    if m["p1"] and m["n2"] and not trailing_pct:
        return None  # "5% to 10 million units": two different figures
    if high is not None and high <= low:
        return None
    start, bound = bound_before(text, m.start() - (1 if sign else 0))
    end, bound = bound_after(text, m.end(), bound)
    quantity = Quantity(
        value=to_float(low),
        unit=_unit_of(m, noun),
        value_max=to_float(high) if high is not None else None,
        bound=bound,
    )
    return QuantityMatch(start, end, quantity, noun)


def _signed(text: str, start: int) -> str | None:
    """A sign (or U+2212 minus) glued to the number and standing free: "-0.42%", "+6.62%"."""
    if start > 0 and text[start - 1] in "-\u2212+" and (start == 1 or text[start - 2] in " \t\n("):
        return text[start - 1]
    return None


def _next(text: str, pos: int, patterns: list[re.Pattern[str]]) -> re.Match[str] | None:
    """The leftmost (then longest) match of any pattern at or after `pos`."""
    best = None
    for pattern in patterns:
        m = pattern.search(text, pos)
        if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
            best = m
    return best


def _first_only(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """The same match cut before its range connector ("5% to 10 million" -> "5%")."""
    return m.re.match(text, m.start(), m.start("conn"))


@lru_cache(maxsize=1024)
def _quantities_cached(text: str) -> tuple[QuantityMatch, ...]:
    return tuple(quantities_in(text, word_set(text)))


def quantities_in(text: str, words: frozenset[str]) -> list[QuantityMatch]:
    """`find_quantities` with the text's word set already computed."""
    patterns = [_QTY] if _DIGIT.search(text) else []
    if not NUMBER_WORDS.isdisjoint(words):
        patterns.append(_QTY_WORDS)
    if not patterns:
        return _with_vague(text, []) if not _VAGUE_WORDS.isdisjoint(words) else []
    excluded: list[tuple[int, int]] | None = None
    found: list[QuantityMatch] = []
    pos = 0
    while (m := _next(text, pos, patterns)) is not None:
        if excluded is None:
            excluded = _excluded_spans(text)
        got = None
        if m["n2"] is not None and range_allowed(text, m.start(), m["conn"]):
            got = _read(text, m, excluded)
        if got is None and m["n2"] is not None:
            # a change ("from 5 to 7"), a backwards or mixed range: the first number alone,
            # and the second is read on the next turn
            m = _first_only(text, m) or m
        if got is None and m["n2"] is None:
            got = _read(text, m, excluded)
        if got is not None:
            found.append(got)
            pos = got.end
        else:
            pos = m.start("n1") + len(m["n1"])
    if not _VAGUE_WORDS.isdisjoint(words):
        found = _with_vague(text, found)
    return found


def _with_vague(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """Add "hundreds of stores" (at_least 200 stores) where no other figure stands."""
    for m in _VAGUE.finditer(text):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        key = " ".join(m["w"].lower().split())
        noun = _noun_after(text, m.end())
        unit = (unit_of_noun(noun) if noun else None) or "units"
        quantity = Quantity(value=_VAGUE_VALUES[key], unit=unit, bound="at_least")
        found.append(QuantityMatch(m.start(), m.end("w"), quantity, noun))
    found.sort(key=lambda f: f.start)
    return found


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every count or percentage in `text`, in order; money, dates and names left out."""
    if not isinstance(text, str) or not text:
        return []
    return list(_quantities_cached(text))


def _single(text: str, what: str) -> QuantityMatch:
    stripped = text.strip() if isinstance(text, str) else ""
    offset = len(text) - len(text.lstrip()) if stripped else 0
    matches = find_quantities(text) if stripped else []
    if len(matches) == 1 and matches[0].start == offset:
        tail = text[matches[0].end : offset + len(stripped)].strip(" -")
        if not tail or (matches[0].noun and tail == matches[0].noun):
            return matches[0]
    raise NormalizationError(f"not {what}: {text!r}")


def parse_quantity(text: str) -> Quantity:
    """The one quantity `text` consists of (a trailing counted noun allowed)."""
    return _single(text, "a quantity").quantity


def parse_percent(text: str) -> Quantity:
    """A percentage or percentage-point figure: "0.63%", "2-2.5 percentage points"."""
    match = _single(text, "a percentage")
    if match.quantity.unit not in ("pct", "pp", "bp"):
        raise NormalizationError(f"not a percentage: {text!r}")
    return match.quantity
