"""Guidance: a company's own targets and forecasts, with revisions.

"raised its 2026 delivery target to 550,000", "expects revenue to grow between 3% and 5%",
"cut its full-year operating profit forecast to 3.2 trillion yen from 3.8 trillion yen".
Analysts' estimates and consensus are not guidance; hedged talk ("if", "could") is not a
statement. The value comes after the trigger or after a metric named after it; a value
after "from" or "previous/initial" is the previous target. A sentence that says targets
were raised without a number ("is raising its EV delivery targets") is a cue: it marks the
article's same-metric guidance as raised (`apply_cues`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from events.extract.context import ArticleContext, SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import (
    Value,
    bare_fiscal_part,
    speech_time,
    statement_when,
    values,
)
from events.extract.vocab import Term
from events.model import GuidanceData
from events.normalize.periods import PeriodMatch, clamp_to, fiscal_to_when, label_to_when
from events.values import Quantity, When

__all__ = ["RULES", "apply_cues", "backref_entity", "guidance_metric", "target_period"]

_TRIGGER = re.compile(  # on lowercased text
    r"\b(?:targets?|targeting|targeted|goals?|forecasts?|forecasting|forecasted|guid(?:ance|"
    r"ed|es|ing)"
    r"|outlooks?|expects?|expecting|projections?|projected|(?<=now )projects|aims?|aiming|sees"
    r"|anticipates?"
    r"|objective|ambition)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?expected\s+to\s+(?:be|come\s+in|reach|total|range|grow|rise"
    r"|increase|decline|fall)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:expected|planned|budgeted|seen|forecast|projected)\s+(?:at|of"
    r"|around|in\s+the\s+range\s+of)\b",
)
# "Investments are planned at around EUR 2.2bn", "expects investments of ...": spending
# guidance (capex); the vocabulary leaves bare "investments" out, as results use it widely.
_INVESTMENTS = re.compile(r"\binvestments\b")


def _terms(view: SentenceView) -> list[Term]:
    """The sentence's metric words, plus bare "investments" as capex."""
    if "investments" not in view.lower:
        return view.metrics
    extra = [
        Term(m.start(), m.end(), "capex")
        for m in _INVESTMENTS.finditer(view.lower)
        if not any(t.start <= m.start() < t.end for t in view.metrics)
    ]
    return sorted([*view.metrics, *extra], key=lambda t: t.start)


