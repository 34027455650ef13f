"""One behaviour per handler of the projector, with hand-built events (no store)."""

from __future__ import annotations

import pytest

from events.model import EVENT_TYPES, RetractionData, Source, make_event
from events.values import Money, When
from tests.projections.builders import CONTRACT_KEYS, ev, hkd, q
from timeline.projections import Projector, fold

D = "2026-06-30"


def state(*events, as_of=D, retracted=()):
    return fold(events, entity="xiaomi", as_of=as_of, retracted=retracted)


# --- price ---------------------------------------------------------------------------------


def test_latest_close_by_date_not_by_input_order():
    late = ev("stock_price", "2026-01-08", close=hkd(38.0))
    early = ev("stock_price", "2025-11-27", close=hkd(41.18))
    s = state(late, early)
    assert s.price.close == hkd(38.0)
    assert s.price.event == late.id and s.price.when == "2026-01-08"


def test_same_day_close_later_report_wins():
    first = ev("stock_price", "2026-01-08", "2026-01-08", close=hkd(38.1))
    correction = ev("stock_price", "2026-01-08", "2026-01-10", close=hkd(38.0))
    assert state(correction, first).price.event == correction.id


def test_foreign_listing_does_not_replace_home_close():
    home = [
        ev("stock_price", d, close=hkd(x)) for d, x in (("2025-11-26", 40.1), ("2025-11-27", 41.18))
    ]
    euro = ev("stock_price", "2025-11-28", close=Money(amount=4.6, currency="EUR"), listing="XETRA")
    s = state(*home, euro)
    assert s.price.event == home[1].id
    assert {p.event for p in s.prices} == {home[1].id, euro.id}


# --- guidance ------------------------------------------------------------------------------


def _g(at, value, action="new", period="2025", **kw):
    return ev(
        "guidance",
        at,
        metric="ev_deliveries",
        period=period,
        value=value,
        unit="vehicles",
        action=action,
        **kw,
    )


def test_guidance_in_force_is_latest_statement_with_full_history():
    a, b, c = (
        _g("2025-01-03", 300000),
        _g("2025-06-30", 350000),
        _g("2025-11-27", 400000, bound="at_least"),
    )
    [g] = state(c, a, b).guidance
    assert (g.value, g.bound, g.event) == (400000, "at_least", c.id)
    assert [r.event for r in g.revisions] == [a.id, b.id, c.id]
    assert [r.value for r in g.revisions] == [300000, 350000, 400000]


@pytest.mark.parametrize(
    ("values", "actions"),
    [
        ((300000, 350000), ["new", "raised"]),
        ((300000, 250000), ["new", "lowered"]),
        ((300000, 300000), ["new", "reiterated"]),
    ],
)
def test_new_statement_against_an_earlier_figure_gets_a_derived_action(values, actions):
    events = [_g(f"2025-0{i + 1}-01", v) for i, v in enumerate(values)]
    [g] = state(*events).guidance
    assert [r.action for r in g.revisions] == actions
    assert [r.stated_action for r in g.revisions] == ["new", "new"]
    assert g.action == actions[-1] and g.stated_action == "new"


def test_stated_action_is_kept_and_previous_is_used_for_the_first_statement():
    first = _g("2025-11-27", 400000, previous=q(350000))
    stated = _g("2025-12-01", 380000, action="reiterated")
    [g] = state(first, stated).guidance
    assert [r.action for r in g.revisions] == ["raised", "reiterated"]


def test_statement_without_a_number_keeps_the_last_number():
    valued = _g("2025-01-03", 300000)
    bare = ev("guidance", "2025-03-01", metric="ev_deliveries", period="2025", action="reiterated")
    [g] = state(valued, bare).guidance
    assert (g.value, g.event, g.value_event) == (300000, bare.id, valued.id)


