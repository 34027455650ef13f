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

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, lower_regex, rule
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
    + r"(?:\s[A-Z](?![\w'’-]))?)\b(?!\s*(?:%|percent|million|billion|units|vehicles|shares|stores))"
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
        "Rs",
        "Rp",
    ]
)
_FACELIFT = re.compile(
    r"\b(?:refreshed|updated|facelifted|revamped)\s+(?:version\s+of\s+(?:its|the)\s+)?(?P<a>[A-Z]{1,5}\d{1,3}[A-Za-z]?)"
    r"|\b(?P<b>[A-Z]{1,5}\d{1,3}[A-Za-z]?)\s+[Ff]acelift\b",
)
_CARRY = re.compile(
    r"\b(?:the|its)\s+(?:(?:updated|new|refreshed|latest|upcoming|first|other|base|two|three"
    r"|four|five)\s+){0,2}(?:model|car|vehicle|SUV|sedan|phone"
    r"|smartphone|device|pill|drug|chip|facelift)s?\b",
    re.IGNORECASE,
)
_NOT_PRODUCT_NAMES = re.compile(r"^(?:HK|Q[1-4]|H[12]|FY\d+|L[2-5]|[A-Z]{1,3}\d{4})$")

_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pre_order",
        re.compile(
            r"\bpre-?orders?\b|\breservations?\b|\bpre-?sales?\b|\bbookings\b"
            r"|\bavailable (?:to|for) (?:pre-?)?order\b"
            r"|\border books?\s+(?:(?:would|will|to|are set to|is set to)\s+)?open(?:s|ed)?\b"
            r"|\bopen(?:s|ed)?\s+(?:its\s+|the\s+|their\s+)?order books?\b"
            r"|\bopen(?:s|ed)?\s+for\s+orders\b",
            re.IGNORECASE,
        ),
    ),
    (
        "delivery",
        re.compile(
            r"\bdeliver(?:ies|y)\s+(?:of\s+\S+\s+)?(?:[\w-]+\s+){0,4}?(?:began|begin|started|start|"
            r"starting"
            r"|commence|commenced|kick(?:ed)? off)"
            r"|\b(?:start(?:ed|s)?|began|begin|commenced?)\s+deliver(?:ies|ing)|\bscheduled "
            r"for delivery"
            r"|\bfirst deliveries\b"
            r"|\bdeliver(?:ies|y)\s+(?:\w+\s+){0,3}?(?:are|is|were|was)\s+(?:planned|scheduled"
            r"|expected|due|set|slated)(?=\s+(?:for|to\s+(?:start|begin)|in)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "announced",
        re.compile(
            r"\bunveil(?:ed|s|ing)?\b|\brevealed\b|\bshowcased\b"
            r"|\b(?:world|global|european|public)\s+premiere\b|\bpremiered\b",
            re.IGNORECASE,
        ),
    ),
    (
        "launch",
        re.compile(
            r"\blaunch(?:ed|es|ing)?\b(?!\s+(?:event|ceremony|party|presentation)s?\b)"
            r"|\bdebut(?:ed|s)?\b|\bwent on sale|\bgo(?:es)? on sale|\bon sale now\b"
            r"|\b(?:start|begin)(?:s|ning)?\s+selling\b|\b(?:started|began)\s+selling\b"
            r"|\bsales?\s+(?:of\s+(?:[\w-]+\s+){1,5}?)?(?:begins?|began|start(?:s|ed)?|commenced?"
            r"|commences|kicks? off|kicked off)\b(?!\s+(?:to|falling|rising|declining|slowing"
            r"|growing|with|at)\b)"
            r"|\bavailable\s+(?:immediately|now|from today)\b"
            r"|\bhit the market|\breleased?\b|\broll(?:ed)? out\b"
            r"|\b(?:enter|go(?:es)? into|start|begin)s?\s+(?:mass|volume|series)\s+production\b",
            re.IGNORECASE,
        ),
    ),
    (
        "price_change",
        re.compile(
            r"\bpriced\s+(?:[\w$€£¥.,-]+\s+){0,4}?(?:higher|lower|more|less)\b|\b(?:rais|cut|"
            r"lower|hik|reduc|slash)\w*\s+(?:the\s+|its\s+)?(?:(?!target)[\w-]+\s+){0,3}?"
            r"prices?\b(?!\s+target)"
            r"|\bprice (?:increase|cut|hike)s?\b",
            re.IGNORECASE,
        ),
    ),
)
# The same patterns for the lowercased sentence (see `lower_like_ignorecase`): run
# case-sensitively, several times faster.
_STAGES_LOWER = tuple((stage, lower_regex(pattern.pattern)) for stage, pattern in _STAGES)
_STAGE_WORDS = {
    "pre_order": ("order", "reservation", "sale", "booking"),
    "delivery": ("deliver",),
    "announced": ("unveil", "reveal", "showcas", "premiere"),
    "launch": ("launch", "debut", "on sale", "market", "release", "roll", " production", "selling",
               "sale", "available"),  # fmt: skip
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
    r"|car|battery|drug|medicine|treatment|therapy|vaccine|jab|model|aircraft|jet|airliner"
    r"|television|TV|tablet|camera|robot|van|tractor|shoe|sneaker|foldable|smartglasses"
)
# Nouns after a product noun that make it a qualifier ("the German car market", "its
# Debrecen battery plant"): no product is named there.
_NOT_AFTER_NOUN = (
    r"(?!\s+(?:plants?|factor(?:y|ies)|makers?|market|business|unit|division|sales|segment"
    r"|suppliers?|supply|production|output|deliveries|demand|prices?|cells?|industry|sector|orders?"
    r"|approval|regulators?|patents?|range|line-?up|portfolio|pipeline|maker)\b)"
)
# "the all-new Palisade SUV", "its Vision Pro headset", "its Naxtra sodium-ion battery", "the
# new Prelude hybrid coupe": a capitalised name before a product noun (two modifiers at most)
_NAMED_BEFORE_NOUN = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|an?|An?|[Tt]heir)\s+(?:all-new\s+|new\s+|updated\s+|refreshed\s+|latest\s+"
    r"|flagship\s+|next-generation\s+|second-generation\s+|third-generation\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,2})(?:\s[a-z][a-z-]+){0,2}?\s(?:"
    + _PRODUCT_NOUN
    + r")s?\b"
    + _NOT_AFTER_NOUN
)
# "its obesity drug Wegovy", "the electric SUV called Zeekr", "the Racco, a battery-electric kei
# car": a name right after a product noun, or one an apposition calls a product.
_NAMED_AFTER_NOUN = re.compile(
    r"\b(?:drug|medicine|treatment|therapy|vaccine|pill|jab|model|SUV|sedan|coupe|car|smartphone"
    r"|phone|chip|processor|battery|aircraft|jet|airliner)s?,?\s+(?:called\s+|named\s+|dubbed\s+"
    r"|branded\s+)?(?P<name>[A-Z][\w-]*[a-zA-Z](?:\s[A-Z][\w-]+)?)\b(?![.\w-])"
)
_NAMED_APPOSITION = re.compile(
    r"\b(?:[Tt]he|[Ii]ts)\s+(?:all-new\s+|new\s+|latest\s+)?(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)?),"
    r"\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,5}?(?:" + _PRODUCT_NOUN + r")s?\b"
)
# "a new flagship camera in the Alpha series", "its first running shoe under the Jordan brand":
# a product noun placed in a named series or brand (the name is "Alpha camera").
_IN_SERIES = re.compile(
    r"\b(?P<noun>" + _PRODUCT_NOUN + r")s?\s+(?:in|under|from|of)\s+(?:the|its|their)\s+"
    r"(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)?)\s+(?:series|brand|line|range|family|line-?up)\b"
)
# "the new 911 Turbo S": a name that opens with its number, told new.
_NEW_NUMERIC = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:all-new|new|latest|updated|refreshed|next-generation)\s+"
    r"(?P<name>(?!(?:19|20)\d\d\b)\d{2,4}[A-Za-z]?(?:\s[A-Z][\w-]*){0,3})\b(?![.,]?\d)"
)
# "Deliveries of the all-electric Cayenne Electric", "sales of its new Palisade": a capitalised
# name after a stage noun, whatever (lowercase) words describe it.
_STAGE_OF = re.compile(
    r"\b(?:[Dd]eliver(?:ies|y)|[Ss]ales|[Pp]re-?orders|[Ll]aunch|[Rr]oll-?out|[Ss]hipments"
    r"|[Pp]remiere|[Dd]ebut|[Pp]roduction)\s+of\s+(?:the|its|their)\s+(?:[a-z][\w-]*\s+){0,2}"
    r"(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,2})"
)
_STAGE_OF_WORDS = ("deliver", "sales", "order", "launch", "roll", "shipment", "premiere", "debut",
                   "production")  # fmt: skip
