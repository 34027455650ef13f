"""As-of verbs: `asof`, `history`, `diff`. They call `Timeline` and format: a compact rich
report for people, the contract shape (DESIGN.md section 8) with `--json`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from events.values import Money
from timeline.api import Timeline
from timeline.cli.common import (
    DbOption,
    JsonOption,
    console,
    handles_errors,
    parse_date,
    print_json,
)
from timeline.projections.labels import amount as _amount
from timeline.projections.labels import count as _count
from timeline.projections.labels import money as _money
from timeline.projections.labels import period_key
from timeline.projections.labels import qty as _qty
from timeline.projections.labels import shares as _shares
from timeline.projections.state import AsOfState, Diff, History

EntityArg = Annotated[
    str, typer.Argument(metavar="ENTITY", help="Slug, name, alias or ticker.", show_default=False)
]
KnownAtOption = Annotated[
    str | None,
    typer.Option("--known-at", help="Only what was reported on or before this date (YYYY-MM-DD)."),
]
PitOption = Annotated[
    bool, typer.Option("--pit", help="Point in time: only what was known on the date itself.")
]


def _date(value: str, hint: str) -> str:
    return parse_date(value, hint)  # type: ignore[return-value]


# --- formatting ----------------------------------------------------------------------------


def _short_unit(unit: str | None) -> str | None:
    """Units worth repeating in a compact path of figures: %, pp, currencies."""
    return unit if unit in ("pct", "pp") or (unit and len(unit) == 3 and unit.isupper()) else None


def _id(event_id: str | None) -> str:
    return event_id[:11] if event_id else ""


_NO_WRAP = {"event", "when", "stated", "period", "action", "change", "rating", "price", "net"}


def _table(title: str, *columns: str) -> Table:
    table = Table(
        title=f"\n[bold]{title}[/]" if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for col in columns:
        table.add_column(
            col, overflow="fold", style="dim" if col == "event" else None, no_wrap=col in _NO_WRAP
        )
    return table


# --- asof ----------------------------------------------------------------------------------


def _render_state(s: AsOfState) -> None:
    known = f"known at {s.known_at}" if s.known_at else "everything known"
    console.print(
        f"[bold]{escape(s.name or s.entity)}[/] ({s.entity}) as of [bold]{s.as_of}[/], {known}"
        f"  [dim]{s.events_folded} events folded"
        + (f", {s.retracted_skipped} retracted skipped" if s.retracted_skipped else "")
        + "[/]"
    )
    if s.events_folded == 0:
        console.print("Nothing is known about it as of this date.")
        return
    if s.price:
        p = s.price
        change = f" ({p.change_pct:+.2f}%)" if p.change_pct is not None else ""
        note = f" {p.note.replace('_', ' ')}" if p.note else ""
        console.print(
            f"\n[bold]Close[/] {_money(p.close)}{change}{note} on {p.when}  [dim]{_id(p.event)}[/]"
        )
        for other in s.prices:
            if other.event != p.event:
                console.print(
                    f"      {_money(other.close)} [{escape(other.listing or '')}] on {other.when}"
                    f"  [dim]{_id(other.event)}[/]"
                )
    _guidance_table(s)
    _simple(
        s.results,
        "Results",
        ("metric", "value", "when", "event"),
        lambda r: (
            period_key(r.metric, r.period, r.segment),
            _count(r.value, r.value_max, r.bound, r.unit),
            r.when,
            _id(r.event),
        ),
    )
    _ratings(s)
    _buyback(s)
    _simple(
        s.insiders,
        "Insiders",
        ("person", "role", "stake", "last trade", "event"),
        lambda i: (
            i.person,
            i.role or "",
            _qty(i.stake_after_pct) + (f" ({i.stake_when})" if i.stake_when else ""),
            (
                f"{i.last_trade.direction}"
                f" {_money(i.last_trade.amount) or _qty(i.last_trade.shares)}"
                f" on {i.last_trade.when}"
            )
            if i.last_trade
            else "",
            _id(i.event),
        ),
    )
    _simple(
        s.products,
        "Products",
        ("product", "stage", "status", "price", "next", "event"),
        lambda p: (
            p.product,
            (p.stage or "").replace("_", "-"),
            p.status,
            _money(p.price),
            "; ".join(
                f"{x.stage.replace('_', '-')} {x.status} for {x.when} ({_id(x.event)})"
                for x in p.planned
            ),
            _id(p.event),
        ),
    )
    _simple(
        s.capital_flows,
        "Capital flow",
        ("channel", "net", "streak", "cumulative", "when", "event"),
        lambda f: (
            f.channel,
            _money(f.net),
            str(f.streak or ""),
            _money(f.cumulative),
            f.when,
            _id(f.event),
        ),
    )
    _simple(
        s.milestones,
        "Milestones",
        ("when", "kind", "milestone", "event"),
        lambda m: (m.when, m.kind.replace("_", " "), m.description, _id(m.event)),
    )
    _simple(
        s.plans,
        "Plans",
        ("when", "period", "plan", "event"),
        lambda p: (p.when, p.period or "", p.description, _id(p.event)),
    )
    _simple(
        s.dividends,
        "Dividends",
        ("when", "kind", "per share", "ex date", "event"),
        lambda d: (d.when, d.kind, _money(d.per_share), d.ex_date or "", _id(d.event)),
    )
    _simple(
        s.splits,
        "Splits",
        ("when", "ratio", "effective", "event"),
        lambda d: (d.when, f"{d.ratio_from}-for-{d.ratio_to}", d.effective or "", _id(d.event)),
    )
    _simple(
        s.acquisitions,
        "Acquisitions",
        ("when", "target", "stage", "amount", "event"),
        lambda a: (a.when, a.target, a.stage, _money(a.amount), _id(a.event)),
    )
    _simple(
        s.contracts,
        "Contracts",
        ("when", "counterparty", "amount", "event"),
        lambda c: (c.when, c.counterparty, _money(c.amount), _id(c.event)),
    )
    _simple(
        s.block_trades,
        "Block trades (365 days)",
        ("when", "shares", "price", "amount", "event"),
        lambda b: (b.when, _qty(b.shares), _money(b.price), _money(b.amount), _id(b.event)),
    )


def _simple(rows: list[Any], title: str, columns: tuple[str, ...], cells) -> None:
    if not rows:
        return
    table = _table(title, *columns)
    for row in rows:
        table.add_row(*(escape(str(c)) for c in cells(row)))
    console.print(table)


def _guidance_table(s: AsOfState) -> None:
    if not s.guidance:
        return
    table = _table("Guidance in force", "metric", "target", "action", "stated", "event")
    for g in s.guidance:
        target = (
            escape(_count(g.value, g.value_max, g.bound, g.unit))
            if g.value is not None
            else "not quantified"
        )
        steps = [
            _count(r.value, r.value_max, r.bound, _short_unit(r.unit))
            for r in g.revisions
            if r.value is not None
        ]
        path = " → ".join(x for i, x in enumerate(steps) if i == 0 or x != steps[i - 1])
        if "→" in path:
            target += f"\n[dim]path: {escape(path)}[/]"
        table.add_row(
            escape(period_key(g.metric, g.period, g.segment)),
            target,
            g.action,
            g.when,
            _id(g.event),
        )
    console.print(table)


def _ratings(s: AsOfState) -> None:
    if not s.ratings:
        return
    table = _table("Analysts", "firm", "rating", "target", "when", "consensus", "event")
    for r in s.ratings:
        table.add_row(
            escape(r.firm),
            r.rating or "",
            _money(r.target),
            r.when,
            "yes" if r.in_consensus else "no",
            _id(r.event),
        )
    console.print(table)
    c = s.consensus
    if c:
        spread = f", high {c.high:,.2f}, low {c.low:,.2f}" if c.count > 1 else ""
        mix = ", ".join(f"{n} {k}" for k, n in c.ratings.items())
        console.print(
            f"[bold]Consensus[/] {c.currency} {c.mean:,.2f} mean, {c.median:,.2f} median"
            f" of {c.count}"
            f" target{'s' if c.count != 1 else ''}{spread}"
            + (f"; ratings: {mix}" if mix else "")
            + f"  [dim](last {c.window_days} days)[/]"
        )


def _buyback(s: AsOfState) -> None:
    b = s.buyback
    if b is None:
        return
    console.print("\n[bold]Buyback[/]")
    if b.last:
        t = b.last
        prices = ""
        if t.price_low and t.price_high:
            prices = f" at {_money(t.price_low)}-{_amount(t.price_high.amount)}"
        amount = f" for {_money(t.amount)}" if t.amount else ""
        console.print(
            f"  last trade {t.when}: {_shares(t.shares)}{amount}{prices}  [dim]{_id(t.event)}[/]"
        )
    amounts = ", ".join(_money(Money(amount=v, currency=c)) for c, v in b.amounts.items())
    console.print(
        f"  {b.window_start} .. {b.window_end}: {b.trades} trade{'s' if b.trades != 1 else ''},"
        f" {_count(b.shares)} shares" + (f", {amounts}" if amounts else "")
    )
    if b.programme:
        g = b.programme
        parts = [
            x
            for x in (
                _shares(g.total_shares),
                f"{_qty(g.total_pct)} of shares" if g.total_pct else "",
            )
            if x
        ]
        console.print(f"  programme to date ({g.when}): {', '.join(parts)}  [dim]{_id(g.event)}[/]")


@handles_errors
def asof(
    entity: EntityArg,
    date: Annotated[
        str, typer.Argument(metavar="DATE", help="The as-of date, YYYY-MM-DD.", show_default=False)
    ],
    known_at: KnownAtOption = None,
    pit: PitOption = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """State of a company as of DATE: close, guidance, results, analysts, buyback, insiders,
    products, capital flow, milestones and plans, each with the event it came from.

    Uses everything in the log unless --known-at K (only what was reported by K) or --pit
    (K = DATE: what anyone could have known that day).

    Example: timeline asof xiaomi 2026-01-10 --pit
    """
    day = _date(date, "DATE")
    known = parse_date(known_at, "--known-at")
    with Timeline.open(db) as tl:
        state = tl.asof(entity, day, known_at=known, pit=pit)
    if json:
        print_json(state)
    else:
        _render_state(state)


# --- history -------------------------------------------------------------------------------


def _render_history(h: History, name: str) -> None:
    known = f", known at {h.known_at}" if h.known_at else ""
    console.print(
        f"[bold]{h.metric}[/] of {escape(name)}{' for ' + h.period if h.period else ''}{known}"
    )
    if not h.revisions:
        console.print("No statements of it.")
        return
    table = _table("", "period", "stated", "value", "action", "reported", "source", "event")
    table.columns[4].no_wrap = True
    table.columns[5].no_wrap = True
    table.columns[5].overflow = "ellipsis"
    table.columns[5].max_width = 22
    table.columns[2].min_width = 14
    for r in h.revisions:
        value = _count(r.value, r.value_max, r.bound, r.unit)
        if r.previous:
            value += f" (from {_qty(r.previous)})"
        action = r.action if r.kind == "guidance" else r.kind
        table.add_row(
            escape(period_key(None, r.period, r.segment)),
            r.when,
            escape(value),
            action or "",
            r.reported,
            escape(r.source or ""),
            _id(r.event),
        )
    console.print(table)


@handles_errors
def history(
    entity: EntityArg,
    metric: Annotated[
        str,
        typer.Argument(
            metavar="METRIC", help="Metric slug, e.g. ev_deliveries.", show_default=False
        ),
    ],
    period: Annotated[
        str | None, typer.Option(help="Only this period, e.g. 2025 or 2026-Q1.")
    ] = None,
    known_at: KnownAtOption = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Every statement of a metric: guidance revisions (date stated, value, bound, action,
    source) and the results, by period, in order.

    Example: timeline history xiaomi ev_deliveries --period 2025
    """
    known = parse_date(known_at, "--known-at")
    with Timeline.open(db) as tl:
        result = tl.history(entity, metric, period=period, known_at=known)
        name = tl.resolve(entity).name
    if json:
        print_json(result)
    else:
        _render_history(result, name)


