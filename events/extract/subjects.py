"""Subjects the registry does not know: "SK Hynix, which reported ..." is not the topic.

When a clause opens with a company-like name that is not in the registry, its facts belong
to that unknown company, so they must not fall back to the article's main entity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from events.entities import Mention

__all__ = [
    "heading_names_unknown",
    "opening_name",
    "opens_with_unknown",
    "short_form",
    "short_forms",
    "unknown_subject_before",
]

# A clause that opens with a name the registry does not know ("SK Hynix, which ...",
# "Hermes said ...") is about that unknown company: its facts must not fall to the topic.
_OPENING_NAME = re.compile(
    r"^\s*(?:(?:Rival|Peer|Competitor|Smaller rival|Larger rival|Shares of|Shares in|Stock of)\s+)?"
    r"(?P<name>(?:[A-Z][\w&.'\u2019-]*\s+){0,2}[A-Z][\w&.'\u2019-]*)"
    r"(?=\s*,\s*which\b|\s*,\s*whose\b|\s+(?:said|says|reported|reports|posted|delivered|sold"
    r"|won|announced|closed|rose|fell|gained|dropped|slipped|jumped|plans|expects|agreed|signed"
    r"|completed|launched|bought|repurchased|crossed|raised|cut|lowered)\b"
    r"|['\u2019]s?\s+(?:shares|stock)\b|\s+(?:shares|stock)\s+(?:closed|rose|fell|gained|dropped"
    r"|slipped|jumped|ended|finished|climbed|declined|added|lost|were|was|traded)\b)"
)
_COMPANY_SUFFIX = re.compile(
    r"\b(?:Inc|Corp|Co|Ltd|Group|Holdings?|Technologies|Motors?|Airlines|Airways|Platforms"
    r"|Retail|Energy|Bank|Pharma\w*|Biosciences|Therapeutics|Semiconductors?|Electronics"
    r"|Systems|Software|plc|AG|SE|SA|NV|Capital|Partners|Industries|Labs)\.?$"
)
_NOT_SUBJECT_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "We",
        "They",
        "He",
        "She",
        "In",
        "On",
        "At",
        "For",
        "By",
        "From",
        "As",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "While",
        "With",
        "Without",
        "Shares",
        "Share",
        "Stock",
        "Stocks",
        "Revenue",
        "Revenues",
        "Sales",
        "Profit",
        "Profits",
        "Net",
        "Operating",
        "Gross",
        "Earnings",
        "Deliveries",
        "Analysts",
        "Analyst",
        "Investors",
        "Management",
        "Chief",
        "Separately",
        "Meanwhile",
        "Elsewhere",
        "However",
        "Moreover",
        "Also",
        "Overall",
        "Overseas",
        "Through",
        "Over",
        "Under",
        "Mainland",
        "Foreign",
        "Brokerage",
        "Several",
        "Some",
        "Many",
        "Most",
        "Both",
        "Each",
        "Data",
        "Services",
        "Options",
        "Related",
        "If",
        "When",
        "What",
        "Why",
        "How",
        "Should",
        "Notably",
        "Regarding",
        "Looking",
        "First",
        "Second",
        "Third",
        "Simultaneously",
        "Concurrently",
        "Following",
        "Premium",
        "Production",
        "Demand",
        "Prices",
        "Trading",
        "Capital",
        "Northbound",
        "Southbound",
        "Cumulatively",
        "Despite",
        "Multiple",
        "Success",
        "Market",
        "Markets",
        "Financial",
        "Exceptional",
        "Strategic",
        "Revised",
        "Total",
        "Annual",
        "Quarterly",
        "Full",
        "Last",
        "Next",
        "Results",
        "Executives",
        "Brokers",
        "Sources",
        "Officials",
        "Traders",
        "Buyers",
        "Customers",
        "Orders",
        "Output",
        "Consumers",
        "Company",
        "Group",
        "Board",
        "Directors",
        "Director",
        "President",
        "Founder",
        "Chairman",
        "CEO",
        "CFO",
    ]
)


# "..., with TotalEnergies keeping its buyback at $1.5 billion": a name the registry does not
# know as the subject of the words right before a fact.
_INNER_SUBJECT = re.compile(
    r"(?:\bwith|\bwhile|\bwhereas|\band|\bas|,)\s+(?P<name>(?:[A-Z][\w&.'\u2019-]*\s+){0,2}"
    r"[A-Z][\w&.'\u2019-]*)\s+(?:also\s+|still\s+|again\s+)?(?:keeping|kept|cutting|cut"
    r"|raising|raised|lifting|lifted|lowering|lowered|reporting|reported|posting|posted|said|says"
    r"|announcing|announced|expecting|expects|buying|bought|selling|sold|winning|won|signing"
    r"|signed|launching|launched|delivering|delivered|closing|closed|rising|rose|falling|fell"
    r"|plans|planning|agreed|agreeing)\b"
)


def unknown_subject_before(
    text: str,
    lo: int,
    anchor: int,
    people: Mapping[str, object],
    firms: Sequence[tuple[int, int]] = (),
) -> bool:
    """True when the last subject named in text[lo:anchor] before a verb is a company-like name
    (the caller has checked that the registry names no company there; analyst firms and
    people are not companies)."""
    last = None
    for m in _INNER_SUBJECT.finditer(text, lo, anchor):
        last = m
    if last is None or any(s < last.end("name") and last.start("name") < e for s, e in firms):
        return False
    name = last["name"]
    words = name.split()
    return not (words[0] in _NOT_SUBJECT_WORDS or name in people or any(name in p for p in people))


# A heading that names a company the registry does not know ("BRIEF-Example Co authorizes
# buyback"): the bullets under it are about that company.
_HEADING_NAME = re.compile(
    r"^\s*(?:(?:BRIEF|UPDATE\s*\d*|EXCLUSIVE|CORRECTED)\s*[-:]\s*)?"
    r"(?P<name>(?:[A-Z][\w&.'\u2019-]*\s+){0,3}[A-Z][\w&.'\u2019-]*)\s+[a-z]+(?:s|ed)\b"
)


def heading_names_unknown(text: str, people: Mapping[str, object]) -> bool:
    """True when a heading opens with a company-like name and a verb (the caller has checked
    that the registry names no company in it)."""
    m = _HEADING_NAME.match(text)
    if m is None:
        return False
    words = m["name"].split()
    return words[0] not in _NOT_SUBJECT_WORDS and m["name"] not in people


_OPENINGS: dict[str, str | None] = {}


def opening_name(text: str) -> str | None:
    """The company-like name `text` opens with as a subject ("Hermes shares closed ...").

    Remembered per text: the topic pass and the rules ask about the same sentence again.
    """
    try:
        return _OPENINGS[text]
    except KeyError:
        pass
    if len(_OPENINGS) > 4096:
        _OPENINGS.clear()
    m = _OPENING_NAME.match(text)
    name = _OPENINGS[text] = m["name"] if m is not None else None
    return name


def short_form(name: str, mentions: Sequence[Mention]) -> str | None:
    """The company a short name stands for: "Novo" after "Novo Nordisk", "Mercedes" after
    "Mercedes-Benz" (a known name it opens, named earlier in the article)."""
    return short_forms(mentions).get(name)


def short_forms(mentions: Sequence[Mention]) -> dict[str, str]:
    """Every short name the mentions allow (the words of a name before a space or hyphen)
    and the company of its first mention: built once per article, looked up per sentence."""
    table: dict[str, str] = {}
    for m in mentions:
        text = m.text
        for i, c in enumerate(text):
            if c in " -":
                table.setdefault(text[:i], m.slug)
    return table


def opens_with_unknown(text: str, people: Mapping[str, object], body: str) -> bool:
    """True when `text` opens with a company-like name the registry does not know."""
    name = opening_name(text)
    if name is None:
        return False
    words = name.split()
    if words[0] in _NOT_SUBJECT_WORDS or name in people:
        return False
    if any(name in p for p in people):
        return False
    if _COMPANY_SUFFIX.search(name) or any(w.isupper() and len(w) > 1 for w in words):
        return True
    if len(words) == 1:
        return re.search(rf"\b{re.escape(name.lower())}\b", body) is None
    return False
