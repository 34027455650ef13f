"""The extractor's vocabulary: metrics, segments, analyst firms, roles, ratings, listings.

Metric, segment and firm names are data (`events/data/extract_vocab.json`) so a user can
extend them without touching rules; `Vocabulary.load(extra)` merges more JSON of the same
shape. Everything is compiled once into regexes: rules ask "which metric is named here"
thousands of times per second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs

__all__ = [
    "LISTING_WORDS",
    "RATING_WORDS",
    "ROLE_PATTERN",
    "Term",
    "Vocabulary",
    "default_vocabulary",
    "listing_from_currency",
    "normalize_rating",
    "normalize_role",
]


@attrs.frozen
class Term:
    """A vocabulary word found in a text: [start, end) and its canonical value."""

    start: int
    end: int
    value: str


def _is_acronym(word: str) -> bool:
    return word.isupper() or any(c.isupper() for c in word[1:])


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternative for many literal words, factored as a trie.

    Python's regex engine tries alternatives one by one at every position; a trie tries
    one character at a time, which makes a 300-name lexicon about as cheap as a short
    word. Optional tails are greedy, so the longest name wins, as in a longest-first
    alternation.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if end:
            body = (
                "(?:" + body + ")" if len(alts) == 1 and not body.startswith("(?:") else body
            ) + "?"
        return body

    return build(trie) or r"(?!x)x"


def _alternation(words: Iterable[str]) -> str:
    return trie_pattern(words)


class _Lexicon:
    """Synonyms → canonical value; acronyms match case-sensitively, words case-insensitively."""

    def __init__(self, table: dict[str, list[str]], always_case: bool = False) -> None:
        self.lookup: dict[str, str] = {}
        exact: list[str] = []
        folded: list[str] = []
        for value, synonyms in table.items():
            for word in synonyms:
                if always_case or _is_acronym(word):
                    self.lookup[word] = value
                    exact.append(word)
                else:
                    self.lookup[word.lower()] = value
                    folded.append(word)
        parts = []
        if exact:
            parts.append(rf"(?-i:{_alternation(exact)})")
        if folded:
            parts.append(_alternation({w.lower() for w in folded}))
        body = "|".join(parts) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w&])(?:{body})(?![\w&])", re.IGNORECASE)

    def find(self, text: str) -> list[Term]:
        out = []
        for m in self.pattern.finditer(text):
            word = m.group(0)
            value = self.lookup.get(word) or self.lookup.get(word.lower())
            if value is not None:
                out.append(Term(m.start(), m.end(), value))
        return out


@attrs.define
class Vocabulary:
    """Metric, segment and analyst-firm lexicons (see the module docstring)."""

    metrics: dict[str, list[str]]
    segments: dict[str, list[str]]
    segment_metrics: dict[str, str]
    firms: dict[str, list[str]]
    _metric_lex: _Lexicon = attrs.field(init=False)
    _segment_lex: _Lexicon = attrs.field(init=False)
    _firm_lex: _Lexicon = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._metric_lex = _Lexicon(self.metrics)
        self._segment_lex = _Lexicon(self.segments)
        self._firm_lex = _Lexicon({k: [k, *v] for k, v in self.firms.items()}, always_case=True)

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> Vocabulary:
        raw = resources.files("events").joinpath("data/extract_vocab.json").read_text("utf-8")
        data = json.loads(raw)
        for path in extra:
            more = json.loads(Path(path).read_text("utf-8"))
            for key in ("metrics", "segments", "analyst_firms"):
                for name, words in more.get(key, {}).items():
                    data[key].setdefault(name, []).extend(words)
            data["segment_metrics"].update(more.get("segment_metrics", {}))
        return cls(
            metrics=data["metrics"],
            segments=data["segments"],
            segment_metrics=data["segment_metrics"],
            firms=data["analyst_firms"],
        )

    def find_metrics(self, text: str) -> list[Term]:
        return self._metric_lex.find(text)

    def find_segments(self, text: str) -> list[Term]:
        return self._segment_lex.find(text)

    def find_firms(self, text: str) -> list[Term]:
        return self._firm_lex.find(text)

    def firm_name(self, name: str) -> str | None:
        """Canonical firm for an alias ("HSBC Global Research" → "HSBC"), else None."""
        return self._firm_lex.lookup.get(name)

    def metric_for(self, metric: str, segment: str | None) -> str:
        """`gross_margin` of the `smartphone` segment is `smartphone_gross_margin`."""
        if segment:
            return self.segment_metrics.get(f"{segment}:{metric}", metric)
        return metric


_default: Vocabulary | None = None


def default_vocabulary() -> Vocabulary:
    global _default
    if _default is None:
        _default = Vocabulary.load()
    return _default


# --- small closed vocabularies: code, not data ----------------------------------------------

RATING_WORDS: dict[str, str] = {
    "strong buy": "buy",
    "conviction buy": "buy",
    "buy": "buy",
    "outperform": "buy",
    "accumulate": "buy",
    "add": "buy",
    "top pick": "buy",
    "overweight": "overweight",
    "equal weight": "neutral",
    "equal-weight": "neutral",
    "neutral": "neutral",
    "hold": "hold",
    "market perform": "hold",
    "sector perform": "hold",
    "peer perform": "hold",
    "in-line": "hold",
    "in line": "hold",
    "sell": "sell",
    "strong sell": "sell",
    "underperform": "sell",
    "reduce": "sell",
    "underweight": "underweight",
}


def normalize_rating(word: str) -> str | None:
    return RATING_WORDS.get(word.lower().strip("\"“”' "))


_ROLE_WORDS = (
    r"(?:co-?)?founder|chief executive officer|chief executive|chief financial officer"
    r"|chief operating officer|chief technology officer|chief [a-z]+ officer"
    r"|CEO|CFO|COO|CTO|CIO|chairman|chairwoman|chairperson|chair|(?:executive )?vice[- ]chairman"
    r"|(?:senior |executive )?vice[- ]president|president|managing director|(?:non-)?executive "
    r"director"
    r"|independent director|director|board member|general counsel|EVP|SVP|partner|head of [A-Za-z "
    r"]+?"
)
ROLE_PATTERN = re.compile(
    rf"(?:{_ROLE_WORDS})(?:(?:,? and | & |/)(?:{_ROLE_WORDS}))*", re.IGNORECASE
)

_ROLE_CANON = {
    "chief executive officer": "CEO",
    "chief executive": "CEO",
    "chief financial officer": "CFO",
    "chief operating officer": "COO",
    "chief technology officer": "CTO",
    "ceo": "CEO",
    "cfo": "CFO",
    "coo": "COO",
    "cto": "CTO",
    "cio": "CIO",
    "evp": "EVP",
    "svp": "SVP",
}


def normalize_role(text: str) -> str:
    """'founder and chief executive' → 'founder and CEO': acronyms canonical, words lowercase."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        return _ROLE_CANON.get(word.lower(), word.lower())

    words = "|".join(sorted((re.escape(k) for k in _ROLE_CANON), key=len, reverse=True))
    out = re.sub(rf"\b(?:{words})\b|[A-Za-z-]+", one, text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", out).strip()


# Where a price was quoted → ISO 3166 country code of the market.
LISTING_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), code)
    for p, code in (
        (
            r"\bin Hong Kong\b|\bHong Kong[- ]listed\b|\bHKEX\b|\bHong Kong (?:Stock )?Exchange\b|"
            r"\bH[- ]shares?\b",
            "HK",
        ),
        (
            r"\bGerman[- ]listed\b|\bin Frankfurt\b|\bFrankfurt[- ]listed\b|\bXetra\b"
            r"|\bTradegate\b|\bin Germany\b",
            "DE",
        ),
        (
            r"\bin New York\b|\bNYSE\b|\bNasdaq\b|\bU\.?S\.?[- ]listed\b|\bADRs?\b|\bADSs?\b|"
            r"\bWall Street\b",
            "US",
        ),
        (
            r"\bin Shanghai\b|\bin Shenzhen\b|\bA[- ]shares?\b|\bShanghai[- ]listed\b|\bShenzhen[- "
            r"]listed\b",
            "CN",
        ),
        (r"\bin Tokyo\b|\bTokyo[- ]listed\b", "JP"),
        (r"\bin London\b|\bLondon[- ]listed\b|\bLSE\b", "GB"),
        (r"\bin Zurich\b|\bSIX\b|\bSwiss[- ]listed\b", "CH"),
        (r"\bin Paris\b|\bParis[- ]listed\b|\bEuronext Paris\b", "FR"),
        (r"\bin Amsterdam\b|\bEuronext Amsterdam\b", "NL"),
        (r"\bin Seoul\b|\bKOSPI\b|\bKorea Exchange\b", "KR"),
        (r"\bin Taipei\b", "TW"),
        (r"\bin Mumbai\b|\bNSE\b|\bBSE\b", "IN"),
        (r"\bin Johannesburg\b|\bJSE\b|\bJohannesburg[- ]listed\b", "ZA"),
        (r"\bin Sydney\b|\bASX\b|\bAustralian[- ]listed\b", "AU"),
        (r"\bin Toronto\b|\bTSX\b|\bToronto[- ]listed\b", "CA"),
        (r"\bin Stockholm\b|\bStockholm[- ]listed\b", "SE"),
        (r"\bin Sao Paulo\b|\bin S\u00e3o Paulo\b|\bB3\b", "BR"),
        (r"\bin Singapore\b|\bSGX\b", "SG"),
        (r"\bin Mexico City\b", "MX"),
    )
)

_CURRENCY_LISTING = {
    "HKD": "HK",
    "USD": "US",
    "CNY": "CN",
    "JPY": "JP",
    "GBP": "GB",
    "GBX": "GB",
    "CHF": "CH",
    "KRW": "KR",
    "TWD": "TW",
    "INR": "IN",
    "SEK": "SE",
    "DKK": "DK",
    "NOK": "NO",
    "CAD": "CA",
    "AUD": "AU",
    "ZAR": "ZA",
    "BRL": "BR",
    "SGD": "SG",
    "MXN": "MX",
    "NZD": "NZ",
}


def listing_from_currency(currency: str, country: str | None = None) -> str | None:
    """The market a price in `currency` most likely comes from; EUR needs the company's country."""
    if currency == "EUR":
        return (
            country if country in {"DE", "FR", "NL", "IT", "ES", "FI", "IE", "BE", "AT"} else None
        )
    return _CURRENCY_LISTING.get(currency)
