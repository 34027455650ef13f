"""The projector: a pure fold of one entity's events into the slots its as-of state is built from.

Order and "latest". Every event has the order key (when.start, when.end, reported, id): the
(when, seq) order of DESIGN.md section 6 with one change, ties are broken by `reported` and
then by `id` instead of by `seq`. `seq` is ingestion order, and an as-of answer must not depend
on the order in which articles were ingested; between two statements about the same day, the
one reported later is the newer knowledge. "Latest" in a slot means greatest by this key.
The key is those four strings concatenated: ISO days are fixed-width, so it orders exactly
as the tuple would, and a string is no work for the garbage collector (which, at a million
events, costs more than the fold itself).

Pure and order-free. Handlers only keep the greatest event per slot (its key alongside),
append events to lists, and bump counters, allocating nothing per event but the key. So
folding a set of events gives the same slots whatever order or batches they arrive in
(incremental == rebuild); everything that depends on the as-of date or on an order within a
list (consensus window, buyback window, planned/overdue products, revision actions) is
computed by `snapshot()`, which sorts. The projector never reads anything but the events it
is given; the store hands it one entity's events already filtered by time.

Retractions. Pass the retracted ids up front (`Projector(retracted=...)`, what the queries do:
`store.retracted_ids(entity, known_at)`); their targets are skipped. A `retraction` event
applied later adds its target to that set; list sections drop it at snapshot time, but a
latest-value slot it already won cannot fall back to the runner-up without the log, so the
projector sets `stale` and the caller folds again from the log.
"""

from __future__ import annotations

from collections.abc import Iterable

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

__all__ = ["LATEST", "LISTS", "Key", "Projector", "order_key", "replay"]

Key = str
SEP = "\x1f"  # joins the parts of a slot name: listing and currency, metric and period...

#: Latest-value sections: `Projector._<name>` maps a slot to its event, `_<name>_k` to its key.
LATEST = (
    "closes",
    "results",
    "ratings",
    "stakes",
    "trades",
    "product_name",
    "product_price",
    "product_orders",
    "product_done",
    "flows",
    "acquisitions",
)
#: List sections: every event, in arrival order (`snapshot` sorts).
LISTS = ("buybacks", "milestones", "plans", "dividends", "splits", "contracts", "blocks")


def order_key(event: Event) -> Key:
    """when.start + when.end + reported + id: the fold order; "latest" is the greatest."""
    w = event.when
    return f"{w.start}{w.end}{event.reported}{event.id}"


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


def _slot(metric: str, period: str | None, segment: str | None) -> str:
    return f"{metric}{SEP}{period or ''}{SEP}{segment_of(metric, segment) or ''}"


def _keep(events: dict[str, Event], keys: dict[str, Key], slot: str, k: Key, e: Event) -> None:
    """Keep `e` in a latest-value slot (`events[slot]`, its key in `keys[slot]`) if it is the
    latest. Takes the two dicts, not a section name: no name lookups per event. The two
    commonest types (closes, ratings) inline it."""
    current = keys.get(slot)
    if current is None or k > current:
        keys[slot] = k
        events[slot] = e


