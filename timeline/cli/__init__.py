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

_WRITE, _READ, _OUT, _LOG = "Write", "Query", "Export and import", "The log"
app.command(rich_help_panel=_WRITE)(_ingest.ingest)
app.command(rich_help_panel=_WRITE)(_corrections.retract)
app.command(rich_help_panel=_WRITE)(_export.add)
app.command(rich_help_panel=_READ)(_query.asof)
app.command(rich_help_panel=_READ)(_query.history)
app.command(rich_help_panel=_READ)(_query.diff)
app.command(rich_help_panel=_READ)(_log.events)
app.command(rich_help_panel=_READ)(_log.show)
app.command(rich_help_panel=_READ)(_log.entities)
app.command(rich_help_panel=_OUT)(_export.export)
app.command(rich_help_panel=_OUT)(_export.schema)
app.command(rich_help_panel=_LOG)(_log.verify)

def main() -> None:
    app()
