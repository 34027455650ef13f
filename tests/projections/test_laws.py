"""The projection laws, with hypothesis:

1. folding all events at once equals folding them in any split of batches, in any order
   (incremental == rebuild), retractions included (or the projector says it is stale);
2. the order in which articles were ingested never changes an as-of answer;
3. `asof(D, known_at=K)` never depends on an event (or a retraction) reported after K.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.model import RetractionData, Source, make_event
from events.values import Money
from tests.projections.builders import ev, hkd, q
from timeline.projections import Projector, asof, fold
from timeline.projections.fold import replay
from timeline.store.sqlite import SQLiteStore

DAYS = [(date(2025, 11, 25) + timedelta(days=i)).isoformat() for i in range(0, 60, 4)]
AS_OF = [DAYS[3], DAYS[8], DAYS[-1], "2026-06-30"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _money(draw) -> Money:
    return Money(
        amount=draw(st.sampled_from([38.0, 41.18, 50.2, 53.5])),
        currency=draw(st.sampled_from(["HKD", "HKD", "USD"])),
    )


@st.composite
def article_events(draw, reported: str, article: str):
    """A handful of events one article could state, with small pools so that slots collide."""
    past = [d for d in DAYS if d <= reported]
    day = draw(st.sampled_from(past))
    kw = {"article": article, "title": article}
    choices = [
        lambda: ev("stock_price", day, reported, close=_money(draw), **kw),
        lambda: ev(
            "guidance",
            day,
            reported,
            metric="ev_deliveries",
            period=draw(st.sampled_from(["2025", "2026"])),
            value=draw(st.sampled_from([300000, 350000, 400000, 550000])),
            action=draw(st.sampled_from(["new", "raised", "reiterated"])),
            **kw,
        ),
        lambda: ev(
            "operating_result",
            day,
            reported,
            metric="ev_deliveries",
            period="2025",
            value=draw(st.sampled_from([410000, 411000])),
            **kw,
        ),
        lambda: ev(
            "analyst_rating",
            day,
            reported,
            firm=draw(st.sampled_from(["GS", "HSBC", "gs"])),
            rating="buy",
            target_price=_money(draw),
            **kw,
        ),
        lambda: ev(
            "share_buyback",
            day,
            reported,
            shares=q(draw(st.sampled_from([1e6, 5e6])), "shares"),
            amount=hkd(1e8),
            program_total_shares=q(1.6e8, "shares"),
            **kw,
        ),
        lambda: ev(
            "insider_trade",
            day,
            reported,
            person="Lei Jun",
            direction="buy",
            stake_after_pct=q(draw(st.sampled_from([23.0, 23.26])), "pct"),
            **kw,
        ),
        lambda: ev(
            "product_launch",
            draw(st.sampled_from(DAYS)),
            reported,
            product="SU7",
            stage=draw(st.sampled_from(["pre_order", "launch", "delivery"])),
            **kw,
        ),
        lambda: ev(
            "capital_flow",
            day,
            reported,
            channel=draw(st.sampled_from(["NB", "SB"])),
            net=hkd(draw(st.sampled_from([1e8, -1e8]))),
            **kw,
        ),
        lambda: ev(
            "milestone",
            day,
            reported,
            kind="k",
            description=draw(st.sampled_from(["a", "b"])),
            **kw,
        ),
        lambda: ev("plan", day, reported, description="Europe", period="2027", **kw),
        lambda: ev("block_trade", day, reported, shares=q(6.5e6, "shares"), **kw),
        lambda: ev(
            "acquisition",
            day,
            reported,
            target="T",
            stage=draw(st.sampled_from(["announced", "completed"])),
            **kw,
        ),
    ]
    picks = draw(st.lists(st.integers(0, len(choices) - 1), min_size=1, max_size=6))
    return list({e.id: e for e in (choices[i]() for i in picks)}.values())


@st.composite
def corpus(draw):
    """Articles (lists of events, one report day each) and corrections retracting some events."""
    n = draw(st.integers(1, 6))
    articles = []
    for i in range(n):
        reported = draw(st.sampled_from(DAYS))
        articles.append(draw(article_events(reported, f"art_{i}")))
    events = [e for a in articles for e in a]
    targets = draw(st.lists(st.sampled_from(events), max_size=3, unique_by=lambda e: e.id))
    for j, target in enumerate(targets):
        when_fixed = draw(st.sampled_from([d for d in DAYS if d >= target.reported]))
        articles.append(
            [
                make_event(
                    "retraction",
                    entity="xiaomi",
                    when=target.when,
                    reported=when_fixed,
                    source=Source(article=f"art_fix{j}", origin="fix"),
                    data=RetractionData(target=target.id, reason="superseded"),
                )
            ]
        )
    return articles


def _live(events):
    return [e for e in events if e.type != "retraction"]


def _retracted(events):
    return {e.data.target for e in events if e.type == "retraction"}


@SETTINGS
@given(corpus(), st.randoms(use_true_random=False), st.sampled_from(AS_OF))
def test_incremental_equals_rebuild(articles, rnd, as_of):
    events = [e for a in articles for e in a]
    visible = [e for e in _live(events) if min(e.when.end, e.reported) <= as_of]
    rebuilt = fold(visible, entity="xiaomi", as_of=as_of, retracted=_retracted(events))

    # the same set of events, split into random batches arriving in random order
    shuffled = visible[:]
    rnd.shuffle(shuffled)
    cuts = sorted(rnd.sample(range(len(shuffled) + 1), k=min(3, len(shuffled) + 1)))
    p = Projector(_retracted(events))
    for lo, hi in zip([0, *cuts], [*cuts, len(shuffled)], strict=True):
        p.apply_all(shuffled[lo:hi])
    assert p.snapshot("xiaomi", as_of) == rebuilt
    others = [ev("stock_price", DAYS[0], entity="gm", close=hkd(1.0))]
    replayed = replay(others + shuffled + others, _retracted(events))
    assert replayed.get("xiaomi", Projector()).snapshot("xiaomi", as_of).to_dict() | {
        "events_folded": 0
    } == (rebuilt.to_dict() | {"events_folded": 0})

    # retractions arriving in the stream: equal, or stale and then equal after a refold
    stream = visible + [e for e in events if e.type == "retraction"]
    rnd.shuffle(stream)
    p = Projector().apply_all(stream)
    if p.stale:
        p = Projector(p.retracted).apply_all(visible)
    got = p.snapshot("xiaomi", as_of)
    assert got.to_dict() | {"events_folded": 0, "retracted_skipped": 0} == (
        rebuilt.to_dict() | {"events_folded": 0, "retracted_skipped": 0}
    )


def _log(articles) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    for events in articles:
        store.append(events)
    return store


@SETTINGS
@given(
    corpus(),
    st.randoms(use_true_random=False),
    st.sampled_from(AS_OF),
    st.sampled_from([None, *DAYS]),
)
def test_ingestion_order_never_changes_an_answer(articles, rnd, as_of, known_at):
    again = articles[:]
    rnd.shuffle(again)
    one, two = _log(articles), _log(again)
    assert asof(one, "xiaomi", as_of, known_at=known_at) == asof(
        two, "xiaomi", as_of, known_at=known_at
    )
    assert asof(one, "xiaomi", as_of, pit=True) == asof(two, "xiaomi", as_of, known_at=as_of)


@SETTINGS
@given(corpus(), st.sampled_from(AS_OF), st.sampled_from(DAYS))
def test_known_at_never_depends_on_later_reports(articles, as_of, known_at):
    known = [[e for e in a if e.reported <= known_at] for a in articles]
    full, early = _log(articles), _log([a for a in known if a])
    assert asof(full, "xiaomi", as_of, known_at=known_at) == asof(
        early, "xiaomi", as_of, known_at=known_at
    )
