"""The projector: a pure fold of one entity's events into the slots its as-of state is built from.

Order and "latest". Every event has the order key (when.start, when.end, reported, id): the
(when, seq) order of DESIGN.md section 6 with one change, ties are broken by `reported` and
then by `id` instead of by `seq`. `seq` is ingestion order, and an as-of answer must not depend
on the order in which articles were ingested; between two statements about the same day, the
one reported later is the newer knowledge. "Latest" in a slot means greatest by this key.

Pure and order-free. Handlers only keep the greatest (key, event) per slot, append to lists,
and bump counters, so folding a set of events gives the same slots whatever order or batches
they arrive in (incremental == rebuild); everything that depends on the as-of date or on an
order within a list (consensus window, buyback window, planned/overdue products, revision
actions) is computed by `snapshot()`, which sorts. The projector never reads anything but the
events it is given; the store hands it one entity's events already filtered by time.

Retractions. Pass the retracted ids up front (`Projector(retracted=...)`, what the queries do:
`store.retracted_ids(entity, known_at)`); their targets are skipped. A `retraction` event
applied later adds its target to that set; list sections drop it at snapshot time, but a
latest-value slot it already won cannot fall back to the runner-up without the log, so the
projector sets `stale` and the caller folds again from the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from events.model import (
    Acquisition,
    AnalystRating,
    BlockTrade,
    CapitalFlow,
    Contract,
    Dividend,
    Event,
    Guidance,
    InsiderTrade,
    Milestone,
    OperatingResult,
    Plan,
    ProductLaunch,
    Retraction,
    ShareBuyback,
    StockPrice,
    StockSplit,
)
from timeline.projections.revisions import segment_of

__all__ = ["Key", "Projector", "order_key", "replay"]

Key = tuple[str, str, str, str]
Slot = tuple[Key, Any]


def order_key(event: Event) -> Key:
    """(when.start, when.end, reported, id): the fold order; "latest" is the greatest."""
    w = event.when
    return (w.start, w.end, event.reported, event.id)


def _put(slots: dict, name: Any, key: Key, event: Event) -> None:
    current = slots.get(name)
    if current is None or key > current[0]:
        slots[name] = (key, event)


_names: dict[str, str] = {}


def _name(text: str) -> str:
    """Slot name for people, firms, products, channels: case- and space-insensitive (cached:
    the same few names recur in every event of their kind)."""
    name = _names.get(text)
    if name is None:
        if len(_names) > 100_000:
            _names.clear()
        name = _names[text] = " ".join(text.casefold().split())
    return name


class Projector:
    """Folds events into slots; `snapshot(entity, as_of)` turns the slots into an AsOfState."""

    __slots__ = (
        "_acquisitions",
        "_blocks",
        "_buybacks",
        "_close_counts",
        "_closes",
        "_contracts",
        "_dividends",
        "_flows",
        "_milestones",
        "_plans",
        "_product_done",
        "_product_name",
        "_product_orders",
        "_product_plans",
        "_product_price",
        "_ratings",
        "_results",
        "_splits",
        "_stakes",
        "_statements",
        "_trades",
        "folded",
        "retracted",
        "skipped",
        "stale",
    )

    def __init__(self, retracted: Iterable[str] = ()) -> None:
        self.retracted: set[str] = set(retracted)
        self.folded = 0  # events applied (retractions included)
        self.skipped = 0  # events skipped because they were retracted
        self.stale = False
        self._closes: dict[tuple[str | None, str], Slot] = {}
        self._close_counts: dict[str, int] = {}
        self._statements: dict[tuple[str, str, str | None], list[Slot]] = {}
        self._results: dict[tuple[str, str, str | None], Slot] = {}
        self._ratings: dict[str, Slot] = {}
        self._buybacks: list[Slot] = []
        self._stakes: dict[str, Slot] = {}
        self._trades: dict[str, Slot] = {}
        self._product_name: dict[str, Slot] = {}
        self._product_done: dict[str, dict[str, Slot]] = {}
        self._product_plans: dict[str, list[Slot]] = {}
        self._product_price: dict[str, Slot] = {}
        self._product_orders: dict[str, Slot] = {}
        self._flows: dict[str, Slot] = {}
        self._milestones: list[Slot] = []
        self._plans: list[Slot] = []
        self._dividends: list[Slot] = []
        self._splits: list[Slot] = []
        self._acquisitions: dict[str, Slot] = {}
        self._contracts: list[Slot] = []
        self._blocks: list[Slot] = []

    # --- folding ---------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one event (skipped if retracted)."""
        if self.retracted and event.id in self.retracted:
            self.skipped += 1
            return
        w = event.when
        _HANDLERS[type(event)](self, event, (w.start, w.end, event.reported, event.id))
        self.folded += 1

    def apply_all(self, events: Iterable[Event]) -> Projector:
        """Fold many events; same result as `apply` on each, in any order or batches."""
        retracted, handlers = self.retracted, _HANDLERS
        folded = skipped = 0
        for event in events:
            if retracted and event.id in retracted:
                skipped += 1
                continue
            w = event.when
            handlers[type(event)](self, event, (w.start, w.end, event.reported, event.id))
            folded += 1
        self.folded += folded
        self.skipped += skipped
        return self

    def snapshot(self, entity: str, as_of: str, known_at: str | None = None):
        """The AsOfState of these slots as of `as_of` (see `timeline.projections.snapshot`)."""
        from timeline.projections.snapshot import build

        return build(self, entity, as_of, known_at)

    # --- one handler per event type ------------------------------------------------------------

    def _stock_price(self, e: StockPrice, k: Key) -> None:
        close = e.data.close
        slot = (e.data.listing, close.currency)
        current = self._closes.get(slot)
        if current is None or k > current[0]:
            self._closes[slot] = (k, e)
        counts = self._close_counts
        counts[close.currency] = counts.get(close.currency, 0) + 1

    def _guidance(self, e: Guidance, k: Key) -> None:
        d = e.data
        slot = (d.metric, d.period, segment_of(d.metric, d.segment))
        statements = self._statements.get(slot)
        if statements is None:
            self._statements[slot] = [(k, e)]
        else:
            statements.append((k, e))

    def _operating_result(self, e: OperatingResult, k: Key) -> None:
        d = e.data
        _put(self._results, (d.metric, d.period, segment_of(d.metric, d.segment)), k, e)

    def _analyst_rating(self, e: AnalystRating, k: Key) -> None:
        _put(self._ratings, _name(e.data.firm), k, e)

    def _share_buyback(self, e: ShareBuyback, k: Key) -> None:
        self._buybacks.append((k, e))

    def _insider_trade(self, e: InsiderTrade, k: Key) -> None:
        person = _name(e.data.person)
        _put(self._trades, person, k, e)
        if e.data.stake_after_pct is not None:
            _put(self._stakes, person, k, e)

    def _product_launch(self, e: ProductLaunch, k: Key) -> None:
        d = e.data
        product = _name(d.product)
        _put(self._product_name, product, k, e)
        if d.price is not None:
            _put(self._product_price, product, k, e)
        if d.orders is not None:
            _put(self._product_orders, product, k, e)
        if d.planned or e.when.start > e.reported:
            self._product_plans.setdefault(product, []).append((k, e))
        else:
            _put(self._product_done.setdefault(product, {}), d.stage, k, e)

    def _capital_flow(self, e: CapitalFlow, k: Key) -> None:
        _put(self._flows, _name(e.data.channel), k, e)

    def _milestone(self, e: Milestone, k: Key) -> None:
        self._milestones.append((k, e))

    def _plan(self, e: Plan, k: Key) -> None:
        self._plans.append((k, e))

    def _dividend(self, e: Dividend, k: Key) -> None:
        self._dividends.append((k, e))

    def _stock_split(self, e: StockSplit, k: Key) -> None:
        self._splits.append((k, e))

    def _acquisition(self, e: Acquisition, k: Key) -> None:
        _put(self._acquisitions, _name(e.data.target), k, e)

    def _contract(self, e: Contract, k: Key) -> None:
        self._contracts.append((k, e))

    def _block_trade(self, e: BlockTrade, k: Key) -> None:
        self._blocks.append((k, e))

    def _retraction(self, e: Retraction, k: Key) -> None:
        target = e.data.target
        if target in self.retracted:
            return
        self.retracted.add(target)
        if self._holds(target):
            self.stale = True

    def _holds(self, event_id: str) -> bool:
        """Does a latest-value slot hold this event (so that retracting it needs a refold)?"""
        slot_maps = [
            self._closes, self._results, self._ratings, self._stakes, self._trades,
            self._product_name, self._product_price, self._product_orders, self._flows,
            self._acquisitions, *self._product_done.values(),
        ]
        return any(slot[1].id == event_id for slots in slot_maps for slot in slots.values())


