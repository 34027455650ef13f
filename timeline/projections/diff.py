"""What changed between two as-of states of one entity: a pure comparison of two AsOfStates.

Figures are matched by their key in each section (a guidance figure by metric, period and
segment; a rating by firm; a product by name; list sections such as milestones by event id).
A key only in the later state is `added`, only in the earlier one `removed` (a retraction, an
earlier `known_at`, or a figure that left its window); a figure that differs is `revised` when
it is guidance whose number changed, else `changed`. The buyback's window bounds move with
the dates and are not a change by themselves; nor is a guidance figure's revision list when
what is in force stayed the same (an older statement learned late).
"""

from __future__ import annotations

from typing import Any

from timeline.projections.labels import figure_key, figure_text
from timeline.projections.state import AsOfState, Change, Diff

__all__ = ["DIFF_SECTIONS", "diff_states"]

DIFF_SECTIONS = (
    "price",
    "guidance",
    "results",
    "ratings",
    "consensus",
    "buyback",
    "insiders",
    "products",
    "capital_flows",
    "milestones",
    "plans",
    "dividends",
    "splits",
    "acquisitions",
    "contracts",
    "block_trades",
)
_MOVING = ("window_start", "window_end")


def _comparable(section: str, fig: Any) -> dict[str, Any]:
    data = fig.to_dict()
    if section == "buyback":
        for key in _MOVING:
            data.pop(key, None)
    if section == "guidance":
        data.pop("revisions")  # an older statement learned late does not change what is in force
    return data


def _number(fig: Any) -> tuple:
    return (fig.value, fig.value_max, fig.bound, fig.unit)


def diff_states(before: AsOfState, after: AsOfState) -> Diff:
    """Every added, removed, changed or revised figure from `before` to `after`, by section."""
    changes: list[Change] = []
    for section in DIFF_SECTIONS:
        old = {figure_key(section, f): f for f in before.figures(section)}
        new = {figure_key(section, f): f for f in after.figures(section)}
        for key, fig in new.items():
            if key not in old:
                changes.append(
                    Change(
                        section=section,
                        key=key,
                        change="added",
                        event=fig.event,
                        summary="new: " + figure_text(section, fig),
                        after=fig.to_dict(),
                    )
                )
                continue
            was = old[key]
            if _comparable(section, was) == _comparable(section, fig):
                continue
            kind = (
                "revised" if section == "guidance" and _number(was) != _number(fig) else "changed"
            )
            changes.append(
                Change(
                    section=section,
                    key=key,
                    change=kind,
                    event=fig.event,
                    summary=f"{figure_text(section, was)} → {figure_text(section, fig)}",
                    before=was.to_dict(),
                    after=fig.to_dict(),
                )
            )
        for key, fig in old.items():
            if key not in new:
                changes.append(
                    Change(
                        section=section,
                        key=key,
                        change="removed",
                        event=fig.event,
                        summary="gone: " + figure_text(section, fig),
                        before=fig.to_dict(),
                    )
                )
    return Diff(
        entity=after.entity,
        from_=before.as_of,
        to=after.as_of,
        known_at=after.known_at,
        changes=changes,
    )
