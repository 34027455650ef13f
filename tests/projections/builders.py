"""Hand-built events for projection tests: `ev(type, when, reported, **data)` and a small
Xiaomi history that mirrors what the seeds state (without depending on the extractor)."""

from __future__ import annotations

import msgspec

from events.model import DATA_CLASSES, Event, Source, make_event
from events.values import Money, Quantity, When


def when(label: str) -> When:
    """`2026-01-08`, `2026-01` (a month), `2026` (a year) or `A/B` as a When."""
    if "/" in label:
        a, b = label.split("/")
        return When(start=when(a).start, end=when(b).end, label=label)
    if len(label) == 4:
        return When(start=f"{label}-01-01", end=f"{label}-12-31", label=label)
    if label[5] == "Q":
        n = int(label[6])
        first, last = when(f"{label[:4]}-{3 * n - 2:02d}"), when(f"{label[:4]}-{3 * n:02d}")
        return When(start=first.start, end=last.end, label=label)
    if len(label) == 7:
        import calendar

        y, m = int(label[:4]), int(label[5:])
        return When(
            start=f"{label}-01", end=f"{label}-{calendar.monthrange(y, m)[1]:02d}", label=label
        )
    return When.day(label)


def ev(
    type_: str,
    at: str,
    reported: str | None = None,
    *,
    entity: str = "xiaomi",
    article: str | None = None,
    title: str = "",
    **data,
) -> Event:
    """An unstamped event; `data` keys are the type's fields, Money/Quantity given as dicts ok."""
    w = when(at)
    reported = reported or w.end
    article = article or f"art_{reported}"
    payload = msgspec.convert(data, DATA_CLASSES[type_])
    return make_event(
        type_,
        entity=entity,
        when=w,
        reported=reported,
        source=Source(
            article=article,
            origin=f"{article}.txt",
            title=title or f"article of {reported}",
            published=reported,
        ),
        data=payload,
    )


def hkd(x: float) -> Money:
    return Money(amount=x, currency="HKD")


def q(value: float, unit: str = "units", bound: str = "exact") -> Quantity:
    return Quantity(value=value, unit=unit, bound=bound)


