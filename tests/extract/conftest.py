"""Helpers for extractor tests: articles built from text, events as plain dicts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from events.articles import Article, parse_article, read_article
from events.entities import Registry, default_registry
from events.extract import RuleExtractor, default_extractor

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def registry() -> Registry:
    return default_registry()


@pytest.fixture(scope="session")
def extractor() -> RuleExtractor:
    return default_extractor()


def article(body: str, published: str = "2025-11-20", title: str = "Company news") -> Article:
    """An article from plain text, as the ingest path would parse it."""
    text = f"{title}\nExample Wire\n{published} 09:00\n\n{body}\n"
    return parse_article(text.encode(), "test.txt", published=published).article


@pytest.fixture
def extract(extractor: RuleExtractor, registry: Registry) -> Callable[..., list[dict[str, Any]]]:
    """extract(body, published=..., title=...) -> events as dicts (type, entity, when, data...)."""

    def run(
        body: str, published: str = "2025-11-20", title: str = "Company news"
    ) -> list[dict[str, Any]]:
        return [
            msgspec.to_builtins(e)
            for e in extractor.extract(article(body, published, title), registry)
        ]

    return run


@pytest.fixture(scope="session")
def seed_events(extractor: RuleExtractor, registry: Registry) -> dict[str, list[dict[str, Any]]]:
    """Events of each seed article, keyed by the file's number prefix ("000" ... "004")."""
    out = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        a = read_article(path).article
        out[path.name[:3]] = [msgspec.to_builtins(e) for e in extractor.extract(a, registry)]
    return out


def find(events: list[dict[str, Any]], type_: str, **fields: Any) -> list[dict[str, Any]]:
    """Events of a type whose data (or entity / when label) has the given values."""
    out = []
    for e in events:
        if e["type"] != type_:
            continue
        ok = True
        for key, want in fields.items():
            if key == "entity":
                got = e["entity"]
            elif key == "when":
                got = e["when"]["label"]
            else:
                got = e["data"].get(key)
            if isinstance(want, float) and isinstance(got, (int, float)):
                ok = ok and abs(got - want) <= abs(want) * 1e-6
            else:
                ok = ok and got == want
        if ok:
            out.append(e)
    return out
