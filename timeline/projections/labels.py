"""Short human labels for figures: the key that names a figure and a one-line value.

Shared by `diff` (its `summary` strings) and the CLI's report; pure functions of the figures.
"""

from __future__ import annotations

from typing import Any

from events.values import Money, Quantity

__all__ = ["amount", "count", "figure_key", "figure_text", "money", "period_key", "qty", "shares"]

_BOUND = {"at_least": "over ", "at_most": "up to ", "approx": "~", "exact": ""}


def amount(value: float, small_decimals: int = 2) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:,.4g}{suffix}"
    if value == int(value) and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{value:,.{small_decimals}f}"


def money(m: Money | None) -> str:
    if m is None:
        return ""
    text = amount(m.amount)
    if m.amount_max is not None:
        text += "-" + amount(m.amount_max)
    return f"{_BOUND.get(m.bound, '')}{m.currency} {text}"


def count(
    value: float | None,
    value_max: float | None = None,
    bound: str = "exact",
    unit: str | None = None,
) -> str:
    if value is None:
        return "?"

    def one(v: float) -> str:
        if (unit and len(unit) == 3 and unit.isupper()) or abs(v) >= 1e9:
            return amount(v)
        if v == int(v):
            return f"{int(v):,}"
        return f"{v:,.2f}".rstrip("0").rstrip(".")

    text = one(value) + (f"-{one(value_max)}" if value_max is not None else "")
    if unit == "pct":
        text += "%"
    elif unit == "pp":
        text += " pp"
    elif unit and len(unit) == 3 and unit.isupper():
        text = f"{unit} {text}"
    elif unit and unit not in ("units",):
        text += f" {unit}"
    return _BOUND.get(bound, "") + text


def qty(q: Quantity | None) -> str:
    return count(q.value, q.value_max, q.bound, q.unit) if q else ""


def shares(q: Quantity | None) -> str:
    if q is None:
        return ""
    return count(q.value, q.value_max, q.bound, "shares" if q.unit == "units" else q.unit)


def period_key(metric: str | None, period: str | None, segment: str | None) -> str:
    return " ".join(x for x in (metric, period, f"[{segment}]" if segment else None) if x)


def figure_key(section: str, fig: Any) -> str:
    """What identifies a figure within its section across two dates."""
    if section in ("guidance", "results"):
        return period_key(fig.metric, fig.period, fig.segment)
    if section == "ratings":
        return " ".join(fig.firm.casefold().split())
    if section == "insiders":
        return " ".join(fig.person.casefold().split())
    if section == "products":
        return " ".join(fig.product.casefold().split())
    if section == "capital_flows":
        return " ".join(fig.channel.casefold().split())
    if section == "acquisitions":
        return " ".join(fig.target.casefold().split())
    if section == "prices":
        return f"{fig.listing or 'close'} {fig.close.currency}"
    if section in ("price", "consensus", "buyback", "capital_flow"):
        return section
    return (
        fig.event
    )  # lists of events: milestones, plans, dividends, splits, contracts, block trades


def _value(fig: Any) -> str:
    return count(fig.value, fig.value_max, fig.bound, fig.unit)


def figure_text(section: str, fig: Any) -> str:
    """One line describing a figure's value, e.g. `HK$38 on 2026-01-08`."""
    if section in ("price", "prices"):
        listing = f" [{fig.listing}]" if fig.listing else ""
        return f"close {money(fig.close)}{listing} on {fig.when}"
    if section == "guidance":
        value = _value(fig) if fig.value is not None else "not quantified"
        key = period_key(fig.metric, fig.period, fig.segment)
        return f"{key} target {value} ({fig.action}, {fig.when})"
    if section == "results":
        return f"{period_key(fig.metric, fig.period, fig.segment)}: {_value(fig)}"
    if section == "ratings":
        target = f", target {money(fig.target)}" if fig.target else ""
        return f"{fig.firm}: {fig.rating or 'rating'}{target} ({fig.when})"
    if section == "consensus":
        mean, median = f"{fig.mean:,.2f}", f"{fig.median:,.2f}"
        return f"consensus {fig.currency} {mean} mean, {median} median of {fig.count}"
    if section == "buyback":
        trades = "1 trade" if fig.trades == 1 else f"{fig.trades} trades"
        text = f"{trades}, {count(fig.shares, None, 'exact', 'shares')} since {fig.window_start}"
        if fig.last:
            text += f"; last {shares(fig.last.shares) or money(fig.last.amount)} on {fig.last.when}"
        if fig.programme and fig.programme.total_shares:
            text += f"; programme total {shares(fig.programme.total_shares)}"
        return text
    if section == "insiders":
        stake = f" stake {qty(fig.stake_after_pct)}" if fig.stake_after_pct else ""
        trade = f" ({fig.last_trade.direction} {fig.last_trade.when})" if fig.last_trade else ""
        return f"{fig.person}{stake}{trade}"
    if section == "products":
        stage = (fig.stage or "").replace("_", "-")
        price = f" at {money(fig.price)}" if fig.price else ""
        planned = "".join(f"; {p.stage} {p.status} for {p.when}" for p in fig.planned)
        return f"{fig.product}: {stage or fig.status}{price}{planned}"
    if section in ("capital_flow", "capital_flows"):
        return f"{fig.channel}: net {money(fig.net)} on {fig.when}"
    if section in ("milestones", "plans"):
        return fig.description
    if section == "dividends":
        return f"dividend ({fig.kind}) {money(fig.per_share) if fig.per_share else ''}".strip()
    if section == "splits":
        return f"split {fig.ratio_from}-for-{fig.ratio_to}"
    if section == "acquisitions":
        return f"acquisition of {fig.target} ({fig.stage})"
    if section == "contracts":
        return f"contract with {fig.counterparty}" + (
            f" worth {money(fig.amount)}" if fig.amount else ""
        )
    if section == "block_trades":
        return f"block trade {shares(fig.shares)} at {money(fig.price)} on {fig.when}"
    return section