_NOT_NAMES = frozenset(
    [
        "Chinese", "American", "German", "Japanese", "Korean", "European", "French", "British",
        "Indian", "Swiss", "Italian", "Spanish", "Taiwanese", "Hungarian", "Mexican", "Global",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "China",
        "Europe", "Japan", "India", "Germany", "US", "UK", "EU", "FDA", "EMA", "CEO", "CFO",
        "Electric", "Hybrid", "Premium", "Entry", "Luxury", "Mass", "Model", "Group", "World",
    ]
)  # fmt: skip
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
_CARRY_WORDS = (
    "model", "car", "vehicle", "suv", "sedan", "phone", "device", "pill", "drug", "chip",
    "facelift",
)  # fmt: skip
_NAME_WORDS = ("pill", "tablet", "injection", "vaccine", "shot", "facelift")
# The product nouns as " suv", " car", ...: a sentence without any names no product by noun.
_NOUN_WORDS = tuple(sorted({" " + n.split()[-1].lower() for n in _PRODUCT_NOUN.split("|")}))


def _may_name(view: SentenceView) -> bool:
    """Cheap test before the product patterns: a model number, or a product word."""
    low = view.lower
    return (
        (view.has_digit and any(p.search(view.text) for p in _MAY_NAME))
        or any(w in low for w in _NAME_WORDS)
        or any(w in low for w in _NOUN_WORDS)
        or (" of the " in low or " of its " in low or " of their " in low)
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
        elif m["drug"] not in _NOT_BRAND and not _CAPITAL_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):  # "the MatePad Edge tablet": a longer name, not a drug's form
            out.append((m.start(), m.end(), f"{m['drug']} {m['form']}"))
    low = view.lower
    if digits and (" new " in low or "-new " in low or "latest " in low or " next-" in low):
        for m in _NEW_NUMERIC.finditer(text):
            if free(m.start("name"), m.end("name")):
                out.append((m.start("name"), m.end("name"), m["name"]))
    if any(w in low for w in _NOUN_WORDS):
        if any(w in low for w in (" series", " brand", " line", " range", " family")):
            for m in _IN_SERIES.finditer(text):
                if _name_ok(view, m, out) is not None:
                    out.append((m.start("name"), m.end("name"), f"{m['name']} {m['noun']}"))
        for pattern in (_NAMED_BEFORE_NOUN, _NAMED_AFTER_NOUN, _NAMED_APPOSITION):
            for m in pattern.finditer(text):
                name = _name_ok(view, m, out)
                if name is not None:
                    out.append((m.start("name"), m.end("name"), name))
    if (" of the " in low or " of its " in low or " of their " in low) and any(
        w in low for w in _STAGE_OF_WORDS
    ):
        for m in _STAGE_OF.finditer(text):
            name = _name_ok(view, m, out)
            if name is not None:
                out.append((m.start("name"), m.end("name"), name))
    return sorted(out)


