"""Capital returns: share buybacks (executed and authorised), dividends, stock splits.

Buybacks: an executed repurchase ("repurchased 5 million B-shares on January 8") gathers
its amount, price range and the programme's running total from the sentences that follow
it in the paragraph ("The transaction was valued at ...", "Since the inception of the
current program, a total of 162 million shares ..."), so one buyback is one event with
evidence spanning those sentences. An authorisation ("authorized an additional $110
billion") is a programme event dated the day it was announced.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import msgspec

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import Value, fact_when, statement_when, values, word_number
from events.extract.vocab import LISTING_WORDS
from events.model import DividendData, ShareBuybackData, StockSplitData
from events.normalize.periods import PeriodMatch, clamp_to
from events.values import Money, Quantity, When

__all__ = ["RULES"]

_BUYBACK = re.compile(
    r"\b(?:repurchas\w+|bought back|buys? back|buying back|buy-?backs?|share repurchases?)\b",
    re.IGNORECASE,
)
_EXECUTED = re.compile(
    r"\b(?:repurchased|bought back|buys back|has bought|have bought|has repurchased|completed)\b",
    re.IGNORECASE,
)
_AUTHORISED = re.compile(
    r"\b(?:authori[sz]\w*|approv\w*|announc\w*|unveil\w*|launch\w*|would buy back|will buy back|to buy back"
    r"|plans? to (?:buy back|repurchase)|to repurchase|new (?:share )?(?:buyback|repurchase)|completed)\b",
    re.IGNORECASE,
)
_PROGRAM_TOTAL = re.compile(
    r"\bsince the (?:inception|start|launch|beginning)\b|\bso far\b|\bto date\b|\bcumulative\w*"
    r"|\bin total\b|\ba total of [^.;]{0,40}\b(?:have|has) been (?:bought back|repurchased)",
    re.IGNORECASE,
)
_DETAIL_LEAD = re.compile(
    r"^\s*(?:The|These|Those)\s+(?:transaction|repurchases?|buybacks?|purchases?|shares)\b|^\s*It paid\b|^\s*Prices? ranged",
    re.IGNORECASE,
)
_CLASS = re.compile(
    r"\b(?P<cls>[A-Z])[- ]shares?\b|\bclass (?P<cls2>[A-Z])\b|\b(?P<ads>American depositary shares|ADSs?|ADRs?)\b"
    r"|\b(?P<ord>ordinary) shares\b",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:for|valued at|worth|total(?:l?ing)?|of|amounting to|spent|paid|costing)\s+(?:a total of\s+)?(?:up to\s+|about\s+|approximately\s+|roughly\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)
_PER_SHARE_AFTER = re.compile(
    r"^\s*(?:per|a|each)\s+(?:ordinary\s+)?(?:share|ADS|ADR)\b|^\s*(?:apiece|each)\b", re.IGNORECASE
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


def _shares(view: SentenceView) -> Value | None:
    for v in values(view):
        if (
            v.money is None
            and v.unit != "pct"
            and (
                v.unit == "shares"
                or re.match(
                    r"\s*(?:of\s+(?:its\s+)?(?:own\s+)?)?(?:[\w-]+\s+)?(?:shares|stock|ADSs?)",
                    view.text[v.end : v.end + 30],
                )
            )
        ):
            return v
    return None


def _money_roles(view: SentenceView) -> tuple[Money | None, Money | None, Money | None]:
    """(total amount, price low, price high) among the sentence's money."""
    text = view.text
    amount = low = high = None
    for mm in view.money:
        head = text[max(0, mm.start - 30) : mm.start]
        if re.search(r"\bleaving\b|\bremain", head, re.IGNORECASE):
            continue
        m = mm.money
        tail = text[mm.end : mm.end + 12]
        if m.amount_max is not None and (
            re.search(r"between|rang|from|prices?", head, re.IGNORECASE)
            or _PER_SHARE_AFTER.match(tail)
            or m.amount < 1e5
        ):
            low = Money(amount=m.amount, currency=m.currency)
            high = Money(amount=m.amount_max, currency=m.currency)
        elif _PER_SHARE_AFTER.match(tail) or re.search(r"price of\s*$", head):
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
def buyback(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    ctx = view.ctx
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 25), m.start()):
        return None
    claimed = ctx.state.setdefault("buyback_claimed", set())
    if view.index in claimed:
        return None
    shares = _shares(view)
    amount, low, high = _money_roles(view)
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
            ShareBuybackData(
                program_amount=amount,
                program_total_shares=Quantity(
                    value=shares.amount, unit="shares", bound=shares.bound
                )  # type: ignore[arg-type]
                if shares
                else None,
                program_total_pct=_program_pct(view),
                share_class=_share_class(text),
            ),
            when,
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
    for nxt in ctx.views[view.index + 1 : view.index + 3]:
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
        anchor=m.start(),
        span=(view.sentence.start, end),
        default_when=default,
    )


