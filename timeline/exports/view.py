"""How a person sees an event: headline, dates at the right precision, status, facts.

Shared by the TimelineJS and HTML exports, so both say the same thing about an event.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import msgspec

from events.model import Event
from events.values import Money, Quantity
from timeline.describe import headline, money, number, quantity

__all__ = [
    "DASH",
    "TYPE_COLORS",
    "EventView",
    "Parts",
    "human_day",
    "human_parts",
    "human_when",
    "label_bounds",
    "pretty_metric",
]

DASH = " \u2013 "  # an en dash between the ends of a period
# year, then month and day when the period is that precise
Parts = tuple[int, ...]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# One colour per type, readable on white and distinct side by side.
TYPE_COLORS: dict[str, str] = {
    "share_buyback": "#2563eb",
    "insider_trade": "#7c3aed",
    "product_launch": "#db2777",
    "guidance": "#ea580c",
    "analyst_rating": "#0891b2",
    "stock_price": "#16a34a",
    "capital_flow": "#65a30d",
    "block_trade": "#4f46e5",
    "operating_result": "#b45309",
    "milestone": "#ca8a04",
    "plan": "#0d9488",
    "dividend": "#9333ea",
    "stock_split": "#475569",
    "acquisition": "#be123c",
    "contract": "#0369a1",
    "retraction": "#6b7280",
}


def _side(label: str, *, end: bool) -> Parts | None:
    """The start (or end) of one label at the label's own precision; None if unknown."""
    if m := _DAY.match(label):
        return (int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH.match(label):
        return (int(m[1]), int(m[2]))
    if m := _QUARTER.match(label):
        q = int(m[2])
        return (int(m[1]), 3 * q if end else 3 * q - 2)
    if m := _HALF.match(label):
        h = int(m[2])
        return (int(m[1]), 6 * h if end else 6 * h - 5)
    if m := _YEAR.match(label):
        return (int(m[1]),)
    return None


def _iso_parts(iso: str) -> Parts:
    y, m, d = iso[:10].split("-")
    return (int(y), int(m), int(d))


def label_bounds(label: str, start: str, end: str) -> tuple[Parts, Parts | None]:
    """Start and end of a period at the precision its label has; end is None for a point.

    `2025-Q3` -> (2025, 7), (2025, 9); `2025` -> (2025,), None; `2025-05-03` -> day, None;
    `2025-Q3/2026-H1` -> (2025, 7), (2026, 6). An unknown label falls back to the ISO days.
    """
    first, _, last = label.partition("/")
    lo = _side(first, end=False)
    hi = _side(last or first, end=True)
    if lo is None or hi is None:
        lo, hi = _iso_parts(start), _iso_parts(end)
    return lo, (hi if hi != lo else None)


def human_parts(parts: Parts) -> str:
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def human_when(label: str, start: str, end: str) -> str:
    """`2025-Q3` -> `Q3 2025`, `2026-01-08` -> `8 Jan 2026`, intervals joined by an en dash."""
    sides = label.split("/")
    if len(sides) == 2:
        return DASH.join(human_when(s, start, end) for s in sides)
    if m := _QUARTER.match(label) or _HALF.match(label):
        return f"{label[5:]} {m[1]}"
    parts = _side(label, end=False)
    if parts is None:
        return start if start == end else f"{start}{DASH}{end}"
    return human_parts(parts)


_ACRONYMS = {
    "ev": "EV",
    "rd": "R&D",
    "asp": "ASP",
    "aiot": "AIoT",
    "gpm": "GPM",
    "ai": "AI",
    "eps": "EPS",
    "ebitda": "EBITDA",
    "capex": "capex",
    "yoy": "YoY",
    "iot": "IoT",
}


def pretty_metric(slug: str) -> str:
    """`ev_deliveries` -> `EV deliveries`, `rd_investment` -> `R&D investment`."""
    words = [_ACRONYMS.get(w, w) for w in slug.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else text


def human_day(iso: str) -> str:
    """`2026-01-09` -> `9 Jan 2026`; anything else as it is."""
    m = _DAY.match(iso[:10])
    return human_parts((int(m[1]), int(m[2]), int(m[3]))) if m else iso


def _fact(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Money):
        return money(value)
    if isinstance(value, Quantity):
        return quantity(value)
    if isinstance(value, bool):
        return "yes" if value else None
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("_", " ") if re.fullmatch(r"[a-z_]+", str(value)) else str(value)


_QUANTITY_PARTS = ("value_max", "bound", "unit")


def _facts(event: Event, headline_text: str) -> tuple[tuple[str, str], ...]:
    """Data fields the headline does not already say, formatted; a quantity reads as one."""
    data = event.data
    out = []
    for field in msgspec.structs.fields(data):
        value = getattr(data, field.name)
        if field.name == "planned" or (field.name in _QUANTITY_PARTS and hasattr(data, "value")):
            continue
        if field.name == "value" and value is not None:
            text = number(value, data.value_max, data.bound, data.unit)  # type: ignore[attr-defined]
        else:
            text = _fact(value)
        if field.name == "metric" and isinstance(value, str):
            text = pretty_metric(value)
        if text and text.lower() not in headline_text.lower():
            out.append((field.name.replace("_", " "), text))
    return tuple(out)


def _safe_url(url: str | None) -> str | None:
    """Only web links become links: a `javascript:` URL in an article must not."""
    return url if url and re.match(r"https?://", url) else None


@attrs.frozen
class EventView:
    """An event as the exports show it to a person."""

    id: str
    seq: int
    type: str
    entity: str
    label: str
    start: str
    end: str
    reported: str
    headline: str
    when_text: str
    status: str  # done, planned or retracted
    planned: bool
    retraction: str | None
    evidence: str | None
    source_title: str
    source_url: str | None
    source_origin: str
    published: str
    facts: tuple[tuple[str, str], ...]

    @property
    def type_label(self) -> str:
        return self.type.replace("_", " ")

    @property
    def color(self) -> str:
        return TYPE_COLORS.get(self.type, "#6b7280")

    @classmethod
    def from_event(cls, event: Event, retraction: str | None = None) -> EventView:
        """`retraction` is the reason when a later event retracted this one."""
        planned = bool(getattr(event.data, "planned", False)) or event.when.start > event.reported
        planned = planned or event.type == "plan"
        title = headline(event)
        metric = getattr(event.data, "metric", None)
        if isinstance(metric, str) and metric in title:
            title = title.replace(metric, pretty_metric(metric), 1)
        note = getattr(event.data, "note", None)
        if isinstance(note, str) and note and title.endswith(": ?"):
            title = title[:-1] + note  # a target stated in words: "no less than the 2025 level"
        status = "retracted" if retraction is not None else "planned" if planned else "done"
        return cls(
            id=event.id,
            seq=event.seq,
            type=event.type,
            entity=event.entity,
            label=event.when.label,
            start=event.when.start,
            end=event.when.end,
            reported=event.reported,
            headline=title,
            when_text=human_when(event.when.label, event.when.start, event.when.end),
            status=status,
            planned=planned,
            retraction=retraction,
            evidence=event.evidence.text if event.evidence else None,
            source_title=event.source.title or event.source.origin,
            source_url=_safe_url(event.source.url),
            source_origin=event.source.origin,
            published=event.source.published or event.reported,
            facts=_facts(event, title),
        )
