"""The figures of the issue, one function each; every one returns a list of `Figure`s.

A figure whose piece of the engine is not there yet raises `Missing` and is shown as
"n/a (missing: <module>)". Nothing here is faked: each figure times the engine's own code.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from bench import logs, peer, synth
from bench.measure import Figure, Missing, median, need, percentile

APPEND_BATCH = 10_000  # events per `store.append` call (one transaction each)
SNAPSHOT_SAMPLE = 500  # entities snapshotted after a replay, for the note
STORE_READ_MAX = 100_000  # largest log the store-read figure runs on


class _NoExtractor:
    """The read side needs no extractor; it must not import the write side's."""

    name = "none"
    version = "0"

    def extract(self, article, registry):  # pragma: no cover - never called
        raise NotImplementedError


def _timeline(path: Path, n_entities: int = synth.MAX_ENTITIES):
    Timeline = need("timeline.api", "Timeline")
    from timeline.store.sqlite import SQLiteStore

    return Timeline(
        store=SQLiteStore(path), registry=synth.registry(n_entities), extractor=_NoExtractor()
    )


def _rotate(items: list, k: int) -> list:
    k %= len(items)
    return items[k:] + items[:k]


# --- write side -------------------------------------------------------------------------------


def ingest(cfg, tmp: Path, say: Callable[[str], None]) -> list[Figure]:
    """parse + extract + append of seed-sized articles, a fresh log per run: in one process
    (the target), and with `jobs` worker processes extracting (`timeline ingest --jobs 0`)."""
    need("events.articles", "read_article")
    default_extractor = need("events.extract", "default_extractor")
    Timeline = need("timeline.api", "Timeline")
    from events.entities import default_registry
    from timeline.parallel import default_jobs
    from timeline.store.sqlite import SQLiteStore

    registry, extractor = default_registry(), default_extractor()
    n, jobs = cfg.ingest_articles, default_jobs()
    runs, parallel, events, errors = [], [], [], []
    for rep in range(-1, cfg.repeats):  # run -1 warms up (regexes, imports); not counted
        for workers in (1, jobs) if jobs > 1 else (1,):
            folder = tmp / f"articles-{rep + 1}-{workers}"
            count = 5 if rep < 0 else n
            synth.write_articles(count, folder, offset=(rep + 1) * 100_000 + workers * 10_000)
            tl = Timeline(
                store=SQLiteStore(tmp / f"ingest-{rep + 1}-{workers}.db"),
                registry=registry,
                extractor=extractor,
            )
            try:
                t0 = time.perf_counter()
                report = tl.ingest([folder], jobs=workers)
                dt = time.perf_counter() - t0
            finally:
                tl.close()
            if rep >= 0:
                (runs if workers == 1 else parallel).append(report.articles / dt)
                events.append(report.new)
                errors.extend(report.errors)
                say(
                    f"ingest run {rep + 1}, {workers} process(es): {report.articles} articles,"
                    f" {report.new} events in {dt:.2f}s"
                )
    note = f"{n} articles/run, ~{median(events) / n:.1f} events each"
    if errors:
        note += f"; {len(errors)} errors, first: {errors[0][:80]}"
    value = median(runs)
    figures = [
        Figure("ingest_articles_per_s", value, "articles/s", runs, ">= 200", value >= 200, note)
    ]
    if parallel:
        figures.append(
            Figure(
                "ingest_jobs_articles_per_s",
                median(parallel),
                "articles/s",
                parallel,
                note=f"--jobs {jobs}: {jobs} processes extract, one appends (not the one-core"
                " target); other variants of the same seeds",
            )
        )
    return figures


