"""asof / history / diff over a SQLite log of hand-built Xiaomi events, through `Timeline`."""

from __future__ import annotations

import pytest

from events.errors import UnknownEntityError
from timeline.api import Timeline
from timeline.projections import AsOfState, QueryError
from timeline.store.sqlite import SQLiteStore


@pytest.fixture
def tl(hand_db):
    t = Timeline(store=SQLiteStore(hand_db), extractor=None)  # type: ignore[arg-type]
    yield t
    t.close()


def test_asof_state_of_xiaomi_on_2026_01_10(tl):
    s = tl.asof("Xiaomi Corp", "2026-01-10")
    assert isinstance(s, AsOfState) and s.entity == "xiaomi" and s.name == "Xiaomi Corporation"
    assert (s.price.close.amount, s.price.close.currency, s.price.when) == (
        38.0,
        "HKD",
        "2026-01-08",
    )
    g = {(x.metric, x.period): x for x in s.guidance}
    assert g["ev_deliveries", "2026"].value == 550000
    assert [r.value for r in g["ev_deliveries", "2025"].revisions] == [300000, 400000]
    assert "smartphone_gross_margin" not in {x.metric for x in s.guidance}  # HSBC, April 2026
    [res] = s.results
    assert (res.value, res.bound) == (410000, "at_least")
    assert s.buyback.last.shares.value == 5e6 and s.buyback.programme.total_shares.value == 1.62e8
    assert s.insiders[0].stake_after_pct.value == 23.26
    assert {r.firm: r.target.amount for r in s.ratings} == {
        "Goldman Sachs": 53.5,
        "First Shanghai Securities": 50.2,
    }
    assert (s.consensus.count, s.consensus.mean, s.consensus.currency) == (2, 51.85, "HKD")
    [p] = s.products
    assert (
        p.stage,
        p.price.amount,
        p.planned[0].stage,
        p.planned[0].status,
        p.planned[0].when,
    ) == ("pre_order", 229900, "launch", "planned", "2026-04")
    assert "HSBC" not in {r.firm for r in s.ratings}


def test_point_in_time_sees_nothing_reported_later(tl):
    s = tl.asof("1810.HK", "2025-06-30", pit=True)
    assert s.known_at == "2025-06-30"
    assert s.price.close.amount == 36.25
    [g] = s.guidance
    assert (g.period, g.value) == ("2025", 300000)
    assert s.ratings == [] and s.insiders == [] and s.results == []
    assert all(r["reported"] <= "2025-06-30" for r in s.to_rows() if "reported" in r)


def test_known_at_and_everything_known_differ_on_the_same_day(tl):
    everything = tl.asof("xiaomi", "2025-12-31")
    then = tl.asof("xiaomi", "2025-12-31", known_at="2025-12-31")
    assert "ev_deliveries 2025" in {
        f"{r.metric} {r.period}" for r in everything.results
    }  # learned 2026-01-06
    assert then.results == []


def test_planned_launch_becomes_scheduled_not_confirmed(tl):
    assert tl.asof("xiaomi", "2026-04-30").products[0].planned[0].status == "planned"
    assert (
        tl.asof("xiaomi", "2026-05-01").products[0].planned[0].status == "scheduled, not confirmed"
    )


def test_history_of_a_metric(tl):
    h = tl.history("xiaomi", "EV deliveries")
    assert h.metric == "ev_deliveries"
    rows = [(r.period, r.kind, r.value, r.action) for r in h.revisions]
    assert rows == [
        ("2025", "guidance", 300000, "new"),
        ("2025", "guidance", 400000, "raised"),
        ("2025", "result", 410000, None),
        ("2026", "guidance", 550000, "raised"),
        ("2026", "guidance", 550000, "reiterated"),
    ]
    assert all(r.source and r.event.startswith("ev_") for r in h.revisions)
    assert [r.value for r in tl.history("xiaomi", "ev_deliveries", period="2026").revisions] == [
        550000
    ] * 2
    assert (
        tl.history("xiaomi", "ev_deliveries", known_at="2025-06-30").to_rows()[0]["value"] == 300000
    )


def test_history_of_an_unknown_metric_names_the_known_ones(tl):
    with pytest.raises(QueryError, match="known metrics: ev_deliveries, smartphone_gross_margin"):
        tl.history("xiaomi", "revenue")


def test_diff_lists_what_appeared_and_changed(tl):
    d = tl.diff("xiaomi", "2025-12-01", "2026-01-10")
    got = {(c.section, c.change) for c in d.changes}
    assert {
        ("price", "changed"),
        ("guidance", "added"),
        ("ratings", "added"),
        ("buyback", "added"),
        ("consensus", "changed"),
        ("results", "added"),
        ("products", "added"),
    } <= got
    price = next(c for c in d.changes if c.section == "price")
    assert (price.before["close"]["amount"], price.after["close"]["amount"]) == (41.18, 38.0)
    assert price.event == price.after["event"]
    assert d.to_dict()["from"] == "2025-12-01" and d.to_rows()[0]["section"] == "price"


def test_diff_revised_and_removed():
    from tests.projections.builders import ev
    from timeline.projections import diff_states, fold

    a = ev("guidance", "2025-01-03", metric="ev_deliveries", period="2025", value=300000)
    b = ev("guidance", "2025-06-01", metric="ev_deliveries", period="2025", value=350000)
    m = ev("milestone", "2025-01-01", kind="k", description="d")
    before = fold([a, m], entity="xiaomi", as_of="2025-05-01")
    after = fold([a, b], entity="xiaomi", as_of="2025-07-01")
    changes = {(c.section, c.change) for c in diff_states(before, after).changes}
    assert changes == {("guidance", "revised"), ("milestones", "removed")}


def test_dates_and_options_are_checked(tl):
    with pytest.raises(QueryError, match="not an ISO date"):
        tl.asof("xiaomi", "10/01/2026")
    with pytest.raises(QueryError, match="drop --known-at"):
        tl.asof("xiaomi", "2026-01-10", known_at="2025-01-01", pit=True)
    with pytest.raises(UnknownEntityError, match="did you mean 'xiaomi'"):
        tl.asof("xaomi", "2026-01-10")


def test_asof_accepts_dates_and_unknown_quiet_entities(tl):
    from datetime import date

    assert tl.asof("xiaomi", date(2026, 1, 10)) == tl.asof("xiaomi", "2026-01-10T12:00:00")
    empty = tl.asof("gm", "2026-01-10")
    assert empty.events_folded == 0 and empty.price is None and empty.guidance == []


def test_asof_reads_only_the_entity_through_indexes(hand_store):
    """Every statement `asof` runs searches an index: no scan of the log."""
    from timeline.projections import asof

    statements: list[str] = []
    hand_store.conn.set_trace_callback(statements.append)
    asof(hand_store, "xiaomi", "2026-01-10", known_at="2026-01-10")
    hand_store.conn.set_trace_callback(None)
    selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2
    for sql in selects:
        plan = [row[-1] for row in hand_store.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert all(step.startswith(("SEARCH", "USE TEMP B-TREE")) for step in plan), (sql, plan)
