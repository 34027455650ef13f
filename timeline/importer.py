"""`timeline add FILE`: append events from a file, so logs can be merged and facts hand-written.

Accepted: a `timeline/1` JSON export, a JSON list of events, or JSON Lines (one event per
line, what `export --format jsonl` writes). Every event is decoded with msgspec into the
event union (the same types the JSON Schema is generated from), so a bad one is reported on
one line naming the file, the event and the field:

    hand.json: events[2]: data.firm: expected `str`, got `int`

An event without an id gets its content-addressed id; an id that does not match the
content is rejected. `seq` and `recorded` in the file are ignored: the log assigns its own.
Events already in the log are skipped, so adding the same file twice appends nothing.
The whole file is validated before anything is appended.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import msgspec

from events.articles import Article, article_id
from events.entities import Registry
from events.errors import InvalidEventError, UnknownEntityError
from events.model import EVENT_TYPES, Event, event_id
from timeline.exports.schema import SCHEMA_ID
from timeline.store.base import EventStore

__all__ = ["AddReport", "add_file", "read_articles", "read_events"]

BATCH = 20_000  # events per append transaction on big files
_decoder = msgspec.json.Decoder(Event)
_article_decoder = msgspec.json.Decoder(Article)
_as_written = msgspec.json.Encoder()  # keeps the file's key order: see _id_as_written
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_FIELD = re.compile(r"^Object (?P<what>missing required|contains unknown) field `(?P<name>[^`]+)`$")
_SHAPE = "expected a timeline/1 JSON export, a JSON list of events, or JSON Lines"


class _Document(msgspec.Struct):
    """The outer shape of a JSON file: an export envelope (only what import needs)."""

    schema: str | None = None
    events: list[msgspec.Raw] | None = None
    articles: list[msgspec.Raw] | None = None


@attrs.frozen
class AddReport:
    """What one `add` did: events read, added, not added (already in the log or repeated in
    the file), and how many ids were computed for events that came without one."""

    path: str
    read: int
    added: int
    present: int
    computed_ids: int
    articles: int = 0  # articles the file carried (`export --with-articles`) new to the log

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "read": self.read,
            "added": self.added,
            "present": self.present,
            "computed_ids": self.computed_ids,
            "articles": self.articles,
        }


def _explain(error: msgspec.ValidationError) -> tuple[str, str]:
    """(field path, message) from msgspec's `Expected ... - at `$.data.firm``."""
    m = _AT.match(str(error))
    assert m is not None
    message, path = m["msg"], (m["path"] or "").lstrip(".")
    if f := _FIELD.match(message):
        path = f"{path}.{f['name']}" if path else f["name"]
        message = "missing required field" if f["what"] == "missing required" else "unknown field"
    elif path == "type" or (message.startswith("Invalid value") and not path):
        message += f"; known types: {', '.join(EVENT_TYPES)}"
    message = message[:1].lower() + message[1:]
    return path or "event", message


def _id_as_written(raw: bytes) -> str | None:
    """The content address over the numbers exactly as the file writes them.

    A log may hold an event built with an int where the contract says float (`300000` for
    `300000.0`); its id was hashed over the int. Decoding makes it a float, so the id is
    checked again over the file's own JSON values, in the file's own key order.
    """
    try:
        obj = msgspec.json.decode(raw)
        key = [obj["type"], obj["entity"], obj["when"], obj["data"], obj["source"]["article"]]
    except (msgspec.DecodeError, KeyError, TypeError):
        return None
    return "ev_" + hashlib.sha256(_as_written.encode(key)).hexdigest()


