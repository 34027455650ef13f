"""Share buybacks: executed repurchases and authorised programmes.

An executed repurchase ("repurchased 5 million B-shares on January 8") gathers its amount,
price range and the programme's running total from the sentences that follow it in the
paragraph ("The transaction was valued at ...", "Since the inception of the current
program, a total of 162 million shares ..."), so one buyback is one event with evidence
spanning those sentences. An authorisation ("authorized an additional $110 billion") is a
programme event dated the day it was announced.
"""

from __future__ import annotations

import re

from events.entities import Mention
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import Value, fact_when, statement_when, values
from events.extract.vocab import LISTING_WORDS
from events.model import ShareBuybackData
from events.normalize.periods import clamp_to
from events.values import Money, Quantity, When

__all__ = ["PER_SHARE_AFTER", "RULES"]


_BUYBACK = re.compile(
    r"\b(?:repurchas\w+|bought back|buys? back|buying back|buy-?backs?|share repurchases?)\b",
    re.IGNORECASE,
)
_EXECUTED = re.compile(
    r"\b(?:repurchased|bought back|buys back|has bought|have bought|has repurchased|completed"
    r"|spent)\b",
    re.IGNORECASE,
)
_AUTHORISED = re.compile(
    r"\b(?:authori[sz]\w*|approv\w*|announc\w*|unveil\w*|launch\w*|would buy back|will buy "
    r"back|to buy back"
    r"|plans? to (?:buy back|repurchase)|to repurchase|new (?:share )?(?:buyback|repurchase)|"
    r"completed)\b",
    re.IGNORECASE,
)
_PROGRAM_TOTAL = re.compile(
    r"\bsince the (?:inception|start|launch|beginning)\b|\bso far\b|\bto date\b|\bcumulative\w*"
    r"|\bin total\b|\ba total of [^.;]{0,40}\b(?:have|has) been (?:bought back|repurchased)",
    re.IGNORECASE,
)
_DETAIL_LEAD = re.compile(
    r"^\s*(?:The|These|Those)\s+(?:transaction|repurchases?|buybacks?|purchases?|shares)\b|"
    r"^\s*It paid\b|^\s*Prices? ranged",
    re.IGNORECASE,
)
_CLASS = re.compile(
    r"\b(?P<cls>[A-Z])[- ]shares?\b|\bclass (?P<cls2>[A-Z])\b|\b(?P<ads>American depositary "
    r"shares|ADSs?|ADRs?)\b"
    r"|\b(?P<ord>ordinary) shares\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:for|valued at|worth|total(?:l?ing)?|of|amounting to|spent|paid|costing)\s+(?:a total "
    r"of\s+)?(?:up to\s+|about\s+|approximately\s+|roughly\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)
PER_SHARE_AFTER = re.compile(
    r"^\s*(?:per|a|each)\s+(?:ordinary\s+)?(?:share|ADS|ADR)\b|^\s*(?:apiece|each)\b", re.IGNORECASE
)
# Between a money amount and later buyback words: another clause ("... to $46.8 billion and
# the bank repurchased"), so the amount is not the buyback's.
_CLAUSE_JOIN = re.compile(r",|;|\band\b|\bwhile\b|\bas\b")
# Wishes and pressure are not buybacks ("investors hope Toyota will announce a buyback").
_WISH = re.compile(
    r"\b(?:hop(?:e|es|ed|ing)|urg\w+|call(?:s|ed)? (?:on|for)|press(?:ed|ing|ure)|pushing|want\w*"
    r"|demand\w*|wish\w*|lobby\w*|room (?:for|to)|capacity to|scope (?:for|to)|paus\w+"
    r"|suspend\w*|halt\w*|scrap\w*)\b",
    re.IGNORECASE,
)
_PCT_OF_SHARES = re.compile(
    r"\bof\s+(?:the\s+|its\s+)?(?:outstanding|issued|total)?\s*(?:share capital|shares)",
    re.IGNORECASE,
)


def _share_class(text: str) -> str | None:
    m = _CLASS.search(text)
    if m is None:
        return None
    if m["cls"] or m["cls2"]:
        return (m["cls"] or m["cls2"]).upper()
    return "ADS" if m["ads"] else "ordinary"


def _shares(view: SentenceView, lo: int = 0, hi: int | None = None) -> Value | None:
    for v in values(view):
        if not lo <= v.start < (hi if hi is not None else len(view.text)):
            continue
        if (
            v.money is None
            and v.unit != "pct"
            and (
                v.unit == "shares"
                or re.match(
                    r"\s*(?:of\s+(?:its\s+)?(?:own\s+)?)?(?:[\w-]+\s+){0,2}(?:shares|stock|ADSs?)\b",
                    view.text[v.end : v.end + 30],
                )
            )
        ):
            return v
    return None


def _money_roles(
    view: SentenceView, trigger: int | None = None, lo: int = 0, hi: int | None = None
) -> tuple[Money | None, Money | None, Money | None]:
    """(total amount, price low, price high) among the money of text[lo:hi]; with `trigger`,
    only money after the buyback words or just before them in the same clause ("a $10
    billion buyback", "spent $2 billion on repurchases"), not the revenue of the clause the
    sentence opened with ("revenue rose to $46.8 billion and the bank repurchased ...")."""
    text = view.text
    hi = len(text) if hi is None else hi
    amount = low = high = None
    for mm in view.money:
        if not lo <= mm.start < hi:
            continue
        if (
            trigger is not None
            and mm.end <= trigger
            and (mm.end < trigger - 30 or _CLAUSE_JOIN.search(text, mm.end, trigger))
        ):
            continue
        head = text[max(0, mm.start - 30) : mm.start]
        if re.search(r"\bleaving\b|\bremain", head, re.IGNORECASE):
            continue
        m = mm.money
        tail = text[mm.end : mm.end + 12]
        if m.amount_max is not None and (
            re.search(r"between|rang|from|prices?", head, re.IGNORECASE)
            or PER_SHARE_AFTER.match(tail)
            or m.amount < 1e5
        ):
            low = Money(amount=m.amount, currency=m.currency)
            high = Money(amount=m.amount_max, currency=m.currency)
        elif PER_SHARE_AFTER.match(tail) or re.search(r"price of\s*$", head):
            low = low or Money(amount=m.amount, currency=m.currency)
            high = high or Money(amount=m.amount, currency=m.currency)
        elif amount is None and (_AMOUNT_BEFORE.search(head) or m.amount >= 1e6):
            amount = m
    return amount, low, high


def _program_pct(view: SentenceView) -> Quantity | None:
    for q in view.quantities:
        if q.quantity.unit == "pct" and _PCT_OF_SHARES.search(view.text, q.end, q.end + 50):
            return q.quantity
    return None


@rule(
    "buyback.executed",
    _BUYBACK.pattern,
    keywords=(
        "repurchas",
        "bought back",
        "buy back",
        "buys back",
        "buying back",
        "buyback",
        "buy-back",
    ),
    digits=True,
)
def buyback(view: SentenceView, m: re.Match[str]) -> list[Draft] | Draft | None:
    """One buyback per company when a sentence coordinates two ("Prosus bought back US$3.1
    bn of its own shares and Naspers repurchased US$0.9 bn"), else one for the sentence."""
    text = view.text
    claimed = view.ctx.state.setdefault("buyback_claimed", set())
    if view.index in claimed:
        return None
    pace = _PACE.search(text)
    if pace is not None:
        return _pace(view, pace)
    if _subject_before(view, m.start()) is None:
        # "The repurchase programme ... continued: Prosus bought back ...": the words
        # with their company named right before them state the fact
        m = next(
            (t for t in _BUYBACK.finditer(text, m.end()) if _subject_before(view, t.start())),
            m,
        )
    segments = _segments(view, m)
    if len(segments) == 1:
        return _buyback(view, m, 0, len(text))
    out = []
    for trigger, lo, hi in segments:
        draft = _buyback(view, trigger, lo, hi, coordinated=True)
        if draft is not None:
            out.append(draft)
    return out


# ", and BP bought back", " and Naspers repurchased": a second company's own buyback.
_COORDINATED = re.compile(r"(?:,|;|\band\b|\bwhile\b|\bwhereas\b)\s*$")


def _segments(view: SentenceView, first: re.Match[str]) -> list[tuple[re.Match[str], int, int]]:
    """(trigger, start, end) per company that states its own buyback in the sentence."""
    text = view.text
    out: list[tuple[re.Match[str], int, int]] = [(first, 0, len(text))]
    mentions = view.mentions
    if len(mentions) < 2:
        return out
    for trig in _BUYBACK.finditer(text, first.end()):
        subject = _subject_before(view, trig.start(), out[-1][0].end())
        if subject is None:
            continue
        cut = subject.start
        if not _COORDINATED.search(text, out[-1][0].end(), cut):
            continue
        prev, lo, _ = out[-1]
        out[-1] = (prev, lo, cut)
        out.append((trig, cut, len(text)))
    return out


def _subject_before(view: SentenceView, anchor: int, floor: int = 0) -> Mention | None:
    """The company named right before buyback words ("Prosus bought back", "BP has also
    repurchased"), not one named further away ("the sale of Tencent shares")."""
    for mention in reversed(view.mentions):
        if floor <= mention.start and mention.end <= anchor:
            gap = view.text[mention.end : anchor]
            if len(gap) <= 24 and re.fullmatch(
                r"(?:'s?|\u2019s?)?\s*(?:also\s+|has\s+|have\s+|had\s+|then\s+|itself\s+"
                r"|\w+ly\s+)*",
                gap,
            ):
                return mention
            return None
    return None


def _buyback(
    view: SentenceView, m: re.Match[str], lo: int, hi: int, coordinated: bool = False
) -> Draft | None:
    text = view.text
    ctx = view.ctx
    claimed = ctx.state.setdefault("buyback_claimed", set())
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 25), m.start()):
        return None
    if _WISH.search(text, max(lo, m.start() - 60), min(hi, m.end() + 20)):
        return None
    subject = _subject_before(view, m.start(), lo)
    entity = subject.slug if subject is not None else None
    shares = _shares(view, lo, hi)
    amount, low, high = _money_roles(view, m.start(), lo, hi)
    executed = _EXECUTED.search(text) is not None and not re.search(
        r"\bcompleted\b", text, re.IGNORECASE
    )
    if _PROGRAM_TOTAL.search(text) and executed and shares is not None:
        return _program_only(view, m, shares)
    if not executed:
        if not _AUTHORISED.search(text) or (amount is None and shares is None):
            return None
        when, default = statement_when(view)
        return Draft(
            "share_buyback",
            entity=entity,
            data=ShareBuybackData(
                program_amount=amount,
                program_total_shares=Quantity(
                    value=shares.amount, unit="shares", bound=shares.bound
                )  # type: ignore[arg-type]
                if shares
                else None,
                program_total_pct=_program_pct(view),
                share_class=_share_class(text),
            ),
            when=when,
            anchor=m.start(),
            default_when=default,
            rule="buyback.authorised",
        )
    if shares is None and amount is None:
        return None
    data = {
        "shares": Quantity(value=shares.amount, unit="shares", bound=shares.bound)
        if shares
        else None,  # type: ignore[arg-type]
        "amount": amount,
        "price_low": low,
        "price_high": high,
        "share_class": _share_class(text),
        "listing": _listing(text),
    }
    end = view.sentence.end
    for nxt in [] if coordinated else ctx.views[view.index + 1 : view.index + 3]:
        if nxt.sentence.block != view.sentence.block:
            break
        if _DETAIL_LEAD.search(nxt.text):
            a, lo_, hi_ = _money_roles(nxt)
            data["amount"] = data["amount"] or a
            data["price_low"] = data["price_low"] or lo_
            data["price_high"] = data["price_high"] or hi_
        elif _PROGRAM_TOTAL.search(nxt.text) and _BUYBACK.search(nxt.text):
            total = _shares(nxt)
            if total is not None:
                data["program_total_shares"] = Quantity(
                    value=total.amount, unit="shares", bound=total.bound
                )  # type: ignore[arg-type]
            data["program_total_pct"] = _program_pct(nxt)
        else:
            break
        claimed.add(nxt.index)
        end = nxt.sentence.end
    period = _buyback_period(view, m)
    when, default = (
        (clamp_to(period, ctx.published), False)
        if period
        else fact_when(view, m.start(), carry=False)
    )
    return Draft(
        "share_buyback",
        ShareBuybackData(**data),
        when,
        entity=entity,
        anchor=m.start(),
        span=(view.sentence.start, end),
        default_when=default,
    )


