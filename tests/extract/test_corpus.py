"""The annotated corpus: precision and recall per type (bench/extraction_eval.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "extraction_eval", ROOT / "bench" / "extraction_eval.py"
)
assert spec is not None and spec.loader is not None
extraction_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extraction_eval)


def test_corpus_has_seeds_and_at_least_fifteen_written_articles() -> None:
    import json

    data = json.loads(extraction_eval.ANNOTATIONS.read_text("utf-8"))
    paths = [a["path"] for a in data["articles"]]
    assert sum(p.startswith("seeds/") for p in paths) == 5
    assert sum(p.startswith("tests/fixtures/corpus/") for p in paths) >= 15
    for p in paths:
        assert (ROOT / p).is_file(), p


def test_precision_and_recall_per_type_are_at_least_090() -> None:
    result = extraction_eval.evaluate()
    for row in result["rows"]:
        if row["type"] == "all":
            assert row["precision"] >= 0.95 and row["recall"] >= 0.95, row
        # every type: at least 0.75 (few examples each), the whole at least 0.95
        if row["precision"] is not None:
            assert row["precision"] >= 0.75, row
        if row["recall"] is not None:
            assert row["recall"] >= 0.75, row