_HANDLERS = {
    StockPrice: Projector._stock_price,
    Guidance: Projector._guidance,
    OperatingResult: Projector._operating_result,
    AnalystRating: Projector._analyst_rating,
    ShareBuyback: Projector._share_buyback,
    InsiderTrade: Projector._insider_trade,
    ProductLaunch: Projector._product_launch,
    CapitalFlow: Projector._capital_flow,
    Milestone: Projector._milestone,
    Plan: Projector._plan,
    Dividend: Projector._dividend,
    StockSplit: Projector._stock_split,
    Acquisition: Projector._acquisition,
    Contract: Projector._contract,
    BlockTrade: Projector._block_trade,
    Retraction: Projector._retraction,
}


def replay(events: Iterable[Event], retracted: Iterable[str] = ()) -> dict[str, Projector]:
    """Fold a whole log (any order, e.g. seq order): one projector per entity.

    `retracted` is every retracted id (`store.retracted_ids()`); retraction events in the
    stream are folded too, so a projector whose `stale` is set must be refolded from its
    entity's events (only if a retraction arrives after its target, see the module doc).
    """
    dead = set(retracted)
    projectors: dict[str, Projector] = {}
    handlers = _HANDLERS
    current_entity, p = None, None
    for event in events:
        if event.entity != current_entity:
            current_entity = event.entity
            p = projectors.get(current_entity)
            if p is None:
                p = projectors[current_entity] = Projector()
                p.retracted = dead  # shared: one set for the whole log
        if dead and event.id in dead:
            p.skipped += 1
            continue
        w = event.when
        handlers[type(event)](p, event, (w.start, w.end, event.reported, event.id))
        p.folded += 1
    return projectors
