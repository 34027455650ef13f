"""Analyst ratings and target prices: firm, rating, action, target and previous target.

A rating needs a research firm (from the vocabulary, or the firm of an analyst named in
the article) and either a rating word in a rating phrase ("maintains a "Buy" rating",
"downgraded X to Hold from Buy", "rates the stock outperform") or a target price. The
rated company is the one named after "on/of/to" or the sentence's subject, never the firm.
One sentence can carry several firms ("Jefferies kept its buy rating ..., while Kotak
retained an add rating ..."): each clause is read on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from events.extract.attribution import _CLAUSE_BREAK
from events.extract.context import UNKNOWN, SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import statement_when
from events.extract.vocab import RATING_WORDS, normalize_rating
from events.model import AnalystRatingData
from events.values import Money

__all__ = ["RULES"]

_RATING_ALT = "|".join(re.escape(w) for w in sorted(RATING_WORDS, key=len, reverse=True))
_Q = r"[\"“”']?"
_PHRASE = re.compile(
    rf"(?:\b(?:a|an|its|the|their|his|her)\s+)?{_Q}\b(?P<r1>{_RATING_ALT}){_Q}\s+(?:rating|recommendation|call|stance)\b"
    rf"|\bto\s+{_Q}(?P<r2>{_RATING_ALT}){_Q}(?:\s+from\s+{_Q}(?P<p2>{_RATING_ALT}){_Q})?(?=[\s,.;]|$)"
    rf"|\b(?:rat(?:es|ed|ing))\s+(?:\S+\s+){{0,3}}?(?:at|as|an?)\s+{_Q}(?P<r3>{_RATING_ALT}){_Q}\b",
    re.IGNORECASE,
)
# "reiterated Buy", "maintained a 'buy'", "initiated coverage at Sell", "Rating: BUY": a
# rating word without "rating" after it, only after a verb of rating (and only the words
# that cannot be ordinary English there: no "add", "reduce", "in line").
_BARE_WORDS = (
    r"strong buy|conviction buy|buy|outperform|accumulate|overweight|equal[- ]weight|neutral"
    r"|hold|market perform|sector perform|peer perform|strong sell|sell|underperform|underweight"
)
_BARE = re.compile(
    rf"(?:\b(?:reiterat\w*|maintain\w*|kept|keeps|keep|retain\w*|reaffirm\w*|affirm\w*"
    rf"|stay(?:s|ed)?|remain(?:s|ed)?|initiat\w*|start(?:s|ed)?|resum\w+)"
    rf"(?:\s+coverage)?(?:\s+(?:(?:of|on)\s+)?(?:the\s+)?(?-i:[A-Z][\w.&-]*)(?:\s+(?-i:[A-Z][\w.&-]*)){{0,2}}?"
    rf"(?=\s+(?:at|with|as)\b))?"
    rf"(?:\s+(?:at|with|on|as))?(?:\s+(?:an?|its|their|our|the))?"
    rf"|\bRating\s*:)\s*{_Q}(?P<r4>{_BARE_WORDS}){_Q}(?![\w-])"
    rf"(?!\s+(?:rating|recommendation|call|stance|of|off|back|into|up|out|on\s+to)\b)",
    re.IGNORECASE,
)
_RESEARCH_HOUSE = re.compile(
    r"\b(?:Research|Securities|Equit(?:y|ies)|Capital Markets|Brokerage)\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|We|Our)\b|\bRating\s*:", re.IGNORECASE)
_RANK = {"buy": 2, "overweight": 2, "hold": 1, "neutral": 1, "sell": 0, "underweight": 0}
_TARGET = re.compile(r"\b(?:price target|target price|price objective|PT|target)\b", re.IGNORECASE)
_ACTIONS = (
    (
        "downgrade",
        re.compile(
            r"\bdowngrad\w+|\bcut\w*\s+(?:\w+\s+){0,3}?to\s+[\"“]?(?:hold|neutral|sell|underweight|underperform)",
            re.IGNORECASE,
        ),
    ),
    ("upgrade", re.compile(r"\bupgrad\w+", re.IGNORECASE)),
    (
        "initiate",
        re.compile(r"\binitiat\w+|\bstart(?:ed|s)? coverage|\bresum\w+ coverage", re.IGNORECASE),
    ),
)
_TRIGGER = re.compile(
    rf"\b(?:rating|recommendation|upgrad\w+|downgrad\w+|initiat\w+|coverage|price target|target "
    rf"price|target)\b"
    rf"|\bto\s+{_Q}(?:{_RATING_ALT}){_Q}\b"
    # a rating verb and a rating word close after it (`_BARE` decides), on lowercased text
    r"|\b(?:reiterat|maintain|kept|keep|retain|reaffirm|affirm|stay|remain|initiat|start|resum)"
    r"[^.;]{0,80}?(?:buy|sell|hold|neutral|perform|weight)"
    r"|\brating\s*:",
    re.IGNORECASE,
)
_TRIGGER_LOW = re.compile(_TRIGGER.pattern.lower())  # the same on `view.lower`, several x faster


def _clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each clause of `text` (see attribution.clause_bounds)."""
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


