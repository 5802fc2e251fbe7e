"""Build the cached scope indexes ahead of time: ``python -m concord.data.prebuild``.

Run by ``make setup`` so that the first ``concord scope`` does not pay for reading
Natural Earth and GeoNames (a few seconds, once per user and package versions).
"""

from __future__ import annotations

import time

from concord.data import gazetteer
from concord.data.geography import geography


def main() -> None:
    start = time.perf_counter()
    geography()
    gazetteer.lookup("Paris")
    print(f"scope indexes ready ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
