"""One-line human headlines for events, shared by the CLI tables and the exports."""

from __future__ import annotations

from collections.abc import Callable

from events.model import Event
from events.values import Money, Quantity

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "RMB ", "HKD": "HK$"}
_BOUND = {"at_least": "over ", "at_most": "up to ", "approx": "~", "exact": ""}


def money(m: Money | None) -> str:
    if m is None:
        return "?"
    amount = _scaled(m.amount)
    if m.amount_max is not None:
        amount += "-" + _scaled(m.amount_max)
    prefix = _SYMBOLS.get(m.currency, m.currency + " ")
    return f"{_BOUND[m.bound]}{prefix}{amount}"


def quantity(q: Quantity | None) -> str:
    if q is None:
        return "?"
    return number(q.value, q.value_max, q.bound, q.unit)


def number(value: float | None, value_max: float | None, bound: str, unit: str | None) -> str:
    if value is None:
        return "?"
    text = _scaled(value) + (f"-{_scaled(value_max)}" if value_max is not None else "")
    if unit == "pct":
        text += "%"
    elif unit == "pp":
        text += " pp"
    elif unit and unit not in ("units",) and len(unit) == 3 and unit.isupper():
        text = _SYMBOLS.get(unit, unit + " ") + text
    elif unit and unit != "units":
        text += f" {unit}"
    return _BOUND.get(bound, "") + text


def _scaled(value: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:,.4g}{suffix}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}"


def _short(text: str, limit: int = 90) -> str:
    """Descriptions can be a whole sentence; a headline is one glance."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _buyback(e) -> str:
    d = e.data
    parts = ["Buyback"]
    if d.shares:
        parts.append(quantity(d.shares) + (" shares" if d.shares.unit == "units" else ""))
    if d.amount:
        parts.append(f"for {money(d.amount)}")
    if d.program_total_shares:
        parts.append(f"(programme total {quantity(d.program_total_shares)})")
    return " ".join(parts)


def _guidance(e) -> str:
    d = e.data
    value = number(d.value, d.value_max, d.bound, d.unit)
    prev = f" (from {quantity(d.previous)})" if d.previous else ""
    return f"{d.metric} {d.period} target {d.action}: {value}{prev}"


def _rating(e) -> str:
    d = e.data
    text = f"{d.firm}: {d.rating or 'rating'} ({d.action})"
    if d.target_price:
        text += f", target {money(d.target_price)}"
    return text


_HEADLINES: dict[str, Callable[[Event], str]] = {
    "share_buyback": _buyback,
    "insider_trade": lambda e: (
        f"{e.data.person} {e.data.direction}s "
        + (money(e.data.amount) if e.data.amount else quantity(e.data.shares))
        + (f", stake {quantity(e.data.stake_after_pct)}" if e.data.stake_after_pct else "")
    ),
    "product_launch": lambda e: (
        f"{e.data.product}: {e.data.stage.replace('_', '-')}"
        + (" (planned)" if e.data.planned else "")
        + (f" at {money(e.data.price)}" if e.data.price else "")
        + (f", {quantity(e.data.orders)} orders" if e.data.orders else "")
    ),
    "guidance": _guidance,
    "analyst_rating": _rating,
    "stock_price": lambda e: (
        f"Close {money(e.data.close)}"
        + (f" ({e.data.change_pct:+.2f}%)" if e.data.change_pct is not None else "")
        + (f" [{e.data.listing}]" if e.data.listing else "")
        + (f" {e.data.note.replace('_', ' ')}" if e.data.note else "")
    ),
    "capital_flow": lambda e: f"{e.data.channel}: net {money(e.data.net)}",
    "block_trade": lambda e: f"Block trade {quantity(e.data.shares)} at {money(e.data.price)}",
    "operating_result": lambda e: (
        f"{e.data.metric} {e.data.period}: "
        f"{number(e.data.value, e.data.value_max, e.data.bound, e.data.unit)}"
    ),
    "milestone": lambda e: _short(e.data.description),
    "plan": lambda e: _short(e.data.description),
    "dividend": lambda e: (
        f"Dividend ({e.data.kind}) {money(e.data.per_share) if e.data.per_share else ''}".strip()
    ),
    "stock_split": lambda e: f"Stock split {e.data.ratio_from}-for-{e.data.ratio_to}",
    "acquisition": lambda e: (
        f"Acquisition of {e.data.target} ({e.data.stage})"
        + (f" for {money(e.data.amount)}" if e.data.amount else "")
    ),
    "contract": lambda e: (
        f"Contract with {e.data.counterparty}"
        + (f" worth {money(e.data.amount)}" if e.data.amount else "")
    ),
    "retraction": lambda e: f"Retracts {e.data.target[:14]}…: {e.data.reason}",
}


def value(v: object) -> str:
    """A data field's value as a person reads it: money and quantities spelled out."""
    if isinstance(v, Money):
        return money(v)
    if isinstance(v, Quantity):
        return quantity(v)
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def headline(event: Event) -> str:
    """A short sentence a person can scan in a table."""
    try:
        return _HEADLINES[event.type](event)
    except (AttributeError, KeyError, TypeError):
        return event.type.replace("_", " ")
