"""Tamper evidence: edit the file behind the engine's back, and `timeline verify` says where.

Each test opens the log with plain sqlite3 as a tamperer would, drops the append-only
triggers, edits, and puts the triggers back (so that it is the chain, not the missing
trigger, that gives the edit away). `verify` must exit 1 and name the first broken seq.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reliability.helpers import EXTRACTOR, connect_raw, make_article, make_events
from timeline.cli import app
from timeline.store.schema import _TRIGGERS
from timeline.store.sqlite import SQLiteStore, chain_hash

ARTICLES, K = 4, 3  # 12 events; article n holds seq 3n+1 .. 3n+3


@pytest.fixture
def log(tmp_path: Path) -> Path:
    db = tmp_path / "tampered.db"
    store = SQLiteStore(db)
    for n in range(ARTICLES):
        article = make_article(n)
        store.append_article(article, make_events(article, n, K), EXTRACTOR)
    store.close()
    return db


def _tamper(db: Path, *statements: str, params: tuple = ()) -> None:
    conn = connect_raw(db)
    for table in ("events", "articles"):
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER {table}_no_{verb}")
    for sql in statements:
        conn.execute(sql, params if "?" in sql else ())
    conn.executescript(_TRIGGERS)
    conn.close()


def _row(db: Path, seq: int) -> dict:
    conn = connect_raw(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM events WHERE seq = ?", (seq,)).fetchone())
    conn.close()
    return row


def _verify(db: Path) -> tuple[int, str, dict]:
    runner = CliRunner()
    human = runner.invoke(app, ["verify", "--db", str(db)])
    machine = runner.invoke(app, ["verify", "--db", str(db), "--json"])
    assert machine.exit_code == human.exit_code
    assert "Traceback" not in human.stderr
    return human.exit_code, " ".join(human.stderr.split()), json.loads(machine.stdout)


def _assert_caught(db: Path, *fragments: str) -> None:
    code, stderr, report = _verify(db)
    assert code == 1, stderr
    assert stderr.startswith("Error: log verification failed:"), stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    assert report["ok"] is False and report["problems"]


def test_untouched_log_verifies(log):
    code, _stderr, report = _verify(log)
    assert code == 0
    assert len(report.pop("tip")) == 64
    assert report == {
        "ok": True,
        "events": 12,
        "articles": 4,
        "last_seq": 12,
        "problems": [],
        "notes": [],
    }


def test_edited_payload(log):
    """Only the payload (what every read decodes) is changed."""
    payload = _row(log, 5)["payload"]
    edited = payload.replace("milestone 1.1", "milestone 9.9")
    assert edited != payload
    _tamper(log, "UPDATE events SET payload = ? WHERE seq = 5", params=(edited,))
    _assert_caught(log, "seq 5: hash does not match its payload")


def test_edited_payload_with_its_hash_forged(log):
    row = _row(log, 5)
    edited = row["payload"].replace("milestone 1.1", "milestone 9.9")
    data = row["data"].replace("milestone 1.1", "milestone 9.9")  # a careful forger
    forged = chain_hash(row["prev_hash"], edited.encode())
    _tamper(
        log,
        "UPDATE events SET payload = ?, data = ?, hash = ? WHERE seq = 5",
        params=(edited, data, forged),
    )
    _assert_caught(log, "seq 6: prev_hash does not match the hash of seq 5")


def test_forged_hash_and_next_link(log):
    """The forger also rewrites the next row's prev_hash: the next row's own hash gives it away."""
    row = _row(log, 5)
    edited = row["payload"].replace("milestone 1.1", "milestone 9.9")
    data = row["data"].replace("milestone 1.1", "milestone 9.9")
    forged = chain_hash(row["prev_hash"], edited.encode())
    _tamper(
        log,
        "UPDATE events SET payload = ?, data = ?, hash = ? WHERE seq = 5",
        params=(edited, data, forged),
    )
    _tamper(log, "UPDATE events SET prev_hash = ? WHERE seq = 6", params=(forged,))
    _assert_caught(log, "seq 6: hash does not match its payload")


def test_random_hash(log):
    _tamper(log, "UPDATE events SET hash = ? WHERE seq = 9", params=("f" * 64,))
    _assert_caught(log, "seq 9: hash does not match its payload")


def test_rehashed_tail_with_a_forged_link(log):
    """Rewriting prev_hash and hash of one row to fit its new predecessor still breaks
    the link to the row after it."""
    row = _row(log, 10)
    forged = chain_hash("0" * 64, row["payload"].encode())
    _tamper(
        log, "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = 10", params=("0" * 64, forged)
    )
    _assert_caught(log, "seq 10: prev_hash does not match the hash of seq 9")


def test_deleted_row(log):
    _tamper(log, "DELETE FROM events WHERE seq = 4")
    _assert_caught(log, "seq 4: missing (next row is seq 5)")


def test_deleted_article_with_all_its_events(log):
    article = make_article(1).id
    _tamper(
        log,
        "DELETE FROM events WHERE article = ?",
        "DELETE FROM extractions WHERE article = ?",
        "DELETE FROM articles WHERE id = ?",
        params=(article,),
    )
    _assert_caught(log, "seq 4: missing (next row is seq 7)")


def test_reordered_rows(log):
    _tamper(
        log,
        "UPDATE events SET seq = -1 WHERE seq = 7",
        "UPDATE events SET seq = 7 WHERE seq = 8",
        "UPDATE events SET seq = 8 WHERE seq = -1",
    )
    _assert_caught(log, "seq 7: prev_hash does not match the hash of seq 6")


def test_rows_renumbered_to_hide_a_deletion(log):
    _tamper(log, "DELETE FROM events WHERE seq = 12")  # the tail alone is not detectable...
    code, _, _ = _verify(log)
    assert code == 0  # ...a hash chain cannot know its own length (see the report)
    _tamper(
        log, "DELETE FROM events WHERE seq = 3", "UPDATE events SET seq = seq - 1 WHERE seq > 3"
    )
    _assert_caught(log, "seq 3: prev_hash does not match the hash of seq 2")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("data", '{"close":{"amount":1.0,"currency":"HKD"}}'),
        ("entity", "byd"),
        ("visible_from", "1999-01-01"),
        ("reported", "2030-01-01"),
        ("type", "dividend"),
        ("target", "ev_" + "1" * 64),
        ("article", "art_" + "2" * 64),
        ("when_label", "2025-Q1"),
    ],
)
def test_edited_column_beside_an_intact_payload(log, column, value):
    """Projections read some columns (visible_from, target, reported): they are checked too."""
    _tamper(log, f"UPDATE events SET {column} = ? WHERE seq = 8", params=(value,))
    _assert_caught(log, f"seq 8: column {column} disagrees with the payload")


def test_edited_article_body(log):
    article = make_article(2)
    body = article.body.replace("closed at", "collapsed to")
    _tamper(log, "UPDATE articles SET body = ? WHERE id = ?", params=(body, article.id))
    _assert_caught(log, f"article {article.id}: body does not match its id")


def test_dropped_trigger_is_reported(log):
    conn = connect_raw(log)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.close()
    _assert_caught(log, "trigger events_no_delete is missing")


def test_triggers_refuse_update_and_delete(log):
    conn = connect_raw(log)
    for sql in (
        "UPDATE events SET entity = 'x' WHERE seq = 1",
        "DELETE FROM events WHERE seq = 12",
        "UPDATE articles SET title = 'x'",
        "DELETE FROM articles",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)
    conn.close()
    code, _, _ = _verify(log)
    assert code == 0


def test_the_chain_covers_recorded_time(log):
    """`recorded` is in the payload: back-dating an append breaks the hash."""
    row = _row(log, 2)
    edited = row["payload"].replace(row["recorded"], "2020-01-01T00:00:00.000000Z")
    _tamper(
        log,
        "UPDATE events SET payload = ?, recorded = ? WHERE seq = 2",
        params=(edited, "2020-01-01T00:00:00.000000Z"),
    )
    _assert_caught(log, "seq 2: hash does not match its payload")
