"""Crash safety: SIGKILL a writer anywhere, resume, and nothing is lost, doubled or half-written.

Three kinds of crash point, each a real process killed by SIGKILL:
- before every single SQL statement of a run (exhaustive, small corpus): the trace callback
  kills the process just as the statement would start, so every point inside and between
  the write transactions is hit, including "all inserts done, COMMIT not yet run";
- at random SQLite VM steps (mid-statement);
- at random wall-clock moments, sent by the test (`kill -9`), which also lands inside
  COMMIT and WAL writes.
After each crash the file must hold only whole articles; after the run is resumed the log
must be exactly the log of a clean run.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    NOTES,
    ROOT,
    assert_clean_error,
    needs_extractor,
    run_cli,
    scaled,
)
from tests.reliability.helpers import check_log, corpus, log_rows

SEED = 20260407
K = 3  # events per article


def _expected(indexes: range) -> dict[str, set[str]]:
    return {a.id: {e.id for e in events} for a, events in corpus(indexes, K).values()}


def _statements(zygote, tmp_path: Path, spec: str) -> tuple[list[str], int]:
    """Record a clean run's statements; return them and its VM-progress count."""
    record = tmp_path / "statements.txt"
    assert (
        zygote.run(
            "--db",
            str(tmp_path / "record.db"),
            "--articles",
            spec,
            "--events",
            str(K),
            "--record",
            str(record),
        )
        == 0
    )
    lines = record.read_text().splitlines()
    vm = int(next(line for line in reversed(lines) if line.startswith("#vm")).split()[1])
    return [line for line in lines if not line.startswith("#")], vm


def _inside_transaction(statements: list[str]) -> list[bool]:
    """For each statement: would a kill just before it leave a write transaction open?"""
    inside, flags = False, []
    for sql in statements:
        if sql.startswith("BEGIN"):
            flags.append(False)
            inside = True
        else:
            flags.append(inside)
            if sql.startswith(("COMMIT", "ROLLBACK")):
                inside = False
    return flags


def test_kill_before_every_statement_then_resume(zygote, tmp_path, figures):
    """Exhaustive: one crash before each statement of a 6-article run, on a fresh file."""
    spec, indexes = "0-5", range(6)
    expected = _expected(indexes)
    clean = tmp_path / "clean.db"
    assert zygote.run("--db", str(clean), "--articles", spec, "--events", str(K)) == 0
    clean_rows = log_rows(clean)
    assert len(clean_rows) == 6 * K
    statements, _ = _statements(zygote, tmp_path, spec)
    inside = _inside_transaction(statements)
    killed = mid_txn = 0
    for point in range(1, len(statements) + 1):
        db = tmp_path / f"stmt-{point}.db"
        code = zygote.run(
            "--db", str(db), "--articles", spec, "--events", str(K), "--kill-at-stmt", str(point)
        )
        assert code == -9, f"statement {point} ({statements[point - 1]}): exit {code}"
        killed += 1
        mid_txn += inside[point - 1]
        if db.exists():
            check_log(db, expected)  # the crashed file holds only whole articles
        assert zygote.run("--db", str(db), "--articles", spec, "--events", str(K)) == 0
        check_log(db, expected)
        assert log_rows(db) == clean_rows, f"resumed log differs after a crash at statement {point}"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    figures["crash points: before each SQL statement (exhaustive, 6 articles)"] += killed
    figures["crash points: of which inside an open write transaction"] += mid_txn
    assert mid_txn >= 6 * (K + 3)  # every article's inserts and its COMMIT were hit


def test_repeated_random_kills_then_resume(zygote, tmp_path, figures):
    """120 files (x TIMELINE_RELIABILITY_SCALE), each crashed 1-3 times in a row at random
    points, then resumed."""
    spec, indexes = "0-29", range(30)
    expected = _expected(indexes)
    statements, vm_total = _statements(zygote, tmp_path, spec)  # (also warms the zygote up)
    clean = tmp_path / "clean.db"
    started = time.monotonic()
    assert zygote.run("--db", str(clean), "--articles", spec, "--events", str(K)) == 0
    duration = time.monotonic() - started  # the span a wall-clock kill is drawn from
    clean_rows = log_rows(clean)
    assert len(clean_rows) == 30 * K
    rng = random.Random(SEED)
    kinds = {"statement": 0, "vm step": 0, "wall clock": 0}
    partial_states: set[int] = set()
    trials = scaled(120)
    for trial in range(trials):
        db = tmp_path / f"trial-{trial}.db"
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(list(kinds))
            args = ["--db", str(db), "--articles", spec, "--events", str(K)]
            if kind == "statement":
                code = zygote.run(*args, "--kill-at-stmt", str(rng.randint(1, len(statements))))
            elif kind == "vm step":
                code = zygote.run(*args, "--kill-at-vm", str(rng.randint(1, vm_total)))
            else:
                code = zygote.run(*args, kill_after=rng.uniform(0, duration))
            assert code in (0, -9), f"writer exited {code}"
            if code == -9:
                kinds[kind] += 1
            if db.exists():
                partial_states.add(check_log(db, expected)["articles"])
        assert zygote.run("--db", str(db), "--articles", spec, "--events", str(K)) == 0
        check_log(db, expected)
        assert log_rows(db) == clean_rows, f"trial {trial}: resumed log differs from a clean run"
    for kind, count in kinds.items():
        figures[f"crash points: random {kind} (30 articles, repeated)"] += count
    NOTES.append(
        f"random crashes left {len(partial_states)} distinct partial states "
        f"(committed articles: {sorted(partial_states)[:8]}...)"
    )
    assert sum(kinds.values()) >= trials
    assert len(partial_states) >= 10  # the kills really landed all over the run


