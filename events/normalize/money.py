"""Money amounts in running text: "HK$53.5", "RMB 32-33 billion", "about $13 million".

A number is money only when a currency is written next to it (a symbol or code in
front, a currency word behind), or when the caller names a default currency. A match
covers the bound word or "between" in front ("approximately HKD 190.6 million"), so
that cutting `text[start:end]` out of a sentence removes the whole amount.

Choices where usage is ambiguous (documented so that callers can rely on them):
- "$" alone is USD and "¥" alone is JPY ("CN¥", "RMB", "Rmb", "yuan" are CNY).
- "X to Y" is a range unless "from" comes earlier in the same clause ("raised from
  HK$50 to HK$55" is a change, two amounts), except "ranging from X to Y".
- "X and Y" is a range only after "between". A range needs X < Y.
- A scale written only on the upper end applies to both ends ("RMB 32-33 billion").
- With a default currency, bare numbers that look like years, percentages or durations
  are still not money.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import msgspec

from events.errors import NormalizationError
from events.values import Bound, Money

from ._lexicon import (
    BETWEEN_BEFORE,
    FROM_IN_CLAUSE,
    bound_after,
    bound_before,
    split_words,
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


class MoneyMatch(msgspec.Struct, frozen=True):
    """An amount found in a text, with its offsets into that text."""

    start: int
    end: int
    money: Money


# Written in front of the number. Longest first so that "HK$" wins over "$".
_PREFIXES: dict[str, str] = {
    "HK$": "HKD",
    "US$": "USD",
    "U.S.$": "USD",
    "NT$": "TWD",
    "S$": "SGD",
    "SG$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAN$": "CAD",
    "R$": "BRL",
    "NZ$": "NZD",
    "MX$": "MXN",
    "Mex$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "CN¥": "CNY",
    "RMB¥": "CNY",
    "JP¥": "JPY",
    "¥": "JPY",
    "￥": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "Rmb": "CNY",
    "RMB": "CNY",
    "CNH": "CNY",
}
_CODES = split_words(
    "USD HKD EUR GBP JPY CNY CHF INR KRW TWD SGD AUD CAD BRL NZD SEK NOK DKK ZAR MXN RUB "
    "TRY IDR MYR THB SAR AED ILS PLN CZK HUF VND"
)
for _code in _CODES:
    _PREFIXES.setdefault(_code, _code)

# Written after the number (and its scale).
_SUFFIXES: dict[str, str] = {
    "hong kong dollars": "HKD",
    "hong kong dollar": "HKD",
    "hk dollars": "HKD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "singapore dollars": "SGD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "new taiwan dollars": "TWD",
    "taiwan dollars": "TWD",
    "new zealand dollars": "NZD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "swiss francs": "CHF",
    "francs": "CHF",
    "rupees": "INR",
    "rupee": "INR",
    "won": "KRW",
    "reais": "BRL",
    "rubles": "RUB",
    "roubles": "RUB",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "lira": "TRY",
    "mexican pesos": "MXN",
    "rand": "ZAR",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "swedish crowns": "SEK",
    "kr": "SEK",
    "norwegian kroner": "NOK",
    "norwegian crowns": "NOK",
    "danish kroner": "DKK",
    "danish crowns": "DKK",
    "cents": "USD",
    "cent": "USD",
    "us cents": "USD",
    "hk cents": "HKD",
    "pence": "GBP",
}
# Hundredths of the unit: "42 cents a share" is 0.42 USD.
_MINOR_UNITS = frozenset(("cents", "cent", "pence"))
for _code in [*_CODES, "RMB", "CNH"]:
    _SUFFIXES.setdefault(_code, "CNY" if _code in ("RMB", "CNH") else _code)


def _code_of_suffix(suffix: str) -> str:
    key = " ".join(suffix.split())
    return _SUFFIXES.get(key) or _SUFFIXES[key.lower()]


def _alternation(words: list[str], *, words_ci: bool) -> str:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(f"(?i:{pat})" if words_ci and w.islower() else pat)
    return "|".join(parts)


_PRE = r"(?<![A-Za-z0-9$])(?:" + _alternation(list(_PREFIXES), words_ci=False) + r")"


def _led_by_first_char(words: list[str], not_before: str) -> str:
    """`(?<!not_before)(?:w1|w2|...)` written as one branch per first character, with the
    lookbehind tested right after that character ("H(?<!X.)(?:K\\$|KD)|..."): a pattern
    whose branches all open with a literal lets the regex engine skip to those characters,
    where one that opens with a lookbehind is tried at every character. Within a branch
    the words keep their order (longest first), so every match is the same."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    branches = []
    for first, rests in groups.items():
        tail = "|".join(re.escape(r) for r in rests)
        branches.append(re.escape(first) + rf"(?<!{not_before}.)" + (f"(?:{tail})" if tail else ""))
    return "(?:" + "|".join(branches) + ")"


