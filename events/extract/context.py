"""What rules see: the article once (sentences, main entity, people) and each sentence
with its numbers, periods and companies found lazily and cached.

Rules stay small because the shared questions live here: which company a fact at an
offset belongs to, whether a clause is hedged, which period a phrase names, and which day
"that same day" or "on Monday" refers to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import Any

from events.articles import Article
from events.articles.text import lower_like_ignorecase
from events.entities import Mention, Registry
from events.extract.attribution import (
    Person,
    clause_bounds,
    comparative_flags,
    find_people,
    main_entity,
    subject_at,
)
from events.extract.fixups import fix_money, fix_periods
from events.extract.gazetteer import gazetteer_for
from events.extract.sentences import Sentence, SpanIndex, split_sentences
from events.extract.subjects import (
    heading_names_unknown,
    opening_name,
    opens_with_unknown,
    short_forms,
    unknown_subject_before,
)
from events.extract.vocab import Term, Vocabulary
from events.normalize.money import MoneyMatch, find_money
from events.normalize.periods import PeriodMatch, find_periods
from events.normalize.quantity import QuantityMatch, find_quantities
from events.values import When

__all__ = ["UNKNOWN", "ArticleContext", "SentenceView"]

UNKNOWN = "?"  # topic of sentences about a company the registry does not know

# Hedges make a clause hypothetical: no done fact comes out of it (guidance is a statement
# about the future, so "expects" is not a hedge for it; see `hedged(strict=False)`).
_HEDGE = re.compile(  # on lowercased text; "may" (not the month) is checked on the original
    r"\b(?:could|might|if|whether|potentially|possibly|perhaps|reportedly|rumou?r\w*"
    r"|speculat\w*|consider(?:s|ing|ed)?|weigh(?:s|ing)|mull\w*|explor(?:e|es|ing)|in talks"
    r"|would have|unless|hypothetical\w*|were to)\b"
)
_MAY = re.compile(r"may(?<!\wmay)\b")  # `\bmay\b`, opening with the literal (found fast)
_FUTURE = re.compile(  # on lowercased text
    r"\b(?:will|plans? to|planned|plans|intends? to|aims? to|expects? to|expected to|set to"
    r"|is to|are to|to be|scheduled|upcoming|seeks? to|targets?|goal|forecast\w*|outlook)\b"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|denied|denies|declined to|ruled out|without)\b|n't\b", re.IGNORECASE
)
_SAME_DAY = re.compile(r"\b(?:that|the) same day\b|\bthat day\b|\bon the day\b", re.IGNORECASE)
_PERIOD_BACKREF = re.compile(
    r"\b(?:in|during|over|for) the (?:quarter|period|half|month|year|six months|three months)\b"
    r"|\bthe same (?:quarter|period|month)\b|\bin the month\b|\bover the six months\b",
    re.IGNORECASE,
)
_BACKREF_MONTHS = (
    ("quarter", 3),
    ("three months", 3),
    ("six months", 6),
    ("half", 6),
    ("month", 1),
    ("year", 12),
)


def _months(when: When) -> int:
    """How many calendar months a period spans (0 for less than a month)."""
    a, b = date.fromisoformat(when.start), date.fromisoformat(when.end)
    return (b.year - a.year) * 12 + b.month - a.month + 1 if b.day >= 28 and a.day == 1 else 0


# A sentence can name a date or period only if it has a digit or one of these (substrings
# of the lowercased text; `in` finds them several times faster than a regex alternation).
_DATE_WORDS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "today", "yesterday", "quarter", "half", "year",
    "week", "month", "fiscal", "financial",
)  # fmt: skip
_DIGIT = re.compile(r"\d")
_PENCE = re.compile(r"\dp\b")  # "50p" (a digit first: the regex engine skips to digits)
# Words of which a text naming someone with a role has one (substrings of lowercased text;
# `in` finds them several times faster than a regex alternation).
_ROLE_HINTS = (
    "founder", "chief", "ceo", "cfo", "coo", "cto", "cio", "chair", "president", "director",
    "board", "counsel", "evp", "svp", "partner", "head of", "analyst", "officer", "executive",
)  # fmt: skip


def _has_role_hint(lower: str) -> bool:
    return any(word in lower for word in _ROLE_HINTS)


# An article about electric vehicles: `\b(?i:electric[- ]vehicles?|new energy vehicles?|
# electric cars?|electric carmakers?|electric[- ]vehicle maker)\b|\b(?:EVs?|NEVs?)\b`, as
# three searches that open with a literal (the regex engine skips to it; a leading `\b` is
# tried at every character), the first only when "electric" or "new energy" occurs.
_EV_WORDS = re.compile(
    r"\b(?i:electric[- ]vehicles?|new energy vehicles?|electric cars?|electric carmakers?"
    r"|electric[- ]vehicle maker)\b"
)
_EV_ACRONYMS = (re.compile(r"EV(?<!\wEV)s?\b"), re.compile(r"NEV(?<!\wNEV)s?\b"))


# A day that dates something other than the sentence's fact: the thing a fact came before
# ("ahead of the company's own results on Tuesday"), or a day used as a qualifier
# ("a 3.5% discount to Wednesday's close").
_AHEAD_OF = re.compile(
    r"\b(?:ahead of|in the run-up to|prior to|in advance of)\b[^,;.]{0,60}$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _other_day(text: str, start: int, end: int) -> bool:
    if _POSSESSIVE.match(text, end):
        return True
    return _AHEAD_OF.search(text, max(0, start - 70), start) is not None


def _about_evs(body: str) -> bool:
    if any(p.search(body) for p in _EV_ACRONYMS):
        return True
    low = lower_like_ignorecase(body)
    if low is not None and "electric" not in low and "new energy" not in low:
        return False
    return _EV_WORDS.search(body) is not None


def _slice(items: list, starts: list[int], start: int, end: int) -> list:
    """The items (sorted by start) that lie inside [start, end)."""
    i = bisect_left(starts, start)
    out = []
    while i < len(items) and items[i].start < end:
        if items[i].end <= end:
            out.append(items[i])
        i += 1
    return out


class cached_property:
    """A lazily computed attribute, stored on the instance on first use.

    functools.cached_property takes a lock on every first computation (Python 3.11); views
    compute a dozen properties per sentence, and the lock showed in profiles.
    """

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


_FIRM_COMPANIES: dict[int, dict[str, str]] = {}


def _firm_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _firm_companies(registry: Registry) -> dict[str, str]:
    """Short names of registry companies ("goldmansachs" → goldman_sachs_group: the names
    and aliases with a trailing Group/Holdings/Chase/& Co. dropped)."""
    found = _FIRM_COMPANIES.get(id(registry))
    if found is None:
        found = {}
        for slug, entity in registry.entities.items():
            for name in (entity.name, *entity.aliases):
                short = re.sub(
                    r"^The\s+|,?\s+(?:Group|Holdings|Chase|& Co\.?|Inc\.?|plc|PLC|AG|SA|N\.V\.)\b"
                    r".*$",
                    "",
                    name,
                )
                if len(short) >= 3:
                    found.setdefault(_firm_key(short), slug)
        _FIRM_COMPANIES[id(registry)] = found
    return found


# What a company does to itself, right after its name: not what a research firm says.
_OWN_ACT = re.compile(
    r"(?:\s+(?:Group|Holdings))?(?:(?:'s|\u2019s)\s+(?:board|shares|stock|net|profit|revenue"
    r"|earnings|equities|investment|trading|chief|CEO|CFO|quarterly|annual|first|second|third"
    r"|fourth|dividend|buyback|wealth|asset|consumer|bank)|\s+(?:also\s+|has\s+|had\s+)?"
    r"(?:(?:declared|posted|reported|earned)(?!\s+(?:that|on|in\s+a))\s+(?:a\s+|an\s+|its\s+)?"
    r"(?:record\s+)?(?:quarterly\s+|annual\s+|full-year\s+|interim\s+|final\s+|special\s+"
    r"|first|second|third|fourth|net|profit|revenue|earnings|income|loss|dividend)"
    r"|bought back|repurchased|shares|stock|(?:raised|lifted"
    r"|increased|cut|reduced|declared|announced)\s+(?:its\s+)?(?:quarterly\s+|annual\s+"
    r"|interim\s+|final\s+|special\s+)?(?:dividend|payout|buyback|share repurchase)"
    r"|(?:rose|fell|gained|jumped|dropped|slipped|climbed)\b))",
)
# The bank as a research firm: "JPMorgan analysts", "Goldman Sachs upgraded", "Goldman's
# economists", "analyst Jane Doe of JPMorgan", "according to Goldman Sachs".
_RESEARCH_AFTER = re.compile(
    r"(?:(?:'s|\u2019s)\s+)?\s*(?:\w+\s+)?(?:analysts?|upgrad\w+|downgrad\w+|rates|rated"
    r"|initiat\w+|reiterat\w+|economists?|strategists?|research|said in a (?:research )?note"
    r"|(?:raised|cut|lifted|lowered|trimmed|set)\s+(?:its|the|their)\s+(?:price\s+)?target"
    r"|estimates?|forecasts?|expects|sees|predicts|(?:has|kept|keeps|maintain\w*)\s+(?:an?\s+)?"
    r"(?:buy|sell|neutral|overweight|underweight|outperform|underperform|hold)\b)",
    re.IGNORECASE,
)
_RESEARCH_BEFORE = re.compile(
    r"\b(?:analysts?|economists?|strategists?)\s+(?:\w+\s+){0,3}(?:at|of|from)\s+$"
    r"|\baccording to\s+$|(?-i:\b(?:at|from)\s+$)",
    re.IGNORECASE,
)
_AT_BANK = re.compile(r"(?:^|\s)At\s+$")  # "At JPMorgan, revenue rose ..."


class ArticleContext:
    """Everything about one article that rules share, computed once."""

    def __init__(self, article: Article, registry: Registry, vocab: Vocabulary) -> None:
        self.article = article
        self.registry = registry
        self.vocab = vocab
        self.published = date.fromisoformat(article.published)
        self.published_when = When.day(article.published)
        self.sentences: list[Sentence] = split_sentences(article.body, article.boilerplate)
        body = article.body
        found = gazetteer_for(registry, vocab).find(body)
        self._firms = found.firms
        firm_spans = SpanIndex((f.start, f.end) for f in self._firms)
        self._mentions = [m for m in found.companies if not firm_spans.contains(m.start, m.end)]
        if self._firms:
            self._banks_as_companies(body)
        self._mention_starts = [m.start for m in self._mentions]
        self._short_forms: dict[str, str] | None = None  # see short_form_at
        self._firm_starts = [f.start for f in self._firms]
        self._metrics = found.metrics
        self._metric_starts = [t.start for t in self._metrics]
        self._segments = found.segments
        self._segment_starts = [t.start for t in self._segments]
        self.views = [SentenceView(self, s) for s in self.sentences]
        self.main: str | None = main_entity(
            gazetteer_for(registry, vocab).find(article.title),
            [(v.mentions, v.comparatives) for v in self.views],
        )
        self.ev_context = _about_evs(body)
        self.has_fiscal = "fiscal" in body or "financial year" in body
        self.state: dict[str, Any] = {}  # rules' memory across sentences (last product, ...)
        self.people: dict[str, Person] = {}
        if _has_role_hint(body.lower()):
            for person in find_people(body, self._firms):
                known = self.people.get(person.name)
                if known is None or (known.role is None and person.role):
                    self.people[person.name] = person
        self._topics: list[str | None] = []
        previous_block = -1
        topic = self.main
        section = self.main  # the company of the last heading: its bullets are about it
        for view in self.views:
            sentence = view.sentence
            if sentence.heading:
                section = self.main
            if sentence.block != previous_block or sentence.heading:
                # under a heading that names a company, its paragraphs are about it too
                topic = (
                    section if sentence.bullet or section not in (self.main, UNKNOWN) else self.main
                )
                previous_block = sentence.block
            first = view.first_subject()
            view.topic_before = topic
            if first is not None:
                topic = first
            elif (short := self.short_form_at(view.text)) is not None:
                topic = short
            elif opens_with_unknown(view.text, self.people, self.article.body):
                topic = UNKNOWN
            if sentence.heading:
                section = topic
                if first is None and heading_names_unknown(view.text, self.people):
                    section = UNKNOWN
            self._topics.append(topic)

    def _banks_as_companies(self, body: str) -> None:
        """A bank that is also a research firm ("Goldman Sachs", "HSBC", "JPMorgan") is the
        company when the words after it are its own corporate acts ("Goldman Sachs raised
        its quarterly dividend", "HSBC's profit", "At JPMorgan, revenue rose"), not a
        research call ("Goldman Sachs raised its target on Apple")."""
        lookup = _firm_companies(self.registry)
        named = SpanIndex((m.start, m.end) for m in self._mentions)
        keep: list[Term] = []
        added: list[Mention] = []
        for f in self._firms:
            if named.overlaps(f.start, f.end):
                keep.append(f)  # "JPMorgan" inside "JPMorgan Chase": already the company
                continue
            slug = lookup.get(_firm_key(body[f.start : f.end])) or lookup.get(_firm_key(f.value))
            if slug is not None and (
                _OWN_ACT.match(body, f.end) or _AT_BANK.search(body[max(0, f.start - 4) : f.start])
            ):
                added.append(Mention(f.start, f.end, slug, body[f.start : f.end]))
            else:
                keep.append(f)
        if not added:
            return
        # once the article treats a bank as the company, its other mentions are the
        # company too, unless research words are around ("Goldman Sachs upgraded ...")
        banks = {m.slug for m in added}
        firms: list[Term] = []
        for f in keep:
            slug = lookup.get(_firm_key(body[f.start : f.end])) or lookup.get(_firm_key(f.value))
            if (
                slug in banks
                and not _RESEARCH_AFTER.match(body, f.end)
                and not _RESEARCH_BEFORE.search(body, max(0, f.start - 40), f.start)
                and not named.overlaps(f.start, f.end)
            ):
                added.append(Mention(f.start, f.end, slug, body[f.start : f.end]))
            else:
                firms.append(f)
        self._firms = firms
        self._mentions = sorted(self._mentions + added, key=lambda m: m.start)

    def short_form_at(self, text: str) -> str | None:
        """The company a clause opens with under a short form of a name the article used
        ("Novo shares closed ..." after "Novo Nordisk")."""
        name = opening_name(text)
        if not name or " " in name:
            return None
        if self._short_forms is None:
            self._short_forms = short_forms(self._mentions)
        return self._short_forms.get(name)

    # --- spans of the body -------------------------------------------------------------

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return _slice(self._mentions, self._mention_starts, start, end)

    def firms_in(self, start: int, end: int) -> list[Term]:
        return _slice(self._firms, self._firm_starts, start, end)

    def metrics_in(self, start: int, end: int) -> list[Term]:
        return _slice(self._metrics, self._metric_starts, start, end)

    def segments_in(self, start: int, end: int) -> list[Term]:
        return _slice(self._segments, self._segment_starts, start, end)

    def fiscal_end(self, slug: str | None) -> int:
        if slug and slug in self.registry.entities:
            return self.registry.get(slug).fiscal_year_end_month
        return 12

    def country(self, slug: str | None) -> str | None:
        if slug and slug in self.registry.entities:
            return self.registry.get(slug).country
        return None

    # --- carry-over of days and periods ------------------------------------------------

    def day_before(self, index: int, window: int = 4) -> When | None:
        """The last day (within a week before publication) the sentences up to `index` are
        about, looking back at most `window` sentences."""
        floor = self.published.toordinal() - 7
        for i in range(index, max(-1, index - window - 1), -1):
            day = self.views[i].resolved_day
            if day is not None and date.fromisoformat(day.start).toordinal() >= floor:
                return day
        return None

    def period_before(
        self, index: int, window: int = 6, months: int | None = None
    ) -> PeriodMatch | None:
        """The last reporting period (quarter, half, month, year) named before `index`; with
        `months`, the last one that long ("in the quarter" → the quarter named before, not
        the full year named after it), else the last of any length."""
        first: PeriodMatch | None = None
        reach = window if months is None else 2 * window
        for i in range(index - 1, max(-1, index - reach - 1), -1):
            for p in reversed(self.views[i].periods):
                if p.when.start != p.when.end and p.relation not in ("from", "since"):
                    if months is None or (
                        _months(p.when) == months and p.when.end <= self.article.published
                    ):
                        return p
                    if i >= index - window:
                        first = first or p
        return first


class SentenceView:
    """One sentence and the lazily computed facts rules ask about it."""

    def __init__(self, ctx: ArticleContext, sentence: Sentence) -> None:
        self.ctx = ctx
        self.sentence = sentence
        self.text = sentence.text
        self.index = sentence.index
        self.topic_before: str | None = None

    # --- lazily found values -----------------------------------------------------------

    @cached_property
    def money(self) -> list[MoneyMatch]:
        found = find_money(self.text)
        low = self.lower
        if (
            "lakh" in low
            or "crown" in low
            or "kron" in low
            or "cent" in low
            or "pence" in low
            or _PENCE.search(self.text)
        ):
            found = fix_money(self.text, found, self.quantities, self.ctx.country(self.ctx.main))
        return found

    @cached_property
    def quantities(self) -> list[QuantityMatch]:
        return find_quantities(self.text)

    @cached_property
    def periods(self) -> list[PeriodMatch]:
        low = self.lower
        if not self.has_digit and not any(word in low for word in _DATE_WORDS):
            return []
        found = find_periods(self.text, self.ctx.published)
        return self._fiscal(found)

    @cached_property
    def mentions(self) -> list[Mention]:
        s = self.sentence
        return [
            Mention(m.start - s.start, m.end - s.start, m.slug, m.text)
            for m in self.ctx.mentions_in(s.start, s.end)
        ]

    @cached_property
    def firms(self) -> list[Term]:
        s = self.sentence
        return [
            Term(f.start - s.start, f.end - s.start, f.value)
            for f in self.ctx.firms_in(s.start, s.end)
        ]

    @cached_property
    def metrics(self) -> list[Term]:
        """Metric words of the vocabulary in this sentence (offsets into the sentence)."""
        s = self.sentence
        return [
            Term(t.start - s.start, t.end - s.start, t.value)
            for t in self.ctx.metrics_in(s.start, s.end)
        ]

    @cached_property
    def segments(self) -> list[Term]:
        s = self.sentence
        return [
            Term(t.start - s.start, t.end - s.start, t.value)
            for t in self.ctx.segments_in(s.start, s.end)
        ]

    @cached_property
    def people(self) -> list[Person]:
        return find_people(self.text, self.firms)

    @cached_property
    def has_digit(self) -> bool:
        return _DIGIT.search(self.text) is not None

    @cached_property
    def lower(self) -> str:
        """The sentence lowercased with the same offsets (for keyword gates)."""
        low = self.text.lower()
        if len(low) != len(self.text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
        return low

    @cached_property
    def lower_exact(self) -> str | None:
        """The lowercased sentence when matching case-sensitively on it finds what IGNORECASE
        finds on the text (see `lower_like_ignorecase`), else None: for cheap word tests
        that must never skip a sentence the IGNORECASE pattern would match."""
        return lower_like_ignorecase(self.text)

    @property
    def may_name_people(self) -> bool:
        return _has_role_hint(self.lower)

    # --- who ---------------------------------------------------------------------------

    @cached_property
    def comparatives(self) -> list[bool]:
        """Per company mention: named only for comparison ("rivals like BYD")."""
        return comparative_flags(self.text, self.mentions) if self.mentions else []

    def first_subject(self) -> str | None:
        """The first company named not for comparison: the topic later sentences inherit."""
        mentions = self.mentions
        if not mentions:
            return None
        for m, comparative in zip(mentions, self.comparatives, strict=True):
            if not comparative:
                return m.slug
        return None

    def entity_at(self, anchor: int) -> str | None:
        """The company a fact stated at `anchor` belongs to (see attribution.subject_at)."""
        found = subject_at(self.text, self.mentions, anchor, self.comparatives)
        if found is not None:
            return found
        lo, _ = clause_bounds(self.text, anchor)
        short = self.ctx.short_form_at(self.text[lo:])
        if short is not None:
            return short
        if opens_with_unknown(self.text[lo:], self.ctx.people, self.ctx.article.body):
            return None
        if not any(lo <= m.start < anchor for m in self.mentions) and unknown_subject_before(
            self.text, lo, anchor, self.ctx.people, [(f.start, f.end) for f in self.firms]
        ):
            return None
        return None if self.topic_before == UNKNOWN else self.topic_before

    def person_near(self, anchor: int) -> Person | None:
        """A known person named in this sentence, the nearest to `anchor`."""
        best: tuple[int, Person] | None = None
        for name, person in self.ctx.people.items():
            for m in re.finditer(re.escape(name), self.text):
                d = abs(m.start() - anchor)
                if best is None or d < best[0]:
                    best = (d, person)
        if best is None:
            for person in self.people:
                pos = self.text.find(person.name)
                d = abs(pos - anchor)
                if best is None or d < best[0]:
                    best = (d, person)
        return best[1] if best else None

    # --- how sure ------------------------------------------------------------------------

    def clause(self, anchor: int) -> str:
        lo, hi = clause_bounds(self.text, anchor)
        return self.text[lo:hi]

    def hedged(self, anchor: int, strict: bool = True) -> bool:
        """True when the clause at `anchor` is hypothetical; `strict` also counts future talk."""
        lo, hi = clause_bounds(self.text, anchor)
        return self._hedge_in(lo, hi, strict)

    def local_hedge(self, start: int, end: int, before: int = 40, strict: bool = True) -> bool:
        """Hedge or future words just around [start, end): for facts inside long sentences."""
        lo, hi = clause_bounds(self.text, start)
        return self._hedge_in(max(lo, start - before), min(hi, end + 20), strict)

    def _hedge_in(self, lo: int, hi: int, strict: bool) -> bool:
        low = self.lower
        if _HEDGE.search(low, lo, hi) or _MAY.search(self.text, lo, hi):
            return True
        return strict and _FUTURE.search(low, lo, hi) is not None

    def negated(self, start: int, end: int) -> bool:
        return _NEGATION.search(self.text, start, end) is not None

    # --- when ----------------------------------------------------------------------------

    def period_near(self, pos: int, *, spans: bool = True, days: bool = True) -> PeriodMatch | None:
        """The period mention nearest to `pos` (periods after the anchor win ties)."""
        best: tuple[int, PeriodMatch] | None = None
        for p in self.periods:
            is_day = p.when.start == p.when.end
            if (is_day and not days) or (not is_day and not spans):
                continue
            d = p.start - pos if p.start >= pos else (pos - p.end) + 1
            if best is None or d < best[0]:
                best = (d, p)
        return best[1] if best else None

    @cached_property
    def explicit_day(self) -> When | None:
        """The first day named in this sentence that is not after publication, leaving out
        days that date something else ("ahead of its results on Tuesday", "Wednesday's
        close", "since Monday")."""
        for p in self.periods:
            if (
                p.when.start == p.when.end
                and p.when.end <= self.ctx.article.published
                and p.relation != "since"
                and not _other_day(self.text, p.start, p.end)
            ):
                return p.when
        return None

    @cached_property
    def resolved_day(self) -> When | None:
        """The day this sentence is about: named, or "that same day" → an earlier one."""
        if self.explicit_day is not None:
            return self.explicit_day
        if self.index and _SAME_DAY.search(self.text):
            return self.ctx.day_before(self.index - 1, window=3)
        return None

    def day(self) -> When | None:
        """The trading day a market fact refers to: named here, "that same day", or carried
        from the sentences just before when this one names no other period."""
        if self.resolved_day is not None:
            return self.resolved_day
        if any(p.when.start != p.when.end for p in self.periods) or not self.index:
            return None
        return self.ctx.day_before(self.index - 1, window=4)

    def backref_period(self) -> PeriodMatch | None:
        """ "in the quarter" → the reporting period named in an earlier sentence (a quarter,
        when one was named; "in the half" a half, "in the month" a month)."""
        m = _PERIOD_BACKREF.search(self.text)
        if m is None:
            return None
        word = m.group(0).lower()
        months = next((n for key, n in _BACKREF_MONTHS if key in word), None)
        return self.ctx.period_before(self.index, months=months)

    def _fiscal(self, found: list[PeriodMatch]) -> list[PeriodMatch]:
        ctx = self.ctx
        fy_end = ctx.fiscal_end(self.topic_before or ctx.main)
        return fix_periods(self.text, found, fy_end, ctx.published, ctx.has_fiscal)