def test_guidance_is_kept_per_period_and_segment():
    events = [
        _g("2025-01-03", 300000),
        _g("2026-01-06", 550000, period="2026"),
        ev(
            "guidance",
            "2026-01-06",
            metric="gross_margin",
            period="2026",
            value=8,
            unit="pct",
            segment="smartphone",
        ),
        ev(
            "guidance",
            "2026-01-06",
            metric="gross_margin",
            period="2026",
            value=20,
            unit="pct",
            segment="ev",
        ),
    ]
    keys = [(g.metric, g.period, g.segment) for g in state(*events).guidance]
    assert keys == [
        ("ev_deliveries", "2025", None),
        ("ev_deliveries", "2026", None),
        ("gross_margin", "2026", "ev"),
        ("gross_margin", "2026", "smartphone"),
    ]


def test_a_segment_the_metric_already_names_is_the_same_slot():
    plain = _g("2025-01-03", 300000)
    tagged = _g("2025-11-27", 400000, segment="EV")
    other = ev(
        "guidance",
        "2025-11-27",
        metric="gross_margin",
        period="2025",
        value=20,
        unit="pct",
        segment="EV",
    )
    s = state(plain, tagged, other)
    assert [(g.metric, g.segment, [r.value for r in g.revisions]) for g in s.guidance] == [
        ("ev_deliveries", None, [300000, 400000]),
        ("gross_margin", "ev", [20]),
    ]


# --- results -------------------------------------------------------------------------------


def test_latest_result_per_metric_and_period():
    old = ev(
        "operating_result",
        "2025",
        "2026-01-06",
        metric="ev_deliveries",
        period="2025",
        value=410000,
        bound="at_least",
    )
    new = ev(
        "operating_result",
        "2025",
        "2026-03-01",
        metric="ev_deliveries",
        period="2025",
        value=411082,
    )
    other = ev(
        "operating_result",
        "2025-Q3",
        "2025-11-27",
        metric="revenue",
        period="2025-Q3",
        value=4e9,
        unit="USD",
    )
    s = state(new, old, other)
    assert [(r.metric, r.value, r.event) for r in s.results] == [
        ("ev_deliveries", 411082, new.id),
        ("revenue", 4e9, other.id),
    ]


# --- ratings and consensus ---------------------------------------------------------------


def _r(at, firm, target, currency="HKD", rating="buy"):
    return ev(
        "analyst_rating",
        at,
        firm=firm,
        rating=rating,
        target_price=Money(amount=target, currency=currency) if target else None,
    )


def test_latest_rating_per_firm_and_consensus():
    s = state(
        _r("2025-06-01", "Goldman Sachs", 40.0),
        _r("2026-01-06", "goldman  sachs", 53.5),
        _r("2025-11-27", "First Shanghai", 50.2),
        _r("2026-02-01", "Daiwa", 60.0),
    )
    assert [(r.firm, r.target.amount) for r in s.ratings] == [
        ("Daiwa", 60.0),
        ("First Shanghai", 50.2),
        ("goldman  sachs", 53.5),
    ]
    c = s.consensus
    assert (c.count, c.currency, c.mean, c.median, c.high, c.low) == (
        3,
        "HKD",
        54.566667,
        53.5,
        60.0,
        50.2,
    )
    assert c.ratings == {"buy": 3}
    assert set(c.events) == {r.event for r in s.ratings}


def test_consensus_uses_the_majority_currency_and_recent_ratings_only():
    stale = _r("2024-01-01", "Old Firm", 10.0)
    usd = _r("2026-01-01", "US Broker", 7.0, currency="USD")
    hk = [_r("2026-01-02", "A", 50.0), _r("2026-01-03", "B", 52.0)]
    s = state(stale, usd, *hk)
    assert (s.consensus.currency, s.consensus.count, s.consensus.median) == ("HKD", 2, 51.0)
    flags = {r.firm: r.in_consensus for r in s.ratings}
    assert flags == {"A": True, "B": True, "Old Firm": False, "US Broker": False}


def test_no_targets_no_consensus():
    assert state(_r("2026-01-01", "A", None)).consensus is None