@rule(
    "rating.analyst",
    _TRIGGER.pattern,
    keywords=(
        "rating",
        "recommend",
        "grad",
        "initiat",
        "coverage",
        "target",
        "rate",
        "objective",
        "reiterat",
        "maintain",
        "kept",
        "keep",
        "retain",
        "affirm",
        # "Citi cut UBS to neutral from buy": a rating word after "to" alone
        "to neutral",
        "to buy",
        "to sell",
        "to hold",
        "to overweight",
        "to underweight",
        "to outperform",
        "to underperform",
        "to equal",
        "to market perform",
        "to sector perform",
        "to peer perform",
        "to accumulate",
    ),
)
def analyst_rating(view: SentenceView, _m: re.Match[str]) -> Iterator[Draft]:
    text = view.text
    for lo, hi in _clauses(text):
        draft = _clause_rating(view, lo, hi)
        if draft is not None:
            yield draft


def _firm(view: SentenceView, lo: int, hi: int) -> tuple[str, str | None, int] | None:
    """(firm, analyst, position) of the research firm speaking in [lo, hi)."""
    firms = [f for f in view.firms if lo <= f.start < hi]
    analyst = None
    for person in view.people:
        if person.role == "analyst" and person.name in view.text[lo:hi]:
            analyst = person
    if not firms:
        for name, person in view.ctx.people.items():
            if person.role == "analyst" and person.firm and name in view.text[lo:hi]:
                return person.firm, name, view.text.find(name, lo)
        house = _house(view)
        if house is not None and _FIRST_PERSON.search(view.text, lo, hi):
            return house, None, lo
        return None
    firm = firms[0]
    name = analyst.name if analyst and (analyst.firm in (None, firm.value)) else None
    return firm.value, name, firm.start


def _house(view: SentenceView) -> str | None:
    """The research house that publishes this article, when it is one: a note's own call
    ("we stay Buy", "Rating: BUY") is the publisher's."""
    publisher = view.ctx.article.publisher or ""
    if not _RESEARCH_HOUSE.search(publisher):
        return None
    known = view.ctx.vocab.firm_name(publisher)
    if known:
        return known
    name = re.sub(r"\s+(?:Equity\s+)?Research$", "", publisher.strip(), flags=re.IGNORECASE)
    return name or publisher


