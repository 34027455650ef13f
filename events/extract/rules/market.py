"""Market data: closing prices, capital flows through named channels, block trades.

A close is a price reached by a price verb ("closed at", "fell 1.2% to", "ended ... at")
in a clause about shares; prices in extended trading, intraday, "current price" or a
range's low/high are not closes. Market facts without a date of their own take the day
the paragraph is about ("that same day", "on Monday" earlier), else the publication day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, lower_regex, rule
from events.extract.rules.common import listing_of, pct_near, signed_pct, word_number
from events.model import BlockTradeData, CapitalFlowData, StockPriceData
from events.normalize.money import MoneyMatch
from events.normalize.periods import clamp_to
from events.normalize.quantity import QuantityMatch
from events.values import Money, Quantity, When

__all__ = ["RULES"]

_PRICE_VERB = re.compile(
    r"\b(?:clos(?:ed|ing|e)|end(?:ed|ing)|finish(?:ed|ing)|settl(?:ed|ing)|shut|ros(?:e|ing)|risen"
    r"|fell|fall(?:ing|en)|gain(?:ed|ing)?|dropp(?:ed|ing)|drop|slipp(?:ed|ing)|slid|declin(?:ed|"
    r"ing|e)"
    r"|climb(?:ed|ing)|jump(?:ed|ing)|surg(?:ed|ing)|soar(?:ed|ing)|tumbl(?:ed|ing)|plung(?:ed|ing)"
    r"|advanc(?:ed|ing)|edg(?:ed|ing)|added|adding|lost|losing|sank|sinking|eased|easing"
    r"|rall(?:ied|ying)|rise|rising|increase|decrease|dipp(?:ed|ing)|dip|slump(?:ed|ing)"
    r"|rebound(?:ed|ing)|retreat(?:ed|ing)|firm(?:ed|ing)|shed|shedding|leapt|leap(?:ed|ing)"
    r"|sagg(?:ed|ing)|skidd(?:ed|ing)|ticked (?:up|down)|plummet(?:ed|ing)|spik(?:ed|ing)"
    r"|(?:was|were|stood|held|stayed|remained|ended|closed|finished)\s+(?:unchanged|flat|steady)"
    r"|traded|trading|were (?:up|down)|was (?:up|down))\b",
    re.IGNORECASE,
)
# The same for lowercased text (see `lower_like_ignorecase`): several times faster.
_PRICE_VERB_LOWER = lower_regex(_PRICE_VERB.pattern)


def _price_verbs(view: SentenceView, start: int, end: int) -> list[re.Match[str]]:
    """_PRICE_VERB's matches in text[start:end] (offsets into that slice)."""
    low = view.lower_exact
    if low is not None:
        return list(_PRICE_VERB_LOWER.finditer(low[start:end]))
    return list(_PRICE_VERB.finditer(view.text[start:end]))


_SHARES_WORD = re.compile(
    r"\b(?:shares?|stock|ADRs?|ADSs?|share price|stock price)\b", re.IGNORECASE
)
_BEFORE_PRICE = re.compile(
    r"\b(?:to|at)\s+(?:an?\s+(?:fresh\s+|new\s+)?(?:record|all-time|new)(?:\s+(?:high|close"
    r"|closing high|peak))?(?:\s+of)?\s+)?$",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s+and)\s+$")
_CLOSE_VERB = re.compile(r"\b(?:clos\w*|finish(?:ed|ing)|ended|ending|settl(?:ed|ing))\b", re.I)
_PER_SHARE = re.compile(r"\s+(?:per|a)\s+share\b|\s+apiece\b|\s+each\b", re.IGNORECASE)
_NOT_DAY = re.compile(  # "Wednesday's close", "ahead of its results on Tuesday"
    r"^['\u2019]s\b", re.IGNORECASE
)
_DAY_OF_OTHER = re.compile(
    r"\b(?:ahead of|before|until|after|when|due|since|results|report\w*|earnings|meeting)\b"
    r"(?:[^,;]|(?<=\d),(?=\d))*$",
    re.IGNORECASE,
)
_NOT_CLOSE = re.compile(
    r"extended trading|after[- ]hours|pre-?market|premarket|intraday|at one point|during the "
    r"session"
    r"|in early trad\w*|early trade|opened at|opening at|as (?:much|high|low) as|midday|by noon"
    r"|lunch break|morning session"
    r"|(?<!record )(?<!all-time )\b(?:low|high|bottom|peak) of\b|current "
    r"price"
    r"|target|valuation|offer price|issue price|IPO price|per share in cash|bid\b|dividend",
    re.IGNORECASE,
)
_RECORD = re.compile(
    r"record (?:high|close)|all-time high|histor\w* high|new high|highest (?:close|level)|"
    r"a record\b",
    re.IGNORECASE,
)


