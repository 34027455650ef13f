"""The read side: the log (store), projections, as-of queries, exports and the CLI."""

from timeline.api import EntitySummary, Timeline
from timeline.ingest import ArticleOutcome, IngestReport
from timeline.store.base import AppendResult, EventQuery, VerifyReport

__all__ = [
    "AppendResult",
    "ArticleOutcome",
    "EntitySummary",
    "EventQuery",
    "IngestReport",
    "Timeline",
    "VerifyReport",
]