# "forecast"-type words: a company's forecast of capex or output is guidance; a "target" or
# "goal" for them is a plan (see corporate.plan).
_FORECAST_WORD = re.compile(
    r"forecast|guid|outlook|expect|projection|projected|sees|anticipat|planned at|budgeted|seen at"
)
_BEAT_FORECAST = re.compile(  # "beat forecasts with ...": a comparison, not a forecast
    r"\b(?:beat(?:ing|s)?|miss(?:ed|es|ing)?|topp(?:ed|ing)|tops|exceed(?:ed|ing|s)?|above|below"
    r"|ahead of|short of|in line with|than)\s+(?:\w+'?\s+){0,3}?$",
    re.IGNORECASE,
)
_ACTUAL_AFTER = re.compile(  # "the 1.21 trillion yen it earned last year": an actual figure
    r"\s+(?:it|the company|the group|they|[A-Z]\w+)\s+(?:had\s+)?(?:earned|made|posted|reported"
    r"|recorded|booked|generated|achieved|delivered|sold)\b"
)
_REQUIRE = re.compile(  # arithmetic about a target, not a target
    r"\b(?:would|will|to)\s+(?:require|need|mean|imply)\b|\bneeds? to\b|\bwould have to\b"
    r"|\brequires?\b",
    re.IGNORECASE,
)
_ANALYSTS_ANYWHERE = re.compile(
    r"\b(?:analysts?|consensus|polled|according to (?:LSEG|Refinitiv|FactSet|Visible Alpha"
    r"|Bloomberg))\b",
    re.IGNORECASE,
)
_REITERATED_AFTER = re.compile(
    r"[^;]{0,60}?\b(?:a|the|its|this)\s+(?:goal|target|forecast|outlook|guidance|ambition)\s+"
    r"(?:\w+\s+){0,2}?(?:reiterated|reaffirmed|confirmed|repeated)\b"
    r"|[^;]{0,60}?\b(?:reiterating|reaffirming|confirming|maintaining)\s+(?:its|the)\s+"
    r"(?:\w+\s+){0,2}?(?:goal|target|forecast|outlook|guidance)\b",
    re.IGNORECASE,
)
_BASE_BETWEEN = re.compile(r"\b(?:compared|versus|vs\.?|than|against|up from|down from)\b", re.I)
_STATEMENT_MONTH = re.compile(r"(?:^|\bback|\bearlier|\balready|,)\s*$", re.IGNORECASE)
_QUALITATIVE = re.compile(
    r"\b(?:plans?|aims?|expects?|targets?|intends?|seeks?)\s+to\s+(?:maintain|keep|hold|generate|"
    r"achieve|deliver)\b",
    re.IGNORECASE,
)
_NOT_COMPANY = re.compile(
    r"\b(?:analysts?|analysts'|brokers?|brokerages?|the broker|consensus|economists|institutions"
    r"|investors|Wall Street|polled|the market|markets|estimates?|fund managers)\b",
    re.IGNORECASE,
)
_CONSENSUS_BEFORE = re.compile(
    r"(?:estimates?|consensus|expected by|analysts'?|forecast by|polled\b[^.]*)\s+"
    r"(?:of\s+)?(?:about\s+)?$",
    re.IGNORECASE,
)
_PREVIOUS_BETWEEN = re.compile(
    r"\b(?:from|previous(?:ly)?|prior|initial|original|earlier|old|versus|vs\.?)\b", re.IGNORECASE
)
_PREVIOUS_MARK = re.compile(
    r"\b(?:from|previous(?:ly)?|prior|initial|original|earlier|old)\b(?:\s+[\w'-]+){0,3}\s*"
    r"(?:of\s+)?(?:the\s+)?[\"\u201c]?$",
    re.IGNORECASE,
)
_RETRO_BEFORE = re.compile(
    r"\b(?:original|initial|earlier|previous|prior|old)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_LOWER = re.compile(
    r"\b(?:cut|cuts|lower\w*|reduc\w+|trim\w*|slash\w*|downgrad\w+|revised down\w*|downward)\b",
    re.IGNORECASE,
)
_RAISE = re.compile(
    r"\b(?:rais\w+|lift\w*|increas\w+|upgrad\w+|boost\w*|hik\w+|revised up\w*|upward)\b",
    re.IGNORECASE,
)
_REITERATE = re.compile(
    r"\b(?:reiterat\w+|reaffirm\w*|maintain\w*|kept|keeps|keep|unchanged|confirm\w*|stuck "
    r"to|stands by|on track|repeated)\b",
    re.IGNORECASE,
)
_GROWTH = re.compile(r"\b(?:grow\w*|growth|increase|rise|up)\b", re.IGNORECASE)
_FULL_YEAR = re.compile(
    r"\b(?:full[- ]year|annual|for the year|this year|the year)\b", re.IGNORECASE
)
_SPEAKER = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?:,[^,]{2,60},)?\s+(?:set|said|says|told|provided|"
    r"announced"
    r"|reiterated|reaffirmed|stated|guided|forecast|unveiled)\b"
)
_TO_SELL = re.compile(r"\bto sell\b(?=\s+(?:about\s+|around\s+|at least\s+|more than\s+)?\d)")
_RESULT_VERB = re.compile(
    r"\b(?:surpassed|exceeded|delivered|reported|posted|recorded|reached|rose|fell|grew|was|were"
    r"|totall?ed|sold|shipped|produced|hit)\b",
    re.IGNORECASE,
)
_ACTUAL_GROWTH_BEFORE = re.compile(r"[,;(]\s*(?:up|down|rising|falling)\s+$", re.IGNORECASE)
_YOY_AFTER = re.compile(
    r"\s*(?:y/y|yoy|y-o-y|year[- ]on[- ]year|year[- ]over[- ]year|from a year (?:earlier|ago)"
    r"|on the year|from the (?:same|year-ago) )",
    re.IGNORECASE,
)
_ADJECTIVE_TRIGGER = re.compile(  # "the guided range", "better than guided": a comparison
    r"(?:guided|forecast|targeted|projected)\s+(?:range|level|midpoint|figure)\b",
)
_COMPARED_BEFORE = re.compile(r"\b(?:than|as|versus|vs\.?)\s+(?:\w+\s+)?$")
_OPEN_BOUND_AFTER = re.compile(
    r"\s+or\s+(?:(?P<up>better|more|higher|above|greater)|worse|less|lower|below)\b",
    re.IGNORECASE,
)
_ACTION_AFTER = re.compile(  # "..., raising the floor from its October message"
    r"[^,;.]{0,40}?,\s*(?:(?P<up>raising|lifting|increasing|upgrading|up from)|lowering|cutting"
    r"|trimming|reducing|down from)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(  # "..., as the bank conserves capital for its $13.6 billion plan"
    r",\s*(?:as|while|because|although|whereas|but|since|after)\s", re.IGNORECASE
)
_SAID_BEFORE = re.compile(
    r"\b(?:it|they|we|management|the company|the group)\s+(?:had\s+)?(?:forecast|guided"
    r"|projected|targeted|expected|said|set|gave|issued|predicted)\s+(?:(?:back\s+)?(?:in|on)\s+)?$",
    re.IGNORECASE,
)
_AT_TIME = re.compile(r"(?:back\s+)?(?:in|on|during|earlier)\b", re.IGNORECASE)
_EARLIER_CLAUSE = re.compile(  # "from the 3.75% to 4.75% it forecast", "than the X it had guided"
    r"\b(?:from|than|with|versus|vs\.?)\s+(?:the|its)\s+[^,;]{0,50}?\b(?:it|they|we|management"
    r"|the company|the group)\s+(?:had\s+)?$",
    re.IGNORECASE,
)
# "up from its August projection of ...", "down from the previous forecast of ...": the old one
_FROM_EARLIER = re.compile(
    r"\b(?:from|than|versus|vs\.?)\s+(?:its|the|their|an?)\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE
)
_PREVIOUSLY_AFTER = re.compile(
    r"\s*(?:previously|before|earlier|prior|in (?:its|the) (?:previous|prior|earlier) "
    r"(?:outlook|forecast|guidance))\b",
    re.IGNORECASE,
)
_COMPARED_HEAD = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|against)\s+$", re.IGNORECASE)
_LEVEL_AFTER = re.compile(r"^\s*(?:'s)?\s*level", re.IGNORECASE)
_RUMOUR = re.compile(
    r"\b(?:people|persons?|sources?)\s+(?:familiar|close|with knowledge|briefed)\b|\breportedly\b"
    r"|\b(?:is|are)\s+said\s+to\b|\bsources\s+(?:said|say)\b|\b(?:reported|report),?\s+citing\b"
    r"|\bunnamed\s+sources?\b|\brumou?r"
)
_QUAL_BOUND = re.compile(
    r"\b(?P<least>no less than|at least|not below|no lower than|above)\b|\b(?P<most>no more "
    r"than|at most|below)\b"
    r"|\b(?P<pos>positive)\b",
    re.IGNORECASE,
)
RATIO_METRICS = frozenset(
    {
        "gross_margin",
        "operating_margin",
        "market_share",
        "smartphone_gross_margin",
        "ev_gross_margin",
    }
)
PLAN_METRICS = frozenset({"store_count", "rd_investment", "capex", "production"})


