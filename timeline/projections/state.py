"""The wire shapes of the read side: what `asof`, `history` and `diff` return.

These are the contract of `timeline asof --json` (DESIGN.md section 8): the top-level keys of
`AsOfState` up to `plans` are never renamed; keys are only ever added. Every figure carries
`event`, the id of the event it came from, and `when`, that event's period label.
Structs encode directly with msgspec; `to_dict()` gives plain data and `to_rows()` flat
records a DataFrame takes.
"""

from __future__ import annotations

from typing import Any

import msgspec

from events.values import Money, Quantity

__all__ = [
    "AcquisitionFigure",
    "AsOfState",
    "BlockTradeFigure",
    "Buyback",
    "BuybackTrade",
    "CapitalFlowFigure",
    "Change",
    "Consensus",
    "ContractFigure",
    "Diff",
    "DividendFigure",
    "GuidanceFigure",
    "History",
    "InsiderFigure",
    "InsiderTradeFigure",
    "MilestoneFigure",
    "PlanFigure",
    "PlannedStage",
    "PriceFigure",
    "ProductFigure",
    "Programme",
    "RatingFigure",
    "ResultFigure",
    "Revision",
    "SplitFigure",
]


class _Wire(msgspec.Struct, frozen=True, kw_only=True):
    def to_dict(self) -> dict[str, Any]:
        return msgspec.to_builtins(self)


# --- figures -------------------------------------------------------------------------------


class PriceFigure(_Wire, frozen=True, kw_only=True):
    close: Money
    change_pct: float | None = None
    listing: str | None = None
    note: str | None = None
    when: str
    reported: str
    event: str


class Revision(_Wire, frozen=True, kw_only=True):
    """One statement of a metric: a guidance figure, an actual result, or a quantified plan.

    `action` is derived (see `fold.derive_actions`); `stated_action` is what the extractor read.
    """

    kind: str  # guidance | result | plan
    metric: str
    period: str | None
    segment: str | None = None
    value: float | None = None
    value_max: float | None = None
    bound: str = "exact"
    unit: str | None = None
    action: str | None = None
    stated_action: str | None = None
    previous: Quantity | None = None
    speaker: str | None = None
    when: str
    reported: str
    event: str
    source: str = ""
    url: str | None = None


class GuidanceFigure(_Wire, frozen=True, kw_only=True):
    """The guidance in force for one (metric, period, segment) and every statement of it."""

    metric: str
    period: str
    segment: str | None = None
    value: float | None = None
    value_max: float | None = None
    bound: str = "exact"
    unit: str = "units"
    action: str
    stated_action: str
    previous: Quantity | None = None
    speaker: str | None = None
    when: str
    reported: str
    event: str
    value_event: str | None = None  # set when the latest statement gave no number
    revisions: list[Revision] = []


class ResultFigure(_Wire, frozen=True, kw_only=True):
    metric: str
    period: str
    segment: str | None = None
    value: float
    value_max: float | None = None
    bound: str = "exact"
    unit: str = "units"
    when: str
    reported: str
    event: str


class RatingFigure(_Wire, frozen=True, kw_only=True):
    firm: str
    analyst: str | None = None
    rating: str | None = None
    action: str
    target: Money | None = None
    previous_target: Money | None = None
    when: str
    reported: str
    event: str
    in_consensus: bool = False


class Consensus(_Wire, frozen=True, kw_only=True):
    """Mean and median of the firms' latest targets in the majority currency, within a window."""

    mean: float
    median: float
    high: float
    low: float
    count: int
    currency: str
    window_days: int
    ratings: dict[str, int] = {}
    event: str  # the most recent target in it
    events: list[str] = []


class BuybackTrade(_Wire, frozen=True, kw_only=True):
    shares: Quantity | None = None
    amount: Money | None = None
    price_low: Money | None = None
    price_high: Money | None = None
    share_class: str | None = None
    when: str
    event: str


class Programme(_Wire, frozen=True, kw_only=True):
    total_shares: Quantity | None = None
    total_pct: Quantity | None = None
    when: str
    event: str


class Buyback(_Wire, frozen=True, kw_only=True):
    """Repurchase totals over [window_start, window_end] plus the last trade and programme."""

    window_start: str
    window_end: str
    trades: int
    shares: float
    amounts: dict[str, float] = {}
    last: BuybackTrade | None = None
    programme: Programme | None = None
    event: str  # the latest buyback event
    events: list[str] = []  # the trades in the window


class InsiderTradeFigure(_Wire, frozen=True, kw_only=True):
    direction: str
    shares: Quantity | None = None
    amount: Money | None = None
    when: str
    event: str


class InsiderFigure(_Wire, frozen=True, kw_only=True):
    person: str
    role: str | None = None
    stake_after_pct: Quantity | None = None
    stake_when: str | None = None
    event: str  # of the stake if known, else of the last trade
    last_trade: InsiderTradeFigure | None = None


class PlannedStage(_Wire, frozen=True, kw_only=True):
    stage: str
    status: str  # planned | scheduled, not confirmed
    when: str
    start: str
    end: str
    price: Money | None = None
    event: str


class ProductFigure(_Wire, frozen=True, kw_only=True):
    product: str
    stage: str | None = None  # latest stage that has happened
    status: str  # done | planned | scheduled, not confirmed
    when: str | None = None
    event: str
    price: Money | None = None
    price_event: str | None = None
    orders: Quantity | None = None
    orders_event: str | None = None
    planned: list[PlannedStage] = []


