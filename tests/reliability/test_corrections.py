"""Corrections: `timeline retract` and `timeline add` append; nothing is edited or lost.

A retraction is a new event; the original stays readable in `events` and `show` next to it;
projections known on or after the retraction's date leave the original out, earlier ones
(point-in-time) still see it. Every misuse is one clear line on stderr and changes nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reliability.helpers import EXTRACTOR, SQL_TEXT, make_article, make_events
from timeline.cli import app
from timeline.store.sqlite import SQLiteStore

K = 2  # per article: a stock price (even i) and a milestone (odd i)


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """xiaomi closes on 2025-01-01 (40), 2025-01-04 (43) and 2025-01-07 (46)."""
    db = tmp_path / "corrections log.db"
    store = SQLiteStore(db)
    for n in (0, 3, 6, 1):
        article = make_article(n)
        store.append_article(article, make_events(article, n, K), EXTRACTOR)
    store.close()
    return db


def _events(runner: CliRunner, db: Path) -> list[dict]:
    out = runner.invoke(app, ["events", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.stderr
    return json.loads(out.stdout)


def _price_event(db: Path, n: int) -> str:
    article = make_article(n)
    return make_events(article, n, K)[0].id


def _invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def test_retract_appends_a_retraction_and_keeps_the_original(runner, log):
    target = _price_event(log, 6)
    before = _events(runner, log)
    out = _invoke(runner, "retract", target[:12], "--reason", "close was misread", "--db", str(log))
    assert out.exit_code == 0, out.stderr
    assert f"Retracted {target[:14]}" in " ".join(out.stdout.split())
    after = _events(runner, log)
    assert after[: len(before)] == before  # nothing before it changed
    assert len(after) == len(before) + 1
    retraction = after[-1]
    original = next(e for e in before if e["id"] == target)
    today = datetime.now(UTC).date().isoformat()
    assert retraction["type"] == "retraction"
    assert retraction["seq"] == before[-1]["seq"] + 1
    assert retraction["data"] == {"target": target, "reason": "close was misread"}
    assert retraction["entity"] == original["entity"] == "xiaomi"
    assert retraction["source"] == original["source"]
    assert retraction["reported"] == today
    assert retraction["when"] == {"start": today, "end": today, "label": today}
    assert retraction["extractor"] == {"name": "manual", "version": "1"}
    shown = _invoke(runner, "show", target, "--db", str(log), "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["retracted_by"] == retraction["id"]
    human = _invoke(runner, "show", target, "--db", str(log))
    assert "retracted" in human.stdout and "close was misread" in human.stdout
    verify = _invoke(runner, "verify", "--db", str(log))
    assert verify.exit_code == 0 and "hash chain intact" in verify.stdout


def test_retract_json_and_reported_date(runner, log):
    target = _price_event(log, 3)
    out = _invoke(
        runner,
        "retract",
        target,
        "--reason",
        SQL_TEXT,
        "--reported",
        "2025-02-01",
        "--db",
        str(log),
        "--json",
    )
    assert out.exit_code == 0, out.stderr
    event = json.loads(out.stdout)
    assert event["reported"] == "2025-02-01" and event["when"]["label"] == "2025-02-01"
    assert event["data"]["reason"] == SQL_TEXT.strip()  # stored verbatim, never run as SQL


def test_projections_drop_a_retracted_event_from_its_date_on(log):
    from timeline.api import Timeline

    target = _price_event(log, 6)
    with Timeline.open(log) as tl:
        before = tl.asof("xiaomi", "2025-01-31")
        assert before.price is not None and before.price.event == target
        retraction = tl.retract(target, "wrong close", reported="2025-02-01")
        assert retraction.seq == tl.store.last_seq()
        now = tl.asof("xiaomi", "2025-01-31")
        assert now.price is not None and now.price.event == _price_event(log, 3)
        assert target not in json.dumps(now.to_dict())
        # what anyone could have known on 2025-01-31: the retraction came later
        then = tl.asof("xiaomi", "2025-01-31", known_at="2025-01-31")
        assert then.price is not None and then.price.event == target
        assert tl.get(target).id == target  # the original is still there
        assert tl.verify().ok


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ev_nope", "--reason", "x"], 1, "no event 'ev_nope'"),
        (["TARGET", "--reason", "   "], 1, "needs a reason"),
        (["TARGET"], 2, "Missing option '--reason'"),
        (["TARGET", "--reason", "x", "--reported", "2026-02-31"], 2, "not an ISO date"),
        (["TARGET", "--reason", "x", "--reported", "2024-12-31"], 1, "would precede"),
        (["%", "--reason", "x"], 1, "no event '%'"),
    ],
)
def test_retract_misuse_is_one_clear_error_and_appends_nothing(runner, log, args, code, message):
    target = _price_event(log, 0)
    args = [target if a == "TARGET" else a for a in args]
    before = _events(runner, log)
    out = _invoke(runner, "retract", *args, "--db", str(log))
    assert out.exit_code == code, out.stdout + out.stderr
    assert message in " ".join(out.stderr.split())
    assert "Traceback" not in out.stderr and not out.stdout.strip()
    assert _events(runner, log) == before


def test_retract_twice_or_a_retraction_is_refused(runner, log):
    target = _price_event(log, 0)
    first = _invoke(runner, "retract", target, "--reason", "wrong", "--db", str(log), "--json")
    assert first.exit_code == 0, first.stderr
    retraction = json.loads(first.stdout)["id"]
    before = _events(runner, log)
    again = _invoke(runner, "retract", target, "--reason", "still wrong", "--db", str(log))
    assert again.exit_code == 1
    assert f"already retracted by {retraction}" in " ".join(again.stderr.split())
    meta = _invoke(runner, "retract", retraction, "--reason", "undo", "--db", str(log))
    assert meta.exit_code == 1
    assert "is itself a retraction" in " ".join(meta.stderr.split())
    assert _events(runner, log) == before


def _has_add() -> bool:
    return any((c.name or c.callback.__name__) == "add" for c in app.registered_commands)


@pytest.mark.skipif(not _has_add(), reason="`timeline add` has not landed yet")
def test_add_hand_written_events_then_retract_one(runner, log, tmp_path):
    events = [
        {
            "type": "milestone",
            "entity": "xiaomi",
            "when": {"start": "2025-03-01", "end": "2025-03-01", "label": "2025-03-01"},
            "reported": "2025-03-02",
            "source": {"article": "manual", "origin": "analyst notes ü.json"},
            "data": {"kind": "note", "description": f"hand-written {SQL_TEXT}"},
        }
    ]
    hand = tmp_path / "hand written ü.json"
    hand.write_text(json.dumps(events), encoding="utf-8")
    before = _events(runner, log)
    out = _invoke(runner, "add", str(hand), "--db", str(log))
    assert out.exit_code == 0, out.stderr
    after = _events(runner, log)
    assert len(after) == len(before) + 1
    added = after[-1]
    assert added["data"]["description"] == f"hand-written {SQL_TEXT}"
    again = _invoke(runner, "add", str(hand), "--db", str(log))
    assert again.exit_code == 0 and _events(runner, log) == after  # idempotent
    out = _invoke(runner, "retract", added["id"], "--reason", "typo", "--db", str(log))
    assert out.exit_code == 0, out.stderr
    assert _invoke(runner, "verify", "--db", str(log)).exit_code == 0


@pytest.mark.skipif(not _has_add(), reason="`timeline add` has not landed yet")
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda e: e.pop("entity"), "entity: missing required field"),
        (lambda e: e.update(type="rumour"), "type"),
        (lambda e: e["data"].update(kind=7), "data.kind"),
        (lambda e: e.update(reported="31.02.2026"), "reported"),
        (lambda e: e["when"].update(start="2025-02-30"), "when.start"),
        (lambda e: e.update(id="ev_" + "0" * 64), "does not match"),
    ],
)
def test_add_bad_event_is_a_clear_error_and_appends_nothing(runner, log, tmp_path, mutate, message):
    good = {
        "type": "milestone",
        "entity": "xiaomi",
        "when": {"start": "2025-03-01", "end": "2025-03-01", "label": "2025-03-01"},
        "reported": "2025-03-02",
        "source": {"article": "manual", "origin": "notes"},
        "data": {"kind": "note", "description": "fine"},
    }
    bad = json.loads(json.dumps(good))
    mutate(bad)
    path = tmp_path / "bad events.json"
    path.write_text(json.dumps([good, bad]))
    before = _events(runner, log)
    out = _invoke(runner, "add", str(path), "--db", str(log))
    assert out.exit_code == 1, out.stdout
    flat = " ".join(out.stderr.split())
    assert str(path) in flat and "events[1]" in flat and message in flat, flat
    assert "Traceback" not in out.stderr
    assert _events(runner, log) == before  # the good first event was not appended either
