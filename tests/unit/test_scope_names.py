"""Place names through the offline gazetteer, and the traps that need a country hint."""

from __future__ import annotations

from datetime import date

import pytest

from concord.data.catalog import Catalog
from concord.data.gazetteer import UnknownPlace, fold, lookup, suggest
from concord.services.scope import check

TODAY = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("query", "inside", "clause"),
    [
        ("Tokyo", False, None),
        ("Ankara", True, "territory-turkey"),
        ("Anchorage", True, "territory-europe-north-america"),
        ("Honolulu", False, None),
        ("Guam", False, None),
        ("Bermuda", True, "islands-north-atlantic"),
        ("Las Palmas", True, "islands-north-atlantic"),
        ("Ponta Delgada", True, "islands-north-atlantic"),
        ("San Juan, PR", False, None),
        ("Cayenne", False, None),
        ("Stanley, Falkland Islands", False, None),
        ("Nuuk", True, "territory-europe-north-america"),
        ("Longyearbyen", True, "territory-europe-north-america"),
        ("Ceuta", None, "territory-europe-north-america"),
    ],
)
def test_place_names(catalog: Catalog, query: str, inside: bool | None, clause: str | None) -> None:
    found = check(catalog, "NATO-NAC", place=query, on=TODAY).finding
    assert (found.inside, found.clause) == (inside, clause), found.reason


def test_country_hint_picks_the_right_stanley() -> None:
    assert lookup("Stanley").country == "GB"  # the most populous Stanley is in England
    falklands = lookup("Stanley, FK")
    assert falklands.country == "FK"
    assert falklands.lat < -50


def test_names_fold_case_and_accents() -> None:
    assert fold("  Hagåtña ") == "hagatna"
    assert lookup("hagatna").country == "GU"


def test_unknown_place_suggests_close_matches() -> None:
    with pytest.raises(UnknownPlace) as err:
        lookup("Ankarra")
    assert "did you mean" in str(err.value)
    assert "Ankara" in str(err.value)
    assert "Anchorage" in suggest("Anchorrage")
