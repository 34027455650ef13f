"""The Python API: `Timeline.open(path)` and the same verbs as the CLI, typed results.

The CLI (`timeline.cli`) only parses arguments, calls these methods and formats results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs
import msgspec

from events.entities import Entity, Registry, default_registry
from events.model import Event
from timeline.config import resolve_db_path
from timeline.projections.state import AsOfState, Diff, History
from timeline.store.base import EventQuery, EventStore, VerifyReport
from timeline.store.sqlite import SQLiteStore

# Imported where used: a query should not pay for the parser, the exporters or the rules
# (the CLI starts for every command; see tests/test_packaging.py).
if TYPE_CHECKING:
    from events.extract.base import Extractor
    from timeline.exports import ExportReport
    from timeline.importer import AddReport
    from timeline.ingest import ArticleOutcome, IngestReport


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
        return {
            "slug": self.slug,
            "name": self.name,
            "tickers": list(self.tickers),
            "events": self.events,
        }


@attrs.define
class Timeline:
    """A log plus the registry and extractor that feed it."""

    store: EventStore
    registry: Registry = attrs.field(factory=default_registry)
    _extractor: Extractor | None = attrs.field(default=None, alias="extractor")

    @property
    def extractor(self) -> Extractor:
        """The extractor, loaded on first use so that read-only verbs start fast."""
        if self._extractor is None:
            self._extractor = _default_extractor()
        return self._extractor

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
            extractor=extractor,
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
        jobs: int = 1,
        on_file: Callable[[ArticleOutcome], None] | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Parse, extract and append every article under `paths`; bad files are reported.

        `jobs` > 1 parses and extracts in that many processes; the log is the same.
        """
        from timeline.ingest import ingest_paths

        return ingest_paths(
            paths,
            self.store,
            self.registry,
            self.extractor,
            published=published,
            strict=strict,
            jobs=jobs,
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
            entity=slug,
            types=tuple(types),
            since=since,
            until=until,
            known_at=known_at,
            limit=limit,
        )
        return self.store.iter_events(query)

    def get(self, event_id: str) -> Event:
        return self.store.get(event_id)

    def asof(
        self,
        entity: str,
        as_of: str | date,
        *,
        known_at: str | date | None = None,
        pit: bool = False,
    ) -> AsOfState:
        """State of a company as of `as_of` from what was reported by `known_at` (default:
        everything); `pit=True` means known_at = as_of. See `timeline.projections`."""
        from timeline.projections import queries

        found = self.resolve(entity)
        state = queries.asof(self.store, found.slug, as_of, known_at=known_at, pit=pit)
        return msgspec.structs.replace(state, name=found.name)

    def history(
        self,
        entity: str,
        metric: str,
        *,
        period: str | None = None,
        known_at: str | date | None = None,
    ) -> History:
        """Every statement of a metric's guidance and results (and quantified plans), in order."""
        from timeline.projections import queries

        return queries.history(
            self.store, self.resolve(entity).slug, metric, period=period, known_at=known_at
        )

    def diff(
        self,
        entity: str,
        d1: str | date,
        d2: str | date,
        *,
        known_at: str | date | None = None,
        pit: bool = False,
    ) -> Diff:
        """What appeared, changed, was revised or went away between the states at d1 and d2."""
        from timeline.projections import queries

        return queries.diff(
            self.store, self.resolve(entity).slug, d1, d2, known_at=known_at, pit=pit
        )

    def verify(self) -> VerifyReport:
        return self.store.verify()

    def retract(self, event_id: str, reason: str, reported: str | date | None = None) -> Event:
        """Append a `retraction` of `event_id`: a later correction, never an edit.

        The original stays readable (`events`, `show`); projections known on or after
        `reported` (default: today, UTC) leave it out. Returns the stamped retraction.
        Raises EventNotFoundError for an unknown id and InvalidEventError for a retraction,
        an event already retracted, an empty reason or a date before the event's report.
        """
        from datetime import UTC, datetime

        from events.errors import InvalidEventError
        from events.model import ExtractorRef, RetractionData, make_event
        from events.values import When

        target = self.store.get(event_id)
        if target.type == "retraction":
            raise InvalidEventError(f"{target.id} is itself a retraction; it cannot be retracted")
        earlier = self.store.retractions_of([target.id]).get(target.id)
        if earlier is not None:
            raise InvalidEventError(
                f"{target.id} is already retracted by {earlier.id} "
                f"({earlier.data.reason}, reported {earlier.reported})"  # type: ignore[attr-defined]
            )
        if not reason or not reason.strip():
            raise InvalidEventError("a retraction needs a reason; pass --reason TEXT")
        day = str(reported) if reported is not None else datetime.now(UTC).date().isoformat()
        try:
            day = date.fromisoformat(day).isoformat()
        except ValueError:
            raise InvalidEventError(f"{day!r} is not an ISO date; use YYYY-MM-DD") from None
        if day < target.reported[:10]:
            raise InvalidEventError(
                f"a retraction reported on {day} would precede {target.id}, reported "
                f"{target.reported[:10]}; pass --reported {target.reported[:10]} or later"
            )
        retraction = make_event(
            "retraction",
            entity=target.entity,
            when=When.day(day),
            reported=day,
            source=target.source,
            data=RetractionData(target=target.id, reason=reason.strip()),
            extractor=ExtractorRef(name="manual", version="1"),
        )
        if retraction.id not in self.store.append([retraction]).added:
            winner = self.store.retractions_of([target.id])[target.id]
            raise InvalidEventError(
                f"{target.id} is already retracted by {winner.id} "
                f"({winner.data.reason}, reported {winner.reported})"  # type: ignore[attr-defined]
            )
        return self.store.get(retraction.id)

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

    # --- exports and imports (timeline.exports, timeline.importer) ------------------------------

    def export(
        self,
        entities: str | Iterable[str] | None = None,
        *,
        format: str = "json",
        out: str | Path | BinaryIO | None = None,
        as_of: str | date | None = None,
        known_at: str | date | None = None,
        pit: bool = False,
        types: Iterable[str] = (),
        since: str | date | None = None,
        until: str | date | None = None,
        with_articles: bool = False,
    ) -> ExportReport:
        """Export events as `json` (timeline/1), `jsonl`, `timelinejs` or `html`.

        `entities`: a name, alias or ticker, several, or None for the whole log. `out`: a path
        (written atomically), a binary file, or None to get the bytes in `report.content`.
        `with_articles` (json only) adds the events' source articles, bodies included, so
        `add` into another log keeps every event's evidence checkable.
        Example: `tl.export("xiaomi", format="html", out="xiaomi.html")`.
        """
        from timeline.exports import run
        from timeline.exports.select import ExportRequest

        names = [entities] if isinstance(entities, str) else list(entities or [])
        slugs = tuple(dict.fromkeys(self.resolve(n).slug for n in names))
        day = run.check_day(as_of and str(as_of), "--as-of")
        if pit and day is None:
            raise run.ExportError("--pit needs --as-of: it means known at the as-of date")
        request = ExportRequest(
            entities=slugs,
            as_of=day,
            known_at=day if pit else run.check_day(known_at and str(known_at), "--known-at"),
            types=run.check_types(types),
            since=run.check_day(since and str(since), "--since"),
            until=run.check_day(until and str(until), "--until"),
            with_articles=with_articles,
        )
        asof = getattr(self, "asof", None)

        def state(slug: str, day: str, known: str | None) -> dict | None:
            return asof(slug, day, known_at=known).to_dict() if asof else None

        return run.export_to(self.store, self.registry, request, format, out, state=state)

    def add(self, path: str | Path) -> AddReport:
        """Append the events of a timeline/1 JSON export, a JSON list or JSON Lines file.

        Hand-written events are validated like extracted ones; an event without an id gets
        its content-addressed id; events already in the log are skipped (logs merge).
        """
        from timeline.importer import add_file

        return add_file(self.store, path, self.registry)
