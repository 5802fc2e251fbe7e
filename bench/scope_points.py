"""Benchmark: ``scope --points`` on 100,000 random points, vectorised vs a per-point loop.

Run by hand: ``.venv/bin/python bench/scope_points.py [N] [BASELINE_N]``. Both paths run in
this process on the same points; the per-point baseline (one shapely query per point,
the way a non-vectorised implementation works) runs on a subset and is extrapolated,
and its answers are checked against the vectorised ones.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

from concord.data.catalog import Catalog
from concord.data.geography import geography
from concord.data.treaties import builtin_treaties
from concord.model.scope import judge
from concord.services.scope import check_file, memberships

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.make_points import random_points


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_base = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    catalog = Catalog.load()
    day = date(2025, 1, 1)
    t0 = time.perf_counter()
    geo = geography()
    load = time.perf_counter() - t0
    lats, lons = random_points(n, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "points.csv"
        path.write_text(
            "lat,lon\n" + "".join(f"{a:.5f},{o:.5f}\n" for a, o in zip(lats, lons, strict=True))
        )
        t0 = time.perf_counter()
        rows = check_file(catalog, "NATO-NAC", path, on=day)
        vec = time.perf_counter() - t0
    body = catalog.body("NATO-NAC")
    treaty, spans = builtin_treaties()["NATO-NAC"], memberships(body)
    t0 = time.perf_counter()
    base = [
        judge(treaty, geo.facts(float(rows[i].lat), float(rows[i].lon)), spans, day)
        for i in range(n_base)
    ]
    loop = time.perf_counter() - t0
    agree = sum(
        (b.inside, b.clause) == (r.inside, r.clause) for b, r in zip(base, rows, strict=False)
    )
    inside = sum(r.inside is True for r in rows)
    print(f"Natural Earth + areas load (once per process): {load:.2f} s")
    print(f"points: {n:,}  inside: {inside:,} ({inside / n:.1%})")
    print(f"vectorised (read CSV + facts + judge): {vec:.2f} s  = {n / vec:,.0f} points/s")
    print(
        f"baseline per-point loop on {n_base:,} points: {loop:.2f} s = {n_base / loop:,.0f} "
        f"points/s, extrapolated to {n:,}: {loop / n_base * n:.1f} s"
    )
    print(f"speed-up: {(loop / n_base * n) / vec:.1f}x; baseline agrees on {agree}/{n_base}")
    print(f"numpy {np.__version__}")


if __name__ == "__main__":
    main()
