"""Reliability and security proof (issue 8): short runs in `make test`, full runs by hand.

``CONCORD_RELIABILITY=full`` (set by `make reliability`) switches every test to its full
size; each test records its figures with the ``figures`` fixture, and they are printed
at the end of the run (and written as JSON to ``$CONCORD_RELIABILITY_REPORT`` if set) so
that docs/reliability.md can quote them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.service_fixtures import clock, db_url, live_server, pg_url, svc

__all__ = ["clock", "db_url", "live_server", "pg_url", "svc"]

FULL = os.environ.get("CONCORD_RELIABILITY", "").lower() == "full"
_FIGURES: dict[str, dict[str, Any]] = {}


def scale(short: int, full: int) -> int:
    """The size of a run: ``short`` in `make test`, ``full`` in `make reliability`."""
    return full if FULL else short


class Figures:
    def __init__(self, name: str) -> None:
        self.name = name

    def __setitem__(self, key: str, value: Any) -> None:
        _FIGURES.setdefault(self.name, {})[key] = value


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Figures:
    return Figures(request.node.name)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FIGURES:
        return
    terminalreporter.section(f"reliability figures ({'full' if FULL else 'short'} run)")
    for name, values in _FIGURES.items():
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        terminalreporter.write_line(f"{name}: {shown}")
    out = os.environ.get("CONCORD_RELIABILITY_REPORT")
    if out:
        Path(out).write_text(json.dumps(_FIGURES, indent=2, sort_keys=True) + "\n")
