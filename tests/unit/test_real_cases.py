"""Published real cases, kept as dossier files in tests/cases/ with their expected verdicts.

Each file's ``expected`` is a check or a list of checks: ``{on?, status, blockers,
undecided_includes?, supporters_include?}``. Every check runs through the same service
as ``concord analyze``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from concord.data.catalog import Catalog
from concord.services.analysis import analyze_file
from tests.conftest import CASES

CASE_FILES = sorted(CASES.glob("*.yaml"))


def _checks(path: Path) -> list[dict[str, Any]]:
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))["expected"]
    return expected if isinstance(expected, list) else [expected]


def test_there_are_real_cases() -> None:
    assert len(CASE_FILES) >= 2


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_real_case(path: Path, catalog: Catalog) -> None:
    for check in _checks(path):
        on = check.get("on")
        day = on if isinstance(on, date) or on is None else date.fromisoformat(str(on))
        v = analyze_file(path, catalog, on=day).verdict
        where = f"{path.name} on {v.as_of}"
        assert v.status.value == check["status"], where
        assert sorted(v.blockers) == sorted(check.get("blockers", [])), where
        for code in check.get("undecided_includes", []):
            assert code in v.undecided, (where, code)
        for code in check.get("supporters_include", []):
            assert code in v.supporters, (where, code)
