"""Precision and recall of the extractor per event type, against hand annotations.

    python bench/extraction_eval.py                 # table on stdout
    python bench/extraction_eval.py --json          # the same numbers as JSON
    python bench/extraction_eval.py --show          # plus every miss and false positive
    python bench/extraction_eval.py --only holdout  # one subset of the annotation file

Annotations: tests/fixtures/corpus/annotations.json (see its "about"). An expected event
matches an emitted one with the same type, entity and `when` label whose data agree on
every field the annotation gives (numbers within 0.5%, strings case-insensitive, `key~`
a substring test, nested objects on their given keys). Matching is one-to-one. Emitted
events that match an `optional` entry are neither true nor false positives.

Throughput: the whole ingest path without the database (parse + extract) is timed over
the seeds, repeated; the database append is timed by the store's own benchmark.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.articles import read_article  # noqa: E402
from events.entities import default_registry  # noqa: E402
from events.extract import default_extractor  # noqa: E402
from events.model import EVENT_TYPES  # noqa: E402

ANNOTATIONS = ROOT / "tests" / "fixtures" / "corpus" / "annotations.json"


def _agree(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        return all(_field(k, v, actual) for k, v in expected.items())
    if isinstance(expected, bool) or expected is None:
        return actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(float(expected), float(actual), rel_tol=5e-3, abs_tol=1e-9)
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.lower() == actual.lower()
    return expected == actual


def _field(key: str, expected: Any, data: dict[str, Any]) -> bool:
    if key.endswith("~"):
        actual = data.get(key[:-1])
        return isinstance(actual, str) and expected.lower() in actual.lower()
    if key not in data:  # a field left at its default is not in the encoded data
        return expected in (False, "exact", "new", "maintain", "units")
    return _agree(expected, data[key])


def matches(spec: dict[str, Any], event: dict[str, Any]) -> bool:
    if spec["type"] != event["type"] or spec.get("entity", event["entity"]) != event["entity"]:
        return False
    if "when" in spec and spec["when"] != event["when"]["label"]:
        return False
    return all(_field(k, v, event["data"]) for k, v in spec.get("data", {}).items())


def evaluate(subset: str | None = None) -> dict[str, Any]:
    spec = json.loads(ANNOTATIONS.read_text("utf-8"))
    registry = default_registry()
    extractor = default_extractor()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    for art in spec["articles"]:
        if subset and art.get("subset", "dev") != subset:
            continue
        article = read_article(ROOT / art["path"]).article
        if art.get("published") and article.published != art["published"]:
            misses.append(
                {
                    "path": art["path"],
                    "problem": f"published {article.published} != {art['published']}",
                }
            )
        events = [msgspec.to_builtins(e) for e in extractor.extract(article, registry)]
        remaining = list(range(len(events)))
        for exp in art["expected"]:
            hit = next((i for i in remaining if matches(exp, events[i])), None)
            if hit is None:
                fn[exp["type"]] += 1
                misses.append({"path": art["path"], "expected": exp})
            else:
                tp[exp["type"]] += 1
                remaining.remove(hit)
        for i in remaining:
            event = events[i]
            if any(matches(opt, event) for opt in art.get("optional", [])):
                continue
            fp[event["type"]] += 1
            false_positives.append(
                {
                    "path": art["path"],
                    "type": event["type"],
                    "entity": event["entity"],
                    "when": event["when"]["label"],
                    "data": event["data"],
                    "rule": event["extractor"]["rule"],
                    "evidence": event["evidence"]["text"][:200],
                }
            )
    rows = []
    for t in [*EVENT_TYPES, "all"]:
        if t == "retraction":
            continue
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "all" else (tp[t], fp[t], fn[t])
        precision = a / (a + b) if a + b else None
        recall = a / (a + c) if a + c else None
        rows.append(
            {"type": t, "tp": a, "fp": b, "fn": c, "precision": precision, "recall": recall}
        )
    return {"rows": rows, "misses": misses, "false_positives": false_positives}


def throughput(repeat: int = 40) -> dict[str, float]:
    """Seed-sized articles per second for parse + extract on one core."""
    registry = default_registry()
    extractor = default_extractor()
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    extractor.extract(read_article(paths[0]).article, registry)  # warm caches and regexes
    start = time.perf_counter()
    for _ in range(repeat):
        for path in paths:
            extractor.extract(read_article(path).article, registry)
    elapsed = time.perf_counter() - start
    n = repeat * len(paths)
    return {
        "articles": n,
        "seconds": round(elapsed, 3),
        "articles_per_second": round(n / elapsed, 1),
    }


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    parser.add_argument("--only", help="evaluate one subset (dev, holdout)")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    args = parser.parse_args(argv)
    result = evaluate(args.only)
    if not args.no_speed:
        result["throughput"] = throughput()
    if args.json:
        print(json.dumps(result, indent=1, default=str))
        return 0
    print(f"{'type':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>7}{'recall':>8}")
    for r in result["rows"]:
        if r["tp"] + r["fp"] + r["fn"] == 0:
            continue
        print(
            f"{r['type']:<18}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{_fmt(r['precision']):>7}{_fmt(r['recall']):>8}"
        )
    if "throughput" in result:
        t = result["throughput"]
        print(
            f"\nthroughput: {t['articles_per_second']} articles/s (parse + extract, {t['articles']} seed articles)"
        )
    if args.show:
        print("\nMISSES")
        for m in result["misses"]:
            print(" ", m)
        print("\nFALSE POSITIVES")
        for f in result["false_positives"]:
            print(" ", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