class CapitalFlowFigure(_Wire, frozen=True, kw_only=True):
    channel: str
    net: Money
    streak: int | None = None
    cumulative: Money | None = None
    when: str
    event: str


class MilestoneFigure(_Wire, frozen=True, kw_only=True):
    kind: str
    description: str
    when: str
    event: str


class PlanFigure(_Wire, frozen=True, kw_only=True):
    description: str
    period: str | None = None
    metric: str | None = None
    value: float | None = None
    value_max: float | None = None
    bound: str = "exact"
    unit: str | None = None
    when: str
    event: str


class DividendFigure(_Wire, frozen=True, kw_only=True):
    kind: str
    per_share: Money | None = None
    change_pct: float | None = None
    ex_date: str | None = None
    pay_date: str | None = None
    when: str
    event: str


class SplitFigure(_Wire, frozen=True, kw_only=True):
    ratio_from: int
    ratio_to: int
    effective: str | None = None
    when: str
    event: str


class AcquisitionFigure(_Wire, frozen=True, kw_only=True):
    target: str
    acquirer: str | None = None
    stake_pct: float | None = None
    amount: Money | None = None
    stage: str
    when: str
    event: str


class ContractFigure(_Wire, frozen=True, kw_only=True):
    counterparty: str
    amount: Money | None = None
    description: str = ""
    duration: str | None = None
    when: str
    event: str


class BlockTradeFigure(_Wire, frozen=True, kw_only=True):
    shares: Quantity | None = None
    price: Money | None = None
    amount: Money | None = None
    when: str
    event: str


# --- results -------------------------------------------------------------------------------

#: The sections of `AsOfState` that hold figures, in report order.
SECTIONS = (
    "price",
    "guidance",
    "results",
    "ratings",
    "consensus",
    "buyback",
    "insiders",
    "products",
    "capital_flow",
    "capital_flows",
    "milestones",
    "plans",
    "prices",
    "dividends",
    "splits",
    "acquisitions",
    "contracts",
    "block_trades",
)


class AsOfState(_Wire, frozen=True, kw_only=True):
    """A company's state as of `as_of`, from what was reported by `known_at` (None: everything)."""

    entity: str
    as_of: str
    known_at: str | None = None
    price: PriceFigure | None = None
    guidance: list[GuidanceFigure] = []
    results: list[ResultFigure] = []
    ratings: list[RatingFigure] = []
    consensus: Consensus | None = None
    buyback: Buyback | None = None
    insiders: list[InsiderFigure] = []
    products: list[ProductFigure] = []
    capital_flow: CapitalFlowFigure | None = None
    milestones: list[MilestoneFigure] = []
    plans: list[PlanFigure] = []
    # additions to the contract shape
    name: str | None = None
    prices: list[PriceFigure] = []
    capital_flows: list[CapitalFlowFigure] = []
    dividends: list[DividendFigure] = []
    splits: list[SplitFigure] = []
    acquisitions: list[AcquisitionFigure] = []
    contracts: list[ContractFigure] = []
    block_trades: list[BlockTradeFigure] = []
    events_folded: int = 0
    retracted_skipped: int = 0

    def figures(self, section: str) -> list[Any]:
        """The figures of one section as a list (a single figure becomes [it], None [])."""
        value = getattr(self, section)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def event_ids(self) -> set[str]:
        """Every event id the state cites (figures, revisions, consensus and buyback members)."""
        return {e for e in _walk_events(msgspec.to_builtins(self))}

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat record per figure: section, key, the figure's fields; for a DataFrame."""
        rows = []
        for section in SECTIONS:
            for fig in self.figures(section):
                record = {"entity": self.entity, "as_of": self.as_of, "section": section}
                record.update(_flat(msgspec.to_builtins(fig)))
                rows.append(record)
        return rows


class History(_Wire, frozen=True, kw_only=True):
    """Every statement of one metric (guidance, results, quantified plans) in order."""

    entity: str
    metric: str
    period: str | None = None
    known_at: str | None = None
    revisions: list[Revision] = []

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"entity": self.entity, **_flat(r.to_dict())} for r in self.revisions]


class Change(_Wire, frozen=True, kw_only=True):
    """One difference between two as-of states."""

    section: str
    key: str
    change: str  # added | removed | changed | revised
    summary: str
    event: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class Diff(_Wire, frozen=True, kw_only=True):
    entity: str
    from_: str = msgspec.field(name="from")
    to: str
    known_at: str | None = None
    changes: list[Change] = []

    def to_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "entity": self.entity,
                "from": self.from_,
                "to": self.to,
                "section": c.section,
                "key": c.key,
                "change": c.change,
                "summary": c.summary,
                "event": c.event,
                "before_event": (c.before or {}).get("event"),
                "after_event": (c.after or {}).get("event"),
            }
            for c in self.changes
        ]


def _flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted keys (close.amount); lists stay as they are."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def _walk_events(value: Any):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("event", "value_event", "price_event", "orders_event") and isinstance(
                item, str
            ):
                yield item
            elif key == "events" and isinstance(item, list):
                yield from item
            else:
                yield from _walk_events(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_events(item)
