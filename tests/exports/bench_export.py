"""Export speed and memory on a synthetic log (not a test; run by hand).

    python -m tests.exports.bench_export --events 200000 100000 1000000

For each size: builds a log of synthetic events (cached under /tmp), then exports it as
JSONL and JSON in a fresh process each, and prints events/s and the process's peak RSS.
The targets (issue 5): JSONL >= 300k events/s; peak RSS at 1M <= 1.5 x peak RSS at 100k.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CACHE = Path("/tmp/timeline-bench")
TYPES = ("stock_price", "analyst_rating", "guidance", "operating_result", "capital_flow")


def _data(kind: str, i: int, day: str):
    from events.model import (
        AnalystRatingData,
        CapitalFlowData,
        GuidanceData,
        OperatingResultData,
        StockPriceData,
    )
    from events.values import Money

    hkd = Money(amount=30.0 + (i % 1000) / 100, currency="HKD")
    if kind == "stock_price":
        return StockPriceData(close=hkd, change_pct=(i % 200 - 100) / 10)
    if kind == "analyst_rating":
        return AnalystRatingData(firm=f"Firm {i % 40}", rating="buy", target_price=hkd)
    if kind == "guidance":
        return GuidanceData(metric="deliveries", period=day[:4], value=float(1000 * (i % 500)))
    if kind == "operating_result":
        return OperatingResultData(metric="revenue", period=day[:4], value=float(i), unit="CNY")
    return CapitalFlowData(channel="Northbound", net=hkd, streak=i % 9)


def synthetic(n: int):
    """n plausible events across a few entities and types, deterministic."""
    from events.model import Evidence, Source, make_event
    from events.values import When

    entities = ("xiaomi", "byd", "tesla", "apple", "nvidia")
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        day = f"{2000 + (i // 365) % 26}-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}"
        text = (
            f"Synthetic sentence number {i} stating a {kind.replace('_', ' ')} about the company."
        )
        article = i // 20
        yield make_event(
            kind,
            entity=entities[i % len(entities)],
            when=When.day(day),
            reported=day,
            source=Source(
                article=f"art_{article:08x}",
                origin=f"synthetic/{article}.txt",
                title=f"Synthetic article {article}",
                url=f"https://example.com/{article}",
                published=day,
            ),
            evidence=Evidence(text=text, start=0, end=len(text)),
            data=_data(kind, i, day),
        )


def build(n: int) -> Path:
    from timeline.store.sqlite import SQLiteStore

    path = CACHE / f"log-{n}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    store = SQLiteStore(tmp)
    batch = []
    started = time.perf_counter()
    for event in synthetic(n):
        batch.append(event)
        if len(batch) == 50_000:
            store.append(batch)
            batch = []
    if batch:
        store.append(batch)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    tmp.rename(path)
    print(f"built {n} events in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return path


def _peak_kib() -> int:
    """This process's peak RSS. (ru_maxrss would include the parent's before exec.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(db: str, fmt: str, entity: str | None) -> None:
    """Run one export into /dev/null and print seconds, events and peak RSS (KiB) as JSON."""
    from timeline.api import Timeline

    with Timeline.open(db, extractor=object()) as tl, open("/dev/null", "wb") as sink:
        started, cpu = time.perf_counter(), time.process_time()
        report = tl.export(entity, format=fmt, out=sink)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = _peak_kib()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "events": report.events, "peak_kib": peak}))


def measure(db: Path, fmt: str, entity: str | None = None) -> dict:
    args = [sys.executable, "-m", "tests.exports.bench_export", "--child", str(db), fmt]
    if entity:
        args.append(entity)
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, nargs="+", default=[200_000])
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], args.child[2] if len(args.child) > 2 else None)
        return
    for n in args.events:
        db = build(n)
        for fmt, entity in (("jsonl", None), ("json", None), ("jsonl", "xiaomi")):
            r = measure(db, fmt, entity)
            rate, cpu_rate = r["events"] / r["seconds"], r["events"] / max(r["cpu"], 1e-9)
            print(
                f"{n:>9} events  {fmt:<5} {entity or 'all':<7} {r['events']:>9} written "
                f"{r['seconds']:6.2f}s wall ({rate / 1000:4.0f}k/s)  {r['cpu']:6.2f}s CPU "
                f"({cpu_rate / 1000:4.0f}k/s)  peak RSS {r['peak_kib'] / 1024:6.1f} MiB"
            )


if __name__ == "__main__":
    main()
