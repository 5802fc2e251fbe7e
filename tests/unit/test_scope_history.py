"""Territory over time: the former GDR before reunification, West Berlin, the Algerian Sahara."""

from __future__ import annotations

from datetime import date

import pytest
import shapely

from concord.data.catalog import Catalog
from concord.data.gazetteer import lookup
from concord.data.geography import geography
from concord.services.scope import check

BEFORE, AFTER = date(1980, 1, 1), date(1991, 1, 1)
EUROPE = "territory-europe-north-america"

# Towns on either side of the inner German border (GeoNames positions from the gazetteer):
# the gdr zone of areas.yaml must hold the eastern ones and none of the western ones.
WEST = [
    "Lübeck",
    "Ratzeburg",
    "Lauenburg",
    "Bleckede",
    "Hitzacker",
    "Dannenberg",
    "Gartow",
    "Wittingen",
    "Wolfsburg",
    "Helmstedt",
    "Schöningen",
    "Bad Harzburg",
    "Braunlage",
    "Duderstadt",
    "Eschwege",
    "Herleshausen",
    "Fulda",
    "Mellrichstadt",
    "Coburg",
    "Kronach",
    "Hof",
]
EAST = [
    "Wismar",
    "Schwerin",
    "Boizenburg",
    "Salzwedel",
    "Lenzen",
    "Oebisfelde",
    "Haldensleben",
    "Wernigerode",
    "Nordhausen",
    "Heiligenstadt",
    "Mühlhausen",
    "Eisenach",
    "Meiningen",
    "Hildburghausen",
    "Sonneberg",
    "Saalfeld",
    "Plauen",
    "Leipzig",
    "Dresden",
    "Rostock",
]


def inside_zone(zone: str, place: str) -> bool:
    found = lookup(f"{place}, DE")
    assert place in found.name, found  # the gazetteer found that town, not a namesake
    return bool(shapely.contains_xy(geography().areas.zones[zone], found.lon, found.lat))


@pytest.mark.parametrize("town", WEST)
def test_western_towns_are_outside_the_gdr_zone(town: str) -> None:
    assert not inside_zone("gdr", town)


@pytest.mark.parametrize("town", EAST)
def test_eastern_towns_are_inside_the_gdr_zone(town: str) -> None:
    assert inside_zone("gdr", town)


@pytest.mark.parametrize(
    ("name", "lat", "lon", "on", "forces", "inside", "clause", "words"),
    [
        ("Leipzig 1980", 51.34, 12.37, BEFORE, False, False, None, ["reunification", "1990-10-03"]),
        ("Leipzig 1990-10-02", 51.34, 12.37, date(1990, 10, 2), False, False, None, ["GDR"]),
        ("Leipzig 1990-10-03", 51.34, 12.37, date(1990, 10, 3), False, True, EUROPE, ["Germany"]),
        ("Leipzig 1991", 51.34, 12.37, AFTER, False, True, EUROPE, []),
        ("East Berlin 1980", 52.522, 13.413, BEFORE, False, False, None, ["GDR"]),
        ("East Berlin 1991", 52.522, 13.413, AFTER, False, True, EUROPE, []),
        ("Leipzig 1980, forces", 51.34, 12.37, BEFORE, True, False, None, ["GDR"]),
        ("Frankfurt 1980", 50.11, 8.68, BEFORE, False, True, EUROPE, ["Germany"]),
        ("Frankfurt 1950", 50.11, 8.68, date(1950, 1, 1), False, False, None, ["1955-05-06"]),
        (
            "Frankfurt 1950, forces",
            50.11,
            8.68,
            date(1950, 1, 1),
            True,
            True,
            "occupation-forces-1949",
            [],
        ),
        (
            "West Berlin 1980",
            52.507,
            13.332,
            BEFORE,
            False,
            None,
            EUROPE,
            ["West Berlin", "1954-10-22"],
        ),
        (
            "West Berlin 1980, forces",
            52.507,
            13.332,
            BEFORE,
            True,
            True,
            "forces-occupation-areas",
            [],
        ),
        ("West Berlin 1991", 52.507, 13.332, AFTER, False, True, EUROPE, []),
        ("East Berlin 1980, forces", 52.522, 13.413, BEFORE, True, False, None, []),
        (
            "Ouargla 1955",
            31.95,
            5.33,
            date(1955, 1, 1),
            False,
            False,
            None,
            ["Southern Territories"],
        ),
        (
            "Ouargla 1960",
            31.95,
            5.33,
            date(1960, 1, 1),
            False,
            None,
            "algerian-departments",
            ["Oasis"],
        ),
        ("Ouargla 1963", 31.95, 5.33, date(1963, 1, 1), False, False, None, ["Algeria"]),
        ("Oran 1955", 35.70, -0.63, date(1955, 1, 1), False, True, "algerian-departments", []),
        (
            "Tamanrasset 1961",
            22.79,
            5.52,
            date(1961, 1, 1),
            False,
            None,
            "algerian-departments",
            [],
        ),
    ],
)
def test_dated_territory(
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
    assert (found.inside, found.clause) == (inside, clause), found.reason
    for word in words:
        assert word in found.reason, found.reason


def test_west_berlin_is_cut_out_of_the_gdr_zone() -> None:
    zones = geography().areas.zones
    for lat, lon in [(52.507, 13.332), (52.535, 13.20), (52.43, 13.26), (52.48, 13.44)]:
        assert shapely.contains_xy(zones["west-berlin"], lon, lat)
        assert not shapely.contains_xy(zones["gdr"], lon, lat)
    for lat, lon in [(52.522, 13.413), (52.57, 13.41), (52.45, 13.58), (52.515, 13.50)]:
        assert shapely.contains_xy(zones["gdr"], lon, lat)