def guidance_metric(view: SentenceView, term: Term, value: Value | None) -> str | None:
    """The metric slug for a metric word, refined by the value and the segment named."""
    base = term.value
    if base in ("deliveries", "production", "store_count") and value is not None and value.money:
        return None  # a count metric never takes a money value
    counted = value is not None and value.money is None and value.unit not in ("pct", "pp")
    if counted and base == "revenue" and (value.noun or value.unit == "units"):  # type: ignore[union-attr]
        base = "deliveries"  # "a sales target of 4.6 million vehicles"
    ratio = base in RATIO_METRICS or base.endswith("margin") or base == "return_on_equity"
    if value is not None and value.unit in ("pct", "pp") and not ratio:
        base = f"{base}_growth" if base != "deliveries" else "deliveries_growth"
    segment = segment_near(view, term.start)
    metric = view.ctx.vocab.metric_for(base, segment)
    if (
        metric == "deliveries"
        and view.ctx.ev_context
        and (value is None or vehicle_noun(value.noun))
    ):
        metric = "ev_deliveries"
    return metric


_VEHICLE_NOUN = re.compile(
    r"^(?:new energy |electric |passenger |smart |premium )*(?:vehicles?|cars?|units?|EVs?|"
    r"NEVs?|SUVs?)\b",
    re.IGNORECASE,
)


def vehicle_noun(noun: str | None) -> bool:
    """True when a delivery count is of cars (or has no noun): EV context makes it EV deliveries."""
    return noun is None or _VEHICLE_NOUN.match(noun) is not None


# "the chipmaker", "the lender": the company of that kind named last, not a rival named later
# in the sentence ("..., overtaking Samsung Electronics").
_BACKREF_NOUN = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?(?P<noun>chipmaker|chip\s?maker|memory\s+maker|chip\s+designer"
    r"|lender|bank|insurer|carmaker|automaker|car\s+maker|ev\s+maker|retailer|drugmaker"
    r"|oil\s+major|streamer|telecoms?\s+operator)\b",
    re.IGNORECASE,
)
_PRONOUN_CLAUSE = re.compile(
    r";\s*(?:(?:late\s+)?on\s+\w+day\s+|then\s+|also\s+|separately\s+)?(?:it|the\s+company)\s"
)
_BACKREF_SECTORS = {
    "chip": "semiconductors",
    "memory": "semiconductors",
    "lender": "financials",
    "bank": "financials",
    "insurer": "financials",
    "car": "automotive",
    "auto": "automotive",
    "ev": "automotive",
    "retailer": "consumer",
    "drug": "healthcare",
    "oil": "energy",
    "streamer": "media",
    "telecom": "telecommunications",
}


