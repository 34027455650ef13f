"""Which events an export holds: the request, and streaming readers over the log.

Exports never build the whole list of events: they pull from the store a batch at a time.
The plain case (one entity or the whole log, no other filter) reads the stored canonical
JSON as is, a list at a time (`iter_payloads`), which is what makes a million-event JSONL
export fast; any other filter decodes, filters and re-encodes, which gives the same bytes.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from itertools import islice

import attrs

from events.entities import Registry
from events.model import Event, encode_event
from timeline.exports.schema import ExportEntity, ExportFilters
from timeline.store.base import EventQuery, EventStore

__all__ = [
    "ExportRequest",
    "entity_info",
    "iter_events",
    "iter_payloads",
    "retracted",
    "visible_from",
]


def visible_from(event: Event) -> str:
    """First as-of day an event counts on: its period's end, or its report day if planned."""
    return min(event.when.end, event.reported)


@attrs.frozen
class ExportRequest:
    """What to export: which entities (empty: the whole log) and which of their events.

    Every filter combines with AND. `as_of` keeps what was visible on that day,
    `known_at` what was reported by then; `since`/`until` bound the events' periods.
    """

    entities: tuple[str, ...] = ()
    as_of: str | None = None
    known_at: str | None = None
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    with_articles: bool = False  # json only: the events' source articles follow them

    @property
    def whole_log(self) -> bool:
        return not self.entities

    @property
    def plain(self) -> bool:
        """No filter but the entity: the stored payloads can be copied out as they are."""
        return (
            len(self.entities) <= 1
            and self.as_of is None
            and self.known_at is None
            and not self.types
            and self.since is None
            and self.until is None
        )

    @property
    def filters(self) -> ExportFilters:
        return ExportFilters(types=list(self.types), since=self.since, until=self.until)

    def queries(self) -> list[EventQuery]:
        """One store query per entity (one for the whole log)."""
        slugs: tuple[str | None, ...] = self.entities or (None,)
        return [
            EventQuery(
                entity=slug,
                types=self.types,
                since=self.since,
                until=self.until,
                known_at=self.known_at,
            )
            for slug in slugs
        ]


def iter_events(store: EventStore, request: ExportRequest) -> Iterator[Event]:
    """The requested events in log (`seq`) order, streamed."""
    streams = [store.iter_events(q) for q in request.queries()]
    merged = streams[0] if len(streams) == 1 else heapq.merge(*streams, key=lambda e: e.seq)
    if request.as_of is None:
        yield from merged
        return
    as_of = request.as_of
    for event in merged:
        if visible_from(event) <= as_of:
            yield event


def iter_payloads(store: EventStore, request: ExportRequest) -> Iterator[list[bytes]]:
    """Canonical JSON of the requested events, in log order, a list at a time.

    The plain case copies the stored payloads out as they are (the export fast path); any
    filter decodes, filters and encodes again, which gives the very same bytes.
    """
    if request.plain:
        slug = request.entities[0] if request.entities else None
        return store.iter_payload_batches(EventQuery(entity=slug))
    return _batched(encode_event(e) for e in iter_events(store, request))


def _batched(items: Iterator[bytes], size: int = 4096) -> Iterator[list[bytes]]:
    while batch := list(islice(items, size)):
        yield batch


def retracted(store: EventStore, request: ExportRequest) -> dict[str, str]:
    """Event id -> reason, for the events retracted by what was known at `known_at`."""
    ids: set[str] = set()
    for slug in request.entities or (None,):
        ids |= store.retracted_ids(slug, request.known_at)
    return {
        target: getattr(r.data, "reason", "")
        for target, r in store.retractions_of(sorted(ids)).items()
        if request.known_at is None or r.reported <= request.known_at
    }


def entity_info(registry: Registry, slug: str) -> ExportEntity:
    """The registry's view of an entity; a slug the registry lacks is exported as is."""
    entity = registry.entities.get(slug)
    if entity is None:
        return ExportEntity(slug=slug, name=slug)
    return ExportEntity(
        slug=entity.slug,
        name=entity.name,
        aliases=list(entity.aliases),
        tickers=list(entity.tickers),
    )
