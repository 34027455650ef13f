"""`timeline export` and `timeline schema` as a user runs them: stdout, files, errors."""

from __future__ import annotations

import json

import pytest

from timeline.cli import app


def run(runner, hand_db, *args):
    return runner.invoke(app, ["export", *args, "--db", str(hand_db)])


def test_export_json_to_stdout(runner, hand_db):
    result = run(runner, hand_db, "xiaomi")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "timeline/1" and doc["entity"]["slug"] == "xiaomi"
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "jsonl", "timelinejs", "html"])
def test_export_to_a_file_says_what_it_wrote(runner, hand_db, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    result = run(runner, hand_db, "1810.HK", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Wrote ") and f"({fmt}) to {out}" in result.stderr
    assert out.stat().st_size > 1000


def test_cli_and_api_give_the_same_bytes(runner, hand_db, tl):
    for fmt in ("json", "jsonl", "timelinejs", "html"):
        cli = runner.invoke(app, ["export", "xiaomi", "-f", fmt, "--db", str(hand_db)]).stdout_bytes
        assert cli == tl.export("xiaomi", format=fmt).content


def test_filters_and_all(runner, hand_db):
    result = run(
        runner, hand_db, "--all", "-f", "jsonl", "-t", "stock_price", "--since", "2026-01-01"
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["entity"] for e in lines} == {"xiaomi", "byd"}
    assert {e["type"] for e in lines} == {"stock_price"}
    pit = json.loads(run(runner, hand_db, "xiaomi", "--as-of", "2025-12-31", "--pit").stdout)
    assert pit["as_of"] == pit["known_at"] == "2025-12-31"


@pytest.mark.parametrize(
    "args,message",
    [
        ((), "name an ENTITY to export (e.g. `timeline export xiaomi`) or pass --all"),
        (("xiaomi", "--all"), "give ENTITY names or --all, not both"),
        (("xiaomy",), "unknown entity 'xiaomy'; did you mean 'xiaomi'?"),
        (("xiaomi", "-t", "rumour"), "unknown event type 'rumour'; choose from share_buyback"),
        (("xiaomi", "--pit"), "--pit needs --as-of"),
    ],
)
def test_errors_are_one_line(runner, hand_db, args, message):
    result = run(runner, hand_db, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_bad_options_are_usage_errors(runner, hand_db):
    bad_format = run(runner, hand_db, "xiaomi", "-f", "pdf")
    assert bad_format.exit_code == 2 and "pdf" in bad_format.stderr
    bad_date = run(runner, hand_db, "xiaomi", "--as-of", "31.12.2025")
    assert bad_date.exit_code == 2 and "not an ISO date" in bad_date.stderr


def test_unwritable_output_is_one_clear_line(runner, hand_db, tmp_path):
    result = run(runner, hand_db, "xiaomi", "-o", str(tmp_path / "missing" / "x.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "check the path" in result.stderr


@pytest.mark.parametrize("verb", ["export", "schema", "add"])
def test_help_teaches_with_an_example(runner, verb):
    result = runner.invoke(app, [verb, "--help"])
    assert result.exit_code == 0
    assert "timeline " + verb in result.stdout.replace("  ", " ")
