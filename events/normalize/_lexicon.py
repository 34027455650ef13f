"""Word lists shared by the readers: bound words, counted nouns, months, ordinals.

Kept in one place so that money, quantities and periods agree on what "over" or
"third" means.
"""

from __future__ import annotations

import re

from events.values import Bound


def split_words(text: str) -> list[str]:
    """A word list written as one string: easier to read and extend than a list literal."""
    return text.split()


# Words in front of an amount that say how precise it is.
_BOUND_WORDS: dict[str, Bound] = {
    "over": "at_least",
    "more than": "at_least",
    "above": "at_least",
    "exceed": "at_least",
    "exceeds": "at_least",
    "exceeding": "at_least",
    "exceeded": "at_least",
    "at least": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "in excess of": "at_least",
    "upwards of": "at_least",
    "north of": "at_least",
    "greater than": "at_least",
    "under": "at_most",
    "less than": "at_most",
    "fewer than": "at_most",
    "below": "at_most",
    "up to": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "as many as": "at_most",
    "as much as": "at_most",
    "a maximum of": "at_most",
    "a minimum of": "at_least",
    "about": "approx",
    "approximately": "approx",
    "approx.": "approx",
    "approx": "approx",
    "around": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "some": "approx",
    "circa": "approx",
    "close to": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "~": "approx",
    "almost exactly": "exact",
}


def phrase_trie(phrases: list[str]) -> str:
    """The phrases as one prefix tree ("a(?:fter|s\\s+of)|..."), a space standing for \\s+.

    The engine then tries the few branches that share a first letter instead of every
    phrase in turn. It matches what `a|b|...` longest first matches wherever the phrase
    has to end at a fixed place (a `\\s+$` after it): there only one phrase fits.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + branch(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return branch(trie)


_BOUND_ALT = phrase_trie([w for w in _BOUND_WORDS if w != "~"])
# Anchored at the end of the text just before an amount: "valued at approximately ".
BOUND_BEFORE = re.compile(r"(?:(?<![\w-])(?i:" + _BOUND_ALT + r")\s+|~\s*)$")
# After an amount: "$5 million or more", "20%+".
BOUND_AFTER = re.compile(
    r"(?:\s+or\s+(?:more|above|higher|greater)|\+)(?![\w])"
    r"|(?P<most>\s+or\s+(?:less|below|lower|fewer))(?![\w])"
    r"|(?P<so>\s+or\s+so)(?![\w])"
)
BETWEEN_BEFORE = re.compile(r"(?<![\w-])(?i:between)\s+$")
# "from" earlier in the same clause turns "X to Y" into a change, not a range, unless the
# clause says it is a range ("ranging from").
FROM_IN_CLAUSE = re.compile(r"(?<![\w-])(?i:(?P<rng>rang(?:e|es|ed|ing)\s+)?from)\b[^,.;:]{0,48}$")


def bound_of(words: str) -> Bound:
    """The bound a matched bound phrase stands for ("more  than" -> at_least)."""
    key = " ".join(words.lower().split())
    return _BOUND_WORDS.get(key, "approx" if key.startswith("~") else "exact")


# Counted nouns and the small unit vocabulary they map to.
_NOUN_UNITS: dict[str, str] = {}
for _unit, _nouns in {
    "shares": "share shares stock stocks ads adss adr adrs gdr gdrs",
    "units": "unit units vehicle vehicles car cars ev evs suv suvs sedan sedans truck trucks "
    "smartphone smartphones phone phones handset handsets device devices",
    "stores": "store stores shop shops outlet outlets showroom showrooms branch branches",
    "employees": "employee employees staff worker workers engineer engineers researcher "
    "researchers professional professionals personnel jobs headcount scientists",
    "orders": "order orders pre-order pre-orders preorder preorders booking bookings "
    "reservation reservations",
    "users": "user users customer customers subscriber subscribers mau maus dau daus "
    "account accounts",
}.items():
    for _noun in _nouns.split():
        _NOUN_UNITS[_noun] = _unit

_CLASS_PREFIX = re.compile(r"^[a-z]{1,2}-(?=shares?$)")


def unit_of_noun(noun: str) -> str | None:
    """The vocabulary unit of a counted noun ("B-shares" -> shares, "pre-orders" -> orders)."""
    key = _CLASS_PREFIX.sub("", noun.lower())
    return _NOUN_UNITS.get(key)


# Words that end a noun phrase after a number: function words and common verbs.
STOPWORDS = frozenset(
    split_words(
        """a an the this that these those its it their his her our your my of in on at by for to
    from with within without into onto over under above below between among per each every
    and or but nor so yet as than then since until till before after during through
    throughout while when where which who whom whose what why how if because although though
    is are was were be been being am has have had having do does did will would shall should
    can could may might must up down out off about around nearly approximately roughly almost
    more less most least fewer higher lower year-on-year yoy respectively compared versus vs
    including excluding against via not no also only just still already even again both
    all any some such other another same based following ago today yesterday tomorrow
    now later earlier currently annually monthly yearly year years month months week weeks
    day days quarter quarters decade decades"""
    )
)

# Nouns of time: a number followed by one of these is a duration, not a count.
TIME_UNIT = (
    r"(?i:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?"
    r"|quarters?|decades?|centuries|century)"
)

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    split_words(
        "january february march april may june july august september october november december"
    ),
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

WEEKDAYS = {
    name: i
    for i, name in enumerate(
        split_words("monday tuesday wednesday thursday friday saturday sunday")
    )
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


def ordinal_of(word: str) -> int:
    """The position an ordinal names ("third" -> 3, "10th" -> 10)."""
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    return int(re.sub(r"\D", "", w))


# The preposition in front of a period, and the relation it names.
RELATIONS: dict[str, str] = {}
for _relation, _phrases in {
    "in": "in|on|at|for|as of|as at",
    "by": "by|within|no later than",
    "since": "since",
    "from": "from|as from|starting|starting in|starting from|starting on|starting at|beginning"
    "|beginning in|beginning from|beginning on|effective|effective from|effective on",
    "before": "before|prior to|ahead of",
    "after": "after|following",
    "until": "until|till|through|up to|up until",
    "during": "during|throughout|over",
}.items():
    for _phrase in _phrases.split("|"):
        RELATIONS[_phrase] = _relation
# Anchored at the start of a phrase: what `fiscal_to_when` and friends skip.
LEADING_RELATION = re.compile(
    r"^\s*(?:(?i:"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(RELATIONS, key=len, reverse=True)
    )
    + r")\s+)?"
)


def bound_before(text: str, start: int) -> tuple[int, Bound]:
    """Extend a match back over "about", "more than", "~" and say which bound it sets."""
    window = text[max(0, start - 24) : start]
    m = BOUND_BEFORE.search(window)
    if not m:
        return start, "exact"
    return start - len(window) + m.start(), bound_of(m.group(0).strip())


def bound_after(text: str, end: int, bound: Bound) -> tuple[int, Bound]:
    """ "$5 million or more" / "20%+" set a bound when none was written in front."""
    if bound in ("at_least", "at_most"):
        return end, bound
    m = BOUND_AFTER.match(text, end)
    if not m:
        return end, bound
    if m.group("so"):
        return m.end(), "approx"
    return m.end(), "at_most" if m.group("most") else "at_least"
