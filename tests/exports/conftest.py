"""Fixtures for the exports: a hand-built log (no extractor needed), readers and a browser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import msgspec
import pytest

from events.model import (
    Event,
    Evidence,
    RetractionData,
    Source,
    decode_event,
    encode_event,
    event_id,
    make_event,
)
from tests.projections.builders import ev, xiaomi
from timeline.api import Timeline
from timeline.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def has_extractor() -> bool:
    try:
        from events.extract import default_extractor  # noqa: F401
    except ImportError:
        return False
    return True


needs_extractor = pytest.mark.skipif(
    not has_extractor(), reason="events.extract.default_extractor is not importable yet"
)


@pytest.fixture(autouse=True)
def no_extractor_needed(monkeypatch):
    """Exports and `add` never extract: let `Timeline.open` work before the extractor lands."""
    if not has_extractor():
        import timeline.api

        monkeypatch.setattr(timeline.api, "_default_extractor", lambda: None)


def canonical(event: Event) -> Event:
    """The event as the log gives it back: ints in float fields become floats, id recomputed.

    (The builders pass ints such as `value=300000` where the contract says float; the store
    keeps what it is given, so an export of such an event re-decodes to other bytes.)
    """
    again = decode_event(encode_event(event))
    return msgspec.structs.replace(
        again, id=event_id(again.type, again.entity, again.when, again.data, again.source.article)
    )


def hand_events() -> list:
    """The seeds' facts by hand, plus what exports must cope with: evidence with markup, a
    second company, a retracted event and its retraction."""
    events = [canonical(e) for e in xiaomi()]
    tricky = ev(
        "milestone",
        "2025-12-31",
        "2026-01-02",
        article="art_tricky",
        kind="record",
        description='Record <b>high</b> & "quotes"',
    )
    tricky = msgspec.structs.replace(
        tricky, evidence=Evidence(text="It said <script>alert(1)</script> & more", start=0, end=40)
    )
    wrong = ev(
        "stock_price",
        "2026-01-05",
        "2026-01-05",
        article="art_wrong",
        close={"amount": 99.0, "currency": "HKD"},
    )
    retraction = make_event(
        "retraction",
        entity="xiaomi",
        when=wrong.when,
        reported="2026-01-07",
        source=Source(
            article="art_fix", origin="art_fix.txt", title="Correction", published="2026-01-07"
        ),
        data=RetractionData(target=wrong.id, reason="wrong price"),
    )
    byd = ev(
        "stock_price",
        "2026-01-08",
        "2026-01-08",
        entity="byd",
        article="art_byd",
        close={"amount": 100.0, "currency": "HKD"},
    )
    return [*events, tricky, wrong, byd, retraction]


@pytest.fixture
def hand_db(tmp_path: Path) -> Path:
    path = tmp_path / "hand.db"
    store = SQLiteStore(path)
    store.append(hand_events())
    store.close()
    return path


@pytest.fixture
def tl(hand_db: Path):
    with Timeline.open(hand_db) as timeline:
        yield timeline


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless chromium (installed by .ci/run); skipped with the reason otherwise."""
    path = _chromium()
    if path is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    try:
        subprocess.run([path, "--version"], capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as e:
        pytest.skip(f"chromium does not start here: {e}")
    return path
