"""The logs the read figures run on: 10k, 100k and 1M synthetic events, built once and cached.

A log is built through the store's own `append` in batches of 50,000 (hash chain, indexes
and all: the honest path), then checkpointed into one file. It is cached under `bench/out/`
with a key over what decides its bytes (see `cache_key`): a change to the generator, the
event encoding or the schema rebuilds it; a change to the store's code alone does not (so
that fixes to its write path do not cost a 1M rebuild each): delete `bench/out/` to force one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path

from bench import synth

ROOT = synth.ROOT
OUT = ROOT / "bench" / "out"
BUILD_BATCH = 50_000


def cache_key() -> str:
    """A key over what decides a log's bytes: the events the generator makes and the schema.

    Taken from the output, not the source: the first 2,000 events of the 1M stream, encoded,
    and the DDL of a fresh log. A new optional field or a reformatted file keeps the key; a
    change to the generator, the encoding or the schema changes it.
    """
    import tempfile

    from events.model import encode_event
    from timeline.store.sqlite import SQLiteStore

    h = hashlib.sha256(synth.SYNTH_VERSION.encode())
    for event in next(synth.iter_event_batches(1_000_000, batch=2000)):
        h.update(encode_event(event))
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "schema.db")
        try:
            for (sql,) in store.conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
            ):
                h.update(sql.encode())
        finally:
            store.close()
    return h.hexdigest()[:12]


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def ensure_log(n: int, *, quiet: bool = False) -> tuple[Path, float | None]:
    """Path of a log holding `n` synthetic events, and the build rate if it was built now."""
    from timeline.store.sqlite import SQLiteStore

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"log-{label(n)}-{cache_key()}.db"
    if path.exists():
        return path, None
    for stale in OUT.glob(f"log-{label(n)}-*.db"):  # an older key's log: no longer valid
        for f in (stale, Path(f"{stale}-wal"), Path(f"{stale}-shm")):
            f.unlink(missing_ok=True)
    tmp = path.with_name(path.name + f".building-{os.getpid()}")
    if not quiet:
        print(
            f"building the {label(n)}-event log (cached in {OUT.relative_to(ROOT)}/) ...",
            file=sys.stderr,
            flush=True,
        )
    store = SQLiteStore(tmp)
    appended, spent = 0, 0.0
    try:
        for batch in synth.iter_event_batches(n, batch=BUILD_BATCH):
            t0 = time.perf_counter()
            appended += len(store.append(batch).added)
            spent += time.perf_counter() - t0
        if appended != n:
            raise RuntimeError(f"built {appended} events, expected {n}")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = WAL")  # stays WAL, like a log the CLI made
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    return path, n / spent if spent else None
