"""Spans of an article body that are not news: related-links lists, ads, widgets, credits.

The text stays in the body (evidence offsets and the id depend on it); extractors skip the
spans. Each rule is a named, compiled pattern that finds a line, and an extent that says how
far the boilerplate runs from there. To teach the parser a new site's noise, add a Rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from itertools import zip_longest

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


@frozen(cache_hash=True)
class Rule:
    """A named pattern (matching whole lines) and how far the boilerplate extends from it.

    `needles` are for patterns that look for a phrase anywhere in a line, which the regex
    engine tries at every character of every line: lowercase regexes, run case-sensitively
    over the lowercased body, one of which starts on the first line of every match (a rare
    phrase of it). Only the lines where one is found are then tried with `pattern`. A needle
    is only looked for when one of its `gates` (literals every match of it holds) is in the
    lowercased body: the literal search is faster than the regex.
    """

    name: str
    pattern: re.Pattern[str]
    extent: Extent = line_end
    needles: tuple[re.Pattern[str], ...] = ()
    gates: tuple[tuple[str, ...], ...] = ()  # per needle; none (or empty): always looked for
    # `pattern` without its `^`, to try right after a line break: the rules are tried
    # together, in one pass over the line breaks (`_line_scanner`).
    line_pattern: str | None = attrs.field(default=None, repr=False, eq=False)


_FLAGS = re.IGNORECASE | re.MULTILINE
Needle = tuple[tuple[str, ...], str]  # (gates, lowercase regex)


def _rule(
    name: str, pattern: str, extent: Extent = line_end, needles: tuple[Needle, ...] = ()
) -> Rule:
    return Rule(
        name,
        re.compile(rf"^(?:{pattern})$", _FLAGS),
        extent,
        tuple(re.compile(needle) for _, needle in needles),
        tuple(gates for gates, _ in needles),
        rf"(?:{pattern})$",
    )


_FOR_REFERENCE = ("reference", "informational")
_REFERENCE = r"(?:reference|informational)"

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
            (("sell?!",), r"buy\s+or\s+sell\?!"),
            (("immediately?",), r"should\s+investors\s+sell\s+immediately\?"),
            (("buying",), r"or\s+is\s+it\s+worth\s+buying"),
            (("here",), r"read\s+more\s+here"),
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
            (("disclaimer",), r"disclaimer"),
            (("warning",), r"risk\s+warning"),
            (
                ("advice",),
                r"this\s+(?:article|content|material|report)\s+(?:is|does)\s+not\s+"
                r"(?:constitute\s+)?(?:an?\s+)?(?:investment|financial)\s+advice",
            ),
            (("advice",), r"not\s+investment\s+advice"),
            (
                _FOR_REFERENCE,
                r"the\s+(?:above|this)\s+(?:content|article)\s+is\s+for\s+" + _REFERENCE,
            ),
            (_FOR_REFERENCE, r"above\s+(?:content|article)\s+is\s+for\s+" + _REFERENCE),
            (_FOR_REFERENCE, r"this\s+(?:content|article)\s+is\s+for\s+" + _REFERENCE),
        ),
    ),
    _rule("at_publisher", r"@\s*[\w][\w.-]{1,60}"),
    _rule(
        "credits",
        r"(?:Authors?|Editors?|Reporter|Writer|Written\s+by|Translator|Translated\s+by|Photo|Image)"
        r"\s*[|\uff5c:]\s*[^\n]{1,80}",
    ),
    # A short line ending in an ISIN. The lookahead gives up on a paragraph after 73
    # characters; the line is then taken whole (possessive) and its last 12 characters
    # looked at, instead of trying the ISIN at up to 60 places in it. Same matches as
    # `[^\n]{0,60}\b[A-Z]{2}[A-Z0-9]{9}\d`.
    _rule("instrument_tag", r"(?![^\n]{73})[^\n]*+(?<=\b[A-Z]{2}[A-Z0-9]{9}\d)"),
]


def find_boilerplate(body: str, rules: list[Rule] = RULES) -> list[Span]:
    """All boilerplate spans of `body`, sorted and merged across whitespace."""
    lower = lower_like_ignorecase(body)
    with_needles = lower is not None
    on_lines = tuple(r for r in rules if r.line_pattern and not (r.needles and with_needles))
    found = _line_matches(on_lines, body, lower)
    gated: dict[str, bool] = {}
    for rule in rules:
        if rule.needles and with_needles:
            found += [(rule, *span) for span in _matches_at_needles(rule, body, lower, gated)]
        elif not rule.line_pattern:
            found += [(rule, match.start(), match.end()) for match in rule.pattern.finditer(body)]
    return _merge(sorted(_extents(found, body)), body)


def _extents(found: list[tuple[Rule, int, int]], body: str) -> list[Span]:
    """Each match with its extent. A run (a section's list, an ad's lines) ends at the first
    line that does not continue it, wherever in the run it is measured from: a match inside
    a run already measured takes its end instead of walking to it again (a body of a
    thousand "Related News" blocks was quadratic: 30 s for 120 KB)."""
    spans: list[Span] = []
    reach: dict[Extent, int] = {}  # how far each kind of run, measured last, reached
    for rule, start, end in sorted(found, key=lambda f: (f[1], f[2])):
        if end <= start:
            continue
        extent = rule.extent
        if extent is not line_end and end <= reach.get(extent, -1):
            stop = reach[extent]
        else:
            stop = reach[extent] = extent(body, end)
        spans.append((start, stop))
    return spans


def _line_matches(
    rules: tuple[Rule, ...], body: str, lower: str | None
) -> list[tuple[Rule, int, int]]:
    """What `rule.pattern.finditer(body)` finds for each of `rules`, in one pass over
    the lowercased body when there is one."""
    if not rules:
        return []
    found = []
    done = [-1] * len(rules)  # where each rule's last match ended
    scanner, groups = _line_scanner(rules, lowercase=lower is not None)
    # A match at ("\n" + body)[i] is the line break before body[i]: offsets shift by one.
    for match in scanner.finditer("\n" + (body if lower is None else lower)):
        for index, group in enumerate(groups):
            start, end = match.span(group)
            if start > done[index]:  # a match of this rule, not inside its previous one
                done[index] = end - 1
                found.append((rules[index], start - 1, end - 1))
    return found


@functools.cache
def _line_scanner(rules: tuple[Rule, ...], lowercase: bool) -> tuple[re.Pattern[str], list[int]]:
    """A pattern that stops at each line break after which one of `rules` matches, and the
    number of the group that holds each rule's match there.

    A lookahead per rule captures its match, and the conditionals at the end fail when
    none did. The literal line break lets the engine jump from line to line; `lowercase`
    patterns run case-sensitively over the lowercased body, where the engine skips the
    alternatives whose first letter differs.
    """
    tries = ""
    for index, rule in enumerate(rules):
        source = _lowercase(rule.line_pattern) if lowercase else rule.line_pattern
        tries += f"(?=(?P<_rule{index}>{source}))?"
    none_matched = "(?!)"
    for index in reversed(range(len(rules))):
        none_matched = f"(?(_rule{index})|{none_matched})"
    flags = _FLAGS & ~re.IGNORECASE if lowercase else _FLAGS
    scanner = re.compile("\n" + tries + none_matched, flags)
    return scanner, [scanner.groupindex[f"_rule{index}"] for index in range(len(rules))]


def _lowercase(pattern: str) -> str:
    """The pattern with its letters lowercased, its escapes (`\\s`, `\\u2019`...) kept:
    run over lower_like_ignorecase text it finds what it finds with IGNORECASE."""
    return _LETTER_OR_ESCAPE.sub(lambda m: m[0] if m[0][0] == "\\" else m[0].lower(), pattern)


_LETTER_OR_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)|[A-Z]")


def _matches_at_needles(
    rule: Rule, body: str, lower: str, gated: dict[str, bool]
) -> Iterator[Span]:
    """`rule.pattern` tried at the starts of the lines where a needle starts, in order and
    without overlaps, as finditer would try them. `gated` remembers which gates are in `lower`."""
    starts = {
        body.rfind("\n", 0, m.start()) + 1
        for needle, gates in zip_longest(rule.needles, rule.gates, fillvalue=())
        if not gates or any(_has(lower, gate, gated) for gate in gates)
        for m in needle.finditer(lower)
    }
    done = 0
    for start in sorted(starts):
        if start < done:
            continue
        match = rule.pattern.match(body, start)
        if match is not None:
            yield match.start(), match.end()
            done = match.end()


def _has(text: str, literal: str, seen: dict[str, bool]) -> bool:
    if literal not in seen:
        seen[literal] = literal in text
    return seen[literal]


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
