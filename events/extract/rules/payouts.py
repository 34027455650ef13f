"""Payouts: dividends (regular, special, raised, cut, with their dates) and stock splits
(forward, reverse, bonus issues), dated the day announced or, for a split that already took
effect, the day or period it did.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import msgspec

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.buyback import PER_SHARE_AFTER
from events.extract.rules.common import statement_when, word_number
from events.model import DividendData, StockSplitData
from events.normalize.periods import PeriodMatch, clamp_to

__all__ = ["RULES"]

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
            r"ex-?dividend(?:\s+date)?(?:\s+(?:of|on|is))?\s*$|ex-date(?:\s+(?:of|on|is))?\s*$|"
            r"goes ex\S*\s+on\s*$",
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
            r"(?:of record|record date)(?:\s+(?:as of|on|of|is))?(?:\s+the close of business "
            r"on)?\s*$",
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


_OF_AMOUNT = re.compile(r"\s+(?:of|at)\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def _each_dividend(view: SentenceView) -> list[Draft]:
    """ "its regular dividend of 375 won per share ... a special dividend of 1,500 won": one
    dividend per "dividend of <amount>", its kind read from the words just before it."""
    text = view.text
    pairs = []
    for m in _DIVIDEND.finditer(text):
        mm = next((x for x in view.money if 0 <= x.start - m.end() <= 16), None)
        if mm is not None and _OF_AMOUNT.fullmatch(text, m.end(), mm.start):
            pairs.append((m, mm))
    if len(pairs) < 2:
        return []
    out = []
    floor = 0
    for m, mm in pairs:
        local = text[max(floor, m.start() - 40) : m.start()]
        floor = mm.end
        if view.hedged(m.start(), strict=False):
            continue
        kind = "special" if _SPECIAL.search(local) else "regular"
        when, default = statement_when(view)
        out.append(
            Draft(
                "dividend",
                DividendData(kind=kind, per_share=mm.money),
                when,
                anchor=m.start(),
                default_when=default,
            )
        )
    return out


@rule("dividend.declared", _DIVIDEND.pattern, keywords=("dividend",))
def dividend(view: SentenceView, m: re.Match[str]) -> list[Draft] | Draft | None:
    text = view.text
    ctx = view.ctx
    several = _each_dividend(view)
    if several:
        for d in several:
            d.sentence = view.index
        ctx.state["dividend"] = several[-1]
        return several
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
            PER_SHARE_AFTER.match(tail) or re.search(r"dividend of\s*$", head, re.IGNORECASE)
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
_SPLIT = re.compile(
    r"\bsplit\b|\bbonus (?:issue|shares?)\b|\b(?:share|stock) consolidation\b"
    r"|\bconsolidat\w*\s+(?:every|each)\b|\bconsolidation\b"
    r"|\bconsolidat\w*\s+(?:of\s+)?(?:its\s+|the\s+|every\s+\S+\s+)?(?:ordinary\s+)?(?:shares|stock)\b"
    r"|\bshares?\s+(?:will\s+be\s+|are\s+|were\s+)?consolidated\b",
    re.IGNORECASE,
)
# "1 new ordinary share for every 2 existing ordinary shares", "every 10 shares consolidated into
# one": a reverse split (ratio_from > ratio_to).
_CONSOLIDATION = re.compile(
    rf"\b(?P<a>{_NUM})\s+new\s+(?:ordinary\s+)?shares?\s+for\s+(?:every|each)\s+(?P<b>{_NUM})"
    r"\s+(?:existing|old|current)\s+(?:ordinary\s+)?shares?"
    rf"|\bevery\s+(?P<c>{_NUM})\s+(?:existing\s+|ordinary\s+|common\s+)*shares?\s+(?:will\s+be"
    rf"\s+|are\s+|were\s+)?(?:consolidated|combined|merged)\s+into\s+(?P<d>{_NUM}|a single|one)\b"
    rf"|\b(?:consolidat\w*|combin\w*|merg\w*)\s+(?:every|each)\s+(?P<e>{_NUM})\s+(?:existing\s+"
    rf"|ordinary\s+|common\s+|of\s+its\s+)*shares?\s+into\s+(?P<f>{_NUM}|a single|one)\b",
    re.IGNORECASE,
)
# "split each common share into four shares", "split each of its shares into ten"
_SPLIT_EACH = re.compile(
    rf"\bsplit\w*\s+(?:each|every)\s+(?:of\s+its\s+)?(?:existing\s+|ordinary\s+|common\s+)*"
    rf"(?:share|stock)s?\s+into\s+(?P<b>{_NUM})\b",
    re.IGNORECASE,
)
# A split talked about, not decided: "a split would make the stock more accessible", "could
# split", "hoping ... announces a split", "the next candidate for a split".
_SPLIT_TALK = re.compile(
    r"\b(?:would|should|could|argue\w*|odds|expect\w*|likely|chance|next)\b", re.IGNORECASE
)
_SPLIT_WISH = re.compile(
    r"\b(?:hop(?:e|es|ing)|candidates?|rumou?r\w*|specul\w*|calls? for|urg\w+|heading for"
    r"|wish\w*|want\w*)\b|\?",
    re.IGNORECASE,
)
_SPLIT_DECIDED = re.compile(
    r"\b(?:announc\w*|approv\w*|declar\w*|resolv\w*|board|effective|took effect|said it would"
    r"|said on \w+ it would|will|record date|propos\w*)\b",
    re.IGNORECASE,
)
_SPLIT_PAST = re.compile(
    r"\b(?:split its|took effect|completed|carried out|effected|last split"
    r"|(?:was|were|been)\s+split)\b",
    re.IGNORECASE,
)
_EFFECTIVE = re.compile(
    r"(?:effective|took effect|takes? effect|split-adjusted basis|begin trading|start trading"
    r"|record date)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_RECORD_ONLY = re.compile(r"record date[^.;]{0,20}$", re.IGNORECASE)
_WORDS = {"hundred": 100, "fifty": 50, "twenty": 20, "fifteen": 15}


def _n(text: str | None) -> int | None:
    if not text:
        return None
    return _WORDS.get(text.lower()) or word_number(text)


@rule("split.announced", _SPLIT.pattern, keywords=("split", "bonus", "consolidat"))
def stock_split(view: SentenceView, _m: re.Match[str]) -> list[Draft]:
    text = view.text
    ctx = view.ctx
    if view.hedged(_m.start(), strict=False):
        return []
    talk = _SPLIT_WISH.search(text) is not None or (
        _SPLIT_TALK.search(text) is not None and not _SPLIT_DECIDED.search(text)
    )
    effective = record = None
    ahead = _SPLIT_PAST.search(text) is None  # a split to come takes effect ahead
    for p in view.periods:
        head = text[max(0, p.start - 80) : p.end]  # "effective Oct 1" is one mention
        if p.when.start == p.when.end and _EFFECTIVE.search(head):
            day = _future_day(p, ctx.published) if ahead else p.when.start
            if _RECORD_ONLY.search(head):  # the record date dates it only when nothing else
                record = record or day
                continue
            effective = day
            break
    effective = effective or record
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
    for m in _SPLIT_EACH.finditer(text):
        b = _n(m["b"])
        if b and b > 1 and not any(abs(r[0] - m.start()) < 40 for r in ratios):
            ratios.append((m.start(), 1, b))
    for m in _CONSOLIDATION.finditer(text):
        old = _n(m["b"] or m["c"] or m["e"])
        into = (m["d"] or m["f"] or "").lower()
        new = 1 if into in ("a single", "one") else _n(m["a"] or into)
        if old and new and old > new and not any(r[0] == m.start() for r in ratios):
            ratios.append((m.start(), old, new))
    if not ratios:
        last = ctx.state.get("split")
        if last is not None and effective and view.index - last.sentence <= 2:
            if last.data.effective is None or (
                last.data.effective == record and effective != record
            ):
                last.data = msgspec.structs.replace(last.data, effective=effective)
            last.span = (last.span[0] if last.span else 0, view.sentence.end)
        return []
    if talk:
        return []
    last = ctx.state.get("split")
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
        if (
            last is not None
            and view.index - last.sentence <= 3
            and (last.data.ratio_from, last.data.ratio_to) == (ratio_from, ratio_to)
        ):
            # the bullet under "BRIEF-X announces four-for-one split" restating it: one split,
            # dated by the day the bullet names, with the effective date it gives
            if last.default_when and not default:
                last.when, last.default_when = when, False
            if eff and last.data.effective is None:
                last.data = msgspec.structs.replace(last.data, effective=eff)
            last.span = (last.span[0] if last.span else 0, view.sentence.end)
            last.sentence = view.index
            continue
        draft = Draft(
            "stock_split",
            StockSplitData(ratio_from=ratio_from, ratio_to=ratio_to, effective=eff),
            when,
            anchor=pos,
            default_when=default,
        )
        draft.sentence = view.index
        drafts.append(draft)
    if drafts:
        ctx.state["split"] = drafts[-1]
    return drafts


RULES = [dividend, stock_split]
