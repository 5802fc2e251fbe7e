"""Where a fact or a statement comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    quote: str | None = None

    def label(self) -> str:
        return self.outlet or self.title or self.url or ""
