"""`--format html`: one self-contained, deterministic page; checked here without a browser."""

from __future__ import annotations

import re

from tests.exports.browser import Cards
from timeline.exports.html import render_html
from timeline.exports.schema import ExportEntity
from timeline.exports.view import EventView


def page(tl, *args, **kwargs) -> str:
    return tl.export(*args, format="html", **kwargs).content.decode()


def test_page_is_self_contained(tl):
    html = page(tl, "xiaomi")
    assert html.startswith("<!doctype html>")
    assert "default-src 'none'" in html  # the CSP forbids any network access
    assert not re.search(r"<(script|img|iframe)[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "@import" not in html and "url(" not in html
    # the only absolute URLs are the articles' links
    for url in re.findall(r"https?://[^\"' <]+", html):
        assert (
            url.startswith(("https://json-schema", "http://www.w3.org")) or 'href="' + url in html
        )


def test_every_event_has_a_card_and_no_retraction_does(tl):
    events = list(tl.events(entity="xiaomi"))
    cards = Cards(page(tl, "xiaomi")).cards
    shown = [e for e in events if e.type != "retraction"]
    assert sorted(c["id"] for c in cards) == sorted(e.id for e in shown)
    assert not any(c["hidden"] for c in cards)  # without JS every card is visible


def test_statuses(tl):
    cards = {c["id"]: c for c in Cards(page(tl, "xiaomi")).cards}
    events = {e.id: e for e in tl.events(entity="xiaomi")}
    retracted = next(e for e in events.values() if e.type == "retraction").data.target
    assert cards[retracted]["status"] == "retracted"
    planned = [i for i, e in events.items() if getattr(e.data, "planned", False)]
    assert planned and all(cards[i]["status"] == "planned" for i in planned)
    assert sum(c["status"] == "done" for c in cards.values()) > 10


def test_cards_show_evidence_and_source_escaped(tl):
    html = page(tl, "xiaomi")
    assert "It said &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<script>alert(1)" not in html
    assert "Record &lt;b&gt;high&lt;/b&gt;" in html
    assert html.count('<p class="source">Source: ') == len(Cards(html).cards)


def test_filters_list_each_type_with_its_count(tl):
    html = page(tl, "xiaomi")
    cards = Cards(html).cards
    for kind in {c["type"] for c in cards}:
        n = sum(c["type"] == kind for c in cards)
        assert re.search(
            rf'data-type="{kind}" aria-pressed="true"[^>]*><i></i>[^<]+ <b>{n}</b>', html
        )
    assert 'data-status="planned"' in html and 'id="q"' in html


def test_state_panel_comes_from_the_projection(tl):
    html = page(tl, "xiaomi", as_of="2026-01-09")
    state = html[html.index('<aside class="state"') :]
    assert "State as of 2026-01-09" in state
    assert "Last close" in state and "HK$38" in state
    assert "Goldman Sachs" in state and "Guidance in force" in state
    for ref in re.findall(r'href="#(ev_[0-9a-f]+)"', state):
        assert f'id="{ref}"' in html  # every figure links to its card


def test_without_projection_the_panel_lists_the_latest_of_each_kind(tl):
    views = [EventView.from_event(e) for e in tl.events(entity="xiaomi")]
    entity = ExportEntity(slug="xiaomi", name="Xiaomi")
    html, count = render_html(views, entities=[entity], as_of="2026-01-09", known_at=None)
    assert count == len([v for v in views if v.type != "retraction"])
    assert "Latest of each kind" in html and "Still ahead" in html


def test_as_of_line_separates_what_was_ahead(tl):
    html = page(tl, "xiaomi", as_of="2026-01-09")
    before, after = html.split('id="asof-line"')
    assert "SU7 facelift: launch (planned)" in after
    assert "Close HK$36.25" in before


def test_page_is_deterministic_and_empty_exports_render(tl):
    assert page(tl, "xiaomi") == page(tl, "xiaomi")
    empty = page(tl, "xiaomi", until="1900-01-01")
    assert "No events match this export." in empty


def test_several_entities_on_one_page(tl):
    html = page(tl, None)
    assert "<h1>2 companies" in html
    assert 'data-entity="byd"' in html and 'data-entity="xiaomi"' in html


def test_pages_refuse_more_events_than_a_person_reads(tl, monkeypatch):
    import pytest

    import timeline.exports.run as run

    monkeypatch.setattr(run, "PAGE_LIMIT", 5)
    for fmt in ("html", "timelinejs"):
        with pytest.raises(run.ExportError, match=f"more than 5 events for a {fmt} page"):
            tl.export("xiaomi", format=fmt)
    assert tl.export("xiaomi", format="jsonl").content.count(b"\n") > 5
