"""The `timeline` command: a thin shell over `timeline.api.Timeline`."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from timeline.cli import corrections as _corrections
from timeline.cli import export as _export
from timeline.cli import ingest as _ingest
from timeline.cli import log as _log
from timeline.cli import query as _query
from timeline.cli.common import ClickException, UsageError


class _OneLineErrors(TyperGroup):
    """Usage errors (a bad date, an unknown option) on one line of stderr, like every other
    error, naming where to look: "Error: <what is wrong> (see `timeline VERB --help`)", exit 2.

    Typer would draw a boxed panel after the usage text; scripts that read stderr and people
    scanning it both get the one line the rest of the CLI prints.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except UsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `timeline` alone: the help, as before
                from typer import rich_utils  # loads rich's markdown: only when needed

                rich_utils.rich_format_error(e)
                sys.exit(e.exit_code)
            where = f" (see `{e.ctx.command_path} --help`)" if e.ctx is not None else ""
            typer.echo(f"Error: {' '.join(e.format_message().split())}{where}", err=True)
            sys.exit(e.exit_code)
        except ClickException as e:
            typer.echo(f"Error: {' '.join(e.format_message().split())}", err=True)
            sys.exit(e.exit_code)
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
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
