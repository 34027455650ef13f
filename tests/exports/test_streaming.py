"""JSON and JSONL exports stream: memory does not grow with the log (constant, chunked)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tests.exports.bench_export import synthetic
from timeline.api import Timeline
from timeline.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[int, Path]:
    out = {}
    for n in (6_000, 24_000):
        path = tmp_path_factory.mktemp("stream") / f"{n}.db"
        store = SQLiteStore(path)
        store.append(list(synthetic(n)))
        store.close()
        out[n] = path
    return out


class _Null:
    """A sink that keeps nothing, so only the exporter's own memory is measured."""

    written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return len(data)


def _peak(path: Path, fmt: str) -> tuple[int, int]:
    with Timeline.open(path, extractor=object()) as tl:
        sink = _Null()
        tracemalloc.start()
        report = tl.export(None, format=fmt, out=sink)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert sink.written > 0
    return report.events, peak


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_peak_memory_does_not_grow_with_the_log(logs, fmt):
    small_n, small = _peak(logs[6_000], fmt)
    big_n, big = _peak(logs[24_000], fmt)
    assert (small_n, big_n) == (6_000, 24_000)
    assert big < 1.5 * small, f"peak {small / 1e6:.1f} MB at 6k, {big / 1e6:.1f} MB at 24k"
