"""The `timeline` command: a thin shell over `timeline.api.Timeline`."""

from __future__ import annotations

import typer

from timeline.cli import corrections as _corrections
from timeline.cli import export as _export
from timeline.cli import ingest as _ingest
from timeline.cli import log as _log
from timeline.cli import query as _query

app = typer.Typer(
    name="timeline",
    help=(
        "An event-sourced timeline of company news.\n\n"
        "Articles go in (`ingest`); immutable dated events come out into an append-only log; "
        "as-of queries rebuild a company's state at any date, on two time axes: when things "
        "happened and when they were reported."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)

app.command()(_ingest.ingest)
app.command()(_log.events)
app.command()(_log.show)
app.command()(_log.verify)
app.command()(_corrections.retract)
app.command()(_log.entities)
app.command()(_export.export)
app.command()(_export.schema)
app.command()(_export.add)
app.command()(_query.asof)
app.command()(_query.history)
app.command()(_query.diff)


def main() -> None:
    app()
