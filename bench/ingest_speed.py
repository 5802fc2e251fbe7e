"""Ingestion throughput: articles/s for one process, --workers 2 and a Dask LocalCluster.

Usage: python bench/ingest_speed.py [CORPUS_DIR] [--copies 200] [--repeat 3]
       [--officials N] [--before REF]

The corpus is replicated COPIES times into a temporary folder. The baseline, measured in the
same run, is the cost of just reading, decoding and cleaning the files (no analysis). Each
figure is the best of REPEAT runs (wall clock), so that other load on a shared machine skews
it less; the one-process run also reports articles per CPU-second of this process.

``--officials N`` adds N synthetic officials (bench/synthetic_officials.py, a temporary folder,
never the shipped data) to the gazetteer, to show what a big gazetteer costs: the time to the
first ``lexicon()`` (reading and checking the YAML, building the name index) and the
per-article CPU. Dask workers are separate processes that read the shipped gazetteer, so the
Dask row is skipped then. ``--before REF`` first runs the load and one-process figures on the
code of git REF (exported to a temporary folder, first on PYTHONPATH, same venv and data).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
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


def use_synthetic_officials(n: int, into: Path) -> None:
    """Point the lexicon at the shipped officials plus ``n`` synthetic ones."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic_officials

    from concord.data import officials as registry
    from concord.ingest import lexicon as lexicon_module

    for p in registry.FOLDER.glob("*.yaml"):
        shutil.copy(p, into / p.name)
    synthetic_officials.write(into, n)
    lexicon_module.gazetteer = lambda: registry.officials(into)  # type: ignore[assignment]


def first_lexicon() -> tuple[float, float]:
    """Wall and CPU seconds to the first ``lexicon()``: YAML, checks, indexes, patterns."""
    from concord.data.catalog import actor_index
    from concord.ingest.lexicon import lexicon

    actor_index()  # the catalog is loaded by every command anyway: not the gazetteer's cost
    t0, c0 = time.perf_counter(), time.process_time()
    lexicon()
    return time.perf_counter() - t0, time.process_time() - c0


def run_before(ref: str, argv: list[str]) -> None:
    """This bench's load and one-process figures on the code of git ``ref``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from before import run_on_ref

    run_on_ref(ref, __file__, [*argv, "--one-process"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=REPEAT)
    ap.add_argument("--officials", type=int, default=0, help="synthetic officials to add")
    ap.add_argument("--before", help="git ref whose code to measure first")
    ap.add_argument("--one-process", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    globals()["REPEAT"] = max(1, args.repeat)
    if args.before:
        argv = [str(args.corpus), "--copies", str(args.copies), "--repeat", str(args.repeat)]
        run_before(args.before, [*argv, "--officials", str(args.officials)])
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as gaz:
        if args.officials:
            use_synthetic_officials(args.officials, Path(gaz))
        load = first_lexicon()
        from concord.ingest.lexicon import lexicon

        print(f"gazetteer: {len(lexicon().officials)} entries ({args.officials} synthetic)")
        print(f"  time to first lexicon(): {load[0]:.3f} s wall, {load[1]:.3f} s CPU")
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
        if args.one_process:
            return 0
        timed("ingest, --workers 2", n, lambda: ingest_paths(paths, workers=2))
        if args.officials:
            print("  dask: skipped (workers would read the shipped gazetteer only)")
            return 0
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
