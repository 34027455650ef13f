"""The SQLite schema of the log: plain tables a person can read in Datasette.

The schema version lives in `meta`; `migrate()` brings an older file up to date (after a
backup copy) and refuses a newer one. Append-only is enforced by triggers, not by manners.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from events.errors import StoreError

SCHEMA_VERSION = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT,
    publisher TEXT,
    published TEXT NOT NULL,
    published_at TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    language TEXT,
    boilerplate TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL,
    recorded TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS extractions (
    id INTEGER PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id),
    extractor TEXT NOT NULL,
    version TEXT NOT NULL,
    events INTEGER NOT NULL,
    recorded TEXT NOT NULL,
    UNIQUE (article, extractor, version)
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    when_start TEXT NOT NULL,
    when_end TEXT NOT NULL,
    when_label TEXT NOT NULL,
    visible_from TEXT NOT NULL,
    reported TEXT NOT NULL,
    recorded TEXT NOT NULL,
    article TEXT,
    extractor TEXT,
    target TEXT,
    data TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_entity_visible ON events (entity, visible_from, reported);
CREATE INDEX IF NOT EXISTS events_entity_type ON events (entity, type);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_when ON events (when_start, when_end);
CREATE INDEX IF NOT EXISTS events_reported ON events (reported);
CREATE INDEX IF NOT EXISTS events_article ON events (article);
CREATE INDEX IF NOT EXISTS events_target ON events (target) WHERE target IS NOT NULL;
"""

_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END;
CREATE TRIGGER IF NOT EXISTS articles_no_update BEFORE UPDATE ON articles
BEGIN SELECT RAISE(ABORT, 'articles are append-only: UPDATE is not allowed'); END;
CREATE TRIGGER IF NOT EXISTS articles_no_delete BEFORE DELETE ON articles
BEGIN SELECT RAISE(ABORT, 'articles are append-only: DELETE is not allowed'); END;
"""

# Each entry upgrades from version N to N+1; add one, never edit an old one.
MIGRATIONS: dict[int, str] = {}


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The version recorded in the file, or None for a fresh file."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
    ).fetchone()
    if not has_meta:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else None


def ensure_schema(conn: sqlite3.Connection, path: Path | None) -> None:
    """Create a fresh log, migrate an older one (backed up first), or refuse a newer one."""
    version = schema_version(conn)
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: log schema version {version} is newer than this timeline "
            f"(supports {SCHEMA_VERSION}); upgrade the timeline package"
        )
    if version == SCHEMA_VERSION:
        return
    if version is not None and version < SCHEMA_VERSION:
        missing = [step for step in range(version, SCHEMA_VERSION) if step not in MIGRATIONS]
        if missing:
            raise StoreError(
                f"{path}: log schema version {version} is older than this timeline "
                f"({SCHEMA_VERSION}) and no migration from version {missing[0]} exists; "
                "open it with the timeline version that wrote it and export it"
            )
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)  # another process may have won the race
        if version is None and _has_tables(conn):
            raise StoreError(
                f"{path}: not a timeline log (it has tables but no schema version); "
                "refusing to write into it; pick another --db path"
            )
        if version is None:
            for statement in _split(_TABLES + _TRIGGERS):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        elif version < SCHEMA_VERSION:
            if path is not None:
                backup(path, path.with_name(path.name + f".v{version}.bak"))
            for step in range(version, SCHEMA_VERSION):
                for statement in _split(MIGRATIONS[step]):
                    conn.execute(statement)
            conn.execute(
                "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),)
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (disk full, I/O)
            conn.execute("ROLLBACK")
        raise


def backup(path: Path, target: Path) -> None:
    """A consistent copy of the log at `path`, including what still sits in its WAL file.

    Called while the caller holds the write lock and has not written yet: a second
    connection reads the last committed state, which nobody can change meanwhile. (Copying
    the main file alone would miss every transaction not yet checkpointed out of the WAL.)
    """
    source = sqlite3.connect(path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _has_tables(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").fetchone()
    return found is not None


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (which contain ';') whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements
