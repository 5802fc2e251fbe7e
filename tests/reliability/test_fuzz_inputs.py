"""Hypothesis on the two places where outside text enters concord: dossier files and news.

Dossier loading (data/yamlio + store/dossier_files) on arbitrary bytes, arbitrary text,
random YAML documents and real dossiers with one subtree replaced by a random value may
raise only ConcordError (the CLI turns it into `error: … (file:line)`), never anything
else. Ingestion (services/ingestion) on arbitrary bytes and on news-like text, plain or
HTML, may raise nothing at all: a bad file becomes a result with an error. Short: a few
hundred inputs each; full (`make reliability`): 100,000 each.
"""

from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.data.catalog import Catalog
from concord.data.yamlio import parse_yaml
from concord.ingest.proposals import KnownProposal
from concord.model.errors import ConcordError
from concord.services import ingestion
from concord.services.ingestion import ingest_file, ingest_text
from concord.store.dossier_files import load_dossier, parse_dossier_text
from tests.conftest import EXAMPLES
from tests.reliability.conftest import FULL, Figures

# $CONCORD_FUZZ_EXAMPLES overrides the size (e.g. for a medium run by hand).
N = int(os.environ.get("CONCORD_FUZZ_EXAMPLES") or (100_000 if FULL else 150))
FUZZ = settings(
    max_examples=N,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# The small real dossier (YAML parsing is pure Python: the 22 KB ones cost 140 ms each).
SEED = yaml.safe_load((EXAMPLES / "nato-tokyo-2023.yaml").read_text(encoding="utf-8"))
COUNT: dict[str, int] = {}


def _count(name: str) -> None:
    COUNT[name] = COUNT.get(name, 0) + 1


def _only_concord_errors(fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except ConcordError as exc:
        assert str(exc), "a ConcordError must say what is wrong"


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2023-06-05", "2023-02-30", "FRA", "NATO-NAC", "oppose", "consensus", ""]),
)
documents = st.recursive(
    scalars,
    lambda kids: (
        st.lists(kids, max_size=4)
        | st.dictionaries(
            st.one_of(
                st.sampled_from(
                    ["proposal", "statements", "actor", "stance", "date", "source", "id", "body"]
                ),
                st.text(max_size=10),
                st.integers(),
            ),
            kids,
            max_size=5,
        )
    ),
    max_leaves=20,
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated_dossiers(draw: st.DrawFn) -> str:
    """A real dossier with one subtree replaced (or deleted), dumped back to YAML."""
    doc = copy.deepcopy(SEED)
    path = draw(st.sampled_from(_paths(doc)[1:]))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if draw(st.booleans()):
        parent[path[-1]] = draw(documents)
    elif isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    return yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), sort_keys=False)


@pytest.fixture(scope="module")
def tmp_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "dossier.yaml"


def test_dossier_bytes(catalog: Catalog, tmp_file: Path) -> None:
    @FUZZ
    @given(
        st.one_of(
            st.binary(max_size=2000),
            st.builds(lambda s: s.encode("utf-8"), st.text(max_size=500)),
            st.builds(
                lambda d, b: d.encode("utf-8")[: len(d)] + b,
                mutated_dossiers(),
                st.binary(max_size=20),
            ),
        )
    )
    def run(raw: bytes) -> None:
        tmp_file.write_bytes(raw)
        _only_concord_errors(load_dossier, tmp_file, catalog)
        _count("dossier bytes")

    run()


def test_dossier_text_and_documents(catalog: Catalog) -> None:
    @FUZZ
    @given(
        st.one_of(
            st.text(max_size=800),
            st.builds(lambda d: yaml.safe_dump(d, allow_unicode=True), documents),
            mutated_dossiers(),
        )
    )
    def run(text: str) -> None:
        _only_concord_errors(parse_dossier_text, text, catalog, "<fuzz>")
        _count("dossier text")

    run()


def test_yaml_reader_alone(catalog: Catalog) -> None:
    @FUZZ
    @given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"%@`#,? \n\tab1")), max_size=200))
    def run(text: str) -> None:
        _only_concord_errors(parse_yaml, text, "<fuzz>")
        _count("yaml syntax")

    run()


NEWS_WORDS = [
    "France", "Turkey", "Hungary", "Germany", "Sweden", "NATO", "allies", "the Council",
    "objects to", "blocks", "vetoed", "supports", "welcomes", "broke the silence",
    "silence procedure", "liaison office", "Tokyo", "accession", "on Monday", "June 5, 2023",
    "2023-06-05", "said", "President", "minister", '"', "«", "»", ".", ",", "\n", "\n\n",
]  # fmt: skip
news = st.lists(st.sampled_from(NEWS_WORDS), max_size=80).map(" ".join)
KNOWN = (KnownProposal("nato-tokyo-liaison-office-2023", "NATO-NAC", "liaison office Tokyo"),)


def test_ingestion_of_text(catalog: Catalog) -> None:
    @FUZZ
    @given(
        st.one_of(st.text(max_size=600), news),
        st.sampled_from(["fuzz.txt", "fuzz.txt", "fuzz.txt", "fuzz.html"]),
        st.sampled_from([None, "NATO-NAC", "UNSC"]),
    )
    def run(text: str, name: str, body: str | None) -> None:
        if name.endswith(".html") and not text.lstrip().startswith("<"):
            text = f"<html><body><p>{text}</p></body></html>"
        result = ingest_text(
            text, name, known=KNOWN, body=body, catalog=catalog, today=date(2023, 6, 6)
        )
        assert result.error is None or isinstance(result.error, str)
        _count("ingestion text")

    run()


def test_ingestion_of_files(tmp_file: Path) -> None:
    @FUZZ
    @given(st.one_of(st.binary(max_size=1500), news.map(lambda s: s.encode("utf-8"))))
    def run(raw: bytes) -> None:
        tmp_file.write_bytes(raw)
        result = ingest_file(str(tmp_file), KNOWN)
        assert result.file == str(tmp_file)
        if result.error is not None:
            assert str(tmp_file) in result.error
        _count("ingestion bytes")

    run()


def test_figures(figures: Figures) -> None:
    """Runs last in this module: records how many inputs each target took."""
    assert ingestion.MAX_BYTES > 0
    for name, n in COUNT.items():
        assert n >= min(N, 100), (name, n)
        figures[name] = n
