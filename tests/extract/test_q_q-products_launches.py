"""Product launches, milestones and plans in phrasings the rules did not know: stages told as
"order books open", "available to order since", "start selling", "sales of ... begin",
"world premiere"; products named by series or brand, by a number first, after "deliveries
of the", or carried from the sentence before; several products after one verb; a price
stated later in the article; and their hard negatives."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

# (published, body, [(entity, when, data subset)])
LAUNCHES = [
    # "start selling" a product in a named series / brand
    (
        "2025-09-02",
        "Sony plans to start selling a new compact camera in the Cyber-shot series in "
        "November, the company said.",
        [("sony", "2025-11", {"product": "Cyber-shot camera", "stage": "launch", "planned": True})],
    ),
    (
        "2025-04-10",
        "Nike said it would launch its first trail shoe under the ACG brand in spring 2026.",
        [("nike", "2026", {"product": "ACG shoe", "stage": "launch", "planned": True})],
    ),
    # order books open / available to order since
    (
        "2025-05-06",
        "BMW showed the next-generation BMW iX3 electric SUV in Munich. BMW said order books "
        "would open in July 2025 and first deliveries are scheduled for the first quarter of 2026.",
        [
            ("bmw", "2025-07", {"product": "iX3", "stage": "pre_order", "planned": True}),
            ("bmw", "2026-Q1", {"product": "iX3", "stage": "delivery", "planned": True}),
        ],
    ),
    (
        "2026-02-20",
        "Honda said the new 500 Type R has been available to order since December 2025.",
        [("honda", "2025-12", {"product": "500 Type R", "stage": "pre_order"})],
    ),
    (
        "2025-08-01",
        "Volkswagen opened order books for its new Tayron SUV on Thursday.",
        [("volkswagen", "2025-07-31", {"product": "Tayron", "stage": "pre_order"})],
    ),
    # deliveries of the <name>, world premiere
    (
        "2026-01-15",
        "Mercedes-Benz said deliveries of the all-electric GLC Electric will begin in Germany "
        "in June 2026, following its world premiere in September 2025.",
        [
            ("mercedes", "2026-06", {"product": "GLC Electric", "stage": "delivery", "planned": True}),
            ("mercedes", "2025-09", {"product": "GLC Electric", "stage": "announced"}),
        ],
    ),
    # one verb, several products; "sales of the first models begin"; "the X follows on"
    (
        "2025-09-24",
        "Xiaomi unveiled its Xiaomi 17 smartphone series and the Xiaomi Pad 8 tablet on Thursday.",
        [
            ("xiaomi", "2025-09-18", {"product": "Xiaomi 17", "stage": "announced"}),
            ("xiaomi", "2025-09-18", {"product": "Pad 8", "stage": "announced"}),
        ],
    ),
    (
        "2025-03-03",
        "Samsung Electronics launched the Galaxy S26 on Monday. The base Galaxy S26 starts at "
        "1,150,000 won. Sales of the first two models begin on March 14; the Edge follows on "
        "April 2.",
        [
            ("samsung", "2025-03-03", {"product": "Galaxy S26", "stage": "launch"}),
            ("samsung", "2025-03-14", {"product": "Galaxy S26", "stage": "launch", "planned": True}),
            ("samsung", "2025-04-02", {"product": "Edge", "stage": "launch", "planned": True}),
        ],
    ),
    # a price stated later joins the earlier event of the same product
    (
        "2025-10-14",
        "Apple unveiled the iPhone 18 Air at an event in Cupertino on Tuesday, alongside a "
        "new watch.\n\nTHE PRICES\n\nThe iPhone 18 Air costs $1,099 in the United States.",
        [
            (
                "apple",
                "2025-10-14",
                {
                    "product": "iPhone 18 Air",
                    "stage": "announced",
                    "price": {"amount": 1099.0, "currency": "USD"},
                },
            )
        ],
    ),
    # available immediately, a name with a form word ("tablet") in it
    (
        "2025-06-05",
        "Lenovo also showed the Yoga Slim tablet, priced from 4,999 yuan and available "
        "immediately.",
        [
            (
                "lenovo",
                "2025-06-05",
                {
                    "product": "Yoga Slim",
                    "stage": "launch",
                    "price": {"amount": 4999.0, "currency": "CNY"},
                },
            )
        ],
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), LAUNCHES)
def test_launch_phrasings(extract, published, body, want) -> None:
    got = [
        (e["entity"], e["when"]["label"], e["data"])
        for e in find(extract(body, published=published, title="Products"), "product_launch")
    ]
    for entity, when, data in want:
        assert any(
            g[0] == entity and g[1] == when and all(g[2].get(k) == v for k, v in data.items())
            for g in got
        ), (entity, when, data, got)


NO_LAUNCH = [
    # a launch event is where products are shown, not a launch of each
    "Xiaomi showed journalists its factory ahead of a launch event for the Xiaomi 17 next month.",
    # sales that begin to move are no launch
    "Sales of the Tesla Model Y began to slow in Europe in March.",
    # hedged talk
    "BYD could start selling the Seal 08 in Japan next year if the yen weakens.",
    # a cut by an amount is a price change, not the price of a launch
    "Apple cut the price of the iPhone 17 Pro by up to 1,000 yuan during the festival.",
]


@pytest.mark.parametrize("body", NO_LAUNCH)
def test_no_launch(extract, body) -> None:
    events = find(extract(body, published="2025-11-20", title="Products"), "product_launch")
    assert all(e["data"].get("stage") == "price_change" for e in events), events
    if "by up to" in body:
        assert all(e["data"].get("price") is None for e in events), events


def test_a_drug_form_word_inside_a_longer_name_is_not_a_drug(extract) -> None:
    events = extract(
        "Huawei launched the MatePad Air tablet on Monday.", published="2025-11-20", title="x"
    )
    (e,) = find(events, "product_launch")
    assert e["data"]["product"] == "MatePad Air"


MILESTONES = [
    (
        "2025-11-12",
        "Volvo Group's unit Mack said it had delivered its 10,000th electric truck last week. "
        "Daimler Truck said it had delivered its 3,000th eActros to a customer last week.",
        ("daimler_truck", "2025-11-03/2025-11-09", "production"),
    ),
    (
        "2026-01-20",
        "Samsung Electronics said mass production of 2-nanometer chips began in the third "
        "quarter of last year.",
        ("samsung", "2025-Q3", "production"),
    ),
    (
        "2025-09-30",
        "SK hynix started volume production of its HBM4 chips in August.",
        ("sk_hynix", "2025-08", "production"),
    ),
    (
        "2025-06-30",
        "Xiaomi said its HyperOS software now runs on more than 150 million devices.",
        ("xiaomi", "2025-06-30", "users"),
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), MILESTONES)
def test_milestone_phrasings(extract, published, body, want) -> None:
    entity, when, kind = want
    got = find(extract(body, published=published, title="Milestones"), "milestone")
    assert any(
        e["entity"] == entity and e["when"]["label"] == when and e["data"]["kind"] == kind
        for e in got
    ), got


NO_MILESTONE = [
    "Nvidia completed its purchase of Intel shares after U.S. antitrust regulators cleared "
    "the investment.",
    "Samsung Electronics expects mass production of 1-nanometer chips to begin in 2029.",
    "Xiaomi said it could reach 200 million devices if demand holds.",
]


@pytest.mark.parametrize("body", NO_MILESTONE)
def test_no_milestone(extract, body) -> None:
    assert find(extract(body, published="2025-11-20", title="x"), "milestone") == []


PLANS = [
    (
        "2025-09-04",
        "Toyota said sales rose in August, and that Toyota would open 120 new dealerships in "
        "India in 2026.",
        ("toyota", {"value": 120.0, "period": "2026"}),
    ),
    (
        "2026-02-25",
        "Volkswagen will cut around 35,000 jobs in Germany by 2030.",
        ("volkswagen", {"value": 35000.0, "period": "2030"}),
    ),
    (
        "2025-11-06",
        "Samsung Electronics said on Wednesday its board approved a new share listing rule. "
        "The board also approved capital expenditure of about 53.6 trillion won for next year.",
        ("samsung", {"value": 53.6e12, "unit": "KRW"}),
    ),
    (
        "2025-07-17",
        "Intel plans to begin production at its first Ohio fab in 2030, and at its second "
        "fab in Magdeburg, Germany, in 2031.",
        ("intel", {"period": "2031"}),
    ),
]


@pytest.mark.parametrize(("published", "body", "want"), PLANS)
def test_plan_phrasings(extract, published, body, want) -> None:
    entity, data = want
    got = find(extract(body, published=published, title="Plans"), "plan", entity=entity)
    assert any(all(p["data"].get(k) == v for k, v in data.items()) for p in got), got


def test_also_dates_a_plan_by_the_occasion_before(extract) -> None:
    events = extract(
        "TSMC said on Tuesday its board approved a dividend of NT$6 per share. The board also "
        "approved capital appropriations of about US$30 billion.",
        published="2026-02-11",
        title="TSMC",
    )
    (p,) = find(events, "plan", entity="tsmc")
    assert p["when"]["label"] == "2026-02-10"
    assert p["data"]["value"] == 30e9


def test_the_intel_plan_gives_both_fabs(extract) -> None:
    events = extract(
        "Intel plans to begin production at its first Ohio fab in 2030, and at its second "
        "fab in Magdeburg, Germany, in 2031.",
        published="2025-07-17",
        title="Intel",
    )
    assert {p["data"]["period"] for p in find(events, "plan", entity="intel")} == {"2030", "2031"}


NO_PLAN = [
    # an unknown company's cut is not the tracked company's plan
    "Dell rose 3%. Acme Widgets Inc. slid 4% after saying it would cut up to 6,000 jobs.",
    "Dell rose 3%. Zeta Chips Co, the largest packager, said it would spend NT$200 billion on "
    "plants over the next five years.",
    # a launch told with "plans to start selling" is a launch, not a plan
    "Sony plans to start selling a new compact camera in the Cyber-shot series in November.",
    # talk
    "Volkswagen could cut 20,000 jobs by 2030 if sales do not recover.",
]


@pytest.mark.parametrize("body", NO_PLAN)
def test_no_plan(extract, body) -> None:
    assert find(extract(body, published="2025-09-02", title="x"), "plan") == []


def test_a_past_period_before_the_plan_is_not_its_period(extract) -> None:
    events = extract(
        "Samsung Electronics said it began mass production of HBM5, its next memory chip, in "
        "October, and plans to open a packaging plant in Cheonan in 2027.",
        published="2026-01-10",
        title="Samsung",
    )
    (m,) = find(events, "milestone", entity="samsung")
    assert (m["when"]["label"], m["data"]["kind"]) == ("2025-10", "production")
    (p,) = find(events, "plan", entity="samsung")
    assert p["data"]["period"] == "2027"


def test_shipping_samples_of_a_named_chip_is_no_plan(extract) -> None:
    events = extract(
        "SK hynix said it plans to ship samples of HBM5E to customers in the first half of 2027.",
        published="2026-01-10",
        title="x",
    )
    assert find(events, "plan") == []
