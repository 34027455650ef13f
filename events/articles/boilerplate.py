"""Spans of an article body that are not news: related-links lists, ads, widgets, credits.

The text stays in the body (evidence offsets and the id depend on it); extractors skip the
spans. Each rule is a named, compiled pattern that finds a line, and an extent that says how
far the boilerplate runs from there. To teach the parser a new site's noise, add a Rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import attrs
from attrs import frozen

from events.articles.text import lower_like_ignorecase

Span = tuple[int, int]
Extent = Callable[[str, int], int]  # (body, end of the matched line) -> end of the span

_HEADING = re.compile(r"#{1,6}\s")
_LIST_OR_LINK = re.compile(r"\s*(?:[-*+•]|\d+[.)])\s|\s*!?\[")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_PROSE_MIN_WORDS = 12
_PROMO = re.compile(
    r"buy or sell|free (?:analysis|report|trial)|read more|find out|click here|subscribe|"
    r"sign up|newsletter|speak for themselves|urgent action|should investors|worth buying|"
    r"special report|download|limited time|act now",
    re.IGNORECASE,
)


def line_end(_body: str, end: int) -> int:
    """The rule's line alone."""
    return end


def section_end(body: str, end: int) -> int:
    """A list under a heading: runs until the next heading or paragraph of prose."""
    return _run_end(body, end, lambda line: not (_HEADING.match(line) or _is_prose(line)))


def promo_end(body: str, end: int) -> int:
    """An ad marker and the promotional lines right after it."""
    return _run_end(body, end, lambda line: _PROMO.search(line) is not None)


@frozen
class Rule:
    """A named pattern (matching whole lines) and how far the boilerplate extends from it.

    `needles` are for patterns that look for a phrase anywhere in a line, which the regex
    engine tries at every character of every line: lowercase regexes, run case-sensitively
    over the lowercased body, one of which starts on the first line of every match (a rare
    phrase of it). Only the lines where one is found are then tried with `pattern`.
    """

    name: str
    pattern: re.Pattern[str]
    extent: Extent = line_end
    needles: tuple[re.Pattern[str], ...] = ()
    # `pattern` with its `^` replaced by a line break, for scanning "\n" + body: the engine
    # then jumps from line break to line break instead of trying `^` at every character.
    scanner: re.Pattern[str] | None = attrs.field(default=None, repr=False, eq=False)


def _rule(
    name: str, pattern: str, extent: Extent = line_end, needles: tuple[str, ...] = ()
) -> Rule:
    flags = re.IGNORECASE | re.MULTILINE
    return Rule(
        name,
        re.compile(rf"^(?:{pattern})$", flags),
        extent,
        tuple(re.compile(needle) for needle in needles),
        re.compile(rf"\n(?:{pattern})$", flags),
    )


