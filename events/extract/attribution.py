"""Who a sentence is about: companies, analyst firms and people.

A fact belongs to the company that is the subject of its clause, not to every company the
sentence names: "GM, for instance, announced an impairment" is about GM even in an article
about Xiaomi, and "rivals like Tesla and BYD" names companies only for comparison. When a
sentence names no company ("The division reported ..."), the topic carries over from the
previous sentence of the same paragraph, else the article's main entity.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from events.articles.text import lower_like_ignorecase
from events.entities import Mention, Registry
from events.extract.vocab import Term, normalize_role

if TYPE_CHECKING:
    from events.extract.gazetteer import Found

__all__ = [
    "Person",
    "clause_bounds",
    "company_mentions",
    "comparative_flags",
    "find_people",
    "main_entity",
    "subject_at",
]

# A mention right after these words is named for comparison, not as the subject.
_COMPARATIVE_BEFORE_TEXT = (
    r"(?:\blike|\bsuch as|\bincluding|\bthan|\brivals?|\bcompetitors?|\bpeers?|\bversus|\bvs\.?"
    r"|\bcompared (?:with|to)|\bahead of|\bbehind|\bunlike|\bagainst|\bbeat(?:ing)?|\boutpac\w+"
    r"|\bsuppliers?|\bsold to|\bbought from|\bacquired by|\bcontract with|\bdeal with)"
    r"(?:\s+(?:the\s+)?(?:u\.s\.|us|chinese|german|japanese|korean|european|american|"
    r"established|larger|smaller|domestic|local|global)?\s*(?:rivals?|peers?|competitors?|"
    r"automakers?|carmakers?|companies|firms|makers?)?)?\s*,?\s*$"
)
_COMPARATIVE_BEFORE = re.compile(_COMPARATIVE_BEFORE_TEXT, re.IGNORECASE)
_COMPARATIVE_BEFORE_LOWER = re.compile(_COMPARATIVE_BEFORE_TEXT)  # lower_like_ignorecase text
# "Tesla rival BYD", "Apple supplier Foxconn": the first name only qualifies the second.
_QUALIFIER_AFTER = re.compile(
    r"^(?:'s)?\s*(?:rival|peer|competitor|supplier|partner|customer|-backed|-owned|unit|"
    r"subsidiary|affiliate|spin-off)s?\b",
    re.IGNORECASE,
)
# `while(?<!\wwhile)` is `\bwhile`: with every alternative opening with a literal, the
# regex engine skips to candidate characters in C instead of trying each position.
_CLAUSE_BREAK = re.compile(
    r";|\u2014|\u2013| -- |, (?:while|whereas|but|although|though)\b|while(?<!\wwhile)\b"
)
_NAME = r"(?-i:[A-Z][a-z]+(?:[-' ](?:[A-Z][a-z]+|[A-Z]\.)){1,2})"
# Role words are found in the lowercased sentence (no IGNORECASE: several times faster),
# then a capitalised name is looked for right after ("CEO Lei Jun") or right before
# ("Tim Cook, Apple's chief executive"). For speed in Python's regex engine, the pattern
# runs over " " + lowercased text and consumes the non-letter before the role word (a
# leading `(?<![a-z])` would be tried at every character), and every alternative starts
# with a letter (an optional group in front, "(?:co-?)?founder", costs a full try at every
# candidate; spelt out in the same order, the alternatives match the same).
_ROLE_WORD = re.compile(
    r"[^a-z](?P<role>co-?founder|founder|chief [a-z]+ officer|chief executive"
    r"|ceo|cfo|coo|cto|cio"
    r"|executive vice[- ]chair(?:man|woman)?|vice[- ]chair(?:man|woman)?"
    r"|senior vice[- ]president|executive vice[- ]president|vice[- ]president"
    r"|executive chair(?:man|woman|person)?|non-executive chair(?:man|woman|person)?"
    r"|chair(?:man|woman|person)?"
    r"|president|managing director|non-executive director|executive director"
    r"|independent director|director|board member|general counsel|evp|svp)(?![a-z])"
)
_ROLE_JOIN = re.compile(r"\s*(?:,\s*|\s+and\s+|\s*&\s*|/)\s*$")
_NAME_AFTER = re.compile(rf"\s+({_NAME})")
_NAME_BEFORE = re.compile(
    rf"({_NAME}),\s+(?:the\s+|its\s+|our\s+|[A-Z][\w.&]*(?:\s[A-Z][\w.&]*)?['\u2019]s\s+)?$"
)
_ANALYST_NAMED = (
    re.compile(
        rf"\b(?i:analysts?)\s+(?:at\s+[^,]{{2,40}},?\s+)?(?:including\s+|such as\s+)?({_NAME})"
    ),
    re.compile(rf"({_NAME}),?\s+(?:an?\s+|the\s+)?(?:senior\s+|lead\s+)?analyst\b"),
    re.compile(rf"({_NAME})\s+of\s+(?=[A-Z])"),
)
_NOT_NAMES = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "Its",
        "Their",
        "Chief",
        "Executive",
        "Officer",
        "Shares",
        "Stock",
        "Group",
        "Inc",
        "Corp",
        "Hong",
        "Kong",
        "New",
        "York",
        "Stock",
        "Connect",
        "Northbound",
        "Southbound",
        "Global",
        "Research",
    ]
)


@attrs.frozen
class Person:
    """A named person and what the text says they are (role, or analyst at a firm)."""

    name: str
    role: str | None = None
    firm: str | None = None


def _valid_name(name: str) -> bool:
    return not any(part in _NOT_NAMES for part in name.split())


def _role_phrases(text: str, lower: str) -> list[tuple[int, int]]:
    """[start, end) of role phrases: "founder and CEO", "Chairman and Chief Executive"."""
    phrases: list[list[int]] = []
    for m in _ROLE_WORD.finditer(" " + lower):
        start, end = m.start("role") - 1, m.end("role") - 1  # offsets in `lower`
        if phrases and _ROLE_JOIN.match(lower[phrases[-1][1] : start] + " "):
            phrases[-1][1] = end
        else:
            phrases.append([start, end])
    return [(a, b) for a, b in phrases]


# Words that end a name read from a line in capitals ("CEO JENSEN HUANG SOLD ..."), where
# every word looks like a name once the line is title-cased.
_CAPS_STOP = frozenset(
    [
        "sold", "sells", "selling", "bought", "buys", "buying", "said", "says", "reports",
        "reported", "has", "have", "had", "will", "to", "and", "of", "at", "on", "in", "for",
        "disposed", "acquired", "purchased", "exercised", "filed", "files", "plans",
    ]
)  # fmt: skip


_NO_LOWER = str.maketrans("", "", string.ascii_lowercase)
_NO_UPPER = str.maketrans("", "", string.ascii_uppercase)


_CAPS_CHUNK = 512


def _caps_line(text: str) -> bool:
    """At least 12 letters, nine in ten of them capitals (counted in C: `translate`).

    Lowercase letters are counted a chunk at a time and the count stops once it passes a
    tenth of the text: prose (a whole article body) is done after its first chunk or two.
    """
    limit = len(text) // 10
    lower = 0
    for i in range(0, len(text), _CAPS_CHUNK):
        chunk = text[i : i + _CAPS_CHUNK]
        lower += len(chunk) - len(chunk.translate(_NO_LOWER))
        if lower > limit:
            return False
    upper = len(text) - len(text.translate(_NO_UPPER))
    return upper >= 12 and upper >= 9 * lower


def find_people(text: str, firms: Sequence[Term] = ()) -> list[Person]:
    """People named with a role ("CEO Lei Jun", "Tim Cook, Apple's chief executive") or as
    analysts ("analyst Joseph Moore", "Jane Doe, an analyst at ..."); in a line written in
    capitals ("NVIDIA CORP CEO JENSEN HUANG SOLD ...") the names come out title-cased."""
    if _caps_line(text):
        titled = text.title()
        if len(titled) == len(text):
            out = []
            for p in _find_people(titled, firms):
                words = p.name.split()
                while words and words[-1].lower() in _CAPS_STOP:
                    words.pop()
                if len(words) >= 2:
                    out.append(attrs.evolve(p, name=" ".join(words)))
            return out
    return _find_people(text, firms)


def _find_people(text: str, firms: Sequence[Term] = ()) -> list[Person]:
    out: list[Person] = []
    lower = text.lower()
    if len(lower) == len(text):
        for start, end in _role_phrases(text, lower):
            role = normalize_role(text[start:end])
            after = _NAME_AFTER.match(text, end)
            if after and _valid_name(after.group(1)):
                out.append(Person(after.group(1), role))
                continue
            before = _NAME_BEFORE.search(text, max(0, start - 80), start)
            if before and _valid_name(before.group(1)):
                out.append(Person(before.group(1), role))
    if "analyst" not in lower and not firms:
        return out
    # The first two patterns need the word "analyst" ((?i:) also reads a long s as "s").
    analyst = "analyst" in lower or "\u017f" in text
    for kind, pattern in enumerate(_ANALYST_NAMED):
        if (kind == 2 and not firms) or (kind < 2 and not analyst):
            continue
        for m in pattern.finditer(text):
            name = m.group(1)
            if not _valid_name(name) or any(f.start <= m.start(1) < f.end for f in firms):
                continue  # "Morgan Stanley analyst ...": the firm, not a person
            if kind == 2 and not any(f.start == m.end() for f in firms):
                continue  # "X of Y" names an analyst only when Y is a research firm
            firm = min(firms, key=lambda f: abs(f.start - m.start())).value if firms else None
            out.append(Person(name, "analyst", firm))
    return out


def company_mentions(text: str, registry: Registry, firms: Sequence[Term]) -> list[Mention]:
    """Companies named in `text`, minus names that are part of an analyst firm's name."""
    mentions = registry.mentions(text)
    if not firms:
        return mentions
    return [m for m in mentions if not any(f.start <= m.start and m.end <= f.end for f in firms)]


