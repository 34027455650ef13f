"""The read side: the log (store), projections, as-of queries, exports and the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from timeline.api import EntitySummary, Timeline
from timeline.store.base import AppendResult, EventQuery, VerifyReport

if TYPE_CHECKING:
    from timeline.ingest import ArticleOutcome, IngestReport

__all__ = [
    "AppendResult",
    "ArticleOutcome",
    "EntitySummary",
    "EventQuery",
    "IngestReport",
    "Timeline",
    "VerifyReport",
]


def __getattr__(name: str) -> Any:
    """The ingest types load with the parser, on first use (a query needs neither)."""
    if name in ("ArticleOutcome", "IngestReport"):
        from timeline import ingest

        return getattr(ingest, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
