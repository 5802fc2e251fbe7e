"""Article 6 on real geography: places, dates, clauses and reasons (the traps of issue 4)."""

from __future__ import annotations

from datetime import date

import pytest

from concord.data.catalog import Catalog
from concord.services.scope import check

TODAY = date(2025, 1, 1)
TERRITORY_EU_NA = "territory-europe-north-america"
ISLANDS = "islands-north-atlantic"

# name, lat, lon, on, forces, expected inside, expected clause, words the reason must contain
PLACES = [
    ("Tokyo", 35.68, 139.69, TODAY, False, False, None, ["Japan", "not a Party"]),
    ("Ankara", 39.93, 32.86, TODAY, False, True, "territory-turkey", ["Turkey"]),
    ("Anchorage", 61.22, -149.90, TODAY, False, True, TERRITORY_EU_NA, ["North America"]),
    ("Honolulu", 21.31, -157.86, TODAY, False, False, None, ["island outside", "Tropic"]),
    ("Guam", 13.48, 144.75, TODAY, False, False, None, ["Guam", "United States"]),
    ("Las Palmas", 28.10, -15.42, TODAY, False, True, ISLANDS, ["island of Spain"]),
    ("Ponta Delgada, Azores", 37.74, -25.67, TODAY, False, True, ISLANDS, ["Portugal"]),
    (
        "Hamilton, Bermuda",
        32.29,
        -64.78,
        TODAY,
        False,
        True,
        ISLANDS,
        ["Bermuda", "United Kingdom"],
    ),
    ("San Juan", 18.47, -66.11, TODAY, False, False, None, ["Puerto Rico", "south of the Tropic"]),
    ("Cayenne", 4.94, -52.33, TODAY, False, False, None, ["France", "not an island"]),
    ("Stanley", -51.69, -57.86, TODAY, False, False, None, ["Falkland", "south of the Tropic"]),
    ("Nuuk", 64.18, -51.72, TODAY, False, True, TERRITORY_EU_NA, ["Greenland", "Denmark"]),
    ("Longyearbyen", 78.22, 15.65, TODAY, False, True, TERRITORY_EU_NA, ["Norway", "Europe"]),
    ("Algiers 1955", 36.73, 3.09, date(1955, 1, 1), False, True, "algerian-departments", []),
    ("Algiers 1962-07-02", 36.73, 3.09, date(1962, 7, 2), False, True, "algerian-departments", []),
    ("Algiers 1962-07-03", 36.73, 3.09, date(1962, 7, 3), False, False, None, ["Algeria"]),
    ("Algiers today", 36.73, 3.09, TODAY, False, False, None, ["Algeria", "not a Party"]),
    ("Ionian Sea", 35.0, 18.0, TODAY, False, False, None, ["open sea", "land only"]),
    ("Ionian Sea, forces", 35.0, 18.0, TODAY, True, True, "forces-mediterranean", []),
    ("Ionian Sea, forces 1950", 35.0, 18.0, date(1950, 1, 1), True, False, None, ["open sea"]),
    ("Mid-Atlantic, forces", 45.0, -30.0, TODAY, True, True, "forces-north-atlantic", []),
    ("Atlantic south of the Tropic", 15.0, -40.0, TODAY, True, False, None, ["open sea"]),
    ("Atlantic at 23°N", 23.0, -40.0, TODAY, True, False, None, ["Tropic of Cancer"]),
    ("Atlantic at 24°N", 24.0, -40.0, TODAY, True, True, "forces-north-atlantic", []),
    ("Black Sea, forces", 43.0, 34.0, TODAY, True, None, "black-sea", ["Black Sea"]),
    ("Baltic, forces", 55.7, 18.0, TODAY, True, None, "baltic", ["Baltic"]),
    ("Ceuta", 35.889, -5.32, TODAY, False, None, TERRITORY_EU_NA, ["Spain", "African"]),
    ("Melilla", 35.294, -2.938, TODAY, False, None, TERRITORY_EU_NA, ["Spain"]),
    (
        "Las Palmas before Spain joined",
        28.10,
        -15.42,
        date(1980, 1, 1),
        False,
        False,
        None,
        ["1982-05-30"],
    ),
    ("Helsinki 2023-04-03", 60.17, 24.94, date(2023, 4, 3), False, False, None, ["2023-04-04"]),
    ("Helsinki 2023-04-04", 60.17, 24.94, date(2023, 4, 4), False, True, TERRITORY_EU_NA, []),
    ("Ankara 1951", 39.93, 32.86, date(1951, 6, 1), False, False, None, ["1952-02-18"]),
    ("Istanbul", 41.01, 28.98, TODAY, False, True, "territory-turkey", []),
    (
        "Paris before the treaty",
        48.85,
        2.35,
        date(1949, 8, 23),
        False,
        False,
        None,
        ["not in force"],
    ),
    ("Paris", 48.85, 2.35, TODAY, False, True, TERRITORY_EU_NA, ["France", "Europe"]),
    ("Reykjavik", 64.15, -21.94, TODAY, False, True, TERRITORY_EU_NA, ["Iceland"]),
    ("Vienna, forces", 48.21, 16.37, TODAY, True, True, "forces-occupation-areas", ["Austria"]),
    ("Vienna", 48.21, 16.37, TODAY, False, False, None, ["Austria", "not a Party"]),
    ("Honolulu, forces", 21.31, -157.86, TODAY, True, False, None, []),
    ("Akrotiri", 34.59, 32.99, TODAY, False, False, None, ["United Kingdom"]),
]


