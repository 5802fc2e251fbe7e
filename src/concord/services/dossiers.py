"""The dossier port: where the dashboard (and later the API) finds dossiers by id.

A small interface with two implementations: a folder of YAML files
(:class:`concord.store.dossier_folder.DossierFolder`) and an in-memory one for
tests. A store-backed implementation only needs ``ids`` and ``get``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from concord.model.dossier import Dossier
from concord.model.errors import ConcordError


class UnknownDossier(ConcordError):
    """No dossier with that proposal id is known to the source."""


class DossierSource(Protocol):
    """Dossiers by proposal id; ``get`` raises :class:`UnknownDossier`."""

    def ids(self) -> list[str]: ...

    def get(self, proposal_id: str) -> Dossier: ...


def unknown(proposal_id: str, known: Iterable[str], where: str | None = None) -> UnknownDossier:
    """The one error for a missing id, listing what is known so the user can pick."""
    names = ", ".join(sorted(known)) or "none"
    return UnknownDossier(f"unknown proposal {proposal_id!r}; known: {names}", where=where)


class InMemoryDossierSource:
    """Dossiers held in a dict: the fake for tests and for embedding."""

    def __init__(self, dossiers: Iterable[Dossier] = ()) -> None:
        self._by_id = {d.proposal.id: d for d in dossiers}

    def add(self, dossier: Dossier) -> None:
        self._by_id[dossier.proposal.id] = dossier

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def get(self, proposal_id: str) -> Dossier:
        try:
            return self._by_id[proposal_id]
        except KeyError:
            raise unknown(proposal_id, self._by_id) from None