class Projector:
    """Folds events into slots; `snapshot(entity, as_of)` turns the slots into an AsOfState."""

    __slots__ = (
        *(f"_{n}" for n in LATEST),
        *(f"_{n}_k" for n in LATEST),
        *(f"_{n}" for n in LISTS),
        "_close_counts",
        "_product_plans",
        "_statements",
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
        self._closes, self._closes_k, self._results, self._results_k = {}, {}, {}, {}
        self._ratings, self._ratings_k, self._stakes, self._stakes_k = {}, {}, {}, {}
        self._trades, self._trades_k, self._flows, self._flows_k = {}, {}, {}, {}
        self._product_name, self._product_name_k, self._product_done, self._product_done_k = (
            {},
            {},
            {},
            {},
        )
        self._product_price, self._product_price_k = {}, {}
        self._product_orders, self._product_orders_k = {}, {}
        self._acquisitions, self._acquisitions_k = {}, {}
        self._buybacks, self._milestones, self._plans, self._dividends = [], [], [], []
        self._splits, self._contracts, self._blocks = [], [], []
        self._close_counts: dict[str, int] = {}
        self._statements: dict[str, list[Event]] = {}
        self._product_plans: dict[str, list[Event]] = {}

    # --- folding ---------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one event (skipped if retracted)."""
        if self.retracted and event.id in self.retracted:
            self.skipped += 1
            return
        w = event.when
        _HANDLERS[type(event)](self, event, f"{w.start}{w.end}{event.reported}{event.id}")
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
            handlers[type(event)](self, event, f"{w.start}{w.end}{event.reported}{event.id}")
            folded += 1
        self.folded += folded
        self.skipped += skipped
        return self

    def snapshot(self, entity: str, as_of: str, known_at: str | None = None):
        """The AsOfState of these slots as of `as_of` (see `timeline.projections.snapshot`)."""
        from timeline.projections.snapshot import build

        return build(self, entity, as_of, known_at)

    def latest(self, section: str) -> dict[str, tuple[Key, Event]]:
        """A latest-value section as {slot: (key, event)}."""
        events, keys = getattr(self, f"_{section}"), getattr(self, f"_{section}_k")
        return {slot: (keys[slot], event) for slot, event in events.items()}

    # --- one handler per event type ------------------------------------------------------------

    def _stock_price(self, e: StockPrice, k: Key) -> None:
        d = e.data
        currency = d.close.currency
        slot = f"{d.listing or ''}{SEP}{currency}"
        current = self._closes_k.get(slot)
        if current is None or k > current:
            self._closes_k[slot] = k
            self._closes[slot] = e
        counts = self._close_counts
        counts[currency] = counts.get(currency, 0) + 1

    def _guidance(self, e: Guidance, k: Key) -> None:
        d = e.data
        slot = _slot(d.metric, d.period, d.segment)
        statements = self._statements.get(slot)
        if statements is None:
            self._statements[slot] = [e]
        else:
            statements.append(e)

    def _operating_result(self, e: OperatingResult, k: Key) -> None:
        d = e.data
        _keep(self._results, self._results_k, _slot(d.metric, d.period, d.segment), k, e)

    def _analyst_rating(self, e: AnalystRating, k: Key) -> None:
        firm = _name(e.data.firm)
        current = self._ratings_k.get(firm)
        if current is None or k > current:
            self._ratings_k[firm] = k
            self._ratings[firm] = e

    def _share_buyback(self, e: ShareBuyback, k: Key) -> None:
        self._buybacks.append(e)

    def _insider_trade(self, e: InsiderTrade, k: Key) -> None:
        person = _name(e.data.person)
        _keep(self._trades, self._trades_k, person, k, e)
        if e.data.stake_after_pct is not None:
            _keep(self._stakes, self._stakes_k, person, k, e)

    def _product_launch(self, e: ProductLaunch, k: Key) -> None:
        d = e.data
        product = _name(d.product)
        _keep(self._product_name, self._product_name_k, product, k, e)
        if d.price is not None:
            _keep(self._product_price, self._product_price_k, product, k, e)
        if d.orders is not None:
            _keep(self._product_orders, self._product_orders_k, product, k, e)
        if d.planned or e.when.start > e.reported:
            self._product_plans.setdefault(product, []).append(e)
        else:
            _keep(self._product_done, self._product_done_k, product + SEP + d.stage, k, e)

    def _capital_flow(self, e: CapitalFlow, k: Key) -> None:
        _keep(self._flows, self._flows_k, _name(e.data.channel), k, e)

    def _milestone(self, e: Milestone, k: Key) -> None:
        self._milestones.append(e)

    def _plan(self, e: Plan, k: Key) -> None:
        self._plans.append(e)

    def _dividend(self, e: Dividend, k: Key) -> None:
        self._dividends.append(e)

    def _stock_split(self, e: StockSplit, k: Key) -> None:
        self._splits.append(e)

    def _acquisition(self, e: Acquisition, k: Key) -> None:
        _keep(self._acquisitions, self._acquisitions_k, _name(e.data.target), k, e)

    def _contract(self, e: Contract, k: Key) -> None:
        self._contracts.append(e)

    def _block_trade(self, e: BlockTrade, k: Key) -> None:
        self._blocks.append(e)

    def _retraction(self, e: Retraction, k: Key) -> None:
        target = e.data.target
        if target in self.retracted:
            return
        self.retracted.add(target)
        if self._holds(target):
            self.stale = True

    def _holds(self, event_id: str) -> bool:
        """Does a latest-value slot hold this event (so that retracting it needs a refold)?"""
        return any(e.id == event_id for name in LATEST for e in getattr(self, f"_{name}").values())


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

    `retracted` is every retracted id (`store.retracted_ids()`), shared by all projectors;
    with it, retraction events in the stream change nothing. Without it, a projector whose
    `stale` is set must be refolded from its entity's events (see the module doc).
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
                p.retracted = dead
        if dead and event.id in dead:
            p.skipped += 1
            continue
        w = event.when
        handlers[type(event)](p, event, f"{w.start}{w.end}{event.reported}{event.id}")
        p.folded += 1
    return projectors
