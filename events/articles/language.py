"""A cheap guess at an article's language, good enough to warn that extraction may miss.

The extractors read English. This only has to tell English from everything else: scripts
that name their language (Han, kana, Hangul...) give a code; Latin text counts as English
when enough of its words are common English function words (or, for a few words, when it is
plain ASCII, too short to tell otherwise); the rest is "und".
"""

from __future__ import annotations

import re

_SAMPLE = 20000  # characters looked at; the start of an article is representative
_MIN_SHARE = 0.25  # of a script's letters among all letters, for the script to decide
_MIN_STOPWORDS = 0.12  # English prose runs at 0.3-0.5; other Latin-script languages lower
_FEW_WORDS = 8
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese text also uses Han
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
)
_KANA_SHARE = 0.05  # a little kana among Han already means Japanese
# A character of any of those scripts (one class, which the regex engine scans fast): most
# texts have none, and then no share needs counting.
_ANY_SCRIPT = re.compile("[" + "".join(script.pattern[1:-1] for _, script in _SCRIPTS) + "]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_STOPWORD_TEXT = (
    "a about after also an and are as at be been but by can could for from had has have he "
    "her his how in into is it its more most not of on or our over said says she than that "
    "the their them there these they this those to under was we were which while who will "
    "with would year you"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# For a quick first look in bytes, where C code does the counting: a-z and "'" kept, every
# other byte a space (and every other character, encoded as "?"); then a-z alone, as "a".
_WORD_BYTES = bytes(b if b == 0x27 or 0x61 <= b <= 0x7A else 0x20 for b in range(256))
_LETTER_RUNS = bytes(0x61 if 0x61 <= b <= 0x7A else 0x20 for b in range(256))
_COMMON = tuple(f" {word} ".encode() for word in ("the", "of", "and", "a", "in", "to"))


def guess_language(text: str) -> str:
    """An ISO 639-1 code ("en", "zh", ...) or "und" when it cannot tell."""
    sample = text[:_SAMPLE]
    if _LETTER.search(sample) is None:
        return "und"
    if _ANY_SCRIPT.search(sample) is not None:
        letters = len(_LETTER.findall(sample))
        for code, script in _SCRIPTS:
            share = len(script.findall(sample)) / letters
            if share >= (_KANA_SHARE if code == "ja" else _MIN_SHARE):
                return code
    return "en" if _looks_english(sample) else "und"


def _looks_english(sample: str) -> bool:
    if _surely_english(sample):
        return True
    words = _LATIN_WORD.findall(sample.lower().replace("\u2019", "'"))
    if not words:
        return False
    hits = sum(word in _STOPWORDS for word in words)
    if len(words) < _FEW_WORDS:  # too short to count: plain ASCII is taken for English
        return hits > 0 or sample.isascii()
    return hits / len(words) >= _MIN_STOPWORDS


def _surely_english(sample: str) -> bool:
    """A fast test that implies `_looks_english`: the commonest stopwords, counted in bytes,
    are already enough of the runs of letters.

    It never counts more stopwords than `_looks_english` finds (a run counted is a whole
    word, and str.count does not overlap), nor fewer runs of letters than it finds words
    (a word holds one run, or two around an apostrophe): so when its share is enough,
    the full one is too.
    """
    words = sample.lower().replace("\u2019", "'").encode("ascii", "replace")
    words = b" " + words.translate(_WORD_BYTES) + b" "
    hits = sum(map(words.count, _COMMON))
    return hits > 0 and hits / words.translate(_LETTER_RUNS).count(b" a") >= _MIN_STOPWORDS