def _closes(view: SentenceView) -> Iterator[tuple[int, int, int, Money]]:
    """(clause start, clause end, verb start, money) for every closing price in the sentence."""
    text = view.text
    last: tuple[int, int, int, Money] | None = None
    for i, mm in enumerate(view.money):
        lo, hi = clause_bounds(text, mm.start)
        prev_end = max([m.end for m in view.money[:i] if m.end > lo] or [lo])
        head = text[prev_end : mm.start]
        if (
            last is not None
            and last[3] is view.money[i - 1].money
            and _LIST_JOIN.match(head)
            and "respectively" in view.lower
        ):
            last = (lo, hi, last[2], mm.money)  # "at 3,084 yen and 1,512.5 yen, respectively"
            yield last
            continue
        if (
            last is not None
            and last[3] is view.money[i - 1].money
            and _SECOND_LISTING.fullmatch(head)
        ):
            # "gained 2.9% to R1,062.80 in Johannesburg and 3.1% to EUR 53.40 in Amsterdam"
            last = (lo, hi, prev_end, mm.money)
            yield last
            continue
        last = None
        if not _BEFORE_PRICE.search(head):
            continue
        verbs = _price_verbs(view, prev_end, mm.start)
        if not verbs:
            continue
        verb = prev_end + verbs[-1].start()
        if _NOT_CLOSE.search(text, verb, min(hi, mm.end + 26)) or _PER_SHARE.match(text, mm.end):
            continue
        if _BIG_SCALE.search(text, mm.start, mm.end):
            continue  # "revenue rose 7% to $46.8 billion": no share trades in billions
        if not _SHARES_WORD.search(text, lo, hi) and not re.search(r"\bclos", head, re.IGNORECASE):
            named = any(prev_end <= m.start < mm.start for m in view.mentions)
            # "Tencent finished up 0.3% at HK$631.5": a company right before a close verb
            if (
                not (named and (_SHARES_WORD.search(text) or "clos" in view.lower))
                and not _named_close(view, prev_end, verb, head)
                and not _named_move(view, prev_end, verbs[-1], mm)
            ):
                continue
        last = (lo, hi, prev_end + verbs[0].start(), mm.money)
        yield last


_MOVE_TAIL = re.compile(  # "rose 2.7% to", "ended 2.9% lower at", "slipped to", "added 1.2% to"
    r"\s*(?:(?:up|down|by)\s+)?(?:\d[\d.,]*\s?(?:%|per\s?cent|percent)\s+)?"
    r"(?:(?:higher|lower|up|down)\s+)?(?:to|at)\s+(?:an?\s+(?:fresh\s+|new\s+)?(?:record|all-time)"
    r"(?:\s+(?:high|close|closing high|peak))?(?:\s+of)?\s+)?$",
    re.IGNORECASE,
)
_MOVE_GAP = re.compile(r"\s*(?:['\u2019]s\s+(?:[\w-]+\s+)?(?:shares|stock)\s*)?$", re.IGNORECASE)
_RELATIVE_GAP = re.compile(r",\s+(?:which|who|whose)\s+[^,;$%]{1,180}?,\s*")
_SCALED = re.compile(
    r"\d\s?-?(?:[mbk]n?|bln|mln|mn|tn|trn|tr|million|billion|trillion|crore|lakh)\b", re.I
)


