"""Operating results: actual deliveries, revenue, profits, margins for a past period.

A result is a metric word paired with a level (not a growth rate: "rose 5.8% to 24.6
trillion yen" is 24.6 trillion), in a clause with a past verb, for a period that has
started. Forecasts, analysts' estimates and comparison bases ("compared with $2.18 a year
ago", "up from 0.4 trillion won") are not results. Without a period of its own a result
takes the one the article is reporting on ("in the quarter", the previous result's period).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import attrs

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import Value, bare_fiscal_part, values
from events.extract.rules.guidance import (
    RATIO_METRICS,
    backref_entity,
    segment_near,
    vehicle_noun,
)
from events.extract.rules.products import product_near
from events.extract.vocab import Term
from events.model import OperatingResultData
from events.normalize.periods import PeriodMatch, clamp_to
from events.values import When

__all__ = ["RULES", "result_period"]

_PAST = re.compile(  # on lowercased text
    r"\b(?:reported|reports|posted|recorded|delivered|sold|shipped|produced|rose|fell|grew"
    r"|increased|declined|dropped|jumped|climbed|surged|slipped|slid|reached|hit|totall?ed|came in"
    r"|was|were|amounted|generated|surpassed|exceeded|crossed|accounted|stood|booked|earned"
    r"|achieved|logged|swelled|soared|tumbled|plunged|edged|ended|shrank|shrunk|swung|swang"
    r"|widened|narrowed|improved|expanded|contracted|dipped|slumped|doubled|tripled|ballooned"
    r"|advanced|gained|made|missed|beat|topped|eased|came to|stood at|is up|was up|were up)\b",
)
_FUTURE_NEAR = re.compile(
    r"\b(?:expects?|expected|forecasts?|target\w*|goals?|guid\w*|outlook|aims?|plans?|will|would"
    r"|to deliver|to sell|to reach|to produce|projected|projects?|estimates?|estimated|sees"
    r"|could|might|may|should|committed|commit\w*|investing|to invest|budget\w*|plans?|planned"
    r"|intends?)\b",
    re.IGNORECASE,
)
_NOT_COMPANY = re.compile(
    r"\b(?:analysts?|brokers?|the broker|consensus|economists|polled|estimates?|expected)\b",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(r"\b(?:from|compared|versus|vs\.?|than|against)\b", re.IGNORECASE)
_BASE_GAP = re.compile(r"\b(?:level|double|twice|triple|up|down)\s+(?:of|from|on|in)\b", re.I)
_PRICE_FOR = re.compile(r"\bfor\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?$", re.I)
_NOT_RESULT = re.compile(r"10b5-1|\btrading plan\b|\bform 4\b", re.I)
_AT_LEAST_VERB = re.compile(
    r"\b(?:surpass\w*|exceed\w*|crossed|topped|more than|over)\b", re.IGNORECASE
)
_CARRY_SUBJECT = re.compile(
    r"^\s*(?:The|This|That|Its|The same)\s+(?:division|segment|unit|business|arm)\b", re.IGNORECASE
)
_PASSIVE_GAP = re.compile(r"\s*(?:[\w-]+\s+){1,3}?(?:were|was|have been|had been)\s+")
_VERB_TERMS = frozenset({"deliveries", "production"})
_VERB_METRICS = frozenset({"deliver", "delivered", "sold", "shipped", "produced", "produce"})


_BEAT = re.compile(  # on lowercased text: "beat forecasts with ...", a comparison
    r"\b(?:beat(?:ing|s)?|miss(?:ed|es|ing)?|topp(?:ed|ing)|tops|exceed(?:ed|ing|s)?|surpass\w*"
    r"|above|below|ahead of|short of|in line with|than|outpac\w+|fell short of)\s+(?:\w+'?\s+)"
    r"{0,3}?(?:forecasts?|estimates?|expectations?|consensus|guidance|expected|projections?"
    r"|outlook)\b",
)
_UNIT_BACKREF = re.compile(
    r"\b(?:in|during|over|for|of)\s+the\s+(?:full[- ]|whole\s+|same\s+|latest\s+|reporting\s+)?"
    r"(?:fiscal\s+|financial\s+|business\s+)?(?P<unit>year|quarter|half|six months|three months"
    r"|nine months|month|period)\b(?!\s+(?:ago|earlier|before))",
    re.IGNORECASE,
)
_UNIT_DAYS = {
    "year": (350, 372),
    "quarter": (80, 100),
    "three months": (80, 100),
    "half": (170, 190),
    "six months": (170, 190),
    "nine months": (260, 280),
    "month": (27, 32),
    "period": (27, 372),
}
_NEGATIVE_BEFORE = re.compile(
    r"(?:\bnegative|\bminus|\ba\s+(?:net\s+|operating\s+|pre-?tax\s+)?loss\s+of|\bloss\s+of"
    r"|\bloss\s+(?:\w+\s+)?(?:widened|narrowed)\s+to|\(|-|\u2212)\s*$",
    re.IGNORECASE,
)
_SINCE_WORDS = re.compile(r"\b(?:since|so far|to date|cumulative\w*|in total|all-time)\b", re.I)


@attrs.frozen
class _Period:
    when: When
    fiscal: str | None = None


def _days(when: When) -> int:
    return (date.fromisoformat(when.end) - date.fromisoformat(when.start)).days + 1


def _in_value_paren(view: SentenceView, p: PeriodMatch) -> bool:
    """A period inside brackets that also hold a number: a comparison base,
    "(Q4 FY2024: \u20ac20.8 billion)"."""
    text = view.text
    open_ = text.rfind("(", 0, p.start)
    if open_ < 0 or text.rfind(")", open_, p.start) >= 0:
        return False
    close = text.find(")", p.end)
    if close < 0:
        return False
    return any(open_ < v.start < close for v in values(view))


def _fiscal_twin(view: SentenceView, p: PeriodMatch) -> str | None:
    """The company's label of the same span named next to it ("October-December quarter
    (Q3 FY26)")."""
    if p.fiscal:
        return p.fiscal
    for q in view.periods:
        if q.fiscal and (q.when.start, q.when.end) == (p.when.start, p.when.end):
            return q.fiscal
    return None


