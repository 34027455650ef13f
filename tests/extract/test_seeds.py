"""The seeds: every dated fact of the mission's core types, with the right numbers.

These are the facts the read side's acceptance test relies on (see the brief in the
extractor's report): entity `xiaomi`, the days and periods of DESIGN.md's time rules.
"""

from __future__ import annotations

from typing import Any

from tests.extract.conftest import find


def one(events: list[dict[str, Any]], type_: str, **fields: Any) -> dict[str, Any]:
    found = find(events, type_, **fields)
    assert len(found) == 1, (type_, fields, [e["data"] for e in events if e["type"] == type_])
    return found[0]


def test_every_seed_event_is_about_xiaomi_or_named_company(seed_events) -> None:
    for events in seed_events.values():
        for e in events:
            assert e["entity"] == "xiaomi", e


def test_seed_001_buyback_with_programme_totals(seed_events) -> None:
    e = one(seed_events["001"], "share_buyback", when="2026-01-08")
    d = e["data"]
    assert d["shares"]["value"] == 5_000_000 and d["share_class"] == "B"
    assert d["amount"] == {"amount": 190_600_000.0, "currency": "HKD", "bound": "approx"}
    assert d["price_low"]["amount"] == 38.04 and d["price_high"]["amount"] == 38.16
    assert d["program_total_shares"]["value"] == 162_000_000
    assert d["program_total_pct"] == {"value": 0.63, "unit": "pct", "bound": "approx"}
    assert "162 million shares" in e["evidence"]["text"]


def test_seed_001_market_data(seed_events) -> None:
    ev = seed_events["001"]
    close = one(ev, "stock_price", when="2026-01-08")
    assert close["data"]["close"] == {"amount": 38.0, "currency": "HKD"}
    assert close["data"]["change_pct"] == -0.42
    flow = one(ev, "capital_flow", when="2026-01-08")["data"]
    assert flow["channel"] == "Northbound Stock Connect" and flow["streak"] == 6
    assert flow["net"]["amount"] == 1.071e9
    assert flow["cumulative"] == {"amount": 4.68e9, "currency": "HKD", "bound": "at_least"}
    block = one(ev, "block_trade", when="2026-01-08")["data"]
    assert block["shares"]["value"] == 6.5e6 and block["price"]["amount"] == 38.02
    assert block["amount"]["amount"] == 247e6


def test_seed_001_guidance_results_and_plans(seed_events) -> None:
    ev = seed_events["001"]
    g = one(ev, "guidance", metric="ev_deliveries", period="2026")
    assert g["when"]["label"] == "2026-01-09"
    assert g["data"]["value"] == 550_000 and g["data"]["action"] == "raised"
    assert g["data"]["speaker"] == "Lei Jun" and g["data"]["speaker_role"] == "CEO"
    original = one(ev, "guidance", metric="ev_deliveries", period="2025")
    assert original["data"]["value"] == 300_000 and original["data"]["retrospective"] is True
    result = one(ev, "operating_result", metric="ev_deliveries", period="2025")
    assert result["data"]["value"] == 410_000 and result["data"]["bound"] == "at_least"
    one(ev, "milestone", kind="profitability", when="2025-Q3")
    plan = one(ev, "plan", metric="rd_investment")
    assert plan["data"]["value"] == 2e11 and plan["data"]["unit"] == "CNY"


def test_seed_001_su7_facelift_stages(seed_events) -> None:
    ev = seed_events["001"]
    pre = one(ev, "product_launch", product="SU7 facelift", stage="pre_order")
    assert pre["when"]["start"] == "2026-01-01" and pre["when"]["end"] == "2026-01-09"
    assert pre["data"]["price"] == {"amount": 229_900.0, "currency": "CNY"}
    assert "planned" not in pre["data"]
    launch = one(ev, "product_launch", product="SU7 facelift", stage="launch")
    assert launch["when"]["label"] == "2026-04" and launch["data"]["planned"] is True


def test_seed_001_gm_impairment_is_never_xiaomi_and_ad_emits_nothing(seed_events) -> None:
    for e in seed_events["001"]:
        assert "impairment" not in e["evidence"]["text"]
        assert "Buy or sell" not in e["evidence"]["text"]


