"""The geography behind the clauses: Natural Earth land, envelopes, areas, vectorised path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import shapely

from concord.data.catalog import Catalog
from concord.data.geography import (
    INDEX_FORMAT,
    INDEX_PACKAGES,
    build_index,
    default_areas,
    from_index,
    geography,
)
from concord.data.index_cache import open_index, version_key
from concord.data.treaties import builtin_treaties
from concord.services.scope import check, check_file


def test_small_islands_are_in_the_data() -> None:
    geo = geography()
    for lat, lon, code in [(32.30, -64.78, "BMU"), (38.70, -27.22, "PRT"), (70.98, -8.50, "NOR")]:
        facts = geo.facts(lat, lon)  # Bermuda, Terceira (Azores), Jan Mayen
        assert facts.land is not None and facts.land.state == code


def test_envelopes_hold_the_home_land_of_every_ally(catalog: Catalog) -> None:
    """The largest piece of each ally on Europe or North America lies in its envelope."""
    geo = geography()
    allies = {m.code for m in catalog.body("NATO-NAC").memberships}
    checked = 0
    for i, feat in enumerate(geo.features):
        envelope = geo.areas.continents.get(feat.continent)
        if feat.sovereign not in allies or envelope is None or feat.code != feat.sovereign:
            continue
        own = [geo.parts[k] for k in np.flatnonzero(geo.part_feature == i)]
        biggest = max(own, key=lambda p: p.area)
        assert shapely.contains(envelope[1], biggest.representative_point()), feat.name
        checked += 1
    assert checked >= 30


def test_clause_states_exist_in_natural_earth() -> None:
    missing = builtin_treaties()["NATO-NAC"].state_codes() - geography().codes
    assert not missing


def test_vectorised_file_agrees_with_single_checks(catalog: Catalog, tmp_path: Path) -> None:
    rows = [
        ("Ankara", 39.93, 32.86),
        ("Tokyo", 35.68, 139.69),
        ("Las Palmas", 28.10, -15.42),
        ("Ceuta", 35.889, -5.32),
        ("Ionian", 35.0, 18.0),
        ("Nuuk", 64.18, -51.72),
    ]
    path = tmp_path / "points.csv"
    path.write_text("name,lat,lon\n" + "".join(f"{n},{a},{o}\n" for n, a, o in rows))
    day = date(2025, 1, 1)
    for forces in (False, True):
        batch = check_file(catalog, "NATO-NAC", path, on=day, forces=forces)
        assert [r.name for r in batch] == [n for n, _, _ in rows]
        for row, (_, lat, lon) in zip(batch, rows, strict=True):
            one = check(catalog, "NATO-NAC", lat=lat, lon=lon, on=day, forces=forces).finding
            assert (row.inside, row.clause, row.country) == (one.inside, one.clause, one.country)


def test_one_point_reads_only_the_polygons_near_it() -> None:
    index = open_index("geography", version_key(INDEX_FORMAT, INDEX_PACKAGES), build_index)
    fresh = from_index(index, default_areas())
    total = len(fresh.part_feature)
    reference = geography().facts(61.22, -149.90)  # Anchorage
    facts = fresh.facts(61.22, -149.90)
    loaded = sum(g is not None for g in fresh._parts)
    assert facts.land == reference.land
    assert 0 < loaded < total / 50
