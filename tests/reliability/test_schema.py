"""Schema evolution: the log records its version; older logs migrate (after a backup) or are
refused with a clear message; newer ones and foreign files are refused and left untouched.

`fixtures/log-v1.db` was written by the version-1 store (see fixtures/make_log_v1.py) and is
checked in: whatever the current version is, it must open it, verify it and read every event.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from events.errors import StoreError
from tests.reliability.conftest import assert_clean_error, cli
from tests.reliability.helpers import EXTRACTOR, connect_raw, make_article, make_events
from timeline.store import schema
from timeline.store.sqlite import SQLiteStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MANIFEST = json.loads((FIXTURES / "log-v1.json").read_text())


@pytest.fixture
def old_log(tmp_path: Path) -> Path:
    path = tmp_path / "old log ü.db"
    shutil.copyfile(FIXTURES / "log-v1.db", path)
    return path


def _version(db: Path) -> int:
    conn = connect_raw(db)
    try:
        return int(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])
    finally:
        conn.close()


def _schema(db: Path) -> list[str]:
    conn = connect_raw(db)
    try:
        rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        return sorted(r[0] for r in rows)
    finally:
        conn.close()


def _fresh_schema(tmp_path: Path) -> list[str]:
    SQLiteStore(tmp_path / "fresh.db").close()
    return _schema(tmp_path / "fresh.db")


def test_fixture_records_version_1():
    conn = sqlite3.connect(f"file:{FIXTURES / 'log-v1.db'}?immutable=1", uri=True)  # no -wal/-shm
    version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    conn.close()
    assert int(version) == 1 == MANIFEST["schema_version"]


def test_current_version_opens_the_v1_log(old_log, tmp_path):
    store = SQLiteStore(old_log)
    try:
        assert [[e.seq, e.id, e.type, e.entity] for e in store.iter_events()] == MANIFEST["events"]
        report = store.verify()
        assert report.ok, report.problems
        assert report.events == len(MANIFEST["events"])
        retracted = store.retracted_ids()
        assert len(retracted) == 3  # two superseded by extractor v2, one by hand
        for seq, event_id, _type, _entity in MANIFEST["events"]:
            assert store.get(event_id).seq == seq
        article = make_article(7)
        result = store.append_article(article, make_events(article, 7, 2), EXTRACTOR)
        assert len(result.added) == 2
        assert store.verify().ok
    finally:
        store.close()
    assert _version(old_log) == schema.SCHEMA_VERSION
    if schema.SCHEMA_VERSION == 1:
        assert _schema(old_log) == _fresh_schema(tmp_path), (
            "the schema changed but SCHEMA_VERSION did not: bump it and add a migration"
        )
        assert _schema(old_log) == MANIFEST["schema"]
    else:
        assert (old_log.parent / (old_log.name + ".v1.bak")).exists()
        assert _schema(old_log) == _fresh_schema(tmp_path), "migrations miss the fresh schema"


def test_cli_verifies_the_v1_log(old_log):
    proc = cli("verify", "--db", str(old_log))
    assert proc.returncode == 0, proc.stderr
    assert f"OK: {len(MANIFEST['events'])} events, 3 articles, hash chain intact;" in proc.stdout


def test_newer_log_is_refused_and_left_untouched(old_log):
    conn = connect_raw(old_log)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    before = old_log.read_bytes()
    with pytest.raises(StoreError, match="schema version 99 is newer than this timeline"):
        SQLiteStore(old_log)
    proc = cli("verify", "--db", str(old_log))
    assert_clean_error(
        proc, str(old_log), "schema version 99 is newer", "upgrade the timeline package"
    )
    assert old_log.read_bytes() == before


def _next_version(monkeypatch, sql: str) -> None:
    """Pretend the code is one schema version ahead, with `sql` as the migration step."""
    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema.MIGRATIONS, current, sql)
    if current > 1:  # the fixture is version 1: later real steps must exist already
        assert all(step in schema.MIGRATIONS for step in range(1, current))


def test_older_log_is_backed_up_then_migrated_in_place(old_log, monkeypatch):
    # Leave a committed append in the WAL file, not yet checkpointed into the main file:
    # a backup that copied the main file alone would lose it.
    reader = connect_raw(old_log)
    reader.execute("SELECT count(*) FROM events").fetchone()
    store = SQLiteStore(old_log)
    article = make_article(8)
    added = store.append_article(article, make_events(article, 8, 2), EXTRACTOR).added
    store.close()
    assert Path(str(old_log) + "-wal").stat().st_size > 0
    version = schema.SCHEMA_VERSION
    _next_version(
        monkeypatch,
        "ALTER TABLE events ADD COLUMN note TEXT;\nCREATE INDEX events_note ON events (note);",
    )
    store = SQLiteStore(old_log)
    try:
        assert store.verify().ok
        assert store.get(added[0]).id == added[0]
    finally:
        store.close()
    reader.close()
    assert _version(old_log) == version + 1
    assert any("note TEXT" in sql for sql in _schema(old_log))
    backup = old_log.parent / (old_log.name + f".v{version}.bak")
    assert backup.exists(), "no backup was made before migrating"
    assert _version(backup) == version
    conn = connect_raw(backup)
    backed_up = {r[0] for r in conn.execute("SELECT id FROM events")}
    conn.close()
    assert set(added) <= backed_up, "the backup misses commits that were still in the WAL"
    assert len(backed_up) == len(MANIFEST["events"]) + 2


def test_failed_migration_changes_nothing(old_log, monkeypatch):
    version = schema.SCHEMA_VERSION
    _next_version(monkeypatch, "ALTER TABLE events ADD COLUMN ok TEXT;\nALTER TABLE nope ADD x;")
    with pytest.raises(StoreError, match=r"cannot open the log .*no such table: nope"):
        SQLiteStore(old_log)
    monkeypatch.undo()
    assert _version(old_log) == version
    assert not any(" ok TEXT" in sql for sql in _schema(old_log))  # the first step rolled back
    store = SQLiteStore(old_log)
    assert store.verify().ok
    store.close()


def test_log_with_no_migration_path_is_refused(old_log, monkeypatch):
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 2)
    before = old_log.read_bytes()
    with pytest.raises(StoreError, match=r"is older than this timeline .* no migration from"):
        SQLiteStore(old_log)
    assert old_log.read_bytes() == before


def test_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path):
    other = tmp_path / "someone else's.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.execute("INSERT INTO users VALUES ('ann')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a timeline log"):
        SQLiteStore(other)
    proc = cli("verify", "--db", str(other))
    assert_clean_error(proc, str(other), "not a timeline log", "pick another --db path")
    assert _schema(other) == ["CREATE TABLE users (name TEXT)"]


def test_file_that_is_not_a_database(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("this is not sqlite\n" * 200)
    before = text.read_bytes()
    proc = cli("verify", "--db", str(text))
    assert_clean_error(proc, str(text), "cannot open the log", "file is not a database")
    assert text.read_bytes() == before
