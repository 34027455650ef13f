"""`timeline asof`, `history`, `diff` as a user runs them: stdout and stderr checked apart."""

from __future__ import annotations

import json

import pytest

from tests.projections.builders import CONTRACT_KEYS
from timeline.cli import app


def run(runner, db, *args):
    return runner.invoke(app, [*args, "--db", str(db)], env={"COLUMNS": "160"})


def test_asof_json_is_the_contract_shape(runner, hand_db):
    out = run(runner, hand_db, "asof", "xiaomi", "2026-01-10", "--json")
    assert out.exit_code == 0, out.stderr
    assert out.stderr == ""
    state = json.loads(out.stdout)
    assert set(CONTRACT_KEYS) <= set(state)
    assert (state["entity"], state["as_of"], state["known_at"]) == ("xiaomi", "2026-01-10", None)
    assert state["price"]["close"] == {"amount": 38.0, "currency": "HKD"}
    assert state["price"]["event"].startswith("ev_")
    for section in (
        "guidance",
        "results",
        "ratings",
        "insiders",
        "products",
        "milestones",
        "plans",
    ):
        assert state[section] and all(f["event"].startswith("ev_") for f in state[section]), section
    assert state["consensus"]["count"] == 2 and state["capital_flow"]["event"].startswith("ev_")


def test_asof_human_report(runner, hand_db):
    out = run(runner, hand_db, "asof", "1810.HK", "2026-01-10")
    assert out.exit_code == 0, out.stderr
    text = out.stdout
    for expected in (
        "Xiaomi Corporation",
        "HKD 38.00",
        "2026-01-08",
        "550,000",
        "over 410,000",
        "5,000,000 shares",
        "162,000,000 shares",
        "23.26%",
        "Goldman Sachs",
        "HKD 53.50",
        "HKD 50.20",
        "Consensus",
        "SU7 facelift",
        "CNY 229,900",
        "launch planned for 2026-04",
    ):
        assert expected in text, expected
    assert "HSBC" not in text


def test_asof_pit(runner, hand_db):
    out = run(runner, hand_db, "asof", "xiaomi", "2025-06-30", "--pit", "--json")
    state = json.loads(out.stdout)
    assert state["known_at"] == "2025-06-30"
    assert state["price"]["close"]["amount"] == 36.25
    assert [(g["period"], g["value"]) for g in state["guidance"]] == [("2025", 300000)]
    human = run(runner, hand_db, "asof", "xiaomi", "2025-06-30", "--pit")
    assert "known at 2025-06-30" in human.stdout and "HKD 36.25" in human.stdout


def test_history_json_and_human(runner, hand_db):
    out = run(runner, hand_db, "history", "xiaomi", "ev_deliveries", "--json")
    assert out.exit_code == 0, out.stderr
    h = json.loads(out.stdout)
    assert [
        (r["period"], r["value"], r["action"]) for r in h["revisions"] if r["kind"] == "guidance"
    ] == [
        ("2025", 300000, "new"),
        ("2025", 400000, "raised"),
        ("2026", 550000, "raised"),
        ("2026", 550000, "reiterated"),
    ]
    human = run(runner, hand_db, "history", "xiaomi", "ev_deliveries", "--period", "2025")
    assert "300,000" in human.stdout and "raised" in human.stdout and "550,000" not in human.stdout


def test_diff_json_and_human(runner, hand_db):
    out = run(runner, hand_db, "diff", "xiaomi", "2025-12-01", "2026-01-10", "--json")
    assert out.exit_code == 0, out.stderr
    d = json.loads(out.stdout)
    assert (d["from"], d["to"]) == ("2025-12-01", "2026-01-10")
    sections = {c["section"] for c in d["changes"]}
    assert {"price", "guidance", "ratings", "buyback"} <= sections
    human = run(runner, hand_db, "diff", "xiaomi", "2025-12-01", "2026-01-10")
    for expected in (
        "HKD 41.18",
        "HKD 38.00",
        "Goldman Sachs",
        "5,000,000 shares",
        "ev_deliveries 2026",
    ):
        assert expected in human.stdout, expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("asof", "xaomi", "2026-01-10"), "Error: unknown entity 'xaomi'; did you mean 'xiaomi'?"),
        (
            ("asof", "xiaomi", "2026-01-10", "--pit", "--known-at", "2025-01-01"),
            "Error: --pit means known at 2026-01-10; drop --known-at 2025-01-01 or drop --pit",
        ),
        (
            ("history", "xiaomi", "revenue"),
            "Error: no guidance or results for metric 'revenue' of xiaomi;"
            " known metrics: ev_deliveries,"
            " smartphone_gross_margin",
        ),
    ],
)
def test_errors_are_one_line_on_stderr(runner, hand_db, args, message):
    out = run(runner, hand_db, *args)
    assert out.exit_code == 1
    assert out.stdout == ""
    assert out.stderr.strip() == message
    assert "Traceback" not in out.stderr


def test_bad_date_is_a_usage_error(runner, hand_db):
    out = run(runner, hand_db, "asof", "xiaomi", "2026-13-01")
    assert out.exit_code == 2 and out.stdout == ""
    assert "'2026-13-01' is not an ISO date; use YYYY-MM-DD" in out.stderr


def test_entity_with_nothing_known(runner, hand_db):
    out = run(runner, hand_db, "asof", "gm", "2026-01-10")
    assert out.exit_code == 0 and "Nothing is known about it" in out.stdout