# "kept the pace of its share repurchases at $3.5 billion for the next three months": the
# programme for the coming period, stated the day it was announced.
_PACE = re.compile(
    r"\b(?:kept|keeps|keeping|maintained|maintains|maintaining|held|holds|left|leaves)\s+"
    r"(?:the\s+)?(?:(?:pace|rate|size|level)\s+of\s+)?(?:its|their|the)\s+(?:quarterly\s+)?"
    r"(?:share\s+)?(?:buybacks?|buy-backs?|repurchases?|repurchase programme|repurchase program)"
    r"\s+(?:unchanged\s+)?at\s+",
    re.IGNORECASE,
)


def _pace(view: SentenceView, pace: re.Match[str]) -> Draft | None:
    money = next((mm for mm in view.money if mm.start == pace.end()), None)
    if money is None:
        return None
    when, default = statement_when(view)
    return Draft(
        "share_buyback",
        ShareBuybackData(program_amount=money.money),
        when,
        anchor=pace.start(),
        default_when=default,
        rule="buyback.authorised",
    )


_COMPARED = re.compile(
    r"\bthan\b[^,;]*$|\b(?:prior|previous|preceding|year-earlier|year-ago)\b", re.IGNORECASE
)


def _buyback_period(view: SentenceView, m: re.Match[str]) -> When | None:
    day = view.explicit_day
    if day is not None:
        return day
    p = view.period_near(m.start(), days=False)
    if p is not None and _COMPARED.search(view.text[max(0, p.start - 24) : p.end]):
        p = None  # "less than in the prior quarter": the period compared with
    if p is not None and p.relation not in ("from", "since"):
        return p.when
    back = view.backref_period()  # "in the quarter": the period the article reports
    return back.when if back is not None else None


def _program_only(view: SentenceView, m: re.Match[str], shares: Value) -> Draft:
    when, default = statement_when(view)
    return Draft(
        "share_buyback",
        ShareBuybackData(
            program_total_shares=Quantity(value=shares.amount, unit="shares", bound=shares.bound),  # type: ignore[arg-type]
            program_total_pct=_program_pct(view),
        ),
        when,
        anchor=m.start(),
        default_when=default,
        rule="buyback.program_total",
    )


def _listing(text: str) -> str | None:
    for pattern, code in LISTING_WORDS:
        if pattern.search(text):
            return code
    return None


RULES = [buyback]