_BASE_BEFORE = re.compile(
    r"\b(?:from|versus|vs\.?|compared\s+(?:with|to)|against)\s+(?:[A-Za-z]{1,3}\$?\s?|[^\w\s]{1,2})?"
    r"\d[\d.,]*\s*(?:billion|million|bn|mln|m|trillion|bln|tn|%|pct|percent)?"
    r"(?:\s+(?:euros?|dollars?|yen|won|yuan|pounds?))?\s+(?:in|for|during)?\s*$",
    re.IGNORECASE,
)


def _own_period(view: SentenceView, value: Value, lo: int, hi: int) -> PeriodMatch | None:
    text = view.text
    published = view.ctx.article.published
    horizon = (view.ctx.published.replace(year=view.ctx.published.year + 1)).isoformat()

    def usable(p: PeriodMatch) -> bool:
        if p.when.start == p.when.end or p.relation in ("from", "since"):
            return False
        if (
            p.when.start > published
            and _fiscal_reading(view, p, view.entity_at(value.start)) is None
        ):
            return False
        if p.when.end > horizon or _in_value_paren(view, p):
            return False
        if _BASE_BEFORE.search(text, max(0, p.start - 40), p.start):
            return False  # "up 16% from EUR 28.3bn in 2024": the comparison's year
        gap = text[value.end : p.start] if p.start >= value.end else ""
        return not _COMPARATOR.search(gap) and not _BASE_GAP.search(gap)

    for span_lo, span_hi in ((lo, hi), (0, len(text))):
        cands = [p for p in view.periods if span_lo <= p.start < span_hi and usable(p)]
        cands = [
            p
            for p in cands
            if not any(
                p.when.start <= q.when.start
                and q.when.end <= p.when.end
                and (q.when.start, q.when.end) != (p.when.start, p.when.end)
                for q in cands
            )
        ]
        if cands:
            return min(cands, key=lambda p: abs(p.start - value.start))
    return None


def _fiscal_reading(view: SentenceView, p: PeriodMatch, entity: str | None) -> _Period | None:
    """A bare "first-quarter"/"Q1" result of a company whose year does not end in December:
    its fiscal quarter when that ended more recently than the calendar one (results report the
    latest period: SoftBank's first quarter, reported in August, is April-June; Walmart's
    second, reported in August, is May-July)."""
    ctx = view.ctx
    found = bare_fiscal_part(view, p, entity)
    if found is None:
        return None
    when, label = found
    published = ctx.article.published
    if when.end > published:  # the part of this fiscal year to come: the year before's
        when, label = _year_before(when, label)
    if when.end > published or (p.when.end <= published and when.end <= p.when.end):
        return None  # the fiscal one has not ended, or the calendar one ended later
    return _Period(when, label)


def _year_before(when: When, label: str) -> tuple[When, str]:
    from events.normalize._dates import add_months, when_of

    start = add_months(date.fromisoformat(when.start), -12)
    end = add_months(date.fromisoformat(when.end).replace(day=1), -11) - timedelta(days=1)
    m = re.match(r"FY(\d{4})(.*)$", label)
    if m is not None:
        label = f"FY{int(m[1]) - 1:04d}{m[2]}"
    return when_of(start, end), label


def _reporting(view: SentenceView, p: PeriodMatch, days: tuple[int, int]) -> bool:
    """A span period a result can be for: started, of the given length, not a base."""
    if p.when.start == p.when.end or p.relation in ("from", "since"):
        return False
    if p.when.start > view.ctx.article.published:
        return False
    n = _days(p.when)
    return days[0] <= n <= days[1] and not _in_value_paren(view, p)


def _prior_period(view: SentenceView, unit: str) -> _Period | None:
    """ "for the year", "in the quarter": the last period of that length named before."""
    days = _UNIT_DAYS[unit.lower()]
    views = view.ctx.views
    for i in range(view.index - 1, max(-1, view.index - 16), -1):
        for p in reversed(views[i].periods):
            if _reporting(views[i], p, days):
                return _Period(p.when, _fiscal_twin(views[i], p))
    return None


def _heading_period(view: SentenceView) -> tuple[int, _Period] | None:
    """The period named by the heading of the section this sentence is in."""
    views = view.ctx.views
    for i in range(view.index - 1, max(-1, view.index - 25), -1):
        v = views[i]
        if not v.sentence.heading:
            continue
        for p in v.periods:
            if _reporting(v, p, (27, 372)):
                return i, _Period(p.when, _fiscal_twin(v, p))
        return None
    return None


def _article_period(view: SentenceView) -> _Period | None:
    """The period the article reports on: the first recent reporting period it names."""
    ctx = view.ctx
    if "article_period" in ctx.state:
        return ctx.state["article_period"]
    found = None
    floor = (ctx.published.toordinal()) - 200
    for v in ctx.views:
        for p in v.periods:
            if (
                _reporting(v, p, (80, 372))
                and date.fromisoformat(p.when.end).toordinal() >= floor
                and p.when.end <= ctx.article.published
            ):
                found = _Period(p.when, _fiscal_twin(v, p))
                break
        if found is not None:
            break
    ctx.state["article_period"] = found
    return found


