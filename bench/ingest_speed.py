"""Ingestion throughput: articles/s for one process, --workers 2 and a Dask LocalCluster.

Usage: python bench/ingest_speed.py [CORPUS_DIR] [--copies 200] [--repeat 3]

The corpus is replicated COPIES times into a temporary folder. The baseline, measured in the
same run, is the cost of just reading, decoding and cleaning the files (no analysis). Each
figure is the best of REPEAT runs (wall clock), so that other load on a shared machine skews
it less; the one-process run also reports articles per CPU-second of this process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from concord.ingest.cleaning import clean
from concord.services.ingestion import expand_inputs, ingest_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "news" / "dev"


def replicate(corpus: Path, copies: int, into: Path) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    for i in range(copies):
        for f in files:
            shutil.copy(f, into / f"{i:04d}-{f.name}")
    return [into]


REPEAT = 3


def timed(label: str, n: int, fn: object) -> float:
    assert callable(fn)
    best, cpu = float("inf"), float("inf")
    for _ in range(REPEAT):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print(
        f"  {label:<38} {n / best:9.1f} articles/s   ({best:.2f} s wall; "
        f"{n / cpu:.1f} articles per CPU-second of the main process)"
    )
    return n / best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=REPEAT)
    args = ap.parse_args()
    globals()["REPEAT"] = max(1, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        paths = replicate(args.corpus, args.copies, Path(tmp))
        files = expand_inputs(paths)
        n = len(files)
        print(f"{n} articles ({args.copies} copies of {args.corpus.name}), {os.cpu_count()} cores")
        timed(
            "baseline: read + decode + clean",
            n,
            lambda: [clean(f.read_bytes().decode("utf-8")) for f in files],
        )
        timed("ingest, 1 process", n, lambda: ingest_paths(paths))
        timed("ingest, --workers 2", n, lambda: ingest_paths(paths, workers=2))
        try:
            from distributed import LocalCluster
        except ImportError:
            print("  dask: not installed (pip install 'concord[dask]')")
            return 0
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            timed(
                "ingest, Dask LocalCluster (2 workers)",
                n,
                lambda: ingest_paths(paths, dask_address=cluster.scheduler_address),
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
