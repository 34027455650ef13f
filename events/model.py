"""The event contract: one frozen msgspec Struct per event type, in one tagged union.

An event is immutable. `seq` and `recorded` are assigned by the log on append, so an
extractor builds events with `seq=0, recorded=""` and the store returns stamped copies.
The id is content-addressed over (type, entity, when, data, source article id): the
same fact from the same article always gets the same id, which makes ingest idempotent.
"""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from events.errors import InvalidEventError
from events.values import Money, Quantity, When

__all__ = [
    "EVENT_TYPES",
    "AcquisitionData",
    "AnalystRatingData",
    "BlockTradeData",
    "CapitalFlowData",
    "ContractData",
    "DividendData",
    "Event",
    "EventBase",
    "Evidence",
    "ExtractorRef",
    "GuidanceData",
    "InsiderTradeData",
    "MilestoneData",
    "OperatingResultData",
    "PlanData",
    "ProductLaunchData",
    "RetractionData",
    "ShareBuybackData",
    "Source",
    "StockPriceData",
    "StockSplitData",
    "decode_event",
    "decode_events",
    "encode_event",
    "event_id",
    "make_event",
]

Bound = Literal["exact", "at_least", "at_most", "approx"]


class _Data(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    gc=False,
):
    """Base of every `data` payload: optional fields are left out when unset."""


# --- envelope parts ---------------------------------------------------------------------


