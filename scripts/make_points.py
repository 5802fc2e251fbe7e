"""Write a CSV of random points (uniform on the sphere) to try ``concord scope --points``.

python scripts/make_points.py 100000 points.csv [--seed 1]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def random_points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes uniform on the sphere (not on the lat/lon rectangle)."""
    rng = np.random.default_rng(seed)
    lats = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))
    lons = rng.uniform(-180.0, 180.0, n)
    return lats, lons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    lats, lons = random_points(args.n, args.seed)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("name,lat,lon\n")
        for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
            fh.write(f"p{i},{lat:.5f},{lon:.5f}\n")


if __name__ == "__main__":
    main()
