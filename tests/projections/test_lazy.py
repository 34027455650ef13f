"""Lazily decoded events (the fold path) fold to exactly what plain events fold to."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from events.model import Guidance, decode_event, encode_event
from tests.projections.builders import ev
from tests.projections.test_laws import AS_OF, SETTINGS, _live, _retracted, corpus
from tests.strategies import any_event
from timeline.projections import fold
from timeline.store.lazy import decode_lazy, full_event, plain_class, source_of


@settings(max_examples=200, deadline=None)
@given(any_event())
def test_a_lazy_event_is_its_event_without_the_parts_folds_skip(event):
    raw = encode_event(event)
    lazy = decode_lazy(raw)
    assert isinstance(lazy, type(event)) and plain_class(type(lazy)) is type(event)
    assert isinstance(lazy.evidence, msgspec.Raw)  # not decoded
    assert (lazy.id, lazy.entity, lazy.when, lazy.reported, lazy.data) == (
        event.id,
        event.entity,
        event.when,
        event.reported,
        event.data,
    )
    assert source_of(lazy) == event.source == source_of(event)
    assert full_event(lazy) == event == decode_event(raw)
    assert encode_event(full_event(lazy)) == raw


@SETTINGS
@given(corpus(), st.sampled_from(AS_OF))
def test_folding_lazy_events_gives_the_same_state(articles, as_of):
    events = [e for a in articles for e in a]
    visible = [e for e in _live(events) if min(e.when.end, e.reported) <= as_of]
    lazy = [decode_lazy(encode_event(e)) for e in visible]
    retracted = _retracted(events)
    assert fold(lazy, entity="xiaomi", as_of=as_of, retracted=retracted) == fold(
        visible, entity="xiaomi", as_of=as_of, retracted=retracted
    )


def test_history_rows_read_the_source_of_a_lazy_event():
    from timeline.projections.revisions import revision_of

    plain = ev("guidance", "2025-11-25", metric="ev_deliveries", period="2025", value=350000.0)
    assert isinstance(plain, Guidance)
    lazy = decode_lazy(encode_event(plain))
    assert revision_of(lazy) == revision_of(plain)
    assert revision_of(lazy).source == plain.source.title
