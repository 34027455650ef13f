"""Two yardsticks for appends: plain sqlite3 (the ceiling) and the eventsourcing library (the peer).

Both write the very same pre-built events as our store, on the same machine, in the same run:

- `raw_sqlite`: the store's own schema (tables, indexes, triggers: a store creates the file),
  the store connection's pragmas, rows encoded with msgspec exactly as the store lays them
  out, all through one `executemany` in one transaction. No id check, no stamping, no hash
  chain (the two hash columns hold 64-character placeholders so the rows weigh the same).
- `eventsourcing`: its SQLite persistence module (`SQLiteDatastore` +
  `SQLiteApplicationRecorder`), one `StoredEvent` per event (originator id: a UUID per
  company; version: the company's own counter; state: the msgspec canonical bytes, the
  cheapest serialisation there is), `insert_events` in batches of 1,000 (one transaction
  each). Its connection gets the store's `synchronous` level, so both sides promise the same
  durability.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import msgspec

from bench.measure import Missing
from events.model import encode_event

ES_BATCH = 1000
_PRAGMAS = ("synchronous", "cache_size", "temp_store", "mmap_size")
_COLUMNS = 17


def store_pragmas(path: Path) -> dict[str, object]:
    """Create an empty log at `path` with the store and read its connection's settings."""
    from timeline.store.sqlite import SQLiteStore

    store = SQLiteStore(path)
    try:
        return {p: store.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in _PRAGMAS}
    finally:
        store.close()


def raw_sqlite_append(path: Path, events: Sequence, pragmas: dict[str, object]) -> int:
    """Plain sqlite3 + msgspec: the rows the store would write, one executemany, one transaction."""
    data = msgspec.json.Encoder(order="deterministic")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for name, value in pragmas.items():
            conn.execute(f"PRAGMA {name} = {value}")
        placeholder = "0" * 64
        rows = [
            (
                seq,
                e.id,
                e.type,
                e.entity,
                e.when.start,
                e.when.end,
                e.when.label,
                min(e.when.end, e.reported),
                e.reported,
                "2026-01-01T00:00:00.000000Z",
                e.source.article,
                None,
                getattr(e.data, "target", None),
                data.encode(e.data).decode(),
                encode_event(e).decode(),
                placeholder,
                placeholder,
            )
            for seq, e in enumerate(events, 1)
        ]
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO events (seq, id, type, entity, when_start, when_end, when_label,"
            " visible_from, reported, recorded, article, extractor, target, data, payload,"
            f" prev_hash, hash) VALUES ({','.join('?' * _COLUMNS)})",
            rows,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return len(events)


def payload_only_append(path: Path, events: Sequence, pragmas: dict[str, object]) -> int:
    """The least work any log of these events must do: write their canonical bytes, no more.

    A one-column rowid table, no index, no envelope columns, no id check, no hash: the
    events encoded with msgspec and written in one `executemany`, one transaction. No log
    that keeps the events can append faster than this on the same machine, so it bounds
    what `append_vs_eventsourcing` can reach: the peer writes these same bytes too.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        for name, value in pragmas.items():
            conn.execute(f"PRAGMA {name} = {value}")
        conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        t0 = time.perf_counter()
        rows = [(seq, encode_event(e)) for seq, e in enumerate(events, 1)]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events (seq, payload) VALUES (?, ?)", rows)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def eventsourcing_available() -> None:
    try:
        import eventsourcing.sqlite  # noqa: F401
    except ImportError as e:
        raise Missing("eventsourcing", "install it: .venv/bin/pip install -e '.[bench]'") from e


def eventsourcing_append(path: Path, events: Sequence, synchronous: object) -> tuple[float, str]:
    """The same events through eventsourcing's SQLite recorder, 1,000 per `insert_events`.

    Returns the seconds spent making StoredEvents and inserting them (not opening the file).
    """
    from eventsourcing.persistence import StoredEvent
    from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

    datastore = SQLiteDatastore(str(path))
    try:
        recorder = SQLiteApplicationRecorder(datastore)
        recorder.create_table()
        note = "eventsourcing defaults"
        with datastore.get_connection(commit=True) as conn:  # the pool hands back this one
            raw = getattr(conn, "_sqlite_conn", None)
            if raw is not None:
                raw.execute(f"PRAGMA synchronous = {synchronous}")
                level = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(synchronous, synchronous)
                note = f"synchronous={level} like the store"
        t0 = time.perf_counter()
        namespace = uuid.UUID(int=0)
        originators: dict[str, uuid.UUID] = {}
        versions: dict[str, int] = {}
        for i in range(0, len(events), ES_BATCH):
            batch = []
            for e in events[i : i + ES_BATCH]:
                oid = originators.get(e.entity)
                if oid is None:
                    oid = originators[e.entity] = uuid.uuid5(namespace, e.entity)
                version = versions[e.entity] = versions.get(e.entity, 0) + 1
                batch.append(
                    StoredEvent(
                        originator_id=oid,
                        originator_version=version,
                        topic="events.model:" + type(e).__name__,
                        state=encode_event(e),
                    )
                )
            recorder.insert_events(batch)
        seconds = time.perf_counter() - t0
    finally:
        datastore.close()
    return seconds, note
