"""The lines above an article's body: kicker, title, publisher and dated byline.

Plain-text news puts them in a few short lines before the first paragraph, in orders that
differ by site (`title / publisher / date`, `kicker / title / date`, a date glued onto the
first paragraph). Everything read here becomes an Article field and leaves the body; any
other line stays in the body, where the boilerplate rules may mark it.

After front matter, a `# Heading` that repeats the front-matter title is header too and
leaves the body, so that every body starts with news as in plain-text files; a heading
that says something else stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice, pairwise

from attrs import frozen

from events.articles.dates import Stamp, match_stamp

_MAX_HEADER_LINES = 6  # non-blank lines looked at before the body must have started
_TITLE_MAX = 200
_PUBLISHER_MAX_WORDS = 4
# Markup that opens a line; the emphasis that closes one is stripped off with rstrip, not
# with a `[*_]+$` the regex engine would try at every character.
_OPENING_MARKUP = re.compile(r"#{1,6}\s+|[*_]+")
_BYLINE_PREFIX = re.compile(
    r"(?:(?:published|updated|last\s+updated|posted|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*[-\u2013\u2014|\u00b7\u2022@/]\s*")
_NOT_TITLE_END = re.compile(r"(?<!\.\.)[.,:;]$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_AUTHOR = re.compile(r"^by\s", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_TITLE_FROM_TEXT_MAX = 120
# Words whose full stop does not end a sentence.
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof inc corp co ltd plc st jr sr vs no approx est dept gov sen rep"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_SENTENCE_STOP = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s|$)")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


@frozen
class Byline:
    """A dated line: its stamp, a publisher written beside it, where glued body text starts."""

    stamp: Stamp
    publisher: str | None = None
    body_start: int | None = None  # offset in the line of body text glued after the date


@frozen
class Header:
    """What the header said, and the text left for the body."""

    title: str | None
    publisher: str | None
    stamp: Stamp | None
    body: str


def read_header(text: str, known_title: str | None = None) -> Header:
    """Split the header lines off `text`; `known_title` (from front matter) skips title guessing."""
    lines = text.split("\n")
    index = _next_nonblank(lines, 0)
    if known_title and index < len(lines) and _same_title(lines[index], known_title):
        index = _next_nonblank(lines, index + 1)
    candidates: list[int] = []
    for position in _leading_lines(lines, index):
        byline = match_byline(_plain(lines[position]))
        if byline is not None:
            return _dated_header(lines, candidates, position, byline, known_title)
        if known_title is not None or not title_like(lines[position]):
            break
        candidates.append(position)
    if known_title is None:
        return _undated_header(lines, candidates, index)
    return Header(title=known_title, publisher=None, stamp=None, body=_join(lines, index))


def title_from_text(text: str) -> str:
    """Last resort: the first sentence of the first line with words, cut to about 120 chars."""
    line = next((line.strip() for line in text.split("\n") if _WORD.search(line)), "")
    sentence = _first_sentence(_plain(line) or line)
    if len(sentence) <= _TITLE_FROM_TEXT_MAX:
        return sentence
    cut = sentence[:_TITLE_FROM_TEXT_MAX].rsplit(" ", 1)[0].rstrip(" ,;:-\u2013\u2014")
    return cut + "…"


def match_byline(line: str) -> Byline | None:
    """A line that is a date (and time), alone, beside a publisher, or glued to body text."""
    prefix = _BYLINE_PREFIX.match(line)
    stamp = match_stamp(line, prefix.end() if prefix else 0)
    if stamp is None:
        return None
    rest = line[stamp.end :]
    if not rest.strip():
        return Byline(stamp=stamp)
    separator = _SEPARATOR.match(rest)
    after = rest[separator.end() :] if separator else rest
    if separator and publisher_like(after):
        return Byline(stamp=stamp, publisher=after.strip())
    if stamp.timed or separator:  # "09:46:04Xiaomi is..." or "January 9, 2026 — Xiaomi..."
        return Byline(stamp=stamp, body_start=len(line) - len(after.lstrip()))
    return None


def title_like(line: str) -> bool:
    """A short line that does not read as the end of a sentence or as a list item."""
    plain = _plain(line)
    if line.lstrip().startswith("#"):
        return bool(_WORD.search(plain))
    return (
        0 < len(plain) <= _TITLE_MAX
        and _WORD.search(plain) is not None
        and _NOT_TITLE_END.search(plain) is None
        and _LIST_ITEM.match(line) is None
    )


def publisher_like(text: str) -> bool:
    """A name of at most a few words: "Wallstreetcn", "boerse-global.de", "Reuters"."""
    text = text.strip()
    words = text.split()
    return (
        0 < len(text) <= 50
        and 0 < len(words) <= _PUBLISHER_MAX_WORDS
        and re.search(r"[^\W\d_]", text) is not None
        and _SENTENCE_END.search(text) is None
    )


def _dated_header(
    lines: list[str], candidates: list[int], position: int, byline: Byline, known_title: str | None
) -> Header:
    """The header ends at the byline; the lines above it hold the title and maybe a publisher."""
    candidates = [c for c in candidates if not _AUTHOR.match(_plain(lines[c]))]
    publisher = byline.publisher
    if _publisher_line(lines, candidates, position):
        publisher = publisher or _plain(lines[candidates.pop()])
    titles = _drop_kickers(lines, candidates, labels=True)
    title = known_title or (_plain(lines[titles[0]]) if titles else None)
    body = _join(lines, position + 1)
    if byline.body_start is not None:
        body = lines[position][byline.body_start :] + "\n" + body
    return Header(title=title, publisher=publisher, stamp=byline.stamp, body=body)


def _undated_header(lines: list[str], candidates: list[int], index: int) -> Header:
    """No byline: the first title-like line is the title when real text follows it."""
    titles = _drop_kickers(lines, candidates)
    if titles:
        body = _join(lines, titles[0] + 1)
        if _WORD.search(body):
            return Header(title=_plain(lines[titles[0]]), publisher=None, stamp=None, body=body)
    return Header(title=None, publisher=None, stamp=None, body=_join(lines, index))


def _publisher_line(lines: list[str], candidates: list[int], position: int) -> bool:
    """A short name right above the byline, under a longer title, is the publisher."""
    if len(candidates) < 2 or candidates[-1] != position - 1:
        return False
    name = _plain(lines[candidates[-1]])
    longest = max(len(_plain(lines[c])) for c in candidates[:-1])
    return publisher_like(name) and len(name) < longest


def _drop_kickers(lines: list[str], candidates: list[int], labels: bool = False) -> list[int]:
    """Drop kickers: fragments of the next line ("Xiaomi, Founder's") and section labels.

    A section label ("MARKETS", "Tech") is a line of one or two words over a longer one. Any
    capitalisation counts when a byline confirms we are in the header (`labels`); without
    one only all-caps labels do, since a short first line may just be the title.
    """
    kept = [
        current
        for current, following in pairwise(candidates)
        if not _is_kicker(_plain(lines[current]), _plain(lines[following]), labels)
    ]
    return kept + candidates[-1:]


def _is_kicker(line: str, following: str, labels: bool) -> bool:
    words, next_words = _words(line), _words(following)
    if len(words) >= len(next_words):
        return False
    label = len(words) <= 2 and len(next_words) >= 3 and (labels or line.isupper())
    return label or set(words) <= set(next_words)


def _leading_lines(lines: list[str], start: int) -> Iterator[int]:
    """Indices of the first few non-blank lines, the only ones a header can use."""
    nonblank = (i for i in range(start, len(lines)) if lines[i].strip())
    return islice(nonblank, _MAX_HEADER_LINES)


def _first_sentence(line: str) -> str:
    """Up to the first full stop that ends a sentence (not "U.S." or "Corp.")."""
    for stop in _SENTENCE_STOP.finditer(line):
        if stop.group()[0] != "." or not _abbreviation(line[: stop.start()]):
            return line[: stop.end()]
    return line


def _abbreviation(before: str) -> bool:
    """Whether the word before a full stop is an abbreviation: "U.S", "Corp", a lone "J"."""
    words = before.split()
    word = words[-1].lower() if words else ""
    return len(word) <= 1 or word in _ABBREVIATIONS or "." in word


def _same_title(line: str, title: str) -> bool:
    return _words(_plain(line).translate(_QUOTES)) == _words(title.translate(_QUOTES))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _plain(line: str) -> str:
    """The line without Markdown heading marks or emphasis around it."""
    line = line.strip()
    opening = _OPENING_MARKUP.match(line)
    if opening is not None:
        line = line[opening.end() :]
    return line.rstrip("*_").strip()


def _next_nonblank(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _join(lines: list[str], start: int) -> str:
    return "\n".join(lines[start:])
