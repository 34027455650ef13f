"""The Article record every later stage reads, and the boilerplate test extractors use."""

from __future__ import annotations

import hashlib

import msgspec


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """One news article: its metadata and the normalised body that evidence offsets point into."""

    id: str  # "art_" + sha256 hex of the normalised body (utf-8)
    title: str
    url: str | None = None
    publisher: str | None = None
    published: str  # ISO date YYYY-MM-DD: the knowledge time of everything it says
    published_at: str | None = None  # UTC "YYYY-MM-DDTHH:MM:SSZ" when the source gives time + zone
    published_inferred: bool = False
    origin: str  # path or URL it was read from
    body: str
    boilerplate: list[tuple[int, int]] = []  # [start, end) spans of body that are not news
    language: str = "en"  # ISO 639-1 guess; "und" when it cannot tell


class ParsedArticle(msgspec.Struct, frozen=True):
    """An article and the one-line warnings a user should see about how it was read."""

    article: Article
    warnings: list[str]


def article_id(body: str) -> str:
    """Content address of a normalised body: the same text always gets the same id."""
    return "art_" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def in_boilerplate(article: Article, start: int, end: int) -> bool:
    """True when most of body[start:end] (not counting whitespace) lies in boilerplate.

    "Most" rather than "any" so that a sentence splitter that glues a short credit or ticker
    line onto a real sentence does not lose the sentence; an empty span asks about one point.
    """
    start, end = max(0, start), min(len(article.body), end)
    if start >= end:
        return any(s <= start < e for s, e in article.boilerplate)
    total = _visible(article.body[start:end])
    covered = sum(
        _visible(article.body[max(s, start) : min(e, end)])
        for s, e in article.boilerplate
        if s < end and start < e
    )
    if total == 0:  # only whitespace: inside if it touches boilerplate at all
        return any(s < end and start < e for s, e in article.boilerplate)
    return covered * 2 > total


def _visible(text: str) -> int:
    return len(text) - sum(char.isspace() for char in text)
