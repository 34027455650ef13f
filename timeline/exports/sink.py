"""Where exports write: a binary stream, fed in chunks so memory stays flat.

Joining a few thousand strings and writing them in one call is much faster than one write
per event, and it never holds more than one chunk: peak memory does not grow with the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO

CHUNK = 4096  # events per write


def write_joined(
    out: BinaryIO, items: Iterable[str] | Iterable[bytes], sep: str, *, chunk: int = CHUNK
) -> int:
    """Write `items` (all str or all bytes) separated by `sep`; return how many.

    `islice` pulls a chunk at C speed: no Python bytecode runs per item here. Bytes items
    (stored payloads) are joined as they are, with no decode or encode.
    """
    it = iter(items)
    count = 0
    bsep = sep.encode()
    lead = b""
    while batch := list(islice(it, chunk)):
        if isinstance(batch[0], bytes):
            out.write(lead + bsep.join(batch))  # type: ignore[arg-type]
        else:
            out.write(lead + sep.join(batch).encode())  # type: ignore[arg-type]
        count += len(batch)
        lead = bsep
    return count


def write_batches(out: BinaryIO, batches: Iterable[list[bytes]], sep: str) -> int:
    """Write lists of bytes items separated by `sep`, one join and one write per list."""
    count = 0
    bsep = sep.encode()
    lead = b""
    for batch in batches:
        if batch:
            out.write(lead + bsep.join(batch))
            count += len(batch)
            lead = bsep
    return count
