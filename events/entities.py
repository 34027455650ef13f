"""The entity registry: canonical slugs for companies, from names, aliases and tickers.

Shipped as data (`events/data/entities.json`) and extendable: `Registry.load(extra)` merges
user JSON files of the same shape (also `$TIMELINE_ENTITIES`, paths separated by `:`).
Lookups from the CLI are case-insensitive; mentions in article text are matched
case-sensitively, because "Apple" the company and "apple" the fruit differ by case.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs
import msgspec

from events.errors import TimelineError, UnknownEntityError

__all__ = ["Entity", "Mention", "Registry", "default_registry"]


class Entity(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One company: `slug` is the id events carry."""

    slug: str
    name: str
    aliases: list[str] = []
    tickers: list[str] = []
    fiscal_year_end_month: int = 12
    country: str | None = None
    sector: str | None = None

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class _RegistryFile(msgspec.Struct):
    entities: list[Entity]
    version: int = 1


@attrs.frozen
class Mention:
    """A company named in a text: [start, end) offsets and the entity's slug."""

    start: int
    end: int
    slug: str
    text: str


def _key(name: str) -> str:
    """Case- and punctuation-insensitive lookup key: 'Xiaomi Corp.' == 'xiaomi corp'."""
    return re.sub(r"[^0-9a-z]+", " ", name.lower()).strip()


def _ticker_forms(ticker: str) -> set[str]:
    """`01810.HK` is also asked for as `1810.HK` and `1810`; `XIACY.US` as `XIACY`."""
    forms = {ticker}
    base, _, market = ticker.partition(".")
    if base.isdigit():
        forms.add(base.lstrip("0") + ("." + market if market else ""))
    return forms


@attrs.define
class Registry:
    """Resolves any name, alias or ticker to an entity; finds company mentions in text."""

    entities: dict[str, Entity] = attrs.field(factory=dict)
    _lookup: dict[str, str] = attrs.field(factory=dict, init=False)
    _pattern: re.Pattern[str] | None = attrs.field(default=None, init=False)
    _surface: dict[str, str] = attrs.field(factory=dict, init=False)

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> Registry:
        registry = cls()
        shipped = resources.files("events").joinpath("data/entities.json").read_bytes()
        registry.add_all(msgspec.json.decode(shipped, type=_RegistryFile).entities)
        env = os.environ.get("TIMELINE_ENTITIES", "")
        paths = [*extra, *(Path(p) for p in env.split(os.pathsep) if p)]
        for path in paths:
            try:
                registry.add_all(
                    msgspec.json.decode(Path(path).read_bytes(), type=_RegistryFile).entities
                )
            except (OSError, msgspec.DecodeError, msgspec.ValidationError) as e:
                raise TimelineError(
                    f"{path}: cannot read the entity file ({e}); "
                    'it must be JSON like {"entities": [{"slug": ..., "name": ...}]}'
                ) from e
        return registry

    def add_all(self, entities: Iterable[Entity]) -> None:
        for entity in entities:
            self.add(entity)

    def add(self, entity: Entity) -> None:
        """Add or extend an entity; a user entry with a known slug adds its aliases to it."""
        if entity.slug in self.entities:
            old = self.entities[entity.slug]
            entity = msgspec.structs.replace(
                entity,
                aliases=sorted({*old.aliases, *entity.aliases, old.name} - {entity.name}),
                tickers=sorted({*old.tickers, *entity.tickers}),
            )
        self.entities[entity.slug] = entity
        self._lookup[_key(entity.slug)] = entity.slug
        for name in entity.names:
            self._lookup[_key(name)] = entity.slug
            self._surface[name] = entity.slug
        for ticker in entity.tickers:
            for form in _ticker_forms(ticker):
                self._lookup[_key(form)] = entity.slug
                self._surface[form] = entity.slug
        self._pattern = None

    def get(self, slug: str) -> Entity:
        return self.entities[slug]

    def resolve(self, name: str) -> Entity:
        """The entity for a slug, name, alias or ticker; UnknownEntityError with suggestions."""
        slug = self._lookup.get(_key(name))
        if slug is None:
            raise UnknownEntityError(name, self.suggest(name))
        return self.entities[slug]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        keys = difflib.get_close_matches(_key(name), list(self._lookup), n=n * 2, cutoff=0.6)
        seen: list[str] = []
        for key in keys:
            slug = self._lookup[key]
            if slug not in seen:
                seen.append(slug)
        return seen[:n]

    def mentions(self, text: str) -> list[Mention]:
        """Every company name, alias or ticker in `text`, longest first, in text order."""
        if self._pattern is None:
            names = sorted(self._surface, key=len, reverse=True)
            alternation = "|".join(re.escape(n) for n in names)
            self._pattern = re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")
        return [
            Mention(m.start(), m.end(), self._surface[m.group(0)], m.group(0))
            for m in self._pattern.finditer(text)
        ]


_default: Registry | None = None


def default_registry() -> Registry:
    """The shipped registry plus `$TIMELINE_ENTITIES`, built once per process."""
    global _default
    if _default is None:
        _default = Registry.load()
    return _default
