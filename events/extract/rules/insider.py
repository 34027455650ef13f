"""Insider trades: a named executive or director buying or selling the company's shares.

The buyer or seller must be a person the article names with a role ("founder and CEO Lei
Jun", "director Kimbal Musk") or a person named elsewhere in it with one; a company buying
its own shares is a buyback, not an insider trade. Denials ("has not sold") and hedges
("could sell") emit nothing.
"""

from __future__ import annotations

import itertools
import re

import msgspec

from events.extract.attribution import Person, clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import values
from events.model import InsiderTradeData
from events.normalize.periods import clamp_to
from events.values import Money, Quantity, When

__all__ = ["RULES"]

_TRADE = re.compile(
    r"\b(?P<buy>bought|buys|buying|purchased|purchases|purchasing|acquired|picked up)\b"
    r"|\b(?P<sell>sold|sells|selling|disposed of|offloaded|unloaded)\b",
    re.IGNORECASE,
)
_STOCK_OBJECT = re.compile(r"\b(?:shares?|stock|stake|ADSs?|ADRs?|worth)\b", re.IGNORECASE)
_STAKE = re.compile(r"\b(?:stake|holding|ownership|owns)\b", re.IGNORECASE)
_PRICE_HEAD = re.compile(
    r"(?:average price of|a price of|price of|\bat|prices?\s+(?:of\s+|ranging\s+)?(?:between"
    r"|from))\s*$",
    re.IGNORECASE,
)


# Holders that trade like insiders: "a promoter group entity, Srichakra Commercials LLP,",
# "controlling shareholder Example Holdings".
_HOLDER = re.compile(
    r"\b(?P<role>promoter(?:\s+group)?(?:\s+(?:entity|company|firm|trust))?|(?:major|controlling"
    r"|largest|founding)\s+shareholder|founder's\s+(?:family\s+)?(?:trust|office|vehicle))\s*,?\s+"
    r"(?P<name>(?-i:[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}))",
    re.IGNORECASE,
)


def _holder_before(view: SentenceView, pos: int, lo: int) -> Person | None:
    found = None
    for m in _HOLDER.finditer(view.text, lo, pos):
        if pos - m.end("name") <= 40:
            role = m["role"].lower()
            found = Person(m["name"], "promoter" if "promoter" in role else role)
    return found


def _person_before(view: SentenceView, pos: int, lo: int) -> Person | None:
    """The last person named in [lo, pos) of the sentence, with the role the article gives."""
    best: tuple[int, Person] | None = None
    candidates = list(view.people) + [p for p in view.ctx.people.values() if p.role != "analyst"]
    text = view.text
    if text.isupper():  # a line in capitals: names were read title-cased
        titled = text.title()
        text = titled if len(titled) == len(text) else text
    for person in candidates:
        if person.role == "analyst":
            continue
        at = text.rfind(person.name, lo, pos)
        if at < 0 and " " in person.name and not any(o.name in text[lo:pos] for o in candidates):
            # "Bloisi added to his stake" after "Fabricio Bloisi": the surname alone
            surname = person.name.rsplit(" ", 1)[1]
            found = None
            for hit in re.finditer(rf"\b{re.escape(surname)}\b", text[lo:pos]):
                found = hit
            at = lo + found.start() if found is not None and len(surname) > 2 else -1
        if at >= 0 and pos - at <= 140 and (best is None or at > best[0]):
            known = view.ctx.people.get(person.name)
            best = (at, known if known and known.role else person)
    return best[1] if best else None


