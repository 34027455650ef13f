"""`timeline ingest`, `events` and `verify` end to end, as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from timeline.cli import app


def _ingest(runner, db: Path, *paths: Path, extra: tuple[str, ...] = ()):
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db), *extra])


def test_ingest_seeds_then_events_json(runner, db_path, seeds_dir):
    result = _ingest(runner, db_path, seeds_dir)
    assert result.exit_code == 0, result.stderr
    assert "5 articles" in result.stdout
    listed = runner.invoke(app, ["events", "--db", str(db_path), "--json"])
    assert listed.exit_code == 0
    events = json.loads(listed.stdout)
    assert len(events) >= 20
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert {e["entity"] for e in events} >= {"xiaomi"}
    for e in events:
        ev = e["evidence"]
        assert ev and ev["text"] and ev["end"] > ev["start"]


def test_second_ingest_appends_nothing_and_says_so(runner, db_path, seeds_dir):
    first = _ingest(runner, db_path, seeds_dir, extra=("--json",))
    again = _ingest(runner, db_path, seeds_dir)
    assert again.exit_code == 0
    assert "Nothing new" in again.stdout
    report = json.loads(first.stdout)
    again_json = json.loads(_ingest(runner, db_path, seeds_dir, extra=("--json",)).stdout)
    assert again_json["events_new"] == 0
    assert again_json["events_present"] == report["events_new"]


def test_events_filters(runner, seeded_db):
    out = runner.invoke(
        app,
        [
            "events",
            "--db",
            str(seeded_db),
            "--entity",
            "1810.HK",
            "--type",
            "stock_price",
            "--json",
        ],
    )
    assert out.exit_code == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and {r["type"] for r in rows} == {"stock_price"}
    known = json.loads(
        runner.invoke(
            app, ["events", "--db", str(seeded_db), "--known-at", "2025-06-30", "--json"]
        ).stdout
    )
    assert known and all(r["reported"] <= "2025-06-30" for r in known)


def test_unknown_entity_suggests(runner, seeded_db):
    out = runner.invoke(app, ["events", "--db", str(seeded_db), "--entity", "xiaomy"])
    assert out.exit_code == 1
    assert "unknown entity 'xiaomy'" in out.stderr and "xiaomi" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_bad_date_option_is_a_clear_error(runner, seeded_db):
    out = runner.invoke(app, ["events", "--db", str(seeded_db), "--since", "yesterday"])
    assert out.exit_code == 2
    assert "YYYY-MM-DD" in out.stderr


def test_verify_passes_then_names_first_broken_seq(runner, seeded_db):
    ok = runner.invoke(app, ["verify", "--db", str(seeded_db)])
    assert ok.exit_code == 0 and "OK" in ok.stdout
    conn = sqlite3.connect(seeded_db)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = replace(payload, 'xiaomi', 'xiaomj') WHERE seq = 3")
    conn.commit()
    conn.close()
    bad = runner.invoke(app, ["verify", "--db", str(seeded_db)])
    assert bad.exit_code == 1
    assert "seq 3" in bad.stderr


@pytest.mark.parametrize("statement", ["UPDATE events SET entity = 'gm'", "DELETE FROM events"])
def test_events_table_refuses_update_and_delete(seeded_db, statement):
    conn = sqlite3.connect(seeded_db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute(statement)
    conn.close()


def _write(dir_: Path, name: str, data: bytes) -> Path:
    path = dir_ / name
    path.write_bytes(data)
    return path


def test_bad_files_are_reported_and_the_rest_ingested(runner, db_path, tmp_path, seeds_dir):
    batch = tmp_path / "batch"
    batch.mkdir()
    good = (seeds_dir / "001_ef3aad54e418fcd1.txt").read_bytes()
    _write(batch, "a_good.txt", good)
    _write(batch, "b_empty.txt", b"")
    _write(batch, "c_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _write(
        batch,
        "d_latin1.txt",
        "Société Générale a racheté 5 millions d'actions le 8 janvier 2026.".encode("latin-1"),
    )
    _write(batch, "e_frontmatter.md", b"---\ntitle: [unclosed\n: : :\n")
    _write(
        batch,
        "f_undated.txt",
        b"Acme Corp\n\nAcme said it bought back shares. Nothing else is dated here.\n",
    )
    big = batch / "g_huge.txt"
    with big.open("wb") as fh:
        fh.write(b"Xiaomi closed at HKD 38.00.\n" * (50 * 1024 * 1024 // 28 + 1))
    result = _ingest(runner, db_path, batch)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    for name in (
        "b_empty.txt",
        "c_binary.txt",
        "d_latin1.txt",
        "e_frontmatter.md",
        "f_undated.txt",
        "g_huge.txt",
    ):
        assert any(name in line for line in errors), (name, result.stderr)
    conn = sqlite3.connect(db_path)
    origins = [r[0] for r in conn.execute("SELECT origin FROM articles")]
    assert len(origins) == 1 and origins[0].endswith("a_good.txt")
    orphans = conn.execute(
        "SELECT count(*) FROM events WHERE article NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    assert orphans == 0
    assert runner.invoke(app, ["verify", "--db", str(db_path)]).exit_code == 0


def test_undated_article_inferred_strict_and_override(runner, db_path, seeds_dir):
    undated = seeds_dir / "000_49b776a55ad255a9.txt"
    inferred = _ingest(runner, db_path, undated)
    assert inferred.exit_code == 0
    assert "inferred" in inferred.stderr.lower()
    strict = _ingest(runner, db_path.with_name("strict.db"), undated, extra=("--strict",))
    assert strict.exit_code == 1 and "000_49b776a55ad255a9.txt" in strict.stderr
    override = _ingest(
        runner, db_path.with_name("o.db"), undated, extra=("--published", "2026-01-07", "--json")
    )
    assert json.loads(override.stdout)["files"][0]["published"] == "2026-01-07"


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01"])
def test_published_outside_the_article_years_is_refused_up_front(runner, db_path, seeds_dir, value):
    out = _ingest(runner, db_path, seeds_dir, extra=("--published", value))
    assert out.exit_code == 2
    assert "outside the years 1900-2100" in " ".join(out.stderr.split())
    assert (
        not db_path.exists()
        or not sqlite3.connect(db_path)
        .execute("SELECT name FROM sqlite_master WHERE name='events'")
        .fetchone()
    )


def test_missing_path_is_an_error_not_a_crash(runner, db_path, tmp_path):
    out = _ingest(runner, db_path, tmp_path / "nope")
    assert out.exit_code == 1
    assert "nope" in out.stderr and "Traceback" not in out.stderr


def test_verify_with_the_kept_tip_detects_a_cut_off_end(runner, seeded_db):
    ok = runner.invoke(app, ["verify", "--db", str(seeded_db), "--json"])
    tip = json.loads(ok.stdout)["tip"]
    assert len(tip) == 64
    same = runner.invoke(app, ["verify", "--db", str(seeded_db), "--expect-tip", tip[:12]])
    assert same.exit_code == 0, same.stderr
    conn = sqlite3.connect(seeded_db)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
    conn.execute(  # a careful forger puts the trigger back
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END"
    )
    conn.commit()
    conn.close()
    # the chain alone cannot see it ...
    assert runner.invoke(app, ["verify", "--db", str(seeded_db)]).exit_code == 0
    cut = runner.invoke(app, ["verify", "--db", str(seeded_db), "--expect-tip", tip[:12]])
    assert cut.exit_code == 1
    assert "not in the chain" in cut.stderr


def test_events_json_into_a_closed_pipe_ends_quietly(db_path):
    import subprocess
    import sys

    from tests.reliability.helpers import EXTRACTOR, make_article, make_events
    from timeline.store.sqlite import SQLiteStore

    store = SQLiteStore(db_path)  # ~300 KB of JSON: more than a pipe holds, so head cuts it
    article = make_article(1)
    store.append_article(article, make_events(article, 1, 400), EXTRACTOR)
    store.close()
    proc = subprocess.run(
        f'"{sys.executable}" -m timeline events --json --db "{db_path}" | head -c 10',
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == '[{"type":"'
    assert "Error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
