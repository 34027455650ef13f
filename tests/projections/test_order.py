"""The fold order without keys: `newer(a, b)` is `order_key(a) > order_key(b)`, always.

The fold compares events part by part instead of building their keys; these tests pin that
it agrees with the keys, also for parts of unequal lengths (where the part-by-part and the
concatenated orders differ) and for equal events.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from events.model import RetractionData, Source, StockPrice, StockPriceData, make_event
from events.values import Money, When
from tests.projections.builders import ev, hkd
from timeline.projections import Projector
from timeline.projections.fold import newer, order_key

# Short strings from a tiny alphabet: parts collide, share prefixes and differ in length.
_part = st.text(alphabet="01-", min_size=0, max_size=4)
_DATA = StockPriceData(close=Money(amount=1.0, currency="HKD"))
_SOURCE = Source(article="a", origin="a")


@st.composite
def events(draw):
    return StockPrice(
        id=draw(_part),
        entity="x",
        when=When(start=draw(_part), end=draw(_part), label=""),
        reported=draw(_part),
        source=_SOURCE,
        data=_DATA,
    )


@settings(max_examples=500, deadline=None)
@given(events(), events())
def test_newer_is_the_order_key_comparison(a, b):
    assert newer(a, b) == (order_key(a) > order_key(b))
    assert newer(b, a) == (order_key(b) > order_key(a))
    assert not newer(a, a)


def test_newer_on_iso_days_breaks_ties_by_report_then_id():
    first = ev("stock_price", "2026-01-08", "2026-01-08", close=hkd(38.1))
    later_report = ev("stock_price", "2026-01-08", "2026-01-10", close=hkd(38.0))
    later_day = ev("stock_price", "2026-01-09", "2026-01-09", close=hkd(37.0))
    assert newer(later_report, first) and not newer(first, later_report)
    assert newer(later_day, later_report)
    twin = ev("stock_price", "2026-01-08", "2026-01-08", close=hkd(38.2))
    assert newer(first, twin) == (first.id > twin.id)


def test_a_retracted_result_falls_back_to_the_runner_up_without_a_refold():
    older = ev(
        "operating_result",
        "2025-Q3",
        "2025-11-18",
        metric="revenue",
        period="2025-Q3",
        value=113.1,
        unit="CNY bn",
    )
    wrong = ev(
        "operating_result",
        "2025-Q3",
        "2025-11-20",
        metric="revenue",
        period="2025-Q3",
        value=1131.0,
        unit="CNY bn",
    )
    p = Projector().apply_all([older, wrong])
    assert p.snapshot("xiaomi", "2026-01-01").results[0].event == wrong.id
    p.apply(
        make_event(
            "retraction",
            entity="xiaomi",
            when=wrong.when,
            reported="2025-11-21",
            source=Source(article="art_fix", origin="fix"),
            data=RetractionData(target=wrong.id, reason="wrong"),
        )
    )
    assert not p.stale  # results are chosen at snapshot time, among the live ones
    assert p.snapshot("xiaomi", "2026-01-01").results[0].event == older.id
