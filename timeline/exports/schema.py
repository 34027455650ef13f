"""The `timeline/1` export contract as msgspec types, and the JSON Schema generated from them.

The schema is generated, never hand-edited: `TimelineExport` below plus the event union in
`events.model` are the single source. The generated file ships in the package
(`timeline/schema/timeline-1.schema.json`) and a golden copy lives under tests, so a change to
the contract shows up in review. Regenerate both with
`python -c "from timeline.exports.schema import write_schema_files; write_schema_files()"`.
"""

from __future__ import annotations

import inspect
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import msgspec

from events.articles import Article
from events.model import Event

__all__ = [
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "ExportEntity",
    "ExportFilters",
    "TimelineExport",
    "generate_schema",
    "render_schema",
    "shipped_schema",
    "write_schema_files",
]

SCHEMA_ID = "timeline/1"
SCHEMA_FILE = "timeline-1.schema.json"
_SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


class ExportEntity(msgspec.Struct, frozen=True, kw_only=True):
    """A company as the registry knows it, so a reader needs no registry of their own."""

    slug: str
    name: str
    aliases: list[str] = []
    tickers: list[str] = []


class ExportFilters(msgspec.Struct, frozen=True, kw_only=True):
    """The filters the export was made with: a reader can tell a subset from the whole log."""

    types: list[str] = []
    since: str | None = None
    until: str | None = None


class TimelineExport(msgspec.Struct, frozen=True, kw_only=True):
    """A `timeline/1` document: the envelope of `timeline export --format json`.

    `entity` is the exported company, or null when several (or `--all`) were exported;
    `entities` lists every company the document covers. `as_of` keeps the events visible on
    that day (their period ended, or they were reported by then); `known_at` keeps the
    events reported on or before it. `events` are whole events in log (`seq`) order,
    retractions included. `articles` (with `--with-articles`) are the events' source
    articles, body included, in order of first citation: `timeline add` stores them too, so
    a merged log can show and verify every event's evidence.
    """

    schema: Literal["timeline/1"]
    entity: ExportEntity | None
    entities: list[ExportEntity]
    as_of: str | None
    known_at: str | None
    filters: ExportFilters
    events: list[Event]
    articles: list[Article] = []


def generate_schema() -> dict[str, Any]:
    """JSON Schema 2020-12 of a `timeline/1` document, from the msgspec types."""
    body = _clean(msgspec.json.schema(TimelineExport))
    return {
        "$schema": _SCHEMA_URI,
        "$id": "https://company-timeline.invalid/schema/timeline-1.schema.json",
        "title": "timeline/1 export",
        **body,
    }


def _clean(node: Any) -> Any:
    """Dedent docstring descriptions so the schema reads well."""
    if isinstance(node, dict):
        return {
            k: inspect.cleandoc(v) if k == "description" and isinstance(v, str) else _clean(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def render_schema(schema: dict[str, Any] | None = None) -> bytes:
    """The schema as stable, indented bytes (what the shipped file contains)."""
    raw = msgspec.json.encode(schema or generate_schema(), order="deterministic")
    return msgspec.json.format(raw, indent=2) + b"\n"


def shipped_schema() -> bytes:
    """The schema file shipped in the package (printed by `timeline schema`)."""
    return resources.files("timeline").joinpath("schema", SCHEMA_FILE).read_bytes()


def write_schema_files(root: Path | None = None) -> list[Path]:
    """Regenerate the shipped schema and the tests' golden copy (a maintainer's tool)."""
    root = root or Path(__file__).resolve().parents[2]
    data = render_schema()
    paths = [
        root / "timeline" / "schema" / SCHEMA_FILE,
        root / "tests" / "exports" / "golden" / SCHEMA_FILE,
    ]
    for path in paths:
        path.write_bytes(data)
    return paths
