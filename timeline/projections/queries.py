"""As-of, history and diff over a store: select up to the date through indexes, then fold.

Two time axes. `as_of` is valid time: the store hands over the events visible on that day
(`min(when.end, reported) <= as_of`: a fact once it has happened, a statement or a plan once it
was made). `known_at` is knowledge time: only events reported on or before it, and only the
retractions reported on or before it, count; None means everything in the log. A point-in-time
query (`pit`) is `known_at = as_of`: what anyone could have known that day, no look-ahead.

Cost of `asof`: two indexed queries on one entity (its retractions, its visible events) and a
fold of that entity's events; never a scan of the whole log.
"""

from __future__ import annotations

from datetime import date

from events.errors import TimelineError
from events.model import Event
from timeline.projections.diff import diff_states
from timeline.projections.fold import Projector, order_key
from timeline.projections.revisions import revisions_of, segment_of
from timeline.projections.state import AsOfState, Diff, History
from timeline.store.base import EventQuery, EventStore

__all__ = ["QueryError", "asof", "check_date", "diff", "history", "metric_slug"]

_STATEMENT_TYPES = ("guidance", "operating_result", "plan")
_KIND_ORDER = {
    "plan": 0,
    "guidance": 1,
    "operating_result": 2,
}  # within a period: targets, then results


class QueryError(TimelineError, ValueError):
    """A query that cannot be answered as asked (bad date, unknown metric, conflicting options)."""


def check_date(value: str | date, name: str = "date") -> str:
    """An ISO day `YYYY-MM-DD` from a string (a datetime's time part is dropped) or a date."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise QueryError(f"{name} {value!r} is not an ISO date; use YYYY-MM-DD") from None


def knowledge_cutoff(as_of: str, known_at: str | date | None, pit: bool) -> str | None:
    if pit:
        if known_at is not None and check_date(known_at, "known_at") != as_of:
            raise QueryError(
                f"--pit means known at {as_of}; drop --known-at {known_at} or drop --pit"
            )
        return as_of
    return check_date(known_at, "known_at") if known_at is not None else None


def asof(
    store: EventStore,
    entity: str,
    as_of: str | date,
    *,
    known_at: str | date | None = None,
    pit: bool = False,
) -> AsOfState:
    """The state of `entity` (a slug) as of `as_of`, from what was reported by `known_at`."""
    day = check_date(as_of, "as_of")
    cutoff = knowledge_cutoff(day, known_at, pit)
    retracted = store.retracted_ids(entity, cutoff)
    events = store.asof_events(entity, day, cutoff)
    return Projector(retracted).apply_all(events).snapshot(entity, day, cutoff)


def metric_slug(metric: str) -> str:
    """`EV deliveries`, `ev-deliveries` and `ev_deliveries` name the same metric."""
    return "_".join(metric.casefold().replace("-", " ").split())


def _statements(store: EventStore, entity: str, known_at: str | None) -> list[Event]:
    query = EventQuery(entity=entity, types=_STATEMENT_TYPES, known_at=known_at)
    return list(store.iter_events(query))


def history(
    store: EventStore,
    entity: str,
    metric: str,
    *,
    period: str | None = None,
    known_at: str | date | None = None,
) -> History:
    """Every statement of `metric` (guidance, results, quantified plans), retractions left out,
    guidance actions derived (see `revisions`). Ordered by period (and segment), then plans and
    guidance before results, each in fold order: a period's path of targets, then its outcome."""
    cutoff = check_date(known_at, "known_at") if known_at is not None else None
    slug = metric_slug(metric)
    retracted = store.retracted_ids(entity, cutoff)
    found = [
        e
        for e in _statements(store, entity, cutoff)
        if e.data.metric == slug
        and e.id not in retracted
        and (period is None or e.data.period == period)
    ]
    if not found and cutoff is None and period is None:
        known = sorted({e.data.metric for e in _statements(store, entity, None) if e.data.metric})
        hint = (
            f"known metrics: {', '.join(known)}" if known else "it has no guidance or results yet"
        )
        raise QueryError(f"no guidance or results for metric {metric!r} of {entity}; {hint}")
    found.sort(
        key=lambda e: (
            e.data.period or "",
            segment_of(slug, getattr(e.data, "segment", None)) or "",
            _KIND_ORDER[e.type],
            order_key(e),
        )
    )
    return History(
        entity=entity, metric=slug, period=period, known_at=cutoff, revisions=revisions_of(found)
    )


def diff(
    store: EventStore,
    entity: str,
    d1: str | date,
    d2: str | date,
    *,
    known_at: str | date | None = None,
    pit: bool = False,
) -> Diff:
    """What appeared, changed, was revised or went away between the states at `d1` and `d2`.

    With `pit`, each state is point-in-time at its own date (what was known then).
    """
    first = asof(store, entity, d1, known_at=known_at, pit=pit)
    second = asof(store, entity, d2, known_at=known_at, pit=pit)
    return diff_states(first, second)