def append(cfg, tmp: Path, say: Callable[[str], None]) -> list[Figure]:
    """The same pre-built events through our store, plain sqlite3 and eventsourcing, interleaved."""
    from timeline.store.sqlite import SQLiteStore

    n = cfg.append_events
    events = synth.make_events(n, seed=2)
    pragmas = peer.store_pragmas(tmp / "pragmas.db")
    try:
        peer.eventsourcing_available()
        es_missing = None
    except Missing as e:
        es_missing = e

    def ours(path: Path) -> float:
        store = SQLiteStore(path)
        try:
            t0 = time.perf_counter()
            added = 0
            for i in range(0, n, APPEND_BATCH):
                added += len(store.append(events[i : i + APPEND_BATCH]).added)
            dt = time.perf_counter() - t0
        finally:
            store.close()
        assert added == n, (added, n)
        return n / dt

    def raw(path: Path) -> float:
        peer.store_pragmas(path)  # the store makes the schema; not timed
        t0 = time.perf_counter()
        peer.raw_sqlite_append(path, events, pragmas)
        return n / (time.perf_counter() - t0)

    def limit(path: Path) -> float:
        return n / peer.payload_only_append(path, events, pragmas)

    es_note = ""

    def es(path: Path) -> float:
        nonlocal es_note
        seconds, es_note = peer.eventsourcing_append(path, events, pragmas["synchronous"])
        return n / seconds

    sides: list[tuple[str, Callable[[Path], float]]] = [
        ("store", ours),
        ("raw", raw),
        ("limit", limit),
    ]
    if es_missing is None:
        sides.append(("es", es))
    rates: dict[str, list[float]] = {name: [] for name, _ in sides}
    for rep in range(cfg.repeats):
        for name, run in _rotate(sides, rep):
            rates[name].append(run(tmp / f"append-{name}-{rep}.db"))
            for f in tmp.glob(f"append-{name}-{rep}.db*"):
                f.unlink()
        say(f"append run {rep + 1}: " + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in rates.items()))
    vs_raw = [a / b for a, b in zip(rates["store"], rates["raw"], strict=True)]
    figures = [
        Figure(
            "append_events_per_s",
            median(rates["store"]),
            "events/s",
            rates["store"],
            note=f"{n:,} events/run, {APPEND_BATCH:,} per append() call",
        ),
        Figure(
            "raw_sqlite_events_per_s",
            median(rates["raw"]),
            "events/s",
            rates["raw"],
            note="same schema and rows, one executemany, one transaction: the ceiling",
        ),
    ]
    figures.append(
        Figure(
            "payload_only_events_per_s",
            median(rates["limit"]),
            "events/s",
            rates["limit"],
            note="the speed limit: only each event's canonical bytes, one column, no index",
        )
    )
    if es_missing is None:
        vs_es = [a / b for a, b in zip(rates["store"], rates["es"], strict=True)]
        limit_vs_es = [a / b for a, b in zip(rates["limit"], rates["es"], strict=True)]
        figures.append(
            Figure(
                "eventsourcing_events_per_s",
                median(rates["es"]),
                "events/s",
                rates["es"],
                note=f"SQLiteApplicationRecorder, 1,000 per insert_events; {es_note}",
            )
        )
    else:
        figures.append(Figure("eventsourcing_events_per_s", None, "events/s", note=str(es_missing)))
    figures.append(
        Figure(
            "append_vs_raw_sqlite",
            median(vs_raw),
            "x",
            vs_raw,
            ">= 0.5",
            median(vs_raw) >= 0.5,
            "median of per-run ratios",
        )
    )
    if es_missing is None:
        figures.append(
            Figure(
                "append_vs_eventsourcing",
                median(vs_es),
                "x",
                vs_es,
                ">= 3",
                median(vs_es) >= 3,
                "median of per-run ratios",
            )
        )
        figures.append(
            Figure(
                "payload_only_vs_eventsourcing",
                median(limit_vs_es),
                "x",
                limit_vs_es,
                note="the most any log of these events could be ahead of the peer, writing "
                "nothing but their bytes (per-run ratios)",
            )
        )
    else:
        figures.append(
            Figure("append_vs_eventsourcing", None, "x", target=">= 3", note=str(es_missing))
        )
    return figures


# --- read side --------------------------------------------------------------------------------


def raw_read_decode(path: Path) -> int:
    """The read anchor: plain sqlite3 `SELECT payload` in log order + msgspec decode of each."""
    import sqlite3

    from events.model import decode_event

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = conn.execute("SELECT payload FROM events ORDER BY seq")
        count = 0
        while rows := cursor.fetchmany(5000):
            for (payload,) in rows:
                decode_event(payload)
            count += len(rows)
        return count
    finally:
        conn.close()


