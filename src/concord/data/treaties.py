"""Built-in treaty areas (data/treaties/*.yaml), read with file and line in every error."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from concord.data.geography import default_areas
from concord.data.yamlio import line_of, read_yaml
from concord.model import treaty as parse
from concord.model.errors import ConcordError, InvalidField
from concord.model.treaty import SeaArea, Treaty

TREATIES_DIR = Path(__file__).parent / "treaties"


def load_treaty(
    path: Path, areas: tuple[SeaArea, ...], zones: frozenset[str] | None = None
) -> Treaty:
    doc = read_yaml(path)
    try:
        return parse.treaty(doc, areas, zones)
    except InvalidField as exc:
        line = line_of(doc, exc.path)
        raise ConcordError(exc.message, where=f"{path}:{line}" if line else str(path)) from None


@cache
def builtin_treaties() -> dict[str, Treaty]:
    """Treaty areas by body id."""
    areas = default_areas()
    out: dict[str, Treaty] = {}
    for path in sorted(TREATIES_DIR.glob("*.yaml")):
        t = load_treaty(path, areas.seas, frozenset(areas.zones))
        out[t.body] = t
    return out
