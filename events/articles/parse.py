"""From bytes or files to Articles: the one place that decides every Article field."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from attrs import frozen

from events.articles.boilerplate import find_boilerplate, without_spans
from events.articles.dates import Stamp, find_dates, parse_iso, parse_stamp
from events.articles.frontmatter import Value, split_front_matter
from events.articles.header import read_header, title_from_text
from events.articles.language import guess_language
from events.articles.model import Article, ParsedArticle, article_id
from events.articles.text import has_letters, normalise_read_lines, read_text
from events.errors import ArticleError

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link", "canonical_url", "canonical", "source_url", "permalink")
_DATE_KEYS = (
    "published",
    "published_at",
    "publishdate",
    "publish_date",
    "pubdate",
    "datetime",
    "date",
)
_PUBLISHER_KEYS = ("publisher", "source", "site_name", "site", "outlet")
_LANGUAGE_KEYS = ("language", "lang", "locale")
_URL = re.compile(r"(?:https?|ftp)://\S+", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"(?P<code>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")
_AT_PUBLISHER = re.compile(r"@\s*(?P<name>\S.{0,60})")
_DATE_FIX = "pass --published YYYY-MM-DD"


@frozen
class _Metadata:
    """The Article fields front matter can set, and what was wrong with the ones it set badly."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    stamp: Stamp | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()


