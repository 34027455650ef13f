"""Events decoded for folding: the envelope parts projections never read stay raw JSON.

A projection reads an event's type, id, entity, `when`, `reported` and data, and of its
source only the title and url (history rows). Decoding `evidence` (the sentence),
`extractor` and `source` into structs is a third of the cost of decoding an ~900-byte event,
so the fold path decodes into these subclasses instead: each is its event class with those
three fields typed `msgspec.Raw` (the JSON bytes, sliced, not parsed). They are still
instances of their event class (`isinstance(e, Guidance)` holds), with the same tag and
data; `source_of(e)` reads the source of either kind and `full_event(e)` turns one back into
the plain event, byte for byte.
"""

from __future__ import annotations

from typing import Any, Union

import msgspec

from events.model import EVENT_CLASSES, Event, EventBase, Source, decode_event, encode_event

__all__ = ["LAZY_CLASSES", "decode_lazy", "full_event", "plain_class", "source_of"]


def _lazy_class(cls: type[EventBase]) -> type[EventBase]:
    tag = cls.__struct_config__.tag
    return msgspec.defstruct(
        "Lazy" + cls.__name__,
        [
            ("source", msgspec.Raw),
            ("evidence", msgspec.Raw, msgspec.Raw()),
            ("extractor", msgspec.Raw, msgspec.Raw()),
        ],
        bases=(cls,),
        tag=tag,
        frozen=True,
        kw_only=True,
        gc=False,
    )


#: event class -> its lazy twin
LAZY_CLASSES: dict[type[EventBase], type[EventBase]] = {
    cls: _lazy_class(cls) for cls in EVENT_CLASSES.values()
}
_PLAIN: dict[type, type[EventBase]] = {
    **{cls: cls for cls in LAZY_CLASSES},
    **{lazy: cls for cls, lazy in LAZY_CLASSES.items()},
}
_decoder = msgspec.json.Decoder(Union[tuple(LAZY_CLASSES.values())])  # noqa: UP007


def decode_lazy(raw: bytes | str) -> Event:
    """An event for folding: source, evidence and extractor left as raw JSON."""
    return _decoder.decode(raw)


def plain_class(cls: type) -> type[EventBase]:
    """The event class of an event or lazy event class (Guidance for LazyGuidance)."""
    return _PLAIN[cls]


def source_of(event: Any) -> Source:
    """An event's source, decoded if it was left raw."""
    source = event.source
    if isinstance(source, msgspec.Raw):
        return msgspec.json.decode(source, type=Source)
    return source


def full_event(event: Any) -> Event:
    """The plain event (evidence and all) of a lazy one; a plain event is returned as is."""
    if type(event) in LAZY_CLASSES:
        return event
    return decode_event(encode_event(event))
