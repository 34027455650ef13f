"""Measure as-of latency and whole-log replay on a synthetic log (not collected by pytest).

    .venv/bin/python -m tests.projections.bench_asof --events 1000000 --entities 10000 [--db PATH]

Builds (or reuses) a log of synthetic events spread evenly over the entities, a realistic mix
of types over 2020-2026, then times `asof` for random entities and dates (p50/p95/p99), and
a replay: read the whole log and fold every entity's projection. The DB is a temp file unless
--db is given; never commit it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import msgspec

from events.model import DATA_CLASSES, Source, make_event
from events.values import When
from timeline.projections import asof
from timeline.projections.fold import replay as replay_log
from timeline.store.sqlite import SQLiteStore

MIX = [  # (type, share of events)
    ("stock_price", 45),
    ("analyst_rating", 10),
    ("guidance", 8),
    ("operating_result", 6),
    ("share_buyback", 6),
    ("capital_flow", 6),
    ("product_launch", 5),
    ("insider_trade", 4),
    ("milestone", 3),
    ("plan", 3),
    ("block_trade", 2),
    ("dividend", 1),
    ("contract", 1),
]
TYPES = [t for t, n in MIX for _ in range(n)]


def _day(rnd: random.Random) -> str:
    return f"{rnd.randint(2020, 2026)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def _data(type_: str, rnd: random.Random) -> dict:
    hkd = {"amount": round(rnd.uniform(10, 60), 2), "currency": "HKD"}
    n = rnd.randint(1, 9) * 10 ** rnd.randint(3, 6)
    return {
        "stock_price": {"close": hkd, "change_pct": round(rnd.uniform(-5, 5), 2)},
        "analyst_rating": {
            "firm": rnd.choice(["GS", "MS", "HSBC", "Daiwa", "CICC", "UBS"]),
            "rating": "buy",
            "target_price": hkd,
        },
        "guidance": {
            "metric": rnd.choice(["deliveries", "revenue", "gross_margin"]),
            "period": str(rnd.randint(2020, 2026)),
            "value": n,
        },
        "operating_result": {
            "metric": rnd.choice(["deliveries", "revenue"]),
            "period": str(rnd.randint(2020, 2026)),
            "value": n,
        },
        "share_buyback": {
            "shares": {"value": n, "unit": "shares"},
            "amount": hkd,
            "program_total_shares": {"value": n * 30, "unit": "shares"},
        },
        "capital_flow": {"channel": rnd.choice(["Northbound", "Southbound"]), "net": hkd},
        "product_launch": {
            "product": f"P{rnd.randint(1, 5)}",
            "stage": rnd.choice(["pre_order", "launch"]),
        },
        "insider_trade": {
            "person": f"Person {rnd.randint(1, 4)}",
            "direction": "buy",
            "stake_after_pct": {"value": rnd.uniform(0, 30), "unit": "pct"},
        },
        "milestone": {"kind": "production", "description": f"milestone {n}"},
        "plan": {"description": f"plan {n}", "period": str(rnd.randint(2020, 2030))},
        "block_trade": {"shares": {"value": n, "unit": "shares"}, "price": hkd},
        "dividend": {"kind": "regular", "per_share": hkd},
        "contract": {"counterparty": f"C{n}", "amount": hkd},
    }[type_]


def build(
    path: Path,
    events: int,
    entities: int,
    seed: int = 7,
    batch: int = 20000,
    only: str | None = None,
) -> None:
    rnd = random.Random(seed)
    store = SQLiteStore(path)
    pending = []
    t0 = time.perf_counter()
    for i in range(events):
        type_ = rnd.choice(TYPES)
        day = _day(rnd)
        reported = day
        entity = only or f"e{i % entities:05d}"
        article = f"art_{entity}_{day}"
        pending.append(
            make_event(
                type_,
                entity=entity,
                when=When.day(day),
                reported=reported,
                source=Source(
                    article=article,
                    origin=f"synthetic/{article}",
                    title=f"News of {entity} on {day}",
                    published=reported,
                ),
                data=msgspec.convert(_data(type_, rnd), DATA_CLASSES[type_]),
            )
        )
        if len(pending) == batch:
            store.append(pending)
            pending = []
    if pending:
        store.append(pending)
    store.conn.execute("ANALYZE")
    print(f"built {events:,} events over {entities:,} entities in {time.perf_counter() - t0:.1f}s")
    store.close()


def time_asof(
    path: Path, entities: int, samples: int, pit: bool, only: str | None = None
) -> list[float]:
    store = SQLiteStore(path, readonly=True)
    rnd = random.Random(1)
    timings = []
    for _ in range(samples):
        entity = only or f"e{rnd.randrange(entities):05d}"
        day = _day(rnd)
        t = time.perf_counter()
        asof(store, entity, day, pit=pit)
        timings.append((time.perf_counter() - t) * 1000)
    store.close()
    return timings


def replay(path: Path) -> tuple[int, float, float]:
    """Stream the whole log in seq order and fold every entity: (events, read+fold s, read s)."""
    store = SQLiteStore(path, readonly=True)
    t = time.perf_counter()
    n = sum(1 for _ in store.iter_events())
    read = time.perf_counter() - t
    t = time.perf_counter()
    projectors = replay_log(store.iter_events(), store.retracted_ids())
    total = time.perf_counter() - t
    assert sum(p.folded + p.skipped for p in projectors.values()) == n
    store.close()
    return n, total, read


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--entities", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--no-replay", action="store_true")
    ap.add_argument(
        "--heavy", type=int, default=0, help="also time one entity with this many events"
    )
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    if not path.exists():
        build(path, args.events, args.entities)
    print(f"log: {path} ({path.stat().st_size / 1e6:,.0f} MB)")
    t = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    print(
        f"machine: a 1e6-step Python loop takes {time.perf_counter() - t:.3f} s"
        " (~0.04 s on a quiet laptop)"
    )
    for pit in (False, True):
        ms = sorted(time_asof(path, args.entities, args.samples, pit))
        q = statistics.quantiles(ms, n=100)
        print(
            f"asof{' --pit' if pit else ''}: p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms,"
            f" p99 {q[98]:.2f} ms"
            f" over {len(ms)} queries"
        )
    if args.heavy:
        heavy = f"heavy{args.heavy}"
        store = SQLiteStore(path)
        known = store.conn.execute(
            "SELECT count(*) FROM events WHERE entity = ?", (heavy,)
        ).fetchone()[0]
        store.close()
        if not known:
            build(path, args.heavy, 1, seed=11, only=heavy)
        ms = sorted(time_asof(path, 1, max(20, args.samples // 20), False, only=heavy))
        print(f"asof of one entity with {args.heavy:,} events: p50 {statistics.median(ms):.1f} ms")
    if not args.no_replay:
        n, total, read = replay(path)
        print(
            f"replay: {n:,} events, read+decode+fold {n / total:,.0f} events/s"
            f" (read+decode alone {n / read:,.0f} events/s;"
            f" fold share {max(total - read, 0) / total:.0%})"
        )


if __name__ == "__main__":
    main()
