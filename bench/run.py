"""The benchmark suite: `python bench/run.py [--quick] [--json] [--only NAME,...]`.

Builds its own data from the seeds (see bench/synth.py), caches the 10k/100k/1M logs under
bench/out/, times each figure several times and reports medians, with targets and pass/miss.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import cases, logs  # noqa: E402
from bench.measure import Figure, Missing, fmt  # noqa: E402

GROUPS = ("ingest", "append", "replay", "asof", "export")
# What each group reports, so a group that cannot run still shows its rows as n/a.
_NAMES = {
    "ingest": ["ingest_articles_per_s"],
    "append": [
        "append_events_per_s",
        "raw_sqlite_events_per_s",
        "eventsourcing_events_per_s",
        "append_vs_raw_sqlite",
        "append_vs_eventsourcing",
        "payload_only_events_per_s",
        "payload_only_vs_eventsourcing",
    ],
    "replay": [
        "raw_read_decode_events_per_s",
        "store_read_decode_events_per_s",
        "replay_events_per_s",
    ],
    "asof": ["asof_ms_p50", "asof_ms_p99"],
    "export": ["export_jsonl_events_per_s", "export_peak_rss_mb"],
}


@dataclass
class Config:
    mode: str
    repeats: int
    ingest_articles: int
    append_events: int
    asof_sizes: tuple[int, ...]
    asof_queries: int
    replay_size: int
    export_sizes: tuple[int, ...]


QUICK = Config(
    mode="quick",
    repeats=3,
    ingest_articles=20,
    append_events=10_000,
    asof_sizes=(10_000, 100_000),
    asof_queries=100,
    replay_size=100_000,
    export_sizes=(10_000, 100_000),
)
FULL = Config(
    mode="full",
    repeats=5,
    ingest_articles=200,
    append_events=50_000,
    asof_sizes=(10_000, 100_000, 1_000_000),
    asof_queries=200,
    replay_size=1_000_000,
    export_sizes=(100_000, 1_000_000),
)


def _say(quiet: bool):
    start = time.perf_counter()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    return say


def run(cfg: Config, only: tuple[str, ...], say) -> tuple[list[Figure], dict]:
    figures: list[Figure] = []
    built: dict[str, float] = {}
    anchor: float | None = None  # plain sqlite3 + msgspec read+decode rate, this run

    def log(n: int) -> Path:
        path, rate = logs.ensure_log(n, quiet=True)
        if rate is not None:
            built[logs.label(n)] = rate
            say(
                f"built the {logs.label(n)} log at {rate:,.0f} events/s (store.append, 50k batches)"
            )
        return path

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmpdir:
        tmp = Path(tmpdir)
        for group in GROUPS:
            if only and group not in only:
                continue
            say(f"{group} ...")
            try:
                if group == "ingest":
                    figures += cases.ingest(cfg, tmp, say)
                elif group == "append":
                    figures += cases.append(cfg, tmp, say)
                elif group == "replay":
                    path = log(cfg.replay_size)
                    found = cases.reads(cfg, path, cfg.replay_size, say)
                    figures += found
                    anchor = found[0].value
                elif group == "asof":
                    cases.need("timeline.api", "Timeline.asof")
                    figures += cases.asof(cfg, {n: log(n) for n in cfg.asof_sizes}, say)
                elif group == "export":
                    cases.need("timeline.api", "Timeline.export")
                    figures += cases.export(
                        cfg, {n: log(n) for n in cfg.export_sizes}, tmp, say, anchor
                    )
            except Missing as e:
                known = {f.name.split("@")[0] for f in figures}
                for name in _NAMES[group]:
                    if name not in known:
                        figures.append(Figure(name, None, "", note=str(e)))
                say(f"{group}: {e}")
    return figures, {"logs_built_events_per_s": built}


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def render(figures: list[Figure], meta: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"timeline benchmarks ({meta['mode']}, median of {meta['repeats']} runs)")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_column("")
    table.add_column("note", overflow="fold")
    for f in figures:
        status = "" if f.ok is None else ("[green]pass[/]" if f.ok else "[red]MISS[/]")
        value = (
            fmt(f.value, f.unit)
            if f.value is not None
            else (f.note if f.note.startswith("n/a") else "n/a")
        )
        note = "" if f.value is None and f.note.startswith("n/a") else f.note
        table.add_row(f.name, value, f.target, status, note)
    console = Console(width=max(140, Console().width))
    console.print(table)
    console.print(
        f"{meta['machine']['cpus']} cpus, load {meta['machine']['loadavg_at_start']} at start, "
        f"python {meta['machine']['python']}, sqlite {meta['machine']['sqlite']}, "
        f"{meta['seconds']:.0f}s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="CI smoke run: 100k events, 3 runs, < 1 min"
    )
    parser.add_argument("--json", action="store_true", help="print only JSON on stdout")
    parser.add_argument("--only", default="", help=f"comma-separated groups: {','.join(GROUPS)}")
    parser.add_argument(
        "--repeats", type=int, default=None, help="runs per figure (3 quick, 5 full)"
    )
    args = parser.parse_args(argv)
    only = tuple(g.strip() for g in args.only.split(",") if g.strip())
    unknown = set(only) - set(GROUPS)
    if unknown:
        parser.error(
            f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}"
        )
    cfg = QUICK if args.quick else FULL
    if args.repeats:
        cfg = Config(**{**cfg.__dict__, "repeats": args.repeats})
    started = time.perf_counter()
    meta = {
        "schema": "timeline-bench/1",
        "mode": cfg.mode,
        "repeats": cfg.repeats,
        "cache_key": logs.cache_key(),
        "machine": machine(),
    }
    figures, extra = run(cfg, only, _say(False))
    meta.update(extra, seconds=time.perf_counter() - started)
    if args.json:
        print(json.dumps({**meta, "figures": [f.to_dict() for f in figures]}, indent=2))
    else:
        render(figures, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
