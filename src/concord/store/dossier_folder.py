"""A folder of dossier YAML files, served by proposal id (the file-backed DossierSource).

Files are parsed on first use and re-parsed only when they change, so editing a
dossier in the folder shows on the next page load. A file that does not parse is
left out and reported in ``problems`` (never a crash for the other dossiers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from concord.data.catalog import Catalog
from concord.model.dossier import Dossier
from concord.model.errors import ConcordError
from concord.services.dossiers import unknown
from concord.store.dossier_append import append_statements
from concord.store.dossier_files import load_dossier

DOSSIERS_ENV = "CONCORD_DOSSIERS"


def default_folder() -> Path:
    """``$CONCORD_DOSSIERS``, else ``examples/`` under the current directory."""
    return Path(os.environ.get(DOSSIERS_ENV) or "examples")


@dataclass(frozen=True)
class _Entry:
    stamp: tuple[int, int]
    dossier: Dossier | None
    problem: str | None


class DossierFolder:
    """Every ``*.yaml`` file directly in ``folder`` that is a valid dossier."""

    def __init__(self, folder: Path, catalog: Callable[[], Catalog] = Catalog.load) -> None:
        self.folder = folder
        self._catalog = catalog
        self._cache: dict[Path, _Entry] = {}
        self._paths: dict[str, Path] = {}

    def _scan(self) -> dict[str, Dossier]:
        if not self.folder.is_dir():
            raise ConcordError("dossier folder not found", where=str(self.folder))
        catalog: Catalog | None = None
        found: dict[str, Dossier] = {}
        paths = sorted(self.folder.glob("*.yaml"))
        for path in paths:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            entry = self._cache.get(path)
            if entry is None or entry.stamp != stamp:
                catalog = catalog or self._catalog()
                try:
                    entry = _Entry(stamp, load_dossier(path, catalog), None)
                except ConcordError as exc:
                    entry = _Entry(stamp, None, str(exc))
                self._cache[path] = entry
            if entry.dossier is not None and entry.dossier.proposal.id not in found:
                found[entry.dossier.proposal.id] = entry.dossier
                self._paths[entry.dossier.proposal.id] = path
        for gone in set(self._cache) - set(paths):
            del self._cache[gone]
        return found

    def ids(self) -> list[str]:
        return sorted(self._scan())

    def get(self, proposal_id: str) -> Dossier:
        found = self._scan()
        if proposal_id not in found:
            raise unknown(proposal_id, found, where=str(self.folder))
        return found[proposal_id]

    def add_statements(
        self, proposal_id: str, rows: Sequence[dict[str, Any]], who: object = None
    ) -> int:
        """Append reviewed statements to the dossier's file (validated, never half-written).

        ``who`` is ignored: a folder is the analyst's own (``concord web`` runs locally).
        """
        self.get(proposal_id)
        return append_statements(self._paths[proposal_id], rows, self._catalog())

    def problems(self) -> list[str]:
        """Files in the folder that are not valid dossiers, each with its error."""
        self._scan()
        return [e.problem for e in self._cache.values() if e.problem is not None]
