"""Append statements to a dossier file, keeping it valid and never half-written.

The new document is validated through the same parser as ``concord analyze`` before it
replaces the old file (write to a temporary file in the same folder, then rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError
from concord.store.dossier_files import load_dossier, parse_dossier_text


def append_statements(path: Path, rows: Sequence[dict[str, Any]], catalog: Catalog) -> int:
    """Add ``rows`` (dossier statement mappings) to ``path``; returns how many were added."""
    load_dossier(path, catalog)  # the file must be valid before we touch it
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    statements = doc.get("statements") or []
    existing = {(s.get("actor"), s.get("stance"), str(s.get("date"))) for s in statements}
    added = [r for r in rows if (r["actor"], r["stance"], str(r["date"])) not in existing]
    if not added:
        return 0
    doc["statements"] = [*statements, *added]
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    parse_dossier_text(text, catalog, origin=str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConcordError(f"cannot write dossier: {exc.strerror}", where=str(path)) from None
    return len(added)