def _named_move(view: SentenceView, lo: int, verb: re.Match[str], mm: MoneyMatch) -> bool:
    """ "Leapmotor rose 2.7% to HK$54.30", "BHP slipped to A$41.20": a company right before a
    price verb, only a change between the verb and a price (no scale, no metric around)."""
    text = view.text
    v_start, v_end = lo + verb.start(), lo + verb.end()
    if not _MOVE_TAIL.fullmatch(text, v_end, mm.start):
        return False
    if _SCALED.search(text, mm.start, mm.end) or mm.money.amount_max is not None:
        return False
    if any(lo <= t.start < mm.end for t in view.metrics):
        return False
    return any(
        lo <= m.start and m.end <= v_start and _MOVE_GAP.fullmatch(text, m.end, v_start)
        for m in view.mentions
    ) or any(  # "JD Logistics, which said it would open ..., edged up 0.5% to HK$12.46"
        m.end <= v_start
        and v_start - m.end <= 200
        and _RELATIVE_GAP.fullmatch(text, m.end, v_start)
        for m in view.mentions
    )


_BIG_SCALE = re.compile(r"\d\s?-?(?:bn|bln|billion|tn|trn|trillion)\b", re.IGNORECASE)
_SECOND_LISTING = re.compile(
    r"\s+(?:in|on)\s+(?:the\s+)?[A-Z][\w ]{1,20}?,?\s+and\s+(?:\d[\d.,]*\s?%\s+"
    r"(?:(?:higher|lower)\s+)?)?(?:to|at)\s+"
)


def _named_close(view: SentenceView, lo: int, verb: int, head: str) -> bool:
    """A company named just before "finished/ended/settled/closed" and no metric around."""
    if not _CLOSE_VERB.search(head):
        return False
    if any(lo <= t.start for t in view.metrics):
        return False
    return any(lo <= m.start and 0 <= verb - m.end <= 24 for m in view.mentions)


def _past_span(view: SentenceView, lo: int, hi: int) -> bool:
    """The clause names a period of more than a week that ended before the publication."""
    floor = view.ctx.published.toordinal() - 7
    return any(
        lo <= p.start < hi
        and p.when.start != p.when.end
        and date.fromisoformat(p.when.end).toordinal() < floor
        for p in view.periods
    )


def _trading_day(view: SentenceView, lo: int, hi: int, start: int) -> tuple[When | None, bool]:
    """(day, named here) of a close: a day named in its clause that dates it (not "Wednesday's
    close", not "ahead of results on Tuesday"), else one carried from the sentences before
    in the same section, else None."""
    text = view.text
    for span_lo, span_hi in ((lo, hi), (0, len(text))):
        for p in view.periods:
            if not (span_lo <= p.start < span_hi) or p.when.start != p.when.end:
                continue
            if p.when.end > view.ctx.article.published or _NOT_DAY.match(text[p.end : p.end + 3]):
                continue
            if p.start > start and _DAY_OF_OTHER.search(text, start, p.start):
                continue
            if span_lo == 0 and (
                ";" in text[start : p.start] or (p.end <= lo and ";" in text[p.end : lo])
            ):
                continue  # "XPeng fell 5.1% to HK$73.45; on Monday it guided ..."
            return p.when, True
    if any(p.when.start != p.when.end for p in view.periods):
        return None, False
    if view.resolved_day is not None and view.explicit_day is None:
        return view.resolved_day, False  # "that same day"
    views = view.ctx.views
    floor = view.ctx.published.toordinal() - 7
    for i in range(view.index - 1, max(-1, view.index - 6), -1):
        v = views[i]
        if not _carries_day(v):
            if v.sentence.heading:
                break
            continue
        for p in v.periods:
            if p.when.start != p.when.end or p.when.end > view.ctx.article.published:
                continue
            if _NOT_DAY.match(v.text[p.end : p.end + 3]):
                continue
            other = _DAY_OF_OTHER.search(v.text, max(0, p.start - 80), p.start)
            if other and not _CLOSE_VERB.search(other.group(0)):
                continue  # "... ahead of its own results on Friday", not "after closing ..."
            if date.fromisoformat(p.when.start).toordinal() >= floor:
                return p.when, False
        same = v.resolved_day if v.explicit_day is None else None  # "that same day"
        if same is not None and date.fromisoformat(same.start).toordinal() >= floor:
            return same, False
        if v.sentence.heading:
            break  # a live blog's entries, a report's sections: a day does not carry over
    return None, False


