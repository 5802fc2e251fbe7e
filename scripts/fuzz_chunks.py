"""Run one target of tests/reliability/test_fuzz_inputs.py in chunks until N inputs are done.

Each chunk is its own pytest run of ``CONCORD_FUZZ_EXAMPLES=chunk`` inputs (hypothesis
draws a fresh random seed per run), so a long run reports what it has done so far and
survives being stopped: every finished chunk appends one JSON line (target, inputs
counted by the test itself, seconds, exit status) to ``--out``. A failing chunk stops
the run (its pytest output is kept next to ``--out``). Run it under ``nice -n 19``.
Usage: python scripts/fuzz_chunks.py TARGET --total 100000 --chunk 5000 --out FILE
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = "tests/reliability/test_fuzz_inputs.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("target", help="test name, e.g. test_dossier_bytes")
    ap.add_argument("--total", type=int, default=100_000)
    ap.add_argument("--chunk", type=int, default=5_000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    done = 0
    while done < args.total:
        n = min(args.chunk, args.total - done)
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "figures.json"
            env = {
                **os.environ,
                "CONCORD_FUZZ_EXAMPLES": str(n),
                "CONCORD_RELIABILITY_REPORT": str(report),
            }
            cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            cmd += [f"{TESTS}::{args.target}", f"{TESTS}::test_figures"]
            start = time.monotonic()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            seconds = round(time.monotonic() - start, 1)
            figures = json.loads(report.read_text()) if report.exists() else {}
        counts = {k: v for k, v in figures.get("test_figures", {}).items() if "seconds" not in k}
        inputs = sum(counts.values())
        line = {"target": args.target, "inputs": inputs, "seconds": seconds, "rc": proc.returncode}
        with args.out.open("a") as f:
            f.write(json.dumps(line) + "\n")
        if proc.returncode != 0 or inputs == 0:
            args.out.with_suffix(f".{args.target}.failed.txt").write_text(proc.stdout + proc.stderr)
            raise SystemExit(f"chunk failed (rc={proc.returncode}): see {args.out}")
        done += inputs
    print(f"{args.target}: {done} inputs")


if __name__ == "__main__":
    main()
