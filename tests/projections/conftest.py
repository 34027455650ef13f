"""Read-side fixtures: a log of hand-built Xiaomi events; read verbs without an extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.projections.builders import xiaomi
from timeline.store.sqlite import SQLiteStore


def has_extractor() -> bool:
    try:
        from events.extract import default_extractor  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def no_extractor_needed(monkeypatch):
    """Read verbs never extract: let `Timeline.open` work before the extractor is installed."""
    if not has_extractor():
        import timeline.api

        monkeypatch.setattr(timeline.api, "_default_extractor", lambda: None)


@pytest.fixture
def hand_db(tmp_path: Path, no_extractor_needed) -> Path:
    """A log holding `builders.xiaomi()`, what the seeds state, built by hand."""
    path = tmp_path / "hand.db"
    store = SQLiteStore(path)
    store.append(xiaomi())
    store.close()
    return path


@pytest.fixture
def hand_store(hand_db: Path):
    store = SQLiteStore(hand_db)
    yield store
    store.close()
