"""Where the dashboard's files are, and which world atlas a page needs.

The browser libraries (d3-geo, topojson-client, world-atlas) come from the npm
registry: ``make setup`` installs them in ``frontend/node_modules`` and copies the
few files served into ``static/vendor`` (git-ignored). Nothing is fetched from a CDN.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
PAGES_DIR = WEB_DIR / "pages"
VENDOR_DIR = STATIC_DIR / "vendor"

# Smallest first: 110m lacks small states (Malta, Bahrain, Saint Vincent...), 50m has them.
ATLASES = ("countries-110m.json", "countries-50m.json")
VENDOR_HINT = "the map libraries are missing: run `make setup` (it copies them from npm)"


def vendor_missing() -> list[str]:
    """Served vendor files that are not there (empty when ``make setup`` ran)."""
    needed = [
        "d3-array.min.js",
        "d3-geo.min.js",
        "topojson-client.min.js",
        *(f"world-atlas/{a}" for a in ATLASES),
    ]
    return [n for n in needed if not (VENDOR_DIR / n).is_file()]


@cache
def _atlas_ids(name: str) -> frozenset[str]:
    path = VENDOR_DIR / "world-atlas" / name
    if not path.is_file():
        return frozenset()
    topo = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(str(g["id"]) for g in topo["objects"]["countries"]["geometries"] if "id" in g)


def atlas_for(numeric_codes: Iterable[str | None]) -> dict[str, Any]:
    """The smallest atlas that has a shape for every code, and the codes none has."""
    wanted = {c for c in numeric_codes if c}
    chosen = ATLASES[-1]
    for name in ATLASES:
        if wanted <= _atlas_ids(name):
            chosen = name
            break
    missing = sorted(wanted - _atlas_ids(chosen))
    return {"atlas": f"/static/vendor/world-atlas/{chosen}", "missing": missing}