_OTHER_DEAL = re.compile(
    r"\b(?:bought|sold|repurchased|purchased|acquired)\b|\blate on\b|after the (?:close|bell)"
    r"|after (?:the )?market",
    re.I,
)


def _carries_day(v: SentenceView) -> bool:
    """A sentence whose day can be a trading day, not the day of a purchase or of news after
    the close ("said late on Thursday", "bought shares on Monday")."""
    return not (_OTHER_DEAL.search(v.text) and not _CLOSE_VERB.search(v.text))


@rule(
    "market.close",
    r"\d",
    keywords=(
        "clos",
        "ended",
        "ending",
        "finish",
        "settl",
        "shut",
        "rose",
        "risen",
        "rising",
        "rise",
        "fell",
        "fall",
        "gain",
        "drop",
        "slip",
        "slid",
        "declin",
        "climb",
        "jump",
        "surg",
        "soar",
        "tumbl",
        "plung",
        "advanc",
        "edged",
        "edging",
        "added",
        "lost",
        "sank",
        "eased",
        "easing",
        "adding",
        "losing",
        "sinking",
        "dip",
        "slump",
        "rebound",
        "retreat",
        "firm",
        "shed",
        "leap",
        "sagg",
        "skidd",
        "ticked",
        "plummet",
        "spik",
        "rall",
        "trad",
        "unchanged",
        "flat",
        "steady",
        "increase",
        "decrease",
        "was up",
        "were up",
        "was down",
        "were down",
    ),
    digits=True,
)
def close_price(view: SentenceView, _m: re.Match[str]) -> Iterator[Draft]:
    low = view.lower_exact
    if (
        _PRICE_VERB.search(view.text) if low is None else _PRICE_VERB_LOWER.search(low)
    ) is None or not view.money:
        return
    text = view.text
    closes = list(_closes(view))
    if len(closes) > 1 and "respectively" in view.lower:
        yield from _respective_closes(view, closes)
        return
    prev_end, prev_entity = -1, None
    for lo, hi, verb, money in closes:
        end_of_money = next(m.end for m in view.money if m.money is money)
        nxt = [m.start for m in view.money if m.start > end_of_money and m.start < hi]
        seg_hi = nxt[0] if nxt else hi
        pct = pct_near(view, verb, end_of_money) or pct_near(view, end_of_money, seg_hi)
        change = signed_pct(view, pct) if pct else None
        if verb == prev_end and prev_entity is not None:
            entity = prev_entity  # a second listing of the same company
        else:
            named = [
                m
                for m in view.mentions
                if lo <= m.start < verb and m.start >= _prev_money_end(view, verb)
            ]
            entity = named[-1].slug if named else view.entity_at(verb)
        prev_end, prev_entity = end_of_money, entity
        if view.local_hedge(verb, end_of_money, before=25):
            continue  # "shares may rise to $500", "are expected to close at"
        when, _ = _trading_day(view, lo, hi, end_of_money)
        default = False
        if when is None:
            if _past_span(view, lo, hi):
                continue  # "closed at a record $480 in 2024": an old close, no day to date it
            when, default = view.ctx.published_when, True
        note = "record_high" if _RECORD.search(text) else None
        listing = listing_of(view, lo, seg_hi, money.currency, entity)
        yield Draft(
            "stock_price",
            StockPriceData(close=money, change_pct=change, listing=listing, note=note),
            when,
            entity=entity,
            anchor=verb,
            default_when=default,
        )


_UP = re.compile(r"\b(?:up|higher|gain\w*|rose|ris\w+|climb\w*|jump\w*|advanc\w*)\s*$", re.I)


