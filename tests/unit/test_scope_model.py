"""The pure reading of Article 6 over hand-made facts: dates, memberships, disputes."""

from __future__ import annotations

from datetime import date

import pytest

from concord.data.treaties import builtin_treaties
from concord.model.errors import InvalidField
from concord.model.scope import Land, PlaceFacts, judge
from concord.model.treaty import Treaty, treaty

PARTIES = {
    "FRA": (date(1949, 8, 24), None),
    "GBR": (date(1949, 8, 24), None),
    "ESP": (date(1982, 5, 30), None),
    "TUR": (date(1952, 2, 18), None),
}


@pytest.fixture(scope="module")
def nato() -> Treaty:
    return builtin_treaties()["NATO-NAC"]


def land(state: str, sovereign: str, *, cont: str | None = None, island: bool = False) -> Land:
    return Land(state, state, sovereign, sovereign, "Europe", cont, island)


def test_algeria_counts_through_1962_07_02_only(nato: Treaty) -> None:
    facts = PlaceFacts(36.7, 3.1, land("DZA", "DZA"), frozenset({"mediterranean"}))
    assert judge(nato, facts, PARTIES, date(1962, 7, 2)).inside is True
    assert judge(nato, facts, PARTIES, date(1962, 7, 3)).inside is False


def test_algeria_needs_france_a_party(nato: Treaty) -> None:
    facts = PlaceFacts(36.7, 3.1, land("DZA", "DZA"))
    no_france = {k: v for k, v in PARTIES.items() if k != "FRA"}
    assert judge(nato, facts, no_france, date(1955, 1, 1)).inside is False


def test_island_needs_the_area_and_the_tropic(nato: Treaty) -> None:
    north = PlaceFacts(28.1, -15.4, land("ESP", "ESP", island=True), frozenset({"north-atlantic"}))
    south = PlaceFacts(18.4, -66.1, land("ESP", "ESP", island=True), frozenset({"north-atlantic"}))
    pacific = PlaceFacts(28.1, -177.4, land("ESP", "ESP", island=True))
    assert judge(nato, north, PARTIES, date(2000, 1, 1)).clause == "islands-north-atlantic"
    assert judge(nato, south, PARTIES, date(2000, 1, 1)).inside is False
    assert judge(nato, pacific, PARTIES, date(2000, 1, 1)).inside is False


def test_disputed_zone_only_for_a_party(nato: Treaty) -> None:
    facts = PlaceFacts(35.9, -5.3, land("ESP", "ESP"), zones=frozenset({"ceuta"}))
    assert judge(nato, facts, PARTIES, date(2000, 1, 1)).inside is None
    assert judge(nato, facts, PARTIES, date(1980, 1, 1)).inside is False


def test_territorial_sea_is_sea_for_the_forces_clause(nato: Treaty) -> None:
    waters = Land("MAR", "Morocco", "MAR", "Morocco", "Africa", None, False, waters=True)
    facts = PlaceFacts(35.5, -4.0, waters, frozenset({"mediterranean"}))
    assert judge(nato, facts, PARTIES, date(2000, 1, 1)).inside is False
    forces = judge(nato, facts, PARTIES, date(2000, 1, 1), forces=True)
    assert forces.clause == "forces-mediterranean"


def test_bad_treaty_data_names_the_field() -> None:
    doc = {
        "id": "t",
        "body": "X",
        "title": "T",
        "in_force": "2000-01-01",
        "tropic_of_cancer": 23.4,
        "texts": [],
        "clauses": [
            {
                "id": "c",
                "kind": "forces",
                "title": "c",
                "valid_from": "2000-01-01",
                "test": {"seas": ["nowhere"]},
            }
        ],
    }
    with pytest.raises(InvalidField) as err:
        treaty(doc)
    assert err.value.path == ("clauses", 0, "test", "seas")
    doc["clauses"][0]["kind"] = "sky"  # type: ignore[index]
    with pytest.raises(InvalidField) as err:
        treaty(doc)
    assert err.value.path == ("clauses", 0, "kind")


def test_every_fact_in_the_treaty_file_has_a_source(nato: Treaty) -> None:
    assert all(t.source and t.source.url for t in nato.texts)
    assert all(d.source and d.source.url for d in nato.disputed)