def test_seed_004_insider_prices_rating_results(seed_events) -> None:
    ev = seed_events["004"]
    trade = one(ev, "insider_trade", person="Lei Jun")["data"]
    assert trade["role"] == "founder and CEO" and trade["direction"] == "buy"
    assert trade["amount"] == {"amount": 13e6, "currency": "USD"}
    assert trade["stake_after_pct"]["value"] == 23.26
    hk = one(ev, "stock_price", listing="HK")["data"]
    assert hk["close"] == {"amount": 41.18, "currency": "HKD"} and hk["change_pct"] == 2.69
    de = one(ev, "stock_price", listing="DE")["data"]
    assert de["close"] == {"amount": 4.6, "currency": "EUR"}
    rating = one(ev, "analyst_rating", firm="First Shanghai Securities")["data"]
    assert rating["rating"] == "buy" and rating["target_price"] == {
        "amount": 50.2,
        "currency": "HKD",
    }
    gp = one(ev, "operating_result", metric="gross_profit", when="2025-Q3")["data"]
    assert gp["value"] == 98.5e6 and gp["unit"] == "USD" and gp["segment"] == "ev"
    rev = one(ev, "operating_result", metric="revenue", when="2025-Q3")["data"]
    assert rev["value"] == 4e9 and rev["segment"] == "ev"


def test_seed_004_guidance_launch_milestones_plan(seed_events) -> None:
    ev = seed_events["004"]
    g = one(ev, "guidance", metric="ev_deliveries", period="2025")["data"]
    assert g["value"] == 400_000 and g["bound"] == "at_least" and g["action"] == "raised"
    assert g["previous"]["value"] == 350_000
    yu7 = one(ev, "product_launch", product="YU7", stage="pre_order")["data"]
    assert yu7["orders"]["value"] == 240_000
    one(ev, "milestone", kind="production")
    one(ev, "milestone", kind="profitability")
    plan = one(ev, "plan", period="2027")
    assert "Europe" in plan["data"]["description"]


def test_seed_000_rating_guidance_plans_price_change(seed_events) -> None:
    ev = seed_events["000"]
    r = one(ev, "analyst_rating", firm="Goldman Sachs")
    assert r["when"]["label"] == "2026-01-06"
    assert r["data"]["rating"] == "buy" and r["data"]["target_price"]["amount"] == 53.5
    g = one(ev, "guidance", metric="ev_deliveries", period="2026")["data"]
    assert g["value"] == 550_000 and g["action"] == "raised"
    stores = one(ev, "plan", metric="store_count")["data"]
    assert stores["value"] == 1000 and stores["bound"] == "at_least" and stores["period"] == "2026"
    ultra = one(ev, "product_launch", product="Xiaomi 17 Ultra")["data"]
    assert ultra["stage"] == "price_change"
    assert ultra["price_change"] == {"amount": 500.0, "currency": "CNY", "amount_max": 700.0}
    gm = one(ev, "guidance", metric="gross_margin", period="2026")["data"]
    assert gm["bound"] == "at_least" and "2025 level" in gm["note"]


def test_seed_002_hsbc_and_smartphone_margin(seed_events) -> None:
    ev = seed_events["002"]
    r = one(ev, "analyst_rating", firm="HSBC")["data"]
    assert r["rating"] == "buy" and r["target_price"] == {"amount": 53.4, "currency": "HKD"}
    g = one(ev, "guidance", metric="smartphone_gross_margin", period="2026")
    assert g["when"]["label"] == "2026-04-20"
    assert (
        g["data"]["value"] == 8
        and g["data"]["unit"] == "pct"
        and g["data"]["action"] == "reiterated"
    )


def test_seed_003_record_close_target_and_su7(seed_events) -> None:
    ev = seed_events["003"]
    close = one(ev, "stock_price", when="2025-01-03")["data"]
    assert close["close"]["amount"] == 36.25 and close["change_pct"] == 6.62
    assert close["note"] == "record_high"
    g = one(ev, "guidance", metric="ev_deliveries", period="2025")
    assert g["when"]["label"] == "2025-01-03"
    assert g["data"]["value"] == 300_000 and g["data"]["speaker"] == "Lei Jun"
    su7 = one(ev, "operating_result", metric="ev_deliveries", period="2024")["data"]
    assert su7["value"] == 130_000 and su7["bound"] == "at_least" and su7["product"] == "SU7"
