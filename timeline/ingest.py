"""Ingest: files → articles → events → the log, one transaction per article.

A bad file is reported and skipped; the rest of the batch goes on. An article's events
land all together or not at all (the store's transaction), so nothing half-written remains.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from events.articles import ParsedArticle, iter_article_paths, read_article
from events.entities import Registry
from events.errors import ArticleError, TimelineError
from events.model import Event, ExtractorRef
from timeline.store.base import EventStore

if TYPE_CHECKING:  # importing events.extract loads every rule: only when ingesting
    from events.extract.base import Extractor


@attrs.frozen
class ArticleOutcome:
    """What happened to one input file."""

    path: str
    article: str | None = None
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    new: int = 0
    present: int = 0
    retracted: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return attrs.asdict(self)


@attrs.frozen
class IngestReport:
    """The summary of a batch: per-file outcomes and totals."""

    outcomes: tuple[ArticleOutcome, ...]

    @property
    def articles(self) -> int:
        return sum(1 for o in self.outcomes if o.ok)

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def present(self) -> int:
        return sum(o.present for o in self.outcomes)

    @property
    def retracted(self) -> int:
        return sum(o.retracted for o in self.outcomes)

    @property
    def warnings(self) -> list[str]:
        return [w for o in self.outcomes for w in o.warnings]

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "events_new": self.new,
            "events_present": self.present,
            "events_retracted": self.retracted,
            "warnings": self.warnings,
            "errors": self.errors,
            "files": [o.to_dict() for o in self.outcomes],
        }


def extract_parsed(parsed: ParsedArticle, registry: Registry, extractor: Extractor) -> list[Event]:
    """One article's events; an extractor failure becomes an ArticleError naming the file."""
    article = parsed.article
    try:
        return extractor.extract(article, registry)
    except TimelineError as e:  # e.g. an event with a value JSON cannot hold
        raise ArticleError(
            article.origin,
            f"extractor {extractor.name} emitted an invalid event: {e}",
            "report it with this file attached",
        ) from e
    except Exception as e:  # an extractor bug must not sink the batch; say which file
        raise ArticleError(
            article.origin,
            f"extractor {extractor.name} failed ({type(e).__name__}: {e})",
            "report it with this file attached",
        ) from e


def append_parsed(
    parsed: ParsedArticle, events: list[Event], store: EventStore, extractor: Extractor
) -> ArticleOutcome:
    """Append one article and its events (one transaction) and say what happened."""
    article = parsed.article
    result = store.append_article(
        article, events, ExtractorRef(name=extractor.name, version=extractor.version)
    )
    warnings = list(parsed.warnings)
    if result.skipped_reason:
        warnings.append(f"{article.origin}: {result.skipped_reason}; nothing appended")
    return ArticleOutcome(
        path=article.origin,
        article=article.id,
        title=article.title,
        published=article.published,
        published_inferred=article.published_inferred,
        new=len(result.added),
        present=len(result.present),
        retracted=len(result.retracted),
        warnings=tuple(warnings),
    )


def ingest_parsed(
    parsed: ParsedArticle, store: EventStore, registry: Registry, extractor: Extractor
) -> ArticleOutcome:
    """Extract and append one parsed article."""
    return append_parsed(parsed, extract_parsed(parsed, registry, extractor), store, extractor)


def ingest_paths(
    paths: Iterable[Path | str],
    store: EventStore,
    registry: Registry,
    extractor: Extractor,
    *,
    published: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    on_file: Callable[[ArticleOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files and directories; every file gets an outcome, good or bad.

    `jobs` > 1 parses and extracts in that many worker processes (see `timeline.parallel`);
    this process appends, in file order, so the log is the one a single process writes.
    """
    outcomes: list[ArticleOutcome] = []
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(iter_article_paths([Path(path)]))
        except ArticleError as e:
            outcomes.append(ArticleOutcome(path=str(path), error=str(e)))
    if on_start:
        on_start(len(files))
    if jobs > 1 and len(files) > 1:
        from timeline.parallel import extracted_in_workers

        results = extracted_in_workers(files, registry, extractor, published, strict, jobs)
    else:
        results = (_extracted(f, registry, extractor, published, strict) for f in files)
    for file, result in zip(files, results, strict=True):
        try:
            if isinstance(result, str):
                raise TimelineError(result)
            outcome = append_parsed(*result, store, extractor)
        except TimelineError as e:
            outcome = ArticleOutcome(path=str(file), error=_one_line(str(e), str(file)))
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return IngestReport(tuple(outcomes))


Extracted = tuple[ParsedArticle, list[Event]] | str  # the article and its events, or the error


def _extracted(
    file: Path,
    registry: Registry,
    extractor: Extractor,
    published: str | None,
    strict: bool,
) -> Extracted:
    """Parse and extract one file; a bad file gives its error message instead."""
    try:
        parsed = read_article(file, published=published, strict=strict)
        return parsed, extract_parsed(parsed, registry, extractor)
    except TimelineError as e:
        return str(e)


def _one_line(message: str, path: str) -> str:
    """Errors name their file; make sure of it and keep them on one line."""
    message = " ".join(message.split())
    return message if path in message else f"{path}: {message}"
