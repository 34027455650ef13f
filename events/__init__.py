"""The write side: articles in, typed immutable events out (parse, extract, normalise)."""

from events.errors import (
    ArticleError,
    EventNotFoundError,
    IntegrityError,
    InvalidEventError,
    NormalizationError,
    StoreError,
    TimelineError,
    UnknownEntityError,
)
from events.model import EVENT_TYPES, Event, decode_event, encode_event, event_id, make_event
from events.values import Money, Quantity, When

__all__ = [
    "EVENT_TYPES",
    "ArticleError",
    "Event",
    "EventNotFoundError",
    "IntegrityError",
    "InvalidEventError",
    "Money",
    "NormalizationError",
    "Quantity",
    "StoreError",
    "TimelineError",
    "UnknownEntityError",
    "When",
    "decode_event",
    "encode_event",
    "event_id",
    "make_event",
]