_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w-]*\s$")
_QUALIFIED = re.compile(r"-(?:based|listed|made|owned|backed|built|focused|style)$")


def _name_ok(view: SentenceView, m: re.Match[str], out: list[tuple[int, int, str]]) -> str | None:
    """The product name a noun pattern found, unless it is a company, a place or a qualifier."""
    name = m["name"]
    first = name.split()[0]
    if first in _NOT_BRAND or first in _NOT_NAMES or _QUALIFIED.search(name):
        return None
    start, end = m.start("name"), m.end("name")
    if any(s < end and start < e for s, e, _ in out):
        return None
    if any(x.start <= start and x.end >= end for x in view.mentions):
        return None  # "the Xiaomi SUV": a company, not a product
    return name


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


# A sentence that opens with a stage noun and names no product ("Deliveries are planned for
# the second half of 2026.") continues the previous sentence's product.
_STAGE_OPENER = re.compile(
    r"^(?:The\s+|Its\s+|First\s+)?(?:deliveries|delivery|pre-?orders?|pre-?sales?|sales|the launch"
    r"|launch|reservations|shipments|mass production|production)\b",
    re.IGNORECASE,
)
# An apposition (", a small battery-electric car based on its N-ONE kei model,") describes the
# product before it: names inside it are not what a stage word after it is about.
_APPOSITION = re.compile(r",\s+(?:a|an)\s+[^,;]{3,90},")


