"""Benchmark: how long one ``concord scope`` call takes as a user feels it (whole process).

Run by hand: ``.venv/bin/python bench/scope_cli.py [RUNS] [--before REF]``. In one run it
times, as separate processes: the baseline ``concord bodies`` (start-up and catalog only);
a place query and a point query on an empty cache folder (the first call builds the
indexes), then warm (median of RUNS); and with ``--before REF`` the same two queries on
the code of git REF (e.g. ``main``), exported to a temporary folder and put first on
PYTHONPATH, using this venv.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = "import sys; from concord.cli.main import main; sys.exit(main())"
PLACE = ["scope", "NATO-NAC", "--place", "Longyearbyen", "--on", "2025-01-01"]
POINT = ["scope", "NATO-NAC", "--lat", "61.22", "--lon", "-149.90", "--on", "2025-01-01"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], env=env, capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return took


def median(args: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(timed(args, env) for _ in range(runs))


def main() -> None:
    argv = sys.argv[1:]
    before = None
    if "--before" in argv:
        i = argv.index("--before")
        before = argv[i + 1]
        del argv[i : i + 2]
    runs = int(argv[0]) if argv else 5
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CONCORD_CACHE_DIR": str(Path(tmp) / "cache")}
        rows = [("baseline: concord bodies", median(["bodies"], env, runs))]
        rows.append(("place, first call (builds both indexes)", timed(PLACE, env)))
        rows.append(("place, warm", median(PLACE, env, runs)))
        rows.append(("point, warm", median(POINT, env, runs)))
        fresh = {**env, "CONCORD_CACHE_DIR": str(Path(tmp) / "cache2")}
        rows.append(("point, first call (builds the geography index)", timed(POINT, fresh)))
        if before is not None:
            old = Path(tmp) / "before"
            old.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", before, "src"], capture_output=True, check=True
            )
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            old_env = {**env, "PYTHONPATH": str(old / "src")}
            rows.append((f"place, {before} (no index)", median(PLACE, old_env, runs)))
            rows.append((f"point, {before} (no index)", median(POINT, old_env, runs)))
    base = rows[0][1]
    for label, seconds in rows:
        print(f"{label:<50} {seconds:6.2f} s  (+{seconds - base:5.2f} s over baseline)")
    print(f"runs per median: {runs}; load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