def backref_entity(view: SentenceView, anchor: int) -> str | None:
    """The company "the chipmaker" / "the bank" right before `anchor` refers to: the last one
    of that sector named before it (this sentence, then up to ten sentences back). None when
    a company is named before `anchor` in this sentence or no such noun is there."""
    pronoun = _PRONOUN_CLAUSE.search(view.lower, max(0, anchor - 50), anchor)
    if pronoun is not None:  # "XPeng fell 5.1%; on Monday it guided ...": XPeng
        before = [m for m in view.mentions if m.end <= pronoun.start()]
        if before and not any(pronoun.start() <= m.start < anchor for m in view.mentions):
            return before[0].slug if len({m.slug for m in before}) == 1 else None
    if "the " not in view.lower[:anchor]:
        return None
    if any(m.start < anchor for m in view.mentions):
        return None
    found = None
    for m in _BACKREF_NOUN.finditer(view.text, 0, anchor):
        if anchor - m.end() <= 60 or (m.start() <= 4 and anchor - m.end() <= 100):
            found = m
    if found is None:
        return None
    noun = found["noun"].lower()
    sector = next((v for k, v in _BACKREF_SECTORS.items() if noun.startswith(k)), None)
    if sector is None:
        return None
    entities = view.ctx.registry.entities
    views = view.ctx.views
    for i in range(view.index - 1, max(-1, view.index - 11), -1):
        for mention in reversed(views[i].mentions):
            company = entities.get(mention.slug)
            if company is not None and company.sector == sector:
                return mention.slug
    return None


def segment_near(view: SentenceView, pos: int) -> str | None:
    """A business segment named in the clause at `pos` ("for its smartphone business")."""
    lo, hi = _clause(view, pos)
    found = [t for t in view.segments if lo <= t.start < hi]
    if not found:
        return None
    return min(found, key=lambda t: abs(t.start - pos)).value


def _clause(view: SentenceView, pos: int) -> tuple[int, int]:
    from events.extract.attribution import clause_bounds

    return clause_bounds(view.text, pos)


def target_period(
    view: SentenceView, pos: int, entity: str | None, metric: str | None = None
) -> PeriodMatch | When | None:
    """The period a target is for: the nearest span period in the sentence that is not a
    comparison base ("from a year earlier", "the 2025 level"), else full-year words, else
    the period of this article's previous target, else None."""
    best: tuple[int, PeriodMatch] | None = None
    text = view.text
    for p in view.periods:
        if p.relation in ("from", "since") or p.when.start == p.when.end:
            continue
        if _LEVEL_AFTER.match(text[p.end : p.end + 12]):
            continue
        if speech_time(view, p) and not _THIS_SPAN.match(text, p.start, p.end):
            continue  # "on Tuesday", "last week"; but "3% this year" is the target's year
        if _SAID_BEFORE.search(text, max(0, p.start - 30), p.start) and (
            _AT_TIME.match(text, p.start) or re.search(r"\b(?:in|on)\s*$", text[: p.start])
        ):
            continue  # "the 3.75% to 4.75% it forecast in August": when that was said
        if (p.when.end < p.when.start) or _short_span(p):
            continue
        if p.start > pos and _BASE_BETWEEN.search(text, pos, p.start):
            continue  # "EUR 10.40 to 11.00, compared with EUR 10.53 in fiscal 2025"
        d = p.start - pos if p.start >= pos else (pos - p.end) + 2
        if best is None or d < best[0]:
            best = (d, p)
    if best is not None:
        return best[1]
    ctx = view.ctx
    fy_end = ctx.fiscal_end(entity)
    if _FULL_YEAR.search(text):
        try:
            return fiscal_to_when("this fiscal year", fy_end, ctx.published)[0]
        except Exception:
            return None
    framed = _framing_period(view)
    if framed is not None:
        return framed  # "For fiscal year 2026, Infineon expects ... Investments are planned at"
    periods = ctx.state.setdefault("guidance_periods", {})
    if metric and metric in periods:
        return periods[metric]
    return ctx.state.get("guidance_period")


_THIS_SPAN = re.compile(r"this\s+(?:fiscal\s+|financial\s+)?(?:year|quarter|half)\b", re.I)


def _framing_period(view: SentenceView) -> PeriodMatch | None:
    """The period the previous sentence opens with ("For fiscal year 2026, ..."), which
    frames the outlook sentences after it in the same paragraph."""
    if view.index == 0:
        return None
    prev = view.ctx.views[view.index - 1]
    if prev.sentence.heading or not prev.periods:
        return None
    p = prev.periods[0]
    head = prev.text[: p.start]
    if not re.fullmatch(r"\s*(?:(?:for|in|during|over)\s+(?:the\s+)?)?", head, re.IGNORECASE):
        return None
    if p.when.start == p.when.end or p.when.end < view.ctx.article.published:
        return None
    if not re.match(r"\s*,", prev.text[p.end :]):
        return None
    return p


def _fiscal_part(view: SentenceView, p: PeriodMatch, entity: str | None) -> PeriodMatch | None:
    """A bare "third-quarter" / "Q3" target of a company whose year does not end in December
    is its fiscal part (the next one to come): Nvidia's third quarter guided in August is
    August-October."""
    found = bare_fiscal_part(view, p, entity)
    if found is None:
        return None
    when, label = found
    return PeriodMatch(p.start, p.end, when, p.relation, label)


def _short_span(p: PeriodMatch) -> bool:
    from datetime import date

    return (date.fromisoformat(p.when.end) - date.fromisoformat(p.when.start)).days < 20


