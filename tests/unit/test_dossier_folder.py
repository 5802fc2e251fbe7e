"""The file-backed dossier source: ids from file contents, bad files reported, edits seen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from concord.data.catalog import Catalog
from concord.model.errors import ConcordError
from concord.services.dossiers import UnknownDossier
from concord.store.dossier_folder import DossierFolder
from tests.conftest import EXAMPLES


def _folder(tmp_path: Path, catalog: Catalog) -> DossierFolder:
    shutil.copy(EXAMPLES / "nato-tokyo-2023.yaml", tmp_path)
    shutil.copy(EXAMPLES / "nato-sweden-accession-2024.yaml", tmp_path)
    return DossierFolder(tmp_path, lambda: catalog)


def test_ids_are_proposal_ids(tmp_path: Path, catalog: Catalog) -> None:
    source = _folder(tmp_path, catalog)
    assert source.ids() == ["nato-sweden-accession-2024", "nato-tokyo-liaison-office-2023"]
    assert source.get("nato-tokyo-liaison-office-2023").proposal.title.startswith("Open a NATO")
    assert source.problems() == []


def test_bad_file_is_skipped_and_reported(tmp_path: Path, catalog: Catalog) -> None:
    source = _folder(tmp_path, catalog)
    (tmp_path / "broken.yaml").write_text("proposal:\n  id: x\n  body: NOPE\n  title: t\n")
    assert len(source.ids()) == 2
    [problem] = source.problems()
    assert "broken.yaml:3" in problem
    assert "known body" in problem


def test_unknown_id_names_the_known_ones(tmp_path: Path, catalog: Catalog) -> None:
    source = _folder(tmp_path, catalog)
    with pytest.raises(UnknownDossier, match="nato-tokyo-liaison-office-2023"):
        source.get("nato-paris-2030")


def test_edits_and_removals_are_seen(tmp_path: Path, catalog: Catalog) -> None:
    source = _folder(tmp_path, catalog)
    path = tmp_path / "nato-tokyo-2023.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Open a NATO", "title: Really open a NATO"), "utf-8")
    assert source.get("nato-tokyo-liaison-office-2023").proposal.title.startswith("Really")
    path.unlink()
    assert source.ids() == ["nato-sweden-accession-2024"]


def test_missing_folder_is_a_user_error(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ConcordError, match="dossier folder not found"):
        DossierFolder(tmp_path / "none", lambda: catalog).ids()