def _local_sign(view: SentenceView, q: QuantityMatch) -> float:
    """ "up 1.2% and down 3.4%": the sign from the word right before each change."""
    before = view.text[max(0, q.start - 12) : q.start]
    if re.search(r"\b(?:down|lower|fell|fall\w*|lost|drop\w*|declin\w*|slid|sank)\s*$", before):
        return -abs(q.quantity.value)
    if _UP.search(before):
        return abs(q.quantity.value)
    return signed_pct(view, q)


def _respective_closes(
    view: SentenceView, closes: list[tuple[int, int, int, Money]]
) -> Iterator[Draft]:
    """ "Shares of Toyota and Honda closed up 1.2% and down 3.4% at 3,084 yen and 1,512.5
    yen, respectively": one close per company, in the order named."""
    text = view.text
    lo, hi, verb, _ = closes[0]
    names: list[str] = []
    for m in view.mentions:
        if lo <= m.start < verb and m.slug not in names:
            names.append(m.slug)
    if len(names) != len(closes):
        return
    first_money = min(m.start for m in view.money if m.money is closes[0][3])
    pcts = [
        q for q in view.quantities if q.quantity.unit == "pct" and verb <= q.start < first_money
    ]
    when, _ = _trading_day(view, lo, hi, first_money)
    default = when is None
    if when is None:
        when = view.ctx.published_when
    for i, (entity, (c_lo, c_hi, _v, money)) in enumerate(zip(names, closes, strict=True)):
        change = _local_sign(view, pcts[i]) if len(pcts) == len(closes) else None
        yield Draft(
            "stock_price",
            StockPriceData(
                close=money,
                change_pct=change,
                listing=listing_of(view, c_lo, c_hi, money.currency, entity),
                note="record_high" if _RECORD.search(text) else None,
            ),
            when,
            entity=entity,
            anchor=verb,
            default_when=default,
        )


_LABELLED = re.compile(
    r"\b(?:Close|Closing price|Last close|Last price|Share price|Price)\s*"
    r"(?:\(?\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2,4}))?\s*\)?)?\s*:\s*$"
)


@rule("market.labelled_close", r"\d{1,2}\s*\)?\s*:", keywords=("close", "price"), digits=True)
def labelled_close(view: SentenceView, _m: re.Match[str]) -> Draft | None:
    """A note's header field: "Close 12/10: $223.01", "Price (12/10): $223.01"."""
    text = view.text
    for mm in view.money:
        label = _LABELLED.search(text, max(0, mm.start - 40), mm.start)
        if label is None:
            continue
        when = _header_day(view, label)
        if when is None:
            return None
        entity = view.entity_at(label.start())
        return Draft(
            "stock_price",
            StockPriceData(
                close=mm.money, listing=listing_of(view, 0, len(text), mm.money.currency, entity)
            ),
            when,
            entity=entity,
            anchor=label.start(),
        )
    return None


def _header_day(view: SentenceView, label: re.Match[str]) -> When | None:
    """M/D (or D/M when M/D cannot be) of a header field, in the week before publication."""
    if not label["m"]:
        return None
    published = view.ctx.published
    a, b = int(label["m"]), int(label["d"])
    year = int(label["y"]) if label["y"] else published.year
    if year < 100:
        year += 2000
    for month, day in ((a, b), (b, a)):
        for y in (year, year - 1) if not label["y"] else (year,):
            try:
                found = date(y, month, day)
            except ValueError:
                continue
            if 0 <= (published - found).days <= 10:
                return When.day(found.isoformat())
    return None


