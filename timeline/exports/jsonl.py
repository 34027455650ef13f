"""`--format jsonl`: one canonical event per line, streamed in log order.

The line is the stored payload itself (sorted keys, no whitespace), so the same log always
gives the same bytes, and `timeline add` reads the file back line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from timeline.exports.sink import write_batches

__all__ = ["write_jsonl"]


def write_jsonl(out: BinaryIO, payloads: Iterable[list[bytes]]) -> int:
    """Write one event per line (`payloads`: lists of them); return the number of events."""
    count = write_batches(out, payloads, "\n")
    if count:
        out.write(b"\n")
    return count
