"""`timeline retract ID --reason TEXT`: correct the log by appending, never by editing."""

from __future__ import annotations

from typing import Annotated

import msgspec
import typer
from rich.markup import escape

from timeline.api import Timeline
from timeline.cli.common import (
    DbOption,
    JsonOption,
    console,
    handles_errors,
    parse_date,
    print_json,
)
from timeline.describe import headline


@handles_errors
def retract(
    event_id: Annotated[
        str, typer.Argument(metavar="ID", help="Event id (a unique prefix is enough).")
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the event is wrong; stored with the retraction.")
    ],
    reported: Annotated[
        str | None,
        typer.Option(help="When the correction became known (YYYY-MM-DD). Default: today (UTC)."),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Retract an event: append a `retraction` that projections honour from its date on.

    The event itself stays in the log, readable with `timeline show ID` next to its
    retraction; as-of queries known before `--reported` still see it (no look-ahead).
    An event can be retracted once; a retraction cannot be retracted.

    Example: timeline retract ev_3f2a --reason "price was HK$53.5, not HK$35.5"
    """
    day = parse_date(reported, "--reported")
    with Timeline.open(db) as tl:
        retraction = tl.retract(event_id, reason, reported=day)
        target = tl.get(retraction.data.target)  # type: ignore[attr-defined]
    if json:
        print_json(msgspec.to_builtins(retraction))
        return
    console.print(
        f"Retracted {target.id[:14]} ({escape(headline(target))}) "
        f"with {retraction.id[:14]} (seq {retraction.seq}), reported {retraction.reported}.",
        soft_wrap=True,
    )
