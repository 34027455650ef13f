"""Shared fixtures: a fresh log path, the seeds, and a log with the seeds ingested."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "timeline.db"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once per session; tests get their own copy."""
    from timeline.api import Timeline

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    with Timeline.open(path) as tl:
        report = tl.ingest([SEEDS])
    assert report.ok, report.errors
    return path


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "seeded.db"
    shutil.copyfile(seeded_db_template, path)
    return path


# CI runs the hypothesis laws and fuzzers derandomized (repeatable: a red run is a real,
# reproducible failure); locally they explore new examples each run.
if os.environ.get("CI"):
    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    settings.load_profile("ci")
