"""Acceptance on the shipped seeds, as a new user runs it (issue 4, "Done when").

These need the rule extractor (`events.extract.default_extractor`); until it is installed
they are skipped with that reason.
"""

from __future__ import annotations

import json

import pytest

from tests.projections.conftest import has_extractor
from timeline.cli import app

pytestmark = pytest.mark.skipif(
    not has_extractor(), reason="needs events.extract.default_extractor"
)


def cli(runner, db, *args):
    out = runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "160"})
    assert out.exit_code == 0, out.stderr
    return out


def asof_json(runner, db, *args):
    return json.loads(cli(runner, db, "asof", *args, "--json").stdout)


def _titles(db, state) -> dict[str, tuple[str, str]]:
    """Cited event id -> (source title, reported)."""
    from timeline.projections.state import _walk_events
    from timeline.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    try:
        ids = set(_walk_events(state))
        return {i: (store.get(i).source.title, store.get(i).reported) for i in ids}
    finally:
        store.close()


def _guidance(state, metric, period):
    return next(
        (g for g in state["guidance"] if g["metric"] == metric and g["period"] == period), None
    )


def test_asof_xiaomi_2026_01_10(runner, seeded_db):
    s = asof_json(runner, seeded_db, "xiaomi", "2026-01-10")
    assert s["price"]["close"] == {"amount": 38.0, "currency": "HKD"}
    assert s["price"]["when"] == "2026-01-08"
    assert _guidance(s, "ev_deliveries", "2026")["value"] == 550000
    delivered = next(
        r for r in s["results"] if r["metric"] == "ev_deliveries" and r["period"] == "2025"
    )
    assert (delivered["value"], delivered["bound"]) == (410000, "at_least")
    b = s["buyback"]
    assert (b["last"]["shares"]["value"], b["last"]["when"]) == (5_000_000, "2026-01-08")
    assert b["programme"]["total_shares"]["value"] == 162_000_000
    lei = next(i for i in s["insiders"] if i["person"] == "Lei Jun")
    assert lei["stake_after_pct"]["value"] == 23.26
    targets = {r["firm"]: r["target"]["amount"] for r in s["ratings"] if r["target"]}
    assert targets.get("Goldman Sachs") == 53.5
    assert next(v for k, v in targets.items() if k.startswith("First Shanghai")) == 50.2
    c = s["consensus"]
    assert c["currency"] == "HKD" and c["count"] >= 2
    assert c["low"] <= 50.2 and c["high"] >= 53.5
    su7 = next(p for p in s["products"] if "su7" in p["product"].lower())
    assert su7["stage"] == "pre_order" and su7["price"] == {"amount": 229900.0, "currency": "CNY"}
    launch = next(x for x in su7["planned"] if x["stage"] == "launch")
    assert (launch["status"], launch["when"]) == ("planned", "2026-04")
    cited = _titles(seeded_db, s)
    assert not [t for t, _ in cited.values() if "HSBC" in t], (
        "nothing from the HSBC note of April 2026"
    )

    human = cli(runner, seeded_db, "asof", "xiaomi", "2026-01-10").stdout
    for expected in (
        "HKD 38.00",
        "2026-01-08",
        "550,000",
        "over 410,000",
        "5,000,000 shares",
        "162,000,000 shares",
        "Lei Jun",
        "23.26%",
        "Goldman Sachs",
        "HKD 53.50",
        "HKD 50.20",
        "Consensus",
        "CNY 229,900",
        "launch planned for 2026-04",
    ):
        assert expected in human, expected
    assert "HSBC" not in human


def test_asof_xiaomi_2025_06_30_pit(runner, seeded_db):
    s = asof_json(runner, seeded_db, "xiaomi", "2025-06-30", "--pit")
    assert s["known_at"] == "2025-06-30"
    assert _guidance(s, "ev_deliveries", "2025")["value"] == 300000
    assert s["price"]["close"] == {"amount": 36.25, "currency": "HKD"}
    cited = _titles(seeded_db, s)
    assert cited and all(reported <= "2025-06-30" for _, reported in cited.values())


def test_history_xiaomi_ev_deliveries(runner, seeded_db):
    h = json.loads(cli(runner, seeded_db, "history", "xiaomi", "ev_deliveries", "--json").stdout)
    stated = [
        r["value"] for r in h["revisions"] if r["period"] == "2025" and r["kind"] == "guidance"
    ]
    path_2025 = [
        v for i, v in enumerate(stated) if i == 0 or v != stated[i - 1]
    ]  # as the report shows it
    assert path_2025[0] == 300000
    assert len(path_2025) >= 2 and all(v > 300000 for v in path_2025[1:]), stated
    assert any(r["action"] == "raised" for r in h["revisions"] if r["period"] == "2025")
    assert 550000 in [
        r["value"] for r in h["revisions"] if r["period"] == "2026" and r["kind"] == "guidance"
    ]
    assert all(r["source"] and r["event"].startswith("ev_") for r in h["revisions"])
    human = cli(runner, seeded_db, "history", "xiaomi", "ev_deliveries").stdout
    assert "300,000" in human and "550,000" in human


def test_diff_xiaomi_2025_12_01_to_2026_01_10(runner, seeded_db):
    d = json.loads(
        cli(runner, seeded_db, "diff", "xiaomi", "2025-12-01", "2026-01-10", "--json").stdout
    )
    by = {(c["section"], c["key"]): c for c in d["changes"]}
    assert by["guidance", "ev_deliveries 2026"]["change"] == "added"
    assert by["price", "price"]["after"]["close"]["amount"] == 38.0
    assert by["ratings", "goldman sachs"]["change"] == "added"
    assert by["buyback", "buyback"]["change"] == "added"
    human = cli(runner, seeded_db, "diff", "xiaomi", "2025-12-01", "2026-01-10").stdout
    assert "Goldman Sachs" in human and "HKD 38.00" in human


def test_ingest_order_of_the_seeds_never_changes_an_answer(tmp_path, seeds_dir):
    from timeline.api import Timeline

    files = sorted(seeds_dir.glob("*.txt"))
    states = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        with Timeline.open(tmp_path / f"{name}.db") as tl:
            for path in order:
                assert tl.ingest([path]).ok
            states.append(
                [
                    tl.asof("xiaomi", day, pit=pit).to_dict()
                    for day in (
                        "2025-01-03",
                        "2025-06-30",
                        "2025-12-01",
                        "2026-01-10",
                        "2026-05-01",
                    )
                    for pit in (False, True)
                ]
            )
    assert states[0] == states[1]
