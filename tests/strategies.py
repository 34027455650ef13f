"""Hypothesis strategies built from the msgspec types themselves.

Walking `msgspec.inspect.type_info` means a new event type or field is covered by the
round-trip law the moment it is added to the model, with no strategy to keep in sync.
"""

from __future__ import annotations

import msgspec
from hypothesis import strategies as st

from events.model import EVENT_CLASSES
from events.values import When

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_iso_day = st.dates().map(lambda d: d.isoformat())


def _when() -> st.SearchStrategy[When]:
    return st.tuples(_iso_day, _iso_day).map(
        lambda pair: When(start=min(pair), end=max(pair), label=f"{min(pair)}/{max(pair)}")
    )


def _from_info(info: msgspec.inspect.Type) -> st.SearchStrategy:
    i = msgspec.inspect
    if isinstance(info, i.StructType):
        if info.cls is When:
            return _when()
        fields = {
            f.name: _from_info(f.type)
            for f in info.fields
            if f.name not in ("id", "seq", "recorded")
        }
        return st.fixed_dictionaries(fields).map(lambda kw, cls=info.cls: cls(**kw))
    if isinstance(info, i.UnionType):
        return st.one_of([_from_info(t) for t in info.types])
    if isinstance(info, i.LiteralType):
        return st.sampled_from(info.values)
    if isinstance(info, i.NoneType):
        return st.none()
    if isinstance(info, i.BoolType):
        return st.booleans()
    if isinstance(info, i.IntType):
        return st.integers(min_value=-(2**53), max_value=2**53)
    if isinstance(info, i.FloatType):
        return st.floats(allow_nan=False, allow_infinity=False)
    if isinstance(info, i.StrType):
        return _text
    if isinstance(info, i.ListType):
        return st.lists(_from_info(info.item_type), max_size=3)
    if isinstance(info, i.TupleType):
        return st.tuples(*[_from_info(t) for t in info.item_types])
    raise NotImplementedError(f"no strategy for {info!r}")


def events_of(type_: str) -> st.SearchStrategy:
    """Unstamped events of one type, with any field values the type admits."""
    return _from_info(msgspec.inspect.type_info(EVENT_CLASSES[type_]))


def any_event() -> st.SearchStrategy:
    return st.sampled_from(sorted(EVENT_CLASSES)).flatmap(events_of)
