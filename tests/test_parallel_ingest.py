"""`timeline ingest --jobs N`: workers parse and extract, one process appends in file order."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from events.entities import default_registry
from events.extract import default_extractor
from timeline.api import Timeline
from timeline.cli import app
from timeline.store.sqlite import SQLiteStore

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _log(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT seq, id, article FROM events ORDER BY seq").fetchall()


@pytest.fixture
def batch(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seeds, a few corpus articles, and three bad files in between."""
    folder = tmp_path / "batch"
    shutil.copytree(seeds_dir, folder)
    for path in sorted(CORPUS.glob("*.txt"))[:6]:
        shutil.copy(path, folder / path.name)
    (folder / "001a_empty.txt").write_text("")
    (folder / "002a_binary.txt").write_bytes(b"\x00\xff\x00" * 300)
    (folder / "003a_undated.txt").write_text("Some words with no date at all.\n")
    return folder


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_jobs_write_the_log_one_process_writes(runner, tmp_path, batch, jobs):
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    serial = runner.invoke(app, ["ingest", str(batch), "--db", str(one), "--json"])
    parallel = runner.invoke(app, ["ingest", str(batch), "--db", str(many), "-j", jobs, "--json"])
    assert serial.exit_code == parallel.exit_code == 1  # the bad files fail, in both
    a, b = json.loads(serial.stdout), json.loads(parallel.stdout)
    assert a["errors"] == b["errors"] and len(a["errors"]) == 3
    assert all(e.startswith(str(batch)) for e in b["errors"])  # each names its file
    assert a["articles"] == b["articles"] == 11
    assert _log(one) == _log(many)  # same events, same order, same articles
    again = runner.invoke(app, ["ingest", str(batch), "--db", str(many), "-j", jobs, "--json"])
    assert json.loads(again.stdout)["events_new"] == 0


def test_jobs_zero_means_one_per_cpu_and_the_summary_is_the_same(runner, tmp_path, seeds_dir):
    out = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(tmp_path / "l.db"), "-j", "0"])
    assert out.exit_code == 0, out.stderr
    assert "5 articles" in out.stdout


class _DiesOn:
    """An extractor whose worker process dies on one article (a kill, out of memory)."""

    def __init__(self, word: str) -> None:
        self.inner = default_extractor()
        self.name, self.version, self.word = self.inner.name, self.inner.version, word

    def extract(self, article, registry):
        if self.word in article.body and os.getpid() != _PARENT:
            os._exit(9)
        return self.inner.extract(article, registry)


_PARENT = os.getpid()


def test_a_dead_worker_fails_its_files_with_a_hint_and_keeps_the_rest(tmp_path, batch):
    store = SQLiteStore(tmp_path / "dead.db")
    tl = Timeline(store=store, registry=default_registry(), extractor=_DiesOn("Kirin 9000"))
    (batch / "zz_dies.txt").write_text("Published: 2025-01-02\n\nHuawei said Kirin 9000.\n")
    try:
        report = tl.ingest([batch], jobs=2)
    finally:
        tl.close()
    dead = [e for e in report.errors if "worker process died" in e]
    assert dead and all("--jobs 1" in e for e in dead)
    assert report.articles >= 1  # what was extracted before the death is in the log
    logged = {r[2] for r in _log(tmp_path / "dead.db")}
    assert logged == {o.article for o in report.outcomes if o.ok and o.new}