_FLOW = re.compile(
    r"\bnet[- ](?:(?:southbound|northbound|foreign|institutional)\s+)?(?:inflows?|outflows?"
    r"|purchases?|buying|selling|sales|bought|sold)\b"
    r"|\b(?:bought|sold|purchased|offloaded|dumped|unloaded|snapped up|scooped up|picked up)"
    r" a net\b|\bnet (?:buyers?|sellers?)\b",
    re.IGNORECASE,
)
_CHANNELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name)
    for p, name in (
        (r"\bnorthbound\b", "Northbound Stock Connect"),
        (
            r"\bsouthbound\b|\bmainland (?:investors|funds|traders|buyers)",
            "Southbound Stock Connect",
        ),
        (r"\bStock Connect\b", "Stock Connect"),
        (r"\bforeign (?:investors|institutions|funds)|\bforeigners\b", "foreign investors"),
        (r"\binstitutional investors\b|\binstitutions\b", "institutional investors"),
        (r"\bretail investors\b", "retail investors"),
        (r"\bETFs?\b|exchange-traded funds?", "ETFs"),
    )
)
_STREAK = re.compile(
    r"\b(?P<n>\w+)\s+(?:consecutive|straight|successive)\s+(?:trading\s+)?(?:sessions?|days?)"
    r"|\bfor\s+(?:a|the)\s+(?P<n2>\w+)\s+(?:trading\s+)?(?:sessions?|days?)\s+(?:in a row|running)",
    re.IGNORECASE,
)
_CUMULATIVE_LEAD = re.compile(
    r"^\s*(?:Cumulatively|In total|Altogether|The cumulative|Combined)\b"
    r"|\b(?:bringing|taking|lifting) (?:the )?(?:total|cumulative)",
    re.IGNORECASE,
)
_OUT = re.compile(r"outflow|selling|sales|sold|sellers?|offloaded|dumped|unloaded", re.IGNORECASE)


