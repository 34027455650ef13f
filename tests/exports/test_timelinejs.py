"""`--format timelinejs`: TimelineJS3's JSON, dates at the precision the period has."""

from __future__ import annotations

import json

import pytest

from timeline.exports.view import human_when, label_bounds


@pytest.mark.parametrize(
    "label,start,end,expected",
    [
        ("2025-01-08", "2025-01-08", "2025-01-08", ((2025, 1, 8), None)),
        ("2025-05", "2025-05-01", "2025-05-31", ((2025, 5), None)),
        ("2025-Q3", "2025-07-01", "2025-09-30", ((2025, 7), (2025, 9))),
        ("2026-H1", "2026-01-01", "2026-06-30", ((2026, 1), (2026, 6))),
        ("2026-H2", "2026-07-01", "2026-12-31", ((2026, 7), (2026, 12))),
        ("2025", "2025-01-01", "2025-12-31", ((2025,), None)),
        ("2026/2030", "2026-01-01", "2030-12-31", ((2026,), (2030,))),
        ("2025-Q3/2026-H1", "2025-07-01", "2026-06-30", ((2025, 7), (2026, 6))),
        ("2026-01/2026-01-09", "2026-01-01", "2026-01-09", ((2026, 1), (2026, 1, 9))),
        ("mid-2025", "2025-05-01", "2025-08-31", ((2025, 5, 1), (2025, 8, 31))),
    ],
)
def test_dates_keep_the_precision_of_the_period(label, start, end, expected):
    assert label_bounds(label, start, end) == expected


@pytest.mark.parametrize(
    "label,text",
    [
        ("2026-01-08", "8 Jan 2026"),
        ("2025-05", "May 2025"),
        ("2025-Q3", "Q3 2025"),
        ("2026-H1", "H1 2026"),
        ("2025", "2025"),
        ("2025-Q3/2026-H1", "Q3 2025 \u2013 H1 2026"),
    ],
)
def test_human_dates(label, text):
    assert human_when(label, "2025-01-01", "2025-12-31") == text


def test_timelinejs_document(tl):
    doc = json.loads(tl.export("xiaomi", format="timelinejs").content)
    assert doc["scale"] == "human"
    assert doc["title"]["text"]["headline"] == "Xiaomi Corporation"
    assert "1810.HK" in doc["title"]["text"]["text"]
    slides = doc["events"]
    assert slides
    for s in slides:
        assert set(s) >= {"start_date", "text", "group", "unique_id"}
        assert s["group"] in {
            "stock_price",
            "guidance",
            "analyst_rating",
            "product_launch",
            "operating_result",
            "share_buyback",
            "insider_trade",
            "milestone",
            "plan",
            "capital_flow",
            "block_trade",
        }
        assert isinstance(s["start_date"]["year"], int)
        assert s["text"]["headline"] and s["text"]["text"].startswith("<p>")
    by_label = {s["display_date"]: s for s in slides}
    year = by_label["2025"]
    assert year["start_date"] == {"year": 2025} and "end_date" not in year
    assert year["group"] == "operating_result"
    planned = by_label["Apr 2026 (planned)"]
    assert planned["start_date"] == {"year": 2026, "month": 4}
    assert "<strong>planned</strong>" in planned["text"]["text"]


def test_retracted_and_retractions_are_left_out(tl):
    doc = json.loads(tl.export("xiaomi", format="timelinejs").content)
    headlines = [s["text"]["headline"] for s in doc["events"]]
    assert not any("HK$99" in h for h in headlines)
    assert not any(h.startswith("Retracts") for h in headlines)


def test_markup_in_evidence_is_escaped(tl):
    doc = json.loads(tl.export("xiaomi", format="timelinejs").content)
    texts = " ".join(s["text"]["text"] + s["text"]["headline"] for s in doc["events"])
    assert "<script>" not in texts and "&lt;script&gt;" in texts
    assert "<b>high</b>" not in texts


def test_several_entities_name_the_company_in_headlines(tl):
    doc = json.loads(tl.export(["xiaomi", "byd"], format="timelinejs").content)
    assert doc["title"]["text"]["headline"] == "2 companies"
    assert any(s["text"]["headline"].startswith("BYD") for s in doc["events"])
