"""Dates and periods in a sentence, resolved against the article's date.

`find_periods(text, reference)` returns every mention, longest first without overlaps,
in text order. A match covers the preposition in front ("by the end of 2025") so that
`resolve_period(text[m.start:m.end], reference) == m.when` (unless the sentence lent the
mention its year: "... 2026, slowing in the second half"), and names it in `relation`:
"in" (in, on, at, for, as of), "by" (by, within, no later than), "since", "from" (from,
starting, beginning, effective), "before" (before, prior to, ahead of), "after" (after,
following), "until" (until, till, through, up to), "during" (during, throughout, over,
and every "from A to B" / "between A and B" interval), or "".

Resolution rules (the why is in each reader's docstring):
- a month or month-day without a year takes the latest year that puts it no more than
  three calendar months after the reference month (`nearest_year`);
- a quarter or half without a year takes the year stated earlier in the same sentence
  ("the first half of 2026 ... the second half"), else the nearest rule;
- "mid-2025" is May-August (`2025-05/2025-08`), "early" January-April, "late"
  September-December; "the end of X" is X's last day, "the beginning of X" its first;
- "by" + an end-of expression ("by the end of 2025", "by end-2025", "by late 2026",
  "by year-end") is the whole year, which ends on the deadline;
- "the past/next N years" run from reference - N years to reference (or onward); "the
  past year" is the last twelve months, "last year" the previous calendar year;
- weekdays are the most recent such day on or before the reference ("last Monday":
  strictly before, "next Monday": strictly after);
- "the Nth trading day" counts weekdays other than January 1 (no exchange calendar);
- fiscal labels ("FY2026", "fiscal Q2 2024") are read as calendar periods (fiscal year =
  calendar year) with `fiscal` set to the company label; call `fiscal_to_when` with the
  company's fiscal year end to place them properly;
- durations ("in just nine months", "within 24 hours") are not periods: `find_durations`.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date
from functools import lru_cache
from itertools import groupby

import msgspec

from events.errors import NormalizationError
from events.values import When

from ._dates import as_day, clamp_to, interval, label_to_when, parse_iso_date
from ._lexicon import RELATIONS, phrase_trie
from ._period_rules import (
    DIGIT4_BY_NEXT,
    DIGIT12_BY_NEXT,
    DIGIT_RUN,
    MODIFIABLE,
    MONTH_RULES,
    MONTH_TOKEN,
    QH_RULES,
    QH_TOKEN,
    SCAN_RULES,
    SCAN_WORDS,
    THE_BEFORE,
    WEEKDAY_BEFORE,
    Cand,
    Rule,
    modified,
)
from .durations import DurationMatch, find_durations
from .fiscal import fiscal_to_when

__all__ = [
    "DurationMatch",
    "PeriodMatch",
    "clamp_to",
    "find_durations",
    "find_periods",
    "fiscal_to_when",
    "label_to_when",
    "parse_iso_date",
    "resolve_period",
]

_ERRORS = (ValueError, OverflowError, KeyError, IndexError)


class PeriodMatch(msgspec.Struct, frozen=True):
    """A period mention: offsets (preposition included), its When and the preposition."""

    start: int
    end: int
    when: When
    relation: str
    fiscal: str | None = None  # the company's label when the text named a fiscal period


_RELATION_BEFORE = re.compile(r"(?<![\w-])(?P<rel>(?i:" + phrase_trie(list(RELATIONS)) + r"))\s+$")
_MODIFIER_BEFORE = re.compile(
    r"(?<![\w-])(?i:(?:the\s+)?(?P<of>end|close|beginning|start|middle)\s+of\s+(?:the\s+)?"
    r"|(?P<pre>year[\s-]end|end|mid|early|late)[\s-]+)$"
)
_MODIFIER_NAMES = {
    "end": "end",
    "close": "end",
    "year-end": "end",
    "year end": "end",
    "beginning": "start",
    "start": "start",
    "middle": "mid",
    "mid": "mid",
    "early": "early",
    "late": "late",
}
_OPENER_BEFORE = re.compile(r"(?<![\w-])(?P<open>(?i:from|between))\s+$")
_JOIN = re.compile(
    r"\s*(?P<dash>[-\u2013])\s*|\u2014|\s+(?P<word>(?i:to|through|until|till|and))\s+"
)
_LIST_JOIN = re.compile(r"\s*(?:,|&|(?i:and|or)|,\s*(?i:and|or))\s*")
_ONWARD = re.compile(r"\s+(?i:onwards?|on)(?![\w])")
_LABEL_SHAPE = re.compile(r"\d{4}(?:-[HQ]?\d{1,2}){0,2}(?:/\d{4}(?:-[HQ]?\d{1,2}){0,2})?")
_NOT_AFTER_ON = frozenset({"based", "focused", "depends", "depend", "depending", "relies", "rely"})


def _scan_word_order() -> tuple[tuple[str, str | None, bool], ...]:
    """The scan words shortest first, each with a shorter one inside it if any ("months":
    "month", "financial year": "year"), looked for only when that one occurs; and whether
    it is matched in any case (lowercase) or only as written ("FY")."""
    words = sorted(SCAN_WORDS, key=lambda w: (len(w), w))
    order = []
    for w in words:
        inner = [s for s in words if len(s) < len(w) and s in w and s.islower() == w.islower()]
        order.append((w, inner[0] if inner else None, w.islower()))
    return tuple(order)


def _scan_groups() -> tuple[tuple[frozenset[str], bool, tuple[str, ...], tuple[Rule, ...]], ...]:
    """Neighbouring scan rules with the same gate (the fiscal ones), their gate tested once."""
    groups = groupby(SCAN_RULES, key=lambda r: (r.words, r.month, r.also))
    return tuple(
        (frozenset(words), month, also, tuple(rules)) for (words, month, also), rules in groups
    )


_SCAN_ORDER = _scan_word_order()
_SCAN_GROUPS = _scan_groups()
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)")


def _read(rule: Rule, m: re.Match[str], text: str, reference: date, out: list[Cand]) -> None:
    """Run one reader; absorb a "the" or weekday in front when the rule says so."""
    try:
        got = rule.reader(m, reference)
    except _ERRORS:
        return
    if got is None:
        return
    cands = got if isinstance(got, list) else [got]
    first = cands[0]
    if rule.the:
        the = THE_BEFORE.search(text, max(0, first.start - 5), first.start)
        if the:
            first.start = the.start()
    if rule.weekday:
        wd = WEEKDAY_BEFORE.search(text, max(0, first.start - 16), first.start)
        if wd:
            first.start = wd.start()
    out.extend(cands)


def _candidates(text: str, reference: date) -> list[Cand]:
    """Every rule match read against `reference`."""
    found: list[Cand] = []
    for rule, m in _matches(text):
        _read(rule, m, text, reference, found)
    return found


@lru_cache(maxsize=1024)
def _matches(text: str) -> tuple[tuple[Rule, re.Match[str]], ...]:
    """Anchored rules at digit runs, Q/H tokens and month names; word-gated scans.

    Where the rules match does not depend on the reference date, so a sentence read for
    its spans (`period_spans`, for quantities) and then for its periods is scanned once.
    """
    found: list[tuple[Rule, re.Match[str]]] = []
    lower = text.lower()
    months = list(MONTH_TOKEN.finditer(text))  # opens with a capital: a fast scan
    anchors: list[tuple[int, tuple[Rule, ...]]] = []
    short_run = False  # a run of one, two or four digits: Q/H tokens are worth a look
    for d in DIGIT_RUN.finditer(text):
        start, end = d.span()
        size = end - start
        table = DIGIT4_BY_NEXT if size == 4 else DIGIT12_BY_NEXT if size <= 2 else None
        if table is not None:
            short_run = True
            after = text[end : end + 1]
            rules = table.get(" " if after.isspace() else after, table[""])
            if rules:
                anchors.append((start, rules))
    if short_run and ("Q" in text or "H" in text):
        anchors += [(q.start(), QH_RULES[q.group()[0]]) for q in QH_TOKEN.finditer(text)]
    anchors += [(mo.start(), MONTH_RULES) for mo in months]
    for pos, rules in anchors:
        for rule in rules:
            if rule.month and not months:
                continue
            m = rule.pattern.match(text, pos)
            if m:
                found.append((rule, m))
    present: set[str] = set()
    for word, inner, any_case in _SCAN_ORDER:
        if (inner is None or inner in present) and word in (lower if any_case else text):
            present.add(word)
    if present:
        for words, month, also, rules in _SCAN_GROUPS:
            if (
                present.isdisjoint(words)
                or (month and not months)
                or (also and not any(w in lower for w in also))
            ):
                continue
            for rule in rules:
                found += [(rule, m) for m in rule.pattern.finditer(text)]
    return tuple(found)


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest first, then leftmost; drop anything overlapping a kept mention."""
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _apply_modifiers(text: str, cands: list[Cand]) -> None:
    """ "the end of 2025", "mid-2025", "late 2026": widen the span, remember the word."""
    prev_end = 0
    for c in cands:
        if c.kind in MODIFIABLE and c.modifier is None:
            m = _MODIFIER_BEFORE.search(text, max(prev_end, c.start - 24), c.start)
            if m:
                word = " ".join((m["of"] or m["pre"]).lower().replace("-", " ").split())
                c.modifier = _MODIFIER_NAMES["year-end" if word == "year end" else word]
                c.start = m.start()
                if c.modifier in ("end", "late"):
                    c.endish = True
        prev_end = c.end