_PRE_LED = _led_by_first_char(list(_PREFIXES), "[A-Za-z0-9$]")  # the same as _PRE, faster
_SUF = r"(?:" + _alternation(list(_SUFFIXES), words_ci=True) + r")(?![\w])"
_SCALE = r"(?:[\s-]?" + SCALE_WORD + r"|" + SCALE_ATTACHED + r")"
_NOT_BEFORE = r"[\w.,:/\-$€£¥₹₩]"
_LEAD = rf"(?<!{_NOT_BEFORE})"
_LONE_NUM = lone_num(_NOT_BEFORE)  # _LEAD + NUM, opening with a digit (fast to scan)
_CONN = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|and)\s+|\s*~\s*)"


def _amounts(first: str, second: str) -> str:
    """`first` [scale] [conn second [scale]]: one amount or a range of two."""
    return (
        r"(?P<n1>" + first + r")(?P<s1>" + _SCALE + r")?"
        r"(?:(?P<conn>" + _CONN + r")(?:(?P<pre2>" + _PRE + r")\s?)?(?P<n2>" + second + r")"
        r"(?P<s2>" + _SCALE + r")?)?"
    )


_WORD_OR_NUM = r"(?:" + NUM + r"|" + WORDNUM + r")"
# Currency in front: "HK$53.5", "RMB 32-33 billion", "HKD 38.04 to HKD 38.16".
_PREFIXED = re.compile(r"(?P<pre>" + _PRE_LED + r")\s?" + _amounts(NUM, NUM) + r"(?![\w])")
# Currency behind: "5 euros", "32-33 billion yuan"; the word-number form only when the
# text holds a number word ("one trillion Hong Kong dollars"), since it scans slowly.
_SUFFIXED = re.compile(_amounts(_LONE_NUM, NUM) + r"\s?(?P<suf>" + _SUF + r")")
_SUFFIXED_WORDS = re.compile(
    _LEAD + _amounts(_WORD_OR_NUM, _WORD_OR_NUM) + r"\s?(?P<suf>" + _SUF + r")"
)
# South African rand, "R1,162.50", "R3.5bn": a bare "R" only before a grouped, decimal or
# scaled number, so that model names ("Rivian R2") stay out.
_RAND = re.compile(r"(?<![A-Za-z0-9$&])(?P<pre>R)(?=\d)" + _amounts(NUM, NUM) + r"(?![\w])")
_RAND_GATE = re.compile(r"(?<![A-Za-z0-9$&])R\d")
# No currency at all: only under a default currency.
_BARE = re.compile(
    _amounts(_LONE_NUM, NUM) + r"(?![\w%])(?!\s*(?:%|[Pp]er\s?cent|[Pp]ercent|[Pp]ercentage))"
)
_SUFFIX_WORDS = frozenset(k.split()[-1].lower() for k in _SUFFIXES)
_DIGIT = re.compile(r"\d")
_YEARLIKE = re.compile(r"(?:1[89]|2[01])\d\d")
_TIME_AFTER = re.compile(r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?)\b")
_LOOKBACK = 60


def range_allowed(text: str, start: int, conn: str) -> bool:
    """Whether "X <conn> Y" at `start` reads as a range rather than two amounts."""
    word = conn.strip().lower()
    before = text[max(0, start - _LOOKBACK) : start]
    if word == "and":
        return bool(BETWEEN_BEFORE.search(before))
    if word == "to":
        m = FROM_IN_CLAUSE.search(before)
        return m is None or bool(m.group("rng"))
    return True


def _clean_scale(scale: str | None) -> str | None:
    return scale.strip(" -\t\n") if scale else None


def _values(m: re.Match[str], with_range: bool) -> tuple[Decimal, Decimal | None]:
    """Amount and upper end; a scale written only on the upper end applies to both."""
    s1, s2 = m["s1"], m["s2"]
    low = decimal_of(m["n1"]) * scale_of(_clean_scale(s1 or (s2 if with_range else None)))
    if not with_range:
        return low, None
    return low, decimal_of(m["n2"]) * scale_of(_clean_scale(s2 or s1))


def _signed(text: str, start: int) -> bool:
    """A minus sign (or U+2212) glued to the amount and standing free: "-$5 million"."""
    return (
        start > 0 and text[start - 1] in "-\u2212" and (start == 1 or text[start - 2] in " \t\n(")
    )


