"""The catalog: built-in bodies and actors, plus any bodies a user adds in YAML.

Built-in files live beside this module; users' body files go through exactly the
same loader (``load_body_file``), so they get the same validation and errors.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from concord.data.yamlio import line_of, read_yaml
from concord.model import parse
from concord.model.actors import Actor, ActorKind
from concord.model.body import Body
from concord.model.errors import ConcordError, InvalidField, UnknownActor, UnknownBody

DATA_DIR = Path(__file__).parent
BODIES_ENV = "CONCORD_BODIES"

# A few states whose ISO short name is not the name people use.
_COMMON_NAMES = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "RUS": "Russia",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "IRN": "Iran",
    "SYR": "Syria",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "VNM": "Viet Nam",
    "COD": "DR Congo",
    "LAO": "Laos",
    "PSE": "Palestine",
    "TWN": "Taiwan",
}


@dataclass(frozen=True)
class ActorIndex:
    """States from pycountry and organisations from ``organisations.yaml``."""

    organisations: Mapping[str, Actor]

    def exists(self, code: str) -> bool:
        return code in self.organisations or _state(code) is not None

    def get(self, code: str) -> Actor:
        code = code.upper()
        if code in self.organisations:
            return self.organisations[code]
        actor = _state(code)
        if actor is None:
            raise UnknownActor(
                f"unknown actor code {code!r}: expected an ISO 3166-1 alpha-3 state code "
                "(FRA) or an organisation code (NATO, EU, UN)"
            )
        return actor

    def name(self, code: str) -> str:
        try:
            return self.get(code).name
        except UnknownActor:
            return code


@cache
def _state(code: str) -> Actor | None:
    if len(code) != 3 or not code.isalpha():
        return None
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return None
    name = (
        _COMMON_NAMES.get(country.alpha_3) or getattr(country, "common_name", None) or country.name
    )
    return Actor(code=country.alpha_3, name=str(name), kind=ActorKind.STATE)


@cache
def actor_index() -> ActorIndex:
    doc = read_yaml(DATA_DIR / "organisations.yaml")
    orgs = {
        str(o["code"]): Actor(code=str(o["code"]), name=str(o["name"]), kind=ActorKind.ORGANISATION)
        for o in doc["organisations"]
    }
    return ActorIndex(organisations=orgs)


def _located(exc: InvalidField, doc: Any, origin: Path | str) -> ConcordError:
    line = line_of(doc, exc.path)
    where = f"{origin}:{line}" if line else str(origin)
    return ConcordError(exc.message, where=where)


def load_body_file(path: Path, *, origin: str = "user") -> Body:
    """Load one body from YAML, with errors naming file, line and field."""
    doc = read_yaml(path)
    try:
        return parse.body(doc, actor_index().exists, origin=origin)
    except InvalidField as exc:
        raise _located(exc, doc, path) from None


def _population_files() -> dict[str, tuple[Path, Any]]:
    out: dict[str, tuple[Path, Any]] = {}
    for path in sorted(DATA_DIR.glob("*-population.yaml")):
        doc = read_yaml(path)
        out[str(doc["body"])] = (path, doc)
    return out


@cache
def builtin_bodies() -> tuple[Body, ...]:
    bodies = [
        load_body_file(p, origin="built-in") for p in sorted((DATA_DIR / "bodies").glob("*.yaml"))
    ]
    populations = _population_files()
    out = []
    for b in bodies:
        if b.id in populations:
            path, doc = populations[b.id]
            try:
                tables = parse.population_tables(
                    doc.get("years") or {}, ("years",), actor_index().exists
                )
            except InvalidField as exc:
                raise _located(exc, doc, path) from None
            b = replace(b, populations=(*b.populations, *tables))
        out.append(b)
    return tuple(out)


def user_body_paths(extra: Iterable[Path] = ()) -> list[Path]:
    """Body files named in ``$CONCORD_BODIES`` (files or folders, ``os.pathsep``-separated)."""
    paths: list[Path] = []
    raw = os.environ.get(BODIES_ENV, "")
    for item in [*(p for p in raw.split(os.pathsep) if p), *map(str, extra)]:
        p = Path(item)
        paths.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return paths


@dataclass
class Catalog:
    """All bodies known to this run: built-in ones first, then the user's."""

    bodies: dict[str, Body] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_body_files: Iterable[Path] = ()) -> Catalog:
        catalog = cls({b.id: b for b in builtin_bodies()})
        for path in user_body_paths(extra_body_files):
            body = load_body_file(path)
            if body.id in catalog.bodies and catalog.bodies[body.id].origin == "built-in":
                raise ConcordError(
                    f"body id {body.id} is built in; choose another id", where=str(path)
                )
            catalog.bodies[body.id] = body
        return catalog

    def body(self, body_id: str) -> Body:
        try:
            return self.bodies[body_id.upper()]
        except KeyError:
            known = ", ".join(sorted(self.bodies))
            raise UnknownBody(f"unknown body {body_id!r}; known bodies: {known}") from None

    def has_body(self, body_id: str) -> bool:
        return body_id.upper() in self.bodies

    @property
    def actors(self) -> ActorIndex:
        return actor_index()
