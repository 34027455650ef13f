"""Every CLI error is one line on stderr naming the input and the fix, never a traceback."""

from __future__ import annotations

import pytest

from timeline.cli import app


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["asof", "xiaomi", "notadate"],
            "Error: Invalid value for DATE: 'notadate' is not an ISO date; use YYYY-MM-DD "
            "(see `timeline asof --help`)",
        ),
        (["asof", "xiaomi"], "Error: Missing argument 'DATE'. (see `timeline asof --help`)"),
        (
            ["events", "--bogus"],
            "Error: No such option: --bogus (see `timeline events --help`)",
        ),
        (["frobnicate"], "Error: No such command 'frobnicate'. (see `timeline --help`)"),
    ],
)
def test_usage_errors_are_one_line_with_where_to_look(runner, db_path, args, line):
    out = runner.invoke(app, args, env={"TIMELINE_DB": str(db_path)})
    assert out.exit_code == 2
    assert out.stderr == line + "\n"
    assert out.stdout == ""


def test_a_long_message_stays_on_one_line(runner, db_path):
    out = runner.invoke(app, ["events", "--type", "guidanc", "--db", str(db_path)])
    assert out.exit_code == 2
    assert out.stderr.count("\n") == 1
    assert "unknown event type 'guidanc'; choose from share_buyback" in out.stderr


def test_no_arguments_shows_the_help(runner):
    out = runner.invoke(app, [])
    assert "Usage: timeline" in out.output and "asof" in out.output
    assert "Error" not in out.output


def test_a_bug_is_one_line_and_the_traceback_is_on_request(runner, db_path, monkeypatch):
    from timeline import api

    def broken(self):
        raise KeyError("boom")

    monkeypatch.setattr(api.Timeline, "entities", broken)
    out = runner.invoke(app, ["entities", "--db", str(db_path)])
    assert out.exit_code == 1
    assert out.stderr == (
        "Error: internal error (KeyError: 'boom'); this is a bug in timeline: run again "
        "with TIMELINE_DEBUG=1 for the traceback, and report it\n"
    )
    debug = runner.invoke(app, ["entities", "--db", str(db_path)], env={"TIMELINE_DEBUG": "1"})
    assert isinstance(debug.exception, KeyError)
