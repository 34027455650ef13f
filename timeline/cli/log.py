"""Read verbs over the raw log: `events`, `show`, `verify`, `entities`."""

from __future__ import annotations

import sys
from typing import Annotated

import msgspec
import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from events.errors import IntegrityError
from events.model import EVENT_TYPES, encode_event
from timeline.api import Timeline
from timeline.cli.common import (
    DbOption,
    JsonOption,
    console,
    handles_errors,
    parse_date,
    print_json,
)
from timeline.describe import headline, value


def _check_types(types: list[str]) -> list[str]:
    for t in types:
        if t not in EVENT_TYPES:
            raise typer.BadParameter(
                f"unknown event type {t!r}; choose from {', '.join(EVENT_TYPES)}",
                param_hint="--type",
            )
    return types


@handles_errors
def events(
    entity: Annotated[str | None, typer.Option(help="Slug, name, alias or ticker.")] = None,
    type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Event type; repeat for several.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only events whose period ends on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only events whose period starts on or before this date.")
    ] = None,
    known_at: Annotated[
        str | None, typer.Option(help="Only events reported on or before this date.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """List events in log order, filtered.

    Example: timeline events --entity 1810.HK --type analyst_rating --since 2025-01-01
    """
    with Timeline.open(db) as tl:
        found = tl.events(
            entity=entity,
            types=_check_types(type or []),
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            known_at=parse_date(known_at, "--known-at"),
            limit=limit,
        )
        if json:  # streamed: a JSON array of any length in constant memory
            out = sys.stdout.buffer
            out.write(b"[")
            for i, event in enumerate(found):
                out.write(b"," + encode_event(event) if i else encode_event(event))
            out.write(b"]\n")
            out.flush()
            return
        rows = list(found)
    columns = ["seq", "id", "type", *([] if entity else ["entity"]), "when", "reported", "what"]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in columns:
        table.add_column(
            col, no_wrap=col != "what", overflow="fold", ratio=1 if col == "what" else None
        )
    for e in rows:
        cells = [
            str(e.seq),
            e.id[:11],
            e.type,
            e.entity,
            e.when.label,
            e.reported,
            escape(headline(e)),
        ]
        if entity:
            del cells[3]
        table.add_row(*cells)
    console.print(table)
    console.print(f"{len(rows)} events")


@handles_errors
def show(
    event_id: Annotated[
        str, typer.Argument(metavar="ID", help="Event id (a unique prefix is enough).")
    ],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show one event: its fields, why it was emitted, and its evidence in the article.

    Example: timeline show ev_3f2a
    """
    with Timeline.open(db) as tl:
        event = tl.get(event_id)
        retraction = tl.store.retractions_of([event.id]).get(event.id)
        try:
            article = tl.store.article(event.source.article)
        except Exception:
            article = None
    if json:
        out = msgspec.to_builtins(event)
        out["retracted_by"] = retraction.id if retraction else None
        print_json(out)
        return
    console.print(f"[bold]{escape(headline(event))}[/]")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row("id", event.id)
    table.add_row("type", event.type)
    table.add_row("entity", event.entity)
    table.add_row("when", f"{event.when.label}  ({event.when.start} .. {event.when.end})")
    table.add_row("reported", event.reported)
    table.add_row("recorded", f"{event.recorded}  (seq {event.seq})")
    table.add_row(
        "source", escape(f"{event.source.title}  [{event.source.url or event.source.origin}]")
    )
    if event.extractor:
        rule = f", rule {event.extractor.rule}" if event.extractor.rule else ""
        table.add_row("extractor", f"{event.extractor.name} {event.extractor.version}{rule}")
    for field in msgspec.structs.fields(event.data):
        v = getattr(event.data, field.name)
        if v is not None and v != field.default:
            table.add_row(f"data.{field.name}", escape(value(v)))
    if retraction:
        table.add_row(
            "[red]retracted[/]", escape(f"by {retraction.id[:14]}: {retraction.data.reason}")
        )
    console.print(table)
    if event.evidence:
        ev = event.evidence
        if article is not None and article.body[ev.start : ev.end] == ev.text:
            before = article.body[max(0, ev.start - 200) : ev.start]
            after = article.body[ev.end : ev.end + 200]
            console.print(
                "\n…"
                + escape(before)
                + "[black on yellow]"
                + escape(ev.text)
                + "[/]"
                + escape(after)
                + "…",
                soft_wrap=True,
            )
        else:
            console.print("\n[black on yellow]" + escape(ev.text) + "[/]", soft_wrap=True)


@handles_errors
def verify(
    expect_tip: Annotated[
        str | None,
        typer.Option(
            help="The tip hash an earlier verify printed (a prefix will do): proves that no "
            "event was cut off the end since."
        ),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Check the log: gap-free seq, every row against its payload, the hash chain, triggers.

    Exit 0 when every invariant holds; otherwise the first break is named and the exit is 1.
    The chain cannot see rows cut off its end: keep the printed tip hash somewhere else and
    pass it back with --expect-tip.

    Example: timeline verify --expect-tip 3f9a0c1d2e4b
    """
    with Timeline.open(db) as tl:
        report = tl.verify()
        problems = list(report.problems)
        if expect_tip and not problems:
            chain = [r[0] for r in tl.store.conn.execute("SELECT hash FROM events ORDER BY seq")]
            tip = expect_tip.lower()
            if not any(h.startswith(tip) for h in chain):
                problems.append(
                    f"tip {expect_tip} is not in the chain: events were cut or replaced"
                )
            elif not report.tip.startswith(tip):
                where = next(i for i, h in enumerate(chain, 1) if h.startswith(tip))
                console.print(
                    f"tip {expect_tip} is seq {where}; {report.last_seq - where} events since"
                )
    if json:
        print_json(
            {
                "ok": not problems,
                "events": report.events,
                "articles": report.articles,
                "last_seq": report.last_seq,
                "tip": report.tip,
                "problems": problems,
                "notes": list(report.notes),
            }
        )
    elif not problems:
        console.print(
            f"OK: {report.events} events, {report.articles} articles, hash chain intact; "
            f"tip {report.tip[:16]}"
        )
        for note in report.notes:
            console.print(f"note: {note}")
    if problems:
        if not json:
            raise IntegrityError("log verification failed: " + "; ".join(problems))
        raise typer.Exit(1)


@handles_errors
def entities(db: DbOption = None, json: JsonOption = False) -> None:
    """Entities that have events in the log, with their tickers and event counts."""
    with Timeline.open(db) as tl:
        rows = tl.entities()
    if json:
        print_json(rows)
        return
    table = Table()
    for col in ("entity", "name", "tickers", "events"):
        table.add_column(col, justify="right" if col == "events" else "left")
    for r in rows:
        table.add_row(r.slug, r.name, ", ".join(r.tickers[:3]), str(r.events))
    console.print(table)
