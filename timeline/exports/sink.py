"""Where exports write: a binary stream, fed in chunks so memory stays flat.

Joining a few thousand strings and writing them in one call is much faster than one write
per event, and it never holds more than one chunk: peak memory does not grow with the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

CHUNK = 4096  # events per write


def write_joined(out: BinaryIO, items: Iterable[str], sep: str, *, chunk: int = CHUNK) -> int:
    """Write `items` separated by `sep` (nothing after the last); return how many."""
    count = 0
    buffer: list[str] = []
    first = True
    for item in items:
        buffer.append(item)
        count += 1
        if len(buffer) >= chunk:
            out.write(((sep if not first else "") + sep.join(buffer)).encode())
            buffer.clear()
            first = False
    if buffer:
        out.write(((sep if not first else "") + sep.join(buffer)).encode())
    return count
