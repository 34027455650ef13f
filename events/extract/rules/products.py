"""Product launches at every stage: announced, pre-order, launch, delivery, price change.

A stage word ("pre-orders began", "launch scheduled for", "started deliveries", "priced
RMB 500-700 higher") plus a product: a model name in the sentence ("SU7", "Xiaomi 17
Ultra", "ONVO L90", "Wegovy pill") or one carried from the sentences just before ("the
updated model"). The stage's own period dates it; one after publication makes it planned.
A price stated in the next sentence ("The starting price is set at RMB 229,900") joins the
previous sentence's launch events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import future_when, values
from events.model import ProductLaunchData
from events.normalize.periods import PeriodMatch, clamp_to
from events.values import Money, Quantity

__all__ = ["RULES", "find_products", "product_near"]

_SUFFIX = r"(?:\s(?:Ultra|Pro|Max|MAX|Plus|Mini|Lite|SE|Air|Fold|Flip))*"
# Separate simple patterns (each starts with a character class, which the regex engine
# scans fast) rather than one alternation with an optional brand in front.
_MODEL = re.compile(r"\b(?:[a-z]?[A-Z]{1,5}|[A-Z][a-z][A-Z])\d{1,3}[A-Za-z]?\b" + _SUFFIX)
_BRAND_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]+)\s$")
_NUMBERED = re.compile(
    r"\b((?:iPhone|iPad|Galaxy|Pixel)|(?!(?:January|February|March|April|May|June|July|August|"
    r"September"
    r"|October|November|December)\b)[A-Z][a-z]+)\s(\d{1,3}"
    + _SUFFIX
    + r")\b(?!\s*(?:%|percent|million|billion|units|vehicles|shares|stores))"
)
_OTHER = re.compile(
    r"\b(?P<tesla>Model [SXY3])\b"
    r"|\b(?P<air>(?:7[0-8]7|A3[0-8]0|A22[01])(?:[- ](?:MAX|XWB|neo|ER|\d{1,3}))?)(?![\w-])"
    r"|\b(?P<drug>[A-Z][a-z]{3,})\s(?P<form>pill|tablet|injection|vaccine|shot)\b"
)
_NOT_BRAND = frozenset(
    [
        "The",
        "A",
        "An",
        "Its",
        "Their",
        "Our",
        "New",
        "Upcoming",
        "Updated",
        "Refreshed",
        "Smaller",
        "Larger",
        "Cheaper",
        "Flagship",
        "On",
        "In",
        "For",
        "By",
        "From",
        "With",
        "At",
        "And",
        "Of",
        "To",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "H1",
        "H2",
        "Since",
        "Until",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Shares",
    ]
)
_FACELIFT = re.compile(
    r"\b(?:refreshed|updated|facelifted|revamped)\s+(?:version\s+of\s+(?:its|the)\s+)?(?P<a>[A-Z]{1,5}\d{1,3}[A-Za-z]?)"
    r"|\b(?P<b>[A-Z]{1,5}\d{1,3}[A-Za-z]?)\s+[Ff]acelift\b",
)
_CARRY = re.compile(
    r"\b(?:the|its)\s+(?:updated|new|refreshed|latest|upcoming)?\s*(?:model|car|vehicle|SUV|"
    r"sedan|phone"
    r"|smartphone|device|pill|drug|chip|facelift)\b",
    re.IGNORECASE,
)
_NOT_PRODUCT_NAMES = re.compile(r"^(?:HK|Q[1-4]|H[12]|FY\d+|L[2-5]|[A-Z]{1,3}\d{4})$")

_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pre_order",
        re.compile(
            r"\bpre-?orders?\b|\breservations?\b|\bpre-?sales?\b|\bbookings\b", re.IGNORECASE
        ),
    ),
    (
        "delivery",
        re.compile(
            r"\bdeliver(?:ies|y)\s+(?:of\s+\S+\s+)?(?:\w+\s+){0,3}?(?:began|begin|started|start|"
            r"starting"
            r"|commence|commenced|kick(?:ed)? off)"
            r"|\b(?:start(?:ed|s)?|began|begin|commenced?)\s+deliver(?:ies|ing)|\bscheduled "
            r"for delivery"
            r"|\bfirst deliveries\b",
            re.IGNORECASE,
        ),
    ),
    (
        "announced",
        re.compile(r"\bunveil(?:ed|s|ing)?\b|\brevealed\b|\bshowcased\b", re.IGNORECASE),
    ),
    (
        "launch",
        re.compile(
            r"\blaunch(?:ed|es|ing)?\b|\bdebut(?:ed|s)?\b|\bwent on sale|\bgo(?:es)? on sale"
            r"|\bhit the market|\breleased?\b|\broll(?:ed)? out\b",
            re.IGNORECASE,
        ),
    ),
    (
        "price_change",
        re.compile(
            r"\bpriced\s+(?:[\w$€£¥.,-]+\s+){0,4}?(?:higher|lower|more|less)\b|\b(?:rais|cut|"
            r"lower|hik)\w*\s+(?:the\s+)?prices?\b"
            r"|\bprice (?:increase|cut|hike)s?\b",
            re.IGNORECASE,
        ),
    ),
)
_STAGE_WORDS = {
    "pre_order": ("order", "reservation", "sale", "booking"),
    "delivery": ("deliver",),
    "announced": ("unveil", "reveal", "showcas"),
    "launch": ("launch", "debut", "on sale", "market", "release", "roll"),
    "price_change": ("price",),
}
_RETRO_STAGE = re.compile(r"\b(?:since|after)\s+(?:its|the|their)\s+(?:\w+\s+)?$", re.IGNORECASE)
_PRICE_WORDS = re.compile(
    r"\b(?:pric\w*|start(?:s|ing)? at|costs?|retail\w* (?:for|at)|sells? for)\b", re.IGNORECASE
)
_UNDATED_FUTURE = re.compile(
    r"\b(?:will|on track|scheduled|plans?|shortly|soon|later|upcoming|expected)\b", re.IGNORECASE
)


def _clean(name: str) -> str:
    return " ".join(name.split())


_PRODUCT_NOUN = (
    r"SUV|sedan|crossover|pickup|truck|hatchback|minivan|coupe|smartphone|phone|handset|laptop"
    r"|console|chip|processor|headset|smartwatch|robotaxi|EV|electric SUV|electric sedan"
)
# "the all-new Palisade SUV", "its Vision Pro headset": a capitalised name before a product noun
_NAMED_BEFORE_NOUN = re.compile(
    r"\b(?:the|its|a|an)\s+(?:all-new\s+|new\s+|updated\s+|refreshed\s+|latest\s+|flagship\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,2})\s(?:" + _PRODUCT_NOUN + r")s?\b"
)
# `[A-Za-z]\d|[A-Z][a-z]+ \d|Model [SXY3]|\b7[0-8]7\b` as four searches, each opening with
# a digit or a literal (which the regex engine skips to) rather than tried at every character.
_MAY_NAME = tuple(
    re.compile(p)
    for p in (r"\d(?<=[A-Za-z]\d)", r"[A-Z][a-z]+ \d", r"Model [SXY3]", r"7[0-8]7(?<!\w7[0-8]7)\b")
)
# Words every match of a pattern contains (one of them): a sentence without any is not
# scanned with it (each scan tries `\b` at every character).
_FACELIFT_WORDS = ("refreshed", "updated", "revamped", "acelift")
_OTHER_WORDS = ("Model ", "7", "A3", "A2", "pill", "tablet", "injection", "vaccine", "shot")
_NOUNS = tuple(_PRODUCT_NOUN.split("|"))  # as written: _NAMED_BEFORE_NOUN is case-sensitive
_CARRY_WORDS = (
    "model", "car", "vehicle", "suv", "sedan", "phone", "device", "pill", "drug", "chip",
    "facelift",
)  # fmt: skip
_NAME_WORDS = ("pill", "tablet", "injection", "vaccine", "shot", "facelift")
_NOUN_WORDS = tuple(" " + w.lower() for w in _PRODUCT_NOUN.replace("|", " ").split() if w.isalpha())


def _may_name(view: SentenceView) -> bool:
    """Cheap test before the product patterns: a model number, or a product word."""
    low = view.lower
    return (
        (view.has_digit and any(p.search(view.text) for p in _MAY_NAME))
        or any(w in low for w in _NAME_WORDS)
        or any(w in low for w in _NOUN_WORDS)
    )


def find_products(view: SentenceView) -> list[tuple[int, int, str]]:
    """(start, end, name) of product names in the sentence, company prefixes removed."""
    cached = view.__dict__.get("_products")
    if cached is None:
        cached = _find_products(view) if _may_name(view) else []
        view.__dict__["_products"] = cached
    return cached


def _find_products(view: SentenceView) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    text = view.text
    mentions = {(m.start, m.end) for m in view.mentions}
    if any(w in text for w in _FACELIFT_WORDS):
        for m in _FACELIFT.finditer(text):
            out.append((m.start(), m.end(), f"{m['a'] or m['b']} facelift"))

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e, _ in out)

    digits = view.has_digit  # _MODEL and _NUMBERED need one
    for m in _MODEL.finditer(text) if digits else ():
        model = m.group(0)
        if not free(m.start(), m.end()) or _NOT_PRODUCT_NAMES.match(model.split()[0]):
            continue
        brand = _BRAND_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if (
            brand
            and brand.group(1) not in _NOT_BRAND
            and (brand.start(1), brand.end(1)) not in mentions
        ):
            out.append((brand.start(1), m.end(), _clean(f"{brand.group(1)} {model}")))
        else:
            out.append((m.start(), m.end(), model))
    for m in _NUMBERED.finditer(text) if digits else ():
        if m.group(1) not in _NOT_BRAND and free(m.start(), m.end()):
            out.append((m.start(), m.end(), _clean(f"{m.group(1)} {m.group(2)}")))
    for m in _OTHER.finditer(text) if any(w in text for w in _OTHER_WORDS) else ():
        if not free(m.start(), m.end()):
            continue
        if m["tesla"] or m["air"]:
            out.append((m.start(), m.end(), m["tesla"] or m["air"]))
        elif m["drug"] not in _NOT_BRAND:
            out.append((m.start(), m.end(), f"{m['drug']} {m['form']}"))
    for m in _NAMED_BEFORE_NOUN.finditer(text) if any(w in text for w in _NOUNS) else ():
        name = m["name"]
        if name.split()[0] in _NOT_BRAND or any(
            s < m.end("name") and m.start("name") < e for s, e, _ in out
        ):
            continue
        if any(x.start == m.start("name") and x.end >= m.end("name") for x in view.mentions):
            continue  # "the Xiaomi SUV": a company, not a product
        out.append((m.start("name"), m.end("name"), name))
    return sorted(out)


def carried_product(view: SentenceView, back: int = 4) -> str | None:
    """The product named in the last few sentences, for "the updated model" (found lazily:
    product names are looked for only in sentences that need them)."""
    for prev in reversed(view.ctx.views[max(0, view.index - back) : view.index]):
        found = find_products(prev)
        if found:
            return found[0][2]
    return None


def product_near(view: SentenceView, pos: int) -> str | None:
    """The product named nearest `pos`, else the one carried by "the new model" from before."""
    found = find_products(view)
    if found:
        return min(found, key=lambda p: abs(p[0] - pos))[2]
    if _carries(view):
        return carried_product(view)
    return None


def _carries(view: SentenceView) -> bool:
    """Whether the sentence says "the new model" and the like (_CARRY, after a cheap test)."""
    low = view.lower_exact
    if low is not None and not any(w in low for w in _CARRY_WORDS):
        return False
    return _CARRY.search(view.text) is not None


_KEYWORDS = (
    *sorted({k for words in _STAGE_WORDS.values() for k in words}),
    "pric",
    "start at",
    "starts at",
    "starting at",
    "cost",
    "retail",
)


@rule("product.stage", keywords=_KEYWORDS)
def product_stage(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    text = view.text
    found = find_products(view)
    carried = None if found or not _carries(view) else carried_product(view)
    drafts: list[Draft] = []
    low = view.lower
    for stage, pattern in _STAGES:
        if not (found or carried) or not any(k in low for k in _STAGE_WORDS[stage]):
            continue
        for sm in pattern.finditer(text):
            if view.hedged(sm.start(), strict=False) or _RETRO_STAGE.search(
                text, max(0, sm.start() - 20), sm.start()
            ):
                continue
            product = min(found, key=lambda p: abs(p[0] - sm.start()))[2] if found else carried
            draft = _stage_draft(view, stage, sm, product)  # type: ignore[arg-type]
            if draft is not None and not any(d.data.stage == stage for d in drafts):
                drafts.append(draft)
    if not drafts and "product_drafts" in view.ctx.state:
        _continuation(view)
    view.ctx.state["product_drafts"] = (view.index, drafts)
    yield from drafts


def _stage_draft(view: SentenceView, stage: str, sm: re.Match[str], product: str) -> Draft | None:
    text = view.text
    period = _stage_period(view, sm)
    if (
        period is not None
        and period.relation in ("since", "before", "after")
        and period.when.start <= view.ctx.article.published
    ):
        period = None
    if (
        period is None
        and stage != "price_change"
        and _UNDATED_FUTURE.search(text, max(0, sm.start() - 30), sm.end() + 30)
    ):
        return None
    if period is not None and period.when.start > view.ctx.article.published:
        when, planned = future_when(view, period)
    elif period is not None:
        if view.local_hedge(sm.start(), sm.end()) and stage != "price_change":
            return None
        when, planned = clamp_to(period.when, view.ctx.published), False
    else:
        when, planned = view.ctx.published_when, False
    price = price_change = orders = None
    for v in values(view):
        head = text[max(0, v.start - 40) : v.start]
        if v.money is not None and stage == "price_change" and price_change is None:
            amount = v.money
            if re.search(r"\b(?:lower|cut|reduc)", text[sm.start() : sm.end() + 40], re.IGNORECASE):
                amount = Money(
                    amount=-amount.amount,
                    currency=amount.currency,
                    amount_max=(-amount.amount_max if amount.amount_max else None),
                )
            price_change = amount
        elif v.money is not None and _PRICE_WORDS.search(head) and price is None:
            price = v.money
        elif (
            v.money is None
            and v.noun
            and re.match(r"(?:pre-?orders?|orders|reservations|bookings)", v.noun, re.IGNORECASE)
        ):
            orders = Quantity(value=v.amount, unit="orders", bound=v.bound)  # type: ignore[arg-type]
    if stage == "price_change" and price_change is None:
        return None
    return Draft(
        "product_launch",
        ProductLaunchData(
            product=product,
            stage=stage,
            price=price,
            price_change=price_change,  # type: ignore[arg-type]
            orders=orders,
            planned=planned,
        ),
        when,
        anchor=sm.start(),
        default_when=period is None,
    )


def _stage_period(view: SentenceView, sm: re.Match[str]) -> PeriodMatch | None:
    """The period a stage word is dated by ("Pre-orders ... began in January, with a market
    launch scheduled for April 2026"): the first after it in its comma segment, else the
    nearest before it in that segment; "deliveries starting shortly after" has none."""
    text = view.text
    lo = text.rfind(",", 0, sm.start()) + 1
    hi = text.find(",", sm.end())
    hi = len(text) if hi < 0 else hi
    inside = [p for p in view.periods if lo <= p.start < hi]
    after = [p for p in inside if p.start >= sm.end()]
    if after:
        return after[0]
    before = [p for p in inside if p.end <= sm.start()]
    return before[-1] if before else None


def _continuation(view: SentenceView) -> None:
    """ "The starting price is set at RMB 229,900." → the price of the previous sentence's
    launch events (same paragraph)."""
    prev = view.ctx.state.get("product_drafts")
    if not prev or prev[0] != view.index - 1 or not prev[1]:
        return
    named = {name for _, _, name in find_products(view)}
    if (
        not _PRICE_WORDS.search(view.text)
        or not view.money
        or (named and not named & {d.data.product for d in prev[1]})
    ):
        return
    money = view.money[0].money
    for d in prev[1]:
        if d.data.price is None and d.data.stage != "price_change":
            d.data = msgspec.structs.replace(d.data, price=money)
            start = d.span[0] if d.span else view.ctx.views[prev[0]].sentence.start
            d.span = (start, view.sentence.end)


RULES = [product_stage]
_ = PeriodMatch