def result_period(view: SentenceView, value: Value, lo: int, hi: int) -> _Period | None:
    """The reporting period of a result at `value`: a started span period in its clause (the
    narrowest when they nest, not a comparison base), else the sentence's; else the period
    "for the year" / "in the quarter" points back to; else the section heading's or the
    previous result's; else, for money, the period the article reports on."""
    own = _own_period(view, value, lo, hi)
    if own is not None:
        fiscal = _fiscal_reading(view, own, view.entity_at(value.start))
        if fiscal is not None:
            return fiscal
        return _Period(own.when, _fiscal_twin(view, own))
    unit = _UNIT_BACKREF.search(view.text)
    if unit is not None:
        found = _prior_period(view, unit["unit"])
        if found is not None:
            return found
    heading = _heading_period(view)
    carried = view.ctx.state.get("result_period")
    recent = carried is not None and view.index - carried[1] <= 4
    if recent and (heading is None or heading[0] < carried[1]):
        return carried[0]
    if heading is not None:
        return heading[1]
    back = view.backref_period()
    if back is not None:
        return _Period(back.when, back.fiscal)
    if value.money is not None and not _SINCE_WORDS.search(view.text):
        return _article_period(view)
    return None


def _pair(view: SentenceView, term: Term, vals: list[Value], lo: int, hi: int) -> Value | None:
    text = view.text
    ratio = term.value in RATIO_METRICS or term.value.endswith("margin") or term.value in _CHANGES
    for v in reversed(vals):  # "$4 billion in revenue", "410,000 units delivered"
        if v.unit == "pp" or (v.unit == "pct") != ratio:
            continue
        if v.end > term.start:
            continue
        gap = text[v.end : term.start]
        if re.fullmatch(r"\s*(?:\w+\s+)?(?:in|of)?\s*", gap) and term.start - v.end <= 18:
            return v
        if _PASSIVE_GAP.fullmatch(gap) and term.value in _VERB_TERMS:
            return v  # "131,935 vehicles were shipped"
    for v in vals:
        if v.start < term.end or v.start >= hi:
            continue
        # periods between ("revenue for its fiscal second quarter, the three months to
        # September, rose ...") do not count towards the distance
        skip = sum(
            p.end - p.start for p in view.periods if term.end <= p.start and p.end <= v.start
        )
        if v.start - term.end - skip > 70:
            continue
        if v.unit == "pp" or (v.unit == "pct") != ratio:
            continue
        if _COMPARATOR.search(
            text[max(term.end, v.start - 16) : v.start]
        ) and not _MULTIPLIED.search(text, max(term.end, v.start - 40), v.start):
            return None
        if _PRICE_FOR.search(text, max(term.end, v.start - 24), v.start):
            continue  # "the acquisition of an R&D software maker for $5.1 billion": a price
        return v
    return None


_MULTIPLIED = re.compile(  # "more than doubled to 19.2 trillion won": the level, not a base
    r"\bmore than (?:doubl|tripl|quadrupl|halv)\w*\s+(?:\w+\s+)?to\s+(?:a\s+(?:record\s+)?)?$",
    re.IGNORECASE,
)


def _mask(text: str, pattern: re.Pattern[str], lower: str) -> str:
    """`text` with the matches of `pattern` in its lowercased form blanked out."""
    out = text
    for m in pattern.finditer(lower):
        out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+&)\s+(?:to\s+|of\s+|at\s+)?$")
_AND_THEN = re.compile(
    r"^(?:\s+(?:in|for|during|over)\s+[^,;()]{2,40}?)?,?\s+and\s+(?:to|at|of)\s+(?:about\s+)?$",
    re.IGNORECASE,
)
_ITEMS_LOWER = re.compile(
    r"(?:\bthe|'s)\s+(?P<a>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+(?:and|&)\s+(?P<b>[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*){0,2}?)\s+(?:divisions|segments|businesses|units|arms|operations)\b"
)
_NAME = r"[A-Z][\w&'-]*(?:\s+(?:[A-Z][\w&'-]*|&))*(?:\s+\([A-Z][\w&-]{0,9}\))?"
_ITEMS_NAMED = re.compile(rf"(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})")


def _value_run(vals: list[Value], text: str, start: int, first: Value) -> list[Value]:
    """`first` and the values listed after it ("$1.81 billion and $2.12 billion")."""
    run = [first]
    for v in vals:
        if v.start <= run[-1].start:
            continue
        if v.unit != first.unit or not _LIST_GAP.fullmatch(text[run[-1].end : v.start] + " "):
            break
        run.append(v)
    return run


def _respective(
    view: SentenceView, term: Term, run: list[Value], lo: int
) -> list[tuple[Term, str | None, str | None]] | None:
    """ "X and Y rose to $A and $B, respectively": (metric word, segment, company) per value;
    X and Y are metrics, companies ("NIO and XPeng delivered ...") or business names."""
    text = view.text
    n = len(run)
    terms = [t for t in view.metrics if lo <= t.start < run[0].start]
    if len(terms) >= n:
        listed = terms[-n:]
        if all(_LIST_GAP.fullmatch(text[a.end : b.start] + " ") for a, b in pairwise(listed)):
            return [(t, None, None) for t in listed]
    named = [m for m in view.mentions if lo <= m.start < run[0].start]
    if len(named) == n and all(
        _LIST_GAP.fullmatch(text[a.end : b.start] + " ") for a, b in pairwise(named)
    ):
        return [(term, None, m.slug) for m in named]
    head = text[lo : run[0].start]
    for pattern in (_ITEMS_LOWER, _ITEMS_NAMED):
        m = pattern.search(head)
        if m is not None and n == 2:
            return [(term, m["a"], None), (term, m["b"], None)]
    return None