@rule("market.capital_flow", _FLOW.pattern, keywords=("net ", "net-"), digits=True)
def capital_flow(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    channel = next((name for p, name in _CHANNELS if p.search(text)), None)
    if channel is None or view.hedged(m.start(), strict=False):
        return None
    # the amount after the flow words ("bought a net HK$623 mln"), else just before them
    # ("HK$1.1 bn of net buying"); not a price earlier in the sentence
    net = next((mm for mm in view.money if mm.start >= m.end()), None)
    if net is None or net.start - m.end() > 60:
        net = next(
            (mm for mm in reversed(view.money) if m.start() - 40 <= mm.start < m.start()), net
        )
    if net is None:
        return None
    entity = _share_owner(view) or _flow_owner(view, m.start())
    if entity is None:
        return None  # a market's total flow ("southbound net purchases of HK$6.9 bn")
    amount = net.money
    if _OUT.search(m.group(0)):
        amount = Money(amount=-abs(amount.amount), currency=amount.currency, bound=amount.bound)
    streak = None
    s = _STREAK.search(text)
    if s:
        streak = word_number(s["n"] or s["n2"])
    cumulative = None
    span = None
    rest = [mm for mm in view.money if mm.start > net.end]
    if rest and _CUMULATIVE_LEAD.search(text[net.end : rest[0].start]):
        cumulative = rest[0].money
    nxt = _next_view(view)
    if cumulative is None and nxt is not None and _CUMULATIVE_LEAD.search(nxt.text) and nxt.money:
        cumulative = nxt.money[0].money
        span = (view.sentence.start, nxt.sentence.end)
    day, _ = _trading_day(view, 0, len(text), len(text))
    when, default = (day, False) if day is not None else _short_period(view)
    return Draft(
        "capital_flow",
        CapitalFlowData(channel=channel, net=amount, streak=streak, cumulative=cumulative),
        when,
        entity=entity,
        anchor=m.start(),
        span=span,
        default_when=default,
    )


_BLOCK = re.compile(
    r"\bblock (?:trade|sale|deal)s?\b|\ba block of\b|\baccelerated book\s?-?build\w*|\bblock "
    r"of [\d.,]+",
    re.IGNORECASE,
)
_TOTAL_WORDS = re.compile(
    r"(?:total\w*|worth|valued at|amounting to|for|raising|value of)\s+(?:about\s+|roughly\s+|"
    r"around\s+|approximately\s+|some\s+)?$",
    re.IGNORECASE,
)


@rule(
    "market.block_trade",
    _BLOCK.pattern,
    keywords=("block", "bookbuild", "book build", "book-build"),
    digits=True,
)
def block_trade(view: SentenceView, m: re.Match[str]) -> Draft | None:
    if view.hedged(m.start()):
        return None
    text = view.text
    shares = next(
        (
            q
            for q in view.quantities
            if q.quantity.unit == "shares" or (q.noun or "").lower().find("share") >= 0
        ),
        None,
    )
    price = amount = None
    for mm in view.money:
        head = text[max(0, mm.start - 30) : mm.start]
        tail = text[mm.end : mm.end + 14]
        if (price is None and re.search(r"\bat\s*$", head, re.IGNORECASE)) or re.match(
            r"\s*(?:apiece|each|per share|a share)", tail, re.IGNORECASE
        ):
            price = price or mm.money
        elif amount is None and (_TOTAL_WORDS.search(head) or mm.money.amount >= 1e6):
            amount = mm.money
    if shares is None and amount is None:
        return None
    if amount is None and shares is not None and price is not None:
        amount = Money(amount=shares.quantity.value * price.amount, currency=price.currency)
    day, _ = _trading_day(view, 0, len(text), len(text))
    when, default = (day, False) if day else (view.ctx.published_when, True)
    return Draft(
        "block_trade",
        BlockTradeData(
            shares=Quantity(value=shares.quantity.value, unit="shares", bound=shares.quantity.bound)
            if shares
            else None,
            price=price,
            amount=amount,
        ),
        when,
        entity=_share_owner(view) or view.entity_at(m.start()),
        anchor=m.start(),
        default_when=default,
    )


_SHARES_AFTER = re.compile(r"\s+(?:Holdings\s+|Group\s+)?(?:shares|stock)\b", re.IGNORECASE)
_SHARES_OF = re.compile(r"\b(?:shares|stock|stake)\s+(?:in|of)\s+$", re.IGNORECASE)


def _share_owner(view: SentenceView) -> str | None:
    """The company whose shares changed hands: "15 million Meituan shares", "shares of X"."""
    text = view.text
    for mention in view.mentions:
        if _SHARES_AFTER.match(text, mention.end) or _SHARES_OF.search(
            text, max(0, mention.start - 16), mention.start
        ):
            return mention.slug
    return None


_STOCK_BACK = re.compile(r"\b(?:the|its|their)\s+(?:stock|shares)\b|\bthe\s+company\b", re.I)


def _flow_owner(view: SentenceView, pos: int) -> str | None:
    """The company a flow is in: one named in the sentence, or the company "the stock" or
    "its shares" refers to; None for a market's total."""
    if view.mentions or _STOCK_BACK.search(view.text):
        return view.entity_at(pos)
    views = view.ctx.views
    prev = views[view.index - 1] if view.index else None
    if (
        prev is not None
        and prev.sentence.block == view.sentence.block
        and (prev.mentions or _SHARES_WORD.search(prev.text))
    ):
        return view.entity_at(pos)  # "... shares fell 0.4% that day. Net inflows via ..."
    return None


def _short_period(view: SentenceView) -> tuple[When, bool]:
    """A short period named here ("this month"), clamped, else the publication day."""
    for p in view.periods:
        span = date.fromisoformat(p.when.end) - date.fromisoformat(p.when.start)
        if span.days <= 31 and p.when.start <= view.ctx.article.published:
            return clamp_to(p.when, view.ctx.published), False
    return view.ctx.published_when, True


def _market_when(view: SentenceView) -> tuple[When, bool]:
    """A trading day (named or carried), else a short period named ("this month"), clamped."""
    day = view.day()
    if day is not None:
        return day, False
    for p in view.periods:
        span = date.fromisoformat(p.when.end) - date.fromisoformat(p.when.start)
        if span.days <= 31 and p.when.start <= view.ctx.article.published:
            return clamp_to(p.when, view.ctx.published), False
    return view.ctx.published_when, True


def _prev_money_end(view: SentenceView, pos: int) -> int:
    ends = [m.end for m in view.money if m.end <= pos]
    return ends[-1] if ends else 0


def _next_view(view: SentenceView) -> SentenceView | None:
    views = view.ctx.views
    i = view.index + 1
    if i < len(views) and views[i].sentence.block == view.sentence.block:
        return views[i]
    return None


RULES = [close_price, labelled_close, capital_flow, block_trade]
_ = When  # re-exported type for rule authors reading this module
