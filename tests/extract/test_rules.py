"""Each event family on wire-style sentences: numbers, currencies, periods, actions."""

from __future__ import annotations

from tests.extract.conftest import find


def test_guidance_revision_with_previous_and_fiscal_year(extract) -> None:
    events = extract(
        "Toyota Motor cut its full-year operating profit forecast to 3.2 trillion yen from "
        "3.8 trillion yen on Wednesday. It kept its forecast for vehicle sales unchanged at "
        "9.8 million units.",
        published="2025-11-05",
        title="Toyota",
    )
    cut = find(events, "guidance", metric="operating_income")[0]["data"]
    assert cut["period"] == "2025-04/2026-03" and cut["action"] == "lowered"
    assert cut["value"] == 3.2e12 and cut["unit"] == "JPY" and cut["previous"]["value"] == 3.8e12
    kept = find(events, "guidance", metric="deliveries")[0]["data"]
    assert kept["action"] == "reiterated" and kept["value"] == 9.8e6


def test_rating_downgrade_with_targets(extract) -> None:
    events = extract(
        'CMB International downgraded Meituan to "Hold" from "Buy" and cut its target price to '
        "HK$105 from HK$160.",
        published="2025-09-01",
        title="Meituan",
    )
    (r,) = find(events, "analyst_rating")
    assert r["entity"] == "meituan"
    d = r["data"]
    assert d["firm"] == "CMBI" and d["rating"] == "hold" and d["previous_rating"] == "buy"
    assert d["action"] == "downgrade"
    assert d["target_price"] == {"amount": 105.0, "currency": "HKD"}
    assert d["previous_target"] == {"amount": 160.0, "currency": "HKD"}


def test_two_firms_in_one_sentence(extract) -> None:
    events = extract(
        "Brokerage Jefferies kept its buy rating on Reliance with a target price of Rs 1,785, "
        "while Kotak Institutional Equities retained an add rating with a target of ₹1,600.",
        published="2025-10-17",
        title="Reliance",
    )
    firms = {
        e["data"]["firm"]: e["data"]["target_price"]["amount"]
        for e in find(events, "analyst_rating")
    }
    assert firms == {"Jefferies": 1785.0, "Kotak": 1600.0}


def test_dividend_increase_with_dates(extract) -> None:
    events = extract(
        "Apple's board declared a cash dividend of $0.26 per share, an increase of 4 percent. "
        "The dividend is payable on February 13, 2026 to shareholders of record as of February "
        "10, 2026.",
        published="2026-01-29",
        title="Apple",
    )
    (d,) = find(events, "dividend")
    assert d["when"]["label"] == "2026-01-29"
    assert d["data"]["kind"] == "increase" and d["data"]["per_share"]["amount"] == 0.26
    assert d["data"]["pay_date"] == "2026-02-13" and d["data"]["record_date"] == "2026-02-10"


def test_stock_splits_forward_reverse_and_past(extract) -> None:
    events = extract(
        "Tesla last split its stock 3-for-1 in August 2022. "
        "Lucid Group's 1-for-10 reverse stock split took effect after the close of trading "
        "on August 29.",
        published="2025-10-30",
        title="Splits",
    )
    splits = {
        (e["entity"], e["data"]["ratio_from"], e["data"]["ratio_to"], e["when"]["label"])
        for e in find(events, "stock_split")
    }
    assert splits == {("tesla", 1, 3, "2022-08"), ("lucid", 10, 1, "2025-08-29")}


def test_acquisition_stages(extract) -> None:
    events = extract(
        "Novartis completed its acquisition of Avidity Biosciences on Tuesday, paying about "
        "$12 billion. "
        "Nestlé terminated its agreement to buy a majority stake in vitamin maker Orgain.",
        published="2026-02-17",
        title="Deals",
    )
    stages = {
        (e["entity"], e["data"]["target"], e["data"]["stage"]) for e in find(events, "acquisition")
    }
    assert stages == {
        ("novartis", "Avidity Biosciences", "completed"),
        ("nestle", "Orgain", "terminated"),
    }


def test_contract_with_counterparty_and_amount(extract) -> None:
    events = extract(
        "Boeing won an order from Qatar Airways for up to 210 widebody jets valued at $96 billion.",
        published="2025-11-12",
        title="Boeing",
    )
    (c,) = find(events, "contract")
    assert c["data"]["counterparty"] == "Qatar Airways" and c["data"]["amount"]["amount"] == 96e9


def test_insider_sale_with_day_price_and_total(extract) -> None:
    events = extract(
        "Tesla director Kimbal Musk sold 75,000 shares on November 3 at an average price of "
        "$445.20, "
        "for a total of about $33.4 million.",
        published="2025-11-06",
        title="Tesla",
    )
    (t,) = find(events, "insider_trade")
    assert t["when"]["label"] == "2025-11-03"
    assert t["data"]["person"] == "Kimbal Musk" and t["data"]["role"] == "director"
    assert t["data"]["direction"] == "sell" and t["data"]["shares"]["value"] == 75_000
    assert t["data"]["price"]["amount"] == 445.2 and t["data"]["amount"]["amount"] == 33.4e6


def test_future_launch_is_planned_and_keeps_its_period(extract) -> None:
    events = extract(
        "NIO plans to launch the ES9 flagship in the first quarter of 2026.",
        published="2025-11-03",
        title="NIO",
    )
    (p,) = find(events, "product_launch")
    assert p["when"]["label"] == "2026-Q1" and p["data"]["planned"] is True
    assert find(events, "plan") == []


def test_fiscal_quarters_map_through_the_registry(extract) -> None:
    events = extract(
        "Nvidia reported third-quarter revenue of $57.0 billion for fiscal 2026.",
        published="2025-11-20",
        title="Nvidia",
    )
    (r,) = find(events, "operating_result")
    assert r["when"]["label"] == "2025-08/2025-10"
