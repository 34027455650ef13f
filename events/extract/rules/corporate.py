"""Milestones reached and plans announced.

Milestones are done facts (profitability reached, a permit obtained, a production or user
count crossed), dated by the period the sentence gives, else the publication day. Plans
are statements about what a company will do (enter a market, open stores, invest an
amount), dated the day they were stated, with the period they are for; a plan needs a
period or an amount, and guidance metrics, buybacks, dividends and product launches are
left to their own rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, lower_regex, rule
from events.extract.rules.common import period_after, speech_time, statement_when, values
from events.extract.rules.guidance import PLAN_METRICS
from events.extract.rules.products import find_products
from events.model import MilestoneData, PlanData
from events.normalize.periods import PeriodMatch, clamp_to
from events.values import When

__all__ = ["RULES"]

_MILESTONES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(  # on lowercased text
    (kind, lower_regex(p))
    for kind, p in (
        (
            "profitability",
            r"\b(?:crossed into|reached|reaching|achieved|achieving|turned|swung to|returned "
            r"to|became|become)\s+"
            r"(?:a\s+)?(?:quarterly\s+|operating\s+|net\s+)?(?:profitability|profitable|break-?even|"
            r"the black)\b"
            r"|\bturned a (?:first )?profit\b|\bposted its first (?:quarterly )?profit\b",
        ),
        (
            "production",
            r"\bproduction milestone\b"
            r"|\broll(?:ed|s)? (?:its|the) [\d,.]+\s*(?:millionth|thousandth|st|nd|rd|th)\b"
            r"|\b(?:celebrated|marked|reached|hit|passed|produced|built|made|delivered) (?:its|the)"
            r" (?:[\d,.]+\s*)?(?:millionth|thousandth|billionth)\b"
            r"|\b(?:[\d,.]+\s*)?(?:millionth|thousandth)\s+(?:[\w-]+\s+){0,4}?"
            r"(?:to roll|rolled|rolling) off\b"
            r"|\b(?:produced|built|made) its (?:[\d,.]+\s*)?(?:millionth|thousandth)\b"
            r"|\bcumulative (?:production|output) (?:of|reached|surpassed|crossed)\b"
            r"|\b(?:delivered|handed over|shipped|produced|built|rolled out)\s+(?:its|the)\s+"
            r"\d[\d,.]*(?:st|nd|rd|th)\b"
            r"|\b(?:mass|volume|series|commercial)\s+production\s+(?:of\s+(?:[\w-]+\s+){1,5}?)?"
            r"(?:began|started|commenced|kicked off|got under way)\b"
            r"|\b(?:began|started|commenced)\s+(?:mass|volume|series|commercial)\s+production\b",
        ),
        (  # a permit, licence or regulatory approval obtained
            "permit",
            r"\b(?:obtained|received|won|secured|was granted|been granted|got)\s+(?:an?\s+|"
            r"the\s+|its\s+)?(?:[\w-]+\s+){0,6}?(?:permit|licen[cs]e)s?\b"
            r"|\b(?:obtained|received|won|secured|was granted|been granted|got)\s+(?:an?\s+|"
            r"the\s+)?(?:[\w-]+\s+){0,4}?(?:approval|clearance)\b"
            r"|\b(?:approved|cleared) by (?:the\s+)?(?:u\.s\.\s+)?(?:fda|ema|regulators?"
            r"|food and drug administration|european commission)\b"
            r"|\b(?:fda|ema|food and drug administration|european commission|regulators?|nmpa|mhra)"
            r"\s+(?:had\s+|has\s+|have\s+)?(?:approved|cleared|authori[sz]ed)\s+(?!the\s+(?:deal"
            r"|merger|acquisition|takeover|purchase|transaction|sale|investment|stake|tie-up"
            r"|combination))",
        ),
        (
            "users",
            r"\b(?:crossed|surpassed|passed|topped|reached|exceeded|hit)\s+(?:the\s+)?(?:[\d.,]+\s*(?:million|"
            r"billion|mln|bn|m)?)\s+"
            r"(?:paying\s+|active\s+|monthly\s+active\s+)?(?:subscribers|users|customers|members|"
            r"accounts|devices)\b"
            r"|\b(?:runs?|running|installed|used)\s+(?:on|by|in)\s+(?:more than\s+|over\s+|some\s+"
            r"|about\s+|around\s+|nearly\s+)?[\d.,]+\s*(?:million|billion|mln|bn|m)\s+"
            r"(?:devices|users|vehicles|cars|phones|smartphones|homes|households)\b",
        ),
    )
)
_MILESTONE_TRIGGER = "|".join(f"(?:{p.pattern})" for _, p in _MILESTONES)


@rule(
    "milestone.reached",
    _MILESTONE_TRIGGER,
    keywords=(
        "profit",
        "break-even",
        "breakeven",
        "the black",
        "milestone",
        "millionth",
        "thousandth",
        "roll",
        "permit",
        "licen",
        "approv",
        "clearance",
        "subscriber",
        "users",
        "customers",
        "members",
        "accounts",
        "cumulative",
        "devices",
        *(f"{d}th" for d in "0456789"),
        "1st",
        "2nd",
        "3rd",
        "production",
    ),
)
def milestone(view: SentenceView, _m: re.Match[str]) -> Iterator[Draft]:
    text = view.text
    if view.sentence.heading:
        return  # a section heading ("Production milestone") names the subject of what follows
    for kind, pattern in _MILESTONES:
        m = pattern.search(view.lower)
        if m is None or view.local_hedge(m.start(), m.end()):
            continue
        period = period_after(view, m.start(), m.end())
        if period is not None and (
            period.when.start > view.ctx.article.published or period.relation in ("since", "from")
        ):
            period = None
        if period is not None:
            when, default = clamp_to(period.when, view.ctx.published), False
        else:
            when, default = view.ctx.published_when, True
        lo, hi = clause_bounds(text, m.start())
        description = _describe(text[lo:hi])
        yield Draft(
            "milestone",
            MilestoneData(kind=kind, description=description),
            when,
            anchor=m.start(),
            default_when=default,
        )


def _describe(text: str) -> str:
    text = " ".join(text.split()).strip(" .;,")
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."


_PLAN = re.compile(
    r"\b(?:plans?\s+to|planned\s+(?:for|in|by)|plans?\s+for|intends?\s+to|aims?\s+to|is set "
    r"to|are set to"
    r"|committed to|commitment to|will\s+(?:invest|open|begin|start|expand|enter|build|spend|hire)"
    r"|budget\s+of|investment plan|(?:capital expenditure|capex|spending) plan|plan to invest|"
    r"targets? (?:increasing|opening|expanding)"
    r"|(?:programme|program|plan|scheme|initiative|drive)\s+(?:is|was)\s+(?:meant|designed"
    r"|intended|supposed)\s+to"
    r"|(?:would|will|is to|are to)\s+be\s+(?:listed|spun off|floated|demerged|separated)"
    r"|(?:plans?|intends?|aims?|is set|are set)\s+to\s+(?:list|float|spin off|demerge)"
    # reported speech: "said it would open 300 showrooms"
    r"|would\s+(?:invest|open|build|spend|hire|expand|enter)"
    # cuts and additions of a counted thing: "will reduce around 3,900 jobs"
    r"|(?:will|would)\s+(?:cut|reduce|eliminate|shed|axe|slash|create|add|close)\s+(?=(?:about\s+"
    r"|around\s+|some\s+|up to\s+|nearly\s+|roughly\s+|more than\s+|as many as\s+|approximately\s+)?"
    r"\d[\d,.]*\s*(?:[\w-]+\s+)?(?:jobs|positions|roles|posts|employees|staff|workers|stores"
    r"|branches|outlets|showrooms|plants|factories|sites)\b)"
    # a board's spending approval: "approved capital appropriations of about US$45 billion"
    r"|(?:approved|approves|approving|sanctioned|signed off on)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+)?"
    r"(?:capital appropriations?|capital (?:expenditures?|spending|investments?)|capex"
    r"|investment|spending|budget)(?:\s+(?:plan|budget|programme|program))?\s+(?=of|worth|totall?ing))",
    re.IGNORECASE,
)
_APPROVED_BUDGET = re.compile(r"^(?:approv|sanction|signed)", re.IGNORECASE)
# A plan that needs no number: a listing, spin-off or separation of a business.
_CORPORATE_ACTION = re.compile(
    r"\b(?:spin-?offs?|spun off|spin off|listing|listed|IPOs?|initial public offering|float(?:ed)?"
    r"|demerger|demerged|separation|carve-?out)\b",
    re.IGNORECASE,
)
_LISTED_SUBJECT = re.compile(
    r"\b(?:would|will|is to|are to)\s+be\s+(?:listed|spun off|floated|demerged|separated)\b",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"\bbuy(?:s|ing)? back\b|\brepurchas\w+|\bbuybacks?\b|\bdividend|\bsplit\b|\bacqui\w+|"
    r"\bmerger\b",
    re.IGNORECASE,
)
_PRODUCT_MADE = re.compile(
    r"\b(?:enter|go(?:es)? into|start|begin)s?\s+(?:mass|volume|series)\s+production\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"\bfrom\b[^.;]{0,60}?\bto\s+$", re.IGNORECASE)


# Triggers that name no planner themselves (reported speech, cuts): the company must be named
# before them in the sentence, or the sentence open with a pronoun or "the company".
_WEAK_TRIGGER = re.compile(r"would\s+(?!be\b)|will\s+(?:cut|reduce|eliminate|shed|axe|slash|create|add|close)")
_PRONOUN_OPENING = re.compile(
    r"^(?:[A-Z][a-z]+,\s+)?(?:It|He|She|They|Its|The\s+(?:company|group|firm|[a-z-]+maker|board|"
    r"carmaker|chipmaker|bank|lender|retailer|insurer|airline))\b"
)


def _subject_known(view: SentenceView, pos: int) -> bool:
    return any(x.start < pos for x in view.mentions) or _PRONOUN_OPENING.match(view.text) is not None


def _planner(view: SentenceView, m: re.Match[str]) -> str | None:
    """Whose plan it is: the clause's company, but for "Jio Platforms would be listed" (a
    business listed or spun off) the parent the registry gives it."""
    entity = view.entity_at(m.start())
    if entity is None or not _LISTED_SUBJECT.match(view.text, m.start()):
        return entity
    registry = view.ctx.registry
    if entity in registry.entities:
        parent = getattr(registry.get(entity), "parent", None)
        if parent:
            return parent
    return entity


_CONJ_SEGMENT = re.compile(r",\s+(?:and|but)\s+that\s+|;\s+")
_ALSO = re.compile(r"\balso\b")
_AND_SEGMENT = re.compile(r",?\s+and\s+(?:at|in|for|from)\s+", re.IGNORECASE)


def _joined_periods(
    view: SentenceView, m: re.Match[str], first: PeriodMatch, hi: int
) -> list[tuple[int, PeriodMatch]]:
    """Periods after `first` that each open with ", and at/in ..." (segment start, period)."""
    out: list[tuple[int, PeriodMatch]] = []
    last = first
    for p in view.periods:
        if p.start <= last.end or p.start >= hi or p.relation == "since":
            continue
        seg = _AND_SEGMENT.search(view.text, last.end, p.start)
        if seg is None or p.when.start == p.when.end:
            break
        if p.when.label == last.when.label:
            continue
        out.append((seg.end(), p))
        last = p
    return out


def _snap(p: PeriodMatch, view: SentenceView) -> When:
    """ "over the next five years" said in January 2026 → 2026/2030, the years it covers."""
    when = p.when
    start, end = date.fromisoformat(when.start), date.fromisoformat(when.end)
    years = end.year - start.year
    rolling = start.month != 1 or start.day != 1
    if (
        rolling
        and p.relation == "during"
        and start.month <= 3
        and years >= 2
        and (end - start).days >= 360 * years
    ):
        return When(
            start=f"{start.year:04d}-01-01",
            end=f"{start.year + years - 1:04d}-12-31",
            label=f"{start.year:04d}/{start.year + years - 1:04d}",
        )
    return when


@rule(
    "plan.announced",
    _PLAN.pattern,
    keywords=(
        "plan",
        "intend",
        "aim",
        "set to",
        "commit",
        "will ",
        "budget",
        "target",
        "meant to",
        "designed to",
        "intended to",
        "supposed to",
        "be listed",
        "be spun off",
        "be floated",
        "be demerged",
        "be separated",
        "to list",
        "to float",
        "to spin off",
        "to demerge",
        "would ",
        "approv",
        "sanctioned",
        "signed off",
    ),
)
def plan(view: SentenceView, m: re.Match[str]) -> Iterator[Draft]:
    text = view.text
    lo, hi = clause_bounds(text, m.start())
    # "..., and that HIMA would open 300 showrooms": the plan's own coordinated segment
    for conj in _CONJ_SEGMENT.finditer(text, lo, m.start()):
        lo = conj.end()
    clause = text[lo:hi]
    if view.hedged(m.start(), strict=False) or _SKIP.search(clause) or view.negated(lo, m.end()):
        return
    if _WEAK_TRIGGER.match(m.group(0)) and not _subject_known(view, m.start()):
        return  # "HP Inc. slid after saying it would cut 6,000 jobs": a company not tracked
    metrics = [t for t in view.metrics if lo <= t.start < hi]
    if any(t.value not in PLAN_METRICS for t in metrics) and not any(
        t.value in PLAN_METRICS for t in metrics
    ):
        return  # a target for revenue, margins, share...: guidance, not a plan
    products = find_products(view)
    if products and re.search(
        r"\blaunch|\bdeliver|\bunveil|\bpric|\bstart(?:s|ing)? at\b|\bcosts?\b|\bselling\b|\bship\b"
        r"|\bon sale\b|\border books?\b|\bpre-?orders?\b",
        clause,
        re.IGNORECASE,
    ):
        return
    made = _PRODUCT_MADE.search(clause)
    if made and any(lo <= s < lo + made.start() for s, _, _ in products):
        return  # "its Naxtra battery will enter mass production": a launch, not a plan
    names = [(s, e) for s, e, _ in products]
    vals = [
        v
        for v in values(view)
        if lo <= v.start < hi and not any(s <= v.start < e for s, e in names) and v.unit != "pct"
    ]
    value = None
    for v in vals:
        if v.start >= m.start() - 40:
            value = v
            if not re.search(
                r"\bfrom\s+(?:around\s+|about\s+)?$", text[max(lo, v.start - 16) : v.start]
            ):
                break
    periods = [
        p
        for p in view.periods
        if lo <= p.start < hi
        and p.when.start != p.when.end
        and p.relation != "since"
        and not speech_time(view, p)  # "a spokesman told this newspaper last week"
        # "began mass production in December, and plans to ...": a past period is not the plan's
        and not (p.end <= m.start() and p.when.end < view.ctx.article.published)
    ]
    if value is not None:
        periods.sort(key=lambda p: abs(p.start - value.end))
    else:
        periods.sort(key=lambda p: abs(p.start - m.end()))
    period = periods[0] if periods else None
    if value is None and period is None and not _CORPORATE_ACTION.search(clause):
        return
    plan_metrics = [t for t in metrics if t.value in PLAN_METRICS]
    anchor = value.start if value is not None else m.start()
    metric = min(plan_metrics, key=lambda t: abs(t.start - anchor)).value if plan_metrics else None
    if (
        metric is None
        and value is not None
        and value.money is not None
        and re.search(r"\binvest", clause, re.IGNORECASE)
    ):
        metric = "investment"
    if metric is None and value is not None and value.money is not None and _APPROVED_BUDGET.match(
        m.group(0)
    ):
        metric = "capex" if re.search(r"capital|capex", m.group(0), re.IGNORECASE) else None
    when, default = statement_when(view, [period] if period else [])
    if default and view.index and _ALSO.search(text, lo, m.start()):
        # "The board also approved ...": the occasion of the statements just before
        day = view.ctx.day_before(view.index - 1, window=3)
        if day is not None:
            when, default = day, False
    period_when = _snap(period, view) if period is not None else None
    yield Draft(
        "plan",
        PlanData(
            description=_describe(clause),
            period=period_when.label if period_when else None,
            metric=metric,
            value=value.amount if value else None,
            value_max=value.amount_max if value else None,
            bound=value.bound if value else "exact",  # type: ignore[arg-type]
            unit=value.unit if value else None,
        ),
        when,
        entity=_planner(view, m),
        anchor=m.start(),
        default_when=default,
    )
    if value is None and period is not None:
        # "...at its second Arizona fab in the second half of 2027, and at its first fab in
        # Dresden, Germany, in 2027": one plan per "and"-joined place and period.
        for start, other in _joined_periods(view, m, period, hi):
            yield Draft(
                "plan",
                PlanData(
                    description=_describe(text[start : other.end]),
                    period=_snap(other, view).label,
                    metric=metric,
                ),
                when,
                entity=_planner(view, m),
                anchor=start,
                default_when=default,
            )


RULES = [milestone, plan]
