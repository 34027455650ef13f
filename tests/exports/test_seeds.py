"""The issue's acceptance on the real corpus: the seeds' export round-trips through `add` and
validates against the schema. (The browser check of the seeds page is in test_browser.py.)"""

from __future__ import annotations

import json

import pytest

from tests.exports.conftest import needs_extractor
from tests.exports.test_schema import validator
from timeline.api import Timeline

pytestmark = needs_extractor


def _events(tl: Timeline, fmt: str = "json") -> list[dict]:
    raw = tl.export(None, format=fmt).content
    events = (
        json.loads(raw)["events"] if fmt == "json" else [json.loads(x) for x in raw.splitlines()]
    )
    return [{k: v for k, v in e.items() if k != "recorded"} for e in events]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_seeds_round_trip_through_add(seeded_db, tmp_path, fmt):
    exported = tmp_path / f"seeds.{fmt}"
    with Timeline.open(seeded_db) as tl:
        tl.export(None, format=fmt, out=exported)
        original = _events(tl)
    assert len(original) >= 20
    with Timeline.open(tmp_path / "empty.db") as fresh:
        report = fresh.add(exported)
        assert report.added == len(original) and report.computed_ids == 0
        assert _events(fresh) == original
        assert _events(fresh, "jsonl") == original
        check = fresh.verify()
        assert check.events == len(original)
        # the events came without their articles' bodies (exports do not carry them):
        # verify passes and says so in a note
        assert check.ok, check.problems
        assert len(check.notes) == 1 and f"{len(original)} events cite" in check.notes[0]
        assert fresh.add(exported).added == 0


def test_seeds_export_validates_and_is_deterministic(seeded_db):
    with Timeline.open(seeded_db) as tl:
        first = tl.export("xiaomi").content
        assert tl.export("xiaomi").content == first
        validator().validate(json.loads(first))
        pages = tl.export("xiaomi", format="html").content
        assert pages == tl.export("xiaomi", format="html").content


def test_seeds_timelinejs_has_a_slide_per_current_event(seeded_db):
    with Timeline.open(seeded_db) as tl:
        doc = json.loads(tl.export("xiaomi", format="timelinejs").content)
        retracted = tl.store.retracted_ids("xiaomi")
        current = [
            e
            for e in tl.events(entity="xiaomi")
            if e.type != "retraction" and e.id not in retracted
        ]
    assert sorted(s["unique_id"] for s in doc["events"]) == sorted(e.id for e in current)


def test_with_articles_a_merged_log_checks_every_evidence(seeded_db, tmp_path):
    exported = tmp_path / "xiaomi.json"
    with Timeline.open(seeded_db) as tl:
        tl.export("xiaomi", out=exported, with_articles=True)
        cited = {e["source"]["article"] for e in json.loads(exported.read_bytes())["events"]}
        originals = {a: tl.store.article(a) for a in cited}
    doc = json.loads(exported.read_bytes())
    validator().validate(doc)
    assert [a["id"] for a in doc["articles"]] == list(
        dict.fromkeys(e["source"]["article"] for e in doc["events"])
    )
    with Timeline.open(tmp_path / "merged.db") as merged:
        report = merged.add(exported)
        assert report.articles == len(cited) and report.added == len(doc["events"])
        check = merged.verify()
        assert check.ok and check.notes == (), (check.problems, check.notes)
        assert check.articles == len(cited)
        assert {a: merged.store.article(a) for a in cited} == originals
        assert merged.add(exported).articles == 0  # twice is once


def test_with_articles_refuses_an_edited_article_and_writes_nothing(seeded_db, tmp_path):
    exported = tmp_path / "xiaomi.json"
    with Timeline.open(seeded_db) as tl:
        tl.export("xiaomi", out=exported, with_articles=True)
    doc = json.loads(exported.read_bytes())
    doc["articles"][1]["body"] = doc["articles"][1]["body"].replace("Xiaomi", "Xiaomi Inc", 1)
    exported.write_text(json.dumps(doc))
    with Timeline.open(tmp_path / "merged.db") as merged:
        with pytest.raises(Exception, match=r"articles\[1\]: the body does not hash to the id"):
            merged.add(exported)
        assert merged.store.last_seq() == 0 and merged.store.count_articles() == 0


def test_with_articles_is_for_json_only(seeded_db):
    with Timeline.open(seeded_db) as tl, pytest.raises(Exception, match="needs --format json"):
        tl.export("xiaomi", format="jsonl", with_articles=True)