# --- buyback -------------------------------------------------------------------------------


def test_buyback_totals_in_window_last_trade_and_programme():
    old = ev("share_buyback", "2024-06-01", shares=q(1e6, "shares"), amount=hkd(3e7))
    t1 = ev(
        "share_buyback",
        "2026-01-08",
        "2026-01-09",
        shares=q(5e6, "shares"),
        amount=hkd(1.906e8),
        program_total_shares=q(1.62e8, "shares"),
        program_total_pct=q(0.63, "pct"),
    )
    t2 = ev(
        "share_buyback",
        "2026-01-09",
        shares=q(2e6, "shares"),
        amount=Money(amount=1e6, currency="USD"),
    )
    announced = ev("share_buyback", "2026-02-01", program_total_shares=q(2e8, "shares"))
    b = state(t2, announced, old, t1, as_of="2026-03-01").buyback
    assert (b.trades, b.shares, b.amounts) == (2, 7e6, {"HKD": 1.906e8, "USD": 1e6})
    assert b.window_start == "2025-03-01" and b.window_end == "2026-03-01"
    assert b.last.event == t2.id
    assert (b.programme.total_shares.value, b.programme.event) == (2e8, announced.id)
    assert set(b.events) == {t1.id, t2.id}


def test_no_buyback_is_null():
    assert state(ev("stock_price", "2026-01-08", close=hkd(38.0))).buyback is None


# --- insiders ------------------------------------------------------------------------------


def test_insider_latest_stake_and_last_trade():
    buy = ev(
        "insider_trade",
        "2025-11-27",
        person="Lei Jun",
        role="CEO",
        direction="buy",
        amount=Money(amount=1.3e7, currency="USD"),
        stake_after_pct=q(23.26, "pct"),
    )
    sell = ev(
        "insider_trade", "2026-02-01", person="lei jun", direction="sell", shares=q(1e5, "shares")
    )
    [i] = state(sell, buy).insiders
    assert (i.stake_after_pct.value, i.event, i.role) == (23.26, buy.id, "CEO")
    assert (i.last_trade.direction, i.last_trade.event) == ("sell", sell.id)


# --- products ------------------------------------------------------------------------------


def _p(at, stage, reported=None, planned=False, **kw):
    return ev(
        "product_launch", at, reported, product="SU7 facelift", stage=stage, planned=planned, **kw
    )


def test_product_done_stage_with_a_planned_launch():
    pre = _p("2026-01-09", "pre_order", price=Money(amount=229900, currency="CNY"))
    launch = _p("2026-04", "launch", "2026-01-09", planned=True)
    [p] = state(pre, launch, as_of="2026-01-10").products
    assert (p.stage, p.status, p.event, p.price.amount) == ("pre_order", "done", pre.id, 229900)
    assert [(x.stage, x.status, x.when, x.event) for x in p.planned] == [
        ("launch", "planned", "2026-04", launch.id)
    ]


def test_planned_until_its_period_ends_then_scheduled_not_confirmed():
    launch = _p("2026-04", "launch", "2026-01-09", planned=True)
    assert state(launch, as_of="2026-04-15").products[0].status == "planned"
    [p] = state(launch, as_of="2026-05-01").products
    assert (p.stage, p.status, p.planned[0].status) == (
        None,
        "scheduled, not confirmed",
        "scheduled, not confirmed",
    )


def test_a_launch_or_delivery_confirms_a_planned_launch_a_pre_order_does_not():
    plan = _p("2026-04", "launch", "2026-01-09", planned=True)
    pre = _p("2026-01-09", "pre_order")
    assert (
        state(plan, pre, as_of="2026-05-01").products[0].planned[0].status
        == "scheduled, not confirmed"
    )
    for stage in ("launch", "delivery"):
        done = _p("2026-03-28", stage, "2026-03-28")  # early: before the planned month
        [p] = state(plan, pre, done, as_of="2026-05-01").products
        assert (p.stage, p.status, p.planned) == (stage, "done", [])