def _previous_product(view: SentenceView) -> str | None:
    prev = view.ctx.state.get("product_drafts")
    if (
        prev
        and prev[0] == view.index - 1
        and prev[1]
        and view.ctx.views[prev[0]].sentence.block == view.sentence.block
        and _STAGE_OPENER.match(view.text)
    ):
        return prev[1][-1].data.product
    return None


# Stage phrases only products have ("order books open", "deliveries are scheduled"): a sentence
# with one and no product name is about the product the sentence before it named.
_SPECIFIC_STAGE = re.compile(
    r"order|deliver|reservation|on sale|selling|premiere|sales? (?:of|begin|start)", re.IGNORECASE
)


def _product_of_previous(view: SentenceView) -> str | None:
    """The product the previous sentence of the paragraph names (one only)."""
    if view.index == 0:
        return None
    prev = view.ctx.views[view.index - 1]
    if prev.sentence.block != view.sentence.block:
        return None
    names = {name for _, _, name in find_products(prev)}
    return names.pop() if len(names) == 1 else None


def _product_for(
    text: str, found: list[tuple[int, int, str]], pos: int
) -> tuple[int, int, str]:
    """The product a stage word at `pos` is about: the nearest name not inside an apposition
    that lies between them."""
    if len(found) > 1:
        inside = [(a.start(), a.end()) for a in _APPOSITION.finditer(text)]
        outside = [
            f for f in found if not any(s < f[0] < e and (e <= pos or s >= pos) for s, e in inside)
        ]
        found = outside or found
    return min(found, key=lambda p: abs(p[0] - pos))


@rule("product.stage", keywords=_KEYWORDS)
def product_stage(view: SentenceView, _m: re.Match[str] | None) -> Iterator[Draft]:
    text = view.text
    low = view.lower
    # The stage words first: most sentences the keywords let through state no stage, and
    # then the product names (the costly part) are not looked for.
    exact = view.lower_exact
    stages, subject = (_STAGES, text) if exact is None else (_STAGES_LOWER, exact)
    staged = [
        (stage, found_stages)
        for stage, pattern in stages
        if any(k in low for k in _STAGE_WORDS[stage])
        and (found_stages := list(pattern.finditer(subject)))
    ]
    found: list[tuple[int, int, str]] = []
    carried = None
    if staged:
        found = find_products(view)
        carried = None if found or not _carries(view) else carried_product(view)
        if not found and carried is None:
            carried = _previous_product(view)
        if not found and carried is None and any(
            _SPECIFIC_STAGE.search(m.group(0)) for _, ms in staged for m in ms
        ):
            carried = _product_of_previous(view)
    drafts: list[Draft] = []
    for stage, stage_matches in staged:
        if not (found or carried):
            continue
        for sm in stage_matches:
            if view.hedged(sm.start(), strict=False) or _RETRO_STAGE.search(
                text, max(0, sm.start() - 20), sm.start()
            ):
                continue
            if sm.group(0).lower().endswith("production") and not any(
                f[0] < sm.start() for f in found
            ):
                continue  # "plans to start mass production of X": the company's plan
            if found:
                chosen = _product_for(text, found, sm.start())
                products = [chosen[2]]
                if stage != "price_change" and chosen[0] > sm.start():
                    products += _coordinated(text, found, chosen)
            else:
                products = [carried]  # type: ignore[list-item]
            for product in products:
                draft = _stage_draft(view, stage, sm, product)
                if draft is not None and not any(
                    d.data.stage == stage and d.data.product == product for d in drafts
                ):
                    drafts.append(draft)
    if drafts and (";" in text or ", with " in text):
        drafts += _follow_ons(view, drafts)
    if not drafts and "product_drafts" in view.ctx.state:
        _continuation(view)
    if "product_all" in view.ctx.state and view.money and _PRICE_WORDS.search(text):
        _later_prices(view, drafts)
    view.ctx.state["product_drafts"] = (view.index, drafts)
    if drafts:
        view.ctx.state.setdefault("product_all", []).extend(drafts)
    yield from drafts