def _skip_bare(text: str, m: re.Match[str]) -> bool:
    """Bare numbers under a default currency: still not years or durations."""
    n1 = m["n1"]
    if m["s1"] or m["s2"] or "," in n1 or "." in n1:
        return False
    return bool(_YEARLIKE.fullmatch(n1) or _TIME_AFTER.match(text, m.end()))


def _scan(
    text: str, pattern: re.Pattern[str], currency_of: str | None, out: list[MoneyMatch]
) -> None:
    """All matches of one pattern; `currency_of` is the default for the bare pattern."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pre, suf = m.groupdict().get("pre"), m.groupdict().get("suf")
        if pre == "R" and not (m["s1"] or "," in m["n1"] or "." in m["n1"]):
            pos = m.end()
            continue
        currency = (
            ("ZAR" if pre == "R" else _PREFIXES[pre])
            if pre
            else (_code_of_suffix(suf) if suf else currency_of)
        )
        pre2 = m["pre2"]
        with_range = m["n2"] is not None and (pre2 is None or _PREFIXES[pre2] == currency)
        if with_range and not range_allowed(text, m.start(), m["conn"]):
            with_range = False
        low, high = _values(m, with_range)
        if high is not None and high <= low:
            with_range, high = False, None
            low, _ = _values(m, False)
        if suf and suf.split()[-1].lower() in _MINOR_UNITS:
            low, high = low / 100, (high / 100 if high is not None else None)
        end = m.end()
        if m["n2"] is not None and not with_range:
            if suf:  # "5 and 6 million euros": the first number has no currency
                pos = m.start("conn")
                continue
            end = m.end("s1") if m["s1"] else m.end("n1")
        pos = end
        if currency is None or (not pre and not suf and _skip_bare(text, m)):
            continue
        start = m.start()
        if not suf and _signed(text, start):
            start -= 1
            low, high = -low, high
        bound: Bound = "exact"
        between = with_range and BETWEEN_BEFORE.search(text[max(0, start - 12) : start])
        if between:
            start -= len(between.group(0))
        else:
            start, bound = bound_before(text, start)
        end, bound = bound_after(text, end, bound)
        pos = end
        money = Money(
            amount=to_float(low),
            currency=currency,
            amount_max=to_float(high) if high is not None else None,
            bound=bound,
        )
        out.append(MoneyMatch(start, end, money))


def _without_overlaps(found: list[MoneyMatch]) -> list[MoneyMatch]:
    found.sort(key=lambda m: (m.start, m.start - m.end))
    kept: list[MoneyMatch] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def money_in(
    text: str, words: frozenset[str], default_currency: str | None = None
) -> list[MoneyMatch]:
    """`find_money` with the text's word set already computed (quantities share it)."""
    has_digit = _DIGIT.search(text) is not None
    has_words = not NUMBER_WORDS.isdisjoint(words)
    if not (has_digit or has_words):
        return []
    found: list[MoneyMatch] = []
    if has_digit:
        _scan(text, _PREFIXED, None, found)
        if "R" in text and _RAND_GATE.search(text):
            _scan(text, _RAND, None, found)
    if not _SUFFIX_WORDS.isdisjoint(words):
        _scan(text, _SUFFIXED_WORDS if has_words else _SUFFIXED, None, found)
    if default_currency and has_digit:
        _scan(text, _BARE, default_currency, found)
    return _without_overlaps(found)


@lru_cache(maxsize=1024)
def _money_cached(text: str, default_currency: str | None) -> tuple[MoneyMatch, ...]:
    """The extractor and `find_quantities` both read a sentence's money: read it once."""
    return tuple(money_in(text, word_set(text), default_currency))


def find_money(text: str, *, default_currency: str | None = None) -> list[MoneyMatch]:
    """Every money amount in `text`, in order, with offsets (bound words included)."""
    if not isinstance(text, str) or not text:
        return []
    return list(_money_cached(text, default_currency))


def parse_money(text: str, *, default_currency: str | None = None) -> Money:
    """The one amount `text` consists of; NormalizationError if it is anything else."""
    stripped = text.strip() if isinstance(text, str) else ""
    offset = len(text) - len(text.lstrip()) if stripped else 0
    matches = find_money(text, default_currency=default_currency) if stripped else []
    if (
        len(matches) == 1
        and matches[0].start == offset
        and matches[0].end == offset + len(stripped)
    ):
        return matches[0].money
    raise NormalizationError(f"not a money amount: {text!r}")