RULES: list[Rule] = [
    _rule(
        "related_section",
        r"(?:#{1,6}\s*)?\**(?:Related\s+(?:News|Stocks|Articles|Stories|Posts|Coverage|Content"
        r"|Topics|Reading|Links|Quotes|Tickers)(?:\s*(?:&|and)\s*[\w ]{1,30})?|Read\s+(?:more"
        r"|also|next)|More\s+(?:news|stories|on\s+this(?:\s+\w+)?)|See\s+also|Further\s+reading"
        r"|You\s+(?:may|might)\s+also\s+like|Recommended(?:\s+(?:for\s+you|reading|articles"
        r"|stories))?|Most\s+(?:read|popular))\**\s*:?\s*",
        section_end,
    ),
    _rule("ad_block", r"(?:Ad|Advertisement|Anzeige|Werbung|Sponsored(?:\s+content)?)", promo_end),
    _rule(
        "promo_line",
        r"[^\n]*(?:Buy\s+or\s+Sell\?!|Should\s+investors\s+sell\s+immediately\?"
        r"|\bOr\s+is\s+it\s+worth\s+buying\b|\bRead\s+more\s+here\b)[^\n]*",
        needles=(
            r"buy\s+or\s+sell\?!",
            r"should\s+investors\s+sell\s+immediately\?",
            r"or\s+is\s+it\s+worth\s+buying",
            r"read\s+more\s+here",
        ),
    ),
    _rule("read_more_link", r"Read\s+(?:more|also)\s*:[^\n]*"),
    _rule("portai", r"portai|I['\u2019]m\s+PortAI\b[^\n]*"),
    _rule(
        "share_widget",
        r"(?:Share\s+(?:this|on|via)\b|Follow\s+us\s+(?:on|at)\b|Click\s+(?:here\s+)?to\s+share\b"
        r"|Sign\s+up\s+for\s+our\s+newsletter\b|Subscribe\s+to\s+our\b)[^\n]{0,100}",
    ),
    _rule(
        "disclaimer_section",
        r"\**(?:Disclaimer|Risk\s+(?:warning|disclosure))\**\s*:?",
        section_end,
    ),
    _rule(
        "disclaimer",
        r"\**(?:Disclaimer|Risk\s+warning)\**\s*:[^\n]*"
        r"|[^\n]*\bThis\s+(?:article|content|material|report)\s+(?:is|does)\s+not\s+(?:constitute\s+)?"
        r"(?:an?\s+)?(?:investment|financial)\s+advice\b[^\n]*"
        r"|[^\n]*\bNot\s+investment\s+advice\b[^\n]*"
        r"|(?:The\s+)?(?:above|this)\s+(?:content|article)\s+is\s+for\s+(?:reference|informational"
        r"\s+purposes)\s+only\b[^\n]*",
        needles=(
            r"disclaimer",
            r"risk\s+warning",
            r"this\s+(?:article|content|material|report)\s+(?:is|does)\s+not",
            r"not\s+investment\s+advice",
            r"the\s+(?:above|this)\s+(?:content|article)\s+is\s+for",
            r"above\s+(?:content|article)\s+is\s+for",
            r"this\s+(?:content|article)\s+is\s+for",
        ),
    ),
    _rule("at_publisher", r"@\s*[\w][\w.-]{1,60}"),
    _rule(
        "credits",
        r"(?:Authors?|Editors?|Reporter|Writer|Written\s+by|Translator|Translated\s+by|Photo|Image)"
        r"\s*[|\uff5c:]\s*[^\n]{1,80}",
    ),
    # A short line ending in an ISIN; the lookahead (implied by the rest) gives up on a
    # paragraph after 73 characters instead of trying the ISIN at 60 places in it.
    _rule("instrument_tag", r"(?![^\n]{73})[^\n]{0,60}\b[A-Z]{2}[A-Z0-9]{9}\d"),
]


def find_boilerplate(body: str, rules: list[Rule] = RULES) -> list[Span]:
    """All boilerplate spans of `body`, sorted and merged across whitespace."""
    lower = lower_like_ignorecase(body)
    framed = "\n" + body
    spans = [
        (start, rule.extent(body, end))
        for rule in rules
        for start, end in _matches(rule, body, framed, lower)
        if end > start
    ]
    return _merge(sorted(spans), body)


def _matches(rule: Rule, body: str, framed: str, lower: str | None) -> Iterator[Span]:
    """[start, end) of what `rule.pattern.finditer(body)` finds, found faster when it can be."""
    if rule.needles and lower is not None:
        yield from _matches_at_needles(rule, body, lower)
    elif rule.scanner is not None:
        # A match at framed[i] is the line break before body[i]: the offsets carry over.
        for match in rule.scanner.finditer(framed):
            yield match.start(), match.end() - 1
    else:
        for match in rule.pattern.finditer(body):
            yield match.start(), match.end()


def _matches_at_needles(rule: Rule, body: str, lower: str) -> Iterator[Span]:
    """`rule.pattern` tried at the starts of the lines where a needle starts, in order and
    without overlaps, as finditer would try them."""
    starts = {body.rfind("\n", 0, m.start()) + 1 for n in rule.needles for m in n.finditer(lower)}
    done = 0
    for start in sorted(starts):
        if start < done:
            continue
        match = rule.pattern.match(body, start)
        if match is not None:
            yield match.start(), match.end()
            done = match.end()


def without_spans(body: str, spans: list[Span]) -> str:
    """The body with its boilerplate cut out (line breaks kept apart): the news text."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    return "\n".join(pieces)


def _merge(spans: list[Span], body: str) -> list[Span]:
    """Join spans that overlap or are separated only by whitespace."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not body[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _run_end(body: str, end: int, continues: Callable[[str], bool]) -> int:
    """End of the last non-blank line, from `end` on, for which `continues` holds."""
    for start, line in _lines_after(body, end):
        if not line.strip():
            continue
        if not continues(line):
            break
        end = start + len(line)
    return end


def _lines_after(body: str, end: int) -> Iterator[tuple[int, str]]:
    start = end + 1
    while start < len(body):
        stop = body.find("\n", start)
        stop = len(body) if stop < 0 else stop
        yield start, body[start:stop]
        start = stop + 1


def _is_prose(line: str) -> bool:
    """A paragraph of running text (not a list item, link or headline) ends a section."""
    return (
        _LIST_OR_LINK.match(line) is None
        and len(line.split()) >= _PROSE_MIN_WORDS
        and _SENTENCE_END.search(line) is not None
    )
