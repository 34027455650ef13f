"""Parse and extract in worker processes, append in this one: `timeline ingest --jobs N`.

Parsing and extraction are CPU work on one file at a time (~95% of an ingest); the log
takes one writer at a time anyway. So workers read and extract, and hand back each article
with its events; this process appends them in file order, one transaction per article as
always. The log is the one a single process would write, in the same order.

Workers are forked where the platform can (Linux, macOS by request): they start with the
registry and extractor already in memory, nothing is pickled on the way in. Elsewhere they
are spawned and get both pickled once each (the shipped ones pickle; a custom extractor
that does not should be run with `--jobs 1`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from events.entities import Registry
from timeline.ingest import Extracted, _extracted

if TYPE_CHECKING:
    from events.extract.base import Extractor

__all__ = ["default_jobs", "extracted_in_workers"]

_worker: dict[str, Any] = {}  # what each worker process extracts with


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _start(registry: Registry, extractor: Extractor, published: str | None, strict: bool) -> None:
    _worker.update(registry=registry, extractor=extractor, published=published, strict=strict)


def _work(file: Path) -> Extracted:
    return _extracted(file, **_worker)


def extracted_in_workers(
    files: Sequence[Path],
    registry: Registry,
    extractor: Extractor,
    published: str | None,
    strict: bool,
    jobs: int,
) -> Iterator[Extracted]:
    """Each file's (article, events) or error message, in the order of `files`."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = max(1, min(jobs, len(files)))
    chunk = max(1, min(16, len(files) // (workers * 8)))  # fewer round trips, still balanced
    done = 0
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start,
            initargs=(registry, extractor, published, strict),
        ) as pool:
            for result in pool.map(_work, files, chunksize=chunk):
                done += 1
                yield result
    except BrokenProcessPool as e:  # a worker was killed (out of memory, signal)
        why = f"a worker process died ({e}); nothing of this file was written"
        for file in files[done:]:
            yield f"{file}: {why}; run again (already ingested files are skipped) or use --jobs 1"