def _pairs(
    view: SentenceView, t: re.Match[str], lo: int, hi: int, used: set[int]
) -> Iterator[tuple[Term, Value]]:
    """(metric word, value) pairs a trigger states."""
    text = view.text
    metrics = [m for m in _terms(view) if lo <= m.start < hi]
    for sell in _TO_SELL.finditer(text, lo, hi):  # "aims to sell 4.4 million vehicles"
        metrics.append(Term(sell.start(), sell.end(), "deliveries"))
    metrics.sort(key=lambda m: m.start)
    vals = [v for v in values(view) if lo <= v.start < hi and v.start not in used]

    def ok(v: Value) -> bool:
        if _RESULT_VERB.search(text, t.end(), v.start):
            return False  # "goal ... volumes surpassed 410,000": a result, not a target
        if _ACTUAL_AFTER.match(text, v.end) or _REQUIRE.search(
            text, max(lo, v.start - 60), v.start
        ):
            return False
        if _ACTUAL_GROWTH_BEFORE.search(text, max(lo, v.start - 12), v.start) and _YOY_AFTER.match(
            text, v.end
        ):
            return False  # "..., up 4.9% y/y": a growth figure of an actual result
        return not _CONSENSUS_BEFORE.search(text[max(0, v.start - 40) : v.start]) and not re.match(
            r"\s*\)", text[v.end : v.end + 2]
        )

    listed = _list_pairs(text, t.end(), hi, metrics, [v for v in vals if ok(v)])
    if listed:
        yield from listed  # "expects 759 mln users, 293 mln subscribers and revenue of EUR 4.5 bn"
        return
    after = [m for m in metrics if m.start >= t.end()]
    first_value = next((v for v in vals if v.start >= t.end() and ok(v)), None)
    if (
        first_value is not None
        and first_value.start - t.end() <= 25
        and after
        and after[0].start > first_value.end
        and re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", text[first_value.end : after[0].start])
        and not any(v.start > first_value.start and v.start < after[0].start for v in vals)
    ):
        yield after[0], first_value  # "aims for 5% to 6% annual sales growth"
        return
    if after and first_value is not None and after[0].start < first_value.start:
        for i, m in enumerate(after):
            limit = after[i + 1].start if i + 1 < len(after) else hi
            v = next(
                (
                    v
                    for v in vals
                    if m.end <= v.start < min(limit, m.end + 90)
                    and ok(v)
                    and not _SUBORDINATE.search(text, m.end, v.start)
                ),
                None,
            )
            if v is not None:
                yield m, v
        return
    reach = 110 if _RETRO_BEFORE.search(text[max(0, t.start() - 20) : t.start()]) else 60
    before = [m for m in metrics if m.end <= t.start() and t.start() - m.end <= reach]
    if not before:
        return
    v = first_value if first_value is not None and first_value.start - t.end() <= 70 else None
    if v is None:
        v = next(
            (v for v in reversed(vals) if v.end <= t.start() and t.start() - v.end <= 12), None
        )
    if v is not None:
        yield before[-1], v


_LIST_SEP = re.compile(r",\s*(?:and\s+|as well as\s+)?|;\s*|\s+(?:and|as well as)\s+")
_ITEM_GAP = re.compile(r"\s*(?:of|at|to|around|about|a|an|its|\w+)?\s*(?:of\s+)?", re.IGNORECASE)


def _list_pairs(
    text: str, start: int, hi: int, metrics: list[Term], vals: list[Value]
) -> list[tuple[Term, Value]]:
    """(metric, value) of each item of a list the trigger governs, when two items or more
    each name one metric and one value: "759 mln monthly active users, 293 mln subscribers,
    revenue of EUR 4.5 bn and a gross margin of 32.6%". Empty when the clause is no list."""
    vals = [v for v in vals if v.start >= start]
    metrics = [m for m in metrics if m.start >= start]
    if len(vals) < 2 or len(metrics) < 2:
        return []
    cuts = [start]
    for sep in _LIST_SEP.finditer(text, start, hi):
        if not any(v.start <= sep.start() < v.end for v in vals):
            cuts.append(sep.end())
    cuts.append(hi)
    out: list[tuple[Term, Value]] = []
    for a, b in pairwise(cuts):
        ms = [m for m in metrics if a <= m.start < b]
        vs = [v for v in vals if a <= v.start < b]
        if len(ms) != 1 or not vs:
            continue
        m, v = ms[0], vs[0]
        # the value right before the metric ("293 mln subscribers") or after it ("revenue of")
        gap = text[v.end : m.start] if v.start < m.start else text[m.end : v.start]
        if len(gap) > 30:
            continue
        out.append((m, v))
    return out if len(out) >= 2 else []


