"""The as-of state beside the HTML timeline: the projection's figures, each linked to its event.

Reads the plain-data shape of `asof --json` (DESIGN.md section 8), section by section, and
falls back to a generic line for sections it does not know: a new projection field shows up
on the page without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from events.values import Money
from timeline.describe import money, number
from timeline.exports.view import (
    DASH,
    TYPE_COLORS,
    EventView,
    human_day,
    human_when,
    pretty_metric,
)

__all__ = ["render_fallback", "render_state"]

Row = tuple[str, str]  # (headline html-safe text, detail text)
Figure = Mapping[str, Any]


def _money(value: Any) -> str | None:
    if not isinstance(value, Mapping) or "amount" not in value or "currency" not in value:
        return None
    try:
        return money(
            Money(
                amount=value["amount"],
                currency=value["currency"],
                amount_max=value.get("amount_max"),
                bound=value.get("bound", "exact"),
            )
        )
    except (TypeError, ValueError):
        return None


def _qty(value: Any) -> str | None:
    if isinstance(value, Mapping) and "value" in value:
        return number(
            value["value"], value.get("value_max"), value.get("bound", "exact"), value.get("unit")
        )
    return None


def _num(f: Figure) -> str:
    return number(f.get("value"), f.get("value_max"), f.get("bound", "exact"), f.get("unit"))


def _count(n: Any, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _words(value: Any) -> str:
    return str(value).replace("_", " ") if value is not None else ""


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _price(f: Figure) -> Row:
    change = f.get("change_pct")
    return (
        _money(f.get("close")) or "?",
        _join(
            f"{change:+.2f}%" if isinstance(change, int | float) else None,
            _words(f.get("listing")),
            _words(f.get("note")),
        ),
    )


def _consensus(f: Figure) -> Row:
    cur = {"currency": f.get("currency", "")}
    mean = _money({**cur, "amount": f.get("mean")}) or "?"
    ratings = ", ".join(f"{_words(k)} {v}" for k, v in sorted((f.get("ratings") or {}).items()))
    low, high = _money({**cur, "amount": f.get("low")}), _money({**cur, "amount": f.get("high")})
    spread = f"{low}{DASH.strip()}{high}"
    return (
        f"Mean target {mean}",
        _join(
            f"median {_money({**cur, 'amount': f.get('median')})}",
            _count(f.get("count"), "firm"),
            spread if f.get("count", 0) > 1 else None,
            ratings,
            f"last {f.get('window_days')} days" if f.get("window_days") else None,
        ),
    )


def _rating(f: Figure) -> Row:
    target = _money(f.get("target"))
    return (
        _join(str(f.get("firm", "")), _words(f.get("rating")).upper() or None),
        _join(f"target {target}" if target else None, _words(f.get("action"))),
    )


def _guidance(f: Figure) -> Row:
    revisions = f.get("revisions") or []
    value = _num(f) if f.get("value") is not None else f.get("note") or "no figure"
    return (
        f"{pretty_metric(f.get('metric', ''))} {f.get('period', '')}: {value}",
        _join(
            _words(f.get("action")),
            _words(f.get("segment")),
            _count(len(revisions), "statement") if len(revisions) > 1 else None,
        ),
    )


def _result(f: Figure) -> Row:
    return f"{pretty_metric(f.get('metric', ''))} {f.get('period', '')}: {_num(f)}", _words(
        f.get("segment")
    )


def _buyback(f: Figure) -> Row:
    amounts = ", ".join(
        _money({"amount": a, "currency": c}) or ""
        for c, a in sorted((f.get("amounts") or {}).items())
    )
    programme = f.get("programme") or {}
    total = _qty(programme.get("total_shares")) or _qty(programme.get("total_pct"))
    return (
        _count(f.get("trades", 0), "trade")
        + ", "
        + number(f.get("shares"), None, "exact", "shares"),
        _join(
            amounts,
            f"{f.get('window_start')}{DASH}{f.get('window_end')}",
            f"programme {total}" if total else None,
        ),
    )


def _insider(f: Figure) -> Row:
    stake = _qty(f.get("stake_after_pct"))
    last = f.get("last_trade") or {}
    trade = _join(
        _words(last.get("direction")), _money(last.get("amount")) or _qty(last.get("shares"))
    )
    return (
        _join(str(f.get("person", "")), _words(f.get("role"))),
        _join(f"stake {stake}" if stake else None, f"last {trade}" if trade else None),
    )


def _product(f: Figure) -> Row:
    planned = f.get("planned") or []
    ahead = ", ".join(
        _words(p.get("stage"))
        + " "
        + human_when(p.get("when", ""), p.get("start", ""), p.get("end", ""))
        for p in planned
    )
    return (
        _join(str(f.get("product", "")), _words(f.get("stage")) or None),
        _join(
            _words(f.get("status")),
            _money(f.get("price")),
            f"{_qty(f.get('orders'))} orders" if f.get("orders") else None,
            f"ahead: {ahead}" if ahead else None,
        ),
    )


def _flow(f: Figure) -> Row:
    streak = f.get("streak")
    return (
        f"{_words(f.get('channel'))}: net {_money(f.get('net'))}",
        _join(
            f"{streak} days in a row" if streak else None,
            f"cumulative {_money(f.get('cumulative'))}" if f.get("cumulative") else None,
        ),
    )


def _described(f: Figure) -> Row:
    value = _num(f) if f.get("value") is not None else None
    return str(f.get("description", "")), _join(_words(f.get("period")), value)


def _generic(f: Figure) -> Row:
    skip = {"event", "events", "when", "reported", "revisions", "planned"}
    parts = []
    for key, value in f.items():
        if key in skip or value in (None, [], {}, ""):
            continue
        text = (
            _money(value)
            or _qty(value)
            or (None if isinstance(value, Mapping | list) else _words(value))
        )
        if text:
            parts.append(f"{_words(key)} {text}")
    return (parts[0] if parts else "", _join(*parts[1:]))


# (state key, title, renderer, the event type that colours it)
_SECTIONS: tuple[tuple[str, str, Callable[[Figure], Row], str], ...] = (
    ("price", "Last close", _price, "stock_price"),
    ("consensus", "Analyst consensus", _consensus, "analyst_rating"),
    ("ratings", "Ratings", _rating, "analyst_rating"),
    ("guidance", "Guidance in force", _guidance, "guidance"),
    ("results", "Latest results", _result, "operating_result"),
    ("buyback", "Buybacks", _buyback, "share_buyback"),
    ("insiders", "Insiders", _insider, "insider_trade"),
    ("products", "Products", _product, "product_launch"),
    ("capital_flow", "Capital flow", _flow, "capital_flow"),
    ("milestones", "Milestones", _described, "milestone"),
    ("plans", "Plans", _described, "plan"),
    ("dividends", "Dividends", _generic, "dividend"),
    ("splits", "Splits", _generic, "stock_split"),
    ("acquisitions", "Acquisitions", _generic, "acquisition"),
    ("contracts", "Contracts", _generic, "contract"),
    ("block_trades", "Block trades", _generic, "block_trade"),
)


def _row(head: str, detail: str, event: Any, color: str, views: Mapping[str, EventView]) -> str:
    view = views.get(event) if isinstance(event, str) else None
    when = f"{view.when_text} · reported {human_day(view.reported)}" if view else ""
    title = escape(head)
    if isinstance(event, str) and view:
        title = f'<a href="#{escape(event, quote=True)}">{title}</a>'
    small = escape(_join(detail, when))
    return (
        f'<li style="--c:{color}"><i></i><div class="v">{title}'
        + (f"<small>{small}</small>" if small else "")
        + "</div></li>"
    )


def render_state(state: Mapping[str, Any], views: Mapping[str, EventView]) -> str:
    """The projection's sections as lists; every line links to the card of its event."""
    out = []
    for key, title, render, kind in _SECTIONS:
        value = state.get(key)
        figures = value if isinstance(value, list) else [value] if value else []
        rows = []
        for figure in figures:
            if isinstance(figure, Mapping):
                head, detail = render(figure)
                rows.append(_row(head, detail, figure.get("event"), TYPE_COLORS[kind], views))
        if rows:
            out.append(f"<h3>{escape(title)}</h3><ul>{''.join(rows)}</ul>")
    return "".join(out) or '<p class="note">Nothing known yet at this date.</p>'


def render_fallback(views: list[EventView], as_of: str) -> str:
    """Without projections: the latest done event of each type, and what is still ahead."""
    latest: dict[str, EventView] = {}
    ahead: list[EventView] = []
    for v in views:
        if v.status == "retracted" or v.type == "retraction":
            continue
        if v.end > as_of:
            ahead.append(v)
        elif v.status == "done":
            latest[v.type] = v
    by_id = {v.id: v for v in views}
    out = []
    if latest:
        rows = "".join(
            _row(latest[t].headline, latest[t].type_label, latest[t].id, latest[t].color, by_id)
            for t in TYPE_COLORS
            if t in latest
        )
        out.append(f"<h3>Latest of each kind</h3><ul>{rows}</ul>")
    if ahead:
        rows = "".join(_row(v.headline, v.type_label, v.id, v.color, by_id) for v in ahead[:12])
        out.append(f"<h3>Still ahead</h3><ul>{rows}</ul>")
    return "".join(out) or '<p class="note">Nothing known yet at this date.</p>'
