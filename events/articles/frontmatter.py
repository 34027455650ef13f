"""A small, safe reader for the YAML front matter of Markdown articles.

Articles only need flat metadata (title, url, datetime, publisher, locale...), so this
reads the YAML subset such files use: `key: value` with plain, 'single' or "double" quoted
scalars, `[a, b]` flow lists, `- item` block lists, `|`/`>` block text and one level of
nested `key: value`. Anything else is reported as unparsable rather than guessed, and no
YAML tag or alias is ever executed (there is no loader to execute it).
"""

from __future__ import annotations

import json
import re

from events.errors import ArticleError

Value = str | list[str] | dict[str, str]

_OPEN = "---"
_CLOSE = ("---", "...")
_KEY = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)\s*:(?:\s+(?P<value>.*))?$")
_ITEM = re.compile(r"-(?:\s+(?P<value>.*))?$")
# `"(?:[^"\\]|\\.)*"` unrolled, so that the engine runs through the plain characters in one loop
_DOUBLE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON = json.JSONDecoder(strict=False)  # json.loads(..., strict=False) builds one per call
_FIX = "fix the YAML between the --- lines or remove it"


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Value], str]:
    """Return (metadata, rest) when the text opens with `---`; ({}, text) otherwise.

    Blank lines before the opening fence are tolerated; the line numbers in errors count them.
    """
    if text.lstrip("\n").partition("\n")[0] != _OPEN:  # most articles: no need to split them
        return {}, text
    lines = text.split("\n")
    skipped = len(lines) - len(lines := _without_leading_blanks(lines))
    if lines[0] != _OPEN:
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line in _CLOSE:
            meta = parse_block(lines[1:index], origin, first_line=skipped + 2)
            return meta, "\n".join(lines[index + 1 :])
    raise ArticleError(
        origin,
        f"front matter opened with --- on line {skipped + 1} is never closed",
        "add a closing --- line after the metadata or remove the opening one",
    )


def parse_block(lines: list[str], origin: str, first_line: int = 2) -> dict[str, Value]:
    """Parse the lines between the fences (from file line `first_line`) into a dict."""
    meta: dict[str, Value] = {}
    index = 0
    while index < len(lines):
        line, number = lines[index], index + first_line
        if _skippable(line):
            index += 1
            continue
        if line[0] in " \t":
            raise _error(origin, number, "is indented but belongs to no key", line)
        match = _KEY.match(line)
        if match is None:
            raise _error(origin, number, "is not `key: value`", line)
        children, index = _children(lines, index + 1)
        key, raw = match["key"].lower(), (match["value"] or "").strip()
        meta[key] = _value(raw, children, origin, number)
    return meta


def _without_leading_blanks(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) - 1 and not lines[start]:
        start += 1
    return lines[start:]


def _skippable(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _children(lines: list[str], start: int) -> tuple[list[str], int]:
    """The indented (or list) lines that belong to the key just read, and where they end."""
    end = start
    while end < len(lines) and (
        not lines[end].strip() or lines[end][0] in " \t" or lines[end].startswith("-")
    ):
        end += 1
    return lines[start:end], end


def _value(raw: str, children: list[str], origin: str, number: int) -> Value:
    if raw in ("|", ">", "|-", ">-", "|+", ">+"):
        joiner = "\n" if raw.startswith("|") else " "
        return joiner.join(line.strip() for line in children if line.strip())
    if children and any(line.strip() for line in children):
        if raw:
            raise _error(origin, number, "has both a value and indented lines", raw)
        return _nested(children, origin, number)
    return _scalar_or_flow(raw, origin, number)


def _nested(children: list[str], origin: str, number: int) -> list[str] | dict[str, str]:
    """A block list (`- item`) or a one-level mapping (`  key: value`)."""
    items: list[str] = []
    mapping: dict[str, str] = {}
    for line in (child.strip() for child in children):
        if _skippable(line):
            continue
        item, pair = _ITEM.match(line), _KEY.match(line)
        if item is not None:
            items.append(_scalar(item["value"] or "", origin, number))
        elif pair is not None:
            mapping[pair["key"].lower()] = _scalar((pair["value"] or "").strip(), origin, number)
        else:
            raise _error(origin, number, "holds a line that is not `- item` or `key: value`", line)
    if items and mapping:
        raise _error(origin, number, "mixes a list and a mapping", children[0])
    return items or mapping


def _scalar_or_flow(raw: str, origin: str, number: int) -> str | list[str]:
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        return [_scalar(part.strip(), origin, number) for part in inner.split(",")] if inner else []
    return _scalar(raw, origin, number)


def _scalar(raw: str, origin: str, number: int) -> str:
    """A plain, 'single' or "double" quoted YAML scalar (comments after plain ones dropped)."""
    if raw.startswith('"'):
        return _double_quoted(raw, origin, number)
    if raw.startswith("'"):
        if len(raw) < 2 or not raw.endswith("'"):
            raise _error(origin, number, "has an unterminated 'quoted' value", raw)
        return raw[1:-1].replace("''", "'")
    if raw.startswith("#"):
        return ""
    if raw.startswith(("{", "[", "&", "*", "!")):
        return raw  # flow maps, anchors, aliases and tags are kept as text, never resolved
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip()


def _double_quoted(raw: str, origin: str, number: int) -> str:
    """YAML double-quoted strings use the JSON escapes for everything articles contain."""
    match = _DOUBLE.match(raw)
    if match is None or not _only_comment(raw[match.end() :]):
        raise _error(origin, number, 'has a bad "quoted" value', raw)
    if "\\" not in match[0]:  # no escapes: the text between the quotes, as JSON reads it
        return match[0][1:-1]
    try:
        return str(_JSON.decode(match[0]))
    except ValueError:
        raise _error(origin, number, 'has a bad "quoted" value', raw) from None


def _only_comment(rest: str) -> bool:
    rest = rest.strip()
    return not rest or rest.startswith("#")


def _error(origin: str, number: int, problem: str, line: str) -> ArticleError:
    shown = line if len(line) <= 60 else line[:57] + "..."
    return ArticleError(origin, f"front matter line {number} {problem}: {shown!r}", _FIX)
