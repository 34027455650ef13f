"""Packaging mistakes show up here: the module entry point, and every verb documented."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT
from timeline.cli import app


def _verbs() -> set[str]:
    return {c.name or c.callback.__name__ for c in app.registered_commands}


def test_python_m_timeline_help():
    out = subprocess.run(
        [sys.executable, "-m", "timeline", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    for verb in _verbs():
        assert verb in out.stdout


def test_every_verb_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [v for v in _verbs() if not re.search(rf"timeline {v}\b", readme)]
    assert not missing, f"README does not show: {missing}"


def test_readme_has_exactly_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m pip install . && timeline ingest seeds/" in readme
    assert "python3 -m pip install '.[test]' && python3 -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install '.[test]' && python3 -m pytest" in ci


def test_a_query_does_not_load_the_write_side_or_the_exporters():
    """Every command starts a Python; `timeline asof` should not pay for the rules, the
    exporters, the importer or sqlite-utils (each is imported where it is used)."""
    code = "import sys, timeline.cli, timeline.api; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    heavy = {
        "events.extract",
        "events.articles.parse",
        "timeline.exports.html",
        "timeline.exports.run",
        "timeline.importer",
        "timeline.ingest",
        "sqlite_utils",
    }
    assert not loaded & heavy, f"loaded at start-up: {sorted(loaded & heavy)}"
