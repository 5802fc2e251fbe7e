"""data/yamlio: libyaml gives the same values, lines and errors as the pure-Python loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from concord.data import yamlio
from concord.data.catalog import DATA_DIR
from concord.data.yamlio import LineDict, LineList, parse_yaml
from concord.model.errors import ConcordError
from tests.conftest import EXAMPLES


def _lines(doc: Any) -> Any:
    """The value with every line mark in it, to compare two parses."""
    if isinstance(doc, LineDict):
        return ("map", doc.line, {k: (doc.key_lines[k], _lines(v)) for k, v in doc.items()})
    if isinstance(doc, LineList):
        return ("seq", doc.line, doc.item_lines, [_lines(v) for v in doc])
    return doc


def _outcome(text: str, fast: bool) -> Any:
    try:
        return _lines(parse_yaml(text, "f.yaml", fast=fast))
    except ConcordError as exc:
        return str(exc)


FILES = sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA_DIR.glob("bodies/*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_real_files_read_the_same_with_their_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n\tb: 2\n",  # tab: PyYAML refuses some that libyaml accepts
        "k: x\t|\n",
        "k: |#\n",  # `#` right after a block scalar header
        "k: >-#c\n",
        "[a,\n b?c]\n",  # `?` inside a plain scalar in a flow collection
        "{a: 1,\n b?: 2}\n",
        "a: [x, {b: c?}]\n",
        "k: !\n",  # an empty scalar tagged `!` is null in PyYAML, '' in libyaml
        "- !\n- ! ''\n",
        "a\ufeff'x'\n#\n\ufeff",  # a byte order mark after the start
        "a: 1\na: 2\n",  # duplicate key
        "? [a]\n: 1\n",  # a key that is not a plain value
        "a: [1, 2\nb: 3\n",
        "{",
        "",
    ],
)
def test_known_differences_between_the_parsers_are_routed_to_pure_python(text: str) -> None:
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def test_deep_nesting_is_an_error_with_a_line_not_a_crash() -> None:
    """Regression: 300 nested `[` (600 bytes) raised RecursionError out of the loader."""
    for text in (
        "[" * 300 + "]" * 300,
        "- " * 300 + "x",
        "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)),
    ):
        for fast in (True, False):
            with pytest.raises(ConcordError, match=r"nested deeper than 100 levels") as err:
                parse_yaml(text, "deep.yaml", fast=fast)
            assert "deep.yaml:" in str(err.value)
    ok = "[" * yamlio.MAX_DEPTH + "]" * yamlio.MAX_DEPTH
    assert parse_yaml(ok, "ok.yaml") == parse_yaml(ok, "ok.yaml", fast=False)


def test_without_libyaml_the_pure_python_loader_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_FastLoader", None)
    doc = parse_yaml("a:\n  - 1\n  - x\n", "f.yaml")
    assert doc == {"a": [1, "x"]} and doc.key_lines == {"a": 1}
    assert doc["a"].item_lines == [2, 3]


def test_libyaml_is_used_for_valid_input(monkeypatch: pytest.MonkeyPatch) -> None:
    if yamlio._FastLoader is None:
        pytest.skip("PyYAML without libyaml")
    calls = []
    pure = yamlio._Loader

    class Counting(pure):  # type: ignore[misc, valid-type]
        def __init__(self, stream: Any) -> None:
            calls.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yamlio, "_Loader", Counting)
    parse_yaml((EXAMPLES / "nato-tokyo-2023.yaml").read_text(encoding="utf-8"), "t.yaml")
    assert calls == []  # valid input never reaches the pure-Python loader
    with pytest.raises(ConcordError):
        parse_yaml("a: [1\n", "bad.yaml")
    assert len(calls) == 1  # an error is reported by it
