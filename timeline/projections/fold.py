"""The projector: a pure fold of one entity's events into the slots its as-of state is built from.

Order and "latest". Every event has the order key (when.start, when.end, reported, id): the
(when, seq) order of DESIGN.md section 6 with one change, ties are broken by `reported` and
then by `id` instead of by `seq`. `seq` is ingestion order, and an as-of answer must not depend
on the order in which articles were ingested; between two statements about the same day, the
one reported later is the newer knowledge. "Latest" in a slot means greatest by this key.
`order_key` is those four strings concatenated: ISO days are fixed-width, so it orders exactly
as the tuple would. The fold itself builds no key: `newer(a, b)` compares two events part by
part and gives the same answer as comparing their keys (it falls back to the keys when two
parts differ in length), so applying an event allocates nothing; `snapshot()` builds the keys
of the few events it sorts.

Pure and order-free. Handlers only keep the greatest event per slot and bump counters; the
types whose every event the snapshot needs (`KEPT`: statements, buybacks, milestones...) have
no handler at all, the loop keeps them by id (a dict of untracked events, which the garbage
collector stops visiting, unlike a list). So folding a set of events gives the same slots
whatever order or batches they arrive in (incremental == rebuild). Everything else is computed
by `snapshot()`: what depends on the as-of date or on an order within a section (consensus
window, buyback window, planned/overdue products, revision actions), sorting the kept events
into their sections, and grouping statements (guidance and results, per metric, period and
segment; planned product stages, per product), which nearly every event of those kinds starts
anyway. The projector never reads anything but the events
it is given; the store hands it one entity's events already filtered by time.

Retractions. Pass the retracted ids up front (`Projector(retracted=...)`, what the queries do:
`store.retracted_ids(entity, known_at)`); their targets are skipped. A `retraction` event
applied later adds its target to that set; list sections drop it at snapshot time, but a
latest-value slot it already won cannot fall back to the runner-up without the log, so the
projector sets `stale` and the caller folds again from the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
from timeline.store.lazy import LAZY_CLASSES

__all__ = [
    "KEPT",
    "LATEST",
    "Key",
    "Projector",
    "newer",
    "order_key",
    "replay",
    "slot_name",
    "slot_of",
]

Key = str
SEP = "\x1f"  # joins the parts of a slot name: listing and currency, metric and period...

#: Latest-value sections: `Projector._<name>` maps a slot to its latest event. Closes are kept
#: per currency, then per listing; product stages per product, then per stage (`latest()`
#: names those slots `listing SEP currency` and `product SEP stage`).
LATEST = (
    "closes",
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
#: Kept whole: every event of these types is kept (`Projector._kept`, by id), with no handler;
#: `snapshot` sorts them into their sections and groups statements by slot.
KEPT = (
    Guidance,
    OperatingResult,
    ShareBuyback,
    Milestone,
    Plan,
    Dividend,
    StockSplit,
    Contract,
    BlockTrade,
)
_NESTED = ("closes", "product_done")  # slot -> {part: event}


def order_key(event: Event) -> Key:
    """when.start + when.end + reported + id: the fold order; "latest" is the greatest."""
    w = event.when
    return f"{w.start}{w.end}{event.reported}{event.id}"


def newer(e: Event, than: Event) -> bool:
    """`order_key(e) > order_key(than)`, without building either key.

    Compares the parts in order; at the first that differs, equal lengths decide by the part
    alone (what the keys would do, the parts before being equal). Only parts of unequal
    lengths (never two ISO days) need the keys themselves.
    """
    a, b = e.when, than.when
    x, y = a.start, b.start
    if x == y:
        x, y = a.end, b.end
        if x == y:
            x, y = e.reported, than.reported
            if x == y:
                return e.id > than.id
    if len(x) == len(y):
        return x > y
    return order_key(e) > order_key(than)


_names: dict[str, str] = {}


def slot_name(text: str) -> str:
    """Slot name for people, firms, products, channels: case- and space-insensitive (cached:
    the same few names recur in every event of their kind)."""
    name = _names.get(text)
    if name is None:
        if len(_names) > 100_000:
            _names.clear()
        name = _names[text] = " ".join(text.casefold().split())
    return name


def slot_of(metric: str, period: str | None, segment: str | None) -> str:
    """The slot of a statement (guidance, result): metric SEP period SEP segment."""
    return f"{metric}{SEP}{period or ''}{SEP}{segment_of(metric, segment) or ''}"


class Projector:
    """Folds events into slots; `snapshot(entity, as_of)` turns the slots into an AsOfState."""

    __slots__ = (
        *(f"_{n}" for n in LATEST),
        "_close_currency",
        "_kept",
        "_product_plans",
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
        self._closes: dict[str, dict[str, Event]] = {}  # currency -> listing -> latest close
        # every close folded (not only the latest) -> its currency: the majority currency is
        # the price's; by id, so a retraction arriving later takes its close back out
        self._close_currency: dict[str, str] = {}
        self._product_done: dict[str, dict[str, Event]] = {}  # product -> stage -> latest
        self._ratings, self._stakes, self._trades, self._flows = {}, {}, {}, {}
        self._product_name, self._product_price, self._product_orders = {}, {}, {}
        self._acquisitions = {}
        self._kept: dict[str, Event] = {}  # id -> event, for the KEPT types
        self._product_plans: dict[str, Event] = {}  # id -> planned product stage

    # --- folding ---------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Fold one event (skipped if retracted)."""
        if self.retracted and event.id in self.retracted:
            self.skipped += 1
            return
        handler = _HANDLERS[type(event)]
        if handler is None:
            self._kept[event.id] = event
        else:
            handler(self, event)
        self.folded += 1

    def apply_all(self, events: Iterable[Event]) -> Projector:
        """Fold many events; same result as `apply` on each, in any order or batches."""
        retracted, handlers, kept = self.retracted, _HANDLERS, self._kept
        folded = skipped = 0
        for event in events:
            if retracted and event.id in retracted:
                skipped += 1
                continue
            handler = handlers[type(event)]
            if handler is None:
                kept[event.id] = event
            else:
                handler(self, event)
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
        events = getattr(self, f"_{section}")
        if section == "closes":
            return {
                f"{listing}{SEP}{currency}": (order_key(e), e)
                for currency, by_listing in events.items()
                for listing, e in by_listing.items()
            }
        if section == "product_done":
            return {
                f"{product}{SEP}{stage}": (order_key(e), e)
                for product, by_stage in events.items()
                for stage, e in by_stage.items()
            }
        return {slot: (order_key(e), e) for slot, e in events.items()}

    def close_counts(self) -> dict[str, int]:
        """How many closes (every one folded, not only the latest) are quoted in each currency."""
        counts: dict[str, int] = {}
        for currency in self._close_currency.values():
            counts[currency] = counts.get(currency, 0) + 1
        return counts

    def _latest_events(self) -> Iterator[Event]:
        for name in LATEST:
            section = getattr(self, f"_{name}")
            if name in _NESTED:
                for inner in section.values():
                    yield from inner.values()
            else:
                yield from section.values()

    # --- one handler per event type ------------------------------------------------------------
    # The commonest types inline `_keep` (a call per event is a fifth of their cost).

    def _stock_price(self, e: StockPrice) -> None:
        d = e.data
        currency = d.close.currency
        listing = d.listing or ""
        self._close_currency[e.id] = currency
        by_listing = self._closes.get(currency)
        if by_listing is None:
            self._closes[currency] = {listing: e}
            return
        current = by_listing.get(listing)
        if current is None or newer(e, current):
            by_listing[listing] = e

    def _analyst_rating(self, e: AnalystRating) -> None:
        text = e.data.firm
        firm = _names.get(text) or slot_name(text)
        ratings = self._ratings
        current = ratings.get(firm)
        if current is None or newer(e, current):
            ratings[firm] = e

    def _insider_trade(self, e: InsiderTrade) -> None:
        text = e.data.person
        person = _names.get(text) or slot_name(text)
        _keep(self._trades, person, e)
        if e.data.stake_after_pct is not None:
            _keep(self._stakes, person, e)

    def _product_launch(self, e: ProductLaunch) -> None:
        d = e.data
        text = d.product
        product = _names.get(text) or slot_name(text)
        _keep(self._product_name, product, e)
        if d.price is not None:
            _keep(self._product_price, product, e)
        if d.orders is not None:
            _keep(self._product_orders, product, e)
        if d.planned or e.when.start > e.reported:
            self._product_plans[e.id] = e
            return
        by_stage = self._product_done.get(product)
        if by_stage is None:
            self._product_done[product] = {d.stage: e}
        else:
            _keep(by_stage, d.stage, e)

    def _capital_flow(self, e: CapitalFlow) -> None:
        text = e.data.channel
        channel = _names.get(text) or slot_name(text)
        flows = self._flows
        current = flows.get(channel)
        if current is None or newer(e, current):
            flows[channel] = e

    def _acquisition(self, e: Acquisition) -> None:
        text = e.data.target
        _keep(self._acquisitions, _names.get(text) or slot_name(text), e)

    def _retraction(self, e: Retraction) -> None:
        target = e.data.target
        if target in self.retracted:
            return
        self.retracted.add(target)
        self._close_currency.pop(target, None)
        if self._holds(target):
            self.stale = True

    def _holds(self, event_id: str) -> bool:
        """Does a latest-value slot hold this event (so that retracting it needs a refold)?"""
        return any(e.id == event_id for e in self._latest_events())


