"""`--format json`: a `timeline/1` document, streamed.

The envelope's keys come in a fixed order with `events` last, so the document can be written
while the events are read: header, then one canonical event per line, then the closing
brackets. The bytes are deterministic: the same log and request give the same file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import msgspec

from timeline.exports.schema import SCHEMA_ID, ExportEntity, ExportFilters
from timeline.exports.sink import write_joined

__all__ = ["write_json"]

_encoder = msgspec.json.Encoder(order="deterministic")


def write_json(
    out: BinaryIO,
    payloads: Iterable[bytes],
    *,
    entity: ExportEntity | None,
    entities: list[ExportEntity],
    as_of: str | None,
    known_at: str | None,
    filters: ExportFilters,
) -> int:
    """Write the envelope and its events; return the number of events."""
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
    count = write_joined(out, payloads, ",\n")
    out.write(b"\n]}\n" if count else b"]}\n")
    return count