_RIVAL_OPENER = re.compile(
    r"\s*(?:(?:its|the|a)\s+)?(?:(?:smaller|larger|bigger|main|chief|closest|Chinese|U\.S\.|"
    r"European|Japanese|domestic|local)\s+)?"
    r"(?:rival|peer|competitor)s?\s*",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s+(?:and|or|as well as))\s*$")


def comparative_flags(text: str, mentions: Sequence[Mention]) -> list[bool]:
    """Per mention: named for comparison ("rivals like NIO and Xpeng") or as a qualifier."""
    flags: list[bool] = []
    for i, m in enumerate(mentions):
        before = text[max(0, m.start - 48) : m.start]
        low = lower_like_ignorecase(before)
        if low is not None:  # several times faster than the IGNORECASE pattern
            flag = _COMPARATIVE_BEFORE_LOWER.search(low) is not None
        else:
            flag = _COMPARATIVE_BEFORE.search(before) is not None
        if flag and _RIVAL_OPENER.fullmatch(text[clause_bounds(text, m.start)[0] : m.start]):
            flag = False  # "Rival Airbus delivered ...": the rival is the subject
        if not flag and i and flags[i - 1]:
            flag = _LIST_JOIN.match(text[mentions[i - 1].end : m.start]) is not None
        if not flag:
            flag = _QUALIFIER_AFTER.match(text[m.end : m.end + 16]) is not None
        flags.append(flag)
    return flags


