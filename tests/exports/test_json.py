"""`--format json` and `--format jsonl`: envelope, order, filters, determinism, streaming."""

from __future__ import annotations

import io
import json

import msgspec
import pytest

from events.model import decode_event, encode_event
from timeline.exports import ExportRequest, write_export
from timeline.exports.sink import write_joined


def doc(tl, *args, **kwargs) -> dict:
    return json.loads(tl.export(*args, format="json", **kwargs).content)


def test_envelope_keys_in_contract_order(tl):
    raw = tl.export("xiaomi").content
    assert raw.startswith(b'{"schema":"timeline/1",\n"entity":{"slug":"xiaomi"')
    d = json.loads(raw)
    assert list(d) == ["schema", "entity", "entities", "as_of", "known_at", "filters", "events"]
    assert d["entity"]["name"] == "Xiaomi Corporation"
    assert "1810.HK" in d["entity"]["tickers"]
    assert d["entities"] == [d["entity"]]
    assert d["as_of"] is None and d["known_at"] is None


def test_events_are_whole_canonical_events_in_log_order(tl):
    d = doc(tl, "xiaomi")
    seqs = [e["seq"] for e in d["events"]]
    assert seqs == sorted(seqs)
    assert {e["entity"] for e in d["events"]} == {"xiaomi"}
    assert any(e["type"] == "retraction" for e in d["events"])  # the log, corrections included
    for e in d["events"]:
        assert json.dumps(e, sort_keys=True, separators=(",", ":")) is not None
        assert encode_event(decode_event(json.dumps(e))) == msgspec.json.encode(
            decode_event(json.dumps(e)), order="deterministic"
        )


def test_same_log_same_bytes(tl, hand_db):
    from timeline.api import Timeline

    first = tl.export("xiaomi").content
    with Timeline.open(hand_db) as again:
        assert again.export("Xiaomi Corp").content == first  # any alias names the entity
    assert (
        tl.export("xiaomi", format="jsonl").content == tl.export("xiaomi", format="jsonl").content
    )


def test_all_and_several_entities(tl):
    every = doc(tl, None)
    assert every["entity"] is None
    assert [e["slug"] for e in every["entities"]] == ["byd", "xiaomi"]
    two = doc(tl, ["xiaomi", "BYD"])
    assert [e["seq"] for e in two["events"]] == [e["seq"] for e in every["events"]]  # merged by seq
    assert len(doc(tl, "byd")["events"]) == 1


def test_filters_are_recorded_and_applied(tl):
    d = doc(tl, "xiaomi", types=["guidance"], since="2026-01-01")
    assert d["filters"] == {"types": ["guidance"], "since": "2026-01-01", "until": None}
    assert d["events"] and all(e["type"] == "guidance" for e in d["events"])
    assert all(e["when"]["end"] >= "2026-01-01" for e in d["events"])
    until = doc(tl, "xiaomi", until="2025-06-30")
    assert until["events"] and all(e["when"]["start"] <= "2025-06-30" for e in until["events"])


def test_as_of_keeps_what_was_visible_and_pit_what_was_known(tl):
    d = doc(tl, "xiaomi", as_of="2025-12-31")
    assert d["as_of"] == "2025-12-31" and d["known_at"] is None
    # the FY2025 deliveries (reported 2026-01-06) count as of 2025-12-31 in hindsight...
    assert any(e["type"] == "operating_result" for e in d["events"])
    assert all(min(e["when"]["end"], e["reported"]) <= "2025-12-31" for e in d["events"])
    pit = doc(tl, "xiaomi", as_of="2025-12-31", pit=True)
    assert pit["known_at"] == "2025-12-31"
    # ...but nobody could know them that day
    assert not any(e["type"] == "operating_result" for e in pit["events"])
    assert all(e["reported"] <= "2025-12-31" for e in pit["events"])


def test_planned_events_count_from_the_day_they_were_reported(tl):
    d = doc(tl, "xiaomi", as_of="2026-01-09")
    planned = [e for e in d["events"] if e["data"].get("planned")]
    assert planned and planned[0]["when"]["label"] == "2026-04"


def test_fast_path_and_filtered_path_give_identical_bytes(tl):
    plain = tl.export("xiaomi", format="jsonl").content  # stored payloads copied as they are
    filtered = tl.export(
        "xiaomi", format="jsonl", since="1900-01-01"
    ).content  # decoded, re-encoded
    assert plain == filtered


def test_jsonl_is_one_event_per_line_and_matches_json(tl):
    lines = tl.export("xiaomi", format="jsonl").content.decode().splitlines()
    events = doc(tl, "xiaomi")["events"]
    assert [json.loads(line) for line in lines] == events
    assert all(decode_event(line).id == e["id"] for line, e in zip(lines, events, strict=True))


def test_empty_exports_are_valid(tl):
    assert doc(tl, "xiaomi", until="1900-01-01")["events"] == []
    assert tl.export("xiaomi", format="jsonl", until="1900-01-01").content == b""


def test_write_export_takes_a_store_of_its_own(tl):
    out = io.BytesIO()
    n = write_export(tl.store, tl.registry, ExportRequest(entities=("byd",)), "jsonl", out)
    assert n == 1 and out.getvalue().count(b"\n") == 1


@pytest.mark.parametrize("n,chunk", [(0, 3), (1, 3), (3, 3), (7, 3), (10, 1)])
def test_write_joined_writes_in_chunks(n, chunk):
    class Sink(io.BytesIO):
        writes = 0

        def write(self, b):
            Sink.writes += 1
            return super().write(b)

    out = Sink()
    count = write_joined(out, (str(i) for i in range(n)), ",", chunk=chunk)
    assert count == n
    assert out.getvalue().decode() == ",".join(str(i) for i in range(n))
    assert Sink.writes == -(-n // chunk)


def test_export_to_a_path_is_atomic_and_reported(tl, tmp_path):
    target = tmp_path / "x.json"
    report = tl.export("xiaomi", out=target)
    assert report.path == str(target) and report.events == len(doc(tl, "xiaomi")["events"])
    assert report.to_dict() == {
        "format": "json",
        "entities": ["xiaomi"],
        "events": report.events,
        "path": str(target),
    }
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("hand.db"))
    assert left == ["x.json"]  # no temp file left behind


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (
            {"format": "pdf"},
            "unknown export format 'pdf'; choose from json, jsonl, timelinejs, html",
        ),
        ({"types": ["rumour"]}, "unknown event type 'rumour'; choose from share_buyback"),
        ({"as_of": "31/12/2025"}, "--as-of '31/12/2025' is not an ISO date; use YYYY-MM-DD"),
        ({"pit": True}, "--pit needs --as-of"),
    ],
)
def test_bad_requests_are_one_clear_error(tl, kwargs, message):
    from events.errors import TimelineError

    with pytest.raises(TimelineError) as info:
        tl.export("xiaomi", **kwargs)
    assert str(info.value).startswith(message)


def test_unknown_entity_suggests(tl):
    from events.errors import UnknownEntityError

    with pytest.raises(UnknownEntityError, match="did you mean 'xiaomi'"):
        tl.export("xiaomy")
