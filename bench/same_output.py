"""Did a speed change alter what the ingest emits? Compare every event, byte for byte.

    python bench/same_output.py --save /tmp/before.json   # before the change
    python bench/same_output.py --check /tmp/before.json  # after: exit 1 on any difference

A speed change to the parser, the normaliser or the rules must keep the events the same.
This reads every article the project has (the seeds, the annotated corpus and its holdout
sets, every other text fixture) and `--variants N` synthetic seed rewrites (default 300),
extracts them with the default registry, and records each article's encoded events. The
annotated sets score only what annotators wrote down; this catches every other change
(a date, a bound, an evidence offset, an event that appears or goes).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402
from events.articles import read_article  # noqa: E402
from events.entities import default_registry  # noqa: E402
from events.errors import ArticleError  # noqa: E402
from events.extract import default_extractor  # noqa: E402

SUFFIXES = {".txt", ".md", ".html", ".htm"}


def corpus_paths() -> list[Path]:
    """Every article file in seeds/ and tests/fixtures, in a fixed order."""
    paths = sorted((ROOT / "seeds").iterdir())
    paths += sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.suffix in SUFFIXES)
    return [p for p in paths if p.is_file()]


def outputs(variants: int) -> dict[str, list[str] | str]:
    """Article name -> its events as JSON lines (or the error a file raised)."""
    registry, extractor = default_registry(), default_extractor()
    out: dict[str, list[str] | str] = {}
    root = str(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus_paths() + synth.write_articles(variants, Path(tmp), offset=900_000)
        for path in paths:
            name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
            try:
                article = read_article(path).article
            except (ArticleError, OSError, ValueError) as exc:
                out[name] = f"error: {type(exc).__name__}: {exc}".replace(root, "<root>")
                continue
            events = extractor.extract(article, registry)
            lines = [msgspec.json.encode(e).decode() for e in events]
            # paths differ between checkouts (a worktree for the baseline): not the output
            out[name] = [line.replace(tmp, "<tmp>").replace(root, "<root>") for line in lines]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the outputs to this file")
    group.add_argument("--check", type=Path, help="compare with outputs saved earlier")
    parser.add_argument("--variants", type=int, default=300, help="synthetic articles too")
    args = parser.parse_args(argv)
    now = outputs(args.variants)
    events = sum(len(v) for v in now.values() if isinstance(v, list))
    if args.save:
        args.save.write_text(json.dumps(now, indent=0, sort_keys=True))
        print(f"saved {len(now)} articles, {events} events to {args.save}")
        return 0
    before = json.loads(args.check.read_text())
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in differ[:20]:
        old, new = before.get(name, []), now.get(name, [])
        old_set, new_set = set(old), set(new)
        print(f"{name}:")
        for line in [x for x in old if x not in new_set][:3]:
            print(f"  - {line[:300]}")
        for line in [x for x in new if x not in old_set][:3]:
            print(f"  + {line[:300]}")
        if old_set == new_set:
            print("  (same events, another order)")
    print(f"{len(now)} articles, {events} events: {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