_BREAKS: dict[str, list[tuple[int, int]]] = {}


def _breaks(text: str) -> list[tuple[int, int]]:
    """Clause breaks of a sentence, found once (rules ask about the same sentence often)."""
    found = _BREAKS.get(text)
    if found is None:
        if len(_BREAKS) > 4096:
            _BREAKS.clear()
        found = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
        _BREAKS[text] = found
    return found


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the clause of `text` that contains offset `pos`."""
    start, end = 0, len(text)
    for b_start, b_end in _breaks(text):
        if b_end <= pos:
            start = b_end
        elif b_start >= pos:
            end = b_start
            break
    return start, end


def subject_at(
    text: str, mentions: Sequence[Mention], anchor: int, flags: Sequence[bool] | None = None
) -> str | None:
    """The company a fact at `anchor` belongs to: the clause's first non-comparative name
    before the anchor, else the first one after it; None when the clause names none."""
    if not mentions:
        return None
    lo, hi = clause_bounds(text, anchor)
    if flags is None:
        flags = comparative_flags(text, mentions)
    main = [m for m, f in zip(mentions, flags, strict=True) if lo <= m.start < hi and not f]
    before = [m for m in main if m.start <= anchor]
    if before:
        return before[0].slug
    after = [m for m in main if m.start > anchor]
    return after[0].slug if after else None


def main_entity(
    title: Found, sentences: Sequence[tuple[Sequence[Mention], Sequence[bool]]]
) -> str | None:
    """The company the article is about: title names weigh most, then mention counts
    (the first sentence's count triple), leaving out names given only for comparison."""
    score: Counter[str] = Counter()
    firm_spans = [(f.start, f.end) for f in title.firms]
    for m in title.companies:
        if not any(s <= m.start and m.end <= e for s, e in firm_spans):
            score[m.slug] += 5
    for i, (mentions, flags) in enumerate(sentences):
        for m, comparative in zip(mentions, flags, strict=True):
            if not comparative:
                score[m.slug] += 3 if i == 0 else 1
    if not score:
        return None
    return score.most_common(1)[0][0]
