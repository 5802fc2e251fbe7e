"""Request bodies of the HTTP contract; validation errors name the field (422)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from concord.model.stance import Stance

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LocationIn(BaseModel):
    model_config = _STRICT
    name: str | None = Field(None, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class ProposalIn(BaseModel):
    model_config = _STRICT
    body: str = Field(..., min_length=1, max_length=64, examples=["NATO-NAC"])
    title: str = Field(..., min_length=1, max_length=500)
    text: str = Field("", max_length=20_000)
    location: LocationIn | None = None


class SilenceIn(BaseModel):
    model_config = _STRICT
    deadline: datetime = Field(..., description="ISO 8601 instant with a zone, e.g. ...Z")


class StatementIn(BaseModel):
    model_config = _STRICT
    stance: Stance
    text: str = Field("", max_length=20_000)
    actor: str | None = Field(None, description="Your own actor code; any other is refused")
    reservation: str | None = Field(None, max_length=2_000)
