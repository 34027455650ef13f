"""Articles: reading news files into normalised, content-addressed Article records.

`read_article`/`parse_article` turn a file or bytes into a ParsedArticle (the Article and
the warnings about how it was read); `iter_article_paths` expands directories;
`in_boilerplate` tells extractors which body spans are not news. Bad input raises
`events.errors.ArticleError`, whose message is one line naming the file, reason and fix.

The record types load with the package; the parser (its boilerplate, date and language
patterns, ~0.1 s of regex compiling) loads on first use, so that a query, which only
reads stored articles, does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from events.articles.model import Article, ParsedArticle, article_id, in_boilerplate

if TYPE_CHECKING:
    from events.articles.boilerplate import RULES as BOILERPLATE_RULES
    from events.articles.boilerplate import Rule as BoilerplateRule
    from events.articles.parse import (
        ARTICLE_SUFFIXES,
        DEFAULT_MAX_BYTES,
        iter_article_paths,
        parse_article,
        read_article,
    )

__all__ = [
    "ARTICLE_SUFFIXES",
    "BOILERPLATE_RULES",
    "DEFAULT_MAX_BYTES",
    "Article",
    "BoilerplateRule",
    "ParsedArticle",
    "article_id",
    "in_boilerplate",
    "iter_article_paths",
    "parse_article",
    "read_article",
]

_LAZY = {
    "BOILERPLATE_RULES": ("boilerplate", "RULES"),
    "BoilerplateRule": ("boilerplate", "Rule"),
    "ARTICLE_SUFFIXES": ("parse", "ARTICLE_SUFFIXES"),
    "DEFAULT_MAX_BYTES": ("parse", "DEFAULT_MAX_BYTES"),
    "iter_article_paths": ("parse", "iter_article_paths"),
    "parse_article": ("parse", "parse_article"),
    "read_article": ("parse", "read_article"),
}


def __getattr__(name: str) -> Any:
    """The parser's names, imported on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'events.articles' has no attribute {name!r}")
    from importlib import import_module

    module, attr = _LAZY[name]
    value = getattr(import_module(f"events.articles.{module}"), attr)
    globals()[name] = value
    return value
