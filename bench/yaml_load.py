"""YAML reading speed: libyaml (the default when PyYAML has it) against the pure-Python
loader (the baseline), in the same run, on the example dossiers and the catalog's files.

Both produce the same values and line marks (tests/unit/test_yamlio.py checks it).
Usage: python bench/yaml_load.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from concord.data.catalog import DATA_DIR
from concord.data.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def per_call(text: str, fast: bool, repeat: int) -> float:
    best = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        t0 = time.perf_counter()
        for _ in range(repeat):
            parse_yaml(text, "bench", fast=fast)
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    files = [
        *sorted((ROOT / "examples").glob("*.yaml")),
        DATA_DIR / "bodies" / "nato-nac.yaml",
        DATA_DIR / "organisations.yaml",
    ]
    print(f"load average {os.getloadavg()[0]:.1f}; best of 3 × {args.repeat} parses")
    print(f"{'file':<36} {'bytes':>7} {'pure Python':>12} {'libyaml':>9} {'speed-up':>9}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        slow, fast = per_call(text, False, args.repeat), per_call(text, True, args.repeat)
        print(
            f"{path.name:<36} {len(text.encode()):>7} {slow * 1e3:>9.2f} ms {fast * 1e3:>6.2f} ms"
            f" {slow / fast:>8.1f}x"
        )


if __name__ == "__main__":
    main()
