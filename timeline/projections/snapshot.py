"""Turn a projector's slots into the AsOfState of a date: the part of a fold that knows `as_of`.

Choices, each applied at `as_of` (events are already those visible at `as_of`):

- price: the latest close per (listing, currency) in `prices`; `price` is the latest close in
  the entity's home currency, the currency most of its closes are quoted in (ties: the one
  with the most recent close), so a foreign listing's quote never replaces the home one.
- guidance: per (metric, period, segment), the latest statement is in force, with every
  statement as a revision (actions derived, see `revisions`); a statement with no number
  keeps the last number stated and names its event in `value_event`.
- results: per (metric, period, segment), the latest.
- ratings: per firm, the latest. The consensus uses the firms whose latest rating is dated
  within `CONSENSUS_WINDOW_DAYS` before `as_of` and has a target, in the majority currency of
  those targets (ties: the most recent target's); others show `in_consensus: false`.
- buyback: trades (events with shares or an amount) dated within `BUYBACK_WINDOW_DAYS` before
  `as_of` are summed: shares, and amounts per currency; `last` is the latest trade ever and
  `programme` the latest event that gives programme totals. None if no buyback is known.
- insiders: per person, the latest stake (`stake_after_pct`) and the latest trade.
- products: per product, `stage` is the latest stage that has happened (a price change only if
  nothing else has). A planned stage (`planned`, or dated after its report) is "planned" while
  `as_of` has not passed its period's end (a launch "in April 2026" is still planned on
  2026-04-15); once past, a stage that happened at or beyond it (launch is confirmed by a
  launch or a delivery) dated on or after the plan's report day confirms it and it leaves
  `planned`; otherwise it stays as "scheduled, not confirmed". `status` is "done" when a stage
  has happened, else that of the first remaining planned stage.
- capital flow: the latest per channel in `capital_flows`; `capital_flow` the latest overall.
- milestones, plans, dividends, splits, contracts: every event, in fold order; acquisitions:
  the latest per target; block trades: those within `BUYBACK_WINDOW_DAYS` before `as_of`.
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from events.model import (
    BlockTrade,
    Contract,
    Dividend,
    Guidance,
    Milestone,
    OperatingResult,
    Plan,
    ShareBuyback,
    StockSplit,
)
from timeline.projections.fold import KEPT, LATEST, SEP, order_key, slot_name, slot_of
from timeline.projections.revisions import derive_actions, revision_of, segment_of
from timeline.projections.state import (
    AcquisitionFigure,
    AsOfState,
    BlockTradeFigure,
    Buyback,
    BuybackTrade,
    CapitalFlowFigure,
    Consensus,
    ContractFigure,
    DividendFigure,
    GuidanceFigure,
    InsiderFigure,
    InsiderTradeFigure,
    MilestoneFigure,
    PlanFigure,
    PlannedStage,
    PriceFigure,
    ProductFigure,
    Programme,
    RatingFigure,
    ResultFigure,
    SplitFigure,
)
from timeline.store.lazy import plain_class

if TYPE_CHECKING:
    from timeline.projections.fold import Projector

    Slot = tuple[str, Any]

__all__ = ["BUYBACK_WINDOW_DAYS", "CONSENSUS_WINDOW_DAYS", "STAGE_RANK", "build"]

CONSENSUS_WINDOW_DAYS = 365
BUYBACK_WINDOW_DAYS = 365
STAGE_RANK = {"announced": 0, "pre_order": 1, "launch": 2, "delivery": 3}
PLANNED = "planned"
OVERDUE = "scheduled, not confirmed"


def days_before(iso: str, days: int) -> str:
    return (date.fromisoformat(iso[:10]) - timedelta(days=days)).isoformat()


class _View:
    """The projector's slots as (key, event) pairs, grouped as the sections below read them.

    Statements (guidance, results) are grouped by slot and planned product stages by product
    here, not in the fold; retracted results are left out before the latest is chosen.
    """

    def __init__(self, p: Projector) -> None:
        live = p.retracted
        for name in LATEST:
            if name != "product_done":
                setattr(self, name, p.latest(name))
        self.product_done = {
            product: {stage: (order_key(e), e) for stage, e in by_stage.items()}
            for product, by_stage in p._product_done.items()
        }
        kept: dict[type, list[Slot]] = {t: [] for t in KEPT}
        for e in p._kept.values():
            kept[plain_class(type(e))].append((order_key(e), e))
        self.buybacks, self.milestones, self.plans = kept[ShareBuyback], kept[Milestone], kept[Plan]
        self.dividends, self.splits = kept[Dividend], kept[StockSplit]
        self.contracts, self.blocks = kept[Contract], kept[BlockTrade]
        statements: dict[str, list[Slot]] = {}
        for pair in kept[Guidance]:
            d = pair[1].data
            slot = slot_of(d.metric, d.period, d.segment)
            group = statements.get(slot)
            if group is None:
                statements[slot] = [pair]
            else:
                group.append(pair)
        self.statements = statements
        results: dict[str, Slot] = {}
        for pair in kept[OperatingResult]:
            e = pair[1]
            if e.id in live:
                continue
            d = e.data
            slot = slot_of(d.metric, d.period, d.segment)
            current = results.get(slot)
            if current is None or pair[0] > current[0]:
                results[slot] = pair
        self.results = results
        plans: dict[str, list[Slot]] = {}
        for e in p._product_plans.values():
            plans.setdefault(slot_name(e.data.product), []).append((order_key(e), e))
        self.product_plans = plans
        self.close_counts = p.close_counts()


def build(p: Projector, entity: str, as_of: str, known_at: str | None = None) -> AsOfState:
    v = _View(p)
    live = p.retracted

    def alive(slots: list[Slot]) -> list[Slot]:
        """Not retracted, in fold order (each event once: the projector keeps them by id)."""
        if live:
            slots = [s for s in slots if s[1].id not in live]
        return sorted(slots, key=_first) if len(slots) > 1 else slots

    prices = [
        _price(s[1])
        for s in sorted(v.closes.values(), key=lambda s: (s[1].data.listing or "", s[0]))
    ]
    flows = sorted(v.flows.values(), key=lambda s: s[0])
    ratings, consensus = _ratings(v, as_of)
    window = days_before(as_of, BUYBACK_WINDOW_DAYS)
    statements = [alive(s) for _, s in sorted(v.statements.items(), key=_slot_order)]
    return AsOfState(
        entity=entity,
        as_of=as_of,
        known_at=known_at,
        price=_home_price(v),
        guidance=[_guidance(s) for s in statements if s],
        results=[_result(s[1]) for _, s in sorted(v.results.items(), key=_slot_order)],
        ratings=ratings,
        consensus=consensus,
        buyback=_buyback(alive(v.buybacks), as_of),
        insiders=_insiders(v),
        products=_products(v, as_of, live),
        capital_flow=_flow(flows[-1][1]) if flows else None,
        milestones=[
            MilestoneFigure(
                kind=e.data.kind, description=e.data.description, when=e.when.label, event=e.id
            )
            for _, e in alive(v.milestones)
        ],
        plans=[_plan(e) for _, e in alive(v.plans)],
        prices=prices,
        capital_flows=[
            _flow(s[1]) for s in sorted(v.flows.values(), key=lambda s: s[1].data.channel)
        ],
        dividends=[
            DividendFigure(
                kind=e.data.kind,
                per_share=e.data.per_share,
                change_pct=e.data.change_pct,
                ex_date=e.data.ex_date,
                pay_date=e.data.pay_date,
                when=e.when.label,
                event=e.id,
            )
            for _, e in alive(v.dividends)
        ],
        splits=[
            SplitFigure(
                ratio_from=e.data.ratio_from,
                ratio_to=e.data.ratio_to,
                effective=e.data.effective,
                when=e.when.label,
                event=e.id,
            )
            for _, e in alive(v.splits)
        ],
        acquisitions=[
            AcquisitionFigure(
                target=e.data.target,
                acquirer=e.data.acquirer,
                stake_pct=e.data.stake_pct,
                amount=e.data.amount,
                stage=e.data.stage,
                when=e.when.label,
                event=e.id,
            )
            for _, e in sorted(v.acquisitions.values(), key=lambda s: s[0])
        ],
        contracts=[
            ContractFigure(
                counterparty=e.data.counterparty,
                amount=e.data.amount,
                description=e.data.description,
                duration=e.data.duration,
                when=e.when.label,
                event=e.id,
            )
            for _, e in alive(v.contracts)
        ],
        block_trades=[
            BlockTradeFigure(
                shares=e.data.shares,
                price=e.data.price,
                amount=e.data.amount,
                when=e.when.label,
                event=e.id,
            )
            for _, e in alive(v.blocks)
            if window <= e.when.end <= as_of
        ],
        events_folded=p.folded,
        retracted_skipped=p.skipped,
    )


def _first(slot: Slot):
    return slot[0]


def _slot_order(item):
    return tuple(item[0].split(SEP))


# --- sections ------------------------------------------------------------------------------


def _price(e) -> PriceFigure:
    d = e.data
    return PriceFigure(
        close=d.close,
        change_pct=d.change_pct,
        listing=d.listing,
        note=d.note,
        when=e.when.label,
        reported=e.reported,
        event=e.id,
    )


def _home_price(v: _View) -> PriceFigure | None:
    if not v.closes:
        return None
    latest_by_currency: dict[str, Slot] = {}
    for slot in v.closes.values():
        currency = slot[1].data.close.currency
        if currency not in latest_by_currency or slot[0] > latest_by_currency[currency][0]:
            latest_by_currency[currency] = slot
    home = max(
        latest_by_currency, key=lambda c: (v.close_counts.get(c, 0), latest_by_currency[c][0])
    )
    return _price(latest_by_currency[home][1])


def _guidance(statements: list[Slot]) -> GuidanceFigure:
    events = [e for _, e in statements]
    actions = derive_actions(events)
    revisions = [revision_of(e, a) for e, a in zip(events, actions, strict=True)]
    current = [e for e in events if not e.data.retrospective] or events
    latest = current[-1]
    d = latest.data
    valued = next((e for e in reversed(current) if e.data.value is not None), latest)
    v = valued.data
    return GuidanceFigure(
        metric=d.metric,
        period=d.period,
        segment=segment_of(d.metric, d.segment),
        value=v.value,
        value_max=v.value_max,
        bound=v.bound,
        unit=v.unit,
        action=actions[events.index(latest)],
        stated_action=d.action,
        previous=d.previous,
        speaker=d.speaker,
        when=latest.when.label,
        reported=latest.reported,
        event=latest.id,
        value_event=valued.id if valued is not latest else None,
        revisions=revisions,
    )


def _result(e) -> ResultFigure:
    d = e.data
    return ResultFigure(
        metric=d.metric,
        period=d.period,
        segment=segment_of(d.metric, d.segment),
        value=d.value,
        value_max=d.value_max,
        bound=d.bound,
        unit=d.unit,
        when=e.when.label,
        reported=e.reported,
        event=e.id,
    )


def _ratings(v: _View, as_of: str) -> tuple[list[RatingFigure], Consensus | None]:
    since = days_before(as_of, CONSENSUS_WINDOW_DAYS)
    slots = sorted(v.ratings.items())
    recent = [(k, e) for _, (k, e) in slots if e.when.end >= since]
    targets = [(k, e) for k, e in recent if e.data.target_price is not None]
    currency = None
    members: set[str] = set()
    if targets:
        counts: dict[str, tuple[int, tuple]] = {}
        for k, e in targets:
            c = e.data.target_price.currency
            n, last = counts.get(c, (0, k))
            counts[c] = (n + 1, max(last, k))
        currency = max(counts, key=lambda c: counts[c])
        members = {e.id for _, e in targets if e.data.target_price.currency == currency}
    figures = [
        RatingFigure(
            firm=e.data.firm,
            analyst=e.data.analyst,
            rating=e.data.rating,
            action=e.data.action,
            target=e.data.target_price,
            previous_target=e.data.previous_target,
            when=e.when.label,
            reported=e.reported,
            event=e.id,
            in_consensus=e.id in members,
        )
        for _, (_, e) in slots
    ]
    if not members:
        return figures, None
    used = [e for _, e in sorted(targets, key=_first) if e.id in members]
    values = [e.data.target_price.amount for e in used]
    distribution: dict[str, int] = {}
    for _, e in recent:
        if e.data.rating:
            distribution[e.data.rating] = distribution.get(e.data.rating, 0) + 1
    consensus = Consensus(
        mean=round(statistics.fmean(values), 6),
        median=round(statistics.median(values), 6),
        high=max(values),
        low=min(values),
        count=len(values),
        currency=currency or "",
        window_days=CONSENSUS_WINDOW_DAYS,
        ratings=dict(sorted(distribution.items())),
        event=used[-1].id,
        events=[e.id for e in used],
    )
    return figures, consensus


def _buyback(slots: list[Slot], as_of: str) -> Buyback | None:
    if not slots:
        return None
    start = days_before(as_of, BUYBACK_WINDOW_DAYS)
    trades = [e for _, e in slots if e.data.shares is not None or e.data.amount is not None]
    in_window = [e for e in trades if start <= e.when.end <= as_of]
    shares = sum(
        e.data.shares.value
        for e in in_window
        if e.data.shares is not None and e.data.shares.unit in ("shares", "units")
    )
    amounts: dict[str, float] = {}
    for e in in_window:
        if e.data.amount is not None:
            amounts[e.data.amount.currency] = (
                amounts.get(e.data.amount.currency, 0.0) + e.data.amount.amount
            )
    last = trades[-1] if trades else None
    programme = next(
        (
            e
            for _, e in reversed(slots)
            if e.data.program_total_shares is not None or e.data.program_total_pct is not None
        ),
        None,
    )
    return Buyback(
        window_start=start,
        window_end=as_of,
        trades=len(in_window),
        shares=shares,
        amounts=dict(sorted(amounts.items())),
        last=BuybackTrade(
            shares=last.data.shares,
            amount=last.data.amount,
            price_low=last.data.price_low,
            price_high=last.data.price_high,
            share_class=last.data.share_class,
            when=last.when.label,
            event=last.id,
        )
        if last
        else None,
        programme=Programme(
            total_shares=programme.data.program_total_shares,
            total_pct=programme.data.program_total_pct,
            when=programme.when.label,
            event=programme.id,
        )
        if programme
        else None,
        event=slots[-1][1].id,
        events=[e.id for e in in_window],
    )


def _insiders(v: _View) -> list[InsiderFigure]:
    figures = []
    for person in sorted(set(v.trades) | set(v.stakes)):
        stake = v.stakes.get(person)
        trade = v.trades.get(person)
        known = sorted((s for s in (stake, trade) if s is not None), key=_first)
        latest = known[-1][1]
        role = next((s[1].data.role for s in reversed(known) if s[1].data.role), None)
        t = trade[1] if trade else None
        figures.append(
            InsiderFigure(
                person=latest.data.person,
                role=role,
                stake_after_pct=stake[1].data.stake_after_pct if stake else None,
                stake_when=stake[1].when.label if stake else None,
                event=stake[1].id if stake else latest.id,
                last_trade=InsiderTradeFigure(
                    direction=t.data.direction,
                    shares=t.data.shares,
                    amount=t.data.amount,
                    when=t.when.label,
                    event=t.id,
                )
                if t
                else None,
            )
        )
    return figures


def _confirms(done_stage: str, planned_stage: str) -> bool:
    if done_stage == planned_stage:
        return True
    done, planned = STAGE_RANK.get(done_stage), STAGE_RANK.get(planned_stage)
    return done is not None and planned is not None and done >= planned


def _products(v: _View, as_of: str, live: set[str]) -> list[ProductFigure]:
    figures = []
    for product in sorted(v.product_name):
        done = v.product_done.get(product, {})
        plans = sorted(
            (s for s in v.product_plans.get(product, []) if s[1].id not in live), key=_first
        )
        pending = []
        for _, e in plans:
            confirmed = any(
                _confirms(stage, e.data.stage) and d[1].when.end >= e.reported
                for stage, d in done.items()
            )
            if confirmed:
                continue
            status = PLANNED if as_of <= e.when.end else OVERDUE
            pending.append(
                PlannedStage(
                    stage=e.data.stage,
                    status=status,
                    when=e.when.label,
                    start=e.when.start,
                    end=e.when.end,
                    price=e.data.price,
                    event=e.id,
                )
            )
        lifecycle = [s for stage, s in done.items() if stage != "price_change"] or list(
            done.values()
        )
        current = max(lifecycle, key=_first)[1] if lifecycle else None
        if current is None and not pending:
            continue  # only retracted plans
        price = v.product_price.get(product)
        orders = v.product_orders.get(product)
        figures.append(
            ProductFigure(
                product=v.product_name[product][1].data.product,
                stage=current.data.stage if current else None,
                status="done" if current else pending[0].status,
                when=current.when.label if current else None,
                event=current.id if current else pending[0].event,
                price=price[1].data.price if price else None,
                price_event=price[1].id if price else None,
                orders=orders[1].data.orders if orders else None,
                orders_event=orders[1].id if orders else None,
                planned=pending,
            )
        )
    return figures


def _flow(e) -> CapitalFlowFigure:
    d = e.data
    return CapitalFlowFigure(
        channel=d.channel,
        net=d.net,
        streak=d.streak,
        cumulative=d.cumulative,
        when=e.when.label,
        event=e.id,
    )


def _plan(e) -> PlanFigure:
    d = e.data
    return PlanFigure(
        description=d.description,
        period=d.period,
        metric=d.metric,
        value=d.value,
        value_max=d.value_max,
        bound=d.bound,
        unit=d.unit,
        when=e.when.label,
        event=e.id,
    )
