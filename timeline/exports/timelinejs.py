"""`--format timelinejs`: the JSON that TimelineJS3 (Knight Lab) loads as is.

A title slide for the entity, then one slide per event: `start_date`/`end_date` as
{year, month, day} at the precision the period has (`2025-Q3` is July to September 2025 at
month precision, `2025` a year alone), `text` {headline, text} with the evidence and a link
to the source, `group` = event type. Retractions and the events they retract are left out:
the file shows what is currently believed.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any, BinaryIO

import msgspec

from timeline.exports.schema import ExportEntity
from timeline.exports.sink import write_joined
from timeline.exports.view import EventView, Parts, label_bounds

__all__ = ["slide", "write_timelinejs"]

_encoder = msgspec.json.Encoder(order="deterministic")


def _date(parts: Parts, display: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = dict(zip(("year", "month", "day"), parts, strict=False))
    if display:
        out["display_date"] = display
    return out


def _text(view: EventView) -> str:
    meta = [escape(view.type_label), f"reported {escape(view.reported)}"]
    if view.planned:
        meta.append("<strong>planned</strong>")
    parts = [f"<p>{' · '.join(meta)}</p>"]
    if view.evidence:
        parts.append(f"<blockquote>{escape(view.evidence)}</blockquote>")
    title = escape(view.source_title)
    link = (
        f'<a href="{escape(view.source_url)}" target="_blank" rel="noopener">{title}</a>'
        if view.source_url
        else title
    )
    parts.append(f"<p>Source: {link} (published {escape(view.published)})</p>")
    return "".join(parts)


def slide(view: EventView, entity_name: str | None = None) -> dict[str, Any]:
    """One TimelineJS slide; `entity_name` prefixes the headline when several are exported."""
    start, end = label_bounds(view.label, view.start, view.end)
    out: dict[str, Any] = {
        "unique_id": view.id,
        "start_date": _date(start),
        "display_date": view.when_text + (" (planned)" if view.planned else ""),
        "text": {
            "headline": escape((f"{entity_name}: " if entity_name else "") + view.headline),
            "text": _text(view),
        },
        "group": view.type,
        "autolink": False,
    }
    if end is not None:
        out["end_date"] = _date(end)
    return out


def _title(
    entities: list[ExportEntity], views: list[EventView], as_of: str | None, known_at: str | None
) -> dict[str, Any]:
    if len(entities) == 1:
        headline = entities[0].name
        tickers = " · ".join(entities[0].tickers[:3])
    else:
        headline = f"{len(entities)} companies"
        tickers = ", ".join(e.name for e in entities)
    lines = [escape(tickers)] if tickers else []
    if views:
        first, last = views[0].when_text, max(views, key=lambda v: v.end).when_text
        lines.append(f"{len(views)} events, {escape(first)} to {escape(last)}")
    else:
        lines.append("no events")
    if as_of:
        lines.append(f"as of {escape(as_of)}")
    if known_at:
        lines.append(f"as known on {escape(known_at)}")
    return {"text": {"headline": escape(headline), "text": "<p>" + "<br>".join(lines) + "</p>"}}


def write_timelinejs(
    out: BinaryIO,
    views: Iterable[EventView],
    *,
    entities: list[ExportEntity],
    as_of: str | None,
    known_at: str | None,
) -> int:
    """Write the TimelineJS3 document; return the number of slides (events)."""
    shown = sorted(
        (v for v in views if v.type != "retraction" and v.retraction is None),
        key=lambda v: (v.start, v.end, v.seq),
    )
    names = {e.slug: e.name for e in entities} if len(entities) > 1 else {}
    title = _title(entities, shown, as_of, known_at)
    out.write(b'{"scale":"human","title":' + _encoder.encode(title) + b',\n"events":[\n')
    slides = (_encoder.encode(slide(v, names.get(v.entity))).decode() for v in shown)
    count = write_joined(out, slides, ",\n")
    out.write(b"\n]}\n" if count else b"]}\n")
    return count
