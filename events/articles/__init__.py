"""Articles: reading news files into normalised, content-addressed Article records.

`read_article`/`parse_article` turn a file or bytes into a ParsedArticle (the Article and
the warnings about how it was read); `iter_article_paths` expands directories;
`in_boilerplate` tells extractors which body spans are not news. Bad input raises
`events.errors.ArticleError`, whose message is one line naming the file, reason and fix.
"""

from events.articles.boilerplate import RULES as BOILERPLATE_RULES
from events.articles.boilerplate import Rule as BoilerplateRule
from events.articles.model import Article, ParsedArticle, article_id, in_boilerplate
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