def _keep(events: dict[str, Event], slot: str, e: Event) -> None:
    """Keep `e` in a latest-value slot if it is the latest."""
    current = events.get(slot)
    if current is None or newer(e, current):
        events[slot] = e


_HANDLERS = {
    **dict.fromkeys(KEPT),  # None: kept whole, by id
    StockPrice: Projector._stock_price,
    AnalystRating: Projector._analyst_rating,
    InsiderTrade: Projector._insider_trade,
    ProductLaunch: Projector._product_launch,
    CapitalFlow: Projector._capital_flow,
    Acquisition: Projector._acquisition,
    Retraction: Projector._retraction,
}
# lazily decoded events (`timeline.store.lazy`) fold exactly as their event class does
_HANDLERS.update({lazy: _HANDLERS[cls] for cls, lazy in LAZY_CLASSES.items()})


def replay(events: Iterable[Event], retracted: Iterable[str] = ()) -> dict[str, Projector]:
    """Fold a whole log (any order, e.g. seq order): one projector per entity.

    `retracted` is every retracted id (`store.retracted_ids()`), shared by all projectors;
    with it, retraction events in the stream change nothing. Without it, a projector whose
    `stale` is set must be refolded from its entity's events (see the module doc).
    """
    dead = set(retracted)
    projectors: dict[str, Projector] = {}
    handlers = _HANDLERS
    current_entity, p, kept, folded = None, None, None, 0
    for event in events:
        if event.entity != current_entity:
            if p is not None:
                p.folded += folded
            folded = 0
            current_entity = event.entity
            p = projectors.get(current_entity)
            if p is None:
                p = projectors[current_entity] = Projector()
                p.retracted = dead
            kept = p._kept
        if dead and event.id in dead:
            p.skipped += 1
            continue
        handler = handlers[type(event)]
        if handler is None:
            kept[event.id] = event
        else:
            handler(p, event)
        folded += 1
    if p is not None:
        p.folded += folded
    return projectors
