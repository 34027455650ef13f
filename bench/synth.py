"""Synthetic data for the benchmarks, made from the shipped seeds; nothing is downloaded.

- `iter_event_batches(n)`: `n` events in log order (reported day rising over ten years),
  spread over `entities_for(n)` companies (about 100 events each, at most 10,000), with
  evidence sentences and titles taken from the seed articles and varied numbers.
  Deterministic: the same `n` and `seed` give the same events, byte for byte.
- `write_articles(n, folder)`: `n` seed-sized article files, each a seed with its company,
  years and figures changed, so every file is a new article for the extractor.
- `synthetic_slugs(n)`: 20 real companies of the registry first, then `co00020`... up to `n`.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from events.model import (
    AcquisitionData,
    AnalystRatingData,
    BlockTradeData,
    CapitalFlowData,
    ContractData,
    DividendData,
    Evidence,
    GuidanceData,
    InsiderTradeData,
    MilestoneData,
    OperatingResultData,
    PlanData,
    ProductLaunchData,
    RetractionData,
    ShareBuybackData,
    Source,
    StockPriceData,
    StockSplitData,
    make_event,
)
from events.values import Money, Quantity, When

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Bump when the generator's output changes: cached logs are keyed by it.
SYNTH_VERSION = "synth-2"
EVENTS_PER_ENTITY = 100
MAX_ENTITIES = 10_000
FIRST_DAY = date(2016, 1, 1)
# Real companies first (slugs of the shipped registry), then `co00020`, `co00021`...: fixed
# here so that the logs do not change when the registry does.
REAL_SLUGS = [
    "xiaomi",
    "gm",
    "ford",
    "byd",
    "tesla",
    "nio",
    "xpeng",
    "li_auto",
    "apple",
    "microsoft",
    "nvidia",
    "alphabet",
    "amazon",
    "meta",
    "samsung",
    "sony",
    "toyota",
    "volkswagen",
    "bmw",
    "mercedes",
]
LAST_DAY = date(2026, 6, 30)

_TYPES = (
    ("stock_price", 20),
    ("analyst_rating", 15),
    ("operating_result", 12),
    ("guidance", 10),
    ("product_launch", 8),
    ("capital_flow", 8),
    ("share_buyback", 6),
    ("insider_trade", 4),
    ("plan", 4),
    ("milestone", 3),
    ("block_trade", 3),
    ("dividend", 3),
    ("contract", 2),
    ("acquisition", 1),
    ("stock_split", 0.5),
    ("retraction", 0.5),
)
_CURRENCIES = ("HKD", "USD", "CNY", "EUR", "JPY", "KRW")
_FIRMS = ("goldman_sachs", "morgan_stanley", "hsbc", "citi", "jpmorgan", "ubs", "nomura", "cicc")
_RATINGS = ("buy", "overweight", "hold", "neutral", "sell", "underweight")
_METRICS = (
    "deliveries",
    "ev_deliveries",
    "revenue",
    "gross_profit",
    "gross_margin",
    "smartphone_gross_margin",
    "rd_investment",
    "store_count",
    "market_share",
)
_PRODUCTS = ("YU7", "SU7 Ultra", "Model Q", "X90 Pro", "Pad 8", "Band 10", "Watch S5")
_STAGES = ("announced", "pre_order", "launch", "delivery", "price_change")


# --- entities ---------------------------------------------------------------------------------


def entities_for(n_events: int) -> int:
    """How many companies a log of `n_events` spreads over: ~100 events each, at most 10k."""
    return max(1, min(MAX_ENTITIES, n_events // EVENTS_PER_ENTITY))


def synthetic_slugs(n: int) -> list[str]:
    """The first `n` companies of the synthetic universe: fixed, whatever the registry holds."""
    return (REAL_SLUGS + [f"co{i:05d}" for i in range(len(REAL_SLUGS), n)])[:n]


def synthetic_entities(n: int):
    """Registry entries for the synthetic companies (`co00020`, ...) of the first `n`."""
    from events.entities import Entity

    return [
        Entity(
            slug=s,
            name=f"Company {s[2:]} Holdings",
            aliases=[f"Company {s[2:]}"],
            tickers=[f"C{s[2:]}.XX"],
        )
        for s in synthetic_slugs(n)
        if s not in REAL_SLUGS
    ]


def registry(n: int):
    """A fresh registry (never the shared default one) that knows the first `n` companies."""
    from events.entities import Entity, Registry

    reg = Registry.load()
    reg.add_all(synthetic_entities(n))
    for slug in REAL_SLUGS:  # a real company the shipped registry has dropped: still resolvable
        if slug not in reg.entities:
            reg.add(Entity(slug=slug, name=slug))
    return reg


# --- seed material ----------------------------------------------------------------------------


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def seed_sentences() -> list[str]:
    """Body sentences of the seeds, 40 to 400 characters: the evidence pool."""
    out: list[str] = []
    for text in _seed_texts():
        for para in text.splitlines():
            if para.startswith(("#", "-", "---", "title:", "url:", "datetime:", "description:")):
                continue
            for s in re.split(r"(?<=[.!?])\s+", para.strip()):
                if 40 <= len(s) <= 400:
                    out.append(s)
    return out


def seed_titles() -> list[str]:
    titles = []
    for text in _seed_texts():
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', text, re.M)
        first = m.group(1) if m else next(line for line in text.splitlines() if line.strip())
        titles.append(first.strip()[:200])
    return titles


# --- events -----------------------------------------------------------------------------------


def _quarter(day: date) -> tuple[str, When]:
    q = (day.month - 1) // 3 + 1
    start = date(day.year, 3 * q - 2, 1)
    end = (date(day.year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)) - timedelta(days=1)
    label = f"{day.year}-Q{q}"
    return label, When(start=start.isoformat(), end=end.isoformat(), label=label)


def _day(day: date) -> When:
    iso = day.isoformat()
    return When(start=iso, end=iso, label=iso)


def _year(year: int) -> When:
    return When(start=f"{year}-01-01", end=f"{year}-12-31", label=str(year))


class _Gen:
    """The state of one deterministic stream of events."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.seed = seed
        self.slugs = synthetic_slugs(entities_for(n))
        self.sentences = seed_sentences()
        self.titles = seed_titles()
        self.types = [t for t, _ in _TYPES]
        self.weights = [w for _, w in _TYPES]
        self.last_id: dict[str, str] = {}
        self.span = (LAST_DAY - FIRST_DAY).days
        self.article_no = 0

    def money(self, low: float, high: float, currency: str | None = None) -> Money:
        r = self.rng
        return Money(
            amount=round(r.uniform(low, high), 2), currency=currency or r.choice(_CURRENCIES)
        )

    def qty(self, low: float, high: float, unit: str = "units") -> Quantity:
        r = self.rng
        bound = r.choice(("exact", "exact", "at_least", "approx"))
        return Quantity(value=float(round(r.uniform(low, high))), unit=unit, bound=bound)

    def data(self, type_: str, entity: str, day: date):
        r = self.rng
        cur = r.choice(_CURRENCIES)
        if type_ == "stock_price":
            return _day(day), StockPriceData(
                close=self.money(5, 500, cur),
                change_pct=round(r.uniform(-9, 9), 2),
                listing=r.choice(("HK", "US", None)),
            )
        if type_ == "analyst_rating":
            return _day(day), AnalystRatingData(
                firm=r.choice(_FIRMS),
                rating=r.choice(_RATINGS),
                action=r.choice(("initiate", "maintain", "upgrade", "downgrade")),
                target_price=self.money(5, 500, cur),
                previous_target=self.money(5, 500, cur),
            )
        if type_ == "operating_result":
            label, when = _quarter(day - timedelta(days=95))
            return when, OperatingResultData(
                metric=r.choice(_METRICS),
                period=label,
                value=float(r.randrange(1000, 10**9)),
                unit=r.choice(("units", "CNY", "pct")),
            )
        if type_ == "guidance":
            year = day.year + r.choice((0, 0, 1))
            return _day(day), GuidanceData(
                metric=r.choice(_METRICS),
                period=str(year),
                value=float(r.randrange(1000, 10**7)),
                action=r.choice(("new", "raised", "lowered", "reiterated")),
                previous=self.qty(1000, 10**7),
                speaker=r.choice((None, "CEO", "CFO")),
            )
        if type_ == "product_launch":
            ahead = r.random() < 0.3
            when = _day(day + timedelta(days=r.randrange(10, 200))) if ahead else _day(day)
            return when, ProductLaunchData(
                product=r.choice(_PRODUCTS),
                stage=r.choice(_STAGES),
                price=self.money(100, 60000, cur),
                orders=self.qty(1000, 300000),
                planned=ahead,
            )
        if type_ == "capital_flow":
            return _day(day), CapitalFlowData(
                channel=r.choice(("southbound", "northbound")),
                net=self.money(-1e9, 1e9, "HKD"),
                streak=r.randrange(1, 20),
                cumulative=self.money(1e8, 2e10, "HKD"),
            )
        if type_ == "share_buyback":
            low = r.uniform(5, 400)
            return _day(day), ShareBuybackData(
                shares=self.qty(1e5, 1e8, "shares"),
                amount=self.money(1e6, 1e9, cur),
                price_low=Money(amount=round(low, 2), currency=cur),
                price_high=Money(amount=round(low * 1.05, 2), currency=cur),
                share_class=r.choice(("B", None)),
                program_total_pct=self.qty(1, 10, "pct"),
            )
        if type_ == "insider_trade":
            return _day(day), InsiderTradeData(
                person=f"Person {r.randrange(1000)}",
                role=r.choice(("CEO", "CFO", "Director")),
                direction=r.choice(("buy", "sell")),
                shares=self.qty(1e3, 1e7, "shares"),
                amount=self.money(1e4, 1e8, cur),
                stake_after_pct=self.qty(0, 30, "pct"),
            )
        if type_ == "plan":
            year = day.year + r.randrange(0, 4)
            return _day(day), PlanData(
                description=r.choice(self.sentences)[:120],
                period=str(year),
                metric=r.choice(_METRICS),
                value=float(r.randrange(10, 10**6)),
                unit="units",
            )
        if type_ == "milestone":
            return _day(day), MilestoneData(
                kind=r.choice(("profitability", "permit", "record_high", "production")),
                description=r.choice(self.sentences)[:120] + f" #{r.randrange(10**6)}",
            )
        if type_ == "block_trade":
            return _day(day), BlockTradeData(
                shares=self.qty(1e4, 1e7, "shares"),
                price=self.money(5, 500, cur),
                amount=self.money(1e5, 1e9, cur),
            )
        if type_ == "dividend":
            return _day(day), DividendData(
                kind=r.choice(("regular", "special", "increase", "cut")),
                per_share=self.money(0.01, 5, cur),
                change_pct=round(r.uniform(-50, 50), 1),
                ex_date=(day + timedelta(days=20)).isoformat(),
                pay_date=(day + timedelta(days=40)).isoformat(),
            )
        if type_ == "contract":
            return _day(day), ContractData(
                counterparty=f"Counterparty {r.randrange(5000)}",
                amount=self.money(1e6, 1e10, cur),
                description=r.choice(self.sentences)[:100],
                duration=f"{r.randrange(1, 10)}y",
            )
        if type_ == "acquisition":
            return _day(day), AcquisitionData(
                target=f"Target {r.randrange(5000)}",
                acquirer=entity,
                stake_pct=round(r.uniform(1, 100), 1),
                amount=self.money(1e6, 1e10, cur),
                stage=r.choice(("announced", "completed", "terminated")),
            )
        if type_ == "stock_split":
            a, b = r.choice(((1, 2), (1, 5), (10, 1), (1, 10)))
            return _day(day), StockSplitData(
                ratio_from=a, ratio_to=b, effective=(day + timedelta(days=30)).isoformat()
            )
        raise AssertionError(type_)

    def events(self, batch: int) -> Iterator[list]:
        r = self.rng
        out: list = []
        left, entity, source, day, seen = 0, "", None, FIRST_DAY, set()
        for k in range(self.n):
            if left == 0:
                day = FIRST_DAY + timedelta(days=k * self.span // self.n)
                entity = self.slugs[r.randrange(len(self.slugs))]
                self.article_no += 1
                no = self.article_no
                art = "art_" + hashlib.sha256(f"{self.seed}/{no}".encode()).hexdigest()
                source = Source(
                    article=art,
                    origin=f"synthetic/{self.seed}/{no:07d}.txt",
                    title=r.choice(self.titles),
                    url=f"https://news.example/{self.seed}/{no}",
                    published=day.isoformat(),
                )
                left, seen = r.randint(1, 8), set()
            left -= 1
            type_ = r.choices(self.types, self.weights)[0]
            if type_ == "retraction" and entity not in self.last_id:
                type_ = "stock_price"
            if type_ == "retraction":
                when, data = (
                    _day(day),
                    RetractionData(target=self.last_id.pop(entity), reason="correction"),
                )
            else:
                when, data = self.data(type_, entity, day)
            text = r.choice(self.sentences)
            start = r.randrange(0, 4000)
            event = make_event(
                type_,
                entity=entity,
                when=when,
                reported=day.isoformat(),
                source=source,
                data=data,
                evidence=Evidence(text=text, start=start, end=start + len(text)),
            )
            while event.id in seen:  # same fact twice in one article: vary it
                event = make_event(
                    "milestone",
                    entity=entity,
                    when=when,
                    reported=day.isoformat(),
                    source=source,
                    data=MilestoneData(kind="record_high", description=f"dup {r.random()}"),
                )
            seen.add(event.id)
            if type_ != "retraction":
                self.last_id[entity] = event.id
            out.append(event)
            if len(out) >= batch:
                yield out
                out = []
        if out:
            yield out


def iter_event_batches(n: int, *, batch: int = 50_000, seed: int = 1) -> Iterator[list]:
    """`n` unstamped events in log order, in lists of `batch`."""
    return _Gen(n, seed).events(batch)


def make_events(n: int, *, seed: int = 1) -> list:
    return [e for b in iter_event_batches(n, seed=seed) for e in b]


# --- articles ---------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
_BIG = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_XIAOMI = re.compile(r"\bXiaomi\b")


def _companies() -> list[tuple[str, str]]:
    """(alias, ticker) of the registry's real companies: who a variant is about."""
    from events.entities import Registry

    shipped = Registry.load()
    out = []
    for slug in sorted(shipped.entities):
        e = shipped.entities[slug]
        alias = min(e.names, key=len)
        out.append((alias, e.tickers[0] if e.tickers else alias))
    return out


def article_variant(text: str, k: int, companies: list[tuple[str, str]]) -> str:
    """Seed `text` about another company, `4 * j` years earlier, figures scaled by k."""
    alias, ticker = companies[k % len(companies)]
    shift = 4 * ((k // len(companies)) % 3)
    factor = 1 + (k % 97) / 100
    text = _XIAOMI.sub(alias, text).replace("01810.HK", ticker).replace("1810.HK", ticker)
    if shift:
        text = _YEAR.sub(lambda m: str(int(m.group(1)) - shift), text)
    return _BIG.sub(lambda m: f"{round(int(m.group(0).replace(',', '')) * factor):,}", text)


def write_articles(n: int, folder: Path, *, offset: int = 0) -> list[Path]:
    """`n` variant articles (k = offset .. offset+n-1) as files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    companies = _companies()
    paths = []
    for k in range(offset, offset + n):
        i = k % len(texts)
        path = folder / f"{k:06d}_{seeds[i].stem}.txt"
        path.write_text(article_variant(texts[i], k // len(texts), companies), encoding="utf-8")
        paths.append(path)
    return paths
