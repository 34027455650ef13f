"""The entity registry: lookalikes and subsidiaries, capitals in wire briefs, fiscal years."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from events.articles import parse_article
from events.entities import Entity, Registry, default_registry
from events.errors import UnknownEntityError
from events.extract import default_extractor
from events.extract.gazetteer import build
from events.extract.vocab import default_vocabulary

REGISTRY = default_registry()


def slugs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.slug) for m in REGISTRY.mentions(text)]


# --- the longest name wins: lookalikes are not their namesakes ---------------------------

LOOKALIKES = [
    ("Daimler Truck raised its dividend.", "Daimler Truck", "daimler_truck"),
    ("Daimler Trucks North America cut jobs.", "Daimler Trucks", "daimler_truck"),
    ("Siemens Energy booked more orders.", "Siemens Energy", "siemens_energy"),
    ("Siemens Healthineers guided higher.", "Siemens Healthineers", "siemens_healthineers"),
    ("Siemens raised its outlook.", "Siemens", "siemens"),
    ("Porsche SE wrote down its stake.", "Porsche SE", "porsche_se"),
    ("Porsche AG cut its margin target.", "Porsche AG", "porsche"),
    ("Porsche sold fewer cars.", "Porsche", "porsche"),
    ("Volkswagen shares fell.", "Volkswagen", "volkswagen"),
    ("Mercedes shares rose.", "Mercedes", "mercedes"),
    ("Mercedes-Benz Group reported.", "Mercedes-Benz Group", "mercedes"),
    ("the former Daimler AG", "Daimler AG", "mercedes"),
    ("Jio Financial Services reported.", "Jio Financial Services", "jio_financial"),
    ("Reliance Power shares rose.", "Reliance Power", "reliance_power"),
    ("Reliance Industries shares rose.", "Reliance Industries", "reliance"),
    ("Samsung SDI cut prices.", "Samsung SDI", "samsung_sdi"),
    ("Samsung Electronics cut prices.", "Samsung Electronics", "samsung"),
    ("Tencent Music Entertainment listed.", "Tencent Music Entertainment", "tencent_music"),
    ("BYD Electronic won an order.", "BYD Electronic", "byd_electronic"),
    ("JD Logistics expanded.", "JD Logistics", "jd_logistics"),
    ("Toyota Industries was taken private.", "Toyota Industries", "toyota_industries"),
    ("Nestle India raised prices.", "Nestle India", "nestle_india"),
    ("Prosus sold shares.", "Prosus", "prosus"),
    ("Dell Technologies forecast more.", "Dell Technologies", "dell"),
    ("Shares of Dell jumped.", "Dell", "dell"),
]


@pytest.mark.parametrize(("text", "name", "slug"), LOOKALIKES, ids=[r[1] for r in LOOKALIKES])
def test_lookalikes_resolve_to_themselves(text: str, name: str, slug: str) -> None:
    assert slugs(text)[0] == (name, slug)


def test_bare_daimler_names_no_one() -> None:
    """Daimler AG is Mercedes-Benz Group since 2022 and Daimler Truck is separate: alone,
    the word is ambiguous."""
    assert slugs("Daimler said on Monday") == []
    with pytest.raises(UnknownEntityError):
        REGISTRY.resolve("Daimler")


# --- capitals: wire briefs and headlines ---------------------------------------------------

CAPITALS = [
    ("COSTCO RAISES DIVIDEND", "COSTCO", "costco"),
    ("NVIDIA CEO SELLS SHARES", "NVIDIA", "nvidia"),
    ("TENCENT HOLDINGS SHARES FALL", "TENCENT HOLDINGS", "tencent"),
    ("META PLATFORMS INC - BOARD APPROVED", "META PLATFORMS", "meta"),
    ("VODAFONE GROUP PLC - PROPOSES", "VODAFONE GROUP PLC", "vodafone"),
    ("SIEMENS ENERGY RAISES TARGETS", "SIEMENS ENERGY", "siemens_energy"),
    ("WALT DISNEY CO NAMES CEO", "WALT DISNEY", "disney"),
    ("NESTLÉ CUTS JOBS", "NESTLÉ", "nestle"),
]


@pytest.mark.parametrize(("text", "name", "slug"), CAPITALS, ids=[r[1] for r in CAPITALS])
def test_names_in_capitals(text: str, name: str, slug: str) -> None:
    assert slugs(text)[0] == (name, slug)


def test_the_extractors_gazetteer_finds_what_the_registry_finds() -> None:
    gazetteer = build(REGISTRY, default_vocabulary())
    text = "PROSUS SOLD 3.2 MILLION TENCENT HOLDINGS SHARES; Daimler Truck and Siemens Energy"
    found = [(m.text, m.slug) for m in gazetteer.find(text).companies]
    assert (
        found
        == slugs(text)
        == [
            ("PROSUS", "prosus"),
            ("TENCENT HOLDINGS", "tencent"),
            ("Daimler Truck", "daimler_truck"),
            ("Siemens Energy", "siemens_energy"),
        ]
    )


def test_lower_case_words_are_not_companies() -> None:
    assert slugs("an apple, a shell and an oracle") == []


def test_capitals_never_displace_another_entitys_name() -> None:
    registry = Registry()
    registry.add(Entity(slug="one", name="Acme", tickers=["ACME"]))
    registry.add(Entity(slug="two", name="Acme Two"))
    registry.add(Entity(slug="three", name="Acme Corp"))
    registry.add(Entity(slug="four", name="Other", tickers=["ACME CORP"]))
    assert registry.surfaces()["ACME"] == "one"
    assert registry.surfaces()["ACME TWO"] == "two"
    assert registry.surfaces()["ACME CORP"] == "four"  # a ticker written so wins


# --- subsidiaries: listed ones are their own, unlisted units are filed under the parent ---


def test_an_unlisted_company_without_parent_is_its_own() -> None:
    assert not REGISTRY.get("huawei").listed
    assert REGISTRY.resolve("Huawei").slug == "huawei"
    assert slugs("Huawei shipped more phones.") == [("Huawei", "huawei")]


def test_listed_subsidiaries_carry_their_parent_as_information() -> None:
    assert REGISTRY.get("siemens_healthineers").parent == "siemens"
    assert REGISTRY.get("porsche").parent == "volkswagen"
    assert REGISTRY.get("volkswagen").parent == "porsche_se"
    assert REGISTRY.resolve("Siemens Healthineers").slug == "siemens_healthineers"
    assert REGISTRY.filed_under("porsche") == "porsche"


@pytest.mark.parametrize(
    ("name", "unit", "parent"),
    [
        ("Jio Platforms", "jio_platforms", "reliance"),
        ("Reliance Retail Ventures", "reliance_retail", "reliance"),
        ("AWS", "aws", "amazon"),
        ("Siemens Gamesa", "siemens_gamesa", "siemens_energy"),
    ],
)
def test_unlisted_units_are_filed_under_their_parent(name: str, unit: str, parent: str) -> None:
    entity = REGISTRY.get(unit)
    assert not entity.listed and entity.parent == parent
    assert REGISTRY.resolve(name).slug == parent
    assert REGISTRY.unit_of(name).slug == unit  # type: ignore[union-attr]
    assert REGISTRY.unit_of(REGISTRY.get(parent).name) is None


def test_units_follow_the_chain_and_survive_cycles() -> None:
    registry = Registry()
    registry.add(Entity(slug="top", name="Top"))
    registry.add(Entity(slug="mid", name="Mid", parent="top", listed=False))
    registry.add(Entity(slug="leaf", name="Leaf", parent="mid", listed=False))
    registry.add(Entity(slug="a", name="A", parent="b", listed=False))
    registry.add(Entity(slug="b", name="B", parent="a", listed=False))
    assert registry.filed_under("leaf") == "top"
    assert registry.filed_under("a") in ("a", "b")
    assert registry.filed_under("unknown") == "unknown"


# --- registry data: every entry is sound ---------------------------------------------------


def test_the_shipped_registry_is_consistent() -> None:
    raw = json.loads(
        (Path(__file__).parent.parent / "events" / "data" / "entities.json").read_text("utf-8")
    )
    seen: dict[str, str] = {}
    for e in raw["entities"]:
        entity = REGISTRY.get(e["slug"])
        assert 1 <= entity.fiscal_year_end_month <= 12
        assert entity.parent is None or entity.parent in REGISTRY.entities, entity.slug
        assert entity.listed == bool(entity.tickers), f"{entity.slug}: listed means tickers"
        for name in (*entity.names, *entity.tickers):
            assert seen.setdefault(name, entity.slug) == entity.slug, f"{name} is ambiguous"


FISCAL_YEAR_ENDS = [
    ("siemens", 9),
    ("siemens_energy", 9),
    ("siemens_healthineers", 9),
    ("apple", 9),
    ("disney", 9),
    ("costco", 8),
    ("oracle", 5),
    ("nike", 5),
    ("microsoft", 6),
    ("nvidia", 1),
    ("walmart", 1),
    ("dell", 1),
    ("broadcom", 10),
    ("toyota", 3),
    ("honda", 3),
    ("sony", 3),
    ("reliance", 3),
    ("vodafone", 3),
    ("prosus", 3),
    ("daimler_truck", 12),
    ("porsche", 12),
    ("mercedes", 12),
]


@pytest.mark.parametrize(("slug", "month"), FISCAL_YEAR_ENDS)
def test_fiscal_year_ends(slug: str, month: int) -> None:
    assert REGISTRY.get(slug).fiscal_year_end_month == month


def test_start_named_fiscal_years() -> None:
    assert REGISTRY.get("sony").fiscal_year_named_by == "start"
    assert REGISTRY.get("softbank").fiscal_year_named_by == "start"
    assert REGISTRY.get("toyota").fiscal_year_named_by == "end"


def test_a_user_entry_adds_aliases_without_resetting_the_fiscal_year(tmp_path: Path) -> None:
    extra = tmp_path / "more.json"
    entry = {"slug": "siemens", "name": "Siemens AG", "aliases": ["Siemens Aktiengesellschaft"]}
    extra.write_text(json.dumps({"entities": [entry]}))
    registry = Registry.load([extra])
    siemens = registry.get("siemens")
    assert siemens.fiscal_year_end_month == 9 and siemens.country == "DE"
    assert registry.resolve("Siemens Aktiengesellschaft").slug == "siemens"


def _extract(body: str, published: str, title: str) -> list[tuple[str, str, object]]:
    text = f"{title}\nExample Wire\n{published} 09:00\n\n{body}\n"
    art = parse_article(text.encode(), "test.txt", published=published).article
    return [(e.type, e.entity, e.data) for e in default_extractor().extract(art, REGISTRY)]


def test_lookalikes_keep_their_own_facts_in_extraction() -> None:
    events = _extract(
        "Samsung Electronics posted an operating profit of 12.2 trillion won in the third "
        "quarter. SK Hynix reported a record quarterly operating profit of 11.4 trillion won. "
        "Daimler Truck now expects adjusted EBIT of 3.6 billion to 4.0 billion euros.",
        "2025-10-30",
        "Samsung",
    )
    entities = {entity for _, entity, _ in events}
    assert {"samsung", "sk_hynix", "daimler_truck"} <= entities
    assert "mercedes" not in entities


def test_wire_briefs_in_capitals_go_to_the_company() -> None:
    events = _extract(
        "* COSTCO WHOLESALE CORP - BOARD APPROVED INCREASE IN QUARTERLY CASH DIVIDEND TO "
        "$1.47 PER SHARE FROM $1.30",
        "2026-02-05",
        "BRIEF-Costco raises quarterly dividend",
    )
    assert [(t, e) for t, e, _ in events if t == "dividend"] == [("dividend", "costco")]
