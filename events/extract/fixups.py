"""Small corrections on top of `events.normalize` for phrases news uses that it misses.

Each fix is local and named; when the normaliser learns the phrase the fix becomes a
no-op. Fiscal placement is here too: `find_periods` reads "fiscal Q3" as a calendar
period and leaves the company's fiscal year end to the caller.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from events.errors import NormalizationError
from events.normalize.money import MoneyMatch
from events.normalize.periods import PeriodMatch, fiscal_to_when
from events.normalize.quantity import QuantityMatch
from events.values import Money, When

__all__ = ["canonical", "fix_money", "fix_periods"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_MONTH_QUARTER = re.compile(rf"\b(?:the\s+)?{_MONTH.format(g='mon')}[- ]quarter\b", re.IGNORECASE)
_MONTH_RANGE = re.compile(
    rf"\b(?:the\s+)?{_MONTH.format(g='a')}\s*[-\u2013]\s*{_MONTH.format(g='b')}\s+(?:period|quarter|half|months)\b",
    re.IGNORECASE,
)
_PERIOD_ENDED = re.compile(
    r"\b(?P<unit>quarter|three months|half|six months|half-year|(?:fiscal |financial )?year|"
    r"nine months)"
    r"\s+(?:that\s+)?end(?:ed|ing|s)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_FISCAL_YEAR_ENDING = re.compile(
    rf"\b(?:the\s+)?(?:fiscal|financial|business)\s+year\s+(?:ending|ended|to)\s+(?:in\s+)?{_MONTH.format(g='mon')}\s+(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_CURRENT_FY = re.compile(
    r"\b(?:in\s+|for\s+)?(?:the\s+)?(?:current|this)\s+(?:financial|fiscal)\s+year\b", re.IGNORECASE
)
_BARE_PART = re.compile(
    r"^(?:(?:in|for|during|of)\s+)?(?:the\s+)?(first|second|third|fourth)[\s-](quarter|half)$",
    re.IGNORECASE,
)
_HINTS = ("quarter", "period", "half", "months", "fiscal", "financial", "business year", " end")
_UNIT_MONTHS = {
    "quarter": 3,
    "three months": 3,
    "half": 6,
    "six months": 6,
    "half-year": 6,
    "nine months": 9,
}
_CROWNS = re.compile(
    r"^(?:(?P<adj>Danish|Swedish|Norwegian)\s+)?(?:crowns?|kron(?:er|or|a|e))\b", re.IGNORECASE
)
_CROWN_CODES = {"danish": "DKK", "swedish": "SEK", "norwegian": "NOK"}
_COUNTRY_CROWN = {"DK": "DKK", "SE": "SEK", "NO": "NOK"}
_CENTS = re.compile(
    r"\b(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:(?P<us>US\s+)?(?P<eur>euro\s+)?cents?\b|(?P<p>p|pence)\b(?!\.))",
    re.IGNORECASE,
)
_CENTS_AFTER = re.compile(r"\s*cents?\b", re.IGNORECASE)
_EURO = {"DE", "FR", "NL", "IT", "ES", "FI", "IE", "BE", "AT", "PT"}


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _months_back(end: date, months: int) -> date:
    index = end.year * 12 + end.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def canonical(when: When) -> When:
    """The most specific label for calendar units: 2025-07-01..2025-09-30 is `2025-Q3`."""
    start, end = date.fromisoformat(when.start), date.fromisoformat(when.end)
    if start.day != 1 or end != _month_end(end.year, end.month) or start.year != end.year:
        return when
    months = end.month - start.month + 1
    y = start.year
    if months == 12:
        label = f"{y:04d}"
    elif months == 6 and start.month in (1, 7):
        label = f"{y:04d}-H{1 if start.month == 1 else 2}"
    elif months == 3 and start.month in (1, 4, 7, 10):
        label = f"{y:04d}-Q{(start.month - 1) // 3 + 1}"
    elif months == 1:
        label = f"{y:04d}-{start.month:02d}"
    else:
        return when
    return when if label == when.label else When(start=when.start, end=when.end, label=label)


def _span(start: date, end: date) -> When:
    return canonical(
        When(
            start=start.isoformat(),
            end=end.isoformat(),
            label=f"{start.isoformat()[:7]}/{end.isoformat()[:7]}",
        )
    )


def _nearest_year(month: int, reference: date, ahead: int = 3) -> int:
    ref = reference.year * 12 + reference.month
    for year in (reference.year + 1, reference.year, reference.year - 1):
        if year * 12 + month - ref <= ahead:
            return year
    return reference.year - 1


def _replace(found: list[PeriodMatch], new: PeriodMatch) -> list[PeriodMatch]:
    return [p for p in found if p.end <= new.start or p.start >= new.end] + [new]


def fix_periods(
    text: str, found: list[PeriodMatch], fy_end: int, reference: date, has_fiscal: bool
) -> list[PeriodMatch]:
    """Fiscal placement with the company's year end, plus the phrases listed above."""
    out: list[PeriodMatch] = []
    for p in found:
        bare = _BARE_PART.match(text[p.start : p.end].strip())
        if fy_end != 12 and (p.fiscal or (has_fiscal and bare)):
            phrase = (
                text[p.start : p.end] if p.fiscal else f"fiscal {bare.group(1)} {bare.group(2)}"
            )  # type: ignore[union-attr]
            try:
                when, label = fiscal_to_when(phrase, fy_end, reference)
                p = PeriodMatch(p.start, p.end, when, p.relation, label)
            except NormalizationError:
                pass
        out.append(PeriodMatch(p.start, p.end, canonical(p.when), p.relation, p.fiscal))
    low = text.lower()
    if not any(k in low for k in _HINTS):
        out.sort(key=lambda p: p.start)
        return out
    for m in _MONTH_QUARTER.finditer(text):  # "the March quarter": the quarter ending in March
        month = _MONTHS[m["mon"].lower()]
        end = _month_end(_nearest_year(month, reference), month)
        out = _replace(out, PeriodMatch(m.start(), m.end(), _span(_months_back(end, 3), end), "in"))
    for m in _MONTH_RANGE.finditer(text):  # "the April-September period"
        a, b = _MONTHS[m["a"].lower()], _MONTHS[m["b"].lower()]
        end_year = _nearest_year(b, reference)
        start_year = end_year if a <= b else end_year - 1
        out = _replace(
            out,
            PeriodMatch(
                m.start(), m.end(), _span(date(start_year, a, 1), _month_end(end_year, b)), "in"
            ),
        )
    for m in _FISCAL_YEAR_ENDING.finditer(text):
        try:
            when, label = fiscal_to_when(f"FY{m['y']}", _MONTHS[m["mon"].lower()], reference)
        except NormalizationError:
            continue
        out = _replace(out, PeriodMatch(m.start(), m.end(), canonical(when), "in", label))
    for m in _CURRENT_FY.finditer(text):
        try:
            when, label = fiscal_to_when("this fiscal year", fy_end, reference)
        except NormalizationError:
            continue
        out = _replace(out, PeriodMatch(m.start(), m.end(), canonical(when), "in", label))
    for i, p in enumerate(out):  # "the quarter ended September 30" is the quarter, not the day
        unit = _PERIOD_ENDED.search(text, max(0, p.start - 40), p.start)
        if unit is not None and p.when.start == p.when.end:
            day = date.fromisoformat(p.when.start)
            key = unit["unit"].lower()
            months = _UNIT_MONTHS.get(key, 12)
            end = _month_end(day.year, day.month)
            out[i] = PeriodMatch(
                unit.start(), p.end, _span(_months_back(end, months), end), "in", p.fiscal
            )
    out.sort(key=lambda p: p.start)
    return out