@rule(
    "guidance.target",
    _TRIGGER.pattern,
    keywords=(
        "target",
        "goal",
        "forecast",
        "guid",
        "outlook",
        "expect",
        "project",
        "aim",
        "sees",
        "anticipat",
        "objective",
        "ambition",
        "planned",
        "budgeted",
        "seen at",
    ),
    digits=True,
)
def guidance_target(view: SentenceView, _m: re.Match[str]) -> Iterator[Draft]:
    if not _terms(view) and "to sell" not in view.lower:
        return
    low = view.lower
    if "forward-looking" in low or "no obligation" in low or "undertakes no" in low:
        return  # safe-harbour boilerplate
    if _RUMOUR.search(low) and "confirm" not in low:
        return  # "according to people familiar with the matter": not the company's statement
    text = view.text
    used: set[int] = set()
    for t in _TRIGGER.finditer(view.lower):
        lo, hi = _clause(view, t.start())
        if _NOT_COMPANY.search(text, max(lo, t.start() - 60), t.start()) or view.hedged(
            t.start(), strict=False
        ):
            continue
        if (
            _BEAT_FORECAST.search(text, max(lo, t.start() - 40), t.start())
            and not _RETRO_BEFORE.search(text, max(0, t.start() - 20), t.start())
            and t.group(0).startswith(("forecast", "guid", "outlook", "projection"))
        ):
            continue
        if view.lower.startswith(("is", "are"), t.start()) and (
            _ANALYSTS_ANYWHERE.search(text)
            or not any(lo <= m.end <= t.start() and t.start() - m.end <= 30 for m in _terms(view))
        ):
            continue  # "<metric> is expected to be": the company's, when no analyst is named
        if re.search(r"\b(?:not|no)\s+(?:\w+\s+)?$", text[max(lo, t.start() - 20) : t.start()]):
            continue
        if _ADJECTIVE_TRIGGER.match(low, t.start()) or (
            t.group(0) in ("guided", "forecast", "targeted", "projected", "expected")
            and _COMPARED_BEFORE.search(low, max(lo, t.start() - 20), t.start())
        ):
            continue  # "at the top end of the EUR 9.2-9.8bn guided range", "better than guided"
        if _EARLIER_CLAUSE.search(text, max(lo, t.start() - 90), t.start()) or (
            _FROM_EARLIER.search(text, max(lo, t.start() - 40), t.start())
        ):
            continue  # "up from the 3.75% to 4.75% it forecast in August": the previous one
        for term, value in _pairs(view, t, lo, hi, used):
            if value.start in used:
                continue
            draft = _draft(view, t, term, value, lo, hi, used)
            if draft is not None:
                yield draft


def _draft(
    view: SentenceView, t: re.Match[str], term: Term, value: Value, lo: int, hi: int, used: set[int]
) -> Draft | None:
    text = view.text
    ctx = view.ctx
    between = text[min(t.start(), term.start) : value.start]
    if (
        value.start
        and _PREVIOUS_BETWEEN.search(text[max(lo, value.start - 25) : value.start])
        and not _RETRO_BEFORE.search(text[max(0, t.start() - 20) : t.start()])
    ):
        return None
    entity = backref_entity(view, t.start()) or view.entity_at(t.start())
    metric = guidance_metric(view, term, value)
    if metric is None or metric == "store_count":
        return None
    if metric.removesuffix("_growth") in PLAN_METRICS and not _FORECAST_WORD.search(t.group(0)):
        return None  # a capex or output "target": a plan
    used.add(value.start)
    previous = _previous(view, value, hi, used)
    period = target_period(view, value.start, entity, metric)
    if isinstance(period, PeriodMatch):
        period = _fiscal_part(view, period, entity) or period
    period_when = period.when if isinstance(period, PeriodMatch) else period
    if period_when is None:
        period_when = _default_year(view, entity)
    fiscal = period.fiscal if isinstance(period, PeriodMatch) else None
    bound = value.bound
    tail = _OPEN_BOUND_AFTER.match(text, value.end)
    if tail is not None and bound == "exact":
        bound = "at_least" if tail["up"] else "at_most"  # "$43 bn or better"
    value_max = value.amount_max
    if value_max is None:
        nxt = next((v for v in values(view) if v.start >= value.end and v.start < hi), None)
        if (
            nxt is not None
            and nxt.unit == value.unit
            and nxt.amount > value.amount
            and re.fullmatch(r"\s*(?:to|-|\u2013)\s*", text[value.end : nxt.start], re.I)
        ):
            used.add(nxt.start)
            value_max = nxt.amount  # "$3.05 BLN TO $3.25 BLN"
    action = _action(text[lo : value.start], value, previous)
    if action == "new":
        later = _ACTION_AFTER.match(text, value.end)
        if later is not None:
            action = "raised" if later["up"] else "lowered"  # "EUR 34-37bn, raising the floor"
    if action == "new" and _REITERATED_AFTER.match(text, value.end):
        action = "reiterated"  # "5% to 6% sales growth, a goal he reiterated on Wednesday"
    retrospective = (
        bool(_RETRO_BEFORE.search(text[max(0, t.start() - 20) : t.start()])) and previous is None
    )
    if retrospective:
        action = "new"
        when, default = clamp_to(period_when, ctx.published), False
    else:
        exclude = [period] if isinstance(period, PeriodMatch) else []
        when, default = statement_when(view, exclude)
        if default:
            when, default = _statement_day(view, exclude, entity, when)
    person = _speaker(view, t.start())
    if not default and not retrospective and when.start == when.end:
        ctx.state["guidance_day"] = (when, view.index, entity)
    ctx.state["guidance_period"] = period_when
    ctx.state.setdefault("guidance_periods", {})[metric] = period_when
    unit = value.unit if value.unit != "units" or value.money else "units"
    _ = between
    return Draft(
        "guidance",
        GuidanceData(
            metric=metric,
            period=period_when.label,
            value=value.amount,
            value_max=value_max,
            bound=bound,
            unit=unit,
            action=action,
            previous=previous,  # type: ignore[arg-type]
            speaker=person[0] if person else None,
            speaker_role=person[1] if person else None,
            fiscal_period=fiscal,
            segment=segment_near(view, term.start),
            retrospective=retrospective,
        ),
        when,
        entity=entity,
        anchor=t.start(),
        default_when=default,
    )


