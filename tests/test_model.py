"""The event contract: every type round-trips exactly, ids are content-addressed."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings

from events.model import (
    EVENT_TYPES,
    Source,
    StockPriceData,
    decode_event,
    encode_event,
    event_id,
    make_event,
)
from events.values import Money, When
from tests.strategies import events_of

CONTRACT_TYPES = {
    "share_buyback",
    "insider_trade",
    "product_launch",
    "guidance",
    "analyst_rating",
    "stock_price",
    "capital_flow",
    "block_trade",
    "operating_result",
    "milestone",
    "plan",
    "dividend",
    "stock_split",
    "acquisition",
    "contract",
    "retraction",
}


def test_every_contract_type_exists():
    assert set(EVENT_TYPES) == CONTRACT_TYPES


@pytest.mark.parametrize("type_", sorted(CONTRACT_TYPES))
@settings(max_examples=60, deadline=None)
@given(data=__import__("hypothesis").strategies.data())
def test_encode_decode_round_trips(type_, data):
    event = data.draw(events_of(type_))
    raw = encode_event(event)
    back = decode_event(raw)
    assert back == event
    assert back.type == type_
    assert encode_event(back) == raw  # stable bytes


def _close(amount: float, article: str = "art_1", day: str = "2026-01-08"):
    return make_event(
        "stock_price",
        entity="xiaomi",
        when=When.day(day),
        reported="2026-01-09",
        source=Source(article=article, origin="x.txt"),
        data=StockPriceData(close=Money(amount=amount, currency="HKD")),
    )


def test_id_is_deterministic_and_content_addressed():
    a, b = _close(38.0), _close(38.0)
    assert a.id == b.id and a.id.startswith("ev_") and len(a.id) == 3 + 64
    assert _close(38.01).id != a.id  # data matters
    assert _close(38.0, article="art_2").id != a.id  # source article matters
    assert _close(38.0, day="2026-01-07").id != a.id  # when matters


def test_id_ignores_log_stamps():
    event = _close(38.0)
    stamped = msgspec.structs.replace(event, seq=7, recorded="2026-01-09T00:00:00Z")
    assert event_id(stamped.type, stamped.entity, stamped.when, stamped.data, "art_1") == event.id


def test_events_are_immutable():
    event = _close(38.0)
    with pytest.raises(AttributeError):
        event.entity = "gm"  # type: ignore[misc]


def test_decode_rejects_unknown_type_and_bad_fields():
    raw = msgspec.json.decode(encode_event(_close(38.0)))
    with pytest.raises(msgspec.ValidationError):
        decode_event(msgspec.json.encode({**raw, "type": "rumour"}))
    with pytest.raises(msgspec.ValidationError):
        decode_event(msgspec.json.encode({**raw, "data": {"close": "38"}}))


def test_int_and_float_spellings_of_a_value_give_one_id():
    as_int = make_event(
        "stock_price",
        entity="xiaomi",
        when=When.day("2026-01-08"),
        reported="2026-01-09",
        source=Source(article="art_1", origin="x.txt"),
        data=StockPriceData(close=Money(amount=38, currency="HKD")),  # type: ignore[arg-type]
    )
    assert as_int.id == _close(38.0).id
    assert decode_event(encode_event(as_int)) == as_int