# --- diff ----------------------------------------------------------------------------------


def _render_diff(d: Diff) -> None:
    known = f", known at {d.known_at}" if d.known_at else ""
    console.print(f"[bold]{d.entity}[/]: what changed from {d.from_} to {d.to}{known}")
    if not d.changes:
        console.print("Nothing changed.")
        return
    table = _table("", "section", "change", "what", "event")
    for c in d.changes:
        table.add_row(c.section.replace("_", " "), c.change, escape(c.summary), _id(c.event))
    console.print(table)


@handles_errors
def diff(
    entity: EntityArg,
    d1: Annotated[str, typer.Argument(metavar="D1", help="The earlier date.", show_default=False)],
    d2: Annotated[str, typer.Argument(metavar="D2", help="The later date.", show_default=False)],
    known_at: KnownAtOption = None,
    pit: PitOption = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """What appeared, changed, was revised or went away between the as-of states at D1 and D2.

    Example: timeline diff xiaomi 2025-12-01 2026-01-10
    """
    first, second = _date(d1, "D1"), _date(d2, "D2")
    known = parse_date(known_at, "--known-at")
    with Timeline.open(db) as tl:
        result = tl.diff(entity, first, second, known_at=known, pit=pit)
    if json:
        print_json(result)
    else:
        _render_diff(result)
