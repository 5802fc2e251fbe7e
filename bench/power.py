"""Benchmark: concord's power indices against powerindex==0.3.5 on the same games.

Run by hand (not in the test suite), after ``pip install -e '.[bench]'``:

    python bench/power.py [--quick]

Every measurement runs in a fresh subprocess capped at 4 GiB of address space and a
time limit, so powerindex's known failures (n! as a float from n = 171, memory at
n = 500) are reported, not fatal, and peak memory (max RSS of that process) is
comparable. Prints a table, saves docs/power-bench.png.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "tests" / "data" / "synthetic-qmv-council.yaml"
SIZES = [50, 100, 120, 170, 200, 500, 1000, 10000]
MEMORY_CAP = 4 << 30
TIME_CAP = 300


def random_game(n: int) -> tuple[list[int], int]:
    rng = random.Random(n)
    weights = [rng.randint(1, 100) for _ in range(n)]
    return weights, sum(weights) // 2 + 1


def eu_population_game() -> tuple[list[int], int]:
    """EU-27 population as one weight, in thousands, quota 65 %: from the SYNTHETIC
    figures of tests/data (not official Council figures)."""
    import yaml

    doc = yaml.safe_load(SYNTH.read_text())
    figures = next(iter(doc["population"].values()))["figures"]
    weights = [int(v) // 1000 for v in figures.values()]
    return weights, -(-65 * sum(weights) // 100)


def _game(name: str) -> tuple[list[int], int]:
    return eu_population_game() if name == "eu27" else random_game(int(name))


def worker(tool: str, index: str, name: str) -> None:
    weights, quota = _game(name)
    if tool == "powerindex":
        import powerindex

        start = time.perf_counter()
        g = powerindex.Game(quota, weights)
        (g.calc_banzhaf if index == "banzhaf" else g.calc_shapley_shubik)()
    else:
        from concord.analysis.games import quota_game
        from concord.analysis.power import power_of_game

        players = tuple(str(k) for k in range(len(weights)))
        start = time.perf_counter()
        power_of_game(quota_game(players, weights, quota), shapley=index == "shapley")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds}))


def measure(tool: str, index: str, name: str) -> dict[str, object]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", tool, index, name],
            capture_output=True,
            text=True,
            timeout=TIME_CAP,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {TIME_CAP} s"}
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last[:60]}
    out: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    # ru_maxrss of children is a running maximum; report it only when it grew.
    out["peak_mib"] = peak / 1024 if peak > before else None
    return out


def cli_seconds(args: list[str], repeat: int = 3) -> float:
    exe = Path(sys.executable).with_name("concord")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def qmv_ms(repeat: int = 7) -> tuple[float, int]:
    from datetime import date

    from concord.analysis.power import power_of_game
    from concord.data.catalog import Catalog
    from concord.model.rules.base import get_rule

    body = Catalog.load([SYNTH]).body("SYNTH-QMV")
    rule = get_rule("qmv")
    game = rule.game(rule.electorate(body, date(2024, 1, 1)))
    assert game is not None
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        power_of_game(game)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, game.n


def fmt(r: dict[str, object]) -> str:
    if "error" in r:
        return f"fails: {r['error']}"
    peak = r.get("peak_mib")
    mem = f", {peak:.0f} MiB" if isinstance(peak, float) else ""
    return f"{r['seconds']:.4f} s{mem}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=3)
    parser.add_argument("--quick", action="store_true", help="sizes up to 200 only")
    parser.add_argument("--ss-max", type=int, default=1000, help="largest n for Shapley-Shubik")
    parser.add_argument("--time-cap", type=int, default=TIME_CAP, help="seconds per measurement")
    parser.add_argument("--games", help="comma-separated games only (e.g. eu27,50); no plot")
    args = parser.parse_args()
    globals()["TIME_CAP"] = args.time_cap
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2-core machine)")
    if args.worker:
        worker(*args.worker)
        return
    names = ["eu27"] + [str(n) for n in SIZES if not args.quick or n <= 200]
    if args.games:
        names = args.games.split(",")
    results: dict[str, dict[str, dict[str, object]]] = {}
    print(f"{'game':>6} {'index':>8} | {'concord':>22} | {'powerindex 0.3.5':>34} | ratio")
    for name in names:
        n = len(_game(name)[0])
        for index in ("banzhaf", "shapley"):
            if index == "shapley" and n > args.ss_max:
                print(f"{name:>6} {index:>8} | skipped (n > --ss-max {args.ss_max})")
                continue
            ours = measure("concord", index, name)
            theirs = measure("powerindex", index, name)
            results.setdefault(name, {})[index] = {"concord": ours, "powerindex": theirs}
            ratio = ""
            if "seconds" in ours and "seconds" in theirs:
                ratio = f"{float(theirs['seconds']) / float(ours['seconds']):.0f}x"  # type: ignore[arg-type]
            print(
                f"{name:>6} {index:>8} | {fmt(ours):>22} | {fmt(theirs):>34} | {ratio}", flush=True
            )
    if args.games:
        return
    ms, members = qmv_ms()
    print(f"exact QMV double majority ({members} members, synthetic populations): {ms:.1f} ms")
    w1000, q1000 = random_game(1000)
    w10k, q10k = random_game(10000)
    ss_cli = cli_seconds(
        ["power", "--weights", ",".join(map(str, w1000)), "--quota", str(q1000), "--json"]
    )
    # No flag: Shapley-Shubik is skipped by its time estimate at n = 10,000.
    bz_cli = cli_seconds(
        ["power", "--weights", ",".join(map(str, w10k)), "--quota", str(q10k), "--json"]
    )
    start_cli = cli_seconds(["--help"])
    print(
        f"CLI: Shapley-Shubik (and Banzhaf) n=1000: {ss_cli:.2f} s; Banzhaf n=10000: {bz_cli:.2f} s"
        f" (start-up alone, `concord --help`: {start_cli:.2f} s)"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    plot(results)


def plot(results: dict[str, dict[str, dict[str, object]]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, index in zip(axes, ("banzhaf", "shapley"), strict=True):
        for tool, style in (("concord", "o-"), ("powerindex", "s--")):
            xs, ys = [], []
            for name, per in results.items():
                r = per.get(index, {}).get(tool, {})
                if name != "eu27" and "seconds" in r:
                    xs.append(int(name))
                    ys.append(float(r["seconds"]))  # type: ignore[arg-type]
            ax.plot(xs, ys, style, label=tool)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("players n (weights 1-100, quota 50 % + 1)")
        ax.set_ylabel("seconds")
        ax.set_title("Banzhaf" if index == "banzhaf" else "Shapley-Shubik")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("concord vs powerindex 0.3.5 (missing points: the tool failed or timed out)")
    fig.tight_layout()
    out = ROOT / "docs" / "power-bench.png"
    fig.savefig(out, dpi=110)
    print(f"plot: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