def test_planned_is_read_from_the_dates_too():
    future = _p("2026-04", "launch", "2026-01-09")  # planned flag missing; when is after reported
    assert state(future, as_of="2026-01-10").products[0].planned[0].status == "planned"


# --- capital flow, lists, acquisitions -----------------------------------------------------


def test_capital_flow_latest_per_channel_and_overall():
    nb1 = ev("capital_flow", "2026-01-07", channel="Northbound", net=hkd(5e8))
    nb2 = ev("capital_flow", "2026-01-08", channel="Northbound", net=hkd(1.071e9), streak=6)
    sb = ev("capital_flow", "2026-01-05", channel="Southbound", net=hkd(-1e8))
    s = state(nb2, sb, nb1)
    assert s.capital_flow.event == nb2.id
    assert [f.event for f in s.capital_flows] == [nb2.id, sb.id]


def test_lists_in_fold_order_and_latest_acquisition_per_target():
    m2 = ev(
        "milestone", "2025-Q3", "2025-11-27", kind="profitability", description="EV unit profitable"
    )
    m1 = ev("milestone", "2025-06-01", kind="production", description="500,000th car")
    plan = ev("plan", "2025-11-27", description="Enter Europe", period="2027")
    div = ev("dividend", "2026-03-01", kind="regular", per_share=hkd(0.1))
    split = ev("stock_split", "2026-03-02", ratio_from=1, ratio_to=2)
    con = ev("contract", "2026-03-03", counterparty="Acme", amount=hkd(1e9))
    a1 = ev("acquisition", "2026-01-01", target="Acme Motors", stage="announced")
    a2 = ev("acquisition", "2026-05-01", target="ACME Motors", stage="completed")
    block_old = ev("block_trade", "2024-01-01", shares=q(1e6, "shares"))
    block = ev("block_trade", "2026-01-08", shares=q(6.5e6, "shares"), price=hkd(38.02))
    s = state(m2, m1, plan, div, split, con, a2, a1, block_old, block)
    assert [m.event for m in s.milestones] == [m1.id, m2.id]
    assert [p.event for p in s.plans] == [plan.id]
    assert [x.event for x in s.dividends] == [div.id]
    assert [x.event for x in s.splits] == [split.id]
    assert [x.event for x in s.contracts] == [con.id]
    assert [(x.stage, x.event) for x in s.acquisitions] == [("completed", a2.id)]
    assert [x.event for x in s.block_trades] == [block.id]


# --- retractions ---------------------------------------------------------------------------


def _retract(target):
    return make_event(
        "retraction",
        entity="xiaomi",
        when=target.when,
        reported="2026-02-01",
        source=Source(article="art_fix", origin="fix"),
        data=RetractionData(target=target.id, reason="wrong"),
    )


def test_retracted_events_are_left_out():
    good = ev("stock_price", "2026-01-07", close=hkd(39.0))
    bad = ev("stock_price", "2026-01-08", close=hkd(3.8))
    s = state(good, bad, retracted={bad.id})
    assert s.price.event == good.id and s.retracted_skipped == 1 and s.events_folded == 1


def test_retraction_before_its_target_skips_it_and_after_a_list_item_drops_it():
    m = ev("milestone", "2026-01-01", kind="x", description="wrong")
    p = Projector()
    p.apply(_retract(m))
    p.apply(m)
    assert p.snapshot("xiaomi", D).milestones == [] and not p.stale
    p = Projector()
    p.apply(m)
    p.apply(_retract(m))
    assert p.snapshot("xiaomi", D).milestones == [] and not p.stale


def test_retraction_after_a_latest_value_winner_marks_the_projection_stale():
    good = ev("stock_price", "2026-01-07", close=hkd(39.0))
    bad = ev("stock_price", "2026-01-08", close=hkd(3.8))
    p = Projector().apply_all([good, bad])
    p.apply(_retract(bad))
    assert p.stale
    assert (
        Projector(p.retracted).apply_all([good, bad]).snapshot("xiaomi", D).price.event == good.id
    )