@needs_extractor
def test_cli_ingest_killed_then_rerun_equals_clean_run(zygote, tmp_path, figures):
    """The real `timeline ingest` CLI, killed at random statements (forked from a warm
    process) and by the clock (fresh interpreters), then run again to the end."""
    corpus_dir = tmp_path / "news articles ü"
    shutil.copytree(ROOT / "seeds", corpus_dir)
    for extra in sorted((ROOT / "tests/fixtures/corpus").glob("*.txt"))[:5]:
        shutil.copy(extra, corpus_dir / extra.name)
    ingest = ["ingest", str(corpus_dir), "--json", "--db"]
    clean = tmp_path / "clean.db"
    assert zygote.run("cli", "--", *ingest, str(clean)) == 0
    clean_rows = log_rows(clean)
    assert clean_rows, "the corpus produced no events"
    expected: dict[str, set[str]] = {}
    for row in clean_rows:
        expected.setdefault(row[7], set()).add(row[1])
    record = tmp_path / "statements.txt"
    assert zygote.run("cli", "--record", str(record), "--", *ingest, str(tmp_path / "r.db")) == 0
    n_statements = sum(1 for line in record.read_text().splitlines() if not line.startswith("#"))
    rng = random.Random(SEED)
    killed = 0
    failures: list[str] = []
    trials = scaled(14)
    for trial in range(trials):
        db = tmp_path / f"cli-{trial}.db"
        if trial < 2:  # a fresh interpreter, killed from outside at a random moment
            proc = subprocess.Popen(
                [sys.executable, "-m", "timeline", *ingest, str(db)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.8, 2.0))
            proc.kill()
            code = proc.wait(timeout=60)
        else:
            point = rng.randint(1, n_statements)
            code = zygote.run("cli", "--kill-at-stmt", str(point), "--", *ingest, str(db))
        killed += code == -9
        try:
            if db.exists():
                check_log(db, expected)
            if trial < 2:  # resumed by a fresh `timeline ingest`, as a user would
                again = run_cli(*ingest, str(db), cwd=ROOT)
                assert again.returncode == 0, again.stdout[-2000:] + again.stderr
                assert "Traceback" not in again.stderr, again.stderr
            else:
                assert zygote.run("cli", "--", *ingest, str(db)) == 0
            check_log(db, expected)
            assert log_rows(db) == clean_rows, f"trial {trial}: resumed log differs from clean"
        except AssertionError as e:
            failures.append(f"trial {trial} (exit {code}): {e}")
    verify = run_cli("verify", "--db", str(db), cwd=ROOT)
    assert verify.returncode == 0 and "hash chain intact" in verify.stdout, verify.stderr
    if failures:
        again = tmp_path / "clean-again.db"
        assert zygote.run("cli", "--", *ingest, str(again)) == 0
        if log_rows(again) != clean_rows:
            pytest.skip("the extractor's output changed while the test ran (files being edited)")
        pytest.fail("\n".join(failures))
    figures["crash points: real `timeline ingest` killed (10 articles)"] += killed
    assert killed >= trials * 2 // 3


def test_crash_leaves_a_file_that_opens_for_readers(zygote, tmp_path):
    """After a crash mid-transaction the CLI's read verbs still work on the file as left."""
    db = tmp_path / "left.db"
    assert zygote.run("--db", str(db), "--articles", "0-3", "--events", str(K)) == 0
    code = zygote.run(
        "--db", str(db), "--articles", "0-9", "--events", str(K), "--kill-at-stmt", "12"
    )
    assert code == -9
    verify = run_cli("verify", "--db", str(db))
    assert verify.returncode == 0, verify.stderr
    assert "hash chain intact" in verify.stdout


def test_verify_reports_a_missing_log_clearly(tmp_path):
    missing = tmp_path / "no such dir" / "x.db"
    proc = run_cli("verify", "--db", str(missing))
    assert_clean_error(proc, str(missing), "cannot open the log")
