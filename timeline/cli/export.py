"""`timeline export`, `timeline schema` and `timeline add`: the log out to files and back in."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from events.errors import InvalidEventError
from timeline.api import Timeline
from timeline.cli.common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    fail,
    handles_errors,
    parse_date,
    print_json,
)


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    timelinejs = "timelinejs"
    html = "html"


@handles_errors
def export(
    entities: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ENTITY",
            help="Slug, name, alias or ticker; several allowed.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Export every entity in the log.")] = False,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (timeline/1 with its schema), jsonl (one event "
            "per line), timelinejs (TimelineJS3), html (a page to read and filter).",
        ),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Only events visible on this date (happened, or reported by then)."),
    ] = None,
    known_at: Annotated[
        str | None, typer.Option(help="Only events reported on or before this date.")
    ] = None,
    pit: Annotated[
        bool, typer.Option("--pit", help="Point in time: known at the --as-of date.")
    ] = False,
    type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Event type; repeat for several.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only events whose period ends on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only events whose period starts on or before this date.")
    ] = None,
    with_articles: Annotated[
        bool,
        typer.Option(
            "--with-articles",
            help="json only: add the events' source articles (bodies included), so `timeline "
            "add` into another log keeps every event's evidence checkable.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Export a company's events: versioned JSON, JSON Lines, TimelineJS or an HTML page.

    The same log gives the same bytes. JSON and JSONL stream in constant memory; `timeline
    add` reads both back, so an export can be merged into another log (with
    `--with-articles`, the articles too).

    Examples:

        timeline export xiaomi -f html -o xiaomi.html

        timeline export 1810.HK --as-of 2025-06-30 --pit --type guidance

        timeline export --all -f jsonl > log.jsonl
    """
    if all_ and entities:
        raise fail("give ENTITY names or --all, not both")
    if not all_ and not entities:
        raise fail("name an ENTITY to export (e.g. `timeline export xiaomi`) or pass --all")
    dates = {
        "as_of": parse_date(as_of, "--as-of"),
        "known_at": parse_date(known_at, "--known-at"),
        "since": parse_date(since, "--since"),
        "until": parse_date(until, "--until"),
    }
    with Timeline.open(db) as tl:
        try:
            report = tl.export(
                None if all_ else entities,
                format=format.value,
                out=output if output is not None else sys.stdout.buffer,
                pit=pit,
                types=type or (),
                with_articles=with_articles,
                **dates,
            )
        except BrokenPipeError:  # `timeline export ... | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
    if output is not None:
        err_console.print(
            f"Wrote {report.events} events ({report.format}) to {output}",
            highlight=False,
            soft_wrap=True,
        )
    else:
        sys.stdout.flush()


@handles_errors
def schema() -> None:
    """Print the JSON Schema (2020-12) of `timeline export --format json` documents.

    It is generated from the msgspec types of the events and the export envelope, and
    ships with the package. Validate an export with any JSON Schema tool, e.g.

        timeline schema > timeline-1.schema.json
    """
    from timeline.exports import shipped_schema

    sys.stdout.buffer.write(shipped_schema())
    sys.stdout.flush()


@handles_errors
def add(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="timeline/1 JSON exports, JSON lists of events, or JSON Lines.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Append events from files: another log's export, or events written by hand.

    Each event is validated against the event contract (the same types as `timeline
    schema`); a bad one stops its file with one line naming the file, the event and the
    field, and nothing of that file is added. An event without an `id` gets its
    content-addressed id; an id that does not match the content is refused. Events already
    in the log are skipped, so adding a file twice appends nothing and logs merge cleanly.

    Example: timeline export --all -o a.json --db a.db && timeline add a.json --db b.db
    """
    reports: list = []  # AddReport per file
    failed = 0
    with Timeline.open(db) as tl:
        for path in files:
            try:
                reports.append(tl.add(path))
            except InvalidEventError as e:
                failed += 1
                err_console.print(f"[bold red]Error:[/] {e}", highlight=False, soft_wrap=True)
    if json:
        print_json(reports)
    else:
        for r in reports:
            computed = f", {r.computed_ids} ids computed" if r.computed_ids else ""
            articles = f"; {r.articles} articles stored" if r.articles else ""
            console.print(
                f"{r.path}: {r.read} events read, {r.added} added, "
                f"{r.present} already present{computed}{articles}",
                highlight=False,
                soft_wrap=True,
            )
        if reports and not any(r.added for r in reports) and not failed:
            console.print("Nothing new: every event was already in the log.")
    if failed:
        raise typer.Exit(1)
