"""Where the ingest spends its time: parse, extract and append, per seed-sized article.

    python bench/profile_ingest.py                  # 100 articles x 5 repeats, median ms/stage
    python bench/profile_ingest.py -n 200 --repeats 7
    python bench/profile_ingest.py --profile        # plus a cProfile top 25 (by own time)
    python bench/profile_ingest.py --profile --sort cumulative --top 40
    python bench/profile_ingest.py --rules          # plus CPU per rule (and the rest of extract)

The articles are the seeds rewritten about other companies (`bench/synth.article_variant`),
written to files and read back as `Timeline.ingest` does: each repeat uses its own variants,
so nothing is parsed twice, and the normaliser's per-sentence caches are cleared before each
article (outside the timing), as a stream of new articles would find them. Each stage is
CPU time (`time.process_time`), less swayed by the neighbours' load than wall time; each
repeat appends to a fresh SQLite log, one transaction per article.

`--rules` times each rule's `apply` apart: a rule's figure includes the sentence values
(money, quantities, periods) it is the first to ask for, and "(rest of extract)" is the
sentence split, gazetteer, keyword gate, attribution and merging.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402
from bench.extraction_eval import _clear_normaliser_caches  # noqa: E402
from events.articles import read_article  # noqa: E402
from events.entities import default_registry  # noqa: E402
from events.extract import RuleExtractor, default_extractor, default_rules  # noqa: E402
from events.model import ExtractorRef  # noqa: E402
from timeline.store.sqlite import SQLiteStore  # noqa: E402

STAGES = ("parse", "extract", "append")


class _TimedRule:
    """A rule that adds the CPU time of its `apply` calls to `totals[name]`."""

    def __init__(self, inner, totals: dict[str, float]) -> None:
        self.inner = inner
        self.name = inner.name
        self.keywords = getattr(inner, "keywords", ())
        self.totals = totals

    def apply(self, view):
        t0 = time.process_time()
        out = list(self.inner.apply(view))
        self.totals[self.name] = self.totals.get(self.name, 0.0) + time.process_time() - t0
        return out


def write_variants(folder: Path, n: int, offset: int) -> list[Path]:
    """`n` unique seed variants as files (k = offset .. offset+n-1)."""
    return synth.write_articles(n, folder, offset=offset)


def run_once(paths: list[Path], db: Path, extractor, registry, profiler=None) -> dict[str, float]:
    """Ingest `paths` into a fresh log at `db`; CPU seconds per stage, summed."""
    store = SQLiteStore(db)
    ref = ExtractorRef(name=extractor.name, version=extractor.version)
    totals = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    try:
        for path in paths:
            _clear_normaliser_caches()
            if profiler:
                profiler.enable()
            t0 = clock()
            article = read_article(path).article
            t1 = clock()
            events = extractor.extract(article, registry)
            t2 = clock()
            store.append_article(article, events, ref)
            t3 = clock()
            if profiler:
                profiler.disable()
            totals["parse"] += t1 - t0
            totals["extract"] += t2 - t1
            totals["append"] += t3 - t2
    finally:
        store.close()
    return totals


def _print_rules(by_rule: dict[str, float], extract_ms: float, articles: int) -> None:
    """Mean CPU ms per article of each rule, slowest first, and what extract spends besides."""
    per_rule = {name: seconds * 1000 / articles for name, seconds in by_rule.items()}
    print("\nCPU ms per article by rule (mean over the repeats):")
    for name, ms in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24s} {ms:6.3f}")
    print(f"  {'(rest of extract)':24s} {extract_ms - sum(per_rule.values()):6.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=100, help="articles per repeat (default 100)")
    ap.add_argument("--repeats", type=int, default=5, help="repeats; medians are shown (default 5)")
    ap.add_argument("--profile", action="store_true", help="cProfile the timed ingest")
    ap.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    ap.add_argument("--top", type=int, default=25, help="profile rows to print (default 25)")
    ap.add_argument("--rules", action="store_true", help="CPU per rule, summed over the repeats")
    args = ap.parse_args(argv)

    registry = default_registry()
    extractor = default_extractor()
    by_rule: dict[str, float] = {}
    if args.rules:
        extractor = RuleExtractor(rules=[_TimedRule(r, by_rule) for r in default_rules()])
    profiler = cProfile.Profile() if args.profile else None
    per_run: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = write_variants(folder / "warm", 5, offset=args.n * args.repeats)
        run_once(warm, folder / "warm.db", extractor, registry)  # imports, regexes, gazetteer
        by_rule.clear()
        for r in range(args.repeats):
            paths = write_variants(folder / f"r{r}", args.n, offset=r * args.n)
            totals = run_once(paths, folder / f"r{r}.db", extractor, registry, profiler)
            ms = {k: v * 1000 / len(paths) for k, v in totals.items()}
            ms["total"] = sum(ms[k] for k in STAGES)
            per_run.append(ms)
            print(
                f"run {r + 1}: "
                + "  ".join(f"{k} {ms[k]:.2f}" for k in (*STAGES, "total"))
                + f" ms/article -> {1000 / ms['total']:.0f} articles/s",
                file=sys.stderr,
            )
    med = {k: statistics.median(run[k] for run in per_run) for k in (*STAGES, "total")}
    print(f"{args.n} articles x {args.repeats} repeats, CPU ms per article (median):")
    for k in (*STAGES, "total"):
        print(f"  {k:8s} {med[k]:6.2f}")
    print(f"  -> {1000 / med['total']:.0f} articles/s on one core")
    if args.rules:
        mean_extract = statistics.mean(run["extract"] for run in per_run)
        _print_rules(by_rule, mean_extract, args.n * args.repeats)
    if profiler:
        print()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
