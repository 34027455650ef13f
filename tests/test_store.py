"""The SQLite log against the shared store contract, plus what only SQLite promises."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

from tests.reliability.helpers import EXTRACTOR, make_article, make_events
from tests.store_contract import StoreContract
from timeline.store.sqlite import SQLiteStore


class TestSQLiteStore(StoreContract):
    def open(self, location: Path) -> SQLiteStore:
        return SQLiteStore(location / "timeline.db")

    def raw(self, store: SQLiteStore, sql: str, params: tuple = ()):
        return store.conn.execute(sql, params)


def test_wal_mode_and_busy_timeout(tmp_path):
    store = SQLiteStore(tmp_path / "t.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    store.close()


def test_plain_tables_a_person_can_read(tmp_path):
    """The file opens in sqlite-utils/Datasette as is: plain tables, JSON in TEXT columns."""
    db = tmp_path / "t.db"
    store = SQLiteStore(db)
    article = make_article(1)
    events = make_events(article, 1, 2)
    store.append_article(article, events, EXTRACTOR)
    store.close()
    plain = sqlite_utils.Database(sqlite3.connect(db))
    assert {"meta", "articles", "extractions", "events"} <= set(plain.table_names())
    rows = list(plain["events"].rows_where(order_by="seq"))
    assert [r["id"] for r in rows] == [e.id for e in events]
    assert json.loads(rows[0]["data"]) == {"close": {"amount": 41.0, "currency": "HKD"}}
    assert json.loads(rows[0]["payload"])["seq"] == 1
    assert rows[0]["extractor"] == "handmade/1" and rows[0]["article"] == article.id
    assert plain["meta"].get("schema_version")["value"] == "1"
    assert plain["articles"].get(article.id)["body"] == article.body
