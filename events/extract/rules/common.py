"""Helpers every rule family shares: picking numbers near a trigger, and valid time.

Valid time follows DESIGN.md: a statement (guidance, rating, plan) is dated the day it was
made (a day or week the sentence names, else the publication day); a past fact takes the
period the text gives, clamped to end no later than the publication day; a future fact
keeps its future period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from events.extract.context import SentenceView
from events.normalize._numbers import CARDINALS
from events.normalize.money import MoneyMatch
from events.normalize.periods import PeriodMatch, clamp_to, fiscal_to_when
from events.normalize.quantity import QuantityMatch
from events.values import Money, Quantity, When

__all__ = [
    "after",
    "before",
    "fact_when",
    "future_when",
    "money_after",
    "money_before",
    "pct_near",
    "signed_pct",
    "statement_when",
    "word_number",
]

_WORD_NUMBERS = {  # cardinals from the normaliser's table, then ordinals
    **CARDINALS,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "fifteenth": 15,
    "twentieth": 20,
}
_DOWN_WORDS = re.compile(
    r"\b(?:fell|falling|fall|down|lower|declin\w*|dropp?\w*|slipp?\w*|slid|lost|losing|loss"
    r"|tumbl\w*|plung\w*|sank|sink\w*|eased?|weaker|negative|shed|retreat\w*|minus|dipp?\w*"
    r"|slump\w*|skidd?\w*|sagg?\w*|plummet\w*|slipping)\b",
    re.IGNORECASE,
)


def word_number(text: str) -> int | None:
    """ "sixth" → 6, "8th" → 8, "eight" → 8, "12" → 12."""
    t = text.lower().strip()
    if t in _WORD_NUMBERS:
        return _WORD_NUMBERS[t]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", t)
    return int(m.group(1)) if m else None


def after(items: Sequence[MoneyMatch | QuantityMatch], pos: int, limit: int = 10_000):
    """Items starting at or after `pos` (and before `limit`), in order."""
    return [i for i in items if pos <= i.start < limit]


def before(items: Sequence[MoneyMatch | QuantityMatch], pos: int, floor: int = 0):
    return [i for i in items if floor <= i.start and i.end <= pos]


def money_after(view: SentenceView, pos: int, limit: int = 10_000) -> MoneyMatch | None:
    found = after(view.money, pos, limit)
    return found[0] if found else None  # type: ignore[return-value]


def money_before(view: SentenceView, pos: int, floor: int = 0) -> MoneyMatch | None:
    found = before(view.money, pos, floor)
    return found[-1] if found else None  # type: ignore[return-value]


def pct_near(view: SentenceView, lo: int, hi: int) -> QuantityMatch | None:
    """The first percentage quantity inside [lo, hi)."""
    for q in view.quantities:
        if q.quantity.unit == "pct" and lo <= q.start and q.end <= hi:
            return q
    return None


def signed_pct(view: SentenceView, q: QuantityMatch) -> float:
    """A change in percent with its sign from the words around it ("fell 0.42%" → -0.42)."""
    text = view.text
    window = text[max(0, q.start - 30) : q.end + 14]
    value = q.quantity.value
    if text[max(0, q.start - 1) : q.start] == "-" or _DOWN_WORDS.search(window):
        return -abs(value)
    return value


def money_value(m: Money) -> Money:
    return m


def quantity_of(q: QuantityMatch, unit: str | None = None) -> Quantity:
    quantity = q.quantity
    if unit and quantity.unit != unit:
        return Quantity(
            value=quantity.value, unit=unit, value_max=quantity.value_max, bound=quantity.bound
        )
    return quantity


# --- valid time ---------------------------------------------------------------------------


def _is_day(p: PeriodMatch) -> bool:
    return p.when.start == p.when.end


def _short(p: PeriodMatch) -> bool:
    """A day or a week: the kind of period a statement is made in."""
    from datetime import date

    span = date.fromisoformat(p.when.end) - date.fromisoformat(p.when.start)
    return span.days <= 7


_SPEECH_TIME = re.compile(
    r"^(?:on\s+)?(?:last|earlier|yesterday|today|this)\b|^(?:on\s+)?(?:mon|tues|wednes|thurs|"
    r"fri|satur|sun)day\b",
    re.IGNORECASE,
)


def speech_time(view: SentenceView, p: PeriodMatch) -> bool:
    """True for the time a statement was made ("last month", "on Wednesday", "yesterday"),
    as opposed to the period it is about."""
    return _SPEECH_TIME.match(view.text[p.start : p.end].strip()) is not None


def statement_when(view: SentenceView, exclude: Sequence[PeriodMatch] = ()) -> tuple[When, bool]:
    """(When, is_default) of a statement: the day, week or month the sentence says it was
    made ("on Wednesday", "last week", "last month"), not in the future, else the
    publication day."""
    published = view.ctx.article.published
    recent = (view.ctx.published - timedelta(days=10)).isoformat()
    for p in view.periods:
        if p in exclude or p.when.end > published:
            continue
        if (
            speech_time(view, p)
            and (date.fromisoformat(p.when.end) - date.fromisoformat(p.when.start)).days <= 31
        ):
            return p.when, False
        if not _short(p) or p.when.start < recent:
            continue
        if p.relation in ("", "in", "by"):
            return p.when, False
    return view.ctx.published_when, True


def fact_when(
    view: SentenceView, anchor: int, *, prefer: PeriodMatch | None = None, carry: bool = True
) -> tuple[When, bool]:
    """(When, is_default) of a past fact stated at `anchor`: the nearest period in the
    sentence (or one carried from "in the quarter"), clamped to the publication day."""
    p = prefer or view.period_near(anchor)
    if p is None and carry:
        p = view.backref_period()
    if p is None:
        return view.ctx.published_when, True
    return clamp_to(p.when, view.ctx.published), False


def future_when(view: SentenceView, p: PeriodMatch | None) -> tuple[When, bool]:
    """When of a future fact: its own period, planned when it starts after publication."""
    if p is None:
        return view.ctx.published_when, False
    return p.when, p.when.start > view.ctx.article.published


def period_after(view: SentenceView, start: int, end: int) -> PeriodMatch | None:
    """The period that dates the words at [start, end): the first one after them in their
    comma clause ("obtained a permit in Beijing by the end of 2025"), else the nearest."""
    text = view.text
    comma = text.find(",", end)
    stop = comma if comma >= 0 else len(text)
    for p in view.periods:
        if end <= p.start < stop:
            return p
    return view.period_near(start)


def listing_of(
    view: SentenceView, lo: int, hi: int, currency: str, entity: str | None
) -> str | None:
    from events.extract.vocab import LISTING_WORDS, listing_from_currency

    window = view.text[lo:hi]
    for pattern, code in LISTING_WORDS:
        if pattern.search(window):
            return code
    return listing_from_currency(currency, view.ctx.country(entity))


# --- numbers as one list ---------------------------------------------------------------------

_BARE_PART = re.compile(
    r"^(?:(?:in|for|during|of)\s+)?(?:the\s+|its\s+)?(?:(?P<ord>first|second|third|fourth)[\s-]"
    r"(?P<unit>quarter|half)|Q(?P<q>[1-4])|H(?P<h>[12]))$",
    re.IGNORECASE,
)
_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


def bare_fiscal_part(
    view: SentenceView, p: PeriodMatch, entity: str | None
) -> tuple[When, str] | None:
    """A bare "third-quarter" / "Q3" / "H1" of a company whose year does not end in December,
    read as its fiscal part (the next one to come, as `fiscal_to_when` reads it); None for a
    December year-end, a period already fiscal, or anything but a bare part. Guidance and
    results then choose between it and the calendar reading."""
    ctx = view.ctx
    fy_end = ctx.fiscal_end(entity)
    if fy_end == 12 or p.fiscal or entity is None:
        return None
    m = _BARE_PART.match(view.text[p.start : p.end].strip())
    if m is None:
        return None
    if m["ord"]:
        phrase = f"fiscal {m['ord'].lower()} {m['unit'].lower()}"
    elif m["q"]:
        phrase = f"fiscal {_ORDINALS[m['q']]} quarter"
    else:
        phrase = f"fiscal {_ORDINALS[m['h']]} half"
    company = ctx.registry.entities.get(entity)
    start_named = company is not None and company.fiscal_year_named_by == "start"
    try:
        return fiscal_to_when(phrase, fy_end, ctx.published, start_named=start_named)
    except Exception:
        return None


import attrs  # noqa: E402


@attrs.frozen
class Value:
    """A number in a sentence: money or a quantity, with the noun after it."""

    start: int
    end: int
    money: Money | None = None
    quantity: Quantity | None = None
    noun: str | None = None

    @property
    def amount(self) -> float:
        return self.money.amount if self.money else self.quantity.value  # type: ignore[union-attr]

    @property
    def amount_max(self) -> float | None:
        return self.money.amount_max if self.money else self.quantity.value_max  # type: ignore[union-attr]

    @property
    def bound(self) -> str:
        return self.money.bound if self.money else self.quantity.bound  # type: ignore[union-attr]

    @property
    def unit(self) -> str:
        return self.money.currency if self.money else self.quantity.unit  # type: ignore[union-attr]

    def as_quantity(self) -> Quantity:
        return Quantity(
            value=self.amount, unit=self.unit, value_max=self.amount_max, bound=self.bound
        )  # type: ignore[arg-type]


def values(view: SentenceView) -> list[Value]:
    """Money and quantities of the sentence in order; quantities inside money, periods or
    product names left out ("HKD 38.04" is money, "2026" a year, "SU7" a name)."""
    cached = view.__dict__.get("_values")
    if cached is not None:
        return cached
    out = [Value(m.start, m.end, money=m.money) for m in view.money]
    quantities = view.quantities
    if quantities:  # the periods (costly to find) matter only to leave quantities out
        taken = [(m.start, m.end) for m in view.money] + [(p.start, p.end) for p in view.periods]
        for q in quantities:
            if any(s < q.end and q.start < e for s, e in taken):
                continue
            out.append(Value(q.start, q.end, quantity=q.quantity, noun=q.noun))
    out.sort(key=lambda v: v.start)
    view.__dict__["_values"] = out
    return out
