"""Hand-made articles and events for the reliability tests, and the invariant checks.

Nothing here needs the extractor: articles are built directly as `Article` records and
their events with `make_event`, deterministically from an index, so a worker process and
the test that checks its work agree on what "article 17" and its events are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

import msgspec

from events.articles import Article, article_id
from events.model import (
    Event,
    Evidence,
    ExtractorRef,
    MilestoneData,
    Source,
    StockPriceData,
    make_event,
)
from events.values import Money, When

EXTRACTOR = ExtractorRef(name="handmade", version="1")
ENTITIES = ("xiaomi", "byd", "gm")
# Text a hostile article might carry: it must come back byte for byte, never run as SQL.
SQL_TEXT = "Robert'); DROP TABLE events; -- \" ; DELETE FROM articles WHERE '1'='1"


def make_article(n: int, *, origin: str | None = None, extra: str = "") -> Article:
    """Article number `n`: a deterministic body, hence a deterministic content-addressed id."""
    day = date(2025, 1, 1) + timedelta(days=n % 365)
    body = (
        f"Company news number {n}.\n\n"
        f"Shares of {ENTITIES[n % len(ENTITIES)]} closed at HK${40 + n % 17}.{n % 10} on "
        f"{day.isoformat()}. {SQL_TEXT}{extra}"
    )
    return Article(
        id=article_id(body),
        title=f"Article {n}: O'Brien's \"quoted\" title",
        url=f"https://example.com/news/{n}?a=1&b='2'",
        publisher="Example News",
        published=day.isoformat(),
        origin=origin or f"/corpus/article {n} ünïcødé.txt",
        body=body,
        boilerplate=[],
    )


def make_events(
    article: Article, n: int, k: int, extractor: ExtractorRef = EXTRACTOR
) -> list[Event]:
    """`k` distinct events of article `n`: stock prices and milestones on its day."""
    entity = ENTITIES[n % len(ENTITIES)]
    source = Source(
        article=article.id,
        origin=article.origin,
        title=article.title,
        url=article.url,
        published=article.published,
    )
    evidence = Evidence(text=article.body[:20], start=0, end=20)
    events: list[Event] = []
    for i in range(k):
        when = When.day(article.published)
        if i % 2 == 0:
            data = StockPriceData(close=Money(amount=40.0 + n + i / 100, currency="HKD"))
            type_ = "stock_price"
        else:
            data = MilestoneData(kind="note", description=f"milestone {n}.{i} {SQL_TEXT}")
            type_ = "milestone"
        events.append(
            make_event(
                type_,
                entity=entity,
                when=when,
                reported=article.published,
                source=source,
                data=data,
                evidence=evidence,
                extractor=extractor,
            )
        )
    return events


def corpus(indexes: Iterable[int], k: int) -> dict[int, tuple[Article, list[Event]]]:
    return {n: (a := make_article(n), make_events(a, n, k)) for n in indexes}


# --- reading the file behind the engine's back ------------------------------------------------


def connect_raw(db: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection (autocommit), as a tamperer or Datasette would open it."""
    return sqlite3.connect(db, isolation_level=None, timeout=30)


def log_rows(db: Path) -> list[tuple]:
    """What a clean run and a crashed-then-resumed run must agree on: every event row except
    `recorded` and the hashes (which cover `recorded`)."""
    with connect_raw(db) as conn:
        rows = conn.execute(
            "SELECT seq, id, type, entity, when_start, when_end, reported, article, extractor,"
            " target, data FROM events ORDER BY seq"
        ).fetchall()
    conn.close()
    return rows


def article_rows(db: Path) -> list[tuple]:
    conn = connect_raw(db)
    try:
        return conn.execute(
            "SELECT id, title, url, publisher, published, origin, body FROM articles ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def check_log(db: Path, expected: dict[str, set[str]]) -> dict[str, int]:
    """Assert the log's invariants against `expected` (article id -> its event ids).

    Every article is either fully present (article row, extraction row and all its events)
    or absent (none of them); seq is 1..n without gaps; no event id twice; the hash chain
    and the store's own `verify()` hold. Returns counts for the report.
    """
    from timeline.store.sqlite import GENESIS, SQLiteStore, chain_hash

    store = SQLiteStore(db)  # as the next process sees the file (creates a schema-less one)
    try:
        report = store.verify()
    finally:
        store.close()
    assert report.ok, report.problems
    conn = connect_raw(db)
    try:
        rows = conn.execute(
            "SELECT seq, id, article, payload, prev_hash, hash FROM events ORDER BY seq"
        ).fetchall()
        articles = {r[0] for r in conn.execute("SELECT id FROM articles")}
        extracted = {r[0] for r in conn.execute("SELECT article FROM extractions")}
    finally:
        conn.close()
    seqs = [r[0] for r in rows]
    assert seqs == list(range(1, len(rows) + 1)), f"seq has gaps: {seqs[:50]}"
    ids = [r[1] for r in rows]
    assert len(ids) == len(set(ids)), "an event id appears twice"
    prev = GENESIS
    for seq, _id, _article, payload, prev_hash, digest in rows:
        assert prev_hash == prev, f"chain broken at seq {seq}"
        assert chain_hash(prev, payload.encode()) == digest, f"hash mismatch at seq {seq}"
        prev = digest
    by_article: dict[str, set[str]] = {}
    for _seq, id_, article, *_ in rows:
        by_article.setdefault(article, set()).add(id_)
    for article, events in expected.items():
        present = by_article.get(article, set())
        if article in articles:
            assert present == events, (
                f"article {article[:12]} half-written: {len(present)}/{len(events)}"
            )
            assert article in extracted, f"article {article[:12]} has no extraction row"
        else:
            assert not present, f"events of absent article {article[:12]} are in the log"
            assert article not in extracted
    assert set(by_article) <= set(expected), "events from an unknown article"
    return {"events": len(rows), "articles": len(articles & set(expected))}


def expected_map(items: Sequence[tuple[Article, list[Event]]]) -> dict[str, set[str]]:
    return {a.id: {e.id for e in events} for a, events in items}


def to_builtins(event: Event) -> dict:
    return msgspec.to_builtins(event)