def xiaomi() -> list[Event]:
    """What the five seed articles say, as the extractor should emit it (the contract test)."""
    a2, a3, a0, a1, a4 = (
        "art_2025-01-03",
        "art_2025-11-27",
        "art_2026-01-06",
        "art_2026-01-09",
        "art_2026-04-20",
    )
    return [
        # 2025-01-03 Wallstreetcn
        ev(
            "stock_price",
            "2025-01-03",
            "2025-01-03",
            article=a2,
            close=hkd(36.25),
            change_pct=6.62,
            note="record_high",
        ),
        ev(
            "guidance",
            "2025-01-03",
            "2025-01-03",
            article=a2,
            metric="ev_deliveries",
            period="2025",
            value=300000,
            unit="vehicles",
            speaker="Lei Jun",
        ),
        # 2025-11-27 boerse-global
        ev(
            "insider_trade",
            "2025-11-27",
            "2025-11-27",
            article=a3,
            person="Lei Jun",
            role="CEO",
            direction="buy",
            amount=Money(amount=1.3e7, currency="USD"),
            stake_after_pct=q(23.26, "pct"),
        ),
        ev(
            "guidance",
            "2025-11-27",
            "2025-11-27",
            article=a3,
            metric="ev_deliveries",
            period="2025",
            value=400000,
            bound="at_least",
            unit="vehicles",
            action="raised",
            previous=q(350000),
        ),
        ev(
            "stock_price", "2025-11-27", "2025-11-27", article=a3, close=hkd(41.18), change_pct=2.69
        ),
        ev(
            "stock_price",
            "2025-11-27",
            "2025-11-27",
            article=a3,
            close=Money(amount=4.6, currency="EUR"),
            listing="XETRA",
        ),
        ev(
            "analyst_rating",
            "2025-11-27",
            "2025-11-27",
            article=a3,
            firm="First Shanghai Securities",
            rating="buy",
            target_price=hkd(50.20),
        ),
        ev(
            "milestone",
            "2025-Q3",
            "2025-11-27",
            article=a3,
            kind="profitability",
            description="EV division reached profitability",
        ),
        ev(
            "plan",
            "2025-11-27",
            "2025-11-27",
            article=a3,
            description="Enter European markets",
            period="2027",
        ),
        # 2026-01-06 Goldman note (date inferred)
        ev(
            "guidance",
            "2026-01-06",
            "2026-01-06",
            article=a0,
            metric="ev_deliveries",
            period="2026",
            value=550000,
            unit="vehicles",
            action="raised",
        ),
        ev(
            "analyst_rating",
            "2026-01-06",
            "2026-01-06",
            article=a0,
            firm="Goldman Sachs",
            rating="buy",
            target_price=hkd(53.5),
        ),
        ev(
            "operating_result",
            "2025",
            "2026-01-06",
            article=a0,
            metric="ev_deliveries",
            period="2025",
            value=410000,
            bound="at_least",
            unit="vehicles",
        ),
        # 2026-01-09 boerse-global
        ev(
            "share_buyback",
            "2026-01-08",
            "2026-01-09",
            article=a1,
            shares=q(5e6, "shares"),
            amount=Money(amount=1.906e8, currency="HKD", bound="approx"),
            price_low=hkd(38.04),
            price_high=hkd(38.16),
            share_class="B",
            program_total_shares=q(1.62e8, "shares"),
            program_total_pct=q(0.63, "pct", "approx"),
        ),
        ev(
            "stock_price",
            "2026-01-08",
            "2026-01-09",
            article=a1,
            close=hkd(38.00),
            change_pct=-0.42,
        ),
        ev(
            "capital_flow",
            "2026-01-08",
            "2026-01-09",
            article=a1,
            channel="Northbound Stock Connect",
            net=Money(amount=1.071e9, currency="HKD"),
            streak=6,
            cumulative=Money(amount=4.68e9, currency="HKD", bound="at_least"),
        ),
        ev(
            "block_trade",
            "2026-01-08",
            "2026-01-09",
            article=a1,
            shares=q(6.5e6, "shares"),
            price=hkd(38.02),
            amount=Money(amount=2.47e8, currency="HKD", bound="approx"),
        ),
        ev(
            "guidance",
            "2026-01-09",
            "2026-01-09",
            article=a1,
            metric="ev_deliveries",
            period="2026",
            value=550000,
            unit="vehicles",
            speaker="Lei Jun",
        ),
        ev(
            "product_launch",
            "2026-01/2026-01-09",
            "2026-01-09",
            article=a1,
            product="SU7 facelift",
            stage="pre_order",
            price=Money(amount=229900, currency="CNY"),
        ),
        ev(
            "product_launch",
            "2026-04",
            "2026-01-09",
            article=a1,
            product="SU7 facelift",
            stage="launch",
            planned=True,
        ),
        # 2026-04-20 HSBC
        ev(
            "analyst_rating",
            "2026-04-20",
            "2026-04-20",
            article=a4,
            firm="HSBC",
            rating="buy",
            target_price=hkd(53.4),
        ),
        ev(
            "guidance",
            "2026-04-20",
            "2026-04-20",
            article=a4,
            metric="smartphone_gross_margin",
            period="2026",
            value=8,
            unit="pct",
            action="reiterated",
        ),
    ]


#: The `asof --json` keys DESIGN.md section 8 names, in its order.
CONTRACT_KEYS = [
    "entity",
    "as_of",
    "known_at",
    "price",
    "guidance",
    "results",
    "ratings",
    "consensus",
    "buyback",
    "insiders",
    "products",
    "capital_flow",
    "milestones",
    "plans",
]
