"""`--format json`: a `timeline/1` document, streamed.

The envelope's keys come in a fixed order with `events` last, so the document can be written
while the events are read: header, then one canonical event per line, then the closing
brackets. The bytes are deterministic: the same log and request give the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import msgspec

from events.articles import Article
from timeline.exports.schema import SCHEMA_ID, ExportEntity, ExportFilters
from timeline.exports.sink import write_batches, write_joined

__all__ = ["write_json"]

_encoder = msgspec.json.Encoder(order="deterministic")


class _Cited(msgspec.Struct):
    """Only what an event says about its article (msgspec skips the rest unread)."""

    source: _ArticleRef


class _ArticleRef(msgspec.Struct):
    article: str


_cited = msgspec.json.Decoder(_Cited)


def _noting_articles(
    batches: Iterable[list[bytes]], cited: dict[str, None]
) -> Iterator[list[bytes]]:
    """Pass the payloads through, noting each article id in order of first citation."""
    for batch in batches:
        for payload in batch:
            cited.setdefault(_cited.decode(payload).source.article)
        yield batch


def write_json(
    out: BinaryIO,
    payloads: Iterable[list[bytes]],
    *,
    entity: ExportEntity | None,
    entities: list[ExportEntity],
    as_of: str | None,
    known_at: str | None,
    filters: ExportFilters,
    articles: Callable[[list[str]], Iterable[Article]] | None = None,
) -> int:
    """Write the envelope and its events; return the number of events.

    With `articles` (ids -> the stored articles), the events' source articles follow the
    events, so the document carries everything `timeline add` needs to rebuild the log.
    """
    enc = _encoder.encode
    header = (
        b'{"schema":'
        + enc(SCHEMA_ID)
        + b',\n"entity":'
        + enc(entity)
        + b',\n"entities":'
        + enc(entities)
        + b',\n"as_of":'
        + enc(as_of)
        + b',\n"known_at":'
        + enc(known_at)
        + b',\n"filters":'
        + enc(filters)
        + b',\n"events":[\n'
    )
    out.write(header)
    cited: dict[str, None] = {}
    if articles is not None:
        payloads = _noting_articles(payloads, cited)
    count = write_batches(out, payloads, ",\n")
    out.write(b"\n]" if count else b"]")
    if articles is not None:
        out.write(b',\n"articles":[\n')
        ids = [a for a in cited if a]
        stored = (a for i in range(0, len(ids), 500) for a in articles(ids[i : i + 500]))
        # read 500 and written 100 at a time: memory stays flat however many articles
        found = write_joined(out, map(enc, stored), ",\n", chunk=100)
        out.write(b"\n]" if found else b"]")
    out.write(b"}\n")
    return count