def fix_money(
    text: str, found: list[MoneyMatch], quantities: list[QuantityMatch], country: str | None
) -> list[MoneyMatch]:
    """ "₹2.59 lakh crore" is 2.59e12; "20.0 billion Danish crowns" is money in DKK;
    "15 cents" is 0.15 USD (EUR for a euro-area company), "50p" 0.50 GBP."""
    out: list[MoneyMatch] = []
    for m in found:
        cents = _CENTS_AFTER.match(text, m.end)
        if cents is not None and m.money.amount < 1000:  # "4.5 euro cents" read as 4.5 EUR
            money = Money(amount=round(m.money.amount / 100, 6), currency=m.money.currency)
            m = MoneyMatch(m.start, cents.end(), money)
        if text[m.start : m.end].rstrip().lower().endswith("lakh") and re.match(
            r"\s+crores?\b", text[m.end : m.end + 8]
        ):
            crore = re.match(r"\s+crores?\b", text[m.end :])
            money = Money(
                amount=m.money.amount * 1e7, currency=m.money.currency, bound=m.money.bound
            )
            m = MoneyMatch(m.start, m.end + crore.end(), money)  # type: ignore[union-attr]
        out.append(m)
    for m in _CENTS.finditer(text):
        if any(x.start <= m.start() < x.end for x in out):
            continue
        if m["p"]:
            code = "GBP"
        elif m["eur"] or (country in _EURO and not m["us"]):
            code = "EUR"
        else:
            code = "USD"
        value = float(m["n"]) / 100
        out.append(MoneyMatch(m.start(), m.end(), Money(amount=round(value, 6), currency=code)))
    for q in quantities:
        crowns = _CROWNS.match(text[q.end :].lstrip())
        if crowns is None or any(m.start <= q.start < m.end for m in out):
            continue
        code = _CROWN_CODES.get((crowns["adj"] or "").lower()) or _COUNTRY_CROWN.get(
            country or "", "DKK"
        )
        end = q.end + (len(text[q.end :]) - len(text[q.end :].lstrip())) + crowns.end()
        out.append(
            MoneyMatch(
                q.start, end, Money(amount=q.quantity.value, currency=code, bound=q.quantity.bound)
            )
        )
    out.sort(key=lambda m: m.start)
    return out