def parse_article(
    data: bytes,
    origin: str,
    *,
    published: str | date | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """Parse one article; raise ArticleError (naming `origin`) when it cannot be one."""
    override = _override(published, origin)
    _check_size(len(data), max_bytes, origin)
    text = read_text(data, origin)
    meta, rest = split_front_matter(text, origin)
    fields = _metadata(meta, origin)
    header = read_header(rest, fields.title)
    body = normalise_read_lines(header.body)  # the header keeps read_text's lines whole
    if not has_letters(body):
        raise ArticleError(origin, "no article text after the header", "add the article's body")
    spans = find_boilerplate(body)
    news = without_spans(body, spans)
    warnings = list(fields.warnings)
    stamp, inferred = _publication(override, fields.stamp or header.stamp, news, origin, strict)
    warnings += _date_warnings(origin, override, fields.stamp or header.stamp, stamp, inferred)
    language = fields.language or guess_language(news if has_letters(news) else body)
    if language != "en":
        warnings.append(_language_warning(origin, language))
    article = Article(
        id=article_id(body),
        title=header.title or title_from_text(news if has_letters(news) else body),
        url=fields.url,
        publisher=fields.publisher or header.publisher or _trailing_publisher(body),
        published=stamp.day.isoformat(),
        published_at=stamp.moment_iso,
        published_inferred=inferred,
        origin=origin,
        body=body,
        boilerplate=spans,
        language=language,
    )
    return ParsedArticle(article=article, warnings=warnings)


def read_article(
    path: str | Path,
    *,
    published: str | date | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedArticle:
    """Read and parse one file, refusing oversized or special files before reading them."""
    path = Path(path)
    origin = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(origin, "is a directory", "pass the files in it instead")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(origin, "not a regular file", "pass a text or Markdown file")
        _check_size(info.st_size, max_bytes, origin)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        raise ArticleError(origin, "no such file", "check the path") from None
    except PermissionError:
        raise ArticleError(origin, "permission denied", "make the file readable") from None
    except OSError as error:
        raise ArticleError(origin, f"cannot read it ({error.strerror})", "check the file") from None
    return parse_article(data, origin, published=published, strict=strict, max_bytes=max_bytes)


def iter_article_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, directories expanded to their article files; a missing path is an error.

    Directories are walked recursively (symlinked directories are not followed), hidden
    files and directories are skipped, and each directory's files come out sorted. A path
    reached twice is listed once.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_directory_articles(path))
        elif path.exists():
            found.append(path)
        else:
            raise ArticleError(str(path), "no such file or directory", "check the path")
    return _unique(found)


def _unique(paths: list[Path]) -> list[Path]:
    """Drop later mentions of a file already listed (as given, or through a directory)."""
    seen: set[str] = set()
    unique: list[Path] = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _directory_articles(root: Path) -> list[Path]:
    files: list[Path] = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        files.extend(
            Path(directory, name)
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
        )
    return sorted(files)


def _override(published: str | date | None, origin: str) -> Stamp | None:
    """The caller's --published value, which must be an ISO date (or ISO timestamp)."""
    if published is None:
        return None
    value = published.isoformat() if isinstance(published, date) else str(published)
    stamp = parse_iso(value)
    if stamp is None:
        raise ArticleError(
            origin, f"--published {value!r} is not an ISO date", "use YYYY-MM-DD, e.g. 2026-01-09"
        )
    return stamp


def _check_size(size: int, max_bytes: int, origin: str) -> None:
    if size > max_bytes:
        raise ArticleError(
            origin,
            f"file is {size:,} bytes, over the {max_bytes:,} byte limit",
            "split it or raise the limit (max_bytes)",
        )


def _publication(
    override: Stamp | None, stated: Stamp | None, news: str, origin: str, strict: bool
) -> tuple[Stamp, bool]:
    """The publication stamp and whether it was inferred: override, header, else the body."""
    if override is not None:
        return override, False
    if stated is not None:
        return stated, False
    if strict:
        raise ArticleError(
            origin, "no publication date in its front matter or byline (--strict)", _DATE_FIX
        )
    dates = find_dates(news)
    if not dates:
        raise ArticleError(origin, "no publication date found", _DATE_FIX)
    return Stamp(day=max(dates), moment=None, end=0), True


def _date_warnings(
    origin: str, override: Stamp | None, stated: Stamp | None, stamp: Stamp, inferred: bool
) -> list[str]:
    day = stamp.day.isoformat()
    if inferred:
        return [
            f"{origin}: no publication date; inferred {day} from the body"
            " (use --published DATE to set it)"
        ]
    if override is not None and stated is not None and stated.day != override.day:
        return [f"{origin}: --published {day} replaces the article's own date {stated.day}"]
    return []


def _language_warning(origin: str, language: str) -> str:
    if language == "und":
        return f"{origin}: language not recognised as English; extraction may find little"
    return f"{origin}: not English (looks like {language}); extraction may find little"


def _metadata(meta: dict[str, Value], origin: str) -> _Metadata:
    """Article fields from front matter keys; bad dates and URLs are warned about, not fatal."""
    warnings: list[str] = []
    stamp = None
    for key, value in _strings(meta, _DATE_KEYS):
        stamp = parse_stamp(value)
        if stamp is not None:
            break
        warnings.append(f"{origin}: front matter {key} {value!r} is not a date; ignored")
    url = next((value for _, value in _strings(meta, _URL_KEYS)), None)
    if url is not None and not _URL.fullmatch(url):
        warnings.append(f"{origin}: front matter url {url!r} is not a URL; ignored")
        url = None
    tag = next((value for _, value in _strings(meta, _LANGUAGE_KEYS)), None)
    tag_match = _LANGUAGE_TAG.fullmatch(tag) if tag else None
    return _Metadata(
        title=next((value for _, value in _strings(meta, _TITLE_KEYS)), None),
        url=url,
        publisher=next((value for _, value in _strings(meta, _PUBLISHER_KEYS)), None),
        stamp=stamp,
        language=tag_match["code"].lower() if tag_match else None,
        warnings=tuple(warnings),
    )


def _strings(meta: dict[str, Value], keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """The non-empty string values of `keys`, in the order of `keys`."""
    return [
        (key, value.strip())
        for key in keys
        if isinstance(value := meta.get(key), str) and value.strip()
    ]


def _trailing_publisher(body: str) -> str | None:
    """A last line like "@ boerse-global.de" names the publisher."""
    last = body.rsplit("\n", 1)[-1].strip()
    match = _AT_PUBLISHER.fullmatch(last)
    return match["name"].strip() if match else None