def reads(cfg, path: Path, n: int, say) -> list[Figure]:
    """Whole-log reads, interleaved run by run: the raw anchor, `iter_events`, and replay.

    Replay is `timeline.projections.fold.replay` over `store.iter_events(lazy=True)` with the
    retracted ids read first: read, decode and fold every entity. Lazy is the fold path (as-of
    queries read the same way): the evidence, source and extractor of each event stay raw JSON,
    which the fold never reads; the anchor decodes them whole. A snapshot of each entity is
    timed apart (it is a query, not part of the fold) and reported in the note.
    """
    from timeline.store.sqlite import SQLiteStore

    fold_all = _replay_function()
    snaps: list[float] = []

    def store_read() -> int:
        store = SQLiteStore(path)
        try:
            return sum(1 for _ in store.iter_events())
        finally:
            store.close()

    def replay() -> int:
        store = SQLiteStore(path)
        try:
            t0 = time.perf_counter()
            projectors = fold_all(store.iter_events(lazy=True), store.retracted_ids())
            dt = time.perf_counter() - t0
            count = sum(p.folded + p.skipped for p in projectors.values())
            last = store.conn.execute("SELECT max(reported) FROM events").fetchone()[0]
            sample = list(projectors.items())[:SNAPSHOT_SAMPLE]
            t1 = time.perf_counter()
            for entity, p in sample:
                p.snapshot(entity, last)
            snaps.append((time.perf_counter() - t1) / max(1, len(sample)) * 1000)
        finally:
            store.close()
        return count, dt

    sides = [("raw", lambda: raw_read_decode(path)), ("store", store_read), ("replay", replay)]
    if n > STORE_READ_MAX:  # the 1M log: keep the run to minutes; --quick measures it at 100k
        sides = [side for side in sides if side[0] != "store"]
    rates: dict[str, list[float]] = {name: [] for name, _ in sides}
    for rep in range(cfg.repeats):
        for name, run in _rotate(sides, rep):
            t0 = time.perf_counter()
            result = run()
            count, dt = result if isinstance(result, tuple) else (result, time.perf_counter() - t0)
            if count != n:
                raise RuntimeError(f"{name} read {count} events, the log holds {n}")
            rates[name].append(count / dt)
        say(f"reads run {rep + 1}: " + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in rates.items()))
    size = logs.label(n)
    replay_value = median(rates["replay"])
    vs_raw = [a / b for a, b in zip(rates["replay"], rates["raw"], strict=True)]
    return [
        Figure(
            "raw_read_decode_events_per_s",
            median(rates["raw"]),
            "events/s",
            rates["raw"],
            note=f"anchor: plain sqlite3 SELECT payload + msgspec decode, {size} log"
            " (issue: ~520k/s)",
        ),
        Figure(
            "store_read_decode_events_per_s",
            median(rates["store"]) if "store" in rates else None,
            "events/s",
            rates.get("store", []),
            note=f"store.iter_events() over the {size} log, no fold"
            if "store" in rates
            else f"n/a (not run at {size}: see --quick, at 100k)",
        ),
        Figure(
            "replay_events_per_s",
            replay_value,
            "events/s",
            rates["replay"],
            ">= 400,000",
            replay_value >= 400_000,
            f"{size} log: read, decode, fold every entity; then a snapshot "
            f"of one entity takes {median(snaps):.2f} ms (not in the rate)",
        ),
        Figure(
            "replay_vs_raw_read_decode",
            median(vs_raw),
            "x",
            vs_raw,
            ">= 0.77",
            median(vs_raw) >= 400 / 520,
            "anchor-scaled target (400k/s where the anchor reads 520k/s); per-run ratios",
        ),
    ]


def _replay_function():
    """`timeline.projections.fold.replay` if it exists, else one `Projector` per entity."""
    try:
        return need("timeline.projections.fold", "replay")
    except Missing:
        Projector = need("timeline.projections", "Projector")

    def fold_all(events, retracted):
        dead = set(retracted)
        projectors: dict = {}
        for event in events:
            p = projectors.get(event.entity)
            if p is None:
                p = projectors[event.entity] = Projector(dead)
            p.apply(event)
        return projectors

    return fold_all