def _clause_rating(view: SentenceView, lo: int, hi: int) -> Draft | None:
    text = view.text
    if not _TRIGGER_LOW.search(view.lower, lo, hi):
        return None
    found = _firm(view, lo, hi)
    if found is None:
        return None
    firm, analyst, at = found
    rating = previous_rating = label = None
    for m in _PHRASE.finditer(text, lo, hi):
        word = m["r1"] or m["r2"] or m["r3"]
        if m["r2"] and not re.search(
            r"(?:grad\w+|cut\w*|rais\w+|mov\w+|lower\w*|lift\w*)\b[^;]{0,60}$",
            text[max(lo, m.start() - 70) : m.start()],
            re.IGNORECASE,
        ):
            continue
        rating, label = normalize_rating(word), word.strip("\"“”' ").lower()
        previous_rating = normalize_rating(m["p2"]) if m["p2"] else None
        break
    if rating is None:
        bare = _BARE.search(text, lo, hi)
        if bare is not None:
            word = re.sub(r"[- ]+", " ", bare["r4"].lower()).replace("equal weight", "equal-weight")
            rating, label = normalize_rating(word), word
    if rating is None:
        rating, label = _appositive(view, at, lo, hi)
    target = previous_target = None
    t = _TARGET.search(text, lo, hi)
    if t is not None and (
        _OWN_METRIC_TARGET.match(text, t.end())
        or _MARKET_TARGET.search(text, max(lo, t.start() - 30), t.start())
        or _GOAL_BEFORE.search(text, max(lo, t.start() - 40), t.start())
    ):
        t = None  # "raised its 2025 target for banking net interest income": the company's own
    if t is not None:
        money = [
            mm
            for mm in view.money
            if t.start() - 60 <= mm.start < min(hi, t.end() + 90)
            and mm.start >= lo
            and not _SCENARIO_AFTER.match(text, mm.end)
            and not _SCENARIO_BEFORE.search(text, max(lo, mm.start - 25), mm.start)
        ]
        after = [mm for mm in money if mm.start >= t.start()] or sorted(
            money, key=lambda mm: t.start() - mm.end
        )
        for mm in after:
            head = text[max(lo, mm.start - 12) : mm.start]
            if re.search(r"\bfrom\s*$", head, re.IGNORECASE):
                previous_target = previous_target or mm.money
            elif target is None and not re.search(
                r"current (?:share )?price of\s*$|upside from",
                text[max(lo, mm.start - 30) : mm.start],
            ):
                target = mm.money
    if rating is None and target is None:
        return None
    window = text[max(0, at - 10) : hi]
    action = "maintain"
    for name, pattern in _ACTIONS:
        if pattern.search(window):
            action = name
            break
    if action == "maintain" and rating and previous_rating and rating != previous_rating:
        action = "upgrade" if _RANK[rating] > _RANK[previous_rating] else "downgrade"
    if view.hedged(at, strict=False) and not re.search(
        r"\b(?:kept|keeps|maintain\w*|reiterat\w*|retain\w*)\b", window
    ):
        return None
    entity = _rated(view, lo, hi, at)
    when, default = statement_when(view)
    return Draft(
        "analyst_rating",
        AnalystRatingData(
            firm=firm,
            analyst=analyst,
            rating=rating,
            action=action,  # type: ignore[arg-type]
            target_price=target,
            previous_target=previous_target,
            rating_label=label if label and label != rating else None,
            previous_rating=previous_rating,
        ),  # type: ignore[arg-type]
        when,
        entity=entity,
        anchor=at,
        default_when=default,
    )