class Source(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The article an event came from."""

    article: str
    origin: str
    title: str = ""
    url: str | None = None
    published: str = ""


class Evidence(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The sentence that states the event, with [start, end) offsets into the article body."""

    text: str
    start: int
    end: int


class ExtractorRef(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """Which extractor (name, version) and which of its rules emitted the event."""

    name: str
    version: str
    rule: str = ""


# --- data payloads, one per type ------------------------------------------------------------


class ShareBuybackData(_Data, kw_only=True):
    shares: Quantity | None = None
    amount: Money | None = None
    price_low: Money | None = None
    price_high: Money | None = None
    share_class: str | None = None
    program_total_shares: Quantity | None = None
    program_total_pct: Quantity | None = None
    listing: str | None = None
    program_amount: Money | None = (
        None  # an authorised programme's size ("an additional $110 billion")
    )


class InsiderTradeData(_Data, kw_only=True):
    person: str
    role: str | None = None
    direction: Literal["buy", "sell"]
    shares: Quantity | None = None
    amount: Money | None = None
    stake_after_pct: Quantity | None = None
    price: Money | None = None  # average price per share of the trade


class ProductLaunchData(_Data, kw_only=True):
    product: str
    stage: Literal["announced", "pre_order", "launch", "delivery", "price_change"]
    price: Money | None = None
    price_change: Money | None = None
    orders: Quantity | None = None
    planned: bool = False


class GuidanceData(_Data, kw_only=True):
    metric: str
    period: str
    value: float | None = None
    value_max: float | None = None
    bound: Bound = "exact"
    unit: str = "units"
    action: Literal["new", "raised", "lowered", "reiterated"] = "new"
    previous: Quantity | None = None
    speaker: str | None = None
    fiscal_period: str | None = None
    segment: str | None = None
    speaker_role: str | None = None
    retrospective: bool = False  # an earlier target recalled ("the original target of 300,000")
    note: str | None = None  # a target stated without a number ("no less than the 2025 level")


class AnalystRatingData(_Data, kw_only=True):
    firm: str
    analyst: str | None = None
    rating: Literal["buy", "overweight", "hold", "neutral", "sell", "underweight"] | None = None
    action: Literal["initiate", "maintain", "upgrade", "downgrade"] = "maintain"
    target_price: Money | None = None
    previous_target: Money | None = None
    rating_label: str | None = None  # the firm's own word: "outperform", "add", "equal-weight"
    previous_rating: (
        Literal["buy", "overweight", "hold", "neutral", "sell", "underweight"] | None
    ) = None


class StockPriceData(_Data, kw_only=True):
    close: Money
    change_pct: float | None = None
    listing: str | None = None
    note: str | None = None


class CapitalFlowData(_Data, kw_only=True):
    channel: str
    net: Money
    streak: int | None = None
    cumulative: Money | None = None


class BlockTradeData(_Data, kw_only=True):
    shares: Quantity | None = None
    price: Money | None = None
    amount: Money | None = None


class OperatingResultData(_Data, kw_only=True):
    metric: str
    period: str
    value: float
    value_max: float | None = None
    bound: Bound = "exact"
    unit: str = "units"
    fiscal_period: str | None = None
    segment: str | None = None
    product: str | None = None  # a result of one product ("SU7 deliveries")


class MilestoneData(_Data, kw_only=True):
    kind: str
    description: str


class PlanData(_Data, kw_only=True):
    description: str
    period: str | None = None
    metric: str | None = None
    value: float | None = None
    value_max: float | None = None
    bound: Bound = "exact"
    unit: str | None = None


class DividendData(_Data, kw_only=True):
    kind: Literal["regular", "special", "increase", "cut"]
    per_share: Money | None = None
    change_pct: float | None = None
    ex_date: str | None = None
    pay_date: str | None = None
    record_date: str | None = None
    previous_per_share: Money | None = None


class StockSplitData(_Data, kw_only=True):
    ratio_from: int
    ratio_to: int
    effective: str | None = None


class AcquisitionData(_Data, kw_only=True):
    target: str
    acquirer: str | None = None
    stake_pct: float | None = None
    amount: Money | None = None
    stage: Literal["announced", "completed", "terminated"] = "announced"


class ContractData(_Data, kw_only=True):
    counterparty: str
    amount: Money | None = None
    description: str = ""
    duration: str | None = None


class RetractionData(_Data, kw_only=True):
    target: str
    reason: str


# --- events ------------------------------------------------------------------------------


class EventBase(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", gc=False):
    """The envelope every event carries (DESIGN.md section 4)."""

    id: str = ""
    seq: int = 0
    entity: str
    when: When
    reported: str
    recorded: str = ""
    source: Source
    evidence: Evidence | None = None
    extractor: ExtractorRef | None = None

    @property
    def type(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]


class ShareBuyback(EventBase, frozen=True, kw_only=True, tag="share_buyback"):
    data: ShareBuybackData


class InsiderTrade(EventBase, frozen=True, kw_only=True, tag="insider_trade"):
    data: InsiderTradeData


class ProductLaunch(EventBase, frozen=True, kw_only=True, tag="product_launch"):
    data: ProductLaunchData


class Guidance(EventBase, frozen=True, kw_only=True, tag="guidance"):
    data: GuidanceData


class AnalystRating(EventBase, frozen=True, kw_only=True, tag="analyst_rating"):
    data: AnalystRatingData


class StockPrice(EventBase, frozen=True, kw_only=True, tag="stock_price"):
    data: StockPriceData


class CapitalFlow(EventBase, frozen=True, kw_only=True, tag="capital_flow"):
    data: CapitalFlowData


class BlockTrade(EventBase, frozen=True, kw_only=True, tag="block_trade"):
    data: BlockTradeData


class OperatingResult(EventBase, frozen=True, kw_only=True, tag="operating_result"):
    data: OperatingResultData


class Milestone(EventBase, frozen=True, kw_only=True, tag="milestone"):
    data: MilestoneData


class Plan(EventBase, frozen=True, kw_only=True, tag="plan"):
    data: PlanData


class Dividend(EventBase, frozen=True, kw_only=True, tag="dividend"):
    data: DividendData


class StockSplit(EventBase, frozen=True, kw_only=True, tag="stock_split"):
    data: StockSplitData


class Acquisition(EventBase, frozen=True, kw_only=True, tag="acquisition"):
    data: AcquisitionData


class Contract(EventBase, frozen=True, kw_only=True, tag="contract"):
    data: ContractData


class Retraction(EventBase, frozen=True, kw_only=True, tag="retraction"):
    data: RetractionData


Event = (
    ShareBuyback
    | InsiderTrade
    | ProductLaunch
    | Guidance
    | AnalystRating
    | StockPrice
    | CapitalFlow
    | BlockTrade
    | OperatingResult
    | Milestone
    | Plan
    | Dividend
    | StockSplit
    | Acquisition
    | Contract
    | Retraction
)

EVENT_CLASSES: dict[str, type[EventBase]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in Event.__args__  # type: ignore[attr-defined]
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_CLASSES)
DATA_CLASSES: dict[str, type[_Data]] = {
    tag: next(f.type for f in msgspec.structs.fields(cls) if f.name == "data")
    for tag, cls in EVENT_CLASSES.items()
}

# Created once, reused everywhere: stable bytes make stable hashes.
_encoder = msgspec.json.Encoder(order="deterministic")
_decoder = msgspec.json.Decoder(Event)
_list_decoder = msgspec.json.Decoder(list[Event])


def encode_event(event: EventBase) -> bytes:
    """Canonical JSON bytes of an event (sorted keys, no whitespace)."""
    return _encoder.encode(event)


def decode_event(raw: bytes | str) -> Event:
    """Decode and validate one event; raises msgspec.ValidationError on a bad shape."""
    return _decoder.decode(raw)


def decode_events(raw: bytes | str) -> list[Event]:
    return _list_decoder.decode(raw)


def event_id(type_: str, entity: str, when: When, data: _Data, article: str) -> str:
    """`ev_` + sha256 over the canonical encoding of what makes the fact this fact."""
    payload = _encoder.encode([type_, entity, when, data, article])
    return "ev_" + hashlib.sha256(payload).hexdigest()


def _canonical(data: _Data) -> _Data:
    """The data payload as its JSON form decodes: the same bytes whatever Python types built it.

    A value JSON cannot hold (NaN, infinity: a giant number overflowed) is refused here, at
    construction, rather than stored as a null that no later read could decode.
    """
    try:
        return msgspec.json.decode(_encoder.encode(data), type=type(data))
    except msgspec.ValidationError as e:
        raise InvalidEventError(
            f"a {type(data).__name__} value is not a finite number ({e})"
        ) from None


def make_event(
    type_: str,
    *,
    entity: str,
    when: When,
    reported: str,
    source: Source,
    data: _Data,
    evidence: Evidence | None = None,
    extractor: ExtractorRef | None = None,
) -> Event:
    """Build an unstamped event (seq 0, no `recorded`) with its content-addressed id.

    `data` is first put in canonical form (an int given for a float field becomes a float),
    so the id is the one a decoded copy of the event recomputes.
    """
    cls = EVENT_CLASSES[type_]
    data = _canonical(data)
    return cls(  # type: ignore[return-value]
        id=event_id(type_, entity, when, data, source.article),
        entity=entity,
        when=when,
        reported=reported,
        source=source,
        evidence=evidence,
        extractor=extractor,
        data=data,
    )
