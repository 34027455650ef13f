"""`--format html`: one self-contained page a person can read and filter.

No network at all (a Content-Security-Policy forbids it): the CSS and JS are inlined from
`timeline/exports/assets/`. The page is rendered here, in Python, so it reads without
JavaScript; the script only filters (by type, status and text, kept in the URL hash:
`page.html#type=stock_price&status=planned`). Layout: an overview strip (one lane per event
type, periods drawn as bars), then a vertical timeline of cards beside the as-of state.
Planned events have hollow dots and dashed cards; retracted ones are struck through.
The bytes are deterministic: no clock, no randomness.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from html import escape
from importlib import resources
from typing import Any, BinaryIO

from timeline.exports.schema import ExportEntity
from timeline.exports.statepanel import render_fallback, render_state
from timeline.exports.view import DASH, TYPE_COLORS, EventView, human_day, human_when

__all__ = ["render_html", "write_html"]

_ASSETS = resources.files("timeline.exports").joinpath("assets")
_STATUSES = ("done", "planned", "retracted")


def _asset(name: str) -> str:
    return _ASSETS.joinpath(name).read_text(encoding="utf-8")


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _day(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


# --- overview strip ----------------------------------------------------------------------

_W, _LABEL_W, _LANE_H, _TOP = 1200.0, 130.0, 17.0, 32.0


def _overview(views: list[EventView], as_of: str) -> str:
    """An SVG strip: one lane per type, a dot per day event, a bar per longer period."""
    dated = [(v, _day(v.start), _day(v.end)) for v in views]
    dated = [(v, s, e) for v, s, e in dated if s is not None and e is not None]
    if not dated:
        return ""
    lo = min(s for _, s, _ in dated)
    hi = max(e for _, _, e in dated)
    pad = max(5, (hi - lo) // 40)
    lo, hi = lo - pad, hi + pad
    span = max(1, hi - lo)

    def x(day: int) -> float:
        return round(_LABEL_W + (_W - _LABEL_W - 10) * (day - lo) / span, 1)

    lanes = [t for t in TYPE_COLORS if any(v.type == t for v, _, _ in dated)]
    height = _TOP + _LANE_H * len(lanes) + 6
    out = [
        f'<svg viewBox="0 0 {_W:.0f} {height:.0f}" role="img" '
        f'aria-label="Overview: {len(dated)} events by type over time">'
    ]
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10) if last.year - first.year < 4 else (1,):
            tick = date(year, month, 1).toordinal()
            if lo <= tick <= hi:
                major = month == 1
                dash = "" if major else ' stroke-dasharray="2 3"'
                out.append(
                    f'<line class="tick" x1="{x(tick)}" x2="{x(tick)}" y1="{_TOP - 6}" '
                    f'y2="{height}"{dash}/>'
                )
                label = str(year) if major else f"Q{(month + 2) // 3}"
                out.append(
                    f'<text class="tick-label" x="{x(tick) + 3}" y="{_TOP - 9}">{label}</text>'
                )
    for i, lane in enumerate(lanes):
        y = _TOP + _LANE_H * i + _LANE_H / 2
        out.append(
            f'<text class="lane-label" x="{_LABEL_W - 8}" y="{y + 4}" text-anchor="end">'
            f"{escape(lane.replace('_', ' '))}</text>"
        )
        for v, s, e in dated:
            if v.type != lane:
                continue
            title = f"<title>{escape(v.when_text)}: {escape(v.headline)}</title>"
            if e - s >= 20:
                shape = (
                    f'<rect x="{x(s)}" y="{y - 5}" width="{max(3.0, round(x(e + 1) - x(s), 1))}" '
                    f'height="10" rx="3"/>'
                )
            else:
                shape = f'<circle cx="{x((s + e) // 2)}" cy="{y}" r="4.5"/>'
            out.append(
                f'<a href="#{_attr(v.id)}" class="mark {v.status}" data-type="{v.type}" '
                f'data-status="{v.status}" style="--c:{v.color}">{title}{shape}</a>'
            )
    day = _day(as_of)
    if day is not None and lo <= day <= hi:
        out.append(
            f'<line class="asof" x1="{x(day)}" x2="{x(day)}" y1="{_TOP - 4}" y2="{height}"/>'
        )
        out.append(
            f'<text class="asof-label" x="{x(day)}" y="11" text-anchor="middle">'
            f"as of {escape(as_of)}</text>"
        )
    out.append("</svg>")
    return '<section class="overview" aria-label="Overview">' + "".join(out) + "</section>"


# --- filters -------------------------------------------------------------------------------


def _filters(views: list[EventView]) -> str:
    counts: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for v in views:
        counts[v.type] = counts.get(v.type, 0) + 1
        statuses[v.status] = statuses.get(v.status, 0) + 1
    chips = "".join(
        f'<button type="button" class="chip" data-type="{t}" aria-pressed="true" '
        f'style="--c:{TYPE_COLORS[t]}"><i></i>{t.replace("_", " ")} <b>{counts[t]}</b></button>'
        for t in TYPE_COLORS
        if t in counts
    )
    status_chips = "".join(
        f'<button type="button" class="chip status-{s}" data-status="{s}" aria-pressed="true">'
        f"<i></i>{s} <b>{statuses[s]}</b></button>"
        for s in _STATUSES
        if s in statuses
    )
    return (
        '<nav class="filters" id="filters" aria-label="Filters">'
        f'<div class="chips" role="group" aria-label="Event types">{chips}</div>'
        '<div class="row">'
        f'<div class="chips" role="group" aria-label="Status">{status_chips}</div>'
        '<input type="search" id="q" placeholder="Search headlines, evidence, sources" '
        'aria-label="Search">'
        '<button type="button" class="reset" id="reset">Show all</button>'
        f'<span class="count" id="count">{len(views)} of {len(views)} events shown</span>'
        "</div></nav>"
    )


# --- cards ---------------------------------------------------------------------------------


def _card(v: EventView, entity_name: str | None) -> str:
    badges = ""
    if v.status == "planned":
        badges = '<span class="badge planned">planned</span>'
    elif v.status == "retracted":
        badges = '<span class="badge retracted">retracted</span>'
    entity = f'<span class="entity">{escape(entity_name)}</span>' if entity_name else ""
    facts = "".join(f"<li><span>{escape(k)}</span> {escape(val)}</li>" for k, val in v.facts)
    evidence = (
        f'<blockquote class="evidence">{escape(v.evidence)}</blockquote>' if v.evidence else ""
    )
    title = escape(v.source_title)
    link = (
        f'<a href="{_attr(v.source_url)}" rel="noopener noreferrer" target="_blank">{title}</a>'
        if v.source_url
        else f'<span title="{_attr(v.source_origin)}">{title}</span>'
    )
    retraction = (
        f'<p class="source">Retracted: {escape(v.retraction)}</p>'
        if v.retraction is not None
        else ""
    )
    period = v.start if v.start == v.end else f"{v.start}/{v.end}"
    return (
        f'<article class="ev {v.status}" id="{_attr(v.id)}" data-type="{v.type}" '
        f'data-status="{v.status}" data-entity="{_attr(v.entity)}" style="--c:{v.color}">'
        f'<div class="when"><time datetime="{_attr(period)}">'
        f"{escape(v.when_text)}</time><small>reported {escape(human_day(v.reported))}</small></div>"
        '<div class="rail"></div>'
        f'<div class="card"><div class="kind">{escape(v.type_label)}{entity}{badges}</div>'
        f"<h3>{escape(v.headline)}</h3>"
        + (f'<ul class="facts">{facts}</ul>' if facts else "")
        + evidence
        + f'<p class="source">Source: {link} · published {escape(v.published)} · '
        f'<span class="id">{escape(v.id[:14])}</span></p>' + retraction + "</div></article>"
    )


def _timeline(views: list[EventView], as_of: str, names: Mapping[str, str]) -> str:
    if not views:
        return (
            '<main class="timeline" id="timeline">'
            '<p class="empty">No events match this export.</p></main>'
        )
    out = ['<main class="timeline" id="timeline">']
    year = None
    line_done = False
    for v in views:
        if not line_done and v.end > as_of:
            if year is not None:
                out.append("</section>")
                year = None
            out.append(
                f'<div class="asof-line" id="asof-line">as of {escape(as_of)} · '
                "after this line: what was still ahead</div>"
            )
            line_done = True
        if v.end[:4] != year:
            if year is not None:
                out.append("</section>")
            year = v.end[:4]
            out.append(f'<section class="year" data-year="{_attr(year)}">')
            out.append(f"<h2><span>{escape(year)}</span></h2>")
        out.append(_card(v, names.get(v.entity)))
    out.append("</section></main>")
    return "".join(out)


# --- the as-of state panel -----------------------------------------------------------------


def _state_panel(
    views: list[EventView],
    entities: list[ExportEntity],
    as_of: str,
    known_at: str | None,
    states: Mapping[str, Mapping[str, Any]] | None,
) -> str:
    by_id = {v.id: v for v in views}
    known = f"known at {escape(known_at)}" if known_at else "everything known"
    out = [
        '<aside class="state" id="state" aria-label="As-of state">',
        f"<h2>State as of {escape(as_of)}</h2>",
        f'<p class="note">{known}; each line links to its event</p>',
    ]
    for entity in entities:
        if len(entities) > 1:
            out.append(f"<h4>{escape(entity.name)}</h4>")
        state = states.get(entity.slug) if states else None
        if state is not None:
            out.append(render_state(state, by_id))
        else:
            out.append(render_fallback([v for v in views if v.entity == entity.slug], as_of))
    out.append("</aside>")
    return "".join(out)


# --- the page ------------------------------------------------------------------------------


def _span(views: list[EventView]) -> str:
    if not views:
        return "no events"
    first = min(views, key=lambda v: v.start)
    last = max(views, key=lambda v: v.end)
    begin = human_when(first.label, first.start, first.end)
    return f"{begin}{DASH}{human_when(last.label, last.start, last.end)}"


def render_html(
    views: Iterable[EventView],
    *,
    entities: list[ExportEntity],
    as_of: str | None,
    known_at: str | None,
    states: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[str, int]:
    """The page as text, and how many events it shows (retraction notices are not cards)."""
    shown = sorted(
        (v for v in views if v.type != "retraction"), key=lambda v: (v.end, v.start, v.seq)
    )
    state_day = as_of or max((v.reported for v in shown), default="") or "today"
    if len(entities) == 1:
        name = entities[0].name
        tickers = " · ".join(entities[0].tickers[:4])
    else:
        name = f"{len(entities)} companies" if entities else "Timeline"
        tickers = ", ".join(e.name for e in entities[:6])
    names = {e.slug: e.name for e in entities} if len(entities) > 1 else {}
    planned = sum(v.status == "planned" for v in shown)
    sub = [f"<b>{len(shown)}</b> events", escape(_span(shown))]
    if planned:
        sub.append(f"{planned} planned")
    sub.append(f"as of <b>{escape(state_day)}</b>")
    sub.append(f"known at <b>{escape(known_at)}</b>" if known_at else "everything known")
    header = (
        '<header class="top"><h1>'
        + escape(name)
        + (f'<span class="tickers">{escape(tickers)}</span>' if tickers else "")
        + f'</h1><p class="sub">{" · ".join(sub)}</p></header>'
    )
    body = (
        header
        + _overview(shown, state_day)
        + _filters(shown)
        + '<div class="layout">'
        + _timeline(shown, state_day, names)
        + _state_panel(shown, entities, state_day, known_at, states)
        + "</div>"
        + "<footer>Exported by <code>timeline export --format html</code> (timeline/1). "
        "Evidence is quoted from the source articles; follow the links for the full text.</footer>"
    )
    page = (
        _asset("page.html")
        .replace("@@TITLE@@", escape(f"{name} · timeline"))
        .replace("@@CSS@@", _asset("page.css"))
        .replace("@@JS@@", _asset("page.js"))
        .replace("@@BODY@@", body)
    )
    return page, len(shown)


def write_html(
    out: BinaryIO,
    views: Iterable[EventView],
    *,
    entities: list[ExportEntity],
    as_of: str | None,
    known_at: str | None,
    states: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """Write the page; return the number of events it shows."""
    page, count = render_html(
        views, entities=entities, as_of=as_of, known_at=known_at, states=states
    )
    out.write(page.encode("utf-8"))
    return count