def _buyback_period(view: SentenceView, m: re.Match[str]) -> When | None:
    day = view.explicit_day
    if day is not None:
        return day
    p = view.period_near(m.start(), days=False)
    return p.when if p is not None and p.relation not in ("from", "since") else None


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


# --- dividends ---------------------------------------------------------------------------

_DIVIDEND = re.compile(
    r"\bdividends?\b(?!\s+(?:yield|stocks?|investors|funds?|policy))", re.IGNORECASE
)
_SPECIAL = re.compile(r"\b(?:special|one-off|one-time|extraordinary)\b", re.IGNORECASE)
_RAISE = re.compile(
    r"\b(?:rais\w+|increas\w+|hik\w+|lift\w*|boost\w*|higher|up from)\b", re.IGNORECASE
)
_CUT = re.compile(
    r"\b(?:cut\w*|reduc\w+|slash\w*|lower\w*|suspend\w*|scrap\w*|down from)\b", re.IGNORECASE
)
_DATE_ROLES = (
    (
        "ex_date",
        re.compile(
            r"ex-?dividend(?:\s+date)?(?:\s+(?:of|on|is))?\s*$|ex-date(?:\s+(?:of|on|is))?\s*$|goes ex\S*\s+on\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "pay_date",
        re.compile(
            r"(?:payable|paid|payment|pay date|payment date)(?:\s+(?:of|on|is|date))?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "record_date",
        re.compile(
            r"(?:of record|record date)(?:\s+(?:as of|on|of|is))?(?:\s+the close of business on)?\s*$",
            re.IGNORECASE,
        ),
    ),
)


def _future_day(p: PeriodMatch, published: date) -> str:
    """Dividend dates lie ahead: "December 2" read in July is this December, not last."""
    day = date.fromisoformat(p.when.start)
    if day < published and (day.replace(year=day.year + 1) - published) < timedelta(days=300):
        day = day.replace(year=day.year + 1)
    return day.isoformat()


def _dividend_dates(view: SentenceView) -> tuple[dict[str, str], list[PeriodMatch]]:
    """{ex_date, pay_date, record_date} named in the sentence, and the mentions used."""
    out: dict[str, str] = {}
    used: list[PeriodMatch] = []
    for p in view.periods:
        if p.when.start != p.when.end:
            continue
        head = view.text[max(0, p.start - 60) : p.start]
        for role, pattern in _DATE_ROLES:
            if role not in out and pattern.search(head):
                out[role] = _future_day(p, view.ctx.published)
                used.append(p)
                break
    return out, used


@rule("dividend.declared", _DIVIDEND.pattern, keywords=("dividend",))
def dividend(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    ctx = view.ctx
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 30), m.start()):
        return None
    per_share = previous = None
    for mm in view.money:
        tail = text[mm.end : mm.end + 14]
        head = text[max(0, mm.start - 24) : mm.start]
        if (
            re.search(r"\b(?:from|versus|compared with)\s*$", head, re.IGNORECASE)
            and per_share is not None
        ):
            previous = mm.money
        elif per_share is None and (
            _PER_SHARE_AFTER.match(tail) or re.search(r"dividend of\s*$", head, re.IGNORECASE)
        ):
            per_share = mm.money
    dates, used = _dividend_dates(view)
    if per_share is None:
        last = ctx.state.get("dividend")
        if last is not None and view.index - last.sentence <= 2 and dates:
            last.data = msgspec.structs.replace(
                last.data, **{k: v for k, v in dates.items() if getattr(last.data, k) is None}
            )
            last.span = (last.span[0] if last.span else 0, view.sentence.end)
        return None
    if _SPECIAL.search(text):
        kind = "special"
    elif _CUT.search(text, max(0, m.start() - 60), m.end() + 80):
        kind = "cut"
    elif _RAISE.search(text) or (previous is not None and per_share.amount > previous.amount):
        kind = "increase"
    else:
        kind = "regular"
    if previous is not None and per_share.amount < previous.amount and kind != "special":
        kind = "cut"
    change = None
    for q in view.quantities:
        if q.quantity.unit == "pct" and q.start > m.start() - 80:
            change = -q.quantity.value if kind == "cut" else q.quantity.value
            break
    when, default = statement_when(view, used)
    draft = Draft(
        "dividend",
        DividendData(
            kind=kind,
            per_share=per_share,
            change_pct=change,
            previous_per_share=previous,  # type: ignore[arg-type]
            **dates,
        ),
        when,
        anchor=m.start(),
        default_when=default,
    )
    draft.sentence = view.index
    ctx.state["dividend"] = draft
    return draft


# --- splits ---------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|fifty|hundred)"
_RATIO = re.compile(
    rf"\b(?P<a>{_NUM})[- ](?:for|to)[- ](?P<b>{_NUM})\b|\b(?P<c>\d{{1,3}}):(?P<d>\d{{1,3}})\b",
    re.IGNORECASE,
)
_BONUS = re.compile(
    rf"\b(?P<a>{_NUM})\s+(?:bonus\s+|additional\s+|new\s+)?shares?\s+for\s+(?:every|each)\s+(?P<b>{_NUM})?\s*shares?\s+held",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\bsplit\b|\bbonus (?:issue|shares?)\b", re.IGNORECASE)
_SPLIT_PAST = re.compile(
    r"\b(?:split its|took effect|completed|carried out|effected|last split)\b", re.IGNORECASE
)
_EFFECTIVE = re.compile(
    r"(?:effective|took effect|split-adjusted basis|begin trading|start trading|record date)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_WORDS = {"hundred": 100, "fifty": 50, "twenty": 20, "fifteen": 15}


def _n(text: str | None) -> int | None:
    if not text:
        return None
    return _WORDS.get(text.lower()) or word_number(text)


@rule("split.announced", _SPLIT.pattern, keywords=("split", "bonus"))
def stock_split(view: SentenceView, _m: re.Match[str]) -> list[Draft]:
    text = view.text
    ctx = view.ctx
    if view.hedged(_m.start(), strict=False):
        return []
    effective = None
    for p in view.periods:
        if p.when.start == p.when.end and _EFFECTIVE.search(text[max(0, p.start - 80) : p.start]):
            effective = p.when.start
            break
    drafts: list[Draft] = []
    ratios: list[tuple[int, int, int]] = []
    for m in _RATIO.finditer(text):
        a, b = _n(m["a"] or m["c"]), _n(m["b"] or m["d"])
        if (
            a
            and b
            and a != b
            and re.search(
                r"split|bonus|consolidat",
                text[m.end() : m.end() + 40] + text[max(0, m.start() - 40) : m.start()],
                re.IGNORECASE,
            )
        ):
            ratios.append((m.start(), b, a))
    for m in _BONUS.finditer(text):
        a, b = _n(m["a"]), _n(m["b"]) or 1
        if a and b:
            ratios.append((m.start(), b, a + b))
    if not ratios:
        last = ctx.state.get("split")
        if (
            last is not None
            and effective
            and view.index - last.sentence <= 2
            and last.data.effective is None
        ):
            last.data = msgspec.structs.replace(last.data, effective=effective)
            last.span = (last.span[0] if last.span else 0, view.sentence.end)
        return []
    for pos, ratio_from, ratio_to in ratios:
        period = view.period_near(pos)
        lo, hi = clause_bounds(text, pos)
        if (
            period is not None
            and period.when.end <= ctx.article.published
            and _SPLIT_PAST.search(text)
            and period.relation not in ("since", "from")
        ):
            when, default = clamp_to(period.when, ctx.published), False
        else:
            when, default = statement_when(view)
        eff = effective
        if (
            eff is None
            and period is not None
            and _SPLIT_PAST.search(text[lo:hi])
            and period.when.start == period.when.end
        ):
            eff = period.when.start
        draft = Draft(
            "stock_split",
            StockSplitData(ratio_from=ratio_from, ratio_to=ratio_to, effective=eff),
            when,
            anchor=pos,
            default_when=default,
        )
        draft.sentence = view.index
        drafts.append(draft)
    ctx.state["split"] = drafts[-1]
    return drafts


RULES = [buyback, dividend, stock_split]