_OWN_METRIC_TARGET = re.compile(  # a company's target for a metric, not a price target
    r"\s+(?:for|on)\s+(?:its\s+|the\s+)?(?:\w+\s+){0,2}?(?:net interest income|NII|revenue|sales"
    r"|profit|earnings|margin|returns?|return on|costs?|expenses|deliveries|capital|CET1"
    r"|dividend|payout|growth|fundraising|income)\b",
    re.IGNORECASE,
)
_MARKET_TARGET = re.compile(  # "its gold price target", "year-end S&P 500 target": no stock
    r"\b(?:gold|silver|oil|brent|wti|crude|copper|commodit\w+|s&p(?:\s+500)?|index|nasdaq|dow"
    r"|nikkei|kospi|bitcoin|yield|rates?|fx|currency|dollar|euro|yen|yuan|stoxx|dax|ftse)"
    r"(?:\s+(?:price|level|year-end))?\s+$",
    re.IGNORECASE,
)
_GOAL_BEFORE = re.compile(  # "on track to reach its target of $10 billion": a goal of its own
    r"\b(?:reach|hit|meet|achieve|exceed|beat|miss|surpass|on track (?:to|for)|towards?)\s+"
    r"(?:its|their|the|a|an)\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_SCENARIO_AFTER = re.compile(
    r"\s+(?:in\s+(?:its|the|a)\s+)?(?:bull|bear|blue[- ]sky|upside|downside)"
    r"[- ](?:case|scenario)\b",
    re.IGNORECASE,
)
_SCENARIO_BEFORE = re.compile(
    r"\b(?:bull|bear|blue[- ]sky|upside|downside)[- ](?:case|scenario)"
    r"(?:\s+(?:value|target|of|at))*\s*$",
    re.IGNORECASE,
)


def _appositive(view: SentenceView, at: int, lo: int, hi: int) -> tuple[str | None, str | None]:
    """A rating set off right after the firm: "Morgan Stanley, overweight, raised its
    target", "Jefferies (Buy) lifted its target"."""
    firm = next((f for f in view.firms if f.start == at), None)
    if firm is None:
        return None, None
    m = _APPOSITIVE.match(view.text, firm.end, hi)
    if m is None:
        return None, None
    word = re.sub(r"[- ]+", " ", m["r"].lower()).replace("equal weight", "equal-weight")
    return normalize_rating(word), word


_APPOSITIVE = re.compile(
    rf"\s*(?:,|\(|\u2013|-)\s*(?:rated\s+)?{_Q}(?P<r>{_BARE_WORDS}){_Q}\s*(?:,|\)|\u2013|-)",
    re.IGNORECASE,
)


_RATED_BEFORE = re.compile(
    r"\b(?:on|of|upgrad\w+|downgrad\w+|cut|cuts|raised|lifted|lowered|initiat\w+(?:\s+coverage"
    r"\s+(?:of|on))?|rates|rated|reiterat\w+|kept|maintain\w*|started(?:\s+coverage\s+(?:of|on))?)"
    r"\s+(?:shares\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)


def _firm_rated(view: SentenceView, lo: int, hi: int, at: int) -> tuple[int, str] | None:
    """(position, slug) of a research firm after the rating firm that is itself a listed
    company being rated ("upgraded Morgan Stanley", "price target on HSBC")."""
    text = view.text
    for f in view.firms:
        if not (at < f.start < hi) or f.start == at:
            continue
        if not _RATED_BEFORE.search(text, max(lo, f.start - 40), f.start):
            continue
        try:
            return f.start, view.ctx.registry.resolve(text[f.start : f.end]).slug
        except Exception:
            continue
    return None


def _rated(view: SentenceView, lo: int, hi: int, at: int) -> str | None:
    """The company rated: named in the clause (after the firm first), else the topic."""
    mentions = [m for m in view.mentions if lo <= m.start < hi]
    after = [m for m in mentions if m.start > at]
    bank = _firm_rated(view, lo, hi, at)
    if bank is not None and (not after or bank[0] < after[0].start):
        return bank[1]  # "Goldman Sachs upgraded Morgan Stanley to buy": a bank rated by a bank
    if after:
        return after[0].slug
    if mentions:
        return mentions[-1].slug
    found = view.entity_at(at)
    if found is None:  # the firm opens the clause: the company the passage is about
        topic = view.topic_before
        found = topic if topic not in (None, UNKNOWN) else view.ctx.main
    return found


RULES = [analyst_rating]
_ = Money
