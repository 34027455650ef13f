"""Every name list matched in one pass over the body: companies, firms, metrics, segments.

A regex alternation of hundreds of names costs Python's engine a try per name at every
character; this walks the body's words once and looks each one up in a dict of the names
that start with it, which is what keeps extraction within its time budget (one pass over
an 8 KB article takes well under a millisecond). Companies match case-sensitively with the
registry's boundaries ("Apple" the company, not "apple" the fruit); vocabulary words match
case-insensitively unless they are acronyms.
"""

from __future__ import annotations

import re

import attrs

from events.entities import Mention, Registry
from events.extract.vocab import Term, Vocabulary

__all__ = ["Found", "Gazetteer", "gazetteer_for"]

_WORD = re.compile(r"\w+")
KINDS = ("company", "firm", "metric", "segment")


@attrs.frozen
class Found:
    """What one pass found: company mentions and vocabulary terms, in body order."""

    companies: list[Mention]
    firms: list[Term]
    metrics: list[Term]
    segments: list[Term]


def _acronym(word: str) -> bool:
    return word.isupper() or any(c.isupper() for c in word[1:])


class Gazetteer:
    """Names by first word; `find(body)` returns every kind's longest, leftmost matches."""

    def __init__(self) -> None:
        # lowercased first word -> [(surface as matched, kind, value, exact)], longest first
        self._table: dict[str, list[tuple[str, str, str, bool]]] = {}

    def add(self, surface: str, kind: str, value: str, exact: bool) -> None:
        first = _WORD.match(surface)
        if first is None:
            return
        key = first.group(0).lower()
        self._table.setdefault(key, []).append(
            (surface if exact else surface.lower(), kind, value, exact)
        )

    def freeze(self) -> None:
        for entries in self._table.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def find(self, body: str) -> Found:
        lower = body.lower()
        if len(lower) != len(body):  # a few characters change length when lowered
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in body)
        busy = dict.fromkeys(KINDS, 0)
        out: dict[str, list] = {k: [] for k in KINDS}
        n = len(body)
        table = self._table
        pos = 0
        # Words come out of findall in C; only the few that start a name are located.
        for word in [w for w in _WORD.findall(lower) if w in table]:
            entries = table[word]
            m = _located(word).search(lower, pos)
            if m is None:  # pragma: no cover - findall and search agree on words
                continue
            i = m.start()
            pos = m.end()
            before = body[i - 1] if i else " "
            for surface, kind, value, exact in entries:
                if busy[kind] > i or not (body if exact else lower).startswith(surface, i):
                    continue
                end = i + len(surface)
                after = body[end] if end < n else " "
                if kind == "company":
                    if after.isalnum() or after == "_" or before.isalnum() or before in "._":
                        continue
                elif after.isalnum() or after in "_&" or before.isalnum() or before in "_&":
                    continue
                busy[kind] = end
                if kind == "company":
                    out[kind].append(Mention(i, end, value, body[i:end]))
                else:
                    out[kind].append(Term(i, end, value))
        return Found(out["company"], out["firm"], out["metric"], out["segment"])


_LOCATORS: dict[str, re.Pattern[str]] = {}


def _located(word: str) -> re.Pattern[str]:
    """A regex that finds `word` as a whole \\w+ token (compiled once per word).

    The "no word character before" test is a lookbehind after the word rather than before
    it, so that the pattern starts with the word's letters, which the regex engine finds
    fast; a leading lookbehind would be tried at every character.
    """
    pattern = _LOCATORS.get(word)
    if pattern is None:
        escaped = re.escape(word)
        pattern = re.compile(rf"{escaped}(?<!\w{escaped})(?!\w)")
        _LOCATORS[word] = pattern
    return pattern


def build(registry: Registry, vocab: Vocabulary) -> Gazetteer:
    g = Gazetteer()
    # The registry says which texts name which company: names without a leading "The",
    # aliases, ticker forms, capitals ("COSTCO"), units filed under their parent.
    for surface, slug in registry.surfaces().items():
        g.add(surface, "company", slug, True)
    for firm, aliases in vocab.firms.items():
        for name in {firm, *aliases}:
            g.add(name, "firm", firm, True)
    for kind, table in (("metric", vocab.metrics), ("segment", vocab.segments)):
        for value, words in table.items():
            for word in words:
                g.add(word, kind, value, _acronym(word))
    g.freeze()
    return g


_cache: dict[tuple[int, int, int], tuple[Registry, Vocabulary, Gazetteer]] = {}


def gazetteer_for(registry: Registry, vocab: Vocabulary) -> Gazetteer:
    """The gazetteer of this registry and vocabulary, rebuilt when the registry grows."""
    key = (id(registry), id(vocab), len(registry.entities))
    hit = _cache.get(key)
    if hit is None or hit[0] is not registry or hit[1] is not vocab:
        if len(_cache) > 8:
            _cache.clear()
        hit = (registry, vocab, build(registry, vocab))
        _cache[key] = hit
    return hit[2]
