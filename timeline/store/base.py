"""The small interface every log backend implements (SQLite now, PostgreSQL later).

Everything above the store (projections, queries, exports, CLI) talks to this protocol only;
`tests/store_contract.py` is the suite every backend must pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import attrs

from events.articles import Article
from events.model import Event, ExtractorRef


@attrs.frozen
class EventQuery:
    """Filters for reading the log; every field is optional and they combine with AND."""

    entity: str | None = None
    types: tuple[str, ...] = ()
    since: str | None = None  # when.end >= since
    until: str | None = None  # when.start <= until
    known_at: str | None = None  # reported <= known_at
    article: str | None = None
    after_seq: int = 0
    limit: int | None = None


@attrs.frozen
class AppendResult:
    """What one append did: ids it added, ids that were already there, retractions it made."""

    added: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    retracted: tuple[str, ...] = ()
    article_new: bool = False
    skipped_reason: str | None = None


@attrs.frozen
class VerifyReport:
    """Result of recomputing the log's invariants; `problems` is empty when all hold."""

    events: int
    articles: int
    last_seq: int
    problems: tuple[str, ...] = ()
    tip: str = ""  # hash of the last verified event: keep it elsewhere to detect truncation
    notes: tuple[str, ...] = ()  # facts worth knowing that break no invariant

    @property
    def ok(self) -> bool:
        return not self.problems


class EventStore(Protocol):
    """An append-only, hash-chained log of events and the articles they came from."""

    def append_article(
        self, article: Article, events: Sequence[Event], extractor: ExtractorRef
    ) -> AppendResult: ...

    def append(self, events: Sequence[Event]) -> AppendResult: ...

    def get(self, event_id: str) -> Event: ...

    def article(self, article_id: str) -> Article: ...

    def articles(self, article_ids: Sequence[str]) -> list[Article]: ...

    def append_articles(self, articles: Sequence[Article]) -> int: ...

    def iter_events(
        self, query: EventQuery = ..., *, batch: int = 5000, lazy: bool = False
    ) -> Iterator[Event]: ...

    def iter_payload_batches(
        self, query: EventQuery = ..., *, batch: int = 4096
    ) -> Iterator[list[bytes]]: ...

    def asof_events(self, entity: str, as_of: str, known_at: str | None) -> list[Event]: ...

    def retracted_ids(self, entity: str | None = None, known_at: str | None = None) -> set[str]: ...

    def retractions_of(self, event_ids: Iterable[str]) -> dict[str, Event]: ...

    def entity_counts(self) -> dict[str, int]: ...

    def last_seq(self) -> int: ...

    def verify(self) -> VerifyReport: ...

    def close(self) -> None: ...
