"""Shared fixtures: the catalog, named canonical situations, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.data.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()
