"""The read side's projections: pure folds of the log into a company's state as of a date.

`Projector` folds events (one handler per event type); `fold(events, ...)` is the one-call
form; `asof`, `history` and `diff` run them over a store; `state` holds the wire shapes.
"""

from __future__ import annotations

from collections.abc import Iterable

from events.model import Event
from timeline.projections.diff import diff_states
from timeline.projections.fold import Projector, order_key
from timeline.projections.queries import QueryError, asof, diff, history
from timeline.projections.state import AsOfState, Change, Diff, History, Revision

__all__ = [
    "AsOfState",
    "Change",
    "Diff",
    "History",
    "Projector",
    "QueryError",
    "Revision",
    "asof",
    "diff",
    "diff_states",
    "fold",
    "history",
    "order_key",
]


def fold(
    events: Iterable[Event],
    *,
    entity: str,
    as_of: str,
    known_at: str | None = None,
    retracted: Iterable[str] = (),
) -> AsOfState:
    """Fold events (already those visible at `as_of`) into the state as of `as_of`."""
    return Projector(retracted).apply_all(events).snapshot(entity, as_of, known_at)
