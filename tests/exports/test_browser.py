"""The HTML page in a real headless browser (Debian's chromium): it renders every event, the
filters work, and a screenshot is kept under tests/artifacts/ for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.exports.browser import Cards, dump_dom, screenshot
from tests.exports.conftest import needs_extractor
from timeline.api import Timeline


@pytest.fixture
def hand_page(tl, tmp_path: Path) -> Path:
    path = tmp_path / "xiaomi.html"
    tl.export("xiaomi", format="html", out=path)
    return path


def _expect_all_shown(chromium: str, page: Path) -> Cards:
    dom = Cards(dump_dom(chromium, page))
    assert dom.body.get("data-ready") == "1", "the page script did not run"
    assert dom.cards and not [c for c in dom.cards if c["hidden"]]
    assert dom.body.get("data-shown") == str(len(dom.cards))
    return dom


def test_every_event_renders(chromium, tl, hand_page):
    dom = _expect_all_shown(chromium, hand_page)
    expected = {e.id for e in tl.events(entity="xiaomi") if e.type != "retraction"}
    assert {c["id"] for c in dom.cards} == expected


@pytest.mark.parametrize(
    "fragment,keep",
    [
        ("type=stock_price", lambda c: c["type"] == "stock_price"),
        ("type=guidance,analyst_rating", lambda c: c["type"] in ("guidance", "analyst_rating")),
        ("status=planned", lambda c: c["status"] == "planned"),
        ("type=stock_price&status=retracted", lambda c: c["status"] == "retracted"),
    ],
)
def test_filters_from_the_url_hash(chromium, hand_page, fragment, keep):
    dom = Cards(dump_dom(chromium, hand_page, fragment))
    shown = dom.shown()
    assert shown, fragment
    assert [c["id"] for c in shown] == [c["id"] for c in dom.cards if keep(c)]
    assert dom.body.get("data-shown") == str(len(shown))


def test_text_search_filters(chromium, hand_page):
    dom = Cards(dump_dom(chromium, hand_page, "q=goldman"))
    assert [c["type"] for c in dom.shown()] == ["analyst_rating"]


def test_filtered_chips_and_count_follow(chromium, hand_page):
    dom = dump_dom(chromium, hand_page, "type=stock_price")
    assert re.search(r'data-type="stock_price" aria-pressed="true"', dom)
    assert re.search(r'data-type="guidance" aria-pressed="false"', dom)
    n = len(Cards(dom).shown())
    assert re.search(rf">{n} of \d+ events shown<", dom)


def test_screenshot(chromium, hand_page, artifacts):
    png = screenshot(chromium, hand_page, artifacts / "timeline-hand.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    filtered = screenshot(
        chromium, hand_page, artifacts / "timeline-hand-planned.png", fragment="status=planned"
    )
    assert filtered.stat().st_size > 10_000


@needs_extractor
def test_seeds_page_shows_every_event_and_filters_work(chromium, seeded_db, tmp_path, artifacts):
    page = tmp_path / "seeds.html"
    with Timeline.open(seeded_db) as tl:
        tl.export("xiaomi", format="html", out=page)
        expected = {e.id for e in tl.events(entity="xiaomi") if e.type != "retraction"}
    dom = _expect_all_shown(chromium, page)
    assert {c["id"] for c in dom.cards} == expected
    kind = max({c["type"] for c in dom.cards}, key=lambda t: sum(c["type"] == t for c in dom.cards))
    filtered = Cards(dump_dom(chromium, page, f"type={kind}"))
    assert filtered.shown() and all(c["type"] == kind for c in filtered.shown())
    assert len(filtered.shown()) == sum(c["type"] == kind for c in dom.cards)
    screenshot(chromium, page, artifacts / "timeline-seeds.png")