# Between two products a stage verb has for object ("unveiled its Mate 80 smartphone series and
# the Mate X7 foldable"): a few lowercase words, then "and" or a comma.
_COORD_GAP = re.compile(
    r"(?:\s[a-z][\w-]*){0,3}\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:the|its|a|an|their)\s+)?"
    r"(?:new\s+)?(?:[A-Z][\w-]*\s+)?"  # the brand before a name found without it
)


def _coordinated(
    text: str, found: list[tuple[int, int, str]], chosen: tuple[int, int, str]
) -> list[str]:
    """The products listed after `chosen` in the same object ("X and the Y")."""
    out: list[str] = []
    prev = chosen
    for f in found:
        if f[0] <= prev[0]:
            continue
        if _COORD_GAP.fullmatch(text, prev[1], f[0]) is None:
            break
        if f[2] not in out and f[2] != chosen[2]:
            out.append(f[2])
        prev = f
    return out


# "...; the RS follows on December 5": another product at the same stage, later.
_FOLLOWS = re.compile(
    r"(?:;|, with)\s+(?:the|its)\s+(?P<name>[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,2})\s+"
    r"(?:follows|will follow|is to follow|following|is due)(?=\s+(?:on|in|from)\b)"
)


def _follow_ons(view: SentenceView, drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for m in _FOLLOWS.finditer(view.text):
        before = [d for d in drafts if d.anchor < m.start() and d.data.stage != "price_change"]
        name = m["name"]
        if not before or name.split()[0] in _NOT_BRAND or name.split()[0] in _NOT_NAMES:
            continue
        if any(x.start <= m.start("name") < x.end for x in view.mentions):
            continue  # a company, not a product
        draft = _stage_draft(view, before[-1].data.stage, m, name)
        if draft is not None and not draft.default_when:
            out.append(draft)
    return out


def _later_prices(view: SentenceView, drafts: list[Draft]) -> None:
    """ "The base Mate 80 starts at 4,699 yuan, the Mate 80 Pro at 5,999 yuan": each product's
    price, given to the article's earlier events of that product that have none."""
    found = find_products(view)
    if not found:
        return
    text = view.text
    priced: dict[str, Money] = {}
    for i, (_, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        for mm in view.money:
            if end <= mm.start < stop:
                gap = text[end : mm.start]
                if _PRICE_WORDS.search(gap) or _AT_PRICE.search(gap):
                    priced.setdefault(name, mm.money)
                break
    if not priced:
        return
    current = {id(d) for d in drafts}
    for d in view.ctx.state["product_all"]:
        money = priced.get(d.data.product)
        if (
            money is not None
            and id(d) not in current
            and d.data.price is None
            and d.data.stage in ("announced", "launch", "pre_order")
            and not d.data.planned
        ):
            d.data = msgspec.structs.replace(d.data, price=money)


def _stage_draft(view: SentenceView, stage: str, sm: re.Match[str], product: str) -> Draft | None:
    text = view.text
    period = _stage_period(view, sm)
    if (
        period is not None
        and period.relation in ("since", "before", "after")
        and period.when.start <= view.ctx.article.published
        and not (period.relation == "since" and _STATE_STAGE.search(sm.group(0)))
    ):
        period = None  # "since" dates a state ("available to order since September") only
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
    if stage == "price_change":
        price, price_change = _price_move(view, sm)
    lo = text.rfind(",", 0, sm.start()) + 1
    hi = clause_bounds(text, sm.start())[1]
    for v in values(view):
        head = text[max(0, v.start - 40) : v.start]
        if stage == "price_change":
            pass
        elif (
            v.money is not None
            and price is None
            and not _BY_AMOUNT.search(head)
            and (_PRICE_WORDS.search(head) or (lo <= v.start < hi and _AT_PRICE.search(head)))
        ):
            price = v.money
        elif (
            v.money is None
            and v.noun
            and re.match(r"(?:pre-?orders?|orders|reservations|bookings)", v.noun, re.IGNORECASE)
        ):
            orders = Quantity(value=v.amount, unit="orders", bound=v.bound)  # type: ignore[arg-type]
    if stage == "price_change" and price_change is None and price is None:
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


_BY_AMOUNT = re.compile(r"\bby\s+(?:up to\s+|about\s+|around\s+|as much as\s+)?$")
_STATE_STAGE = re.compile(r"available|on sale|open", re.IGNORECASE)
_AT_PRICE = re.compile(r"\b(?:at|for)\s+(?:a\s+price\s+of\s+)?(?:just\s+|about\s+|around\s+)?$")
_TO_PRICE = re.compile(r"\b(?:to|at)\s+(?:just\s+|about\s+|around\s+)?$", re.IGNORECASE)
_FROM_PRICE = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_CUT_WORDS = re.compile(r"\b(?:lower|cut|reduc|slash)", re.IGNORECASE)


def _price_move(view: SentenceView, sm: re.Match[str]) -> tuple[Money | None, Money | None]:
    """(new price, change) of a price change: "cut the price to CHF 199 from CHF 289" is a
    new price of 199 and a change of -90; "priced RMB 500-700 higher" a change only."""
    text = view.text
    new = old = change = None
    for mm in view.money:
        if mm.start < sm.start():
            continue
        head = text[max(0, mm.start - 16) : mm.start]
        if new is None and _TO_PRICE.search(head):
            new = mm.money
        elif old is None and new is not None and _FROM_PRICE.search(head):
            old = mm.money
        elif change is None and new is None:
            change = mm.money
            if _CUT_WORDS.search(text, sm.start(), sm.end() + 40):
                change = Money(
                    amount=-change.amount,
                    currency=change.currency,
                    amount_max=(-change.amount_max if change.amount_max else None),
                )
    if new is not None and old is not None and new.currency == old.currency:
        change = Money(amount=round(new.amount - old.amount, 6), currency=new.currency)
    return new, change


def _stage_period(view: SentenceView, sm: re.Match[str]) -> PeriodMatch | None:
    """The period a stage word is dated by ("Pre-orders ... began in January, with a market
    launch scheduled for April 2026"): the first after it in its comma segment, else the
    nearest before it in that segment; "deliveries starting shortly after" has none."""
    text = view.text
    lo = text.rfind(",", 0, sm.start()) + 1
    hi = text.find(",", sm.end())
    hi = len(text) if hi < 0 else hi
    apposition = _APPOSITION.match(text, hi)
    if apposition is not None:  # "launched the X, a headset for developers, on Wednesday"
        nxt = text.find(",", apposition.end())
        hi = len(text) if nxt < 0 else nxt
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
    if not _PRICE_WORDS.search(view.text) or not view.money:
        return
    named = {name for _, _, name in find_products(view)}
    if named and not named & {d.data.product for d in prev[1]}:
        return
    money = view.money[0].money
    for d in prev[1]:
        if d.data.price is None and d.data.stage != "price_change":
            d.data = msgspec.structs.replace(d.data, price=money)
            start = d.span[0] if d.span else view.ctx.views[prev[0]].sentence.start
            d.span = (start, view.sentence.end)


RULES = [product_stage]
_ = PeriodMatch
