"""Exports of the log: `timeline/1` JSON, JSON Lines, TimelineJS3 and a self-contained HTML page.

In Python: `Timeline.open(db).export("xiaomi", format="html", out="xiaomi.html")`;
the pieces below are for callers that hold a store of their own.
"""

from timeline.exports.run import FORMATS, ExportReport, StateProvider, write_export
from timeline.exports.schema import (
    SCHEMA_ID,
    ExportEntity,
    ExportFilters,
    TimelineExport,
    generate_schema,
    render_schema,
    shipped_schema,
)
from timeline.exports.select import ExportRequest

__all__ = [
    "FORMATS",
    "SCHEMA_ID",
    "ExportEntity",
    "ExportFilters",
    "ExportReport",
    "ExportRequest",
    "StateProvider",
    "TimelineExport",
    "generate_schema",
    "render_schema",
    "shipped_schema",
    "write_export",
]
