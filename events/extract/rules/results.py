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

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import Value, values
from events.extract.rules.guidance import RATIO_METRICS, segment_near, vehicle_noun
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
    r"|achieved|logged|swelled|soared|tumbled|plunged|edged|ended)\b",
)
_FUTURE_NEAR = re.compile(
    r"\b(?:expects?|expected|forecasts?|target\w*|goals?|guid\w*|outlook|aims?|plans?|will|would"
    r"|to deliver|to sell|to reach|to produce|projected|projects?|estimates?|estimated|sees"
    r"|could|might|may|should|committed|commit\w*|investing|to invest|budget|plans?|intends?)\b",
    re.IGNORECASE,
)
_NOT_COMPANY = re.compile(
    r"\b(?:analysts?|brokers?|the broker|consensus|economists|polled|estimates?|expected)\b",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(r"\b(?:from|compared|versus|vs\.?|than|against)\b", re.IGNORECASE)
_AT_LEAST_VERB = re.compile(
    r"\b(?:surpass\w*|exceed\w*|crossed|topped|more than|over)\b", re.IGNORECASE
)
_CARRY_SUBJECT = re.compile(
    r"^\s*(?:The|This|That|Its|The same)\s+(?:division|segment|unit|business|arm)\b", re.IGNORECASE
)
_VERB_METRICS = frozenset({"deliver", "delivered", "sold", "shipped", "produced", "produce"})


def result_period(view: SentenceView, value: Value, lo: int, hi: int) -> PeriodMatch | When | None:
    """The reporting period of a result at `value`: a started span period in its clause (the
    narrowest when they nest, not a comparison base), else the sentence's, else carried."""
    text = view.text
    published = view.ctx.article.published

    horizon = (view.ctx.published.replace(year=view.ctx.published.year + 1)).isoformat()

    def usable(p: PeriodMatch) -> bool:
        if (
            p.when.start == p.when.end
            or p.relation in ("from", "since")
            or p.when.start > published
        ):
            return False
        if p.when.end > horizon:
            return False
        gap = text[value.end : p.start] if p.start >= value.end else ""
        return not _COMPARATOR.search(gap)

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
    back = view.backref_period()
    carried = view.ctx.state.get("result_period")
    if carried is not None and view.index - carried[1] <= 4:
        return carried[0]
    return back


def _pair(view: SentenceView, term: Term, vals: list[Value], lo: int, hi: int) -> Value | None:
    text = view.text
    ratio = term.value in RATIO_METRICS or term.value.endswith("margin")
    for v in reversed(vals):  # "$4 billion in revenue", "410,000 units delivered"
        if v.unit == "pp" or (v.unit == "pct") != ratio:
            continue
        if (
            v.end <= term.start
            and re.fullmatch(r"\s*(?:\w+\s+)?(?:in|of)?\s*", text[v.end : term.start])
            and term.start - v.end <= 18
        ):
            return v
    for v in vals:
        if v.start < term.end or v.start - term.end > 70 or v.start >= hi:
            continue
        if v.unit == "pp" or (v.unit == "pct") != ratio:
            continue
        if _COMPARATOR.search(text[max(term.end, v.start - 16) : v.start]):
            return None
        return v
    return None


@rule("results.reported", digits=True)  # gated on the metric words the gazetteer found
def reported_result(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    if not view.metrics or _PAST.search(view.lower) is None:
        return
    text = view.text
    vals = [v for v in values(view)]
    if not vals:
        return
    used: set[int] = set()
    for term in view.metrics:
        lo, hi = clause_bounds(text, term.start)
        if _NOT_COMPANY.search(text, lo, term.start) or view.hedged(term.start, strict=False):
            continue
        v = _pair(
            view, term, [x for x in vals if x.start not in used and lo <= x.start < hi], lo, hi
        )
        if v is None:
            continue
        near = text[max(lo, min(v.start, term.start) - 45) : max(v.start, term.start)]
        if _FUTURE_NEAR.search(near) or not _PAST.search(view.lower, lo, hi):
            continue
        draft = _draft(view, term, v, lo, hi)
        if draft is not None:
            used.add(v.start)
            yield draft


def _draft(view: SentenceView, term: Term, v: Value, lo: int, hi: int) -> Draft | None:
    ctx = view.ctx
    base = term.value
    if v.money is None and v.unit == "shares":
        return None
    if base == "revenue" and v.money is None and v.unit not in ("pct",):
        base = "deliveries"
    if base in ("deliveries", "production") and v.money is not None:
        return None
    if (
        base not in ("deliveries", "production", "store_count", "users", "subscribers", "orders")
        and base not in RATIO_METRICS
        and not base.endswith("margin")
        and v.money is None
    ):
        return None
    segment = segment_near(view, term.start) or _carried_segment(view)
    metric = ctx.vocab.metric_for(base, segment)
    if metric == "deliveries" and (segment == "ev" or ctx.ev_context) and vehicle_noun(v.noun):
        metric = "ev_deliveries"
    period = result_period(view, v, lo, hi)
    if period is None:
        return None
    period_when = period.when if isinstance(period, PeriodMatch) else period
    fiscal = period.fiscal if isinstance(period, PeriodMatch) else None
    ctx.state["result_period"] = (period_when, view.index)
    bound = v.bound
    if bound == "exact" and _AT_LEAST_VERB.search(view.text, max(lo, v.start - 14), v.start):
        bound = "at_least"
    unit = v.unit
    product = product_near(view, term.start) if metric.endswith("deliveries") else None
    return Draft(
        "operating_result",
        OperatingResultData(
            metric=metric,
            period=period_when.label,
            value=v.amount,
            value_max=v.amount_max,
            bound=bound,
            unit=unit,  # type: ignore[arg-type]
            fiscal_period=fiscal,
            segment=segment,
            product=product,
        ),
        clamp_to(period_when, ctx.published),
        entity=view.entity_at(term.start),
        anchor=term.start,
    )


def _carried_segment(view: SentenceView) -> str | None:
    """ "The division reported ..." → the segment the previous sentence named."""
    if not _CARRY_SUBJECT.match(view.text) or view.index == 0:
        return None
    prev = view.ctx.views[view.index - 1]
    found = prev.segments
    return found[0].value if found else None


RULES = [reported_result]
_ = _VERB_METRICS
