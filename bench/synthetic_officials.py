"""A synthetic officials gazetteer for load and speed measurements (bench only, never shipped).

Names are made of syllables, so they never match real text: the measurement shows what a big
gazetteer costs (YAML checking, the name index, the matching regex), not what it finds. Some
surnames are shared between actors on purpose, as real gazetteers have.
"""

from __future__ import annotations

import random
from pathlib import Path

from concord.data.catalog import actor_index

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ve",
    "ta",
    "ris",
    "an",
    "dor",
    "el",
    "sa",
    "pu",
    "nik",
    "ro",
    "gal",
    "ben",
    "tu",
    "os",
    "mar",
    "lin",
    "zo",
]
_ACTORS = [
    "FRA",
    "DEU",
    "ITA",
    "ESP",
    "POL",
    "HUN",
    "TUR",
    "GRC",
    "NLD",
    "BEL",
    "SWE",
    "FIN",
    "USA",
    "GBR",
    "CHN",
    "RUS",
    "JPN",
    "UKR",
    "IND",
    "BRA",
]
_KINDS = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
          "spokesperson")  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def write(folder: Path, n: int, seed: int = 1) -> Path:
    """``n`` sourced entries in ``folder/synthetic.yaml`` (about one surname in ten shared)."""
    rng = random.Random(seed)
    actors = [a for a in _ACTORS if actor_index().exists(a)]
    surnames = [_word(rng) for _ in range(n)]
    lines = ["officials:"]
    for i in range(n):
        first = _word(rng)
        last = surnames[rng.randrange(n)] if i % 10 == 0 else surnames[i]
        start = rng.randint(2000, 2024)
        lines += [
            f"  - name: {first} {last} {i}",
            f"    aliases: [{last}, {first[0]}. {last}]",
            f"    actor: {rng.choice(actors)}",
            "    role: Minister",
            f"    kind: {rng.choice(_KINDS)}",
            f"    from: {start}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            f"    to: {start + rng.randint(1, 4)}",
            "    source: {title: synthetic, url: 'https://example.org/synthetic'}",
        ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "synthetic.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
