"""Dossier files in YAML (DESIGN.md, "Dossier file"): read, validate, append."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from concord.data.catalog import Catalog
from concord.data.yamlio import line_of, parse_yaml, read_yaml
from concord.model import parse
from concord.model.dossier import Dossier
from concord.model.errors import ConcordError, InvalidField


def dossier_from_document(doc: Any, catalog: Catalog, origin: str) -> Dossier:
    """Validate a parsed document; errors name ``origin``, the line and the field."""
    try:
        return parse.dossier(doc, catalog.actors.exists, catalog.has_body)
    except InvalidField as exc:
        line = line_of(doc, exc.path)
        raise ConcordError(exc.message, where=f"{origin}:{line}" if line else origin) from None


def load_dossier(path: Path, catalog: Catalog) -> Dossier:
    doc = read_yaml(path)
    if doc is None:
        raise ConcordError(
            "empty dossier file: expected a mapping with `proposal:`", where=str(path)
        )
    return dossier_from_document(doc, catalog, str(path))


def parse_dossier_text(text: str, catalog: Catalog, origin: str = "<text>") -> Dossier:
    return dossier_from_document(parse_yaml(text, origin), catalog, origin)
