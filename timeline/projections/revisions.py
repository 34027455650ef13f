"""Statements of a metric as revisions: guidance, results and quantified plans, with actions.

Derived actions. The extractor reads an action from the text (`new`, `raised`, `lowered`,
`reiterated`). A sentence often states a target without saying it changed ("a delivery target
of 550,000") so it reads `new` even when an earlier, different figure for the same (metric,
period, segment) exists. In order, each statement is compared with the last earlier one that
had a number (or, for the first, with the `previous` figure the text gave): a `new` that
differs becomes `raised` or `lowered`, an equal one `reiterated`. A statement whose action the
text did state keeps it. `stated_action` always keeps what the extractor read.

A retrospective mention ("exceeding the original target of 300,000", `data.retrospective`)
recalls an older statement rather than making one: its action is `recalled`, it does not
count as the figure a later statement revises, and it is never the guidance in force.
"""

from __future__ import annotations

from collections.abc import Iterable

from events.model import Event, Guidance, OperatingResult, Plan
from timeline.projections.state import Revision
from timeline.store.lazy import source_of

__all__ = ["derive_actions", "revision_of", "revisions_of", "segment_of"]

_segments: dict[tuple[str, str], str | None] = {}


def segment_of(metric: str, segment: str | None) -> str | None:
    """The segment part of a statement's slot: None when the metric already names it.

    `ev_deliveries` with segment `ev` and `ev_deliveries` with none are the same figure (the
    text said "EV deliveries" once and "deliveries of its EV unit" the other time); `gross_margin`
    with segment `ev` is not the group's gross margin, so it keeps its segment.
    """
    if not segment:
        return None
    found = _segments.get((metric, segment))
    if found is None and (metric, segment) not in _segments:
        name = "_".join(segment.casefold().replace("-", " ").split())
        found = None if name in metric.split("_") or f"_{name}_" in f"_{metric}_" else name
        _segments[(metric, segment)] = found
    return found


def _compare(value: float, value_max: float | None, before: float, before_max: float | None) -> str:
    now = (value, value_max if value_max is not None else value)
    then = (before, before_max if before_max is not None else before)
    if now == then:
        return "reiterated"
    return "raised" if now > then else "lowered"


def derive_actions(statements: Iterable[Guidance]) -> list[str]:
    """The action of each guidance statement, given in fold order for one (metric, period)."""
    actions: list[str] = []
    last: tuple[float, float | None] | None = None
    for event in statements:
        d = event.data
        if d.retrospective:
            actions.append("recalled")
            continue
        action = d.action
        if last is None and d.previous is not None:
            last = (d.previous.value, d.previous.value_max)
        if action == "new" and d.value is not None and last is not None:
            action = _compare(d.value, d.value_max, *last)
        actions.append(action)
        if d.value is not None:
            last = (d.value, d.value_max)
    return actions


def revision_of(event: Event, action: str | None = None) -> Revision:
    """One statement as a history row (guidance, operating_result or plan)."""
    d = event.data
    source = source_of(event)
    common = {
        "when": event.when.label,
        "reported": event.reported,
        "event": event.id,
        "source": source.title,
        "url": source.url,
    }
    if isinstance(event, Guidance):
        return Revision(
            kind="guidance",
            metric=d.metric,
            period=d.period,
            segment=segment_of(d.metric, d.segment),
            value=d.value,
            value_max=d.value_max,
            bound=d.bound,
            unit=d.unit,
            action=action or d.action,
            stated_action=d.action,
            previous=d.previous,
            speaker=d.speaker,
            **common,
        )
    if isinstance(event, OperatingResult):
        return Revision(
            kind="result",
            metric=d.metric,
            period=d.period,
            segment=segment_of(d.metric, d.segment),
            value=d.value,
            value_max=d.value_max,
            bound=d.bound,
            unit=d.unit,
            **common,
        )
    if isinstance(event, Plan):
        return Revision(
            kind="plan",
            metric=d.metric or "",
            period=d.period,
            value=d.value,
            value_max=d.value_max,
            bound=d.bound,
            unit=d.unit,
            **common,
        )
    raise TypeError(f"{event.type} events are not statements of a metric")


def revisions_of(events: list[Event]) -> list[Revision]:
    """Rows for statements already in fold order; guidance actions derived per slot."""
    guidance: dict[tuple, list[int]] = {}
    for i, event in enumerate(events):
        if isinstance(event, Guidance):
            d = event.data
            guidance.setdefault((d.metric, d.period, segment_of(d.metric, d.segment)), []).append(i)
    actions: dict[int, str] = {}
    for indexes in guidance.values():
        for i, action in zip(indexes, derive_actions(events[i] for i in indexes), strict=True):
            actions[i] = action
    return [revision_of(event, actions.get(i)) for i, event in enumerate(events)]
