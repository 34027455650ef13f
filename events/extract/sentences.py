"""Sentences with offsets into the stored body, boilerplate left out.

Evidence must point into the exact body the log stores, so the splitter never rewrites
text: it only finds [start, end) spans. Each line is a block (news bodies put one paragraph
per line; bullets and headings are lines of their own); inside a line, a sentence ends at
`.`, `!` or `?` followed by space and a capital, digit or quote, unless the word before is
a known abbreviation ("Inc.", "U.S.", "Jan.").
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate

import attrs

__all__ = ["Sentence", "split_sentences"]

_LINE_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[*\-+•]\s+|\d{1,2}[.)]\s+|>\s*)?")
# `[.!?][.!?]*` rather than `[.!?]+`: a pattern that opens with a character class lets the
# regex engine skip to the next [.!?] in C; one that opens with a repeat is tried everywhere.
_BOUNDARY = re.compile(
    r"""[.!?][.!?]*["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9$€£¥])"""
)
_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "e.u",
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "jr",
        "sr",
        "st",
        "no",
        "nos",
        "vs",
        "approx",
        "e.g",
        "i.e",
        "etc",
        "j.p",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "fig",
        "a.m",
        "p.m",
        "est",
        "bros",
        "dept",
        "gov",
        "sen",
        "rep",
        "av",
        "ave",
    ]
)
_WORD_CHARS = string.ascii_letters + "."
_CLOSERS = "\"'\u201d\u2019)"
_HEADING_MAX_WORDS = 16


@attrs.define(slots=True)
class Sentence:
    """One sentence: [start, end) into the body, its text, block (line) and flags."""

    index: int
    start: int
    end: int
    text: str
    block: int
    heading: bool = False  # a short line without final punctuation: title, subtitle, header
    bullet: bool = False


class SpanIndex:
    """Spans (any order, may overlap) asked "does one overlap / contain [start, end)?" in
    O(log n): a prefix maximum of ends over the spans sorted by start. A scan per question
    was quadratic on long articles (a thousand boilerplate spans, mentions, firms)."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """`any(s < end and start < e for s, e in spans)`."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """`any(s <= start and end <= e for s, e in spans)`."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


def _word_before(head: str) -> str | None:
    """The ASCII word (letters and dots, from a letter) that ends `head`: what
    `([A-Za-z][A-Za-z.]*)$` finds, without a regex search tried at every character."""
    tail = head[len(head.rstrip(_WORD_CHARS)) :]
    return tail.lstrip(".") or None


def _terminal(text: str) -> bool:
    """Whether the line ends a sentence: `.`, `!`, `?` or `:`, then closing quotes or
    brackets, then spaces (`[.!?:]["'\u201d\u2019)]*\\s*$`, read from the end)."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in (".", "!", "?", ":")


def _pieces(line: str) -> list[tuple[int, int]]:
    """[start, end) sentence spans inside one line."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _BOUNDARY.finditer(line):
        word = _word_before(line[begin : m.start()])
        if word is not None and m.group(0).startswith("."):
            token = word.lower().rstrip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(line)))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# A news sentence is a few hundred characters (the longest in the seeds and the annotated
# corpus: 387). A "sentence" of thousands is a flattened table or hostile input, and the
# rules' cost grows faster than its length (30 KB took over 6 s): it is not read.
MAX_SENTENCE_CHARS = 3000


def split_sentences(body: str, skip: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Every sentence of `body` outside the `skip` spans (boilerplate), in order.

    Sentences longer than MAX_SENTENCE_CHARS are left out (see there).
    """
    skipped = SpanIndex(skip) if skip else None
    out: list[Sentence] = []
    offset = 0
    block = 0
    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        block += 1
        markup = _LINE_MARKUP.match(line)
        lead = markup.end() if markup else 0
        bullet = bool(markup and markup.group(0).strip()[:1] in {"*", "-", "+", "•"}) or bool(
            markup and markup.group(0).strip()[:1].isdigit()
        )
        text = line[lead:]
        heading = (
            not bullet and not _terminal(text) and len(text.split()) <= _HEADING_MAX_WORDS
        ) or line.lstrip().startswith("#")
        for s, e in _pieces(text):
            start, end = line_start + lead + s, line_start + lead + e
            if (skipped and skipped.overlaps(start, end)) or end - start > MAX_SENTENCE_CHARS:
                continue
            out.append(Sentence(len(out), start, end, body[start:end], block, heading, bullet))
    return out