def _iso(value: str, field: str, where: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InvalidEventError(
            f"{where}: {field}: {value!r} is not an ISO date (YYYY-MM-DD)"
        ) from None


def _check(raw: bytes, where: str, registry: Registry | None) -> tuple[Event, bool]:
    """Decode and validate one event; return it with its id set, and whether the id was computed."""
    try:
        event = _decoder.decode(raw)
    except msgspec.ValidationError as e:
        field, message = _explain(e)
        raise InvalidEventError(f"{where}: {field}: {message}") from None
    except msgspec.DecodeError as e:
        raise InvalidEventError(f"{where}: not valid JSON ({e})") from None
    _iso(event.when.start, "when.start", where)
    _iso(event.when.end, "when.end", where)
    _iso(event.reported[:10], "reported", where)
    if event.when.start > event.when.end:
        raise InvalidEventError(
            f"{where}: when: start {event.when.start} is after end {event.when.end}"
        )
    if registry is not None and event.entity not in registry.entities:
        try:
            slug = registry.resolve(event.entity).slug
        except UnknownEntityError as e:
            if not _SLUG.match(event.entity):
                raise InvalidEventError(f"{where}: entity: {e}") from None
            slug = event.entity  # a company this registry lacks: kept as written
        if slug != event.entity:
            if event.id:
                raise InvalidEventError(
                    f"{where}: entity: {event.entity!r} is a name, not a slug; write {slug!r}"
                )
            event = msgspec.structs.replace(event, entity=slug)
    expected = event_id(event.type, event.entity, event.when, event.data, event.source.article)
    if not event.id:
        return msgspec.structs.replace(event, id=expected), True
    if event.id != expected and event.id != _id_as_written(raw):
        raise InvalidEventError(
            f"{where}: id: {event.id} does not match the event's content (expected {expected}); "
            "fix the fields, or drop the id to have it computed"
        )
    return event, False


def _decode_whole(name: str, data: bytes, type_: type) -> Any:
    """One JSON document of the given outer shape; None when the file holds several values."""
    try:
        return msgspec.json.decode(data, type=type_)
    except msgspec.ValidationError as e:
        field, message = _explain(e)
        raise InvalidEventError(f"{name}: {field}: {message}; {_SHAPE}") from None
    except msgspec.DecodeError as e:
        if "trailing characters" in str(e):
            return None  # several JSON values: JSON Lines
        raise InvalidEventError(f"{name}: not valid JSON ({e}); {_SHAPE}") from None


def _raw_events(path: Path) -> Iterator[tuple[str, bytes]]:
    """(location for errors, raw JSON of one event) for every event in the file, lazily."""
    name = str(path)
    with path.open("rb") as f:
        head = f.read(4096).lstrip()
    if not head:
        raise InvalidEventError(f"{name}: empty file; {_SHAPE}")
    if head[:1] not in (b"[", b"{"):
        raise InvalidEventError(f"{name}: not JSON; {_SHAPE}")
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        data = path.read_bytes()
        if head[:1] == b"[":
            items = _decode_whole(name, data, list[msgspec.Raw])
            if items is not None:
                yield from ((f"{name}: events[{i}]", bytes(r)) for i, r in enumerate(items))
                return
        else:
            doc = _decode_whole(name, data, _Document)
            if doc is not None and doc.events is not None:
                if doc.schema not in (None, SCHEMA_ID):
                    raise InvalidEventError(
                        f"{name}: schema {doc.schema!r} is not supported; "
                        f"this timeline reads {SCHEMA_ID}"
                    )
                yield from ((f"{name}: events[{i}]", bytes(r)) for i, r in enumerate(doc.events))
                return
            if doc is not None:  # one JSON object, maybe over several lines: a single event
                yield f"{name}: event", data
                return
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield f"{name}: line {number}", line


def read_articles(path: str | Path) -> list[Article]:
    """The articles a `timeline/1` document carries (`export --with-articles`), validated:
    each must decode as an article and its body must hash to its id."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return []
    data = path.read_bytes()
    if data.lstrip()[:1] != b"{":
        return []
    doc = _decode_whole(str(path), data, _Document)
    found: list[Article] = []
    for i, raw in enumerate(doc.articles or [] if doc is not None else []):
        where = f"{path}: articles[{i}]"
        try:
            article = _article_decoder.decode(raw)
        except msgspec.ValidationError as e:
            field, message = _explain(e)
            raise InvalidEventError(f"{where}: {field}: {message}") from None
        if article_id(article.body) != article.id:
            raise InvalidEventError(
                f"{where}: the body does not hash to the id {article.id} (edited text?); "
                "export the article again from its log"
            )
        found.append(article)
    return found


def read_events(path: str | Path, registry: Registry | None = None) -> list[Event]:
    """Every event in the file, validated, ids set; InvalidEventError on the first bad one."""
    return [_check(raw, where, registry)[0] for where, raw in _raw_events(Path(path))]


def add_file(store: EventStore, path: str | Path, registry: Registry | None = None) -> AddReport:
    """Validate the whole file, then append its events that the log does not have yet."""
    path = Path(path)
    if not path.is_file():
        raise InvalidEventError(f"{path}: no such file; give a JSON or JSON Lines file of events")
    kept: list[Event] = []
    read = computed = 0
    for where, raw in _raw_events(path):  # pass 1: validate everything, keep one batch
        event, made = _check(raw, where, registry)
        read += 1
        computed += made
        if read <= BATCH:
            kept.append(event)
    carried = read_articles(path)
    articles = store.append_articles(carried) if carried else 0
    added = 0
    if read <= BATCH:
        added = len(store.append(kept).added)
        return AddReport(str(path), read, added, read - added, computed, articles)
    kept.clear()
    batch: list[Event] = []
    for where, raw in _raw_events(path):  # pass 2 (big files): append batch by batch
        batch.append(_check(raw, where, registry)[0])
        if len(batch) >= BATCH:
            added += len(store.append(batch).added)
            batch = []
    if batch:
        added += len(store.append(batch).added)
    return AddReport(str(path), read, added, read - added, computed, articles)
