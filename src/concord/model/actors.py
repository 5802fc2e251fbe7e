"""Actors: states (ISO 3166-1 alpha-3) and organisations.

The model only defines the value type and a directory interface; the directory
backed by pycountry and the organisation file lives in :mod:`concord.data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class ActorKind(StrEnum):
    STATE = "state"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Actor:
    code: str
    name: str
    kind: ActorKind


class ActorDirectory(Protocol):
    """Looks actors up by code; raises :class:`~concord.model.errors.UnknownActor`."""

    def get(self, code: str) -> Actor: ...

    def exists(self, code: str) -> bool: ...
