"""Precision and recall of the extractor per event type, against hand annotations.

    python bench/extraction_eval.py                 # table on stdout
    python bench/extraction_eval.py --json          # the same numbers as JSON
    python bench/extraction_eval.py --show          # plus every miss and false positive
    python bench/extraction_eval.py --only holdout  # one subset of the annotation file
    python bench/extraction_eval.py --annotations tests/fixtures/corpus/holdout3/annotations.json

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
from events.model import DATA_CLASSES, EVENT_TYPES  # noqa: E402

ANNOTATIONS = ROOT / "tests" / "fixtures" / "corpus" / "annotations.json"


def _agree(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        nested = {"bound": "exact", "unit": "units"}
        return all(_field(k, v, actual, nested) for k, v in expected.items())
    if isinstance(expected, bool) or expected is None:
        return actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(float(expected), float(actual), rel_tol=5e-3, abs_tol=1e-9)
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.lower() == actual.lower()
    return expected == actual


def _defaults(type_: str) -> dict[str, Any]:
    """The data class's field defaults: encoded events leave them out."""
    out = {}
    for f in msgspec.structs.fields(DATA_CLASSES[type_]):
        if f.default is not msgspec.NODEFAULT:
            out[f.name] = f.default
    return out


def _field(key: str, expected: Any, data: dict[str, Any], defaults: dict[str, Any]) -> bool:
    if key.endswith("~"):
        actual = data.get(key[:-1])
        return isinstance(actual, str) and expected.lower() in actual.lower()
    if key not in data:  # a field left at its default is not in the encoded data
        return key in defaults and _agree(expected, defaults[key])
    return _agree(expected, data[key])


def matches(spec: dict[str, Any], event: dict[str, Any]) -> bool:
    if spec["type"] != event["type"] or spec.get("entity", event["entity"]) != event["entity"]:
        return False
    if "when" in spec and spec["when"] != event["when"]["label"]:
        return False
    defaults = _defaults(event["type"])
    return all(_field(k, v, event["data"], defaults) for k, v in spec.get("data", {}).items())


def evaluate(subset: str | None = None, annotations: Path = ANNOTATIONS) -> dict[str, Any]:
    spec = json.loads(Path(annotations).read_text("utf-8"))
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


def _clear_normaliser_caches() -> None:
    """The normaliser caches readings per sentence text; repeated seeds would hit them, a
    stream of new articles would not, so each timed article starts cold."""
    import events.normalize as normalize

    for module in list(vars(normalize).values()):
        for obj in list(vars(module).values()) if hasattr(module, "__dict__") else []:
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


def throughput(repeat: int = 7) -> dict[str, float]:
    """CPU time per seed article (the best of `repeat` rounds, normaliser caches cleared):
    parse, extract, and the whole ingest (parse + extract + append to a fresh SQLite log)."""
    import tempfile

    registry = default_registry()
    extractor = default_extractor()
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    articles = [read_article(p).article for p in paths]
    for a in articles:
        extractor.extract(a, registry)  # warm imports, regexes, the gazetteer
    parse = extract = 1e9
    for _ in range(repeat):
        t = time.process_time()
        for p in paths:
            read_article(p)
        parse = min(parse, (time.process_time() - t) / len(paths))
        total = 0.0
        for a in articles:
            _clear_normaliser_caches()
            t = time.process_time()
            extractor.extract(a, registry)
            total += time.process_time() - t
        extract = min(extract, total / len(articles))
    ingest = None
    try:
        from timeline.api import Timeline
    except ImportError:  # the read side is not installed: parse + extract only
        Timeline = None
    if Timeline is not None:
        best = 1e9
        for _ in range(3):
            with tempfile.TemporaryDirectory() as tmp:
                tl = Timeline.open(Path(tmp) / "t.db", extractor=extractor)
                _clear_normaliser_caches()
                t = time.process_time()
                tl.ingest([ROOT / "seeds"])
                best = min(best, (time.process_time() - t) / len(paths))
                tl.close()
        ingest = best
    out = {
        "articles": len(paths),
        "parse_ms": round(parse * 1000, 2),
        "extract_ms": round(extract * 1000, 2),
        "parse_extract_per_second": round(1 / (parse + extract), 1),
    }
    if ingest is not None:
        out["ingest_ms"] = round(ingest * 1000, 2)
        out["ingest_per_second"] = round(1 / ingest, 1)
    t = time.process_time()
    sum(range(10**6))
    out["calibration_ms"] = round((time.process_time() - t) * 1000, 1)  # this machine's speed
    return out


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    parser.add_argument("--only", help="evaluate one subset (dev, holdout)")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    parser.add_argument(
        "--annotations",
        type=Path,
        default=ANNOTATIONS,
        help="annotation file to evaluate against (default: the main corpus file)",
    )
    args = parser.parse_args(argv)
    result = evaluate(args.only, args.annotations)
    if not args.no_speed:
        result["throughput"] = throughput()
    if args.json:
        print(json.dumps(result, indent=1, default=str))
        return 0
    print(f"{'type':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>7}{'recall':>8}")
    for r in result["rows"]:
        if r["tp"] + r["fp"] + r["fn"] == 0:
            continue
        counts = f"{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}"
        print(f"{r['type']:<18}{counts}{_fmt(r['precision']):>7}{_fmt(r['recall']):>8}")
    if "throughput" in result:
        t = result["throughput"]
        print(
            f"\nseed articles, CPU per article: parse {t['parse_ms']} ms,"
            f" extract {t['extract_ms']} ms"
            f" -> {t['parse_extract_per_second']} articles/s"
        )
        if "ingest_ms" in t:
            print(
                f"whole ingest (parse + extract + append): {t['ingest_ms']} ms"
                f" -> {t['ingest_per_second']} articles/s"
            )
        print(f"(calibration: sum(range(10**6)) took {t['calibration_ms']} ms of CPU here)")
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