def _statement_day(
    view: SentenceView, exclude: list[PeriodMatch], entity: str | None, default: When
) -> tuple[When, bool]:
    """When a target was set, if `statement_when` found no day: a past month the sentence
    opens with ("Back in September, management had cut ..."), else the day of this
    company's guidance in the sentence just before ("Toyota on Wednesday raised ... It
    reiterated ...")."""
    ctx = view.ctx
    this_month = ctx.article.published[:7]
    for p in view.periods:
        if p in exclude or p.when.start == p.when.end or p.when.end[:7] >= this_month:
            continue
        if _days(p.when) > 31 or p.relation != "in":
            continue
        if not _STATEMENT_MONTH.search(view.text[: p.start]):
            continue
        if p.start > 40:
            continue
        return p.when, False
    said = ctx.state.get("guidance_day")
    if said is not None and said[1] == view.index - 1 and said[2] == entity:
        return said[0], False
    lead = None
    if not _OWN_TIME.search(view.text):
        lead = _lead_day(ctx, view.index, entity)
    if lead is not None:
        return lead, False
    return default, True


_OWN_TIME = re.compile(  # "now expects": as of writing; "..., people said earlier": its own time
    r"\b(?:now|currently|said|says|told|according to)\b", re.IGNORECASE
)
_LEAD_SAID = re.compile(r"\b(?:said|announced|reported|posted|unveiled)\b")


def _lead_day(ctx: ArticleContext, index: int, entity: str | None) -> When | None:
    """The day the article's lead says this company spoke ("..., the streaming group said on
    Tuesday"): the day of an outlook given later without a day of its own."""
    if entity is None:
        return None
    floor = ctx.published.toordinal() - 7
    for v in ctx.views[: min(2, index)]:
        day = v.explicit_day
        if day is None or not _LEAD_SAID.search(v.text):
            continue
        if not any(m.slug == entity for m in v.mentions):
            continue
        from datetime import date

        if date.fromisoformat(day.start).toordinal() >= floor:
            return day
    return None


def _days(when: When) -> int:
    from datetime import date

    return (date.fromisoformat(when.end) - date.fromisoformat(when.start)).days + 1


def _previous(view: SentenceView, value: Value, hi: int, used: set[int]) -> Quantity | None:
    """The earlier target a revision names: "to 3.2 trillion yen from 3.8 trillion yen",
    "up from initial projections of 350,000", "from the 13% to 21% it had guided"."""
    text = view.text
    vals = [v for v in values(view) if value.end < v.start < hi]
    if not vals or vals[0].start - value.end > 80:
        return None
    v = vals[0]
    head = text[max(value.end, v.start - 45) : v.start]
    if any(value.end <= t.start < v.start for t in view.metrics):
        return None
    if not _PREVIOUS_MARK.search(head):
        if not _COMPARED_HEAD.search(head):
            return None
        tail_end = v.end
        if len(vals) > 1 and re.fullmatch(r"\s*(?:to|-|\u2013)\s*", text[v.end : vals[1].start]):
            tail_end = vals[1].end
        if not _PREVIOUSLY_AFTER.match(text, tail_end):
            return None  # "compared with $2.52 to $2.62 previously", not a year-ago actual
    used.add(v.start)
    quantity = v.as_quantity()
    if (
        len(vals) > 1
        and quantity.value_max is None
        and re.fullmatch(r"\s*(?:to|-|\u2013)\s*", text[v.end : vals[1].start])
        and vals[1].unit == v.unit
    ):
        used.add(vals[1].start)
        quantity = Quantity(value=v.amount, unit=v.unit, value_max=vals[1].amount, bound=v.bound)  # type: ignore[arg-type]
    return quantity


def _default_year(view: SentenceView, entity: str | None) -> When:
    ctx = view.ctx
    return fiscal_to_when("this fiscal year", ctx.fiscal_end(entity), ctx.published)[0]


def _action(head: str, value: Value, previous: Quantity | None) -> str:
    if _LOWER.search(head):
        return "lowered"
    if _RAISE.search(head):
        return "raised"
    if _REITERATE.search(head):
        return "reiterated"
    if previous is not None:
        mid = (value.amount + (value.amount_max or value.amount)) / 2
        prev = (previous.value + (previous.value_max or previous.value)) / 2
        if mid > prev:
            return "raised"
        if mid < prev:
            return "lowered"
        return "reiterated"
    return "new"