def _final(c: Cand) -> When:
    return modified(c.base, c.modifier, c.kind) if c.modifier else c.base


def _lend_year(c: Cand, year: int, before: Cand | None = None) -> None:
    """Give a yearless mention a year; one that would start after `before` goes a year back."""
    if c.rebuild is None:
        return
    when = c.rebuild(year)
    if before is not None and when.start > before.base.start:
        when = c.rebuild(year - 1)
    c.base, c.year, c.rebuild = when, year, None


def _join(text: str, cands: list[Cand]) -> list[Cand]:
    """ "from A to B", "between A and B", "A-B", "A through B" -> one interval A/B."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c1 = cands[i]
        c2 = cands[i + 1] if i + 1 < len(cands) else None
        if c2 is not None:
            merged = _try_join(text, c1, c2)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
            if (
                c2.year is not None
                and c1.kind == c2.kind
                and _LIST_JOIN.fullmatch(text, c1.end, c2.start)
            ):
                with suppress(*_ERRORS):
                    _lend_year(c1, c2.year)
        out.append(c1)
        i += 1
    return out


def _try_join(text: str, c1: Cand, c2: Cand) -> Cand | None:
    gap = _JOIN.fullmatch(text, c1.end, c2.start)
    if gap is None or c1.joined or c2.joined:
        return None
    opener = _OPENER_BEFORE.search(text, max(0, c1.start - 10), c1.start)
    word = (gap["word"] or "").lower()
    open_word = opener["open"].lower() if opener else ""
    both_years = c1.kind == c2.kind == "year"
    if not (
        gap["dash"]
        or word == "through"
        or (word in ("to", "until", "till") and (open_word == "from" or both_years))
        or (word == "and" and open_word == "between")
    ):
        return None
    try:
        if c2.year is not None:
            _lend_year(c1, c2.year, before=c2)
        elif c1.rebuild is not None and c2.rebuild is not None:
            # "from January to November" in a December article: the end takes the nearest
            # year, the start the latest year that keeps it before the end
            _lend_year(c1, int(c2.base.end[:4]), before=c2)
        first, last = _final(c1), _final(c2)
        when = interval(first, last)
    except _ERRORS:
        return None
    start = opener.start() if opener else c1.start
    return Cand(start, c2.end, when, "interval", year=c2.year, joined=bool(opener))


def _inherit_years(text: str, cands: list[Cand]) -> None:
    """ "the first half of 2026 ... in the second half": the year carries within a sentence."""
    year, last_end = None, 0
    for c in cands:
        if (
            c.rebuild is not None
            and c.kind in ("quarter", "half", "interval")
            and year is not None
            and not _SENTENCE_BREAK.search(text, last_end, c.start)
        ):
            with suppress(*_ERRORS):
                _lend_year(c, year)
        if c.year is not None:
            year, last_end = c.year, c.end


def _verb_object(text: str, m: re.Match[str]) -> bool:
    """ "based on Q3 2025 data": "on" belongs to the verb, not to the period."""
    if m["rel"].lower() != "on":
        return False
    before = text[max(0, m.start() - 12) : m.start()].split()
    return bool(before) and before[-1].strip("(\"'\u201c").lower() in _NOT_AFTER_ON


def _emit(text: str, cands: list[Cand]) -> list[PeriodMatch]:
    out: list[PeriodMatch] = []
    prev_end = 0
    for c in cands:
        try:
            when = _final(c)
        except _ERRORS:
            continue
        start, end, relation = c.start, c.end, ""
        if c.joined:
            relation = "during"
        else:
            m = _RELATION_BEFORE.search(text, max(prev_end, start - 24), start)
            if m and not _verb_object(text, m):
                relation = RELATIONS[" ".join(m["rel"].lower().split())]
                start = m.start()
        if relation == "by" and (c.endish or c.parent is not None):
            when = c.parent or c.base
        if relation in ("from", "since"):
            onward = _ONWARD.match(text, end)
            if onward:
                end = onward.end()
        out.append(PeriodMatch(start, end, when, relation, c.fiscal))
        prev_end = end
    return out


def find_periods(text: str, reference: date) -> list[PeriodMatch]:
    """Every date or period mention in `text`, resolved against `reference`; never raises."""
    reference = as_day(reference)
    if not isinstance(text, str) or not text:
        return []
    return list(_periods_cached(text, reference))


def _periods(text: str, reference: date) -> tuple[PeriodMatch, ...]:
    cands = _candidates(text, reference)
    if not cands:
        return ()  # most sentences: nothing to select, join or name
    cands = _select(cands)
    _apply_modifiers(text, cands)
    cands = _join(text, cands)
    _inherit_years(text, cands)
    return tuple(_emit(text, cands))


@lru_cache(maxsize=1024)
def _periods_cached(text: str, reference: date) -> tuple[PeriodMatch, ...]:
    found = _periods(text, reference)
    if len(_SPANS) >= 1024:
        _SPANS.clear()
    _SPANS[text] = tuple((m.start, m.end) for m in found)
    return found


# Where the periods of a recently read text lie, whatever the reference date was: spans
# do not depend on it, and `find_quantities` needs them to skip "January 8" or "2025".
_SPANS: dict[str, tuple[tuple[int, int], ...]] = {}
_SPAN_REFERENCE = date(2000, 1, 1)


def period_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every period mention in `text` (reused when already read)."""
    spans = _SPANS.get(text)
    if spans is None:
        _periods_cached(text, _SPAN_REFERENCE)
        spans = _SPANS.get(text, ())
    return spans


def resolve_period(text: str, reference: date) -> When:
    """The one period a whole phrase names; NormalizationError if it is not exactly one.

    A phrase that needs a preposition in running text to count ("May", "Jan.") is read
    as if "in" stood in front of it.
    """
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped:
        raise NormalizationError(f"not a period: {text!r}")
    for prefix in ("", "in "):
        phrase = prefix + stripped
        matches = find_periods(phrase, reference)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(phrase):
            return matches[0].when
    if _LABEL_SHAPE.fullmatch(stripped):
        return label_to_when(stripped)  # any label this module prints, e.g. "2200-Q3"
    raise NormalizationError(f"not a period: {text!r}")