def _queries(n: int, k: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    slugs = synth.synthetic_slugs(synth.entities_for(n))
    first = synth.FIRST_DAY + timedelta(days=365)
    span = (synth.LAST_DAY - first).days
    return [
        (rng.choice(slugs), (first + timedelta(days=rng.randrange(span))).isoformat())
        for _ in range(k)
    ]


def asof(cfg, paths: dict[int, Path], say) -> list[Figure]:
    """One entity's full as-of state through `Timeline.asof`, at each log size."""
    need("timeline.api", "Timeline.asof")
    figures, p50s = [], {}
    for n, path in sorted(paths.items()):
        tl = _timeline(path)
        store_p50s, p50, p99 = [], [], []
        folded = queries = 0
        try:
            for q_entity, q_day in _queries(n, 30, seed=99):  # warm-up
                tl.asof(q_entity, q_day)
            for rep in range(cfg.repeats):
                times, store_times = [], []
                for q_entity, q_day in _queries(n, cfg.asof_queries, seed=rep):
                    t0 = time.perf_counter()
                    tl.asof(q_entity, q_day)
                    times.append((time.perf_counter() - t0) * 1000)
                    t0 = time.perf_counter()
                    folded += len(tl.store.asof_events(q_entity, q_day, None))
                    store_times.append((time.perf_counter() - t0) * 1000)
                    queries += 1
                p50.append(percentile(times, 50))
                p99.append(percentile(times, 99))
                store_p50s.append(percentile(store_times, 50))
        finally:
            tl.close()
        size = logs.label(n)
        p50s[n] = median(p50)
        say(f"as-of at {size}: p50 {median(p50):.2f} ms, p99 {median(p99):.2f} ms")
        big = n >= 1_000_000
        figures.append(
            Figure(
                f"asof_ms_p50@{size}",
                median(p50),
                "ms",
                p50,
                "<= 5" if big else "",
                (median(p50) <= 5) if big else None,
                f"store read alone p50 {median(store_p50s):.2f} ms; {cfg.asof_queries} queries/run"
                f" folding {folded / max(1, queries):.0f} events each on average"
                f" (~{n // synth.entities_for(n)} events/entity)",
            )
        )
        figures.append(Figure(f"asof_ms_p99@{size}", median(p99), "ms", p99))
    figures.append(_cli_asof(paths[min(paths)], cfg.repeats, say))
    if len(p50s) >= 2:
        lo, hi = min(p50s), max(p50s)
        ratio = p50s[hi] / p50s[lo]
        full = hi >= 1_000_000 and lo <= 10_000
        figures.append(
            Figure(
                f"asof_p50_{logs.label(hi)}_over_{logs.label(lo)}",
                ratio,
                "x",
                target="<= 2",
                ok=ratio <= 2,
                note="" if full else "target is for 1M over 10k (full run)",
            )
        )
    return figures


def _cli_asof(path: Path, repeats: int, say) -> Figure:
    """`timeline asof ENTITY DAY --json` as a user runs it: a new process each time, so the
    figure is start-up (imports, registry) plus one query, what a person waits for."""
    import sqlite3

    from events.entities import default_registry

    known = default_registry().entities
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        entity, day = next(
            (e, d)
            for e, d in conn.execute("SELECT entity, max(reported) FROM events GROUP BY entity")
            if e in known
        )
    cmd = [sys.executable, "-m", "timeline", "asof", entity, day, "--db", str(path), "--json"]
    runs = []
    for _ in range(max(5, repeats)):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=logs.ROOT, capture_output=True, check=True, timeout=120)
        runs.append(time.perf_counter() - t0)
    say(f"timeline asof from the shell: {median(runs):.2f} s")
    return Figure(
        "cli_asof_s",
        median(runs),
        "s",
        runs,
        note=f"`python -m timeline asof {entity} {day} --json`, a new process each run:"
        " start-up and one query",
    )


def export(
    cfg, paths: dict[int, Path], tmp: Path, say, anchor: float | None = None
) -> list[Figure]:
    """Streaming JSONL export of the whole log, each run in its own process (peak RSS)."""
    need("timeline.api", "Timeline.export")
    figures, rss, rates_at = [], {}, {}
    for n, path in sorted(paths.items()):
        rates, peaks, base = [], [], []
        for _ in range(cfg.repeats):
            out = tmp / f"export-{n}.jsonl"
            proc = subprocess.run(
                [sys.executable, "-m", "bench.worker", "export", str(path), str(out)],
                cwd=logs.ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            out.unlink(missing_ok=True)
            if proc.returncode != 0:
                raise RuntimeError(f"export worker failed: {proc.stderr.strip()[-500:]}")
            result = json.loads(proc.stdout)
            if result["events"] != n:
                raise RuntimeError(f"export wrote {result['events']} events, expected {n}")
            rates.append(result["events"] / result["seconds"])
            peaks.append(result["peak_rss_mb"])
            base.append(result["base_rss_mb"])
        size = logs.label(n)
        rss[n] = median(peaks)
        rates_at[n] = median(rates)
        say(f"export at {size}: {median(rates):,.0f}/s, peak RSS {median(peaks):.1f} MB")
        figures.append(
            Figure(
                f"export_jsonl_events_per_s@{size}",
                median(rates),
                "events/s",
                rates,
                ">= 300,000",
                median(rates) >= 300_000,
                "Timeline.export(format='jsonl') to a file",
            )
        )
        figures.append(
            Figure(
                f"export_peak_rss_mb@{size}",
                median(peaks),
                "MB",
                peaks,
                note=f"whole worker process; {median(base):.1f} MB before the export",
            )
        )
    if anchor:
        ratio = rates_at[max(rates_at)] / anchor
        figures.append(
            Figure(
                "export_vs_raw_read_decode",
                ratio,
                "x",
                target=">= 0.58",
                ok=ratio >= 300 / 520,
                note=f"at {logs.label(max(rates_at))}, over the read anchor's median of this run;"
                " anchor-scaled target: 300k/s where the anchor reads 520k/s",
            )
        )
    if len(rss) >= 2:
        lo, hi = min(rss), max(rss)
        ratio = rss[hi] / rss[lo]
        full = hi >= 1_000_000
        figures.append(
            Figure(
                f"export_rss_{logs.label(hi)}_over_{logs.label(lo)}",
                ratio,
                "x",
                target="<= 1.5",
                ok=ratio <= 1.5,
                note="" if full else "target is for 1M over 100k (full run)",
            )
        )
    return figures
