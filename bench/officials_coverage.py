"""Coverage of the officials gazetteer: which (actor, role kind, year) cells have someone.

The actors of a year are the members of NATO-NAC, EU-COUNCIL and UNSC during that year plus
frequent non-member actors; the cells are the five kinds of speaker the issue asks for. A
cell counts as covered when some entry's term overlaps that year. The baseline is the same
count over ``core.yaml`` alone (the gazetteer before it was split into files). The last line
leaves out the cells of offices a state does not have (``offices_absent.yaml``: heads of
government of presidential republics, defence ministers where there is none), and ``--gaps``
lists only cells that could be filled.

Run: ``.venv/bin/python bench/officials_coverage.py [--from Y] [--to Y] [--missing] [--gaps]``.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from concord.data.catalog import Catalog
from concord.data.officials import FOLDER, OfficialRecord, officials, read_officials_file
from concord.data.officials import KINDS as ALL_KINDS
from concord.data.yamlio import read_yaml

# the five kinds of speaker the issue asks for (not secretaries-general or "other")
KINDS = tuple(k for k in ALL_KINDS if k not in {"secretary_general", "other"})
FREQUENT = ("CHN", "RUS", "JPN", "UKR")
ABSENT = FOLDER.parent / "offices_absent.yaml"
BODIES = ("NATO-NAC", "EU-COUNCIL", "UNSC")


def actors_by_year(first: int, last: int) -> dict[int, set[str]]:
    catalog = Catalog.load()
    out: dict[int, set[str]] = {}
    for year in range(first, last + 1):
        actors = set(FREQUENT)
        for body_id in BODIES:
            body = catalog.body(body_id)
            for day in (date(year, 1, 1), date(year, 7, 1), date(year, 12, 31)):
                actors.update(body.member_codes_on(day))
        out[year] = actors
    return out


def covered(records: Iterable[OfficialRecord], first: int, last: int) -> set[tuple[str, str, int]]:
    cells: set[tuple[str, str, int]] = set()
    for r in records:
        end = r.end.year if r.end else last
        for year in range(max(first, r.start.year), min(last, end) + 1):
            cells.add((r.actor, r.kind, year))
    return cells


def absent_cells(first: int, last: int) -> set[tuple[str, str, int]]:
    """(actor, kind, year) cells of offices a state does not have (sourced in the data)."""
    cells: set[tuple[str, str, int]] = set()
    for entry in read_yaml(ABSENT)["absent"]:
        start = int(str(entry["from"])[:4])
        end = int(str(entry["to"])[:4]) if entry["to"] else last
        for actor in entry["actors"]:
            for year in range(max(first, start), min(last, end) + 1):
                cells.add((actor, entry["kind"], year))
    return cells


def report(
    name: str,
    cells: set[tuple[str, str, int]],
    wanted: dict[int, set[str]],
    skip: set[tuple[str, str, int]] = frozenset(),  # type: ignore[assignment]
) -> None:
    total: dict[str, int] = defaultdict(int)
    have: dict[str, int] = defaultdict(int)
    for year, actors in wanted.items():
        for actor in actors:
            for kind in KINDS:
                if (actor, kind, year) in skip:
                    continue
                total[kind] += 1
                have[kind] += (actor, kind, year) in cells
    parts = [f"{k} {have[k] / total[k]:6.1%}" for k in KINDS]
    all_have, all_total = sum(have.values()), sum(total.values())
    print(
        f"{name:<22} all {all_have:5d}/{all_total} = {all_have / all_total:6.1%} | "
        + " ".join(parts)
    )


def year_ranges(years: list[int]) -> str:
    """``[2000, 2001, 2002, 2005]`` → ``"2000-2002,2005"``."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in runs)


def print_gaps(cells: set[tuple[str, str, int]], wanted: dict[int, set[str]]) -> None:
    by_kind: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    absent = absent_cells(min(wanted), max(wanted))
    for year, actors in wanted.items():
        for actor in actors:
            for kind in KINDS:
                if (actor, kind, year) not in cells | absent:
                    by_kind[kind][actor].append(year)
    for kind in KINDS:
        gaps = by_kind[kind]
        print(f"== {kind}: {sum(len(v) for v in gaps.values())} missing cells")
        print("  " + "; ".join(f"{a} {year_ranges(gaps[a])}" for a in sorted(gaps)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from", dest="first", type=int, default=2000)
    parser.add_argument("--to", dest="last", type=int, default=2026)
    parser.add_argument("--missing", action="store_true", help="list actors with gaps")
    parser.add_argument(
        "--gaps", action="store_true", help="list the missing years of each kind and actor"
    )
    args = parser.parse_args()
    wanted = actors_by_year(args.first, args.last)
    every = officials(FOLDER)
    core = read_officials_file(FOLDER / "core.yaml")
    print(
        f"entries: {len(every)} in {len(list(FOLDER.glob('*.yaml')))} files",
        f"(core.yaml: {len(core)})",
    )
    report("core.yaml (baseline)", covered(core, args.first, args.last), wanted)
    cells = covered(every, args.first, args.last)
    report("all files", cells, wanted)
    current = {args.last: wanted[args.last]}
    report(f"all files, {args.last} only", cells, current)
    absent = absent_cells(args.first, args.last)
    report("all files, offices that exist", cells, wanted, absent)
    if args.missing:
        gaps: dict[str, list[str]] = defaultdict(list)
        for year, actors in wanted.items():
            for actor in actors:
                for kind in KINDS:
                    if (actor, kind, year) not in cells:
                        gaps[actor].append(f"{kind}:{year}")
        for actor in sorted(gaps, key=lambda a: -len(gaps[a])):
            print(f"  {actor}: {len(gaps[actor])} missing cells")
    if args.gaps:
        print_gaps(cells, wanted)


if __name__ == "__main__":
    main()