@pytest.mark.parametrize(
    ("name", "lat", "lon", "on", "forces", "inside", "clause", "words"),
    PLACES,
    ids=[p[0] for p in PLACES],
)
def test_place(
    catalog: Catalog,
    name: str,
    lat: float,
    lon: float,
    on: date,
    forces: bool,
    inside: bool | None,
    clause: str | None,
    words: list[str],
) -> None:
    found = check(catalog, "NATO-NAC", lat=lat, lon=lon, on=on, forces=forces).finding
    assert found.inside is inside, found.reason
    assert found.clause == clause, found.reason
    for word in words:
        assert word in found.reason, found.reason


def test_ankara_is_inside_only_by_the_turkey_clause(catalog: Catalog) -> None:
    found = check(catalog, "NATO-NAC", lat=39.93, lon=32.86, on=TODAY).finding
    assert found.clauses == ("territory-turkey",)


def test_istanbul_is_not_counted_as_europe_but_turkey(catalog: Catalog) -> None:
    # Natural Earth files all of Turkey under Asia; the Turkey clause covers both shores.
    found = check(catalog, "NATO-NAC", lat=41.01, lon=28.98, on=TODAY).finding
    assert "territory-turkey" in found.clauses


def test_british_isles_match_both_europe_and_islands(catalog: Catalog) -> None:
    found = check(catalog, "NATO-NAC", lat=51.5, lon=-0.12, on=TODAY).finding
    assert found.clause == TERRITORY_EU_NA
    assert ISLANDS in found.clauses


def test_forces_over_covered_territory(catalog: Catalog) -> None:
    found = check(catalog, "NATO-NAC", lat=39.93, lon=32.86, on=TODAY, forces=True).finding
    assert found.inside is True
    assert found.clause == "forces-territories"
    assert "over territory of Turkey" in found.reason


def test_the_1949_text_applies_before_turkey_acceded(catalog: Catalog) -> None:
    before = check(catalog, "NATO-NAC", lat=45.0, lon=-30.0, on=date(1952, 2, 17), forces=True)
    after = check(catalog, "NATO-NAC", lat=45.0, lon=-30.0, on=date(1952, 2, 18), forces=True)
    assert (before.finding.clause, before.finding.text) == ("vessels-aircraft-1949", "text-1949")
    assert (after.finding.clause, after.finding.text) == ("forces-north-atlantic", "text-1951")
