"""`timeline ingest PATH...`: parse, extract, append, with a progress bar and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from timeline.api import Timeline
from timeline.cli.common import (
    ARTICLE_YEARS,
    DbOption,
    JsonOption,
    console,
    err_console,
    handles_errors,
    parse_date,
    print_json,
)

if TYPE_CHECKING:  # the parser loads with the first ingest, not with every command
    from timeline.ingest import ArticleOutcome, IngestReport


@handles_errors
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or directories of them.", show_default=False)
    ],
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD) for every article, overriding what they say."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Reject articles with no publication date instead of inferring it.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Processes that parse and extract (0: one per CPU); one process appends,"
            " in file order, so the log is the same whatever the number.",
        ),
    ] = 1,
    json: JsonOption = False,
) -> None:
    """Read articles, extract their events and append them to the log.

    Each article is one transaction: its events land together or not at all. Ingesting
    the same article again appends nothing. Bad files are reported, one line each, and the
    rest of the batch is still ingested; the exit code is 1 if any file failed.

    Example: timeline ingest seeds/ --db news.db
    Example: timeline ingest ~/news/2026-11/ --jobs 0    (a month of news, every CPU)
    """
    published = parse_date(published, "--published", ARTICLE_YEARS)
    if jobs == 0:
        from timeline.parallel import default_jobs

        jobs = default_jobs()
    with Timeline.open(db) as tl:
        if json:
            report = tl.ingest(paths, published=published, strict=strict, jobs=jobs)
        else:
            report = _ingest_with_progress(tl, paths, published, strict, jobs)
    if json:
        print_json(report)
    else:
        _print_summary(report)
    if not report.ok:
        raise typer.Exit(1)


def _ingest_with_progress(
    tl: Timeline, paths: list[Path], published: str | None, strict: bool, jobs: int
) -> IngestReport:
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_file(outcome: ArticleOutcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.path).name)

        return tl.ingest(
            paths,
            published=published,
            strict=strict,
            jobs=jobs,
            on_file=on_file,
            on_start=on_start,
        )


def _print_summary(report: IngestReport) -> None:
    table = Table(title="Ingest", title_justify="left")
    wide = console.width >= 110  # titles only where they fit; the file name always
    table.add_column("file", no_wrap=True, overflow="ellipsis", max_width=30)
    if wide:
        table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=40)
    table.add_column("published", no_wrap=True, min_width=11)
    for name in ("new", "present", "retracted"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for o in report.outcomes:
        if o.ok:
            when = (o.published or "") + ("*" if o.published_inferred else "")
            title = [o.title or ""] if wide else []
            table.add_row(
                Path(o.path).name, *title, when, str(o.new), str(o.present), str(o.retracted)
            )
    table.add_section()
    table.add_row(
        f"[bold]{report.articles} articles[/]",
        *([""] if wide else []),
        "",
        f"[bold]{report.new}",
        str(report.present),
        str(report.retracted),
    )
    console.print(table)
    if any(o.published_inferred for o in report.outcomes):
        console.print("* publication date inferred from the body (see warnings)")
    if report.new == 0 and report.present and report.ok:
        console.print("Nothing new: every event was already in the log.")
    for warning in report.warnings:
        err_console.print(f"[yellow]Warning:[/] {warning}", highlight=False, soft_wrap=True)
    for error in report.errors:
        err_console.print(f"[bold red]Error:[/] {error}", highlight=False, soft_wrap=True)
    if report.errors:
        err_console.print(
            f"{len(report.errors)} file(s) failed; the other {report.articles} were ingested."
        )
