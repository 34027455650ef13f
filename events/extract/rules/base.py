"""Rules: small named functions from a sentence to draft events.

A rule is anything with a `name` and an `apply(view) -> Iterable[Draft]`; `@rule(name,
trigger)` turns a function into one and runs it only on sentences its trigger regex finds,
which is what keeps extraction fast (most sentences fail every trigger in microseconds).
A Draft is an event before the extractor has settled its entity, merged duplicates and
stamped the id; its `rule` name ends up in `ExtractorRef.rule`, so `timeline show` can say
which rule emitted an event and from which sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from events.extract.context import SentenceView
from events.values import When

__all__ = ["Draft", "FunctionRule", "Gate", "Rule", "lower_regex", "lowercase_safe", "rule"]


@attrs.define
class Draft:
    """An event in the making: type, payload, valid time, and where it was read."""

    type: str
    data: Any  # the type's msgspec data struct
    when: When
    rule: str = ""
    entity: str | None = None  # None: the extractor attributes it from `anchor`
    anchor: int = 0  # offset in the sentence of the words that state the fact
    sentence: int = 0  # index of the (first) sentence that states it
    span: tuple[int, int] | None = None  # evidence span in the body; default the sentence
    default_when: bool = False  # True when `when` is only the publication day (no date in text)


@runtime_checkable
class Rule(Protocol):
    """What the RuleExtractor runs on every sentence.

    A rule may also have `keywords`: lowercase substrings of which at least one must occur
    in a sentence for the rule to be worth running (the extractor checks all rules'
    keywords in one pass); a rule without them runs on every sentence.
    """

    name: str

    def apply(self, view: SentenceView) -> Iterable[Draft]: ...


RuleFn = Callable[[SentenceView, "re.Match[str] | None"], Iterable[Draft] | Draft | None]


@attrs.define
class FunctionRule:
    """A rule made of keywords, a trigger regex and a function called with its match."""

    name: str
    trigger: re.Pattern[str] | None
    fn: RuleFn
    keywords: tuple[str, ...] = ()
    digits: bool = False  # the rule needs a number written in digits
    on_lower: bool = False  # the trigger is matched on the lowercased sentence

    def apply(self, view: SentenceView) -> Iterable[Draft]:
        if self.digits and not view.has_digit:
            return ()
        m = None
        if self.trigger is not None:
            m = self.trigger.search(view.lower if self.on_lower else view.text)
            if m is None:
                return ()
        out = self.fn(view, m)
        if out is None:
            return ()
        drafts = [out] if isinstance(out, Draft) else list(out)
        for d in drafts:
            if not d.rule:
                d.rule = self.name
            d.sentence = view.index if d.sentence == 0 else d.sentence
        return drafts


def rule(
    name: str,
    trigger: str | None = None,
    *,
    keywords: Iterable[str] = (),
    digits: bool = False,
    flags: int = re.IGNORECASE,
) -> Callable[[RuleFn], FunctionRule]:
    """Decorator: `@rule("market.close", r"\\bclosed\\b", keywords=("clos",))` over
    `fn(view, match)`; the keywords gate the sentence cheaply before the regex runs."""
    on_lower = bool(trigger) and flags == re.IGNORECASE and lowercase_safe(trigger or "")
    pattern = None
    if trigger:
        pattern = re.compile(trigger, 0 if on_lower else flags)
    words = tuple(k.lower() for k in keywords)

    def wrap(fn: RuleFn) -> FunctionRule:
        return FunctionRule(
            name=name, trigger=pattern, fn=fn, keywords=words, digits=digits, on_lower=on_lower
        )

    return wrap


_ESCAPE = re.compile(r"\\[A-Za-z]|\(\?P[<=][A-Za-z_]\w*>?")


def lowercase_safe(pattern: str) -> bool:
    """True when a case-insensitive pattern has no capital letters of its own, so that it
    can run case-sensitively on lowercased text (several times faster in Python's engine)."""
    return not any(c.isupper() for c in _ESCAPE.sub("", pattern))


def lower_regex(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern for lowercased text (see `lowercase_safe`)."""
    if not lowercase_safe(pattern):
        raise ValueError(f"pattern has capital letters: {pattern[:60]!r}")
    return re.compile(pattern)


class Gate:
    """Which rules a sentence can need, from one pass of all rules' keywords over it."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        from events.extract.vocab import trie_pattern

        self.always = [i for i, r in enumerate(rules) if not getattr(r, "keywords", ())]
        by_word: dict[str, set[int]] = {}
        for i, r in enumerate(rules):
            for word in getattr(r, "keywords", ()):
                by_word.setdefault(word, set()).add(i)
        # A keyword inside a longer one is found only as the longer one: share its rules.
        for word, rules_of in by_word.items():
            for other, more in by_word.items():
                if other != word and other in word:
                    rules_of |= more
        self.by_word = by_word
        self.pattern = re.compile(trie_pattern(by_word)) if by_word else None

    def select(self, lower: str) -> list[int]:
        """Indices (in rule order) of the rules to run on a sentence, given its lowercase text."""
        chosen = set(self.always)
        if self.pattern is not None:
            for word in self.pattern.findall(lower):
                chosen |= self.by_word[word]
        return sorted(chosen)

    def select_all(self, lower_body: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """`select` for every sentence span of a body, with one pass over the body."""
        from bisect import bisect_right

        chosen: list[set[int]] = [set(self.always) for _ in spans]
        if self.pattern is not None and spans:
            starts = [s for s, _ in spans]
            for m in self.pattern.finditer(lower_body):
                i = bisect_right(starts, m.start()) - 1
                if i >= 0 and m.end() <= spans[i][1]:
                    chosen[i] |= self.by_word[m.group(0)]
        return [sorted(c) for c in chosen]
