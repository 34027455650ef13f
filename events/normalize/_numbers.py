"""Numerals shared by the money and quantity readers: digits, number words and scales.

Values go through `Decimal` so that "190.6 million" becomes exactly 190600000.0 and
"53.5" stays 53.5: the float is the nearest double to the written decimal, never the
product of two rounded floats.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import repeat

from ._lexicon import split_words

# A written number: "1,071", "1,00,000" (Indian grouping), "53.5". It must not be a piece
# of a longer token: no digit, dot-letter, or dot/comma/colon-digit may follow (so
# "09.01.2026", "01810.HK", "11:42" and "1,2,3" are not numbers here).
NUM = r"(?:\d{1,3}(?:,\d{2,3})*,\d{3}|\d+)(?:\.\d+)?(?!\d)(?![,.:]\d)(?!\.[A-Za-z])"
# NUM after its first digit (the alternatives tried in the same order).
_NUM_TAIL = r"(?:\d{0,2}(?:,\d{2,3})*,\d{3}|\d*)(?:\.\d+)?(?!\d)(?![,.:]\d)(?!\.[A-Za-z])"


def lone_num(*not_before: str) -> str:
    """`(?<!X)...NUM` for each regex X of `not_before`, written to open with the first digit
    and test the lookbehinds right after it: a pattern that starts with a digit lets the
    regex engine skip ahead to the digits of a text, where one that starts with a
    lookbehind is tried at every character."""
    return r"\d" + "".join(rf"(?<!{x}\d)" for x in not_before) + _NUM_TAIL


# Cardinal number words up to ninety (compound ones like "twenty-one" add a ten and a unit).
CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _title(words: str) -> str:
    """ "one|two" -> "[Oo]ne|[Tt]wo": Title or lower case without a slow (?i:) scan."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|"))


_TENS = _title("twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_ONES = "one|two|three|four|five|six|seven|eight|nine"

# Number words: "one" .. "ninety-nine", "a dozen", "a hundred" (lower or Title case).
WORDNUM = (
    r"(?:\b(?:(?:" + _TENS + r")(?:[\s-](?:" + _ONES + r"))?"
    r"|"
    + _title("eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
    + r"|"
    + _title(_ONES)
    + r"|[Tt]en|[Aa]n?\s+dozen|[Dd]ozen|[Aa]\s+hundred|[Oo]ne\s+hundred)\b)"
)

SCALES: dict[str, Decimal] = {
    "hundred": Decimal(100),
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "lac": Decimal(10) ** 5,
    "lacs": Decimal(10) ** 5,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "tr": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "trln": Decimal(10) ** 12,
}

# Scale words that may stand apart from the number ("5 million", "5 bn", "5-million").
SCALE_WORD = (
    r"(?i:(?:hundred\s+)?(?:thousand|million|billion|trillion)|hundred|crores?|lakhs?|lacs?"
    r"|mln|mn|bln|bn|trln|trn|tn|mio)(?![\w])"
)
# One-letter scales only directly attached ("£3m", "$5bn" is covered above, "$2B", "500K").
SCALE_ATTACHED = r"(?:[kKmMbB]|cr|tr)(?![\w-])"


def decimal_of(numeral: str) -> Decimal:
    """The exact value of a digit numeral or a number word ("1,071", "53.5", "twenty-five")."""
    s = numeral.strip().lower()
    if s and (s[0].isdigit() or s[0] == "."):
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex only admits numerals
            raise ValueError(numeral) from exc
    s = re.sub(r"\s+", " ", s.replace("-", " "))
    if s in ("a dozen", "an dozen", "dozen"):
        return Decimal(12)
    if s in ("a hundred", "one hundred"):
        return Decimal(100)
    total = 0
    for part in s.split(" "):
        total += CARDINALS[part]
    return Decimal(total)


def scale_of(word: str | None) -> Decimal:
    """The multiplier of a scale word ("million" -> 1e6, "hundred thousand" -> 1e5)."""
    if not word:
        return Decimal(1)
    factor = Decimal(1)
    for part in word.lower().split():
        factor *= SCALES[part]
    return factor


def to_float(value: Decimal) -> float:
    """Nearest double to an exact decimal, with -0.0 folded to 0.0."""
    result = float(value)
    return result + 0.0


NUMBER_WORDS = frozenset(
    split_words(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety dozen hundred"
    )
)
_PUNCT = "-\u2013\u2014,.;:!?()[]{}\"'\u2019\u201c\u201d/%$€£¥₹₩~+&*#@|<>=_"


@lru_cache(maxsize=1024)
def word_set(text: str) -> frozenset[str]:
    """The lowercase words of a text, cheaply: gates that skip slow regexes (cached: the
    money, quantity and duration readers all ask about the same sentence)."""
    words = text.lower().replace("-", " ").split()
    return frozenset(map(str.strip, words, repeat(_PUNCT, len(words))))  # no Python loop
