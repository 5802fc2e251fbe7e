"""Charter scope: is a place inside a body's treaty area on a date, and under which clause?

One point (``concord scope``, and ``analyze`` for a proposal's location) or a whole CSV
file of points, vectorised. Geometry and gazetteer come from the data layer; the
reading of the clauses is :func:`concord.model.scope.judge`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from concord.data.catalog import Catalog
from concord.data.gazetteer import UnknownPlace, lookup
from concord.data.geography import geography
from concord.data.treaties import builtin_treaties
from concord.model.body import Body
from concord.model.dossier import Location
from concord.model.errors import ConcordError
from concord.model.scope import Finding, Memberships, PlaceFacts, judge
from concord.model.treaty import Treaty

Today = Callable[[], date]


@dataclass(frozen=True)
class ScopeResult:
    finding: Finding
    body: str
    on: date
    forces: bool
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PointRow:
    """One row of a points file and its answer."""

    line: int
    name: str
    lat: float
    lon: float
    inside: bool | None
    clause: str | None
    country: str | None


def treaty_for(body: Body) -> Treaty:
    treaty = builtin_treaties().get(body.id)
    if treaty is None:
        known = ", ".join(sorted(builtin_treaties())) or "none"
        raise ConcordError(
            f"no treaty area is defined for {body.id} (bodies with one: {known})", where="BODY"
        )
    return treaty


def memberships(body: Body) -> Memberships:
    spans: dict[str, tuple[date, date | None]] = {}
    for m in sorted(body.memberships, key=lambda m: m.joined):
        spans.setdefault(m.code, (m.joined, m.left))
    return spans


def _coordinate(value: float, name: str, limit: int) -> float:
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise ConcordError(f"{name}: expected a number between -{limit} and {limit}, got {value:g}")
    return value


def check(
    catalog: Catalog,
    body_id: str,
    *,
    lat: float | None = None,
    lon: float | None = None,
    place: str | None = None,
    on: date | None = None,
    forces: bool = False,
    today: Today = date.today,
) -> ScopeResult:
    """``concord scope BODY (--lat --lon | --place NAME) [--on] [--forces]``."""
    body = catalog.body(body_id)
    treaty = treaty_for(body)
    if place is not None and (lat is not None or lon is not None):
        raise ConcordError("give either --place or --lat and --lon, not both")
    if (lat is None) != (lon is None):
        raise ConcordError(
            f"{'--lon' if lon is None else '--lat'}: missing; --lat and --lon go together"
        )
    label = ""
    if place is not None:
        found = lookup(place)
        lat, lon, label = found.lat, found.lon, found.label
    if lat is None or lon is None:
        raise ConcordError("say where: --lat LAT --lon LON, or --place NAME")
    lat = _coordinate(lat, "--lat", 90)
    lon = _coordinate(lon, "--lon", 180)
    day = on or today()
    facts = geography().facts(lat, lon)
    finding = judge(treaty, facts, memberships(body), day, forces=forces, place=label)
    return ScopeResult(finding, body.id, day, forces, lat, lon)


def for_location(location: Location, body: Body, day: date) -> ScopeResult:
    """The scope of a proposal's location, for ``analyze``; never fails on a bad place name."""
    treaty = builtin_treaties().get(body.id)
    label = location.name or ""
    if treaty is None:
        finding = Finding(None, None, f"no treaty area is defined for {body.id}", label)
        return ScopeResult(finding, body.id, day, False, location.lat, location.lon)
    lat, lon = location.lat, location.lon
    if lat is None or lon is None:
        try:
            found = lookup(location.name or "")
        except UnknownPlace as exc:
            finding = Finding(None, None, f"proposal.location: {exc}", label)
            return ScopeResult(finding, body.id, day, False)
        lat, lon, label = found.lat, found.lon, label or found.label
    facts = geography().facts(lat, lon)
    finding = judge(treaty, facts, memberships(body), day, place=label)
    return ScopeResult(finding, body.id, day, False, lat, lon)


def read_points(path: Path) -> tuple[list[int], list[str], np.ndarray, np.ndarray]:
    """A CSV file with a header naming ``lat`` and ``lon`` (``name`` optional)."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except FileNotFoundError:
        raise ConcordError("no such file", where=str(path)) from None
    except OSError as exc:
        raise ConcordError(f"cannot read file: {exc.strerror}", where=str(path)) from None
    lines: list[int] = []
    names: list[str] = []
    lats: list[float] = []
    lons: list[float] = []
    with handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            raise ConcordError(
                "empty file, expected a header with lat,lon", where=str(path)
            ) from None
        except UnicodeDecodeError:
            raise ConcordError("file is not UTF-8 text", where=str(path)) from None
        cols = {}
        for want, aliases in (("lat", ("lat", "latitude")), ("lon", ("lon", "lng", "longitude"))):
            idx = next((header.index(a) for a in aliases if a in header), None)
            if idx is None:
                raise ConcordError(
                    f"header: expected a column named {want}, got {', '.join(header)}",
                    where=f"{path}:1",
                )
            cols[want] = idx
        name_col = next((header.index(a) for a in ("name", "id", "place") if a in header), None)
        try:
            for row in reader:
                if not row or all(not c.strip() for c in row):
                    continue
                line = reader.line_num
                where = f"{path}:{line}"
                try:
                    lat = float(row[cols["lat"]])
                    lon = float(row[cols["lon"]])
                except (ValueError, IndexError):
                    raise ConcordError(
                        "expected numbers in the lat and lon columns", where=where
                    ) from None
                try:
                    _coordinate(lat, "lat", 90)
                    _coordinate(lon, "lon", 180)
                except ConcordError as exc:
                    raise ConcordError(exc.message, where=where) from None
                lines.append(line)
                names.append(row[name_col] if name_col is not None and name_col < len(row) else "")
                lats.append(lat)
                lons.append(lon)
        except UnicodeDecodeError:
            raise ConcordError("file is not UTF-8 text", where=str(path)) from None
    return lines, names, np.asarray(lats, dtype=np.float64), np.asarray(lons, dtype=np.float64)


def judge_many(
    treaty: Treaty, facts: list[PlaceFacts], spans: Memberships, day: date, forces: bool
) -> list[Finding]:
    """Judge many points; points with the same facts share one reading (cheap for big files)."""
    memo: dict[tuple[object, ...], Finding] = {}
    out = []
    for fa in facts:
        key = (fa.land, fa.areas, fa.zones, fa.lat > treaty.tropic)
        found = memo.get(key)
        if found is None:
            found = memo[key] = judge(treaty, fa, spans, day, forces=forces)
        out.append(found)
    return out


def check_file(
    catalog: Catalog,
    body_id: str,
    path: Path,
    *,
    on: date | None = None,
    forces: bool = False,
    today: Today = date.today,
) -> list[PointRow]:
    """``concord scope BODY --points FILE.csv``: every point, vectorised."""
    body = catalog.body(body_id)
    treaty = treaty_for(body)
    lines, names, lats, lons = read_points(path)
    day = on or today()
    facts = geography().facts_many(lats, lons)
    findings = judge_many(treaty, facts, memberships(body), day, forces)
    return [
        PointRow(line, name, float(lat), float(lon), fi.inside, fi.clause, fi.country)
        for line, name, lat, lon, fi in zip(lines, names, lats, lons, findings, strict=True)
    ]
