"""The Python API: `Timeline.open(path)` and the same verbs as the CLI, typed results.

The CLI (`timeline.cli`) only parses arguments, calls these methods and formats results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from events.entities import Entity, Registry, default_registry
from events.extract.base import Extractor
from events.model import Event
from timeline.config import resolve_db_path
from timeline.ingest import ArticleOutcome, IngestReport, ingest_paths
from timeline.store.base import EventQuery, EventStore, VerifyReport
from timeline.store.sqlite import SQLiteStore


def _default_extractor() -> Extractor:
    from events.extract import default_extractor

    return default_extractor()


@attrs.frozen
class EntitySummary:
    slug: str
    name: str
    tickers: tuple[str, ...]
    events: int

    def to_dict(self) -> dict:
        return {"slug": self.slug, "name": self.name, "tickers": list(self.tickers), "events": self.events}


@attrs.define
class Timeline:
    """A log plus the registry and extractor that feed it."""

    store: EventStore
    registry: Registry = attrs.field(factory=default_registry)
    extractor: Extractor = attrs.field(factory=_default_extractor)

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        registry: Registry | None = None,
        extractor: Extractor | None = None,
    ) -> Timeline:
        """Open (or create) the log at `path`, `$TIMELINE_DB` or `./timeline.db`."""
        store = SQLiteStore(resolve_db_path(path))
        return cls(
            store=store,
            registry=registry or default_registry(),
            extractor=extractor or _default_extractor(),
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Timeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- write side ----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: str | None = None,
        strict: bool = False,
        on_file: Callable[[ArticleOutcome], None] | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Parse, extract and append every article under `paths`; bad files are reported."""
        return ingest_paths(
            paths,
            self.store,
            self.registry,
            self.extractor,
            published=published,
            strict=strict,
            on_file=on_file,
            on_start=on_start,
        )

    # --- read side -----------------------------------------------------------------------------

    def resolve(self, name: str) -> Entity:
        """An entity from its slug, a name, an alias or a ticker (UnknownEntityError otherwise)."""
        return self.registry.resolve(name)

    def events(
        self,
        *,
        entity: str | None = None,
        types: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        known_at: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Events in log order, filtered; `entity` may be any alias or ticker."""
        slug = self.resolve(entity).slug if entity else None
        query = EventQuery(
            entity=slug, types=tuple(types), since=since, until=until, known_at=known_at, limit=limit
        )
        return self.store.iter_events(query)

    def get(self, event_id: str) -> Event:
        return self.store.get(event_id)

    def verify(self) -> VerifyReport:
        return self.store.verify()

    def entities(self) -> list[EntitySummary]:
        """Entities with events in the log, with counts (retractions not counted)."""
        counts = self.store.entity_counts()
        summaries = []
        for slug, count in counts.items():
            entity = self.registry.entities.get(slug)
            summaries.append(
                EntitySummary(
                    slug=slug,
                    name=entity.name if entity else slug,
                    tickers=tuple(entity.tickers) if entity else (),
                    events=count,
                )
            )
        return summaries
