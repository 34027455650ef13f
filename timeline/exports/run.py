"""Run one export: pick the events, hand them to the format's writer, report what was written.

JSON and JSONL stream from the log in constant memory. TimelineJS and HTML order events by
date and show them to people, so they hold the selected events (a few thousand is a big page).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from events.entities import Registry
from events.errors import TimelineError
from events.model import EVENT_TYPES
from timeline.exports.html import write_html
from timeline.exports.jsonexport import write_json
from timeline.exports.jsonl import write_jsonl
from timeline.exports.schema import ExportEntity
from timeline.exports.select import (
    ExportRequest,
    entity_info,
    iter_events,
    iter_payloads,
    retracted,
)
from timeline.exports.timelinejs import write_timelinejs
from timeline.exports.view import EventView
from timeline.store.base import EventStore

__all__ = [
    "FORMATS",
    "PAGE_LIMIT",
    "ExportError",
    "ExportReport",
    "StateProvider",
    "check_day",
    "check_types",
    "export_to",
    "write_export",
]

FORMATS: tuple[str, ...] = ("json", "jsonl", "timelinejs", "html")
PAGE_LIMIT = 20_000  # events on a TimelineJS or HTML page; JSON and JSONL have no limit

# (entity slug, as-of day, known-at day or None) -> the as-of state as a dict, or None
StateProvider = Callable[[str, str, str | None], Mapping[str, Any] | None]


class ExportError(TimelineError, ValueError):
    """An export that cannot be made as asked (unknown format or type, bad date, no entity)."""


@attrs.frozen
class ExportReport:
    """What an export wrote: the format, the entities, how many events, and where."""

    format: str
    entities: tuple[str, ...]
    events: int
    path: str | None = None
    content: bytes | None = attrs.field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "entities": list(self.entities),
            "events": self.events,
            "path": self.path,
        }


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return fmt


def _entities(store: EventStore, registry: Registry, request: ExportRequest) -> list[ExportEntity]:
    slugs = request.entities or tuple(store.entity_counts())
    return [entity_info(registry, s) for s in slugs]


def write_export(
    store: EventStore,
    registry: Registry,
    request: ExportRequest,
    fmt: str,
    out: BinaryIO,
    *,
    state: StateProvider | None = None,
) -> int:
    """Write the export to a binary stream; return the number of events written."""
    check_format(fmt)
    if request.with_articles and fmt != "json":
        raise ExportError(
            f"--with-articles needs --format json (a {fmt} export has no place for articles)"
        )
    if fmt == "jsonl":  # no header: nothing to look up first
        return write_jsonl(out, iter_payloads(store, request))
    entities = _entities(store, registry, request)
    if fmt == "json":
        return write_json(
            out,
            iter_payloads(store, request),
            entity=entities[0] if len(request.entities) == 1 else None,
            entities=entities,
            as_of=request.as_of,
            known_at=request.known_at,
            filters=request.filters,
            articles=store.articles if request.with_articles else None,
        )
    gone = retracted(store, request)
    views = []
    for event in iter_events(store, request):
        if len(views) == PAGE_LIMIT:
            raise ExportError(
                f"more than {PAGE_LIMIT:,} events for a {fmt} page, which is for people to read; "
                "narrow it with --type, --since/--until or --as-of, or use --format jsonl"
            )
        views.append(EventView.from_event(event, gone.get(event.id)))
    if fmt == "timelinejs":
        return write_timelinejs(
            out, views, entities=entities, as_of=request.as_of, known_at=request.known_at
        )
    day = request.as_of or max((v.reported[:10] for v in views), default=None)
    states = None
    if state is not None and day is not None:
        found = {e.slug: state(e.slug, day, request.known_at) for e in entities}
        states = {slug: s for slug, s in found.items() if s is not None}
    return write_html(
        out, views, entities=entities, as_of=day, known_at=request.known_at, states=states
    )


def check_day(value: str | None, name: str) -> str | None:
    """An ISO day from a date-like string; ExportError naming the option otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ExportError(f"{name} {value!r} is not an ISO date; use YYYY-MM-DD") from None


def check_types(types: Iterable[str]) -> tuple[str, ...]:
    found = tuple(types)
    for t in found:
        if t not in EVENT_TYPES:
            raise ExportError(f"unknown event type {t!r}; choose from {', '.join(EVENT_TYPES)}")
    return found


def export_to(
    store: EventStore,
    registry: Registry,
    request: ExportRequest,
    fmt: str,
    out: str | Path | BinaryIO | None,
    *,
    state: StateProvider | None = None,
) -> ExportReport:
    """Export to a path (written atomically), a binary file, or memory (`report.content`)."""
    check_format(fmt)
    entities = request.entities
    if out is None:
        buffer = io.BytesIO()
        count = write_export(store, registry, request, fmt, buffer, state=state)
        return ExportReport(fmt, entities, count, None, buffer.getvalue())
    if not isinstance(out, str | Path):
        count = write_export(store, registry, request, fmt, out, state=state)
        return ExportReport(fmt, entities, count, getattr(out, "name", None))
    target = Path(out)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            count = write_export(store, registry, request, fmt, f, state=state)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return ExportReport(fmt, entities, count, str(target))
