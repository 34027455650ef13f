"""`timeline add`: exports and hand-written events back into a log; round trips and merges."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from events.errors import InvalidEventError
from events.model import GuidanceData, Source, encode_event, make_event
from events.values import When
from tests.exports.conftest import hand_events
from timeline.api import Timeline
from timeline.cli import app
from timeline.store.sqlite import SQLiteStore


def events_of(tl, entity=None) -> list[dict]:
    """The exported events without `recorded` (the one field another log stamps anew)."""
    doc = json.loads(tl.export(entity).content)
    return [{k: v for k, v in e.items() if k != "recorded"} for e in doc["events"]]


def hand_written(**overrides) -> dict:
    """An event as a person would type it: no id, seq or recorded."""
    event = {
        "type": "analyst_rating",
        "entity": "xiaomi",
        "when": {"start": "2026-02-02", "end": "2026-02-02", "label": "2026-02-02"},
        "reported": "2026-02-02",
        "source": {"article": "manual:desk-note", "origin": "desk note", "title": "Call with UBS"},
        "data": {"firm": "UBS", "rating": "buy", "target_price": {"amount": 55, "currency": "HKD"}},
    }
    event.update(overrides)
    return event


def write(path: Path, value) -> Path:
    path.write_text(json.dumps(value, indent=2))
    return path


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_add_export_round_trips(tl, tmp_path, fmt):
    exported = tmp_path / f"all.{fmt}"
    tl.export(None, format=fmt, out=exported)
    with Timeline.open(tmp_path / "empty.db") as fresh:
        report = fresh.add(exported)
        assert report.added == report.read == len(events_of(tl))
        assert report.present == 0 and report.computed_ids == 0
        assert events_of(fresh) == events_of(tl)
        assert fresh.verify().ok


def test_adding_twice_appends_nothing(tl, tmp_path):
    exported = tmp_path / "x.json"
    tl.export("xiaomi", out=exported)
    again = tl.add(exported)
    assert again.added == 0 and again.present == again.read > 0


def test_two_logs_merge(tmp_path):
    events = hand_events()
    a, b = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    a.append(events[:15])
    b.append(events[10:])
    a.close()
    b.close()
    with Timeline.open(tmp_path / "a.db") as la:
        la.export(None, format="jsonl", out=tmp_path / "a.jsonl")
    with Timeline.open(tmp_path / "b.db") as lb:
        report = lb.add(tmp_path / "a.jsonl")
        assert (report.added, report.present) == (10, 5)
        ids = [e["id"] for e in events_of(lb)]
        assert sorted(ids) == sorted(e.id for e in events) and len(set(ids)) == len(ids)
        assert lb.verify().ok


def test_events_built_with_ints_in_float_fields_still_round_trip(tmp_path):
    # value=300000 (an int where the contract says float): make_event stores and hashes the
    # canonical float, so the exported event re-imports under the same id
    loose = make_event(
        "guidance",
        entity="xiaomi",
        when=When.day("2025-01-03"),
        reported="2025-01-03",
        source=Source(article="art_1", origin="a.txt"),
        data=GuidanceData(metric="deliveries", period="2025", value=300000),
    )
    assert b'"value":300000.0}' in encode_event(loose)
    store = SQLiteStore(tmp_path / "a.db")
    store.append([loose])
    store.close()
    with Timeline.open(tmp_path / "a.db") as la:
        la.export(None, out=tmp_path / "a.json")
    with Timeline.open(tmp_path / "b.db") as lb:
        assert lb.add(tmp_path / "a.json").added == 1
        assert [e.id for e in lb.events()] == [loose.id]


def test_hand_written_events_get_their_content_address(tl, tmp_path):
    path = write(tmp_path / "hand.json", [hand_written(), hand_written(entity="Xiaomi Corp")])
    report = tl.add(path)
    assert (report.read, report.added, report.present, report.computed_ids) == (2, 1, 1, 2)
    added = [e for e in tl.events(entity="xiaomi") if e.source.article == "manual:desk-note"]
    assert len(added) == 1 and added[0].id.startswith("ev_") and added[0].seq > 0
    assert added[0].data.target_price.amount == 55.0
    # the same event written again, id included, is recognised
    with_id = hand_written(id=added[0].id)
    assert tl.add(write(tmp_path / "again.json", {"events": [with_id]})).present == 1


def test_a_single_event_object_and_jsonl_are_accepted(tl, tmp_path):
    assert tl.add(write(tmp_path / "one.json", hand_written())).added == 1
    days = [f"2026-02-0{i}" for i in (3, 4)]
    lines = "\n".join(
        json.dumps(hand_written(when={"start": d, "end": d, "label": d})) for d in days
    )
    (tmp_path / "two.jsonl").write_text(lines + "\n\n")
    assert tl.add(tmp_path / "two.jsonl").added == 2


@pytest.mark.parametrize(
    "content,message",
    [
        (
            [hand_written(data={"firm": 3})],
            "hand.json: events[0]: data.firm: expected `str`, got `int`",
        ),
        (
            [hand_written(), hand_written(reported=None)],
            "hand.json: events[1]: reported: expected `str`, got `null`",
        ),
        (
            [{k: v for k, v in hand_written().items() if k != "source"}],
            "hand.json: events[0]: source: missing required field",
        ),
        (
            [hand_written(data={"firm": "UBS", "stars": 5})],
            "hand.json: events[0]: data.stars: unknown field",
        ),
        (
            [hand_written(type="rumour")],
            "hand.json: events[0]: type: invalid value 'rumour'; known types: share_buyback, ",
        ),
        (
            [hand_written(reported="02/02/2026")],
            "hand.json: events[0]: reported: '02/02/2026' is not an ISO date (YYYY-MM-DD)",
        ),
        (
            [hand_written(when={"start": "2026-03-01", "end": "2026-02-01", "label": "x"})],
            "hand.json: events[0]: when: start 2026-03-01 is after end 2026-02-01",
        ),
        (
            [hand_written(id="ev_" + "0" * 64)],
            f"hand.json: events[0]: id: ev_{'0' * 64} does not match the event's content "
            "(expected ev_",
        ),
        (
            [hand_written(entity="Xiaomi Corp", id="ev_x")],
            "hand.json: events[0]: entity: 'Xiaomi Corp' is a name, not a slug; write 'xiaomi'",
        ),
        (
            [hand_written(entity="Xiaomy Corp")],
            "hand.json: events[0]: entity: unknown entity 'Xiaomy Corp'; did you mean 'xiaomi'",
        ),
        (
            {"schema": "timeline/2", "events": []},
            "hand.json: schema 'timeline/2' is not supported; this timeline reads timeline/1",
        ),
        ({"events": 3}, "hand.json: events: expected `array | null`, got `int`"),
        ([1], "hand.json: events[0]: event: expected `object`, got `int`"),
    ],
)
def test_bad_events_are_one_line_naming_file_event_and_field(
    tl, tmp_path, monkeypatch, content, message
):
    monkeypatch.chdir(tmp_path)
    before = tl.store.last_seq()
    with pytest.raises(InvalidEventError) as info:
        tl.add(write(Path("hand.json"), content))
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)
    assert tl.store.last_seq() == before  # nothing of a bad file is appended


@pytest.mark.parametrize(
    "name,text,message",
    [
        ("empty.json", "  \n", "empty.json: empty file; expected a timeline/1 JSON export"),
        ("bad.json", '{"events": [', "bad.json: not valid JSON (Input data was truncated)"),
        (
            "bad.jsonl",
            '{"type": "milestone"}\n{oops\n',
            "bad.jsonl: line 1: entity: missing required field",
        ),
        (
            "bad2.jsonl",
            json.dumps(hand_written()) + "\n{oops\n",
            "bad2.jsonl: line 2: not valid JSON",
        ),
        ("notes.txt", "hello", "notes.txt: not JSON; expected a timeline/1 JSON export"),
    ],
)
def test_unreadable_files(tl, tmp_path, monkeypatch, name, text, message):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text)
    with pytest.raises(InvalidEventError) as info:
        tl.add(name)
    assert str(info.value).startswith(message), str(info.value)


def test_big_files_are_appended_batch_by_batch(tl, tmp_path, monkeypatch):
    import timeline.importer

    monkeypatch.setattr(timeline.importer, "BATCH", 4)
    exported = tmp_path / "all.jsonl"
    tl.export(None, format="jsonl", out=exported)
    with Timeline.open(tmp_path / "fresh.db") as fresh:
        report = fresh.add(exported)
        assert report.added == report.read > 8
        assert events_of(fresh) == events_of(tl)


def test_cli_add(runner, tl, hand_db, tmp_path):
    path = write(tmp_path / "hand.json", [hand_written()])
    result = runner.invoke(app, ["add", str(path), "--db", str(hand_db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: 1 events read, 1 added, 0 already present, 1 ids computed\n"
    again = runner.invoke(app, ["add", str(path), "--db", str(hand_db), "--json"])
    assert json.loads(again.stdout) == [
        {"path": str(path), "read": 1, "added": 0, "present": 1, "computed_ids": 1, "articles": 0}
    ]
    said = runner.invoke(app, ["add", str(path), "--db", str(hand_db)])
    assert "Nothing new" in said.stdout


def test_cli_add_reports_a_bad_file_and_goes_on(runner, hand_db, tmp_path):
    bad = write(tmp_path / "bad.json", [hand_written(data={"firm": 3})])
    good = write(tmp_path / "good.json", [hand_written()])
    result = runner.invoke(app, ["add", str(bad), str(good), "--db", str(hand_db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {bad}: events[0]: data.firm: expected `str`, got `int`"
    )
    assert "1 added" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_read_events_gives_the_validated_events(tmp_path):
    from timeline.importer import read_events

    events = read_events(write(tmp_path / "x.json", [hand_written()]))
    assert msgspec.json.decode(encode_event(events[0]))["id"] == events[0].id