def test_a_close_retracted_later_no_longer_counts_towards_the_price_currency():
    """The price is quoted in the currency most closes use; a close retracted after it was
    folded (without holding a slot) must leave that count, as if it had never been seen."""
    usd = ev("stock_price", "2025-11-25", close=Money(amount=38.0, currency="USD"), article="a")
    hk = [ev("stock_price", "2025-11-25", close=hkd(38.0), article=a) for a in ("b", "c")]
    loser = min(hk, key=lambda e: e.id)  # same day and report: the larger id holds the slot
    rebuilt = Projector({loser.id}).apply_all([usd, *hk]).snapshot("xiaomi", D)
    p = Projector().apply_all([usd, *hk, _retract(loser)])
    assert not p.stale
    assert p.snapshot("xiaomi", D).to_dict() | {"events_folded": 0, "retracted_skipped": 0} == (
        rebuilt.to_dict() | {"events_folded": 0, "retracted_skipped": 0}
    )
    assert p.close_counts() == {"USD": 1, "HKD": 1}


# --- every type shows up, with its event id ------------------------------------------------

_ONE = {
    "share_buyback": {"shares": q(1e6, "shares")},
    "insider_trade": {"person": "P", "direction": "buy", "stake_after_pct": q(1, "pct")},
    "product_launch": {"product": "X", "stage": "launch"},
    "guidance": {"metric": "revenue", "period": "2026", "value": 1.0},
    "analyst_rating": {"firm": "F", "rating": "buy", "target_price": hkd(1.0)},
    "stock_price": {"close": hkd(1.0)},
    "capital_flow": {"channel": "C", "net": hkd(1.0)},
    "block_trade": {"shares": q(1, "shares")},
    "operating_result": {"metric": "revenue", "period": "2025", "value": 1.0},
    "milestone": {"kind": "k", "description": "d"},
    "plan": {"description": "d"},
    "dividend": {"kind": "regular"},
    "stock_split": {"ratio_from": 1, "ratio_to": 2},
    "acquisition": {"target": "T"},
    "contract": {"counterparty": "C"},
}


def test_every_event_type_has_a_handler():
    assert set(_ONE) | {"retraction"} == set(EVENT_TYPES)


@pytest.mark.parametrize("type_", sorted(_ONE))
def test_each_type_is_projected_with_its_event_id(type_):
    event = ev(type_, "2026-06-01", **_ONE[type_])
    s = state(event)
    assert event.id in s.event_ids()
    assert s.events_folded == 1
    assert any(r.get("event") == event.id for r in s.to_rows())


def test_state_encodes_to_the_contract_shape():
    import msgspec

    s = state(ev("stock_price", "2026-01-08", close=hkd(38.0)))
    out = msgspec.json.decode(msgspec.json.encode(s))
    assert list(out)[:14] == CONTRACT_KEYS
    assert out == s.to_dict()


def test_when_helper_sanity():
    assert (
        When(start="2026-04-01", end="2026-04-30", label="2026-04")
        == ev("plan", "2026-04", description="d").when
    )


def test_a_recalled_original_target_is_history_not_guidance_in_force():
    stated = _g("2025-01-03", 300000)
    raised = _g("2025-11-27", 400000, action="raised", bound="at_least")
    # "exceeding the original target of 300,000", written in January 2026
    recalled = _g("2025", 300000, reported="2026-01-09", retrospective=True)
    [g] = state(recalled, stated, raised).guidance
    assert (g.value, g.event) == (400000, raised.id)
    actions = {r.event: r.action for r in g.revisions}
    assert actions == {recalled.id: "recalled", stated.id: "new", raised.id: "raised"}
    # even when the recall sorts last, the statement in force is the last real one
    late = _g("2025-12-31", 300000, reported="2026-01-09", retrospective=True)
    [g] = state(stated, raised, late).guidance
    assert g.event == raised.id