@rule("results.reported", digits=True)  # gated on the metric words the gazetteer found
def reported_result(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    if not view.metrics:
        return
    layout = _LAYOUT.search(view.text) is not None  # "- Revenue: €3,943m (FY 2024: ...)"
    # "* SOFTBANK GROUP - Q1 NET INCOME 421.8 BLN YEN VS LOSS OF 174.3 BLN YEN YEAR AGO"
    brief = _BRIEF.match(view.text) is not None and not _BRIEF_FUTURE.search(view.text)
    # "- Net profit of CHF 11.0 billion", "| Revenue | $10.2bn | $9.8bn |": a results bullet or
    # table row under a heading
    row = (
        (view.sentence.bullet or view.text.lstrip().startswith("|"))
        and _ROW.search(view.text) is not None
        and not _FUTURE_NEAR.search(view.text)
    )
    # "Fourth quarter: revenue of EUR 9.41 billion and an operating loss of EUR 412 million"
    lead = _period_lead(view)
    layout = layout or brief or bool(row) or lead
    if layout and _outlook_section(view):
        layout = False  # "## Outlook" / "- Revenue: about €15bn": targets, not results
    if not layout and _PAST.search(view.lower) is None:
        return
    text = view.text
    low = view.lower
    if ("10b5" in low or "trading plan" in low or "form 4" in low) and _NOT_RESULT.search(text):
        return  # an insider's share sales "under a 10b5-1 trading plan" are not revenue
    vals = [v for v in values(view)]
    if not vals:
        return
    masked = _mask(text, _BEAT, view.lower) if _BEAT.search(view.lower) else text
    used: set[int] = set()
    respectively = "respectively" in view.lower
    for term in view.metrics:
        if term.start in used:
            continue
        lo, hi = clause_bounds(text, term.start)
        if _NOT_COMPANY.search(masked, lo, term.start) or view.hedged(term.start, strict=False):
            continue
        if _aside(view, term):
            continue
        free = [x for x in vals if x.start not in used and lo <= x.start < hi]
        v = _pair(view, term, free, lo, hi)
        if v is None:
            continue
        near = masked[max(lo, min(v.start, term.start) - 45) : max(v.start, term.start)]
        stops = [x.end() for x in _STOP.finditer(near)]
        if stops:  # "... y/y. Gross margin was": a full stop the splitter kept
            near = near[stops[-1] :]
        tabled = layout and (
            _colon_value(text, term, v)
            or (brief and v.start > term.end)
            or (row and v.start > term.end and _ROW_GAP.fullmatch(text, term.end, v.start))
            or (lead and v.start > term.end and _OF_GAP.fullmatch(text, term.end, v.start))
        )
        if _FUTURE_NEAR.search(near) or not (tabled or _PAST.search(view.lower, lo, hi)):
            continue
        run = _value_run(free, text, lo, v)
        if len(run) > 1 and respectively:
            pairs = _respective(view, term, run, lo)
            if pairs is not None:
                for (t, item, company), x in zip(pairs, run, strict=True):
                    draft = _draft(view, t, x, lo, hi, item=item, company=company)
                    used.add(x.start)
                    used.add(t.start)
                    if draft is not None:
                        yield draft
                continue
        draft = _draft(view, term, v, lo, hi)
        if draft is None:
            continue
        used.add(v.start)
        yield draft
        if term.value in ("net_income", "adjusted_net_income") and v.money is not None:
            eps = _per_share_after(view, v, free)
            if eps is not None:  # "net income of EUR 2.84bn, or EUR 7.35 per share"
                used.add(eps.start)
                more = _draft(view, Term(eps.start, eps.start, "eps"), eps, lo, hi, prior=v)
                if more is not None:
                    yield more
        # "to $13.9 billion in the fourth quarter, and to $54.5 billion for the full year"
        last = v
        for x in free:
            if x.start <= last.start or x.unit != v.unit:
                continue
            if not _AND_THEN.match(text[last.end : x.start]):
                break
            more = _draft(view, term, x, x.start, hi, prior=last)
            if more is not None:
                used.add(x.start)
                yield more
            last = x


# A results bullet or table row: the metric, a colon and its value, no verb.
_LAYOUT = re.compile(
    r"^\W{0,3}[A-Z][\w&'() -]{1,60}:\s*(?:[-\u2212(]\s*)?(?:[A-Z]{1,3}\$?|[^\s\w]{1,3})?\s*\d", re.M
)
_COLON_GAP = re.compile(
    r"[\w&'() -]{0,30}:\s*(?:[-\u2212(]\s*)?(?:[A-Za-z$\u20ac\u00a3\u00a5]{1,3}\s*)?$"
)


_OUTLOOK_HEAD = re.compile(
    r"\b(?:outlook|guidance|forecast|expect\w*|targets?|goals?|ambitions?|plans?|estimates?"
    r"|consensus|projections?|medium[- ]term|mid[- ]term)\b",
    re.IGNORECASE,
)


def _outlook_section(view: SentenceView) -> bool:
    """True when the section this sentence is in has a heading about the future."""
    views = view.ctx.views
    for i in range(view.index, max(-1, view.index - 25), -1):
        if views[i].sentence.heading:
            return _OUTLOOK_HEAD.search(views[i].text) is not None
    return False


_ROW = re.compile(r"\d")
_ROW_GAP = re.compile(
    r"\s*(?:[:|]|of|at|was|were|(?:up|down|rose|fell|grew)\s+(?:by\s+)?[\d.,]+\s?%\s+(?:to|at)"
    r"|(?:up|down|rose|fell|grew)\s+to)?\s*(?:[A-Za-z$\u20ac\u00a3\u00a5]{1,3}\s*)?",
    re.IGNORECASE,
)


_OF_GAP = re.compile(r"\s+(?:of|at|was|were)\s+(?:about\s+|around\s+|some\s+)?", re.IGNORECASE)
_LEAD_COLON = re.compile(r"\s*:\s+(?:[a-z]|an?\s)")


def _period_lead(view: SentenceView) -> bool:
    """A line led by a past period and a colon, then metrics and their values, no verb:
    "Fourth quarter: revenue of EUR 9.41 billion and an operating loss of EUR 412 million"."""
    colon = view.text.find(":")
    if colon < 0 or colon > 60 or not view.text[:1].isalnum():
        return False
    periods = view.periods
    if not periods or periods[0].start > 3:
        return False
    p = periods[0]
    if p.when.start == p.when.end or p.when.start > view.ctx.article.published:
        return False
    return _LEAD_COLON.match(view.text, p.end) is not None and not _FUTURE_NEAR.search(view.text)


def _colon_value(text: str, term: Term, v: Value) -> bool:
    """True when `v` is the value of `term` in "Metric: value" layout."""
    return v.start > term.end and _COLON_GAP.fullmatch(text, term.end, v.start) is not None


# Metrics that are a change in themselves: "comparable sales grew 4.5%" is the figure.
_CHANGES = frozenset({"same_store_sales"})
_FELL = re.compile(
    r"\b(?:fell|declined|dropped|slipped|decreased|shrank|contracted|slid|were down|was down"
    r"|down)\b"
)

_CURRENCY_NOUN = re.compile(
    r"(?:mexican\s+|argentine\s+|chilean\s+|philippine\s+|colombian\s+)?(?:pesos?|won|yen|rupees?"
    r"|reais|real|rand|lira|baht|ringgit|dong|kron(?:a|or|er|ur)|crowns?|francs?|euros?|dollars?"
    r"|pounds?|yuan|renminbi|rupiah|shekels?|zloty|forint|dirhams?|riyals?|naira|pesos)\b",
    re.IGNORECASE,
)
_BRIEF = re.compile(r"^\W{0,3}[A-Z0-9][A-Z0-9 &.,'()/-]{1,60}\s[-\u2013:]\s+[^a-z]*$")
_BRIEF_FUTURE = re.compile(
    r"\b(?:SEES|EXPECTS?|FORECASTS?|GUIDANCE|OUTLOOK|TARGETS?|ESTIMATES?|CONSENSUS|PLANS?|AIMS?"
    r"|PROJECTS?|ANTICIPATES?|IBES|LSEG|REFINITIV|FY\d{2,4}\s+(?:REVENUE|EPS)\s+VIEW)\b"
)
_STOP = re.compile(r"[.!?]\s+(?=[A-Z])")
_GENERIC = frozenset({"profit", "earnings", "margin", "margins"})
_WHICH = re.compile(r",\s+(?:which|who)\s+[^,]*$")


def _aside(view: SentenceView, term: Term) -> bool:
    """A bare "profit" in a relative clause ("SK Hynix, which reported a profit of ..., closed
    up"): an aside about another company, not a result this article reports."""
    if view.lower[term.start : term.end] not in _GENERIC:
        return False
    return _WHICH.search(view.text, 0, term.start) is not None


def _slug(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)  # "Automotive (ATV)" -> automotive
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _draft(
    view: SentenceView,
    term: Term,
    v: Value,
    lo: int,
    hi: int,
    *,
    item: str | None = None,
    prior: Value | None = None,
    company: str | None = None,
) -> Draft | None:
    ctx = view.ctx
    base = term.value
    if v.money is None and v.unit == "shares":
        return None
    if base == "revenue" and v.money is None and v.unit not in ("pct",):
        if v.noun and _CURRENCY_NOUN.match(v.noun):
            return None  # "261.2 bln pesos": money the parser did not read, not a count
        base = "deliveries"
    if base in ("deliveries", "production") and v.money is not None:
        return None
    if (
        base not in ("deliveries", "production", "store_count", "users", "subscribers", "orders")
        and base not in RATIO_METRICS
        and not base.endswith("margin")
        and v.money is None
        and not (base in _CHANGES and v.unit == "pct")
    ):
        return None
    segment = segment_near(view, term.start) or _carried_segment(view)
    if item is not None:
        segment = _slug(item)
    metric = ctx.vocab.metric_for(base, segment)
    if metric == "deliveries" and (segment == "ev" or ctx.ev_context) and vehicle_noun(v.noun):
        metric = "ev_deliveries"
    period = result_period(view, v, lo, hi)
    if period is None:
        return None
    period_when, fiscal = period.when, period.fiscal
    if prior is None:
        ctx.state["result_period"] = (period, view.index)
    bound = v.bound
    if bound == "exact" and _AT_LEAST_VERB.search(view.text, max(lo, v.start - 14), v.start):
        bound = "at_least"
    amount, amount_max = v.amount, v.amount_max
    if amount > 0 and (
        "loss" in view.lower[term.start : term.end]
        or _NEGATIVE_BEFORE.search(view.text, max(0, v.start - 30), v.start)
    ):
        amount = -amount
        amount_max = -amount_max if amount_max is not None else None
    if base in _CHANGES and amount > 0 and _FELL.search(view.lower, term.end, v.start):
        amount = -amount  # "same-store sales fell 2%"
        amount_max = -amount_max if amount_max is not None else None
    unit = v.unit
    product = product_near(view, term.start) if metric.endswith("deliveries") else None
    return Draft(
        "operating_result",
        OperatingResultData(
            metric=metric,
            period=period_when.label,
            value=amount,
            value_max=amount_max,
            bound=bound,
            unit=unit,  # type: ignore[arg-type]
            fiscal_period=fiscal,
            segment=segment,
            product=product,
        ),
        clamp_to(period_when, ctx.published),
        entity=company or backref_entity(view, term.start) or view.entity_at(term.start),
        anchor=term.start,
    )


def _carried_segment(view: SentenceView) -> str | None:
    """ "The division reported ..." → the segment the previous sentence named."""
    if not _CARRY_SUBJECT.match(view.text) or view.index == 0:
        return None
    prev = view.ctx.views[view.index - 1]
    found = prev.segments
    return found[0].value if found else None


_EARNED = re.compile(  # on lowercased text
    r"\b(?:earned|netted)\s+(?:a\s+(?:record\s+)?(?:net\s+)?profit\s+of\s+)?"
    r"(?=[^\s\d]{0,4}\s?\d)"
    # "swung to a loss of $16.6 billion", "posted a loss of 221.9 billion yen"
    r"|\b(?:posted|reported|recorded|booked|swung\s+(?:back\s+)?to|swang\s+to|turned\s+to"
    r"|slipped\s+to|fell\s+to|sank\s+to|plunged\s+to)\s+an?\s+(?:quarterly\s+|half-year\s+"
    r"|annual\s+|full-year\s+|first-half\s+|wider\s+|bigger\s+|deeper\s+)?(?P<loss>loss)\s+of\s+"
    r"(?=[^\s\d]{0,4}\s?\d)"
)
_NOT_PROFIT_AFTER = re.compile(  # "earned $5 million from fees / for advising": not its profit
    r"\s+(?:from|on|in fees|for(?!\s+(?:the\s+|its\s+)?(?:first|second|third|fourth|full|fiscal"
    r"|financial|latest|last|past|quarter|half|year|nine|six|three|period|(?:19|20)\d\d|q[1-4]"
    r"|fy)))\b",
    re.IGNORECASE,
)
_PER_SHARE = re.compile(r",?\s+or\s+", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"\s+(?:a|per)\s+(?:diluted\s+)?share\b", re.IGNORECASE)


@rule("results.earned", _EARNED.pattern, keywords=("earned", "netted", "loss of"), digits=True)
def earned_result(view: SentenceView, m: re.Match[str]) -> Iterator[Draft]:
    """ "Goldman earned $17.2 billion, or $54.80 a share": net income (and EPS) named by the
    verb alone, when no metric word is in the clause."""
    text = view.text
    lo, hi = clause_bounds(text, m.start())
    if any(lo <= t.start < hi for t in view.metrics) or view.hedged(m.start(), strict=False):
        return
    if _NOT_COMPANY.search(text, lo, m.start()) or _FUTURE_NEAR.search(text, lo, m.start()):
        return
    vals = [v for v in values(view) if v.start >= m.end() and v.start < hi]
    if not vals or vals[0].money is None or vals[0].start - m.end() > 4:
        return
    first = vals[0]
    if "respectively" in view.lower:
        yield from _earned_respectively(view, m, vals, lo, hi)
        return
    if _SHARE_AFTER.match(text, first.end) or _NOT_PROFIT_AFTER.match(text, first.end):
        return
    yield from _earned_drafts(view, first, vals[1:], lo, hi)


def _per_share_after(view: SentenceView, v: Value, vals: list[Value]) -> Value | None:
    """The value ", or EUR 7.35 per share" right after a profit `v`."""
    text = view.text
    nxt = next((x for x in vals if x.start >= v.end), None)
    if nxt is None or nxt.money is None or not _PER_SHARE.fullmatch(text, v.end, nxt.start):
        return None
    return nxt if _SHARE_AFTER.match(text, nxt.end) else None


def _earned_respectively(
    view: SentenceView, m: re.Match[str], vals: list[Value], lo: int, hi: int
) -> Iterator[Draft]:
    """ "Citigroup and Wells Fargo earned $3.9 billion and $5.4 billion, respectively": one
    net income per company, only when each value has its company."""
    text = view.text
    run = _value_run(vals, text, lo, vals[0])
    named = [x for x in view.mentions if lo <= x.start < m.start()]
    if len(run) < 2 or len(named) != len(run):
        return
    for company, v in zip(named, run, strict=True):
        draft = _draft(
            view, Term(v.start, v.start, "net_income"), v, lo, hi, prior=v, company=company.slug
        )
        if draft is not None:
            yield draft


def _earned_drafts(
    view: SentenceView, first: Value, rest: list[Value], lo: int, hi: int
) -> Iterator[Draft]:
    text = view.text
    out = [(Term(first.start, first.start, "net_income"), first)]
    if (
        rest
        and rest[0].money is not None
        and _PER_SHARE.fullmatch(text, first.end, rest[0].start)
        and _SHARE_AFTER.match(text, rest[0].end)
    ):
        out.append((Term(rest[0].start, rest[0].start, "eps"), rest[0]))
    for term, v in out:
        draft = _draft(view, term, v, lo, hi, prior=v)  # the period it names is not carried
        if draft is not None:
            yield draft


_ = _VERB_METRICS


# --- results tables ----------------------------------------------------------------------
# "Group revenue (EUR million) | 36,230 | 40,083 | -9.6%" under "Item | FY 2025 | FY 2024 |
# Change": the row's label names the metric and its unit, the header row the period of each
# column. A row is read only against a header whose columns are periods; the first column of
# the latest period of each length is the result, the others are comparison bases.

_CELL_NUMBER = re.compile(r"^(?P<neg>[-\u2212\u2013(]\s*)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*\)?$")
_LABEL_UNIT = re.compile(
    r"\((?:in\s+)?(?P<unit>[^()]{1,20})\)\s*$|,\s*(?:in\s+)?(?P<unit2>[^,()]{1,20})$", re.IGNORECASE
)
_SCALES = {
    "m": "million", "mn": "million", "mln": "million", "mio": "million", "million": "million",
    "millions": "million", "bn": "billion", "b": "billion", "bln": "billion",
    "billion": "billion", "billions": "billion", "k": "thousand", "thousand": "thousand",
    "thousands": "thousand", "000": "thousand", "tn": "trillion", "trillion": "trillion",
}
_UNIT_PARTS = re.compile(
    r"^(?P<cur>[A-Za-z]{0,3}\$|[$\u20ac\u00a3\u00a5]|[A-Z]{3}|yen|won|yuan|euros?|dollars?)?\s*"
    r"(?P<scale>m|mn|mln|mio|millions?|bn|b|bln|billions?|k|thousands?|'?000|tn|trillion)?\s*"
    r"(?P<cur2>[A-Z]{3}|yen|won|yuan|euros?|dollars?)?$",
    re.IGNORECASE,
)
_NOT_RESULT_COLUMN = re.compile(
    r"\b(?:change|chg|yoy|y/y|vs\.?|growth|guidance|outlook|forecast|target|consensus|estimates?"
    r"|expected|plan|budget|e)\b|\d{2,4}e\b|%",
    re.IGNORECASE,
)
_PER_SHARE_LABEL = re.compile(r"\bper\s+(?:\w+\s+)?(?:share|ads|adr)\b", re.IGNORECASE)
_CASH_FLOW_LABEL = re.compile(r"\b(?:net|free)\s+cash\s+flow\b", re.IGNORECASE)
_SEPARATOR_ROW = re.compile(r"^[\s|:\u2013\u2014=-]*$")


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a pipe row, stripped; [] when it is not one."""
    if text.count("|") < 2:
        return []
    out = []
    pos = 0
    for part in text.split("|"):
        lo = pos + len(part) - len(part.lstrip())
        hi = pos + len(part.rstrip())
        pos += len(part) + 1
        out.append((lo, max(lo, hi)))
    if out and out[0][0] == out[0][1] and text.lstrip().startswith("|"):
        out = out[1:]
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out if len(out) >= 3 else []


def _table_header(view: SentenceView, n: int) -> tuple[SentenceView, list[tuple[int, int]]] | None:
    """The header row above a table row of `n` cells: the nearest pipe row of as many cells
    whose cells after the first hold periods and no other numbers (rows between it and the
    row are rows of the same table)."""
    views = view.ctx.views
    for i in range(view.index - 1, max(-1, view.index - 30), -1):
        v = views[i]
        if _SEPARATOR_ROW.match(v.text):
            continue
        cells = _cells(v.text)
        if len(cells) != n:
            return None
        if any(lo <= p.start < hi for p in v.periods for lo, hi in cells[1:]):
            return v, cells
    return None


def _label_unit(label: str) -> tuple[str, float] | None:
    """("EUR", 1e6) for "Group revenue (EUR million)", ("pct", 1) for "(%)", ("units", 1)
    for "(vehicles)"; None when the label gives none."""
    m = _LABEL_UNIT.search(label)
    if m is None:
        return None
    unit = (m["unit"] or m["unit2"] or "").strip()
    if unit in ("%", "in %", "percent", "per cent", "pct"):
        return "pct", 1.0
    parts = _UNIT_PARTS.match(unit)
    if parts is not None and (parts["cur"] or parts["cur2"]):
        from events.normalize.money import find_money

        scale = _SCALES.get((parts["scale"] or "").lower().lstrip("'"), "")
        found = find_money(f"{parts['cur'] or ''} 1 {scale} {parts['cur2'] or ''}".strip())
        if len(found) == 1:
            return found[0].money.currency, found[0].money.amount
        return None
    if re.fullmatch(r"(?:units?|vehicles?|cars|deliveries|pieces|number|no\.|thousand units)", unit, re.I):
        return ("units", 1000.0) if unit.lower().startswith("thousand") else ("units", 1.0)
    return None


def _table_columns(header: SentenceView, cells: list[tuple[int, int]]) -> dict[int, _Period]:
    """Column index -> period, for the columns holding a result: a started period of the
    header, not a change or forecast column, the latest of its length (earlier ones of the
    same length are the comparison)."""
    published = header.ctx.article.published
    found: dict[int, PeriodMatch] = {}
    for i, (lo, hi) in enumerate(cells):
        if i == 0:
            continue
        cell = header.text[lo:hi]
        rest = cell
        ps = [p for p in header.periods if lo <= p.start < hi]
        for p in ps:
            rest = rest.replace(header.text[p.start : p.end], " ")
        if len(ps) != 1 or _NOT_RESULT_COLUMN.search(rest) or re.search(r"\d{2,4}\s*e\b", cell, re.I):
            continue
        p = ps[0]
        if p.when.start == p.when.end or p.when.end > published or p.relation in ("from", "since"):
            continue
        found[i] = p
    out: dict[int, _Period] = {}
    for i, p in found.items():
        days = _days(p.when)
        later = any(
            q.when.end > p.when.end and abs(_days(q.when) - days) <= 5 for q in found.values()
        )
        same = [j for j, q in found.items() if (q.when.start, q.when.end) == (p.when.start, p.when.end)]
        if not later and min(same) == i:
            out[i] = _Period(p.when, _fiscal_twin(header, p))
    return out


def _table_drafts(view: SentenceView) -> Iterator[Draft]:
    text = view.text
    cells = _cells(text)
    if not cells:
        return
    lo0, hi0 = cells[0]
    label = text[lo0:hi0]
    if not label or _CELL_NUMBER.match(label):
        return
    terms = [t for t in view.metrics if lo0 <= t.start < hi0]
    metric_base = None
    anchor = lo0
    if _PER_SHARE_LABEL.search(label):
        metric_base = "eps"
    elif terms:
        metric_base = terms[0].value
        anchor = terms[0].start
    elif _CASH_FLOW_LABEL.search(label):
        metric_base = "free_cash_flow"
    if metric_base is None:
        return
    unit = _label_unit(label)
    if unit is None:
        return
    if _FUTURE_NEAR.search(label):
        return
    for i in range(view.index, max(-1, view.index - 40), -1):
        v = view.ctx.views[i]  # the section's heading, above the table's rows
        if v.sentence.heading and not _cells(v.text):
            if _OUTLOOK_HEAD.search(v.text):
                return
            break
    header = _table_header(view, len(cells))
    if header is None:
        return
    columns = _table_columns(*header)
    ctx = view.ctx
    for i, period in columns.items():
        lo, hi = cells[i]
        m = _CELL_NUMBER.match(text[lo:hi])
        if m is None:
            continue
        amount = float(m["num"].replace(",", "")) * unit[1]
        if m["neg"]:
            amount = -amount
        currency, _scale = unit
        is_money = currency not in ("pct", "units")
        base = metric_base
        if base in ("deliveries", "production", "orders") and is_money and base != "orders":
            continue
        if base == "revenue" and currency == "units":
            base = "deliveries"
        ratio = base in RATIO_METRICS or base.endswith("margin")
        if ratio != (currency == "pct"):
            continue
        if not ratio and not is_money and base not in (
            "deliveries", "production", "store_count", "users", "subscribers", "orders"
        ):
            continue
        segment = segment_near(view, anchor)
        metric = ctx.vocab.metric_for(base, segment)
        yield Draft(
            "operating_result",
            OperatingResultData(
                metric=metric,
                period=period.when.label,
                value=amount,
                unit=currency,  # type: ignore[arg-type]
                fiscal_period=period.fiscal,
                segment=segment,
            ),
            clamp_to(period.when, ctx.published),
            anchor=anchor,
        )


# "Deliveries by region (units, FY 2025): North America 86,229; China 41,938; Germany 29,968"
_BREAKDOWN = re.compile(
    r"^\W{0,3}(?:[\w-]+\s+){0,3}?(?P<by>by\s+(?:region|market|country|segment|division|brand"
    r"|model|business|product|geography|area)s?)\s*(?:\((?P<unit>[^()]{1,40})\))?\s*:\s*",
    re.IGNORECASE,
)
_BREAKDOWN_ITEM = re.compile(
    r"\s*(?P<name>[A-Z][\w&'./-]*(?:\s+[\w&'./-]+){0,5}?)\s*:?\s+(?P<num>\d{1,3}(?:,\d{3})+"
    r"(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:[;,]|\.?$|\s+and\s+)"
)


_BY_WORDS = tuple(
    f"by {w}"
    for w in ("region", "market", "country", "segment", "division", "brand", "model", "business")
) + ("by product", "by geography", "by area")


@rule("results.breakdown", r"\bby\s+(?:region|market|country|segment|division|brand|model"
      r"|business|product|geography|area)", keywords=_BY_WORDS, digits=True)
def breakdown_result(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    """A metric broken down by region or segment, a name and a number per item, the unit in
    brackets after the metric."""
    m = _BREAKDOWN.match(view.text)
    if m is None or not view.metrics or view.metrics[0].start > m.start("by"):
        return
    term = view.metrics[0]
    if view.hedged(term.start, strict=False) or _FUTURE_NEAR.search(view.text):
        return
    if _outlook_section(view):
        return
    head = m["unit"] or ""
    unit = _label_unit(f"({head.split(',')[0].strip()})") if head else None
    if unit is None:
        if term.value not in ("deliveries", "production", "orders"):
            return
        unit = ("units", 1.0)
    currency, scale = unit
    base = term.value
    if base == "revenue" and currency == "units":
        base = "deliveries"
    if (currency == "units") != (base in ("deliveries", "production", "orders")):
        return
    ctx = view.ctx
    items = []
    pos = m.end()
    text = view.text
    while pos < len(text):
        item = _BREAKDOWN_ITEM.match(text, pos)
        if item is None:
            break
        items.append(item)
        pos = item.end()
    if len(items) < 2 or text[pos:].strip(" .;"):
        return
    period = result_period(view, Value(m.end(), m.end(), money=None, quantity=None), 0, len(text))
    if period is None:
        period = _article_period(view)
    if period is None:
        return
    for item in items:
        amount = float(item["num"].replace(",", "")) * scale
        yield Draft(
            "operating_result",
            OperatingResultData(
                metric=base,
                period=period.when.label,
                value=amount,
                unit=currency,  # type: ignore[arg-type]
                fiscal_period=period.fiscal,
                segment=_slug(item["name"]),
            ),
            clamp_to(period.when, ctx.published),
            anchor=term.start,
        )


@rule("results.table", keywords=("|",), digits=True)
def table_result(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    """A row of a results table whose header names the periods (see `_table_drafts`); rows
    the `results.reported` rule reads as a bullet are left to it."""
    yield from _table_drafts(view)


RULES = [reported_result, earned_result, table_result, breakdown_result]
