"""A body's member list may start later than its history: before that, unlisted is unknown."""

from __future__ import annotations

from datetime import date

from concord.data.catalog import Catalog
from concord.services.ingestion import membership


def test_unsc_elected_members_before_the_data_are_unknown_not_non_members() -> None:
    catalog = Catalog.load()
    unsc = catalog.body("UNSC")
    assert unsc.is_member_on("CHN", date(1997, 6, 1)) is True
    assert unsc.is_member_on("BRA", date(1997, 6, 1)) is None  # the list starts with 1999
    assert unsc.is_member_on("BRA", date(2011, 10, 5)) is True  # elected for 2010-2011
    assert unsc.is_member_on("JPN", date(2016, 6, 1)) is True
    assert unsc.is_member_on("DEU", date(2016, 6, 1)) is False
    assert membership(catalog, "UNSC", "BRA", date(1997, 6, 1)) is None
    # NATO's list is complete: a non-member is a non-member on any day
    assert catalog.body("NATO-NAC").is_member_on("JPN", date(2011, 10, 5)) is False
