"""``concord ingest`` end to end: the seed article, other languages, bad input, batches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli.main import app
from concord.data.catalog import Catalog
from concord.services.ingestion import batches, ingest_paths
from concord.store.dossier_files import load_dossier
from tests.conftest import EXAMPLES, ROOT

CORPUS = ROOT / ".." / "shared" / "corpus" / "news" / "dev"
SEED = CORPUS / "000-eirns-nato-tokyo-office.txt"
runner = CliRunner()

needs_corpus = pytest.mark.skipif(not SEED.exists(), reason="shared corpus not beside the repo")


@needs_corpus
def test_seed_article_end_to_end() -> None:
    result = runner.invoke(app, ["ingest", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    got = {(r["actor"], r["stance"], r["member"]) for r in rows}
    assert ("FRA", "oppose", True) in got
    assert ("CHN", "oppose", False) in got
    assert {r["published"] for r in rows} == {"2023-06-06"}
    assert all(r["evidence"] in SEED.read_text(encoding="utf-8") for r in rows)
    assert any("2022" in w for w in rows[0]["warnings"])
    assert "noisy dateline" in result.stderr
    # no dossier given: a generated, stable proposal id for the Tokyo office
    assert {(r["proposal"], r["proposal_title"]) for r in rows} == {
        ("nato-tokyo-office-2023", "Open an office in Tokyo")
    }
    evidence = {r["actor"]: r["evidence"] for r in rows}
    assert "EIRNS" not in evidence["FRA"] and "Macron objects" in evidence["FRA"]
    assert "Asia lies beyond" in evidence["CHN"] and not evidence["CHN"].startswith("They")


@needs_corpus
@pytest.mark.parametrize("option", ["--into", "--dossiers"])
def test_seed_article_matches_the_known_dossier(tmp_path: Path, option: str) -> None:
    shutil.copy(EXAMPLES / "nato-tokyo-2023.yaml", tmp_path / "tokyo.yaml")
    where = tmp_path / "tokyo.yaml" if option == "--into" else tmp_path
    args = ["ingest", str(SEED), option, str(where), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["actor"], r["stance"], r["proposal"]) for r in rows} == {
        ("FRA", "oppose", "nato-tokyo-liaison-office-2023"),
        ("CHN", "oppose", "nato-tokyo-liaison-office-2023"),
    }


def test_dossiers_option_names_a_bad_folder(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Norway supports the plan.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--dossiers", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "expected a folder of dossier YAML files" in result.output


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("La France s'oppose au projet de bureau de l'OTAN à Tokyo.", "FRA", "oppose"),
        ("Nederland steunt de kandidatuur van Mark Rutte.", "NLD", "support"),
        ("Hongaria menolak rencana NATO membuka kantor di Tokyo.", "HUN", "oppose"),
    ],
)
def test_other_languages_do_not_crash_and_obvious_cues_are_read(
    tmp_path: Path, text: str, actor: str, stance: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert (actor, stance) in {(r["actor"], r["stance"]) for r in json.loads(result.stdout)}


def test_bad_inputs_give_per_file_errors_and_the_batch_continues(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Fran\xe7ais objects".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"France objects. " * (10 * 1024 * 1024 // 16))
    (tmp_path / "good.txt").write_text("Norway supports the plan.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert [r["actor"] for r in json.loads(result.stdout)] == ["NOR"]
    for name, what in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "invalid UTF-8"),
        ("huge.txt", "too large"),
    ]:
        assert any(name in line and what in line for line in result.stderr.splitlines()), name


def test_into_appends_valid_statements(tmp_path: Path) -> None:
    dossier = tmp_path / "d.yaml"
    shutil.copy(EXAMPLES / "nato-tokyo-2023.yaml", dossier)
    article = tmp_path / "a.txt"
    article.write_text(
        "June 7, 2023 - Norway supports the NATO office in Tokyo, the liaison office plan.",
        encoding="utf-8",
    )
    before = len(load_dossier(dossier, Catalog.load()).statements)
    result = runner.invoke(app, ["ingest", str(article), "--into", str(dossier)])
    assert result.exit_code == 0, result.output
    after = load_dossier(dossier, Catalog.load()).statements
    assert len(after) == before + 1
    assert (after[-1].actor, after[-1].stance.value, after[-1].date.isoformat()) == (
        "NOR",
        "support",
        "2023-06-07",
    )


def _batch(tmp_path: Path) -> list[Path]:
    texts = ["Norway supports the plan.", "Greece objects to the plan.", "Spain abstained."]
    paths = []
    for i, t in enumerate(texts):
        p = tmp_path / f"{i}.txt"
        p.write_text(t, encoding="utf-8")
        paths.append(p)
    return paths


def test_workers_give_the_same_results_as_one_process(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    one = [r.statements for r in ingest_paths(paths)]
    two = [r.statements for r in ingest_paths(paths, workers=2)]
    assert one == two
    assert [s[0]["actor"] for s in one] == ["NOR", "GRC", "ESP"]


def test_batches_keep_order_and_bound_task_size() -> None:
    jobs: list[tuple[str, str | None]] = [(f"{i}.txt", None) for i in range(1000)]
    cut = batches(jobs, 2)
    assert [j for b in cut for j in b] == jobs
    assert max(len(b) for b in cut) <= 64 and len(cut) >= 8
    assert batches(jobs[:3], 2) == [[("0.txt", None)], [("1.txt", None)], [("2.txt", None)]]


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths = _batch(tmp_path)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        results = ingest_paths(paths, dask_address=cluster.scheduler_address)
    assert [r.statements[0]["stance"] for r in results] == ["support", "oppose", "neutral"]


def test_html_goes_through_trafilatura_and_htmldate(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2023-06-06">'
        "<title>t</title></head><body><nav>Go to home page</nav><article><h1>NATO office</h1>"
        "<p>French President Emmanuel Macron objects to a NATO proposal to open an office in "
        "Tokyo, according to a report in a British newspaper on the alliance debate.</p>"
        "<p>Chinese Foreign Ministry spokesman Wang Wenbin said the plan was not welcome in "
        "Asia and that the region did not need a replica of the alliance.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ingest", str(page), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["actor"], r["stance"], r["member"]) for r in rows} == {
        ("FRA", "oppose", True),
        ("CHN", "oppose", False),
    }
    assert {r["published"] for r in rows} == {"2023-06-06"}


def _two_articles(tmp_path: Path) -> list[Path]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = tmp_path / "a" / "tokyo.txt"
    a.write_text("France opposed the plan to open a NATO office in Tokyo.\n", encoding="utf-8")
    b = tmp_path / "b" / "veto.txt"
    b.write_text("Hungary blocked the sanctions package.\n", encoding="utf-8")
    return [a, b]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_urls_date_each_article_of_a_batch(tmp_path: Path, workers: str) -> None:
    a, b = _two_articles(tmp_path)
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# where the saved articles came from\n"
        "tokyo.txt https://news.example/2023/06/06/nato-tokyo\n"
        f"{b}, https://eu.example/2022/12/12/veto\n"
        "gone.txt https://x.example/2020/01/01/x\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["ingest", str(a), str(b), "--urls", str(listing), "--json", "--workers", workers]
    )
    assert result.exit_code == 0, result.output
    got = {(Path(r["file"]).name, r["published"], r["actor"]) for r in json.loads(result.stdout)}
    assert got == {("tokyo.txt", "2023-06-06", "FRA"), ("veto.txt", "2022-12-12", "HUN")}
    assert "--urls names no input file for: gone.txt" in result.stderr


def test_a_bad_url_list_line_is_named(tmp_path: Path) -> None:
    a, _ = _two_articles(tmp_path)
    listing = tmp_path / "urls.txt"
    listing.write_text("tokyo.txt https://news.example/x\ntokyo.txt\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(a), "--urls", str(listing)])
    assert result.exit_code == 2
    assert f"expected '<article file name> <http(s) URL>' ({listing}:2)" in result.stderr
    (tmp_path / "b" / "tokyo.txt").write_text("Spain backed it.\n", encoding="utf-8")
    listing.write_text("tokyo.txt https://news.example/x\n", encoding="utf-8")
    twice = runner.invoke(app, ["ingest", str(tmp_path), "--urls", str(listing)])
    assert twice.exit_code == 2
    assert "tokyo.txt names 2 input files: give their paths in the URL list" in twice.stderr
