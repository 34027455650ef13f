"""The entity registry: canonical slugs for companies, from names, aliases and tickers.

Shipped as data (`events/data/entities.json`) and extendable: `Registry.load(extra)` merges
user JSON files of the same shape (also `$TIMELINE_ENTITIES`, paths separated by `:`).
Lookups from the CLI are case-insensitive; mentions in article text are matched
case-sensitively, because "Apple" the company and "apple" the fruit differ by case. Every
name is also matched in capitals ("COSTCO", "TENCENT HOLDINGS"): wire briefs and headlines
are written that way, and capitals never name the fruit.

Lookalikes and subsidiaries are entities of their own, so that the longest name wins:
"Siemens Energy" and "Siemens Healthineers" are not Siemens, "Daimler Truck" is not
Mercedes-Benz, "Porsche" (Porsche AG) and "Porsche SE" are not Volkswagen. `parent` names
the controlling shareholder (Siemens for Healthineers, Volkswagen for Porsche AG, Porsche
SE for Volkswagen); it is information only when the subsidiary is listed, because a listed
company has its own shares, price, dividends and results, and events about it are its own.

A unit without shares of its own (`listed: false` and a `parent`: Jio Platforms and
Reliance Retail of Reliance Industries, Amazon Web Services, Siemens Gamesa) is filed under
its parent: its figures are part of the parent's accounts and no security trades on it.
`resolve()` of its name gives the parent and `unit_of()` tells which unit a name means, for
the extractor to record next to the event. A demanding analyst wants the Jio listing and
Jio's subscriber milestone on Reliance's timeline, but never Jio's profit taken for
Reliance's: so text mentions of units count for the parent only once the extractor records
the unit (`MATCH_UNITS_IN_TEXT`). When a unit lists, set `listed` to true and give it
tickers: its events become its own. An unlisted company without a parent (Huawei) is its
own entity.

Bare "Daimler" names no entity: since Daimler AG became Mercedes-Benz Group in 2022 and
Daimler Truck was spun off, news uses it for either; "Daimler AG" and "DaimlerChrysler",
the former names of the Mercedes-Benz legal entity, still resolve to Mercedes-Benz.

`fiscal_year_named_by` is "end" for nearly everyone (FY2026 ends in 2026) and "start" for
the few that name a fiscal year by the year it starts in (Sony, SoftBank Group: FY2025 is
April 2025 - March 2026); pass it to `fiscal_to_when(..., start_named=...)`.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

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
    fiscal_year_named_by: Literal["end", "start"] = "end"
    country: str | None = None
    sector: str | None = None
    parent: str | None = None  # slug of the controlling company, if any
    listed: bool = True  # False: no shares of its own; with a `parent`, filed under it

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


# Whether mentions of unlisted units count as mentions of their parent (see `surfaces`).
MATCH_UNITS_IN_TEXT = False

_KEPT_FIELDS = (
    "fiscal_year_end_month",
    "fiscal_year_named_by",
    "country",
    "sector",
    "parent",
    "listed",
)
_DEFAULTS = {f: getattr(Entity(slug="_", name="_"), f) for f in _KEPT_FIELDS}


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
    _surfaces: dict[str, str] | None = attrs.field(default=None, init=False)

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
            kept = {  # what the new entry leaves at its default keeps the known value
                f: getattr(old, f)
                for f in _KEPT_FIELDS
                if getattr(entity, f) == _DEFAULTS[f] and getattr(old, f) != _DEFAULTS[f]
            }
            entity = msgspec.structs.replace(
                entity,
                aliases=sorted({*old.aliases, *entity.aliases, old.name} - {entity.name}),
                tickers=sorted({*old.tickers, *entity.tickers}),
                **kept,
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
        self._surfaces = None

    def get(self, slug: str) -> Entity:
        return self.entities[slug]

    def filed_under(self, slug: str) -> str:
        """The slug events about `slug` carry: its own, or for an unlisted unit its parent's
        (followed up the chain while the parent is known and unlisted itself)."""
        seen = {slug}
        entity = self.entities.get(slug)
        while entity is not None and not entity.listed and entity.parent in self.entities:
            slug = entity.parent
            if slug in seen:  # a cycle in user data: stop where it closes
                break
            seen.add(slug)
            entity = self.entities[slug]
        return slug

    def resolve(self, name: str) -> Entity:
        """The entity whose timeline holds events about a slug, name, alias or ticker (for
        an unlisted unit its parent's); UnknownEntityError with suggestions."""
        slug = self._lookup.get(_key(name))
        if slug is None:
            raise UnknownEntityError(name, self.suggest(name))
        return self.entities[self.filed_under(slug)]

    def unit_of(self, name: str) -> Entity | None:
        """The unlisted unit a name means ("Jio Platforms", "AWS"), or None for a company
        that is filed under its own slug: what the extractor records next to the parent."""
        slug = self._lookup.get(_key(name))
        if slug is None or self.filed_under(slug) == slug:
            return None
        return self.entities[slug]

    def surfaces(self) -> dict[str, str]:
        """Every text form that names a company in running text -> the slug it is filed
        under: names, aliases, tickers and their short forms, and the capitals of names.

        A name starting "The " is given without it ("Walt Disney Company"), so that matchers
        keyed on a first word need not try every "the". Capitals never displace a form some
        other entity writes that way. Unlisted units are left out unless
        `MATCH_UNITS_IN_TEXT` is set: the extractor does not yet tell a unit's figures
        ("Jio Platforms crossed 500 million subscribers during the quarter") from the
        parent's, so a sentence opening with a unit is still read as about an unknown
        company; `resolve()` and `unit_of()` know them either way.
        """
        if self._surfaces is None:
            explicit = {
                (n[4:] if n.startswith("The ") else n): self.filed_under(slug)
                for n, slug in self._surface.items()
                if MATCH_UNITS_IN_TEXT or self.filed_under(slug) == slug
            }
            out = dict(explicit)
            for surface, slug in explicit.items():
                upper = surface.upper()
                if upper != surface and upper not in explicit and len(upper) == len(surface):
                    out.setdefault(upper, slug)
            self._surfaces = out
        return self._surfaces

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
        surfaces = self.surfaces()
        if self._pattern is None:
            names = sorted(surfaces, key=len, reverse=True)
            alternation = "|".join(re.escape(n) for n in names)
            self._pattern = re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")
        return [
            Mention(m.start(), m.end(), surfaces[m.group(0)], m.group(0))
            for m in self._pattern.finditer(text)
        ]


_default: Registry | None = None


def default_registry() -> Registry:
    """The shipped registry plus `$TIMELINE_ENTITIES`, built once per process."""
    global _default
    if _default is None:
        _default = Registry.load()
    return _default