@rule(
    "insider.trade",
    _TRADE.pattern,
    keywords=(
        "bought",
        "buys",
        "buying",
        "purchas",
        "acquired",
        "picked up",
        "sold",
        "sells",
        "selling",
        "disposed",
        "offloaded",
        "unloaded",
    ),
    digits=True,
)
def insider_trade(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    lo, hi = clause_bounds(text, m.start())
    lo = 0 if lo and not any(p.name in text[lo : m.start()] for p in view.people) else lo
    if view.hedged(m.start(), strict=False) or view.negated(max(lo, m.start() - 25), m.start()):
        return None
    if not _STOCK_OBJECT.search(text, m.end(), min(hi, m.end() + 60)) or re.search(
        r"\bback\b", text[m.end() : m.end() + 6]
    ):
        return None
    if _BLOCK.search(text):
        return None  # a block trade (market.block_trade), not an insider's own trade
    person = _person_before(view, m.start(), lo) or _holder_before(view, m.start(), lo)
    if person is None:
        return None
    direction = "buy" if m["buy"] else "sell"
    shares = amount = price = stake = None
    price_end = -1
    for v in values(view):
        if v.start < m.start() - 5 or v.start >= hi:
            continue
        head = text[max(0, v.start - 24) : v.start]
        tail = text[v.end : v.end + 24]
        if v.money is not None:
            if _PRICE_HEAD.search(head) and price is None:
                price, price_end = v.money, v.end
            elif price_end >= 0 and _RANGE_JOIN.fullmatch(text, price_end, v.start):
                price_end = v.end  # the top of a price range ("between $179.62 and $184.30")
            elif amount is None:
                amount = v.money
        elif v.unit == "pct" and _STAKE.search(text, max(0, v.start - 40), v.start):
            stake = v.as_quantity()
        elif (
            shares is None and v.unit != "pct" and (v.unit == "shares" or _SHARES_AFTER.match(tail))
        ):
            shares = Quantity(value=v.amount, unit="shares", bound=v.bound)  # type: ignore[arg-type]
    if shares is None and amount is None:
        return None
    nxt = view.ctx.views[view.index + 1] if view.index + 1 < len(view.ctx.views) else None
    span = None
    if nxt is not None and not _next_of(view, nxt):
        nxt = None
    if amount is None and nxt is not None and _TOTAL_LEAD.match(nxt.text) and nxt.money:
        amount = nxt.money[0].money  # "* SALES TOTAL ABOUT $41 MLN"
        span = (view.sentence.start, nxt.sentence.end)
    if amount is None and shares is not None and price is not None and price.amount_max is None:
        # "sold 19,000 shares at an average price of $731.20": the trade's value
        amount = Money(
            amount=round(shares.value * price.amount, 2), currency=price.currency, bound="approx"
        )
    if (
        stake is None
        and nxt is not None
        and re.search(r"\b(?:his|her|their)\s+(?:stake|holding)", nxt.text, re.IGNORECASE)
    ):
        pct = next((q for q in nxt.quantities if q.quantity.unit == "pct"), None)
        if pct is not None:
            stake = pct.quantity
            span = (view.sentence.start, nxt.sentence.end)
    day = _trade_days(view, m.start()) or _trade_day(view, m.start(), lo, hi)
    if day is None:
        p = view.period_near(m.start(), spans=True)
        when = (
            clamp_to(p.when, view.ctx.published)
            if p and p.relation not in ("since", "from")
            else None
        )
    else:
        when = day
    default = when is None
    return Draft(
        "insider_trade",
        InsiderTradeData(
            person=person.name,
            role=person.role,
            direction=direction,
            shares=shares,  # type: ignore[arg-type]
            amount=amount,
            stake_after_pct=stake,
            price=price,
        ),
        when or view.ctx.published_when,
        anchor=m.start(),
        span=span,
        default_when=default,
    )


_BLOCK = re.compile(r"\bblock (?:trade|sale|deal)s?\b|\bbook\s?-?build", re.IGNORECASE)
_TOTAL_LEAD = re.compile(
    r"^\s*(?:[A-Z][\w&.' ]{0,40}\s[-\u2013]\s+)?(?:the\s+)?(?:sales?|purchases?|trades?"
    r"|transactions?|disposals?)\s+(?:total\w*|were\s+worth|(?:was|were\s+)?worth|amount\w*\s+to"
    r"|came\s+to|(?:was\s+|were\s+)?valued\s+at)\b",
    re.IGNORECASE,
)
# "2 million shares", "50,000 Prosus shares", "1,000 of the company's shares"
_SHARES_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+company(?:'|\u2019)s|its|his|her|their)\s+(?:own\s+)?)?"
    r"(?:[A-Z]\w*\s+)?(?:common\s+|ordinary\s+)?shares",
    re.IGNORECASE,
)
_SIDE_CLAUSE = re.compile(r",\s*(?:who|which|whose|when)\b[^,;]*$", re.IGNORECASE)


def _trade_day(view: SentenceView, pos: int, lo: int, hi: int) -> When | None:
    """The day of the trade: the first day named after the verb in its clause ("sold 75,000
    shares on Friday"), else one before it that is not in a side clause ("Ek, who became
    chairman on January 1, sold ...")."""
    published = view.ctx.article.published
    before = None
    for p in view.periods:
        if p.when.start != p.when.end or p.when.end > published or p.relation == "since":
            continue
        if pos <= p.start < hi:
            return p.when
        if lo <= p.start < pos and not _SIDE_CLAUSE.search(view.text, lo, p.start):
            before = before or p.when
    return before or view.explicit_day


_RANGE_JOIN = re.compile(r"\s*(?:and|to|-|\u2013)\s*", re.IGNORECASE)
_DAY_JOIN = re.compile(r"^\s*(?:and|to|through|-|\u2013)\s*$", re.IGNORECASE)


def _next_of(view: SentenceView, nxt: SentenceView) -> bool:
    """Whether `nxt` continues `view`: the same paragraph, or the next bullet of a list."""
    s, n = view.sentence, nxt.sentence
    return n.block == s.block or (s.bullet and n.bullet and n.block == s.block + 1)


def _trade_days(view: SentenceView, pos: int) -> When | None:
    """ "on Feb 2 and Feb 3": the days a trade spread over, as one interval."""
    published = view.ctx.article.published
    days = [
        p
        for p in view.periods
        if p.when.start == p.when.end and p.when.end <= published and p.start >= pos - 80
    ]
    for a, b in itertools.pairwise(days):
        if _DAY_JOIN.match(view.text[a.end : b.start]) and a.when.start < b.when.start:
            return When(start=a.when.start, end=b.when.end, label=f"{a.when.start}/{b.when.end}")
    return None


RULES = [insider_trade]
_ = (Money, msgspec)
