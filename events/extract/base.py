"""The extractor interface: an article in, events out.

Anything with a `name`, a `version` and an `extract()` method is an extractor: the shipped
rule set, another rule set, or a model of the user's own. The log records (name, version)
on every event, so a newer version re-extracts and supersedes what an older one emitted.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from events.articles import Article
from events.entities import Registry
from events.model import Event, ExtractorRef, Source


@runtime_checkable
class Extractor(Protocol):
    """Turns one parsed article into events; must be deterministic and free of I/O."""

    name: str
    version: str

    def extract(self, article: Article, registry: Registry) -> list[Event]: ...


def extractor_ref(extractor: Extractor, rule: str = "") -> ExtractorRef:
    return ExtractorRef(name=extractor.name, version=extractor.version, rule=rule)


def source_of(article: Article) -> Source:
    """The `source` envelope field every event of this article carries."""
    return Source(
        article=article.id,
        origin=article.origin,
        title=article.title,
        url=article.url,
        published=article.published,
    )
