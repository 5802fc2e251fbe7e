"""Dossier files in YAML (DESIGN.md, "Dossier file"): read, validate, append."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from concord.data.catalog import Catalog
from concord.data.yamlio import line_of, parse_yaml, parse_yaml_bytes, read_yaml
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
    return _file_dossier(read_yaml(path), catalog, str(path))


def load_dossier_bytes(raw: bytes, catalog: Catalog, origin: str) -> Dossier:
    """A dossier file's contents, checked exactly as :func:`load_dossier` checks the file."""
    return _file_dossier(parse_yaml_bytes(raw, origin), catalog, origin)


def _file_dossier(doc: Any, catalog: Catalog, origin: str) -> Dossier:
    if doc is None:
        raise ConcordError("empty dossier file: expected a mapping with `proposal:`", where=origin)
    return dossier_from_document(doc, catalog, origin)


def parse_dossier_text(text: str, catalog: Catalog, origin: str = "<text>") -> Dossier:
    return dossier_from_document(parse_yaml(text, origin), catalog, origin)
