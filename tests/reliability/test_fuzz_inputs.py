"""Hypothesis on the two places where outside text enters concord: dossier files and news.

Dossier loading (data/yamlio + store/dossier_files) on arbitrary bytes, arbitrary text,
random YAML documents and real dossiers with one subtree replaced by a random value may
raise only ConcordError (the CLI turns it into `error: … (file:line)`), never anything
else. Ingestion (services/ingestion) on arbitrary bytes and on news-like text, plain or
HTML, may raise nothing at all: a bad file becomes a result with an error. Short: a few
hundred inputs each; full (`make reliability`): 100,000 each. Inputs are parsed from
memory (the file functions only add the read), so an example costs a few milliseconds.
The YAML reader is also checked against itself: libyaml and the pure-Python loader give
the same value or the same error for every input.
"""

from __future__ import annotations

import copy
import os
import time
from datetime import date
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.data.catalog import Catalog
from concord.data.yamlio import parse_yaml
from concord.ingest.proposals import KnownProposal
from concord.model.errors import ConcordError
from concord.services import ingestion
from concord.services.ingestion import ingest_bytes, ingest_text
from concord.store.dossier_files import load_dossier_bytes, parse_dossier_text
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
# The small real dossier, so that one mutation is a large part of the whole.
SEED = yaml.safe_load((EXAMPLES / "nato-tokyo-2023.yaml").read_text(encoding="utf-8"))
COUNT: dict[str, int] = {}
SECONDS: dict[str, float] = {}
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the generator's own speed


def _count(name: str) -> None:
    COUNT[name] = COUNT.get(name, 0) + 1


def _timed(name: str, run: Any) -> None:
    start = time.perf_counter()
    run()
    SECONDS[name] = round(time.perf_counter() - start, 1)


def _dump(doc: Any, unicode: bool = True) -> str:
    return str(yaml.dump(doc, Dumper=DUMPER, allow_unicode=unicode, sort_keys=False))


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
    return _dump(doc, draw(st.booleans()))


def test_dossier_bytes(catalog: Catalog) -> None:
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
        _only_concord_errors(load_dossier_bytes, raw, catalog, "fuzz.yaml")
        _count("dossier bytes")

    _timed("dossier bytes", run)


def test_dossier_text_and_documents(catalog: Catalog) -> None:
    @FUZZ
    @given(
        st.one_of(
            st.text(max_size=800),
            st.builds(_dump, documents),
            mutated_dossiers(),
        )
    )
    def run(text: str) -> None:
        _only_concord_errors(parse_dossier_text, text, catalog, "<fuzz>")
        _count("dossier text")

    _timed("dossier text", run)


def _parsed(text: str, fast: bool) -> tuple[str, str]:
    try:
        return "value", repr(parse_yaml(text, "<fuzz>", fast=fast))
    except ConcordError as exc:
        assert str(exc), "a ConcordError must say what is wrong"
        return "error", str(exc)


SYNTAX = list(":-[]{}&*!|>'\"%@`#,? \n\r\tab1.~0e\\é\ufeff\x85")


def test_yaml_reader_alone(catalog: Catalog) -> None:
    """Syntax soup: libyaml and PyYAML's own loader agree on every value and message."""

    @FUZZ
    @given(
        st.one_of(
            st.text(alphabet=st.sampled_from(SYNTAX), max_size=200),
            st.text(alphabet=st.sampled_from(list("[]{}?,:- \nab#'\"")), max_size=60),
            st.text(max_size=300),
        )
    )
    def run(text: str) -> None:
        assert _parsed(text, fast=True) == _parsed(text, fast=False), text
        _count("yaml syntax")

    _timed("yaml syntax", run)


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

    _timed("ingestion text", run)


def test_ingestion_of_files() -> None:
    @FUZZ
    @given(st.one_of(st.binary(max_size=1500), news.map(lambda s: s.encode("utf-8"))))
    def run(raw: bytes) -> None:
        result = ingest_bytes(raw, "fuzz.txt", KNOWN)
        assert result.file == "fuzz.txt"
        if result.error is not None:
            assert "fuzz.txt" in result.error
        _count("ingestion bytes")

    _timed("ingestion bytes", run)


def test_figures(figures: Figures) -> None:
    """Runs last in this module: records how many inputs each target took."""
    assert ingestion.MAX_BYTES > 0
    for name, n in COUNT.items():
        assert n >= min(N, 100), (name, n)
        figures[name] = n
        figures[f"{name} seconds"] = SECONDS[name]