def _speaker(view: SentenceView, anchor: int) -> tuple[str, str | None] | None:
    person = view.person_near(anchor)
    if person is not None and person.role != "analyst":
        return person.name, person.role
    m = _SPEAKER.search(view.text)
    if m is None:
        return None
    name = m.group(1)
    if any(f.start <= m.start(1) < f.end for f in view.firms) or any(
        mm.start <= m.start(1) < mm.end for mm in view.mentions
    ):
        return None
    known = view.ctx.people.get(name)
    return name, known.role if known else None


@rule(
    "guidance.qualitative",
    _QUALITATIVE.pattern,
    keywords=("to maintain", "to keep", "to hold", "to generate", "to achieve", "to deliver"),
)
def guidance_qualitative(view: SentenceView, m: re.Match[str]) -> Draft | None:
    """A target without a number: "maintain its 2026 gross margin at no less than the 2025
    level"."""
    text = view.text
    lo, hi = _clause(view, m.start())
    if view.hedged(m.start(), strict=False) or _NOT_COMPANY.search(text, lo, m.start()):
        return None
    metrics = [t for t in view.metrics if m.end() <= t.start < hi]
    bound = _QUAL_BOUND.search(text, m.end(), hi)
    if (
        not metrics
        or bound is None
        or any(v.start > m.end() for v in values(view) if v.unit == "pct")
    ):
        return None
    entity = view.entity_at(m.start())
    term = metrics[0]
    metric = guidance_metric(view, term, None)
    if metric is None or metric in PLAN_METRICS:
        return None
    period = target_period(view, term.start, entity, metric)
    period_when = (
        period.when if isinstance(period, PeriodMatch) else period or _default_year(view, entity)
    )
    when, default = statement_when(view, [period] if isinstance(period, PeriodMatch) else [])
    kind = "at_least" if bound["least"] or bound["pos"] else "at_most"
    note = text[bound.start() : hi].strip().rstrip(".,") if not bound["pos"] else "positive"
    return Draft(
        "guidance",
        GuidanceData(
            metric=metric,
            period=period_when.label,
            bound=kind,
            unit="pct" if metric in RATIO_METRICS else "units",  # type: ignore[arg-type]
            note=note[:80],
            segment=segment_near(view, term.start),
        ),
        when,
        entity=entity,
        anchor=m.start(),
        default_when=default,
    )


_CUE = re.compile(
    r"\b(?:(?P<up>rais\w*|lift\w*|increas\w*|boost\w*|upward(?:ly)? revis\w*|revis\w* up\w*|hik\w*)"
    r"|(?P<down>cut\w*|lower\w*|reduc\w*|trim\w*|slash\w*|downward(?:ly)? revis\w*|revis\w* "
    r"down\w*))"
    r"\s+(?:[\w-]+\s+){0,5}?(?:targets?|forecasts?|guidance|outlook|goals?)\b",
    re.IGNORECASE,
)


@rule(
    "guidance.revision_cue",
    _CUE.pattern,
    keywords=("target", "forecast", "guidance", "outlook", "goal"),
)
def revision_cue(view: SentenceView, m: re.Match[str]) -> Draft | None:
    """A revision stated without a number; consumed by `apply_cues`, never an event."""
    if view.hedged(m.start(), strict=False) or _NOT_COMPANY.search(view.text, 0, m.start()):
        return None
    terms = [t for t in view.metrics if m.start() <= t.start < m.end()]
    if not terms:
        return None
    metric = guidance_metric(view, terms[0], None)
    action = "raised" if m["up"] else "lowered"
    return Draft(
        "_cue", {"metric": metric, "action": action}, view.ctx.published_when, anchor=m.start()
    )


def apply_cues(drafts: list[Draft], ctx: ArticleContext) -> list[Draft]:
    """Mark this-year-or-later guidance of a cued metric as raised/lowered; drop the cues."""
    cues = [d for d in drafts if d.type == "_cue"]
    kept = [d for d in drafts if d.type != "_cue"]
    if not cues:
        return kept
    guided = {d.sentence for d in kept if d.type == "guidance"}
    year_start = f"{ctx.published.year:04d}-01-01"
    import msgspec

    for cue in cues:
        if cue.sentence in guided:
            continue
        for i, d in enumerate(kept):
            data = d.data
            if (
                d.type != "guidance"
                or d.entity != cue.entity
                or data.action != "new"
                or data.retrospective
            ):
                continue
            if data.metric != cue.data["metric"] or label_to_when(data.period).end < year_start:
                continue
            kept[i] = Draft(
                d.type,
                msgspec.structs.replace(data, action=cue.data["action"]),
                d.when,
                d.rule,
                d.entity,
                d.anchor,
                d.sentence,
                d.span,
                d.default_when,
            )
    return kept


RULES = [guidance_target, guidance_qualitative, revision_cue]
